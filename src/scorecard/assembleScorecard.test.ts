import { describe, expect, test } from "vitest";
import { InputError } from "../core/errors.js";
import { assembleScorecard } from "./assembleScorecard.js";
import { parseFramework } from "./framework.js";

const framework = parseFramework(
  JSON.stringify({
    name: "Test",
    period: "2023",
    goals: [
      { id: "economy", indicators: [{ id: "pay", polarity: 1 }, { id: "gva" }] },
      {
        id: "planet",
        indicators: [
          { id: "co2", polarity: -1, period: "2020" },
          { id: "nothing", polarity: 1 },
        ],
      },
    ],
  }),
  "test.json",
);

const rows = [
  { placeCode: "A", indicatorId: "pay", period: "2023", value: 600 },
  { placeCode: "B", indicatorId: "pay", period: "2023", value: 500 },
  { placeCode: "A", indicatorId: "pay", period: "2022", value: 1 },
  // gva has no 2023: the period most places have (2021, two places) wins over 2022 (one place).
  { placeCode: "A", indicatorId: "gva", period: "2021", value: 30 },
  { placeCode: "B", indicatorId: "gva", period: "2021", value: null },
  { placeCode: "B", indicatorId: "gva", period: "2022", value: 28 },
  { placeCode: "C", indicatorId: "gva", period: "2021", value: 25 },
  // co2 asks for 2020, which is missing: the most-covered period is used, with a warning.
  { placeCode: "A", indicatorId: "co2", period: "2019", value: 5 },
  { placeCode: "Z", indicatorId: "pay", period: "2023", value: 999 },
];

describe("assembleScorecard", () => {
  test("assembleScorecard(framework, places, rows) lays out values at the chosen periods", () => {
    const assembled = assembleScorecard(framework, ["A", "B", "C"], rows, new Map([["gva", 1]]));
    expect(assembled.input.indicatorIds).toEqual(["pay", "gva", "co2", "nothing"]);
    expect(assembled.periods).toEqual({ pay: "2023", gva: "2021", co2: "2019", nothing: null });
    expect(Array.from(assembled.input.values)).toEqual([
      600,
      30,
      5,
      Number.NaN,
      500,
      Number.NaN,
      Number.NaN,
      Number.NaN,
      Number.NaN,
      25,
      Number.NaN,
      Number.NaN,
    ]);
    expect(assembled.warnings).toEqual([
      "No data for co2 in 2020; scored at 2019.",
      "No data for the indicator nothing: it is left out of every score.",
    ]);
    expect(assembled.input.goals[0]!.indicators![1]).toEqual({ id: "gva", polarity: 1, weight: 1 });
  });

  test("assembleScorecard asks for a polarity the framework and the store do not give", () => {
    expect(() => assembleScorecard(framework, ["A"], rows)).toThrow(InputError);
    expect(() => assembleScorecard(framework, ["A"], rows)).toThrow(
      /the indicator gva needs a polarity/,
    );
  });
});
