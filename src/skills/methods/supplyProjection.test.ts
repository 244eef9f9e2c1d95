import { describe, expect, test } from "vitest";
import { uniformStream } from "../../../test/helpers/random.js";
import { skillsWorkedExample } from "../../../test/helpers/skillsWorkedExample.js";
import { InputError } from "../../core/errors.js";
import { qualificationLevels, type QualificationLevel } from "./qualificationLevels.js";
import { skillsGap } from "./skillsGap.js";
import {
  ageBandLabel,
  defaultRetention,
  projectSupply,
  type LevelCompletions,
  type ResidentsByAge,
  type SupplyProjectionInput,
} from "./supplyProjection.js";

// The worked example, by hand (docs/methods/skills-gap.md, "Projected supply"). Five years,
// retention 0.8 at every level but 6+, where it is 0.5; entry ages 16 to 24 (9 years).
//
//   completions a year:  1-2  construction 40, health and social care 20     → 60
//                        3    engineering 30, health and social care 10      → 40
//                        6+   nursing 24                                     → 24
//   residents:           entry  16-24: 90                                    → 90 / 9 = 10 a year
//                        3      16-24: 180 (not used: level 3 has completions)
//                        4-5    16-19: 36, 20-24: 54 → 90                    → 90 / 9 = 10 a year
//                        6+     25-34: 400 (not in the entry ages)
//
//   supply = retention × entrants × 5:
//     entry  0.8 · 10 · 5 = 40               (from residents)
//     1-2    0.8 · 60 · 5 = 240              construction 160, health and social care 80
//     3      0.8 · 40 · 5 = 160              engineering 120, health and social care 40
//     4-5    0.8 · 10 · 5 = 40               (from residents)
//     6+     0.5 · 24 · 5 = 60               nursing 60
const completions: LevelCompletions[] = [
  { level: "1-2", subject: "Construction", completions: 40 },
  { level: "1-2", subject: "Health and social care", completions: 20 },
  { level: "3", subject: "Engineering", completions: 30 },
  { level: "3", subject: "Health and social care", completions: 10 },
  { level: "6+", subject: "Nursing", completions: 24 },
];
const residents: ResidentsByAge[] = [
  { level: "entry", ageFrom: 16, ageTo: 24, residents: 90 },
  { level: "3", ageFrom: 16, ageTo: 24, residents: 180 },
  { level: "4-5", ageFrom: 16, ageTo: 19, residents: 36 },
  { level: "4-5", ageFrom: 20, ageTo: 24, residents: 54 },
  { level: "6+", ageFrom: 25, ageTo: 34, residents: 400 },
  { level: "6+", ageFrom: 65, residents: 1000 },
];
const workedExample: SupplyProjectionInput = { completions, residents };
const workedOptions = { years: 5, retention: 0.8, retentionByLevel: { "6+": 0.5 } };

// The skills gap's worked example (skillsGap.test.ts): demand entry 0, 1-2 294, 3 186, 4-5 0,
// 6+ 90.
// Each test gives it the projection's supply in place of its own.
const gapExample = skillsWorkedExample;
const gapDemand = [0, 294, 186, 0, 90];

