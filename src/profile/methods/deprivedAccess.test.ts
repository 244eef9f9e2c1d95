import { describe, expect, test } from "vitest";
import { deprivedAccess } from "./deprivedAccess.js";

describe("deprivedAccess", () => {
  test("deprivedAccess works a five-neighbourhood example by hand", () => {
    // Five neighbourhoods, two industries. Scores 10, 40, 20, 30, 5: the most deprived fifth
    // is ceil(5 / 5) = 1 neighbourhood, the second (score 40).
    //   industry 0: 10, 30, 10, 10, 40 (total 100, 30 in D)
    //   industry 1: 40, 10, 20, 20, 10 (total 100, 10 in D)
    // e_D = 40 of e = 200, so D's share of jobs is 0.2.
    // A_0 = (30 / 100) / 0.2 = 1.5; A_1 = (10 / 100) / 0.2 = 0.5.
    const employment = [10, 40, 30, 10, 10, 20, 10, 20, 40, 10];
    const access = deprivedAccess(employment, 5, 2, [10, 40, 20, 30, 5]);
    expect(access[0]).toBeCloseTo(1.5, 14);
    expect(access[1]).toBeCloseTo(0.5, 14);
  });

  test("deprivedAccess is 1 for every industry spread like all jobs", () => {
    // Each neighbourhood has the same mix, so every industry's share in D equals D's share.
    const mix = [3, 1, 6];
    const sizes = [5, 2, 9, 1, 4, 7, 3, 8, 6, 10];
    const employment = sizes.flatMap((size) => mix.map((value) => value * size));
    const scores = [7, 2, 9, 4, 1, 8, 3, 6, 5, 10];
    for (const value of deprivedAccess(employment, 10, 3, scores)) expect(value).toBeCloseTo(1, 14);
  });

  test("deprivedAccess does not change when all employment is scaled or scores are transformed monotonically", () => {
    const employment = [4, 0, 9, 2, 7, 1, 3, 3, 5, 8, 0, 6];
    const scores = [1.5, 9, 4, 2];
    const base = deprivedAccess(employment, 4, 3, scores, { share: 0.5 });
    const scaled = deprivedAccess(
      employment.map((value) => value * 17),
      4,
      3,
      scores.map((score) => Math.exp(score)),
      { share: 0.5 },
    );
    for (let index = 0; index < 3; index++) expect(scaled[index]).toBeCloseTo(base[index]!, 12);
  });

  test("deprivedAccess is NaN for an industry with no jobs and when no neighbourhood is scored", () => {
    // Neighbourhoods (5, 1, 0) and (5, 0, 0); the second is D: e_D = 5 of e = 11.
    // A_0 = (5 / 10) / (5 / 11) = 1.1; A_1 = 0 / 1 = 0; industry 2 has no jobs.
    const employment = [5, 1, 0, 5, 0, 0];
    const access = deprivedAccess(employment, 2, 3, [1, 2]);
    expect(access[0]).toBeCloseTo(1.1, 14);
    expect(access[1]).toBe(0);
    expect(Number.isNaN(access[2])).toBe(true);
    const unscored = deprivedAccess(employment, 2, 3, [Number.NaN, Number.NaN]);
    expect([...unscored].every(Number.isNaN)).toBe(true);
  });

  test("deprivedAccess breaks a tie of scores by the earlier neighbourhood and rejects bad input", () => {
    // Scores tie, so the first neighbourhood is D: e_D = 6 of e = 10, a share of 0.6.
    // A_0 = (6 / 8) / 0.6 = 1.25; A_1 = (0 / 2) / 0.6 = 0.
    const access = deprivedAccess([6, 0, 2, 2], 2, 2, [3, 3], { share: 0.5 });
    expect(access[0]).toBeCloseTo(1.25, 14);
    expect(access[1]).toBe(0);
    expect(() => deprivedAccess([1, 2, 3], 2, 2, [1, 2])).toThrow(RangeError);
    expect(() => deprivedAccess([1, 2, 3, 4], 2, 2, [1])).toThrow(RangeError);
    expect(() => deprivedAccess([1, -2, 3, 4], 2, 2, [1, 2])).toThrow(RangeError);
    expect(() => deprivedAccess([1, 2, 3, 4], 2, 2, [1, 2], { share: 0 })).toThrow(RangeError);
  });
});
