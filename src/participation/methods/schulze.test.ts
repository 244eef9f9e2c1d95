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
import { schulze } from "./schulze.js";

describe("schulze", () => {
  test("schulze(ballots, options) works Schulze's 45-voter example: E > A > C > B > D", () => {
    const result = schulze(schulzeExample, ["A", "B", "C", "D", "E"]);
    // d[X][Y], counted from the ballots: e.g. A over B on the 5 + 5 + 3 + 7 = 20 ballots that
    // put A first, or C then A.
    expect(result.details.pairwise).toEqual([
      [0, 20, 26, 30, 22],
      [25, 0, 16, 33, 18],
      [19, 29, 0, 17, 24],
      [15, 12, 28, 0, 14],
      [23, 27, 21, 31, 0],
    ]);
    // The widest paths, as published. E's strongest path to A is E > B > A, of strength
    // min(27, 25) = 25; A's to E is A > C > E, min(26, 24) = 24. So E ranks above A, and likewise
    // above every other option (its column is all 24s).
    expect(result.details.strongestPaths).toEqual([
      [0, 28, 28, 30, 24],
      [25, 0, 28, 33, 24],
      [25, 29, 0, 29, 24],
      [25, 28, 28, 0, 24],
      [25, 28, 28, 31, 0],
    ]);
    expect(result).toMatchObject({
      method: "schulze",
      winner: "E",
      ranking: ["E", "A", "C", "B", "D"],
      ties: [],
    });
    expect(result.details.options).toEqual(["A", "B", "C", "D", "E"]);
  });

  test("schulze(ballots, options) elects Nashville, the Condorcet winner, in the Tennessee example", () => {
    // Nashville beats every city 58 (or 68) to 42 (or 32); Chattanooga beats Knoxville 83 to 17
    // and Memphis 58 to 42; Knoxville beats Memphis 58 to 42. No cycle, so the paths agree.
    const result = schulze(tennessee, tennesseeCities);
    expect(result.winner).toBe("Nashville");
    expect(result.ranking).toEqual(["Nashville", "Chattanooga", "Knoxville", "Memphis"]);
    expect(result.ties).toEqual([]);
  });

  test("schulze(ballots, options) breaks a perfect Condorcet cycle by the tie-break order and reports it", () => {
    // A > B, B > C and C > A each win 2 to 1, so every path has strength 2 and nothing separates
    // the options.
    const cycle = [ballot(1, "A>B>C"), ballot(1, "B>C>A"), ballot(1, "C>A>B")];
    const result = schulze(cycle, ["A", "B", "C"]);
    expect(result.details.strongestPaths).toEqual([
      [0, 2, 2],
      [2, 0, 2],
      [2, 2, 0],
    ]);
    expect(result).toMatchObject({
      winner: "A",
      ranking: ["A", "B", "C"],
      ties: [["A", "B", "C"]],
    });
    expect(schulze(cycle, ["A", "B", "C"], ["C", "A", "B"])).toMatchObject({
      winner: "C",
      ranking: ["C", "A", "B"],
      ties: [["C", "A", "B"]],
    });
  });

  test("schulze(ballots, options) resolves a cycle of unequal strengths without the tie-break order", () => {
    // 4 × A>B>C, 3 × B>C>A, 2 × C>A>B: A > B 6–3, B > C 7–2, C > A 5–4. The weakest link, C > A,
    // is overruled: p[A][C] = min(6, 7) = 6 > p[C][A] = 5.
    const result = schulze(
      [ballot(4, "A>B>C"), ballot(3, "B>C>A"), ballot(2, "C>A>B")],
      ["A", "B", "C"],
      ["C", "B", "A"],
    );
    expect(result).toMatchObject({ winner: "A", ranking: ["A", "B", "C"], ties: [] });
  });

  test("schulze(ballots, options) handles truncated ballots and equal rankings", () => {
    // 3 × "A", 2 × "B=C>A", 2 × "C": A > B 3–2, C > A 4–3, C > B 2–0. C wins every pair.
    const ballots = [ballot(3, "A"), ballot(2, "B=C>A"), ballot(2, "C")];
    expect(schulze(ballots, ["A", "B", "C"])).toMatchObject({
      winner: "C",
      ranking: ["C", "A", "B"],
      ties: [],
    });
  });

  test("schulze(ballots, options) ties options separated by no path, and only those", () => {
    // 2 × A>B>C and 2 × B>A>C: A and B tie 2–2; both beat C 4–0.
    const ballots = [ballot(2, "A>B>C"), ballot(2, "B>A>C")];
    expect(schulze(ballots, ["A", "B", "C"], ["B", "C", "A"])).toMatchObject({
      winner: "B",
      ranking: ["B", "A", "C"],
      ties: [["B", "A"]],
    });
  });

  test("schulze(ballots, options) gives a pairwise tie no link", () => {
    // B > A wins 1–0; A and C tie 1–1, as do B and C. The only link is B > A, so B ranks above A
    // and C is separated from neither. Were a tie a link both ways, A would reach B through C
    // (A = C = B) and nothing would be separated.
    const result = schulze([ballot(1, "B>A>C"), ballot(1, "C>A=B")], ["A", "B", "C"]);
    expect(result.details.strongestPaths).toEqual([
      [0, 0, 0],
      [1, 0, 0],
      [0, 0, 0],
    ]);
    expect(result).toMatchObject({
      winner: "B",
      ranking: ["B", "A", "C"],
      ties: [["B", "A", "C"]],
    });
  });

  test("schulze(no ballots, options) has no winner and ties every option in the tie-break order", () => {
    expect(schulze([], ["b", "c", "a"])).toMatchObject({
      winner: null,
      ranking: ["a", "b", "c"],
      ties: [["a", "b", "c"]],
    });
  });

  test("schulze(ballots, one option or none) is trivial", () => {
    expect(schulze([ballot(1, "A")], ["A"])).toMatchObject({
      winner: "A",
      ranking: ["A"],
      ties: [],
    });
    expect(schulze([], [])).toMatchObject({ winner: null, ranking: [], ties: [] });
  });

  test("schulze(ballots, options, tieBreak) throws an InputError for a bad ballot or tie-break order", () => {
    expect(() => schulze([ballot(1, "A>Z")], ["A", "B"])).toThrow(InputError);
    expect(() => schulze([ballot(1, "A>B")], ["A", "B"], ["A"])).toThrow(InputError);
  });

  test("schulze(ballots, options) elects the Condorcet winner whenever there is one", () => {
    const random = new Random(2011);
    let checked = 0;
    for (let trial = 0; trial < 400; trial += 1) {
      const options = ["A", "B", "C", "D", "E"].slice(0, 3 + (trial % 3));
      const ballots = randomBallots(random, options, random.integer(3, 27));
      const winner = condorcetWinner(ballots, options);
      if (winner === undefined) continue;
      checked += 1;
      // A reverse tie-break order puts the Condorcet winner last where it could matter.
      expect(schulze(ballots, options, [...options].reverse()).winner).toBe(winner);
    }
    expect(checked).toBeGreaterThan(150);
  });

  test("schulze(ballots, options) ranks consistently with the strongest paths on random profiles", () => {
    const random = new Random(36);
    for (let trial = 0; trial < 200; trial += 1) {
      const options = ["A", "B", "C", "D", "E", "F"];
      const result = schulze(randomBallots(random, options, 12), options);
      const p = result.details.strongestPaths;
      const position = (option: string) => result.ranking.indexOf(option);
      for (const [i, a] of options.entries()) {
        for (const [j, b] of options.entries()) {
          if (p[i]![j]! > p[j]![i]!) expect(position(a)).toBeLessThan(position(b));
        }
      }
    }
  });

  test("schulze(ballots, options) does not change when every count is scaled or the ballots reordered", () => {
    const random = new Random(5);
    for (let trial = 0; trial < 100; trial += 1) {
      const options = ["A", "B", "C", "D"];
      const ballots = randomBallots(random, options, 8);
      const base = schulze(ballots, options);
      for (const factor of [3, 0.5]) {
        const scaled = schulze(
          ballots.map((entry) => ({ ...entry, count: entry.count * factor })),
          options,
        );
        expect({ ...scaled, details: undefined }).toEqual({ ...base, details: undefined });
        expect(scaled.details.pairwise).toEqual(
          base.details.pairwise.map((row) => row.map((value) => value * factor)),
        );
      }
      expect(schulze([...ballots].reverse(), options)).toEqual(base);
      const rotated = [...ballots.slice(3), ...ballots.slice(0, 3)];
      expect(schulze(rotated, options)).toEqual(base);
    }
  });
});
