import { describe, expect, test } from "vitest";
import { uniformStream } from "../../../test/helpers/random.js";
import { skillsWorkedExample } from "../../../test/helpers/skillsWorkedExample.js";
import { InputError } from "../../core/errors.js";
import { qualificationLevels } from "./qualificationLevels.js";
import {
  accessibleShare,
  skillsGap,
  skillsGapForPlaces,
  type LevelSupply,
  type PlanRow,
  type SkillsGapInput,
  type SkillsGapResult,
} from "./skillsGap.js";

// The worked example, by hand. Two industries, three occupations (SOC 2020 major groups 2
// professional, 5 skilled trades, 9 elementary), three of the five levels, 5 years.
//
//   plan:   C  baseline 1000 → target 1200 (+200)     Q  baseline 2000 → target 1900 (−100)
//   shares: C  2: 0.2  5: 0.5  9: 0.3                  Q  2: 0.6  5: 0.1  9: 0.3
//   levels: 2  3: 0.25  6+: 0.75    5  1-2: 0.2  3: 0.8    9  1-2: 1
//   rates:  2  0.02    5  0.03    9  0.05
//
// expansion:   2: 200·0.2 − 100·0.6 = −20    5: 200·0.5 − 100·0.1 = 90    9: 200·0.3 − 100·0.3 = 30
// employment:  2: 1000·0.2 + 2000·0.6 = 1400  5: 500 + 200 = 700           9: 300 + 600 = 900
// replacement: 2: 0.02·5·1400 = 140           5: 0.03·5·700 = 105          9: 0.05·5·900 = 225
// demand:      2: 120                         5: 195                       9: 255
//
// by level:    1-2: 195·0.2 + 255 = 39 + 255 = 294     3: 120·0.25 + 195·0.8 = 30 + 156 = 186
//              6+: 120·0.75 = 90                        entry and 4-5: 0         total 570
// supply 1-2: 147, 3: 124, 6+: 120   →   gap 1-2: 147, 3: 62, 6+: −30
// accessible:  level 2 or below 294 / 570, level 3 186 / 570; no openings at entry and 4-5
//
// Each level's supply goes to its occupations in proportion to their demand there, so the share
// of each cell left unfilled is 1 − supply / demand: 1-2: 1/2, 3: 1/3, 6+: −1/3.
//   occupation 2: 30·(1/3) + 90·(−1/3) = −20   5: 39·(1/2) + 156·(1/3) = 71.5   9: 255·(1/2) = 127.5
const workedExample = skillsWorkedExample;

/** The worked example with another plan. */
function withPlan(plan: PlanRow[]): SkillsGapInput {
  return { ...workedExample, plan };
}

function levelValues(result: SkillsGapResult, key: "demand" | "gap" | "supply"): number[] {
  return result.byLevel.map((row) => row[key]);
}

