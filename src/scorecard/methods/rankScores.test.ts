import { describe, expect, test } from "vitest";
import { Random } from "../../demo/random.js";
import { rankScores, rankScoresInto } from "./rankScores.js";

describe("rankScores", () => {
  test('rankScores(scores) gives ties the lowest shared rank ("1224")', () => {
    expect(Array.from(rankScores([90, 80, 80, 70]))).toEqual([1, 2, 2, 4]);
  });

  test("rankScores(scores) ranks the highest score 1 whatever the input order", () => {
    expect(Array.from(rankScores([10, 20, 20, 5]))).toEqual([3, 1, 1, 4]);
  });

  test("rankScores(scores) gives NaN to places without a score and counts only scored places", () => {
    expect(Array.from(rankScores([Number.NaN, 5, 7, Number.NaN]))).toEqual([
      Number.NaN,
      2,
      1,
      Number.NaN,
    ]);
  });

  test("rankScores([]) returns an empty array", () => {
    expect(rankScores([]).length).toBe(0);
  });

  test("rankScores(one score) ranks it 1", () => {
    expect(Array.from(rankScores([-3]))).toEqual([1]);
  });

  test("rankScores(all equal) ranks every place 1", () => {
    expect(Array.from(rankScores([4, 4, 4]))).toEqual([1, 1, 1]);
  });
});

describe("rankScoresInto", () => {
  test("rankScoresInto(scores, order, ranks) agrees with rankScores from any previous order", () => {
    const random = new Random(21);
    const count = 60;
    const order = Int32Array.from({ length: count }, (_, index) => index);
    const ranks = new Float64Array(count);
    for (let trial = 0; trial < 30; trial += 1) {
      const scores = Array.from({ length: count }, () =>
        random.next() < 0.05 ? Number.NaN : Math.round(random.normal(50, 10)),
      );
      rankScoresInto(scores, order, ranks);
      expect(Array.from(ranks)).toEqual(Array.from(rankScores(scores)));
      expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i));
    }
  });
});
