import { describe, expect, test } from "vitest";
import { colourScale } from "./colourScale.js";

const blues = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"];
const grey = "#f3f2f1";

function values(entries: [string, number | undefined][]): Map<string, number | undefined> {
  return new Map(entries);
}

describe("colourScale", () => {
  const ten = values(Array.from({ length: 10 }, (_, index) => [`P${index}`, index * 10]));

  test("colourScale(values) maps the smallest value to the first class and the largest to the last", () => {
    const scale = colourScale(ten);
    expect(scale.fill("P0")).toBe(blues[0]);
    expect(scale.fill("P9")).toBe(blues[4]);
  });

  test("colourScale(values) puts two values in each quintile of ten", () => {
    const scale = colourScale(ten);
    const fills = Array.from({ length: 10 }, (_, index) => scale.fill(`P${index}`));
    for (const colour of blues) expect(fills.filter((fill) => fill === colour)).toHaveLength(2);
  });

  test("colourScale(values) colours missing values and unknown codes light grey", () => {
    const scale = colourScale(
      values([
        ["A", 1],
        ["B", undefined],
        ["C", Number.NaN],
        ["D", 3],
      ]),
    );
    expect(scale.fill("B")).toBe(grey);
    expect(scale.fill("C")).toBe(grey);
    expect(scale.fill("Z")).toBe(grey);
    expect(scale.hasValue("A")).toBe(true);
    expect(scale.hasValue("B")).toBe(false);
    expect(scale.hasValue("Z")).toBe(false);
  });

  test("colourScale(values, {polarity: -1}) reverses the palette", () => {
    const scale = colourScale(ten, { polarity: -1 });
    expect(scale.fill("P0")).toBe(blues[4]);
    expect(scale.fill("P9")).toBe(blues[0]);
    expect(scale.legend[0]!.colour).toBe(blues[4]);
  });

  test("colourScale(values) describes five classes in its legend, then No data when any is missing", () => {
    const complete = colourScale(ten);
    expect(complete.legend.map((entry) => entry.colour)).toEqual(blues);
    expect(complete.legend[0]!.label).toBe("0 to 18");
    expect(complete.legend[4]!.label).toBe("72 to 90");
    const withMissing = colourScale(new Map([...ten, ["X", undefined]]));
    expect(withMissing.legend).toHaveLength(6);
    expect(withMissing.legend[5]).toEqual({ colour: grey, label: "No data" });
  });

  test("colourScale(values, {unit}) formats the legend with the unit", () => {
    const scale = colourScale(
      values([
        ["A", 21000],
        ["B", 25000],
      ]),
      { unit: "£" },
    );
    expect(scale.legend[0]!.label).toBe("£21,000 to £21,800");
  });

  test("colourScale(equal values) puts them all in the middle class", () => {
    const scale = colourScale(
      values([
        ["A", 5],
        ["B", 5],
      ]),
    );
    expect(scale.fill("A")).toBe(blues[2]);
    expect(scale.legend).toEqual([{ colour: blues[2], label: "5" }]);
  });

  test("colourScale(values tied at the minimum) keeps the minimum in the first class", () => {
    const scale = colourScale(
      values([
        ["A", 1],
        ["B", 1],
        ["C", 1],
        ["D", 1],
        ["E", 9],
      ]),
    );
    expect(scale.fill("A")).toBe(blues[0]);
    expect(scale.fill("E")).toBe(blues[4]);
    // The empty classes between are left out of the legend.
    expect(scale.legend.map((entry) => entry.colour)).toEqual([blues[0], blues[4]]);
  });

  test("colourScale(no values) colours everything grey and has a No data legend", () => {
    const scale = colourScale(values([["A", undefined]]));
    expect(scale.fill("A")).toBe(grey);
    expect(scale.legend).toEqual([{ colour: grey, label: "No data" }]);
    expect(colourScale(new Map()).legend).toEqual([]);
  });

  test('colourScale(values, {scheme: "diverging"}) centres the palette on the midpoint', () => {
    const scale = colourScale(
      values([
        ["A", -10],
        ["B", 0],
        ["C", 4],
        ["D", 10],
      ]),
      {
        scheme: "diverging",
      },
    );
    expect(scale.fill("A")).toBe("#ca0020");
    expect(scale.fill("B")).toBe("#f7f7f7");
    expect(scale.fill("D")).toBe("#0571b0");
    expect(scale.legend).toHaveLength(5);
    expect(scale.legend[2]!.label).toBe("-2 to 2");
  });

  test('colourScale(values, {scheme: "diverging", polarity: -1}) makes high values red', () => {
    const scale = colourScale(
      values([
        ["A", -10],
        ["D", 10],
      ]),
      { scheme: "diverging", polarity: -1 },
    );
    expect(scale.fill("A")).toBe("#0571b0");
    expect(scale.fill("D")).toBe("#ca0020");
  });
});