function inputError(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

describe("skillsGap", () => {
  test("skillsGap(workedExample) matches the arithmetic by hand, by level", () => {
    const result = skillsGap(workedExample);
    expect(result.years).toBe(5);
    expect(result.byLevel.map((row) => row.level)).toEqual([...qualificationLevels]);
    const expected = [
      { level: "entry", expansion: 0, replacement: 0, demand: 0, supply: 0, gap: 0 },
      { level: "1-2", expansion: 48, replacement: 246, demand: 294, supply: 147, gap: 147 },
      { level: "3", expansion: 67, replacement: 119, demand: 186, supply: 124, gap: 62 },
      { level: "4-5", expansion: 0, replacement: 0, demand: 0, supply: 0, gap: 0 },
      { level: "6+", expansion: -15, replacement: 105, demand: 90, supply: 120, gap: -30 },
    ];
    for (const [index, row] of result.byLevel.entries()) {
      const want = expected[index]!;
      expect(row.level).toBe(want.level);
      for (const key of ["expansion", "replacement", "demand", "supply", "gap"] as const) {
        expect(row[key]).toBeCloseTo(want[key], 9);
      }
      expect(row.released).toBe(0);
      expect(row.range).toBeUndefined();
    }
    expect(result.warnings).toEqual([]);
    expect(result.uncertainty).toBeUndefined();
  });

  test("skillsGap(workedExample) matches the arithmetic by hand, by occupation and cell", () => {
    const result = skillsGap(workedExample);
    const byOccupation = Object.fromEntries(
      result.byOccupation.map((row) => [row.occupation, row]),
    );
    expect(Object.keys(byOccupation)).toEqual(["2", "5", "9"]);
    const expected = {
      "2": { employment: 1400, expansion: -20, replacement: 140, demand: 120, gap: -20 },
      "5": { employment: 700, expansion: 90, replacement: 105, demand: 195, gap: 71.5 },
      "9": { employment: 900, expansion: 30, replacement: 225, demand: 255, gap: 127.5 },
    };
    for (const [occupation, want] of Object.entries(expected)) {
      const row = byOccupation[occupation]!;
      for (const key of Object.keys(want) as (keyof typeof want)[]) {
        expect(row[key]).toBeCloseTo(want[key], 9);
      }
      expect(row.supply).toBeCloseTo(row.demand - row.gap, 9);
    }
    const cell = (occupation: string, level: string) =>
      result.byOccupationLevel.find((row) => row.occupation === occupation && row.level === level);
    expect(result.byOccupationLevel).toHaveLength(5);
    expect(cell("2", "3")).toMatchObject({ demand: 30, supply: 20 });
    expect(cell("2", "3")!.gap).toBeCloseTo(10, 9);
    expect(cell("2", "6+")!.gap).toBeCloseTo(-30, 9);
    expect(cell("5", "1-2")!.gap).toBeCloseTo(19.5, 9);
    expect(cell("9", "1-2")!.supply).toBeCloseTo(127.5, 9);
    // Where a level has openings, its cells' gaps add up to its gap.
    for (const level of ["1-2", "3", "6+"]) {
      const cells = result.byOccupationLevel.filter((row) => row.level === level);
      const gap = result.byLevel.find((row) => row.level === level)!.gap;
      expect(cells.reduce((sum, row) => sum + row.gap, 0)).toBeCloseTo(gap, 9);
    }
  });

  test("skillsGap(workedExample) reports the accessible share and the levels without openings", () => {
    const { accessibleShare: share } = skillsGap(workedExample);
    expect(share.level2orBelow).toBeCloseTo(294 / 570, 12);
    expect(share.level3).toBeCloseTo(186 / 570, 12);
    expect(share.levelsWithoutOpenings).toEqual(["entry", "4-5"]);
  });

  test("skillsGap floors each occupation's net requirement at 0 and reports the rest as released", () => {
    // Q now loses 400 jobs: occupation 2's expansion is 200·0.2 − 400·0.6 = −200, its
    // replacement 140, so its net requirement is −60: no openings and 60 people released, 15 at
    // level 3 and 45 at 6+. Occupation 5: 100 − 40 + 105 = 165; 9: 60 − 120 + 225 = 165.
    const result = skillsGap(
      withPlan([
        { industry: "C", baseline: 1000, target: 1200 },
        { industry: "Q", baseline: 2000, target: 1600 },
      ]),
    );
    const professional = result.byOccupation.find((row) => row.occupation === "2")!;
    expect(professional.expansion).toBeCloseTo(-200, 9);
    expect(professional.demand).toBe(0);
    expect(professional.released).toBeCloseTo(60, 9);
    expect(professional.gap).toBe(0);
    const level = (name: string) => result.byLevel.find((row) => row.level === name)!;
    expect(level("6+").demand).toBe(0);
    expect(level("6+").released).toBeCloseTo(45, 9);
    expect(level("6+").gap).toBe(-120);
    expect(level("3").demand).toBeCloseTo(165 * 0.8, 9);
    // expansion + replacement = demand − released, at every level.
    for (const row of result.byLevel) {
      expect(row.expansion + row.replacement).toBeCloseTo(row.demand - row.released, 9);
    }
    expect(result.accessibleShare.levelsWithoutOpenings).toEqual(["entry", "4-5", "6+"]);
  });

  test("skillsGap(input, { years: 0 }) counts only the change in employment", () => {
    const result = skillsGap(workedExample, { years: 0 });
    const byOccupation = result.byOccupation.map((row) => [row.occupation, row.demand]);
    expect(byOccupation).toEqual([
      ["2", 0],
      ["5", 90],
      ["9", 30],
    ]);
  });

  test("skillsGap without replacement rates counts only the change, with a warning", () => {
    const result = skillsGap({ ...workedExample, replacement: undefined });
    expect(result.byOccupation.map((row) => row.replacement)).toEqual([0, 0, 0]);
    expect(result.warnings).toEqual([expect.stringMatching(/^no replacement rates were given/)]);
  });

  test("skillsGap rescales shares within the tolerance to add up to 1", () => {
    const rounded = {
      ...workedExample,
      industryOccupation: workedExample.industryOccupation.map((row) =>
        row.industry === "C" && row.occupation === "9" ? { ...row, share: 0.302 } : row,
      ),
    };
    const result = skillsGap(rounded);
    const nine = result.byOccupation.find((row) => row.occupation === "9")!;
    // C's shares become 0.2, 0.5, 0.302 over 1.002.
    expect(nine.employment).toBeCloseTo((1000 * 0.302) / 1.002 + 600, 9);
  });
});

describe("skillsGap properties", () => {
  /** A random plan over the worked example's industries, some growing and some shrinking. */
  function randomPlan(random: () => number): PlanRow[] {
    return ["C", "Q"].map((industry) => {
      const baseline = Math.round(random() * 5000);
      return { industry, baseline, target: Math.round(baseline * (0.6 + random() * 0.8)) };
    });
  }

  test("skillsGap gives no demand without employment: baseline = target = 0", () => {
    const result = skillsGap(
      withPlan([
        { industry: "C", baseline: 0, target: 0 },
        { industry: "Q", baseline: 0, target: 0 },
      ]),
    );
    expect(levelValues(result, "demand")).toEqual([0, 0, 0, 0, 0]);
    expect(result.byOccupation.every((row) => row.demand === 0 && row.released === 0)).toBe(true);
    expect(result.accessibleShare).toEqual({
      level2orBelow: undefined,
      level3: undefined,
      levelsWithoutOpenings: [...qualificationLevels],
    });
    // All supply is surplus.
    expect(levelValues(result, "gap")).toEqual([0, -147, -124, 0, -120]);
  });

  test("skillsGap demand scales by k when every baseline and target does, floor or not", () => {
    const random = uniformStream(6);
    for (let trial = 0; trial < 50; trial++) {
      const plan = randomPlan(random);
      const k = random() * 10;
      const base = skillsGap(withPlan(plan));
      const scaled = skillsGap(
        withPlan(
          plan.map((row) => ({ ...row, baseline: k * row.baseline, target: k * row.target })),
        ),
      );
      for (const [index, row] of scaled.byLevel.entries()) {
        expect(row.demand).toBeCloseTo(k * base.byLevel[index]!.demand, 6);
        expect(row.released).toBeCloseTo(k * base.byLevel[index]!.released, 6);
      }
      for (const [index, row] of scaled.byOccupationLevel.entries()) {
        expect(row.demand).toBeCloseTo(k * base.byOccupationLevel[index]!.demand, 6);
      }
    }
  });

  test("skillsGap demand adds up across plans while no occupation's net requirement is negative", () => {
    // Growing plans: every change is 0 or more, so no floor bites and demand is additive.
    const random = uniformStream(7);
    for (let trial = 0; trial < 50; trial++) {
      const grow = (): PlanRow[] =>
        ["C", "Q"].map((industry) => {
          const baseline = Math.round(random() * 5000);
          return { industry, baseline, target: baseline + Math.round(random() * 1000) };
        });
      const first = grow();
      const second = grow();
      const sum = first.map((row, index) => ({
        industry: row.industry,
        baseline: row.baseline + second[index]!.baseline,
        target: row.target + second[index]!.target,
      }));
      const [a, b, both] = [first, second, sum].map((plan) => skillsGap(withPlan(plan)));
      for (const [index, row] of both!.byLevel.entries()) {
        expect(row.demand).toBeCloseTo(a!.byLevel[index]!.demand + b!.byLevel[index]!.demand, 6);
      }
    }
  });

  test("skillsGap demand is not additive where the floor bites, as documented", () => {
    // Alone, the shrinking plan releases occupation 2's jobs; added to a growing one they offset
    // its openings instead.
    const shrinking: PlanRow[] = [
      { industry: "C", baseline: 0, target: 0 },
      { industry: "Q", baseline: 1000, target: 0 },
    ];
    const growing: PlanRow[] = [
      { industry: "C", baseline: 0, target: 0 },
      { industry: "Q", baseline: 0, target: 1000 },
    ];
    const both: PlanRow[] = [
      { industry: "C", baseline: 0, target: 0 },
      { industry: "Q", baseline: 1000, target: 1000 },
    ];
    const total = (plan: PlanRow[]) =>
      skillsGap(withPlan(plan)).byLevel.reduce((sum, row) => sum + row.demand, 0);
    // Shrinking: every occupation's net requirement is −share·1000 + rate·5·share·1000 < 0.
    expect(total(shrinking)).toBe(0);
    expect(total(growing)).toBeCloseTo(1000, 9);
    // Both: no change, only replacement: 1000·(0.6·0.1 + 0.1·0.15 + 0.3·0.25) = 150.
    expect(total(both)).toBeCloseTo(150, 9);
    expect(total(both)).not.toBeCloseTo(total(shrinking) + total(growing), 3);
  });

  test("skillsGap never draws a negative supply, however wide its spread", () => {
    const result = skillsGap(workedExample, {
      uncertainty: {
        replications: 2000,
        seed: 3,
        changeSpread: 0,
        replacementSpread: 0,
        supplySpread: 5,
      },
    });
    // With only the supply uncertain, a gap can never exceed the demand: supply is 0 or more.
    for (const row of result.byLevel) {
      expect(row.range![1]).toBeLessThanOrEqual(row.demand + 1e-9);
      expect(row.supply).toBeGreaterThanOrEqual(0);
    }
    for (const row of result.byOccupationLevel) expect(row.supply).toBeGreaterThanOrEqual(0);
  });
});

describe("skillsGap uncertainty", () => {
  const uncertainty = { replications: 2000, seed: 1 };

  test("skillsGap(input, { uncertainty }) gives each gap a range around its point value", () => {
    const result = skillsGap(workedExample, { uncertainty });
    expect(result.uncertainty).toEqual({
      replications: 2000,
      seed: 1,
      spreads: { change: 0.5, replacement: 0.25, supply: 0.25 },
      percentiles: [5, 95],
    });
    for (const row of [...result.byLevel, ...result.byOccupation]) {
      const [low, high] = row.range!;
      expect(low).toBeLessThanOrEqual(row.gap);
      expect(row.gap).toBeLessThanOrEqual(high);
    }
    // Levels with demand or supply vary; entry and 4-5 have neither and do not.
    const level3 = result.byLevel.find((row) => row.level === "3")!;
    expect(level3.range![1] - level3.range![0]).toBeGreaterThan(10);
    expect(result.byLevel.find((row) => row.level === "entry")!.range).toEqual([0, 0]);
  });

  test("skillsGap(input, { uncertainty }) is reproducible with a seed, and another seed differs", () => {
    const first = skillsGap(workedExample, { uncertainty });
    const again = skillsGap(workedExample, { uncertainty });
    const other = skillsGap(workedExample, { uncertainty: { ...uncertainty, seed: 2 } });
    expect(again).toEqual(first);
    expect(other.byLevel.map((row) => row.range)).not.toEqual(
      first.byLevel.map((row) => row.range),
    );
    // The point values do not depend on the seed.
    expect(levelValues(other, "gap")).toEqual(levelValues(first, "gap"));
  });

  test("skillsGap with every spread 0 gives a degenerate range equal to the point value", () => {
    const result = skillsGap(workedExample, {
      uncertainty: {
        ...uncertainty,
        changeSpread: 0,
        replacementSpread: 0,
        supplySpread: 0,
      },
    });
    for (const row of [...result.byLevel, ...result.byOccupation]) {
      expect(row.range).toEqual([row.gap, row.gap]);
    }
  });

  test("skillsGap uses a row's own range over the default spread", () => {
    // Only C's target varies, from 1100 to 1300 (a change of 100 to 300), so only the levels
    // C employs at vary, and by no more than the shares allow.
    const result = skillsGap(
      withPlan([
        { industry: "C", baseline: 1000, target: 1200, targetLow: 1100, targetHigh: 1300 },
        { industry: "Q", baseline: 2000, target: 1900 },
      ]),
      { uncertainty: { ...uncertainty, changeSpread: 0, replacementSpread: 0, supplySpread: 0 } },
    );
    const level = (name: string) => result.byLevel.find((row) => row.level === name)!;
    // Level 3 gets 0.2·0.25 + 0.5·0.8 = 0.45 of each job C adds: ±100 jobs is ±45 at most.
    const [low, high] = level("3").range!;
    expect(low).toBeGreaterThanOrEqual(62 - 45 - 1e-9);
    expect(high).toBeLessThanOrEqual(62 + 45 + 1e-9);
    expect(high - low).toBeGreaterThan(30);
  });

  test("skillsGapForPlaces gives its first place what skillsGap gives it alone", () => {
    const places = [
      { placeCode: "E08000001", plan: workedExample.plan, supply: workedExample.supply },
      {
        placeCode: "E08000002",
        plan: [
          { industry: "C", baseline: 500, target: 800 },
          { industry: "Q", baseline: 100, target: 100 },
        ],
        supply: workedExample.supply,
      },
    ];
    const [first, second] = skillsGapForPlaces(workedExample, places, { uncertainty });
    expect(first).toEqual({ placeCode: "E08000001", ...skillsGap(workedExample, { uncertainty }) });
    expect(second!.placeCode).toBe("E08000002");
    expect(second!.byLevel.find((row) => row.level === "3")!.demand).toBeCloseTo(
      // Occupation 2: 300·0.2 + 0.02·5·(100 + 60) = 76 → 19 at level 3; occupation 5:
      // 300·0.5 + 0.03·5·(250 + 10) = 189 → 151.2 at level 3.
      19 + 151.2,
      9,
    );
  });
});

describe("skillsGap in-commuting", () => {
  const uncertainty = { replications: 2000, seed: 1 };
  // The worked example's supply at 1-2, 3 and 6+ is 147, 124 and 120.
  const supplies = [0, 147, 124, 0, 120];

  test("skillsGap with an in-commuting share adds share × demand to each level's supply", () => {
    // 20% in-commuting: 1-2 147 + 0.2·294 = 205.8, gap 88.2; 3 124 + 37.2 = 161.2, gap 24.8;
    // 6+ 120 + 18 = 138, gap −48. Occupation 9 (all at 1-2): 255 · 88.2/294 = 76.5.
    const result = skillsGap({ ...workedExample, inCommutingShare: 0.2 });
    const expected = [
      [0, 0, 0],
      [58.8, 205.8, 88.2],
      [37.2, 161.2, 24.8],
      [0, 0, 0],
      [18, 138, -48],
    ];
    for (const [index, row] of result.byLevel.entries()) {
      const [inCommuting, supply, gap] = expected[index]!;
      expect(row.inCommuting).toBeCloseTo(inCommuting!, 9);
      expect(row.supply).toBeCloseTo(supply!, 9);
      expect(row.gap).toBeCloseTo(gap!, 9);
    }
    expect(result.inCommutingShare).toBe(0.2);
    const occupation9 = result.byOccupation.find((row) => row.occupation === "9")!;
    expect(occupation9.gap).toBeCloseTo(76.5, 9);
    // The cells still add up to their level.
    for (const level of ["1-2", "3", "6+"]) {
      const cells = result.byOccupationLevel.filter((row) => row.level === level);
      const row = result.byLevel.find((candidate) => candidate.level === level)!;
      expect(cells.reduce((sum, cell) => sum + cell.gap, 0)).toBeCloseTo(row.gap, 9);
      expect(cells.reduce((sum, cell) => sum + cell.supply, 0)).toBeCloseTo(row.supply, 9);
    }
  });

  test("skillsGap with an in-commuting share of 0 gives the gaps and ranges without one, bit for bit", () => {
    const without = skillsGap(workedExample, { uncertainty });
    const zero = skillsGap({ ...workedExample, inCommutingShare: 0 }, { uncertainty });
    expect(zero.byLevel.map(({ inCommuting: _inCommuting, ...row }) => row)).toEqual(
      without.byLevel,
    );
    expect(zero.byLevel.every((row) => row.inCommuting === 0)).toBe(true);
    expect(zero.byOccupation).toEqual(without.byOccupation);
    expect(without.byLevel[0]!.inCommuting).toBeUndefined();
    expect(without.inCommutingShare).toBeUndefined();
  });

  test("skillsGap applies the in-commuting share to each replication's demand", () => {
    // With the supply fixed, a replication's gap is D − S without in-commuting and (1 − c) D − S
    // with it, from the same draws of D (the share draws nothing); quantiles commute with an
    // increasing affine map, so the range with c is (1 − c)(range + S) − S.
    const options = { uncertainty: { ...uncertainty, supplySpread: 0 } };
    const without = skillsGap(workedExample, options);
    const share = 0.3;
    const withShare = skillsGap({ ...workedExample, inCommutingShare: share }, options);
    for (const [index, row] of withShare.byLevel.entries()) {
      const supply = supplies[index]!;
      const [low, high] = without.byLevel[index]!.range!;
      expect(row.range![0]).toBeCloseTo((1 - share) * (low + supply) - supply, 9);
      expect(row.range![1]).toBeCloseTo((1 - share) * (high + supply) - supply, 9);
      expect(row.range![0]).toBeLessThanOrEqual(row.gap);
      expect(row.gap).toBeLessThanOrEqual(row.range![1]);
    }
  });

  test("skillsGap with an in-commuting share of 1 fills every opening from elsewhere", () => {
    const result = skillsGap({ ...workedExample, inCommutingShare: 1 });
    expect(levelValues(result, "gap")).toEqual(supplies.map((supply) => 0 - supply));
  });

  test("skillsGapForPlaces takes each place's own in-commuting share", () => {
    const [first, second] = skillsGapForPlaces(workedExample, [
      { placeCode: "A", plan: workedExample.plan, supply: workedExample.supply },
      {
        placeCode: "B",
        plan: workedExample.plan,
        supply: workedExample.supply,
        inCommutingShare: 0.5,
      },
    ]);
    expect(first!.byLevel[1]!.gap).toBeCloseTo(147, 9);
    expect(second!.byLevel[1]!.gap).toBeCloseTo(0.5 * 294 - 147, 9);
  });

  test("skillsGap throws for an in-commuting share outside 0 to 1, naming the place", () => {
    for (const share of [-0.1, 1.01, Number.NaN]) {
      const error = inputError(() => skillsGap({ ...workedExample, inCommutingShare: share }));
      expect(error.reason).toBe("the in-commuting share must be a share from 0 to 1, such as 0.1");
      expect(error.location).toEqual({ field: "inCommutingShare", value: String(share) });
    }
    const error = inputError(() =>
      skillsGapForPlaces(workedExample, [
        { placeCode: "E08000003", ...workedExample, inCommutingShare: 2 },
      ]),
    );
    expect(error.message).toMatch(/\(place E08000003\)/);
  });
});

describe("skillsGap errors", () => {
  test("skillsGap throws when an industry of the plan has no occupation mix", () => {
    const error = inputError(() =>
      skillsGap(withPlan([...workedExample.plan, { industry: "F", baseline: 10, target: 20 }])),
    );
    expect(error.message).toMatch(/industry of the plan has no occupation mix/);
    expect(error.location).toEqual({ field: "industry", value: "F" });
  });

  test("skillsGap throws when an occupation has no level mix", () => {
    const error = inputError(() =>
      skillsGap({
        ...workedExample,
        occupationLevel: workedExample.occupationLevel.filter((row) => row.occupation !== "5"),
      }),
    );
    expect(error.message).toMatch(/occupation has no level mix/);
    expect(error.location.value).toBe("5");
  });

  test("skillsGap throws when an industry's shares do not add up to 1, giving the sum", () => {
    const error = inputError(() =>
      skillsGap({
        ...workedExample,
        industryOccupation: workedExample.industryOccupation.filter(
          (row) => !(row.industry === "Q" && row.occupation === "9"),
        ),
      }),
    );
    expect(error.message).toMatch(/the shares of industry Q add up to 0\.7; expected 1/);
  });

  test("skillsGap throws when an occupation's level shares do not add up to 1", () => {
    const error = inputError(() =>
      skillsGap({
        ...workedExample,
        occupationLevel: [
          ...workedExample.occupationLevel,
          { occupation: "9", level: "3", share: 0.1 },
        ],
      }),
    );
    expect(error.message).toMatch(/the shares of occupation 9 add up to 1\.1/);
  });

  test("skillsGap throws for negative employment, supply or shares, and duplicates", () => {
    expect(
      inputError(() => skillsGap(withPlan([{ industry: "C", baseline: -1, target: 0 }]))).message,
    ).toMatch(/baseline employment of industry C must be a number, 0 or more/);
    expect(
      inputError(() => skillsGap(withPlan([{ industry: "C", baseline: 1, target: -5 }]))).message,
    ).toMatch(/target of C must be a number from 0 up/);
    const negativeSupply: LevelSupply[] = workedExample.supply.map((row) =>
      row.level === "3" ? { ...row, supply: -1 } : row,
    );
    expect(
      inputError(() => skillsGap({ ...workedExample, supply: negativeSupply })).message,
    ).toMatch(/supply at 3 must be a number from 0 up/);
    expect(
      inputError(() =>
        skillsGap(
          withPlan([
            { industry: "C", baseline: 1, target: 2 },
            { industry: "C", baseline: 1, target: 2 },
          ]),
        ),
      ).message,
    ).toMatch(/this industry is in the plan twice/);
    expect(
      inputError(() =>
        skillsGap({
          ...workedExample,
          industryOccupation: [
            ...workedExample.industryOccupation,
            { industry: "C", occupation: "2", share: 0 },
          ],
        }),
      ).message,
    ).toMatch(/industry C has two shares for occupation 2/);
  });

  test("skillsGap throws when a level's supply is missing, or an occupation's replacement rate", () => {
    expect(
      inputError(() =>
        skillsGap({
          ...workedExample,
          supply: workedExample.supply.filter((row) => row.level !== "4-5"),
        }),
      ),
    ).toMatchObject({ reason: expect.stringMatching(/^the supply at 4-5 is missing/) });
    expect(
      inputError(() =>
        skillsGap({
          ...workedExample,
          replacement: workedExample.replacement!.filter((row) => row.occupation !== "9"),
        }),
      ).message,
    ).toMatch(/no replacement rate for occupation 9:/);
  });

  test("skillsGap throws for a range that does not hold its point value, or half a range", () => {
    expect(
      inputError(() =>
        skillsGap(
          withPlan([{ industry: "C", baseline: 1, target: 5, targetLow: 6, targetHigh: 9 }]),
        ),
      ).message,
    ).toMatch(/the target of C must lie in its range/);
    expect(
      inputError(() =>
        skillsGap(withPlan([{ industry: "C", baseline: 1, target: 5, targetLow: 2 }])),
      ).message,
    ).toMatch(/one end of its range/);
  });

  test("skillsGapForPlaces names the place of a place's error", () => {
    const error = inputError(() =>
      skillsGapForPlaces(workedExample, [
        { placeCode: "E08000003", plan: workedExample.plan, supply: [] },
      ]),
    );
    expect(error.message).toMatch(
      /the supply at entry, 1-2, 3, 4-5, 6\+ is missing.*\(place E08000003\)$/,
    );
  });

  test("skillsGap throws for bad options", () => {
    expect(inputError(() => skillsGap(workedExample, { years: -1 })).location.field).toBe("years");
    expect(
      inputError(() => skillsGap(workedExample, { uncertainty: { replications: 0, seed: 1 } }))
        .location.field,
    ).toBe("replications");
    expect(
      inputError(() =>
        skillsGap(workedExample, { uncertainty: { replications: 10, seed: 1, supplySpread: -1 } }),
      ).location.field,
    ).toBe("supplySpread");
  });

  test("skillsGap of an empty plan has no openings and no accessible share", () => {
    const result = skillsGap(withPlan([]));
    expect(result.byOccupation).toEqual([]);
    expect(levelValues(result, "demand")).toEqual([0, 0, 0, 0, 0]);
    expect(result.accessibleShare.level2orBelow).toBeUndefined();
  });
});

describe("accessibleShare", () => {
  test("accessibleShare(byLevel) shares the openings and lists levels with less than half of one", () => {
    expect(
      accessibleShare([
        { level: "entry", demand: 10 },
        { level: "1-2", demand: 30 },
        { level: "3", demand: 20 },
        { level: "4-5", demand: 0.4 },
        { level: "6+", demand: 39.6 },
      ]),
    ).toEqual({ level2orBelow: 0.4, level3: 0.2, levelsWithoutOpenings: ["4-5"] });
  });
});
