import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { InputError } from "../../core/errors.js";
import { localMultiplier } from "../methods/localMultiplier.js";
import { parseShare, readLm3SurveyCsv, readLm3SurveyFile } from "./lm3SurveyFile.js";

const folder = mkdtempSync(join(tmpdir(), "placefirst-lm3-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const header =
  "supplier,group,spend,supplier_spend_share,local_supplier_share,staff_share,local_staff_share,local_supplier_respend_share,local_staff_respend_share";

async function rowError(row: string): Promise<InputError> {
  try {
    await readLm3SurveyCsv(`${header}\n${row}\n`, "survey.csv");
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error(`reading the row did not throw: ${row}`);
}

describe("readLm3SurveyFile", () => {
  test("readLm3SurveyFile(survey) reads pounds as pence, shares and percentages, blanks as unanswered", async () => {
    const path = join(folder, "survey.csv");
    writeFileSync(
      path,
      `${header}\nBakery,Council,"£10,000.50",0.5,40%,0.3,0.8,0.25,12.5 %\nPrinter,,2500,,,,,,\n`,
    );
    expect(await readLm3SurveyFile(path)).toEqual([
      {
        supplierId: "Bakery",
        group: "Council",
        spendPence: 1_000_050,
        supplierSpendShare: 0.5,
        localSupplierShare: 0.4,
        staffShare: 0.3,
        localStaffShare: 0.8,
        localSupplierRespendShare: 0.25,
        localStaffRespendShare: 0.125,
      },
      { supplierId: "Printer", spendPence: 250_000 },
    ]);
  });

  test("readLm3SurveyFile(worked example) gives the LM3 of Sacks (2002)'s arithmetic", async () => {
    // One supplier paid £1,000: it spends half its income with suppliers, 40% of that locally
    // (£200), and 30% on staff, 80% of them local (£240): R2 = £440. Local suppliers re-spend a
    // quarter (£50) and local staff half (£120): R3 = £170. LM3 = (1000 + 440 + 170) / 1000.
    const rows = await readLm3SurveyCsv(
      `${header}\nBakery,,1000,0.5,40%,0.3,0.8,0.25,50%\n`,
      "survey.csv",
    );
    const result = localMultiplier(rows);
    expect(result.overall).toMatchObject({ r1Pence: 100_000, r2Pence: 44_000, r3Pence: 17_000 });
    expect(result.overall.lm3).toBeCloseTo(1.61, 12);
  });

  test("readLm3SurveyCsv(only the required columns, a buyer column) reads them", async () => {
    expect(await readLm3SurveyCsv("Supplier,Buyer,Spend\nA,Met Office,1\n", "s.csv")).toEqual([
      { supplierId: "A", group: "Met Office", spendPence: 100 },
    ]);
  });

  test("readLm3SurveyCsv(no spend column) names the column wanted", async () => {
    await expect(readLm3SurveyCsv("supplier,group\nA,B\n", "s.csv")).rejects.toThrow(
      /s\.csv, line 1: the header has no column "spend"/,
    );
  });

  test("readLm3SurveyCsv(header only) throws: no rows", async () => {
    await expect(readLm3SurveyCsv(`${header}\n`, "s.csv")).rejects.toThrow(/has no rows/);
  });

  test("readLm3SurveyFile(missing file) names it", async () => {
    await expect(readLm3SurveyFile(join(folder, "none.csv"))).rejects.toThrow(/no such file/);
  });

  test("readLm3SurveyCsv(bad spend) names the line, column and value", async () => {
    for (const spend of ["", "-10", "ten", "1.234"]) {
      const error = await rowError(`A,,${spend},,,,,,`);
      expect(error.location, spend).toEqual({
        file: "survey.csv",
        line: 2,
        field: "spend",
        value: spend,
      });
    }
  });

  test("readLm3SurveyCsv(a blank supplier) names the column", async () => {
    expect((await rowError(",,10,,,,,,")).location.field).toBe("supplier");
  });

  test("readLm3SurveyCsv(a share out of range or without its percent sign) names the column", async () => {
    for (const [row, field, value] of [
      ["A,,10,1.5,,,,,", "supplier_spend_share", "1.5"],
      ["A,,10,,40,,,,", "local_supplier_share", "40"],
      ["A,,10,,,,,120%,", "local_supplier_respend_share", "120%"],
      ["A,,10,,,,,,-0.1", "local_staff_respend_share", "-0.1"],
    ] as const) {
      const error = await rowError(row);
      expect(error.location, row).toMatchObject({ line: 2, field, value });
      expect(error.message).toMatch(/expected a share from 0 to 1, such as 0.4, or a percentage/);
    }
  });

  test("readLm3SurveyCsv(spending shares adding up to more than 1) names staff_share", async () => {
    const error = await rowError("A,,10,70%,,0.4,,,");
    expect(error.location).toMatchObject({ line: 2, field: "staff_share", value: "0.4" });
    expect(error.message).toMatch(/add up to 1 or less/);
    // Rounded percentages a hair over 1 are let through, as localMultiplier lets them.
    await expect(readLm3SurveyCsv(`${header}\nA,,10,0.7,,0.3,,,\n`, "s.csv")).resolves.toHaveLength(
      1,
    );
  });
});

describe("parseShare", () => {
  test("parseShare(text) reads shares and percentages from 0 to 1", () => {
    expect(["0", "1", ".4", "0.40", "40%", "0%", "100%", "12.5 %"].map(parseShare)).toEqual([
      0, 1, 0.4, 0.4, 0.4, 0, 1, 0.125,
    ]);
  });

  test("parseShare(out of range or not a number) is undefined", () => {
    expect(["1.01", "101%", "40", "-0.1", "x", "", "%"].map(parseShare)).toEqual(
      Array(7).fill(undefined),
    );
  });
});
