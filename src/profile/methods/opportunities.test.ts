import { describe, expect, test } from "vitest";
import { uniformStream } from "../../../test/helpers/random.js";
import {
  opportunities,
  opportunityCriteria,
  opportunityDensityThreshold,
} from "./opportunities.js";
import type {
  OpportunityIndustry,
  OpportunityOptions,
  RankedOpportunity,
} from "./opportunities.js";

/** The result for one industry code. */
function byCode(results: readonly RankedOpportunity[], code: string): RankedOpportunity {
  const found = results.find((result) => result.code === code);
  if (found === undefined) throw new Error(`no result for ${code}`);
  return found;
}

/** Random industries with every criterion, some values missing, a few specialised. */
function randomIndustries(seed: number, count: number): OpportunityIndustry[] {
  const next = uniformStream(seed);
  return Array.from({ length: count }, (_, index) => ({
    code: `I${String(index).padStart(3, "0")}`,
    name: `Industry ${index}`,
    rca: next() < 0.25 ? 1 + next() * 3 : next(),
    density: next() < 0.05 ? Number.NaN : next(),
    values: Object.fromEntries(
      opportunityCriteria.map((criterion) => [
        criterion,
        next() < 0.15 ? null : criterion === "foundational" ? Math.round(next()) : next() * 1000,
      ]),
    ),
  }));
}

