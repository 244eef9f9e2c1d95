import { describe, expect, test } from "vitest";
import {
  ballot,
  randomCompleteBallots,
  tennessee,
  tennesseeCities,
} from "../../../test/helpers/ballots.js";
import { InputError } from "../../core/errors.js";
import { Random } from "../../demo/random.js";
import { borda } from "./borda.js";

describe("borda", () => {
  test("borda(ballots, options) scores the Tennessee example as published: Nashville 194", () => {
    // Points per ballot 3, 2, 1, 0. Memphis: 42 × 3 = 126. Nashville: 42 × 2 + 26 × 3 + 15 × 1
    // + 17 × 1 = 194. Chattanooga: 42 + 26 × 2 + 15 × 3 + 17 × 2 = 173. Knoxville: 26 + 15 × 2
    // + 17 × 3 = 107.
    const result = borda(tennessee, tennesseeCities);
    expect(result).toEqual({
      method: "borda",
      winner: "Nashville",
      ranking: ["Nashville", "Chattanooga", "Memphis", "Knoxville"],
      ties: [],
      details: { scores: { Memphis: 126, Nashville: 194, Chattanooga: 173, Knoxville: 107 } },
    });
  });

  test("borda(ballots, options) scores a point per option ranked below, unnamed options included, none for equals", () => {
    // 3 × "A": A is above the unnamed B and C, 2 points each ballot: 6. 2 × "B=C>A": B and C
    // each above A only, 1 point: 2 each. 2 × "C": C above A and B: 4. A 6, B 2, C 6; A and C
    // tie and A, first alphabetically, ranks first.
    const result = borda([ballot(3, "A"), ballot(2, "B=C>A"), ballot(2, "C")], ["A", "B", "C"]);
    expect(result.details.scores).toEqual({ A: 6, B: 2, C: 6 });
    expect(result).toMatchObject({ winner: "A", ranking: ["A", "C", "B"], ties: [["A", "C"]] });
  });

  test("borda(ballots, options, tieBreak) orders equal scores by the tie-break order", () => {
    // 4 × A>B>C, 3 × B>C>A, 2 × C>A>B: A 4 × 2 + 2 × 1 = 10, B 4 + 3 × 2 = 10, C 3 + 2 × 2 = 7.
    const ballots = [ballot(4, "A>B>C"), ballot(3, "B>C>A"), ballot(2, "C>A>B")];
    expect(borda(ballots, ["A", "B", "C"], ["C", "B", "A"])).toMatchObject({
      winner: "B",
      ranking: ["B", "A", "C"],
      ties: [["B", "A"]],
      details: { scores: { A: 10, B: 10, C: 7 } },
    });
  });

  test("borda(ballots, options) gives the classic n − 1, n − 2, …, 0 points on complete rankings", () => {
    const random = new Random(1781);
    const options = ["A", "B", "C", "D", "E"];
    for (let trial = 0; trial < 50; trial += 1) {
      const ballots = randomCompleteBallots(random, options, 20);
      const classic = Object.fromEntries(options.map((option) => [option, 0]));
      for (const { count, ranking } of ballots) {
        ranking.forEach(([option], position) => {
          classic[option!]! += count * (options.length - 1 - position);
        });
      }
      expect(borda(ballots, options).details.scores).toEqual(classic);
    }
  });

  test("borda(reversed ballots, options) reverses the ranking when no scores tie", () => {
    const random = new Random(3);
    const options = ["A", "B", "C", "D", "E"];
    let checked = 0;
    for (let trial = 0; trial < 200; trial += 1) {
      const ballots = randomCompleteBallots(random, options, 9);
      const result = borda(ballots, options);
      if (result.ties.length > 0) continue;
      checked += 1;
      const reversed = ballots.map(({ count, ranking }) => ({
        count,
        ranking: [...ranking].reverse(),
      }));
      expect(borda(reversed, options).ranking).toEqual([...result.ranking].reverse());
    }
    expect(checked).toBeGreaterThan(50);
  });

  test("borda(no ballots, options) has no winner, zero scores, and every option tied", () => {
    expect(borda([], ["b", "c", "a"])).toEqual({
      method: "borda",
      winner: null,
      ranking: ["a", "b", "c"],
      ties: [["a", "b", "c"]],
      details: { scores: { b: 0, c: 0, a: 0 } },
    });
  });

  test("borda(ballots, one option or none) is trivial", () => {
    expect(borda([ballot(1, "A")], ["A"])).toMatchObject({
      winner: "A",
      ranking: ["A"],
      ties: [],
      details: { scores: { A: 0 } },
    });
    expect(borda([], [])).toMatchObject({ winner: null, ranking: [], ties: [] });
  });

  test("borda(ballots, options, tieBreak) throws an InputError for a bad ballot or tie-break order", () => {
    expect(() => borda([ballot(1, "A>X")], ["A", "B"])).toThrow(InputError);
    expect(() => borda([], ["A", "B"], ["A", "B", "C"])).toThrow(InputError);
  });

  test("borda(ballots, options) does not change when every count is scaled or the ballots reordered", () => {
    const random = new Random(9);
    const options = ["A", "B", "C", "D"];
    for (let trial = 0; trial < 100; trial += 1) {
      const ballots = randomCompleteBallots(random, options, 6).map((entry, index) => ({
        ...entry,
        // Truncate some ballots, and rank some options equal, to cover those cases too.
        ranking:
          index % 3 === 0
            ? entry.ranking.slice(0, 2)
            : index % 3 === 1
              ? [entry.ranking.slice(0, 2).flat(), ...entry.ranking.slice(2)]
              : entry.ranking,
      }));
      const base = borda(ballots, options);
      for (const factor of [3, 0.5]) {
        const scaled = borda(
          ballots.map((entry) => ({ ...entry, count: entry.count * factor })),
          options,
        );
        expect({ ...scaled, details: undefined }).toEqual({ ...base, details: undefined });
        expect(scaled.details.scores).toEqual(
          Object.fromEntries(
            Object.entries(base.details.scores).map(([option, score]) => [option, score * factor]),
          ),
        );
      }
      expect(borda([...ballots].reverse(), options)).toEqual(base);
    }
  });
});
