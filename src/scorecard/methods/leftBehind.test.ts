import { describe, expect, test } from "vitest";
import { defaultLeftBehindRules, leftBehind } from "./leftBehind.js";
import type { LeftBehindInput, LeftBehindRule } from "./leftBehind.js";

function input(
  values: Record<string, number | undefined>,
  references: Record<string, number | undefined>,
): LeftBehindInput {
  return {
    values: new Map(Object.entries(values)),
    references: new Map(Object.entries(references)),
  };
}

// A national picture at realistic UK magnitudes.
const national = {
  gva_per_head: 30_000,
  median_weekly_pay: 680,
  unemployment_rate: 4.2,
};

describe("leftBehind", () => {
  test("leftBehind(place, defaultLeftBehindRules) flags GVA per head below 80% of the national level", () => {
    // 80% of £30,000 is £24,000; £23,000 is below it. Pay £600 is 88% of £680: not flagged.
    // Unemployment 5.0% is 0.8 point above 4.2%: not flagged. 12% of neighbourhoods < 20%.
    const result = leftBehind(
      input(
        {
          gva_per_head: 23_000,
          median_weekly_pay: 600,
          unemployment_rate: 5,
          deprived_neighbourhood_share: 12,
        },
        national,
      ),
      defaultLeftBehindRules,
    );
    expect(result.leftBehind).toBe(true);
    expect(result.reasons).toEqual([
      {
        indicatorId: "gva_per_head",
        label: "GVA per head below 80% of the national or regional level",
        value: 23_000,
        reference: 30_000,
        limit: 24_000,
        kind: "ratioBelow",
      },
    ]);
    expect(result.unknown).toEqual([]);
    expect(result.conclusive).toBe(true);
  });

  test("leftBehind(place, defaultLeftBehindRules) flags every rule a struggling town crosses", () => {
    // Pay £540 < 0.8 × £680 = £544; unemployment 5.4 - 4.2 = 1.2 points ≥ 1; 25% ≥ 20%.
    const result = leftBehind(
      input(
        {
          gva_per_head: 26_000,
          median_weekly_pay: 540,
          unemployment_rate: 5.4,
          deprived_neighbourhood_share: 25,
        },
        national,
      ),
      defaultLeftBehindRules,
    );
    expect(result.reasons.map((reason) => reason.indicatorId)).toEqual([
      "median_weekly_pay",
      "unemployment_rate",
      "deprived_neighbourhood_share",
    ]);
    expect(result.reasons[1]?.limit).toBeCloseTo(5.2, 12);
    expect(result.reasons[2]).toEqual({
      indicatorId: "deprived_neighbourhood_share",
      label: "At least 20% of neighbourhoods in the most deprived tenth",
      value: 25,
      limit: 20,
      kind: "flagAtLeast",
    });
  });

  test("leftBehind(place, rules) judges values exactly on a limit as the rule's words say", () => {
    // Exactly 80% is not below 80%; exactly one point above is at least one point above;
    // exactly 20% is at least 20%.
    const onLimits = leftBehind(
      input(
        {
          gva_per_head: 24_000,
          median_weekly_pay: 700,
          unemployment_rate: 5.2,
          deprived_neighbourhood_share: 20,
        },
        national,
      ),
      defaultLeftBehindRules,
    );
    expect(onLimits.reasons.map((reason) => reason.indicatorId)).toEqual([
      "unemployment_rate",
      "deprived_neighbourhood_share",
    ]);
    // In binary floating point 4.1 - 3.1 is 0.9999999999999996: still one point above.
    const difference: LeftBehindRule = {
      indicatorId: "x",
      kind: "differenceAbove",
      threshold: 1,
      label: "x",
    };
    expect(leftBehind(input({ x: 4.1 }, { x: 3.1 }), [difference]).leftBehind).toBe(true);
    expect(leftBehind(input({ x: 4.09 }, { x: 3.1 }), [difference]).leftBehind).toBe(false);
    // And 0.8 × 3 is 2.4000000000000004: 2.4 is on the limit, not below it.
    const ratio: LeftBehindRule = {
      indicatorId: "x",
      kind: "ratioBelow",
      threshold: 0.8,
      label: "x",
    };
    expect(leftBehind(input({ x: 2.4 }, { x: 3 }), [ratio]).leftBehind).toBe(false);
    expect(leftBehind(input({ x: 2.39 }, { x: 3 }), [ratio]).leftBehind).toBe(true);
  });

  test("leftBehind(place, rules) lists rules with a missing value or reference as unknown, never as passed", () => {
    const result = leftBehind(
      input(
        { gva_per_head: 29_000, median_weekly_pay: Number.NaN, unemployment_rate: 6 },
        { gva_per_head: 30_000, median_weekly_pay: 680 },
      ),
      defaultLeftBehindRules,
    );
    expect(result.leftBehind).toBe(false);
    expect(result.reasons).toEqual([]);
    expect(result.unknown).toEqual([
      "median_weekly_pay",
      "unemployment_rate",
      "deprived_neighbourhood_share",
    ]);
    // Any of the unknown rules could have flagged it.
    expect(result.conclusive).toBe(false);
  });

  test("leftBehind(place, rules) with no values at all is not flagged and not conclusive", () => {
    const result = leftBehind(input({}, {}), defaultLeftBehindRules);
    expect(result.leftBehind).toBe(false);
    expect(result.unknown).toHaveLength(4);
    expect(result.conclusive).toBe(false);
  });

  test("leftBehind(place, []) with no rules is not flagged and conclusive", () => {
    expect(leftBehind(input({ gva_per_head: 1 }, {}), [])).toEqual({
      leftBehind: false,
      reasons: [],
      unknown: [],
      conclusive: true,
    });
  });

  test("leftBehind(place, rules) cannot check a ratio to a zero or negative reference", () => {
    const rule: LeftBehindRule = {
      indicatorId: "x",
      kind: "ratioBelow",
      threshold: 0.8,
      label: "x",
    };
    expect(leftBehind(input({ x: -5 }, { x: 0 }), [rule]).unknown).toEqual(["x"]);
    expect(leftBehind(input({ x: -5 }, { x: -1 }), [rule]).unknown).toEqual(["x"]);
  });

  test("leftBehind(place, rules) needs no reference for a flagAtLeast rule", () => {
    const rule: LeftBehindRule = {
      indicatorId: "deprived_neighbourhood_share",
      kind: "flagAtLeast",
      threshold: 50,
      label: "Most neighbourhoods in the most deprived tenth",
    };
    const result = leftBehind(input({ deprived_neighbourhood_share: 60 }, {}), [rule]);
    expect(result.leftBehind).toBe(true);
    expect(result.reasons[0]?.reference).toBeUndefined();
  });

  test("leftBehind(place, rules, {minimumReasons: 2}) needs two reasons", () => {
    const values = { gva_per_head: 20_000, median_weekly_pay: 700, unemployment_rate: 4 };
    const one = leftBehind(input(values, national), defaultLeftBehindRules, {
      minimumReasons: 2,
    });
    expect(one.leftBehind).toBe(false);
    expect(one.reasons).toHaveLength(1);
    // The missing deprivation share could be the second reason.
    expect(one.unknown).toEqual(["deprived_neighbourhood_share"]);
    expect(one.conclusive).toBe(false);
    const two = leftBehind(
      input({ ...values, deprived_neighbourhood_share: 30 }, national),
      defaultLeftBehindRules,
      { minimumReasons: 2 },
    );
    expect(two.leftBehind).toBe(true);
    expect(two.conclusive).toBe(true);
    const checked = leftBehind(
      input({ ...values, deprived_neighbourhood_share: 5 }, national),
      defaultLeftBehindRules,
      { minimumReasons: 2 },
    );
    expect(checked.leftBehind).toBe(false);
    expect(checked.conclusive).toBe(true);
  });

  test("defaultLeftBehindRules use the demo indicator ids", () => {
    expect(
      defaultLeftBehindRules.map((rule) => [rule.indicatorId, rule.kind, rule.threshold]),
    ).toEqual([
      ["gva_per_head", "ratioBelow", 0.8],
      ["median_weekly_pay", "ratioBelow", 0.8],
      ["unemployment_rate", "differenceAbove", 1],
      ["deprived_neighbourhood_share", "flagAtLeast", 20],
    ]);
  });

  test("leftBehind(place, rules, options) throws on bad rules and options", () => {
    const place = input({ x: 1 }, { x: 1 });
    const rule = (kind: string, threshold: number) =>
      [{ indicatorId: "x", kind, threshold, label: "x" } as LeftBehindRule] as const;
    expect(() => leftBehind(place, rule("ratioAbove", 1))).toThrow(RangeError);
    expect(() => leftBehind(place, rule("ratioBelow", 0))).toThrow(RangeError);
    expect(() => leftBehind(place, rule("differenceAbove", Number.NaN))).toThrow(RangeError);
    expect(() => leftBehind(place, rule("flagAtLeast", Infinity))).toThrow(RangeError);
    expect(() => leftBehind(place, [], { minimumReasons: 0 })).toThrow(RangeError);
    expect(() => leftBehind(place, [], { minimumReasons: 1.5 })).toThrow(RangeError);
  });
});