describe("opportunities", () => {
  // The worked example of docs/methods/opportunities.md: a place with four industries, three
  // criteria weighted pay 2, emissions 1, skills access 1 (normalised 0.5, 0.25, 0.25).
  //
  //   code  rca   density  pay  emissions  skillsAccess
  //   S     1.6   0.40     600  900        0.5          specialised (RCA >= 1)
  //   A     0.3   0.20     700   50        0.2          candidate
  //   B     0.8   0.30     400  100        0.8          candidate
  //   C     0.5   0.10     500  300        (missing)    candidate
  //
  // Density cut: the median of the candidates' densities 0.1, 0.2, 0.3 = 0.2. S is specialised
  // with 0.4 >= 0.2: strength. A (0.2) and B (0.3) are opportunities; C (0.1) a possible entrant.
  //
  // Scales over the candidates A, B, C:
  //   pay 400..700:        A 100, B 0, C 100 (500 - 400) / 300 = 33.333; S 66.667
  //   emissions 50..300, reversed 100 (300 - x) / 250: A 100, B 80, C 0; S -240, clamped to 0
  //   skillsAccess 0.2..0.8 (A, B only): A 0, B 100, C missing; S 50
  //   feasibility 0.1..0.3: A 50, B 100, C 0; S 150, clamped to 100
  //
  // Attractiveness:
  //   A = 0.5 x 100 + 0.25 x 100 + 0.25 x 0 = 75
  //   B = 0.5 x 0 + 0.25 x 80 + 0.25 x 100 = 45
  //   C: skills access missing, so pay 2/3 and emissions 1/3: 2/3 x 33.333 + 1/3 x 0 = 22.222
  //   S = 0.5 x 66.667 + 0.25 x 0 + 0.25 x 50 = 45.833
  // Score with feasibilityWeight 0.5:
  //   A = 0.5 x 50 + 0.5 x 75 = 62.5; B = 0.5 x 100 + 0.5 x 45 = 72.5;
  //   C = 0.5 x 0 + 0.5 x 22.222 = 11.111; S = 0.5 x 100 + 0.5 x 45.833 = 72.917 (not ranked)
  // Ranks: B 1, A 2, C 3.
  const example: OpportunityIndustry[] = [
    {
      code: "S",
      name: "Steel",
      rca: 1.6,
      density: 0.4,
      values: { pay: 600, emissions: 900, skillsAccess: 0.5 },
    },
    {
      code: "A",
      name: "Software",
      rca: 0.3,
      density: 0.2,
      values: { pay: 700, emissions: 50, skillsAccess: 0.2 },
    },
    {
      code: "B",
      name: "Care",
      rca: 0.8,
      density: 0.3,
      values: { pay: 400, emissions: 100, skillsAccess: 0.8 },
    },
    {
      code: "C",
      name: "Logistics",
      rca: 0.5,
      density: 0.1,
      values: { pay: 500, emissions: 300, skillsAccess: null },
    },
  ];
  const exampleWeights: OpportunityOptions["weights"] = { pay: 2, emissions: 1, skillsAccess: 1 };

  test("opportunities(industries, { weights }) works the four-industry example by hand", () => {
    const results = opportunities(example, { weights: exampleWeights });
    expect(results.map((result) => result.code)).toEqual(["B", "A", "C", "S"]);
    expect(results.map((result) => result.rank)).toEqual([1, 2, 3, null]);
    expect(results.map((result) => result.classification)).toEqual([
      "opportunity",
      "opportunity",
      "possible entrant",
      "strength",
    ]);
    const expected: Record<string, [number, number, number]> = {
      A: [50, 75, 62.5],
      B: [100, 45, 72.5],
      C: [0, 200 / 9, 100 / 9],
      S: [100, 45 + 5 / 6, 72.5 + 5 / 12],
    };
    for (const [code, [feasibility, attractiveness, score]] of Object.entries(expected)) {
      const result = byCode(results, code);
      expect(result.scaledFeasibility).toBeCloseTo(feasibility, 10);
      expect(result.attractiveness).toBeCloseTo(attractiveness, 10);
      expect(result.score).toBeCloseTo(score, 10);
    }
    const c = byCode(results, "C");
    expect(c.rca).toBe(0.5);
    expect(c.feasibility).toBe(0.1);
    expect(c.contributions.map((entry) => entry.criterion)).toEqual([
      "pay",
      "skillsAccess",
      "emissions",
    ]);
    const [pay, skills, emissions] = c.contributions;
    expect(pay).toMatchObject({ value: 500, priorityWeight: 2 });
    expect(pay!.scaled).toBeCloseTo(100 / 3, 10);
    expect(pay!.weight).toBeCloseTo(2 / 3, 12);
    expect(pay!.contribution).toBeCloseTo(200 / 9, 10);
    expect(skills).toEqual({
      criterion: "skillsAccess",
      value: null,
      scaled: null,
      priorityWeight: 1,
      weight: 0,
      contribution: 0,
    });
    expect(emissions).toMatchObject({ value: 300, scaled: 0, priorityWeight: 1, contribution: 0 });
    expect(emissions!.weight).toBeCloseTo(1 / 3, 12);
    // The strength's values outside the candidates' range are clamped onto 0..100.
    const s = byCode(results, "S");
    expect(s.contributions.map((entry) => entry.scaled)).toEqual([
      expect.closeTo(200 / 3, 10),
      expect.closeTo(50, 10),
      0,
    ]);
  });

  test("opportunities(industries, { feasibilityWeight }) trades feasibility for attractiveness", () => {
    // With 0.2: A = 0.2 x 50 + 0.8 x 75 = 70, B = 0.2 x 100 + 0.8 x 45 = 56, C = 0.8 x 22.222.
    const results = opportunities(example, { weights: exampleWeights, feasibilityWeight: 0.2 });
    expect(results.map((result) => result.code)).toEqual(["A", "B", "C", "S"]);
    expect(byCode(results, "A").score).toBeCloseTo(70, 10);
    expect(byCode(results, "B").score).toBeCloseTo(56, 10);
    expect(byCode(results, "C").score).toBeCloseTo(160 / 9, 10);
    // 1 ranks by feasibility alone, 0 by attractiveness alone.
    const feasibilityOnly = opportunities(example, {
      weights: exampleWeights,
      feasibilityWeight: 1,
    });
    expect(feasibilityOnly.map((result) => result.code)).toEqual(["B", "A", "C", "S"]);
    const attractivenessOnly = opportunities(example, {
      weights: exampleWeights,
      feasibilityWeight: 0,
    });
    expect(attractivenessOnly.map((result) => result.code)).toEqual(["A", "B", "C", "S"]);
    expect(byCode(attractivenessOnly, "B").score).toBeCloseTo(45, 10);
  });

  test("opportunities(industries, { densityThreshold, presenceThreshold }) classifies by the thresholds given", () => {
    // Cut 0.35: only S (0.4) is feasible. Presence at 0.7: B (0.8) joins S as specialised,
    // and the scales are then taken over A and C alone.
    const cut = opportunities(example, { weights: exampleWeights, densityThreshold: 0.35 });
    expect(cut.map((result) => [result.code, result.classification])).toEqual([
      ["B", "possible entrant"],
      ["A", "possible entrant"],
      ["C", "possible entrant"],
      ["S", "strength"],
    ]);
    const presence = opportunities(example, { weights: exampleWeights, presenceThreshold: 0.7 });
    // Candidates A and C: densities 0.2, 0.1, median 0.15. S (0.4) and B (0.3) are strengths.
    expect(presence.map((result) => [result.code, result.classification, result.rank])).toEqual([
      ["A", "opportunity", 1],
      ["C", "possible entrant", 2],
      ["S", "strength", null],
      ["B", "strength", null],
    ]);
    // Pay over A and C is 500..700, so C scales to 0; emissions 50..300, C 0; skills access is
    // A's alone (a single value: 50).
    expect(byCode(presence, "C").attractiveness).toBe(0);
    expect(byCode(presence, "A").attractiveness).toBeCloseTo(0.5 * 100 + 0.25 * 100 + 0.25 * 50);
    // A present industry with low density is a weakness.
    const weak = opportunities(example, {
      weights: exampleWeights,
      presenceThreshold: 0.7,
      densityThreshold: 0.35,
    });
    expect(byCode(weak, "B").classification).toBe("weakness");
    expect(byCode(weak, "S").classification).toBe("strength");
  });

  test("opportunities(industries, options) gives contributions that sum to attractiveness", () => {
    for (const seed of [1, 2, 3]) {
      const industries = randomIndustries(seed, 60);
      const weights = { complexityGain: 3, pay: 2, emissions: 1.5, deprivedAccess: 0.5, growth: 1 };
      for (const result of opportunities(industries, { weights })) {
        const sum = result.contributions.reduce((total, entry) => total + entry.contribution, 0);
        if (Number.isNaN(result.attractiveness)) {
          expect(result.contributions.every((entry) => entry.value === null)).toBe(true);
          continue;
        }
        expect(sum).toBeCloseTo(result.attractiveness, 10);
        const weightSum = result.contributions.reduce((total, entry) => total + entry.weight, 0);
        expect(weightSum).toBeCloseTo(1, 12);
        expect(result.attractiveness).toBeGreaterThanOrEqual(0);
        expect(result.attractiveness).toBeLessThanOrEqual(100);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
      }
    }
  });

  test("opportunities(industries, options) is unchanged when a criterion's raw values are scaled by a positive constant or shifted", () => {
    const industries = randomIndustries(11, 40);
    const weights = { pay: 2, emissions: 1, skillsAccess: 1, complexity: 1 };
    const before = opportunities(industries, { weights });
    const rescaled = industries.map((industry) => ({
      ...industry,
      values: {
        ...industry.values,
        pay: industry.values.pay == null ? null : industry.values.pay * 1.17,
        emissions: industry.values.emissions == null ? null : industry.values.emissions * 1e-3,
        complexity: industry.values.complexity == null ? null : industry.values.complexity - 500,
      },
    }));
    const after = opportunities(rescaled, { weights });
    expect(after.map((result) => [result.code, result.rank, result.classification])).toEqual(
      before.map((result) => [result.code, result.rank, result.classification]),
    );
    after.forEach((result, index) => {
      expect(result.score).toBeCloseTo(before[index]!.score, 9);
      expect(result.attractiveness).toBeCloseTo(before[index]!.attractiveness, 9);
    });
  });

  test("opportunities(industries, options) ranks lower emissions higher, all else equal, and higher pay higher", () => {
    const pair = (criterion: "emissions" | "pay"): OpportunityIndustry[] => [
      { code: "X", name: "X", rca: 0.5, density: 0.3, values: { [criterion]: 100, growth: 0.1 } },
      { code: "Y", name: "Y", rca: 0.5, density: 0.3, values: { [criterion]: 200, growth: 0.1 } },
    ];
    const emissions = opportunities(pair("emissions"), { weights: { emissions: 1, growth: 1 } });
    expect(emissions.map((result) => [result.code, result.rank])).toEqual([
      ["X", 1],
      ["Y", 2],
    ]);
    expect(byCode(emissions, "X").contributions[1]!.scaled).toBe(100);
    expect(byCode(emissions, "Y").contributions[1]!.scaled).toBe(0);
    const pay = opportunities(pair("pay"), { weights: { pay: 1, growth: 1 } });
    expect(pay.map((result) => [result.code, result.rank])).toEqual([
      ["Y", 1],
      ["X", 2],
    ]);
  });

  test("opportunities(industries, { weights }) ignores a criterion with weight 0 as if it were absent", () => {
    const zero = opportunities(example, { weights: { ...exampleWeights, pay: 0, growth: 0 } });
    const absent = opportunities(example, { weights: { emissions: 1, skillsAccess: 1 } });
    expect(zero).toEqual(absent);
    expect(zero[0]!.contributions.map((entry) => entry.criterion)).toEqual([
      "skillsAccess",
      "emissions",
    ]);
  });

  test("opportunities(industries, options) with every weighted criterion missing has NaN attractiveness and ranks by feasibility alone", () => {
    // No industry has growth, the only weighted criterion: attractiveness is undefined, and the
    // scores are the scaled densities whatever the feasibility weight.
    for (const feasibilityWeight of [0, 0.5, 1]) {
      const results = opportunities(example, { weights: { growth: 1 }, feasibilityWeight });
      expect(results.map((result) => [result.code, result.rank])).toEqual([
        ["B", 1],
        ["A", 2],
        ["C", 3],
        ["S", null],
      ]);
      for (const result of results) {
        expect(result.attractiveness).toBeNaN();
        expect(result.score).toBe(result.scaledFeasibility);
        expect(result.contributions).toEqual([
          {
            criterion: "growth",
            value: null,
            scaled: null,
            priorityWeight: 1,
            weight: 0,
            contribution: 0,
          },
        ]);
      }
    }
    // An empty weight set, or all zeros, does the same with no contributions.
    for (const weights of [{}, { pay: 0 }]) {
      const results = opportunities(example, { weights });
      expect(results.map((result) => result.code)).toEqual(["B", "A", "C", "S"]);
      expect(results.every((result) => result.contributions.length === 0)).toBe(true);
      expect(results.every((result) => Number.isNaN(result.attractiveness))).toBe(true);
    }
  });

  test("opportunities(industries, options) gives tied candidates the same rank, skips the next, and orders them by code", () => {
    const industries: OpportunityIndustry[] = [
      { code: "Z", name: "Z", rca: 0.2, density: 0.5, values: { pay: 300 } },
      { code: "M", name: "M", rca: 0.4, density: 0.5, values: { pay: 300 } },
      { code: "K", name: "K", rca: 0.1, density: 0.1, values: { pay: 100 } },
      { code: "A", name: "A", rca: 0.3, density: 0.3, values: { pay: 200 } },
    ];
    const results = opportunities(industries, { weights: { pay: 1 } });
    expect(results.map((result) => [result.code, result.rank])).toEqual([
      ["M", 1],
      ["Z", 1],
      ["A", 3],
      ["K", 4],
    ]);
    // The same whatever the order of the input.
    expect(opportunities([...industries].reverse(), { weights: { pay: 1 } })).toEqual(results);
  });

  test("opportunities(industries, options) with a NaN density classifies as not feasible and scores by attractiveness alone", () => {
    const industries: OpportunityIndustry[] = [
      ...example,
      {
        code: "D",
        name: "Data",
        rca: 0.2,
        density: Number.NaN,
        values: { pay: 700, emissions: 50 },
      },
      { code: "E", name: "Energy", rca: 2, density: Number.NaN, values: { pay: 400 } },
    ];
    const results = opportunities(industries, { weights: exampleWeights });
    const d = byCode(results, "D");
    expect(d.classification).toBe("possible entrant");
    expect(d.feasibility).toBeNaN();
    expect(d.scaledFeasibility).toBeNaN();
    // Pay 100 and emissions 100 on the candidates' scales (pay 400..700, emissions 50..300).
    expect(d.attractiveness).toBeCloseTo(100, 10);
    expect(d.score).toBeCloseTo(100, 10);
    expect(d.rank).toBe(1);
    expect(byCode(results, "E").classification).toBe("weakness");
    // The NaN takes no part in the cut or the feasibility scale: the others are as before.
    expect(opportunityDensityThreshold(industries)).toBeCloseTo(0.2, 15);
    expect(byCode(results, "B").scaledFeasibility).toBeCloseTo(100, 10);
    expect(results.map((result) => result.code)).toEqual(["D", "B", "A", "C", "E", "S"]);
  });

  test("opportunities(industries, options) with neither density nor criteria leaves a candidate unranked, after the ranked ones, by RCA", () => {
    const industries: OpportunityIndustry[] = [
      ...example,
      { code: "N", name: "Nothing known", rca: Number.NaN, density: Number.NaN, values: {} },
      { code: "P", name: "Partly known", rca: 0.9, density: Number.NaN, values: { pay: null } },
    ];
    const results = opportunities(industries, { weights: exampleWeights });
    // Others by RCA, highest first, NaN last: S 1.6, P 0.9, N NaN.
    expect(results.map((result) => [result.code, result.rank])).toEqual([
      ["B", 1],
      ["A", 2],
      ["C", 3],
      ["S", null],
      ["P", null],
      ["N", null],
    ]);
    expect(byCode(results, "N").score).toBeNaN();
    expect(byCode(results, "N").classification).toBe("possible entrant");
  });

  test("opportunities(one candidate) scales everything to 50 and ranks it first", () => {
    const results = opportunities([example[1]!], { weights: exampleWeights });
    expect(results).toHaveLength(1);
    const [only] = results;
    expect(only).toMatchObject({
      code: "A",
      classification: "opportunity",
      scaledFeasibility: 50,
      attractiveness: 50,
      score: 50,
      rank: 1,
    });
    expect(only!.contributions.map((entry) => entry.scaled)).toEqual([50, 50, 50]);
  });

  test("opportunities(only specialised industries) scales over all of them and ranks none", () => {
    // No candidate: the scales and the density cut fall back to all industries (median 0.5).
    const industries: OpportunityIndustry[] = [
      { code: "A", name: "A", rca: 1.2, density: 0.4, values: { pay: 100 } },
      { code: "B", name: "B", rca: 3, density: 0.6, values: { pay: 300 } },
    ];
    const results = opportunities(industries, { weights: { pay: 1 } });
    expect(results.map((result) => [result.code, result.classification, result.rank])).toEqual([
      ["B", "strength", null],
      ["A", "weakness", null],
    ]);
    expect(results.map((result) => result.attractiveness)).toEqual([100, 0]);
  });

  test("opportunities(industries, options) treats null, undefined and infinite values as missing", () => {
    const industries: OpportunityIndustry[] = [
      { code: "A", name: "A", rca: 0.1, density: 0.2, values: { pay: 100, growth: Infinity } },
      { code: "B", name: "B", rca: 0.1, density: 0.4, values: { pay: 300, growth: 0.02 } },
      { code: "C", name: "C", rca: 0.1, density: 0.3, values: { growth: 0.01 } },
    ];
    const results = opportunities(industries, { weights: { pay: 1, growth: 1 } });
    const a = byCode(results, "A");
    expect(a.contributions[1]).toMatchObject({ criterion: "growth", value: null, scaled: null });
    expect(a.attractiveness).toBe(0);
    // C has growth only: 0.01 is the least of 0.01..0.02.
    expect(byCode(results, "C").attractiveness).toBe(0);
    expect(byCode(results, "B").attractiveness).toBe(100);
  });

  test("opportunities([]) is empty", () => {
    expect(opportunities([], { weights: exampleWeights })).toEqual([]);
    expect(opportunities([], { weights: {} })).toEqual([]);
  });

  test("opportunities(industries, options) throws a RangeError for bad weights, options and codes", () => {
    const bad: OpportunityOptions[] = [
      { weights: { pay: -1 } },
      { weights: { pay: Number.NaN } },
      { weights: { pay: Infinity } },
      { weights: { wages: 1 } as unknown as OpportunityOptions["weights"] },
      { weights: { pay: 1 }, feasibilityWeight: 1.5 },
      { weights: { pay: 1 }, feasibilityWeight: Number.NaN },
      { weights: { pay: 1 }, presenceThreshold: 0 },
      { weights: { pay: 1 }, densityThreshold: 50 },
    ];
    for (const options of bad) expect(() => opportunities(example, options)).toThrow(RangeError);
    expect(() => opportunities([], { weights: { pay: -1 } })).toThrow(/non-negative/);
    expect(() => opportunities([example[0]!, example[0]!], { weights: { pay: 1 } })).toThrow(
      /repeated/,
    );
    const unknownValue = {
      ...example[0]!,
      values: { salary: 1 } as unknown as OpportunityIndustry["values"],
    };
    expect(() => opportunities([unknownValue], { weights: { pay: 1 } })).toThrow(RangeError);
  });
});

