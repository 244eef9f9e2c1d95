import { describe, expect, test } from "vitest";
import {
  ballot,
  condorcetWinner,
  randomBallots,
  schulzeExample,
  tennessee,
  tennesseeCities,
} from "../../../test/helpers/ballots.js";
import { InputError } from "../../core/errors.js";
import { Random } from "../../demo/random.js";
import { rankedPairs } from "./rankedPairs.js";

describe("rankedPairs", () => {
  test("rankedPairs(ballots, options) elects Nashville in the Tennessee example, locking every pair", () => {
    // Majorities, strongest first: Chattanooga > Knoxville 83–17; Nashville over Chattanooga and
    // over Knoxville, both 68–32, taken with the loser later in the (alphabetical) tie-break
    // order first, so Knoxville's pair first; then the three 58–42 wins over Memphis, by winner
    // in the tie-break order. None closes a cycle, so although the tie-break order set the order
    // within the two runs of equal majorities, any order would lock the same pairs: no tie.
    const result = rankedPairs(tennessee, tennesseeCities);
    expect(result).toMatchObject({
      method: "ranked-pairs",
      winner: "Nashville",
      ranking: ["Nashville", "Chattanooga", "Knoxville", "Memphis"],
      ties: [],
    });
    expect(result.details.locked).toEqual([
      ["Chattanooga", "Knoxville"],
      ["Nashville", "Knoxville"],
      ["Nashville", "Chattanooga"],
      ["Chattanooga", "Memphis"],
      ["Knoxville", "Memphis"],
      ["Nashville", "Memphis"],
    ]);
    expect(result.details.skipped).toEqual([]);
  });

  test("rankedPairs(ballots, options) elects A in Schulze's 45-voter example, where Schulze elects E", () => {
    // From the pairwise matrix (see schulze.test.ts), majorities strongest first: B > D 33,
    // E > D 31, A > D 30, C > B 29, D > C 28, E > B 27, A > C 26, B > A 25, C > E 24, E > A 23.
    // D > C would close C > B > D > C; B > A would close A > C > B > A; E > A would close
    // A > C > E > A. The locked graph is the chain A > C > E > B > D.
    const result = rankedPairs(schulzeExample, ["A", "B", "C", "D", "E"]);
    expect(result.details.locked).toEqual([
      ["B", "D"],
      ["E", "D"],
      ["A", "D"],
      ["C", "B"],
      ["E", "B"],
      ["A", "C"],
      ["C", "E"],
    ]);
    expect(result.details.skipped).toEqual([
      ["D", "C"],
      ["B", "A"],
      ["E", "A"],
    ]);
    expect(result).toMatchObject({ winner: "A", ranking: ["A", "C", "E", "B", "D"], ties: [] });
  });

  test("rankedPairs(ballots, options) breaks a perfect Condorcet cycle by the tie-break order and reports it", () => {
    // A > B, B > C and C > A all win 2–1. Alphabetically the pairs go A > B, B > C, C > A; the
    // last closes the cycle and is skipped.
    const cycle = [ballot(1, "A>B>C"), ballot(1, "B>C>A"), ballot(1, "C>A>B")];
    const alphabetical = rankedPairs(cycle, ["A", "B", "C"]);
    expect(alphabetical).toMatchObject({
      winner: "A",
      ranking: ["A", "B", "C"],
      ties: [["A", "B", "C"]],
    });
    expect(alphabetical.details.locked).toEqual([
      ["A", "B"],
      ["B", "C"],
    ]);
    expect(alphabetical.details.skipped).toEqual([["C", "A"]]);
    // With the order C, B, A the pairs go C > A, B > C, A > B: B > C > A is locked and B wins,
    // although C is first in the tie-break order.
    const reversed = rankedPairs(cycle, ["A", "B", "C"], ["C", "B", "A"]);
    expect(reversed).toMatchObject({
      winner: "B",
      ranking: ["B", "C", "A"],
      ties: [["B", "C", "A"]],
    });
    expect(reversed.details.skipped).toEqual([["A", "B"]]);
  });

  test("rankedPairs(ballots, options) reports a tie when equal majorities close a cycle with a stronger one", () => {
    // A > B wins 6–3 and is locked first. B > C and C > A both win 5–4; whichever is taken first
    // is locked and the other, closing the cycle, skipped. So the tie-break order decides.
    const ballots = [
      ballot(3, "A>B>C"),
      ballot(1, "A>C>B"),
      ballot(2, "B>C>A"),
      ballot(2, "C>A>B"),
      ballot(1, "C>B>A"),
    ];
    const alphabetical = rankedPairs(ballots, ["A", "B", "C"]);
    expect(alphabetical.details.pairwise).toEqual([
      [0, 6, 4],
      [3, 0, 5],
      [5, 4, 0],
    ]);
    expect(alphabetical.details.skipped).toEqual([["C", "A"]]);
    expect(alphabetical).toMatchObject({ ranking: ["A", "B", "C"], ties: [["A", "B", "C"]] });
    const reversed = rankedPairs(ballots, ["A", "B", "C"], ["C", "B", "A"]);
    expect(reversed.details.skipped).toEqual([["B", "C"]]);
    expect(reversed).toMatchObject({ ranking: ["C", "A", "B"], ties: [["C", "A", "B"]] });
  });

  test("rankedPairs(ballots, options) resolves a cycle of unequal strengths without the tie-break order", () => {
    // 4 × A>B>C, 3 × B>C>A, 2 × C>A>B: B > C 7–2, A > B 6–3, then C > A 5–4 is skipped.
    const result = rankedPairs(
      [ballot(4, "A>B>C"), ballot(3, "B>C>A"), ballot(2, "C>A>B")],
      ["A", "B", "C"],
      ["C", "B", "A"],
    );
    expect(result).toMatchObject({ winner: "A", ranking: ["A", "B", "C"], ties: [] });
    expect(result.details.skipped).toEqual([["C", "A"]]);
  });

  test("rankedPairs(ballots, options) sorts equal support by smaller opposition first", () => {
    // B > C wins 4–0, A > B and A > C 4–1: same support, so B > C, with less opposition, goes
    // first, although A comes first in the tie-break order. Then A > C before A > B: same winner,
    // and C comes later in the tie-break order than B.
    const result = rankedPairs(
      [ballot(3, "A>B>C"), ballot(1, "B>C>A"), ballot(1, "A")],
      ["A", "B", "C"],
    );
    expect(result.details.pairwise).toEqual([
      [0, 4, 4],
      [1, 0, 4],
      [1, 0, 0],
    ]);
    expect(result.details.locked).toEqual([
      ["B", "C"],
      ["A", "C"],
      ["A", "B"],
    ]);
  });

  test("rankedPairs(ballots, options) handles truncated ballots and equal rankings", () => {
    // 3 × "A", 2 × "B=C>A", 2 × "C": C > A 4–3, A > B 3–2, C > B 2–0, locked in that order.
    const result = rankedPairs(
      [ballot(3, "A"), ballot(2, "B=C>A"), ballot(2, "C")],
      ["A", "B", "C"],
    );
    expect(result).toMatchObject({ winner: "C", ranking: ["C", "A", "B"], ties: [] });
    expect(result.details.locked).toEqual([
      ["C", "A"],
      ["A", "B"],
      ["C", "B"],
    ]);
  });

  test("rankedPairs(ballots, options) orders options left incomparable by the tie-break order", () => {
    // 2 × A>B>C and 2 × B>A>C: A and B tie 2–2; both beat C.
    const ballots = [ballot(2, "A>B>C"), ballot(2, "B>A>C")];
    expect(rankedPairs(ballots, ["A", "B", "C"], ["B", "C", "A"])).toMatchObject({
      winner: "B",
      ranking: ["B", "A", "C"],
      ties: [["B", "A"]],
    });
  });

  test("rankedPairs(no ballots, options) has no winner and ties every option in the tie-break order", () => {
    const result = rankedPairs([], ["b", "c", "a"]);
    expect(result).toMatchObject({
      winner: null,
      ranking: ["a", "b", "c"],
      ties: [["a", "b", "c"]],
    });
    expect(result.details).toMatchObject({ locked: [], skipped: [] });
  });

  test("rankedPairs(ballots, one option or none) is trivial", () => {
    expect(rankedPairs([ballot(1, "A")], ["A"])).toMatchObject({
      winner: "A",
      ranking: ["A"],
      ties: [],
    });
    expect(rankedPairs([], [])).toMatchObject({ winner: null, ranking: [], ties: [] });
  });

  test("rankedPairs(ballots, options, tieBreak) throws an InputError for a bad ballot or tie-break order", () => {
    expect(() => rankedPairs([ballot(1, "A>A")], ["A", "B"])).toThrow(InputError);
    expect(() => rankedPairs([], ["A", "B"], ["A", "C"])).toThrow(InputError);
  });

  test("rankedPairs(ballots, options) elects the Condorcet winner whenever there is one", () => {
    const random = new Random(1987);
    let checked = 0;
    for (let trial = 0; trial < 400; trial += 1) {
      const options = ["A", "B", "C", "D", "E"].slice(0, 3 + (trial % 3));
      const ballots = randomBallots(random, options, random.integer(3, 27));
      const winner = condorcetWinner(ballots, options);
      if (winner === undefined) continue;
      checked += 1;
      expect(rankedPairs(ballots, options, [...options].reverse()).winner).toBe(winner);
    }
    expect(checked).toBeGreaterThan(150);
  });

  test("rankedPairs(ballots, options) never ranks a locked winner below its loser", () => {
    const random = new Random(4);
    for (let trial = 0; trial < 200; trial += 1) {
      const options = ["A", "B", "C", "D", "E", "F"];
      const result = rankedPairs(randomBallots(random, options, 10), options);
      for (const [winner, loser] of result.details.locked) {
        expect(result.ranking.indexOf(winner)).toBeLessThan(result.ranking.indexOf(loser));
      }
    }
  });

  test("rankedPairs(ballots, options) does not change when every count is scaled or the ballots reordered", () => {
    const random = new Random(6);
    for (let trial = 0; trial < 100; trial += 1) {
      const options = ["A", "B", "C", "D"];
      const ballots = randomBallots(random, options, 8);
      const base = rankedPairs(ballots, options);
      for (const factor of [3, 0.5]) {
        const scaled = rankedPairs(
          ballots.map((entry) => ({ ...entry, count: entry.count * factor })),
          options,
        );
        expect({ ...scaled, details: { ...scaled.details, pairwise: [] } }).toEqual({
          ...base,
          details: { ...base.details, pairwise: [] },
        });
      }
      expect(rankedPairs([...ballots].reverse(), options)).toEqual(base);
    }
  });
});
