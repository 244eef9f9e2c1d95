import { describe, expect, test } from "vitest";
import { InputError } from "../../core/errors.js";
import { sectorPlan } from "./sectorPlan.js";

describe("sectorPlan", () => {
  test("carries each trend on and adds the chosen industries' jobs: a worked example", () => {
    // Manufacturing 1,000 in 2019 and 900 in 2024: −20 a year, so −100 over 5 years, plus 250
    // added as a chosen opportunity: 1,050. Care 500 to 600: +20 a year, 700. Digital is new
    // to the place: 0 now, 120 added.
    expect(
      sectorPlan(
        [
          { industry: "C", baseline: 900, earlier: 1000 },
          { industry: "Q", baseline: 600, earlier: 500 },
        ],
        { years: 5, trendYears: 5, added: { C: 250, J: 120 } },
      ),
    ).toEqual([
      { industry: "C", baseline: 900, target: 1050 },
      { industry: "Q", baseline: 600, target: 700 },
      { industry: "J", baseline: 0, target: 120 },
    ]);
  });

  test("without a trend or added jobs the target is the baseline; a decline stops at 0", () => {
    const history = [
      { industry: "10", baseline: 40, earlier: 100 },
      { industry: "86", baseline: 300, earlier: 300 },
    ];
    expect(sectorPlan(history, { years: 3 }).map((row) => row.target)).toEqual([40, 300]);
    // −12 a year over 10 years would be −120 from 40: floored at 0.
    expect(sectorPlan(history, { years: 10, trendYears: 5 })[0]!.target).toBe(0);
    expect(sectorPlan(history, { years: 1, added: { "10": -100 } })[0]!.target).toBe(0);
  });

  test("scaling employment scales the plan (above the floor)", () => {
    const history = [
      { industry: "A", baseline: 120, earlier: 100 },
      { industry: "B", baseline: 80, earlier: 90 },
    ];
    const once = sectorPlan(history, { years: 4, trendYears: 2 });
    const thrice = sectorPlan(
      history.map((row) => ({ ...row, baseline: row.baseline * 3, earlier: row.earlier * 3 })),
      { years: 4, trendYears: 2 },
    );
    thrice.forEach((row, index) => expect(row.target).toBeCloseTo(once[index]!.target * 3, 9));
  });

  test("a bad horizon, trend span, employment or added change is an InputError", () => {
    const history = [{ industry: "A", baseline: 1 }];
    expect(() => sectorPlan(history, { years: 0 })).toThrow(InputError);
    expect(() => sectorPlan(history, { years: 5, trendYears: -1 })).toThrow(/trend/);
    expect(() => sectorPlan([{ industry: "A", baseline: -1 }], { years: 5 })).toThrow(/0 or more/);
    expect(() => sectorPlan(history, { years: 5, added: { A: Number.NaN } })).toThrow(/number/);
  });
});