describe("opportunityDensityThreshold", () => {
  const industry = (code: string, rca: number, density: number): OpportunityIndustry => ({
    code,
    name: code,
    rca,
    density,
    values: {},
  });

  test("opportunityDensityThreshold(industries) is the median density of the candidates", () => {
    const industries = [
      industry("A", 0.2, 0.1),
      industry("B", 0.5, 0.4),
      industry("C", 2, 0.9),
      industry("D", Number.NaN, 0.2),
      industry("E", 0.1, 0.3),
    ];
    // Candidates A, B, D, E: 0.1, 0.2, 0.3, 0.4 -> (0.2 + 0.3) / 2.
    expect(opportunityDensityThreshold(industries)).toBeCloseTo(0.25, 15);
    // With presence from 0.3, B joins C: 0.1, 0.2, 0.3 -> 0.2.
    expect(opportunityDensityThreshold(industries, { presenceThreshold: 0.3 })).toBe(0.2);
    expect(opportunityDensityThreshold(industries, { densityThreshold: 0.6 })).toBe(0.6);
  });

  test("opportunityDensityThreshold(industries) falls back to all industries, then to NaN", () => {
    expect(
      opportunityDensityThreshold([industry("A", 2, 0.6), industry("B", 0.2, Number.NaN)]),
    ).toBe(0.6);
    expect(opportunityDensityThreshold([industry("A", 0.2, Number.NaN)])).toBeNaN();
    expect(opportunityDensityThreshold([])).toBeNaN();
  });
});
