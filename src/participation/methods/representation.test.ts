import { describe, expect, test } from "vitest";
import { InputError } from "../../core/errors.js";
import { Random } from "../../demo/random.js";
import {
  constituencyWeights,
  deprivedUnderRepresented,
  postStratificationWeights,
  representation,
} from "./representation.js";

// A consultation by age band, worked by hand. Population 10,000: shares 0.12, 0.30, 0.33, 0.25.
// Voters 500: shares 0.04, 0.30, 0.36, 0.30.
const agePopulation = { "16-24": 1200, "25-44": 3000, "45-64": 3300, "65+": 2500 };
const ageTurnout = { "16-24": 20, "25-44": 150, "45-64": 180, "65+": 150 };

/** Random whole counts from 1 to `scale` for the groups `g0`, `g1`, … */
function randomCounts(random: Random, groups: number, scale: number) {
  const counts: Record<string, number> = {};
  for (let group = 0; group < groups; group += 1) {
    counts[`g${group}`] = random.integer(1, scale);
  }
  return counts;
}

function scaled(counts: Record<string, number>, factor: number): Record<string, number> {
  return Object.fromEntries(
    Object.entries(counts).map(([group, value]) => [group, value * factor]),
  );
}

describe("representation", () => {
  test("representation(turnout, population) works an age-band example by hand", () => {
    const result = representation(ageTurnout, agePopulation);
    // Ratios: 0.04 / 0.12 = 1/3; 0.30 / 0.30 = 1; 0.36 / 0.33 = 12/11; 0.30 / 0.25 = 1.2.
    const ratios = result.groups.map((group) => group.ratio!);
    [1 / 3, 1, 12 / 11, 1.2].forEach((expected, index) => {
      expect(ratios[index]).toBeCloseTo(expected, 12);
    });
    expect(result.groups.map((group) => group.underRepresented)).toEqual([
      true,
      false,
      false,
      false,
    ]);
    // Turnout rates: 20 / 1,200, 150 / 3,000, 180 / 3,300, 150 / 2,500; 500 / 10,000 overall.
    const rates = result.groups.map((group) => group.turnoutRate!);
    [1 / 60, 0.05, 180 / 3300, 0.06].forEach((expected, index) => {
      expect(rates[index]).toBeCloseTo(expected, 14);
    });
    expect(result.turnoutRate).toBeCloseTo(0.05, 14);
    expect(result).toMatchObject({
      voters: 500,
      votersCompared: 500,
      population: 10_000,
      threshold: 0.8,
      withoutPopulation: [],
    });
    expect(result.groups[0]).toMatchObject({ group: "16-24", voters: 20, population: 1200 });
    expect(result.groups[0]!.shareOfVoters).toBeCloseTo(0.04, 14);
    expect(result.groups[0]!.shareOfPopulation).toBeCloseTo(0.12, 14);
    expect(result.warnings).toEqual([
      "16-24: under-represented, with 4% of voters against 12% of the population (ratio 0.33).",
    ]);
  });

  test("representation(turnout, population, { threshold }) moves the line for under-representation", () => {
    // 25-44 and 16-24 have ratios 1 and 1/3: both are below 1.05, neither below 0.3.
    const strict = representation(ageTurnout, agePopulation, { threshold: 1.05 });
    expect(strict.groups.filter((group) => group.underRepresented).map((g) => g.group)).toEqual([
      "16-24",
      "25-44",
    ]);
    const lenient = representation(ageTurnout, agePopulation, { threshold: 0.3 });
    expect(lenient.groups.some((group) => group.underRepresented)).toBe(false);
    expect(lenient.warnings).toEqual([]);
  });

  test("representation(turnout) without a population gives shares of voters only", () => {
    const result = representation({ north: 30, south: 10 });
    expect(result.groups).toEqual([
      {
        group: "north",
        voters: 30,
        population: null,
        turnoutRate: null,
        shareOfVoters: 0.75,
        shareOfPopulation: null,
        ratio: null,
        underRepresented: false,
      },
      {
        group: "south",
        voters: 10,
        population: null,
        turnoutRate: null,
        shareOfVoters: 0.25,
        shareOfPopulation: null,
        ratio: null,
        underRepresented: false,
      },
    ]);
    expect(result.population).toBeNull();
    expect(result.warnings).toEqual([]);
  });

  test("representation(turnout, population) gives a group with people but no voters ratio 0", () => {
    const result = representation({ north: 40 }, { north: 600, south: 400 });
    expect(result.groups[1]).toMatchObject({
      group: "south",
      voters: 0,
      turnoutRate: 0,
      shareOfVoters: 0,
      shareOfPopulation: 0.4,
      ratio: 0,
      underRepresented: true,
    });
    expect(result.warnings[0]).toBe(
      "south: under-represented, with 0% of voters against 40% of the population (ratio 0.00).",
    );
  });

  test("representation(turnout, population) leaves out voters in groups with no population figure, and says so", () => {
    // 10 of 60 voters gave no age band. Among the 50 who did, 16-24 has 5 (10%) against 10% of
    // the population: ratio 1, not the 5/60 / 0.1 = 0.83 that counting the unknowns would give.
    const result = representation(
      { "16-24": 5, "25+": 45, unknown: 10 },
      { "16-24": 100, "25+": 900 },
    );
    expect(result.withoutPopulation).toEqual([{ group: "unknown", voters: 10 }]);
    expect(result.voters).toBe(60);
    expect(result.votersCompared).toBe(50);
    expect(result.groups[0]!.ratio).toBeCloseTo(1, 14);
    expect(result.warnings).toEqual([
      "10 voters (17% of all) are in groups with no population figure (unknown); they are left out of the comparison. Give these groups a population to include them.",
    ]);
  });

  test("representation(turnout, population) warns when a group has more voters than people", () => {
    const result = representation({ north: 120, south: 10 }, { north: 100, south: 1000 });
    expect(result.warnings).toContain(
      "north: 120 voters but a population of 100; check that both count the same people and the same area.",
    );
  });

  test("representation(turnout, population) gives null ratios against a zero population", () => {
    const result = representation({ park: 3, town: 7 }, { park: 0, town: 500 });
    expect(result.groups[0]).toMatchObject({
      group: "park",
      turnoutRate: null,
      shareOfPopulation: 0,
      ratio: null,
      underRepresented: false,
    });
    expect(representation({ park: 3 }, { park: 0 }).groups[0]!.shareOfPopulation).toBeNull();
  });

  test("representation(turnout, population) keeps shares and ratios in bounds, and shares add to 1", () => {
    const random = new Random(20250301);
    for (let trial = 0; trial < 50; trial += 1) {
      const result = representation(randomCounts(random, 6, 100), randomCounts(random, 6, 5000));
      const voterShares = result.groups.map((group) => group.shareOfVoters!);
      const populationShares = result.groups.map((group) => group.shareOfPopulation!);
      for (const share of [...voterShares, ...populationShares]) {
        expect(share).toBeGreaterThanOrEqual(0);
        expect(share).toBeLessThanOrEqual(1);
      }
      expect(voterShares.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
      expect(populationShares.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
      // Population-weighted, the ratios average 1: Σ p_g r_g = Σ v_g = 1.
      const weighted = result.groups.reduce(
        (total, group) => total + group.shareOfPopulation! * group.ratio!,
        0,
      );
      expect(weighted).toBeCloseTo(1, 12);
    }
  });

  test("representation(empty) gives empty results", () => {
    expect(representation({})).toMatchObject({ groups: [], voters: 0, warnings: [] });
    expect(representation({}, {})).toMatchObject({
      groups: [],
      withoutPopulation: [],
      voters: 0,
      population: 0,
      turnoutRate: null,
      warnings: [],
    });
  });

  test("representation(one group) has ratio 1", () => {
    expect(representation({ all: 7 }, { all: 70 }).groups[0]!.ratio).toBe(1);
  });

  test("representation(turnout, population) throws an InputError naming the group for a bad count", () => {
    expect(() => representation({ north: -1 })).toThrow(InputError);
    expect(() => representation({ north: -1 })).toThrow(/"north" is -1/);
    expect(() => representation({ north: 1 }, { south: Number.NaN })).toThrow(
      /population of "south" is NaN/,
    );
    expect(() => representation({ east: Infinity })).toThrow(/"east" is Infinity/);
    expect(() => representation({ north: 1 }, undefined, { threshold: 0 })).toThrow(/threshold/);
  });
});

describe("postStratificationWeights", () => {
  test("postStratificationWeights(turnout, population) works the age-band example by hand", () => {
    // w = 0.12 / 0.04 = 3, 0.30 / 0.30 = 1, 0.33 / 0.36 = 11/12, 0.25 / 0.30 = 5/6.
    const result = postStratificationWeights(ageTurnout, agePopulation);
    const weights = result.groups.map((group) => group.weight);
    [3, 1, 11 / 12, 5 / 6].forEach((expected, index) => {
      expect(weights[index]).toBeCloseTo(expected, 12);
    });
    // Σ w² n = 9·20 + 1·150 + (121/144)·180 + (25/36)·150 = 7025/12, and Σ w n = 500, so the
    // design effect is 500 · (7025/12) / 500² = 281/240 and the effective sample size 120,000/281.
    expect(result.designEffect).toBeCloseTo(281 / 240, 12);
    expect(result.effectiveSampleSize).toBeCloseTo(120_000 / 281, 9);
    expect(result).toMatchObject({
      voters: 500,
      population: 10_000,
      unrepresented: [],
      withoutPopulation: [],
      warnings: [],
    });
  });

  test("postStratificationWeights(turnout, population) makes the weighted voters reproduce the population shares exactly", () => {
    const random = new Random(7);
    for (let trial = 0; trial < 50; trial += 1) {
      const turnout = randomCounts(random, 8, 200);
      const population = randomCounts(random, 8, 20_000);
      const result = postStratificationWeights(turnout, population);
      const totalWeight = result.groups.reduce((total, g) => total + g.weight * g.voters, 0);
      const totalPopulation = Object.values(population).reduce((a, b) => a + b);
      const totalVoters = Object.values(turnout).reduce((a, b) => a + b);
      // The total weight is the number of voters, so weighted counts stay on the same scale.
      expect(totalWeight).toBeCloseTo(totalVoters, 9);
      for (const group of result.groups) {
        expect((group.weight * group.voters) / totalWeight).toBeCloseTo(
          population[group.group]! / totalPopulation,
          12,
        );
      }
      // Kish: 1 <= design effect, and the effective sample size is at most the voters.
      expect(result.designEffect!).toBeGreaterThanOrEqual(1 - 1e-12);
      expect(result.effectiveSampleSize).toBeLessThanOrEqual(totalVoters * (1 + 1e-12));
      expect(result.effectiveSampleSize).toBeGreaterThan(0);
    }
  });

  test("postStratificationWeights(turnout, population) does not change when either is scaled", () => {
    const base = postStratificationWeights(ageTurnout, agePopulation);
    const byPopulation = postStratificationWeights(ageTurnout, scaled(agePopulation, 37.5));
    const byTurnout = postStratificationWeights(scaled(ageTurnout, 3), agePopulation);
    base.groups.forEach((group, index) => {
      expect(byPopulation.groups[index]!.weight).toBeCloseTo(group.weight, 12);
      expect(byTurnout.groups[index]!.weight).toBeCloseTo(group.weight, 12);
    });
    // The design effect depends only on the weights; the effective size scales with the voters.
    expect(byTurnout.designEffect).toBeCloseTo(base.designEffect!, 12);
    expect(byTurnout.effectiveSampleSize).toBeCloseTo(3 * base.effectiveSampleSize, 9);
  });

  test("postStratificationWeights(turnout, population) gives weight 1 and design effect 1 to a sample that matches the population", () => {
    const result = postStratificationWeights({ a: 10, b: 30 }, { a: 1000, b: 3000 });
    expect(result.groups.map((group) => group.weight)).toEqual([1, 1]);
    expect(result.designEffect).toBe(1);
    expect(result.effectiveSampleSize).toBe(40);
  });

  test("postStratificationWeights(turnout, population) lists groups with people but no voters as unrepresented", () => {
    // c has 20% of the population and no voters. The weights reproduce the shares among a and
    // b (0.5 each of their 800 people), not the whole population's.
    const result = postStratificationWeights(
      { a: 30, b: 10, c: 0 },
      { a: 400, b: 400, c: 200, d: 0 },
    );
    expect(result.unrepresented).toEqual([{ group: "c", population: 200 }]);
    expect(result.groups.map((group) => group.weight)).toEqual([20 / 30, 2]);
    expect(result.population).toBe(800);
    expect(result.warnings).toEqual([
      "No voters from c (20% of the population): weighting cannot represent them, and the weighted results speak for the other groups only.",
    ]);
  });

  test("postStratificationWeights(turnout, population) gives no weight to voters in groups with no population figure", () => {
    const result = postStratificationWeights({ a: 10, b: 10, unknown: 5 }, { a: 100, b: 300 });
    expect(result.groups.map((group) => group.group)).toEqual(["a", "b"]);
    expect(result.withoutPopulation).toEqual([{ group: "unknown", voters: 5 }]);
    expect(result.voters).toBe(20);
    expect(result.warnings[0]).toMatch(/^5 voters are in groups with no population figure/);
  });

  test("postStratificationWeights(turnout, population) gives weight 0 to voters in a group of no people, with a warning", () => {
    const result = postStratificationWeights({ park: 2, town: 8 }, { park: 0, town: 100 });
    expect(result.groups.map((group) => group.weight)).toEqual([0, 1.25]);
    expect(result.warnings[0]).toMatch(/^park: 2 voters but a population of 0/);
  });

  test("postStratificationWeights(empty) gives empty results", () => {
    expect(postStratificationWeights({}, {})).toEqual({
      groups: [],
      unrepresented: [],
      withoutPopulation: [],
      voters: 0,
      population: 0,
      effectiveSampleSize: 0,
      designEffect: null,
      warnings: [],
    });
  });

  test("postStratificationWeights(turnout, population) throws an InputError naming the group for a bad count", () => {
    expect(() => postStratificationWeights({ a: 1 }, { a: -5 })).toThrow(InputError);
    expect(() => postStratificationWeights({ a: 1 }, { a: -5 })).toThrow(/"a" is -5/);
  });
});

describe("constituencyWeights", () => {
  // Constituencies A, B and D with 100, 300 and 600 voters; C with none.
  const turnout = { A: 100, B: 300, C: 0, D: 600 };

  test("constituencyWeights(turnout, 'equal-voice') works an example by hand", () => {
    // n = 1,000 over C = 3 constituencies with voters: each speaks with 1,000 / 3, so its
    // voters count (1,000 / 3) / n_c: 10/3, 10/9 and 5/9.
    const result = constituencyWeights(turnout, "equal-voice");
    const weights = result.constituencies.map((row) => row.weight);
    [10 / 3, 10 / 9, 5 / 9].forEach((expected, index) => {
      expect(weights[index]).toBeCloseTo(expected, 12);
    });
    expect(result.withoutVoters).toEqual(["C"]);
    // The effective sample size is C times the harmonic mean of the turnouts: 3 · 200 = 600.
    expect(result.effectiveSampleSize).toBeCloseTo(600, 9);
    expect(result.designEffect).toBeCloseTo(5 / 3, 12);
    expect(result.warnings).toEqual([
      "No voters in C: under equal voice they get no voice, and the other 3 constituencies share it.",
    ]);
  });

  test("constituencyWeights(turnout, 'equal-voice') gives each constituency with voters the same total, adding to the voters", () => {
    const random = new Random(99);
    for (let trial = 0; trial < 50; trial += 1) {
      const counts = randomCounts(random, random.integer(1, 10), 500);
      const result = constituencyWeights(counts, "equal-voice");
      const totals = result.constituencies.map((row) => row.totalWeight);
      const voters = Object.values(counts).reduce((a, b) => a + b);
      for (const total of totals) expect(total).toBeCloseTo(voters / totals.length, 9);
      expect(totals.reduce((a, b) => a + b)).toBeCloseTo(voters, 9);
      expect(result.voters).toBe(voters);
    }
  });

  test("constituencyWeights(turnout, 'equal-voice') does not change when turnout is scaled", () => {
    const base = constituencyWeights(turnout, "equal-voice");
    const doubled = constituencyWeights(scaled(turnout, 2), "equal-voice");
    base.constituencies.forEach((row, index) => {
      expect(doubled.constituencies[index]!.weight).toBeCloseTo(row.weight, 12);
    });
  });

  test("constituencyWeights(turnout, 'per-head') gives every voter weight 1", () => {
    const result = constituencyWeights(turnout, "per-head");
    expect(result.constituencies).toEqual([
      { constituency: "A", voters: 100, weight: 1, totalWeight: 100 },
      { constituency: "B", voters: 300, weight: 1, totalWeight: 300 },
      { constituency: "D", voters: 600, weight: 1, totalWeight: 600 },
    ]);
    expect(result).toMatchObject({
      withoutVoters: ["C"],
      voters: 1000,
      effectiveSampleSize: 1000,
      designEffect: 1,
      warnings: [],
    });
  });

  test("constituencyWeights(turnout, rule) agrees between the rules when turnouts are equal", () => {
    const equal = constituencyWeights({ A: 50, B: 50 }, "equal-voice");
    expect(equal.constituencies.map((row) => row.weight)).toEqual([1, 1]);
    expect(equal.designEffect).toBe(1);
  });

  test("constituencyWeights(empty) gives empty results", () => {
    for (const rule of ["equal-voice", "per-head"] as const) {
      expect(constituencyWeights({}, rule)).toEqual({
        rule,
        constituencies: [],
        withoutVoters: [],
        voters: 0,
        effectiveSampleSize: 0,
        designEffect: null,
        warnings: [],
      });
    }
  });

  test("constituencyWeights(turnout, rule) throws an InputError for a bad count or an unknown rule", () => {
    expect(() => constituencyWeights({ A: Number.NaN }, "per-head")).toThrow(/"A" is NaN/);
    expect(() => constituencyWeights({ A: 1 }, "equal" as "per-head")).toThrow(InputError);
  });
});

describe("deprivedUnderRepresented", () => {
  // Ten neighbourhoods of 1,000 people; N1 and N2 are the most deprived fifth. They have 10 and
  // 20 voters, the other eight 50 each: 30 of 430 voters (7.0%) against 20% of the population,
  // ratio (30/430) / 0.2 = 0.349.
  const names = Array.from({ length: 10 }, (_, index) => `N${index + 1}`);
  const population = Object.fromEntries(names.map((name) => [name, 1000]));
  const turnout = Object.fromEntries(
    names.map((name, index) => [name, index === 0 ? 10 : index === 1 ? 20 : 50]),
  );
  // IMD-style: rank 1 is the most deprived; the score falls as the rank rises.
  const rank = Object.fromEntries(names.map((name, index) => [name, index + 1]));
  const score = Object.fromEntries(names.map((name, index) => [name, 60 - 5 * index]));

  test("deprivedUnderRepresented(turnout, population, { score }) works an example by hand", () => {
    const result = deprivedUnderRepresented(turnout, population, { score });
    expect(result.neighbourhoods).toEqual(["N1", "N2"]);
    expect(result).toMatchObject({ voters: 30, population: 2000, underRepresented: true });
    expect(result.shareOfVoters).toBeCloseTo(30 / 430, 14);
    expect(result.shareOfPopulation).toBeCloseTo(0.2, 14);
    expect(result.ratio).toBeCloseTo(30 / 430 / 0.2, 12);
    expect(result.warnings).toEqual([
      "The most deprived fifth of neighbourhoods (N1, N2) are under-represented: 7% of voters against 20% of the population (ratio 0.35).",
    ]);
  });

  test("deprivedUnderRepresented(turnout, population, { rank }) reads rank 1 as the most deprived", () => {
    const byRank = deprivedUnderRepresented(turnout, population, { rank });
    expect(byRank.neighbourhoods).toEqual(["N1", "N2"]);
    expect(byRank.ratio).toBeCloseTo(30 / 430 / 0.2, 12);
  });

  test("deprivedUnderRepresented(turnout, population, { mostDeprived }) takes the neighbourhoods named", () => {
    const result = deprivedUnderRepresented(turnout, population, {
      mostDeprived: ["N1", "N2", "Elsewhere"],
    });
    expect(result.neighbourhoods).toEqual(["N1", "N2"]);
    expect(result.ratio).toBeCloseTo(30 / 430 / 0.2, 12);
    expect(result.warnings[0]).toBe(
      "Elsewhere: named as most deprived but with no population figure above 0; left out.",
    );
  });

  test("deprivedUnderRepresented(turnout, population, deprivation) does not warn when the deprived vote in proportion", () => {
    const even = Object.fromEntries(names.map((name) => [name, 40]));
    const result = deprivedUnderRepresented(even, population, { score });
    expect(result.ratio).toBeCloseTo(1, 14);
    expect(result.underRepresented).toBe(false);
    expect(result.warnings).toEqual([]);
  });

  test("deprivedUnderRepresented(turnout, population, { score }) takes a fifth rounded up, with ties at the line", () => {
    // Six neighbourhoods: ceil(6 / 5) = 2 taken, and C is tied with B at the line, so 3.
    const six = { A: 100, B: 100, C: 100, D: 100, E: 100, F: 100 };
    const result = deprivedUnderRepresented(six, six, {
      score: { A: 9, B: 8, C: 8, D: 5, E: 3, F: 1 },
    });
    expect(result.neighbourhoods).toEqual(["A", "B", "C"]);
    expect(result.ratio).toBe(1);
    const untied = deprivedUnderRepresented(six, six, {
      score: { A: 6, B: 5, C: 4, D: 3, E: 2, F: 1 },
    });
    expect(untied.neighbourhoods).toEqual(["A", "B"]);
  });

  test("deprivedUnderRepresented(turnout, population, deprivation, { fraction, threshold }) uses the share and line given", () => {
    const result = deprivedUnderRepresented(
      turnout,
      population,
      { score },
      { fraction: 0.1, threshold: 0.2 },
    );
    // N1 alone: 10 of 430 voters against 10%: ratio 0.233, above 0.2.
    expect(result.neighbourhoods).toEqual(["N1"]);
    expect(result.ratio).toBeCloseTo(10 / 430 / 0.1, 12);
    expect(result.underRepresented).toBe(false);
    const strict = deprivedUnderRepresented(turnout, population, { score }, { fraction: 0.1 });
    expect(strict.warnings[0]).toMatch(/^The most deprived 10% of neighbourhoods \(N1\)/);
  });

  test("deprivedUnderRepresented(turnout, population, { score }) leaves out neighbourhoods without people or a score, and their voters", () => {
    const result = deprivedUnderRepresented(
      { ...turnout, Empty: 5, Unscored: 7 },
      { ...population, Empty: 0, Unscored: 500 },
      { score: { ...score, Empty: 100 } },
    );
    // Empty has the highest score but no people, so it is not among the most deprived.
    expect(result.neighbourhoods).toEqual(["N1", "N2"]);
    expect(result.shareOfVoters).toBeCloseTo(30 / 430, 14);
    expect(result.warnings).toContain(
      "Unscored: no deprivation score; left out of the comparison.",
    );
    expect(result.warnings).toContain(
      "12 voters are in neighbourhoods left out of the comparison (Empty, Unscored).",
    );
  });

  test("deprivedUnderRepresented(empty) gives empty results", () => {
    expect(deprivedUnderRepresented({}, {}, { score: {} })).toEqual({
      neighbourhoods: [],
      voters: 0,
      population: 0,
      shareOfVoters: null,
      shareOfPopulation: null,
      ratio: null,
      underRepresented: false,
      threshold: 0.8,
      warnings: [],
    });
  });

  test("deprivedUnderRepresented(turnout, population, deprivation) throws an InputError for bad input", () => {
    expect(() => deprivedUnderRepresented({ N1: -2 }, population, { score })).toThrow(/"N1" is -2/);
    expect(() =>
      deprivedUnderRepresented(turnout, population, { score: { N1: Number.NaN } }),
    ).toThrow(/deprivation score of "N1" is NaN/);
    expect(() => deprivedUnderRepresented(turnout, population, { score }, { fraction: 0 })).toThrow(
      InputError,
    );
    expect(() =>
      deprivedUnderRepresented(turnout, population, { score }, { fraction: 1.5 }),
    ).toThrow(/fraction/);
  });
});
