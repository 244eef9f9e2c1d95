import { describe, expect, test } from "vitest";
import { InputError } from "../../core/errors.js";
import { Random } from "../../demo/random.js";
import { approval } from "./approval.js";
import type { ApprovalBallot } from "./ballots.js";

describe("approval", () => {
  test("approval(ballots, options) works an example by hand", () => {
    // 40 approve the bus lane and the cycle hub, 35 the cycle hub alone, 25 the park and the bus
    // lane. Totals: bus lane 40 + 25 = 65, cycle hub 40 + 35 = 75, park 25. The cycle hub wins,
    // though only 35 name it alone.
    const result = approval(
      [
        { count: 40, approved: ["bus", "cycle"] },
        { count: 35, approved: ["cycle"] },
        { count: 25, approved: ["park", "bus"] },
      ],
      ["bus", "cycle", "park"],
    );
    expect(result.method).toBe("approval");
    expect(result.winner).toBe("cycle");
    expect(result.ranking).toEqual(["cycle", "bus", "park"]);
    expect(result.ties).toEqual([]);
    expect(result.details).toEqual({ approvals: { bus: 65, cycle: 75, park: 25 }, ballots: 100 });
  });

  test("approval(ballots, options, tieBreak) breaks equal totals by the tie-break order and reports them", () => {
    // A and C both have 5; B has 2.
    const ballots: ApprovalBallot[] = [
      { count: 3, approved: ["A", "C"] },
      { count: 2, approved: ["A", "B", "C"] },
    ];
    const alphabetical = approval(ballots, ["C", "B", "A"]);
    expect(alphabetical.ranking).toEqual(["A", "C", "B"]);
    expect(alphabetical.ties).toEqual([["A", "C"]]);
    const drawn = approval(ballots, ["A", "B", "C"], ["C", "B", "A"]);
    expect(drawn.winner).toBe("C");
    expect(drawn.ranking).toEqual(["C", "A", "B"]);
    expect(drawn.ties).toEqual([["C", "A"]]);
  });

  test("approval(ballots, options) totals equal the sums of the counts, also with fractional weights", () => {
    const random = new Random(20240611);
    const options = ["a", "b", "c", "d", "e"];
    const ballots: ApprovalBallot[] = [];
    for (let index = 0; index < 200; index += 1) {
      ballots.push({
        count: random.uniform(0.1, 3),
        approved: options.filter(() => random.next() < 0.4),
      });
    }
    const result = approval(ballots, options);
    for (const option of options) {
      let expected = 0;
      for (const ballot of ballots) if (ballot.approved.includes(option)) expected += ballot.count;
      expect(result.details.approvals[option]).toBeCloseTo(expected, 10);
    }
    expect(result.details.ballots).toBeCloseTo(
      ballots.reduce((sum, ballot) => sum + ballot.count, 0),
      10,
    );
    // The ranking follows the totals.
    const totals = result.ranking.map((option) => result.details.approvals[option]!);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
  });

  test("approval(ballots, options) does not change when every count is scaled", () => {
    const ballots: ApprovalBallot[] = [
      { count: 4, approved: ["x", "y"] },
      { count: 7, approved: ["z"] },
      { count: 3, approved: ["y"] },
      { count: 1, approved: [] },
    ];
    const base = approval(ballots, ["x", "y", "z"]);
    const scaled = approval(
      ballots.map((ballot) => ({ ...ballot, count: ballot.count * 1000 })),
      ["x", "y", "z"],
    );
    expect(scaled.ranking).toEqual(base.ranking);
    expect(scaled.ranking).toEqual(["y", "z", "x"]);
    expect(scaled.details.approvals.y).toBe(7000);
  });

  test("approval(one ballot) ranks its approved options first", () => {
    const result = approval([{ count: 1, approved: ["b"] }], ["a", "b", "c"]);
    expect(result.winner).toBe("b");
    expect(result.ranking).toEqual(["b", "a", "c"]);
    expect(result.ties).toEqual([["a", "c"]]);
  });

  test("approval(no ballots) has no winner and every option in one tie; no options, an empty ranking", () => {
    const result = approval([], ["b", "a"]);
    expect(result.winner).toBeNull();
    expect(result.ranking).toEqual(["a", "b"]);
    expect(result.ties).toEqual([["a", "b"]]);
    expect(result.details).toEqual({ approvals: { a: 0, b: 0 }, ballots: 0 });
    expect(approval([], [])).toMatchObject({ winner: null, ranking: [], ties: [] });
  });

  test("approval(ballots) throws an InputError naming an unknown option and the options expected", () => {
    const call = (): unknown => approval([{ count: 1, approved: ["A", "Q"] }], ["A", "B"]);
    expect(call).toThrow(InputError);
    expect(call).toThrow(/ballot 1 approves "Q", which is not an option; expected one of A, B/);
  });

  test("approval(ballots) throws an InputError for an option approved twice", () => {
    expect(() =>
      approval(
        [
          { count: 1, approved: ["A"] },
          { count: 2, approved: ["B", "A", "B"] },
        ],
        ["A", "B"],
      ),
    ).toThrow(/ballot 2 approves "B" twice/);
  });

  test("approval(ballots) throws an InputError for a count that is not positive and finite", () => {
    for (const count of [0, -1, Number.NaN, Infinity]) {
      expect(() => approval([{ count, approved: ["A"] }], ["A"])).toThrow(InputError);
    }
    expect(() => approval([{ count: 0, approved: ["A"] }], ["A"])).toThrow(/ballot 1 has count 0/);
  });

  test("approval(ballots, options, tieBreak) throws an InputError when the tie-break order is not a permutation", () => {
    expect(() => approval([], ["A", "B"], ["A"])).toThrow(InputError);
    expect(() => approval([], ["A", "A"])).toThrow(InputError);
  });
});
