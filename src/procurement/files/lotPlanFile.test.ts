import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { InputError } from "../../core/errors.js";
import { parseLotPlan, readLotPlanFile } from "./lotPlanFile.js";

const folder = mkdtempSync(join(tmpdir(), "placefirst-lots-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function planError(plan: unknown): InputError {
  try {
    parseLotPlan(typeof plan === "string" ? plan : JSON.stringify(plan, null, 2), "plan.json");
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error(`parsing did not throw: ${JSON.stringify(plan)}`);
}

const item = (overrides: Record<string, unknown> = {}) => ({
  id: "roofs",
  cpv: "45261000-4",
  value: 180000,
  ...overrides,
});

describe("readLotPlanFile", () => {
  test("readLotPlanFile(plan) reads pounds as pence and normalises CPV codes", async () => {
    const path = join(folder, "plan.json");
    writeFileSync(
      path,
      JSON.stringify({
        title: "School repairs",
        maxLots: 3,
        minLotValue: 25000.5,
        items: [
          { id: "roofs", description: "Roof repairs", cpv: "45261000-4", value: 180000 },
          { id: 2, cpv: 45310000, value: "£1,250.75" },
          { id: "cleaning", cpv: "90", value: 0 },
        ],
      }),
    );
    expect(await readLotPlanFile(path)).toEqual({
      title: "School repairs",
      maxLots: 3,
      minLotValuePence: 2_500_050,
      items: [
        { id: "roofs", description: "Roof repairs", cpvCode: "45261000", valuePence: 18_000_000 },
        { id: "2", cpvCode: "45310000", valuePence: 125_075 },
        { id: "cleaning", cpvCode: "90", valuePence: 0 },
      ],
    });
  });

  test("readLotPlanFile(only items) leaves the limits out", async () => {
    expect(parseLotPlan(JSON.stringify({ items: [item()] }), "plan.json")).toEqual({
      items: [{ id: "roofs", cpvCode: "45261000", valuePence: 18_000_000 }],
    });
  });

  test("readLotPlanFile(missing file) names it", async () => {
    await expect(readLotPlanFile(join(folder, "none.json"))).rejects.toThrow(
      /none\.json: there is no such file/,
    );
  });

  test("parseLotPlan(bad JSON) names the line of the syntax error", () => {
    const error = planError('{\n  "items": [\n    { "id": "a", }\n  ]\n}');
    expect(error.location.file).toBe("plan.json");
    expect(error.location.line).toBe(3);
    expect(error.message).toMatch(/expected a JSON lot plan/);
  });

  test("parseLotPlan(a bad value) names its JSON path as the field", () => {
    const error = planError({ items: [item({ id: "a" }), item({ id: "b" }), item({ value: -1 })] });
    expect(error.location).toEqual({ file: "plan.json", field: "items[2].value", value: "-1" });
    expect(error.message).toMatch(/expected an amount in pounds, 0 or more/);
    expect(planError({ items: [item({ value: 10.005 })] }).location.field).toBe("items[0].value");
    expect(planError({ items: [item({ value: null })] }).location.field).toBe("items[0].value");
  });

  test("parseLotPlan(a bad CPV code) keeps the parser's reason", () => {
    const error = planError({ items: [item({ cpv: "46000000" })] });
    expect(error.location).toMatchObject({ field: "items[0].cpv", value: "46000000" });
    expect(error.message).toMatch(/46 is not a CPV 2008 division/);
  });

  test("parseLotPlan(a repeated item id) names the earlier item", () => {
    const error = planError({ items: [item(), item({ value: 5 })] });
    expect(error.location.field).toBe("items[1].id");
    expect(error.message).toMatch(/the id was used before, by items\[0\]/);
  });

  test("parseLotPlan(bad limits, no items, an unknown field) names the field", () => {
    expect(planError({ maxLots: 0, items: [item()] }).location.field).toBe("maxLots");
    expect(planError({ maxLots: 1.5, items: [item()] }).location.field).toBe("maxLots");
    expect(planError({ minLotValue: "lots", items: [item()] }).location.field).toBe("minLotValue");
    expect(planError({ items: [] }).message).toMatch(/field "items": expected at least one item/);
    expect(planError({}).location.field).toBe("items");
    expect(planError({ maxlots: 2, items: [item()] }).location.field).toBe("maxlots");
    const nested = planError({ items: [item({ price: 3 })] });
    expect(nested.location.field).toBe("items[0].price");
    expect(nested.message).toMatch(/unknown field; expected id, description, cpv and value/);
    expect(planError([]).message).toMatch(/^plan\.json: expected a JSON object, such as/);
    expect(planError({ items: [item({ id: " " })] }).message).toMatch(/expected the item's id/);
  });
});