function inputError(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

describe("projectSupply", () => {
  test("projectSupply(workedExample) matches the arithmetic by hand, by level", () => {
    const projection = projectSupply(workedExample, workedOptions);
    expect(projection.years).toBe(5);
    expect(projection.entryAges).toEqual({ from: 16, to: 24 });
    expect(projection.inCommutingShare).toBe(0);
    const expected = [
      ["entry", "residents", undefined, 90, 10, 0.8, 40],
      ["1-2", "completions", 60, undefined, 60, 0.8, 240],
      ["3", "completions", 40, 180, 40, 0.8, 160],
      ["4-5", "residents", undefined, 90, 10, 0.8, 40],
      ["6+", "completions", 24, undefined, 24, 0.5, 60],
    ];
    expect(
      projection.byLevel.map((row) => [
        row.level,
        row.source,
        row.completions,
        row.residents,
        row.entrants,
        row.retention,
        row.supply,
      ]),
    ).toEqual(expected);
    expect(projection.supply).toEqual([
      { level: "entry", supply: 40 },
      { level: "1-2", supply: 240 },
      { level: "3", supply: 160 },
      { level: "4-5", supply: 40 },
      { level: "6+", supply: 60 },
    ]);
    expect(projection.warnings).toEqual([]);
  });

  test("projectSupply(workedExample) reports each subject of the levels with completions", () => {
    const { bySubject } = projectSupply(workedExample, workedOptions);
    expect(bySubject.map((row) => [row.level, row.subject, row.supply])).toEqual([
      ["1-2", "Construction", 160],
      ["1-2", "Health and social care", 80],
      ["3", "Engineering", 120],
      ["3", "Health and social care", 40],
      ["6+", "Nursing", 60],
    ]);
    // The subjects add up to their level.
    const { byLevel } = projectSupply(workedExample, workedOptions);
    for (const level of ["1-2", "3", "6+"] as const) {
      const sum = bySubject
        .filter((row) => row.level === level)
        .reduce((total, row) => total + row.supply, 0);
      expect(sum).toBeCloseTo(byLevel.find((row) => row.level === level)!.supply, 9);
    }
  });

  test("projectSupply feeds skillsGap, which adds the in-commuters' share of demand", () => {
    // Supply with 10% in-commuting: entry 40 + 0 = 40, 1-2 240 + 29.4 = 269.4, 3 160 + 18.6 =
    // 178.6, 4-5 40 + 0 = 40, 6+ 60 + 9 = 69; gap = 0.9 · demand − resident supply: entry −40,
    // 1-2 24.6, 3 7.4, 4-5 −40, 6+ 21.
    const projection = projectSupply(workedExample, { ...workedOptions, inCommutingShare: 0.1 });
    expect(projection.inCommutingShare).toBe(0.1);
    const result = skillsGap({
      ...gapExample,
      supply: projection.supply,
      inCommutingShare: projection.inCommutingShare,
    });
    const expected = [
      [0, 40, -40],
      [29.4, 269.4, 24.6],
      [18.6, 178.6, 7.4],
      [0, 40, -40],
      [9, 69, 21],
    ];
    for (const [index, row] of result.byLevel.entries()) {
      const [inCommuting, supply, gap] = expected[index]!;
      expect(row.demand).toBeCloseTo(gapDemand[index]!, 9);
      expect(row.inCommuting).toBeCloseTo(inCommuting!, 9);
      expect(row.supply).toBeCloseTo(supply!, 9);
      expect(row.gap).toBeCloseTo(gap!, 9);
    }
    expect(result.inCommutingShare).toBe(0.1);
  });

  test("projectSupply with retention 0 gives no resident supply: the gap's supply is only in-commuting", () => {
    const projection = projectSupply(workedExample, { retention: 0, inCommutingShare: 0.25 });
    expect(projection.supply.map((row) => row.supply)).toEqual([0, 0, 0, 0, 0]);
    expect(projection.bySubject.every((row) => row.supply === 0)).toBe(true);
    const result = skillsGap({ ...gapExample, ...projection });
    for (const [index, row] of result.byLevel.entries()) {
      expect(row.supply).toBeCloseTo(0.25 * gapDemand[index]!, 9);
      expect(row.gap).toBeCloseTo(0.75 * gapDemand[index]!, 9);
    }
  });

  test("projectSupply of zero completions and no residents gives zero supply, with a warning for the levels without any", () => {
    const zero = projectSupply({
      completions: qualificationLevels.map((level) => ({ level, subject: "all", completions: 0 })),
    });
    expect(zero.supply.map((row) => row.supply)).toEqual([0, 0, 0, 0, 0]);
    expect(zero.byLevel.every((row) => row.source === "completions")).toBe(true);
    expect(zero.warnings).toEqual([]);
    const empty = projectSupply({ completions: [] });
    expect(empty.supply.map((row) => row.supply)).toEqual([0, 0, 0, 0, 0]);
    expect(empty.byLevel.map((row) => [row.source, row.completions, row.residents])).toEqual(
      qualificationLevels.map(() => ["none", undefined, undefined]),
    );
    expect(empty.warnings).toEqual([
      "no completions at entry, 1-2, 3, 4-5, 6+, so the supply there is taken as 0 (plus any in-commuting); give completions at each level, 0 where there are none",
    ]);
  });

  test("projectSupply is linear in the completions: scaled by k, and added across inputs", () => {
    const next = uniformStream(6);
    const subjects = ["A", "B", "C"];
    const random = (): LevelCompletions[] =>
      qualificationLevels.flatMap((level) =>
        subjects.map((subject) => ({ level, subject, completions: Math.floor(next() * 500) })),
      );
    for (let trial = 0; trial < 20; trial++) {
      const first = random();
      const second = random();
      const k = next() * 3;
      const options = { years: 1 + Math.floor(next() * 10), retention: next() };
      const supplyOf = (rows: LevelCompletions[]) =>
        projectSupply({ completions: rows }, options).supply.map((row) => row.supply);
      const base = supplyOf(first);
      const scaled = supplyOf(first.map((row) => ({ ...row, completions: k * row.completions })));
      const sum = supplyOf(
        first.map((row, index) => ({
          ...row,
          completions: row.completions + second[index]!.completions,
        })),
      );
      const other = supplyOf(second);
      for (let level = 0; level < 5; level++) {
        expect(scaled[level]).toBeCloseTo(k * base[level]!, 6);
        expect(sum[level]).toBeCloseTo(base[level]! + other[level]!, 6);
      }
    }
  });

  test("projectSupply never gives a negative supply", () => {
    const next = uniformStream(11);
    for (let trial = 0; trial < 50; trial++) {
      const rows = qualificationLevels
        .filter(() => next() < 0.6)
        .map((level) => ({ level, subject: "all", completions: next() * 1000 }));
      const people = qualificationLevels.map((level) => ({
        level,
        ageFrom: 16,
        ageTo: 24,
        residents: next() * 5000,
      }));
      const projection = projectSupply(
        { completions: rows, residents: people },
        { years: next() * 20, retention: next() },
      );
      for (const row of projection.byLevel) {
        expect(row.supply).toBeGreaterThanOrEqual(0);
        expect(row.source).toBe(
          rows.some((r) => r.level === row.level) ? "completions" : "residents",
        );
      }
    }
  });

  test("projectSupply prefers completions to residents, even completions of 0", () => {
    const projection = projectSupply({
      completions: [{ level: "3", subject: "all", completions: 0 }],
      residents: [{ level: "3", ageFrom: 16, ageTo: 24, residents: 900 }],
    });
    const level3 = projection.byLevel[2]!;
    expect(level3).toMatchObject({ source: "completions", completions: 0, residents: 900 });
    expect(level3.supply).toBe(0);
  });

  test("projectSupply reads the entry cohort from other entry ages, and skips levels without a band in them", () => {
    // Ages 25 to 34 span 10 years: 400 / 10 = 40 a year at 6+, × 0.7 × 5 = 140.
    const projection = projectSupply(
      { completions: [], residents },
      { entryAges: { from: 25, to: 34 } },
    );
    expect(projection.byLevel.map((row) => row.source)).toEqual([
      "none",
      "none",
      "none",
      "none",
      "residents",
    ]);
    expect(projection.byLevel[4]!.supply).toBeCloseTo(0.7 * 40 * 5, 9);
    expect(projection.warnings[0]).toMatch(
      /^no completions and no residents aged 25 to 34 at entry, 1-2, 3, 4-5,/,
    );
  });

  test("projectSupply uses the default retention with a warning, and a level's own retention over it", () => {
    const projection = projectSupply({ completions }, { retentionByLevel: { "1-2": 1 } });
    expect(projection.byLevel.map((row) => row.retention)).toEqual([
      defaultRetention,
      1,
      defaultRetention,
      defaultRetention,
      defaultRetention,
    ]);
    expect(projection.byLevel[1]!.supply).toBe(60 * 5);
    expect(projection.warnings).toContain(
      "no retention was given for 3, 6+, so 70% of new entrants there are taken to stay and work locally, a convention; give the share that stays (HESA's Graduate Outcomes for graduates, say)",
    );
  });

  test("projectSupply over 0 years gives no supply", () => {
    const projection = projectSupply(workedExample, { years: 0 });
    expect(projection.supply.every((row) => row.supply === 0)).toBe(true);
  });

  test("projectSupply throws for an unknown level, a blank subject and negative completions", () => {
    const unknown = inputError(() =>
      projectSupply({
        completions: [{ level: "2" as QualificationLevel, subject: "all", completions: 1 }],
      }),
    );
    expect(unknown.location).toEqual({ field: "level", value: "2" });
    expect(unknown.reason).toBe("expected a level among entry, 1-2, 3, 4-5, 6+");
    expect(
      inputError(() =>
        projectSupply({ completions: [{ level: "3", subject: "  ", completions: 1 }] }),
      ).reason,
    ).toBe("the completions at 3 need a subject");
    for (const value of [-1, Number.NaN, Infinity]) {
      const error = inputError(() =>
        projectSupply({
          completions: [{ level: "3", subject: "Engineering", completions: value }],
        }),
      );
      expect(error.reason).toBe(
        "the completions in Engineering at 3 must be a number a year, 0 or more",
      );
      expect(error.location).toEqual({ field: "completions", value: String(value) });
    }
  });

  test("projectSupply throws for a level and subject given twice", () => {
    const error = inputError(() =>
      projectSupply({
        completions: [
          { level: "3", subject: "Engineering", completions: 1 },
          { level: "1-2", subject: "Engineering", completions: 1 },
          { level: "3", subject: " Engineering ", completions: 2 },
        ],
      }),
    );
    expect(error.reason).toBe("the completions in Engineering at 3 are given twice");
  });

  test("projectSupply throws for a retention or in-commuting share outside 0 to 1", () => {
    for (const retention of [-0.1, 1.5, Number.NaN]) {
      const error = inputError(() => projectSupply(workedExample, { retention }));
      expect(error.reason).toBe("the retention must be a share from 0 to 1, such as 0.7");
      expect(error.location.field).toBe("retention");
    }
    expect(
      inputError(() => projectSupply(workedExample, { retentionByLevel: { "6+": 2 } })).reason,
    ).toBe("the retention at 6+ must be a share from 0 to 1, such as 0.7");
    expect(
      inputError(() =>
        projectSupply(workedExample, {
          retentionByLevel: { "7": 0.5 } as Partial<Record<QualificationLevel, number>>,
        }),
      ).location,
    ).toEqual({ field: "retentionByLevel", value: "7" });
    expect(inputError(() => projectSupply(workedExample, { inCommutingShare: 1.2 })).reason).toBe(
      "the in-commuting share must be a share from 0 to 1, such as 0.1",
    );
  });

  test("projectSupply throws for overlapping age bands, entry ages half covered, and bad ages", () => {
    const overlap = inputError(() =>
      projectSupply({
        completions: [],
        residents: [
          { level: "3", ageFrom: 16, ageTo: 24, residents: 1 },
          { level: "3", ageFrom: 20, ageTo: 29, residents: 1 },
        ],
      }),
    );
    expect(overlap.reason).toBe(
      "the residents at 3 aged 20-29 overlap those aged 16-24; give each age once",
    );
    const openOverlap = inputError(() =>
      projectSupply({
        completions: [],
        residents: [
          { level: "3", ageFrom: 50, residents: 1 },
          { level: "3", ageFrom: 60, ageTo: 64, residents: 1 },
        ],
      }),
    );
    expect(openOverlap.reason).toMatch(/aged 60-64 overlap those aged 50\+/);
    const partial = inputError(() =>
      projectSupply({
        completions: [],
        residents: [{ level: "3", ageFrom: 16, ageTo: 19, residents: 40 }],
      }),
    );
    expect(partial.reason).toBe(
      "the residents at 3 cover 4 of the 9 years of the entry ages 16 to 24; give bands that cover them all, or other entry ages",
    );
    expect(
      inputError(() =>
        projectSupply({
          completions: [],
          residents: [{ level: "3", ageFrom: 24, ageTo: 16, residents: 1 }],
        }),
      ).location,
    ).toEqual({ field: "ageBand", value: "24-16" });
    expect(
      inputError(() => projectSupply(workedExample, { entryAges: { from: 24, to: 16 } })).location,
    ).toEqual({ field: "entryAges", value: "24 to 16" });
    expect(
      inputError(() =>
        projectSupply({
          completions: [],
          residents: [{ level: "3", ageFrom: 16, ageTo: 24, residents: -5 }],
        }),
      ).reason,
    ).toBe("the residents aged 16-24 at 3 must be a number of people, 0 or more");
  });

  test("projectSupply throws for a negative horizon", () => {
    expect(inputError(() => projectSupply(workedExample, { years: -1 })).location).toEqual({
      field: "years",
      value: "-1",
    });
  });
});

describe("ageBandLabel", () => {
  test("ageBandLabel writes a closed band with a hyphen and an open one with a plus", () => {
    expect(ageBandLabel({ ageFrom: 16, ageTo: 24 })).toBe("16-24");
    expect(ageBandLabel({ ageFrom: 65 })).toBe("65+");
  });
});
