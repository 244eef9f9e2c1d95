import { describe, expect, test } from "vitest";
import { InputError } from "../../core/errors.js";
import { rankInvestments } from "./rankInvestments.js";
import type { QualificationLevel } from "./qualificationLevels.js";

// Four cells of a skills gap: three shortfalls and a surplus.
const cells: { occupation: string; level: QualificationLevel; gap: number }[] = [
  { occupation: "22", level: "6+", gap: 200 },
  { occupation: "52", level: "3", gap: 150 },
  { occupation: "61", level: "1-2", gap: 100 },
  { occupation: "41", level: "3", gap: -80 },
];
// Median gross annual pay, pounds (illustrative).
const payByOccupation = { "22": 45_000, "52": 35_000, "61": 25_000 };

describe("rankInvestments", () => {
  test("rankInvestments(cells) ranks the shortfalls by size and leaves out the surplus", () => {
    const ranked = rankInvestments(cells);
    expect(ranked.map((entry) => [entry.rank, entry.occupation, entry.level])).toEqual([
      [1, "22", "6+"],
      [2, "52", "3"],
      [3, "61", "1-2"],
    ]);
    expect(ranked.map((entry) => entry.score)).toEqual([1, 0.75, 0.5]);
    expect(ranked[1]!.reason).toBe(
      "a shortfall of 150 people at level 3 in occupation 52, 75% of the largest gap",
    );
  });

  test("rankInvestments(cells, { weights }) weighs size, pay and access, worked by hand", () => {
    // size: 22 → 1, 52 → 0.75, 61 → 0.5; pay: 22 → 1, 52 → 0.5, 61 → 0; access: 22 → 0, the
    // others 1. With weights 0.5, 0.25, 0.25:
    //   22: 0.5·1 + 0.25·1 + 0 = 0.75;  52: 0.375 + 0.125 + 0.25 = 0.75;  61: 0.25 + 0 + 0.25 = 0.5
    // 22 and 52 tie on score; the larger gap goes first.
    const ranked = rankInvestments(cells, {
      weights: { size: 0.5, pay: 0.25, access: 0.25 },
      payByOccupation,
    });
    expect(ranked.map((entry) => [entry.occupation, entry.score])).toEqual([
      ["22", 0.75],
      ["52", 0.75],
      ["61", 0.5],
    ]);
    expect(ranked[1]!.criteria).toEqual({ size: 0.75, pay: 0.5, access: 1 });
    expect(ranked[1]!.reason).toBe(
      "a shortfall of 150 people at level 3 in occupation 52, 75% of the largest gap; " +
        "median pay £35,000, 50% of the way from the lowest to the highest listed; " +
        "open to people qualified to level 3 or below",
    );
  });

  test("rankInvestments leaves pay out of the score of an occupation whose pay is not known", () => {
    const ranked = rankInvestments(cells, {
      weights: { size: 1, pay: 1 },
      payByOccupation: { "22": 45_000, "61": 25_000 },
    });
    const skilledTrades = ranked.find((entry) => entry.occupation === "52")!;
    // Size alone: 0.75 / 1.
    expect(skilledTrades.score).toBe(0.75);
    expect(skilledTrades.criteria.pay).toBeUndefined();
    expect(skilledTrades.reason).toMatch(/pay not known, so left out of the score/);
    // 22: (1 + 1) / 2 = 1; 61: (0.5 + 0) / 2 = 0.25.
    expect(ranked.map((entry) => entry.occupation)).toEqual(["22", "52", "61"]);
    expect(ranked[2]!.score).toBe(0.25);
  });

  test("rankInvestments scores every known pay 1 when they are all the same", () => {
    const ranked = rankInvestments(cells, {
      weights: { size: 0, pay: 1 },
      payByOccupation: { "22": 30_000, "52": 30_000, "61": 30_000 },
    });
    expect(ranked.map((entry) => entry.criteria.pay)).toEqual([1, 1, 1]);
    // Equal scores: by gap.
    expect(ranked.map((entry) => entry.occupation)).toEqual(["22", "52", "61"]);
  });

  test("rankInvestments breaks ties of score and gap by occupation, then level", () => {
    const ranked = rankInvestments([
      { occupation: "9", level: "1-2", gap: 10 },
      { occupation: "5", level: "3", gap: 10 },
      { occupation: "5", level: "1-2", gap: 10 },
    ]);
    expect(ranked.map((entry) => `${entry.occupation}@${entry.level}`)).toEqual([
      "5@1-2",
      "5@3",
      "9@1-2",
    ]);
  });

  test("rankInvestments of no shortfall, or with a limit", () => {
    expect(rankInvestments([])).toEqual([]);
    expect(rankInvestments([{ occupation: "1", level: "6+", gap: 0 }])).toEqual([]);
    expect(rankInvestments(cells, { limit: 1 }).map((entry) => entry.occupation)).toEqual(["22"]);
    expect(
      rankInvestments(cells, { limit: 1, occupationNames: { "22": "Health professionals" } })[0]!
        .reason,
    ).toBe(
      "a shortfall of 200 people at level 6 and above in occupation 22 (Health professionals), 100% of the largest gap",
    );
    expect(rankInvestments([{ occupation: "1", level: "6+", gap: 1 }])[0]!.reason).toMatch(
      /^a shortfall of 1 person at level 6 and above/,
    );
  });

  test("rankInvestments throws for a negative weight, or weights that are all 0", () => {
    expect(() => rankInvestments(cells, { weights: { size: -1 } })).toThrow(InputError);
    expect(() => rankInvestments(cells, { weights: { size: 0 } })).toThrow(
      /at least one weight \(size, pay or access\) must be above 0/,
    );
  });
});
