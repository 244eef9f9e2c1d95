import { describe, expect, test } from "vitest";
import { InputError } from "../../core/errors.js";
import { Random } from "../../demo/random.js";
import type { PointsBallot } from "./ballots.js";
import { points } from "./points.js";

const priorities = ["jobs", "skills", "transport", "housing"];

describe("points", () => {
  test("points(ballots, options, tieBreak, 100) works a priority budget by hand", () => {
    // 30 people split 100 as jobs 50, skills 50; 20 as transport 60, housing 40; 10 as jobs 20,
    // transport 80. Totals: jobs 30·50 + 10·20 = 1,700; skills 30·50 = 1,500; transport
    // 20·60 + 10·80 = 2,000; housing 20·40 = 800. Grand total 6,000 (60 people × 100), so the
    // shares are 17/60, 15/60, 20/60 and 8/60.
    const result = points(
      [
        { count: 30, points: { jobs: 50, skills: 50 } },
        { count: 20, points: { transport: 60, housing: 40 } },
        { count: 10, points: { jobs: 20, transport: 80 } },
      ],
      priorities,
      undefined,
      100,
    );
    expect(result.method).toBe("points");
    expect(result.winner).toBe("transport");
    expect(result.ranking).toEqual(["transport", "jobs", "skills", "housing"]);
    expect(result.ties).toEqual([]);
    expect(result.details.totals).toEqual({
      jobs: 1700,
      skills: 1500,
      transport: 2000,
      housing: 800,
    });
    expect(result.details.shares.jobs).toBeCloseTo(17 / 60, 15);
    expect(result.details.shares.skills).toBeCloseTo(15 / 60, 15);
    expect(result.details.shares.transport).toBeCloseTo(20 / 60, 15);
    expect(result.details.shares.housing).toBeCloseTo(8 / 60, 15);
    expect(result.details.ballots).toBe(60);
  });

  test("points(ballots, options) shares sum to 1 and do not change when counts or points are scaled", () => {
    const random = new Random(7);
    const ballots: PointsBallot[] = [];
    for (let index = 0; index < 300; index += 1) {
      const given: Record<string, number> = {};
      for (const option of priorities)
        if (random.next() < 0.6) given[option] = random.integer(0, 40);
      ballots.push({ count: random.uniform(0.5, 2), points: given });
    }
    const base = points(ballots, priorities);
    const sum = priorities.reduce((total, option) => total + base.details.shares[option]!, 0);
    expect(sum).toBeCloseTo(1, 14);
    const scaled = points(
      ballots.map((ballot) => ({
        count: ballot.count * 3,
        points: Object.fromEntries(Object.entries(ballot.points).map(([k, v]) => [k, v * 5])),
      })),
      priorities,
    );
    expect(scaled.ranking).toEqual(base.ranking);
    for (const option of priorities) {
      expect(scaled.details.shares[option]).toBeCloseTo(base.details.shares[option]!, 13);
      expect(scaled.details.totals[option]).toBeCloseTo(15 * base.details.totals[option]!, 8);
    }
  });

  test("points(ballots, options, tieBreak, budget) counts a ballot that spends less than the budget as it is", () => {
    // One person gives 10 of 100 to jobs, another 100 to skills: jobs 10, skills 100.
    const result = points(
      [
        { count: 1, points: { jobs: 10 } },
        { count: 1, points: { skills: 100 } },
      ],
      ["jobs", "skills"],
      undefined,
      100,
    );
    expect(result.details.totals).toEqual({ jobs: 10, skills: 100 });
    expect(result.details.shares.jobs).toBeCloseTo(10 / 110, 15);
  });

  test("points(ballots, options, tieBreak, budget) accepts decimal points that add up to the budget", () => {
    // In floating point 0.2 + 83.9 + 15.9 is 100.00000000000001: rounding, not an overspend.
    const result = points(
      [{ count: 1, points: { a: 0.2, b: 83.9, c: 15.9 } }],
      ["a", "b", "c"],
      undefined,
      100,
    );
    expect(result.ranking).toEqual(["b", "c", "a"]);
    expect(result.details.totals.a! + result.details.totals.b! + result.details.totals.c!).toBe(
      100.00000000000001,
    );
  });

  test("points(ballots, options, tieBreak, budget) throws an InputError for a ballot over the budget", () => {
    const call = (): unknown =>
      points([{ count: 2, points: { a: 60, b: 41 } }], ["a", "b"], undefined, 100);
    expect(call).toThrow(InputError);
    expect(call).toThrow(/ballot 1 gives 101 points in all, more than the budget of 100/);
  });

  test("points(ballots) throws an InputError for negative or non-finite points", () => {
    for (const value of [-1, Number.NaN, Infinity]) {
      expect(() => points([{ count: 1, points: { a: value } }], ["a"])).toThrow(InputError);
    }
    expect(() => points([{ count: 1, points: { a: -5 } }], ["a"])).toThrow(/"a" -5 points/);
  });

  test("points(ballots) throws an InputError for an unknown option, a bad count or a bad budget", () => {
    expect(() => points([{ count: 1, points: { z: 1 } }], ["a", "b"])).toThrow(
      /"z", which is not an option; expected one of a, b/,
    );
    expect(() => points([{ count: 0, points: { a: 1 } }], ["a"])).toThrow(InputError);
    expect(() => points([], ["a"], undefined, 0)).toThrow(/budget is 0/);
    expect(() => points([], ["a"], undefined, Infinity)).toThrow(InputError);
  });

  test("points(one ballot) ranks by its points and its ties by the tie-break order", () => {
    const result = points([{ count: 1, points: { b: 5, c: 5 } }], ["a", "b", "c"]);
    expect(result.ranking).toEqual(["b", "c", "a"]);
    expect(result.ties).toEqual([["b", "c"]]);
  });

  test("points(no ballots, or only zeros) gives no shares; no ballots, no winner", () => {
    const none = points([], ["b", "a"]);
    expect(none.winner).toBeNull();
    expect(none.ranking).toEqual(["a", "b"]);
    expect(none.ties).toEqual([["a", "b"]]);
    expect(none.details).toEqual({ totals: { a: 0, b: 0 }, shares: {}, ballots: 0 });
    const zeros = points([{ count: 3, points: { a: 0 } }], ["a", "b"]);
    expect(zeros.details.shares).toEqual({});
    expect(zeros.details.ballots).toBe(3);
    expect(points([], [])).toMatchObject({ winner: null, ranking: [], ties: [] });
  });
});
