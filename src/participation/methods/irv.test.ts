import { describe, expect, test } from "vitest";
import {
  ballot,
  randomBallots,
  tennessee,
  tennesseeCities,
} from "../../../test/helpers/ballots.js";
import { InputError } from "../../core/errors.js";
import { Random } from "../../demo/random.js";
import { irv } from "./irv.js";

describe("irv", () => {
  test("irv(ballots, options) elects Knoxville in the Tennessee example", () => {
    // Round 1: Memphis 42, Nashville 26, Knoxville 17, Chattanooga 15; no majority of 100, so
    // Chattanooga goes and its 15 pass to Knoxville (32). Round 2: Nashville, now fewest, goes;
    // its voters' next choice, Chattanooga, is out, so their 26 pass to Knoxville (58). Round 3:
    // Knoxville holds 58 of 100 and is elected; Memphis is eliminated to finish the ranking.
    const result = irv(tennessee, tennesseeCities);
    expect(result).toEqual({
      method: "irv",
      winner: "Knoxville",
      ranking: ["Knoxville", "Memphis", "Nashville", "Chattanooga"],
      ties: [],
      details: {
        rounds: [
          {
            tallies: { Memphis: 42, Nashville: 26, Chattanooga: 15, Knoxville: 17 },
            exhausted: 0,
            eliminated: "Chattanooga",
            elected: null,
          },
          {
            tallies: { Memphis: 42, Nashville: 26, Knoxville: 32 },
            exhausted: 0,
            eliminated: "Nashville",
            elected: null,
          },
          {
            tallies: { Memphis: 42, Knoxville: 58 },
            exhausted: 0,
            eliminated: "Memphis",
            elected: "Knoxville",
          },
        ],
      },
    });
  });

  test("irv(ballots, options) elects a first-round majority and still ranks everyone", () => {
    // A holds 6 of 10 at once. B then C go: C's 1 passes to B.
    const result = irv([ballot(6, "A>B"), ballot(3, "B>C"), ballot(1, "C>B")], ["A", "B", "C"]);
    expect(result.winner).toBe("A");
    expect(result.ranking).toEqual(["A", "B", "C"]);
    expect(result.details.rounds.map((round) => [round.elected, round.eliminated])).toEqual([
      ["A", "C"],
      [null, "B"],
    ]);
  });

  test("irv(ballots, options) splits a ballot equally among options it ranks equal at its top", () => {
    // Round 1: 3 × "A=B=C" gives A, B and C 1 each; 2 × "A=B>C" gives A and B 1 each; 2 × "C"
    // gives C 2. A 2, B 2, C 3: A and B tie for fewest, and B, later alphabetically, goes.
    const ballots = [ballot(3, "A=B=C"), ballot(2, "A=B>C"), ballot(2, "C")];
    const result = irv(ballots, ["A", "B", "C"]);
    // Round 2: "A=B=C" now splits between A and C, 1.5 each; "A=B>C" goes wholly to A. A 3.5,
    // C 3.5: no majority of 7, a tie again; C goes and A, the last left, is elected.
    expect(result.details.rounds).toEqual([
      { tallies: { A: 2, B: 2, C: 3 }, exhausted: 0, eliminated: "B", elected: null },
      { tallies: { A: 3.5, C: 3.5 }, exhausted: 0, eliminated: "C", elected: "A" },
    ]);
    expect(result).toMatchObject({
      winner: "A",
      ranking: ["A", "C", "B"],
      ties: [
        ["A", "B"],
        ["A", "C"],
      ],
    });
  });

  test("irv(ballots, options) exhausts a ballot once every option it names is out", () => {
    // "C" × 2 exhausts when C goes in round 1; the unnamed A and B get nothing from it.
    const result = irv([ballot(4, "A"), ballot(3, "B"), ballot(2, "C")], ["A", "B", "C"]);
    expect(result.details.rounds.map((round) => round.exhausted)).toEqual([0, 2]);
    expect(result.details.rounds[1]!.tallies).toEqual({ A: 4, B: 3 });
    // A has 4 of the 7 votes still in the count: a majority, though not of all 9 ballots.
    expect(result.details.rounds[1]!.elected).toBe("A");
  });

  test("irv(ballots, options) handles truncated ballots and equal rankings", () => {
    // 3 × "A", 2 × "B=C>A", 2 × "C". Round 1: A 3, B 1, C 1 + 2 = 3; B goes. Round 2: "B=C>A"
    // goes wholly to C: C 4 of 7, elected.
    const result = irv([ballot(3, "A"), ballot(2, "B=C>A"), ballot(2, "C")], ["A", "B", "C"]);
    expect(result.details.rounds.map((round) => round.tallies)).toEqual([
      { A: 3, B: 1, C: 3 },
      { A: 3, C: 4 },
    ]);
    expect(result).toMatchObject({ winner: "C", ranking: ["C", "A", "B"], ties: [] });
  });

  test("irv(ballots, options, tieBreak) eliminates the tied option latest in the tie-break order, and reports the tie", () => {
    // 3 × A, 2 × B, 2 × C>B: B and C tie for last on 2.
    const ballots = [ballot(3, "A"), ballot(2, "B"), ballot(2, "C>B")];
    // Alphabetically C goes; its 2 pass to B, which then beats A 4–3.
    expect(irv(ballots, ["A", "B", "C"])).toMatchObject({
      winner: "B",
      ranking: ["B", "A", "C"],
      ties: [["B", "C"]],
    });
    // In the order C, B, A, B goes instead; its ballots exhaust, and A beats C 3–2.
    expect(irv(ballots, ["A", "B", "C"], ["C", "B", "A"])).toMatchObject({
      winner: "A",
      ranking: ["A", "C", "B"],
      ties: [["C", "B"]],
    });
  });

  test("irv(ballots, options) reports a tie that runs over several rounds as one group", () => {
    // B, C and D have no votes: D goes, then C (still tied with B), then B.
    const result = irv([ballot(5, "A")], ["A", "B", "C", "D"]);
    expect(result).toMatchObject({
      winner: "A",
      ranking: ["A", "B", "C", "D"],
      ties: [["B", "C", "D"]],
    });
    expect(result.details.rounds.map((round) => round.eliminated)).toEqual(["D", "C", "B"]);
  });

  test("irv(ballots, options) treats tallies equal up to rounding as tied", () => {
    // A gets 0.1 + 0.2, which in floating point is 0.30000000000000004; B gets 0.3. They tie,
    // so the tie-break order (B, A, C) eliminates A, not B.
    const ballots = [ballot(0.1, "A"), ballot(0.2, "A"), ballot(0.3, "B"), ballot(1, "C")];
    const result = irv(ballots, ["A", "B", "C"], ["B", "A", "C"]);
    expect(result.details.rounds[0]!.eliminated).toBe("A");
    expect(result.ties).toEqual([["B", "A"]]);
  });

  test("irv(no ballots, options) has no winner and ties every option in the tie-break order", () => {
    const result = irv([], ["b", "c", "a"]);
    expect(result).toMatchObject({
      winner: null,
      ranking: ["a", "b", "c"],
      ties: [["a", "b", "c"]],
    });
    expect(result.details.rounds.map((round) => round.eliminated)).toEqual(["c", "b"]);
  });

  test("irv(ballots, one option or none) is trivial", () => {
    expect(irv([ballot(2, "A")], ["A"])).toEqual({
      method: "irv",
      winner: "A",
      ranking: ["A"],
      ties: [],
      details: { rounds: [{ tallies: { A: 2 }, exhausted: 0, eliminated: null, elected: "A" }] },
    });
    expect(irv([], [])).toEqual({
      method: "irv",
      winner: null,
      ranking: [],
      ties: [],
      details: { rounds: [] },
    });
  });

  test("irv(ballots, options, tieBreak) throws an InputError for a bad ballot or tie-break order", () => {
    expect(() => irv([ballot(0, "A")], ["A", "B"])).toThrow(InputError);
    expect(() => irv([], ["A", "B"], ["B", "B"])).toThrow(InputError);
  });

  test("irv(ballots, options) elects the option the last round leaves, having ranked every option once", () => {
    const random = new Random(1);
    for (let trial = 0; trial < 200; trial += 1) {
      const options = ["A", "B", "C", "D", "E"];
      const result = irv(randomBallots(random, options, 15), options);
      expect([...result.ranking].sort()).toEqual(options);
      const elected = result.details.rounds.flatMap((round) => round.elected ?? []);
      expect(elected).toEqual([result.winner]);
      const eliminated = result.details.rounds.flatMap((round) => round.eliminated ?? []);
      expect(eliminated.reverse()).toEqual(result.ranking.slice(1));
    }
  });

  test("irv(ballots, options) does not change when every count is scaled or the ballots reordered", () => {
    const random = new Random(2);
    for (let trial = 0; trial < 100; trial += 1) {
      const options = ["A", "B", "C", "D"];
      const ballots = randomBallots(random, options, 8);
      const base = irv(ballots, options);
      for (const factor of [3, 0.5]) {
        const scaled = irv(
          ballots.map((entry) => ({ ...entry, count: entry.count * factor })),
          options,
        );
        expect({ ...scaled, details: undefined }).toEqual({ ...base, details: undefined });
        expect(scaled.details.rounds.map((round) => round.exhausted)).toEqual(
          base.details.rounds.map((round) => round.exhausted * factor),
        );
      }
      const reordered = irv([...ballots].reverse(), options);
      expect({ ...reordered, details: undefined }).toEqual({ ...base, details: undefined });
      expect(reordered.details.rounds.map((round) => round.eliminated)).toEqual(
        base.details.rounds.map((round) => round.eliminated),
      );
    }
  });
});
