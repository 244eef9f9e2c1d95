import { describe, expect, test } from "vitest";
import { uniformStream } from "../../../test/helpers/random.js";
import { locationQuotientMatrix } from "./locationQuotient.js";
import { strongIndustries } from "./strongIndustries.js";

describe("strongIndustries", () => {
  // Four places by three industries (the example of locationQuotient.test.ts):
  //        ind 0  ind 1  ind 2        LQ 0   LQ 1   LQ 2
  //   A      10     20     70          0.5    1      7/6
  //   B      30     30     40          1.5    1.5    2/3
  //   C       0     50     50          0      2.5    5/6
  //   D      60      0    140          1.5    0      7/6
  const employment = Float64Array.from([10, 20, 70, 30, 30, 40, 0, 50, 50, 60, 0, 140]);

  test("strongIndustries(employment, 4, 3) works the 4 x 3 example by hand, ties at the threshold included", () => {
    // Type 7 percentiles of 4 sorted values: p = 0.75 sits at position 3 x 0.75 = 2.25,
    // p = 0.25 at 0.75 (counted from 0).
    // Industry 0: LQs 0, 0.5, 1.5, 1.5 -> 1.5 + 0.25 (1.5 - 1.5) = 1.5 (and >= 1);
    //   employment 0, 10, 30, 60 -> 0 + 0.75 (10 - 0) = 7.5. B and D tie at 1.5 with 30 and
    //   60 jobs: both strong.
    // Industry 1: LQs 0, 1, 1.5, 2.5 -> 1.5 + 0.25 (2.5 - 1.5) = 1.75; employment 0, 20, 30, 50
    //   -> 15. Only C (2.5, 50 jobs).
    // Industry 2: LQs 2/3, 5/6, 7/6, 7/6 -> 7/6; employment 40, 50, 70, 140 -> 47.5. A (7/6,
    //   70 jobs) and D (7/6, 140 jobs).
    const strong = strongIndustries(employment, 4, 3);
    expect(strong).toBeInstanceOf(Uint8Array);
    expect(Array.from(strong)).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0, 1, 0, 1]);
  });

  test("strongIndustries(employment, places, industries) never marks an industry with an LQ below the minimum", () => {
    // Industry 2's threshold is 7/6; with a minimum of 1.2 nobody reaches it.
    const strong = strongIndustries(employment, 4, 3, { minimumLq: 1.2 });
    expect(Array.from(strong)).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0]);
  });

  test("strongIndustries(employment, places, industries, options) follows the percentiles given", () => {
    // With the median LQ and no employment floor (p = 0 gives the minimum, and 0 jobs is the
    // minimum of industries 0 and 1):
    // Industry 0: median of 0, 0.5, 1.5, 1.5 is 1; B, D reach it. Industry 1: median of
    //   0, 1, 1.5, 2.5 is 1.25; B, C. Industry 2: median of 2/3, 5/6, 7/6, 7/6 is 1, but the
    //   employment floor is 40 (B's), so only A and D, above it.
    const strong = strongIndustries(employment, 4, 3, {
      lqPercentile: 0.5,
      employmentPercentile: 0,
    });
    expect(Array.from(strong)).toEqual([0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 0, 1]);
  });

  test("strongIndustries(employment, places, industries, { benchmark }) takes quotients against it", () => {
    // Against a nation with shares 0.5, 0.25, 0.25 the LQs are A 0.2, 0.8, 2.8; B 0.6, 1.2,
    // 1.6; C 0, 2, 2; D 0.6, 0, 2.8. Industry 0 never reaches 1. Industry 1: p75 of
    // 0, 0.8, 1.2, 2 = 1.2 + 0.25 (0.8) = 1.4, C only. Industry 2: p75 of 1.6, 2, 2.8, 2.8
    // = 2.8, A and D (employment above 47.5).
    const strong = strongIndustries(employment, 4, 3, { benchmark: [2000, 1000, 1000] });
    expect(Array.from(strong)).toEqual([0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  test("strongIndustries(employment) needs employment strictly above the percentile, so a tie in employment is never strong", () => {
    // Every place employs 10 in industry 0, so its 25th percentile is 10 and nobody is above it,
    // though place 0 has half its jobs there against a quarter in the benchmark (30 of 120).
    const matrix = Float64Array.from([10, 10, 10, 30, 10, 50]);
    const quotients = locationQuotientMatrix(matrix, 3, 2);
    expect(quotients[0]).toBeCloseTo(2, 14);
    expect(Array.from(strongIndustries(matrix, 3, 2)).filter((_, cell) => cell % 2 === 0)).toEqual([
      0, 0, 0,
    ]);
  });

  test("strongIndustries(employment) treats a quotient equal to the minimum but for rounding as reaching it", () => {
    // Place 0 has exactly the benchmark's structure at 0.3 of its size, so every quotient is 1
    // in exact arithmetic; in floating point industry 0 comes out at 0.9999999999999999.
    // Place 1 has no employment.
    const benchmark = [3, 7, 11, 13];
    const matrix = Float64Array.from([...benchmark.map((value) => value * 0.3), 0, 0, 0, 0]);
    const quotients = locationQuotientMatrix(matrix, 2, 4, benchmark);
    expect(quotients[0]).toBeLessThan(1);
    expect(quotients[0]).toBeCloseTo(1, 14);
    const strong = strongIndustries(matrix, 2, 4, {
      benchmark,
      lqPercentile: 0,
      employmentPercentile: 0,
    });
    expect(Array.from(strong)).toEqual([1, 1, 1, 1, 0, 0, 0, 0]);
  });

  test("strongIndustries(employment) agrees with sorted type 7 percentiles on large matrices with ties", () => {
    // A reference by sorting, on matrices large enough (1,500 places) for the selection's
    // sampling step, with many zeros and repeated values.
    const next = uniformStream(7);
    const percentile = (values: number[], p: number): number => {
      const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
      const h = (sorted.length - 1) * p;
      const lower = Math.floor(h);
      const upper = Math.min(lower + 1, sorted.length - 1);
      return sorted[lower]! + (h - lower) * (sorted[upper]! - sorted[lower]!);
    };
    for (const [places, industries] of [
      [1500, 3],
      [37, 5],
    ] as const) {
      const matrix = Float64Array.from({ length: places * industries }, () =>
        next() < 0.3 ? 0 : Math.floor(next() * 20),
      );
      const quotients = locationQuotientMatrix(matrix, places, industries);
      const strong = strongIndustries(matrix, places, industries);
      for (let industry = 0; industry < industries; industry += 1) {
        const column = (values: Float64Array): number[] =>
          Array.from({ length: places }, (_, place) => values[place * industries + industry]!);
        const lqThreshold = Math.max(1, percentile(column(quotients), 0.75));
        const employmentThreshold = percentile(column(matrix), 0.25);
        for (let place = 0; place < places; place += 1) {
          const cell = place * industries + industry;
          const expected =
            quotients[cell]! >= lqThreshold * (1 - 1e-12) && matrix[cell]! > employmentThreshold;
          expect(strong[cell]).toBe(expected ? 1 : 0);
        }
      }
    }
  });

  test("strongIndustries(one place) marks nothing: its employment is never above its own percentile", () => {
    expect(Array.from(strongIndustries(Float64Array.from([5, 0, 10]), 1, 3))).toEqual([0, 0, 0]);
  });

  test("strongIndustries(one industry) marks the places above the employment percentile, every quotient being 1", () => {
    // LQs are all 1 (the single industry is all of every place); employment 5, 10, 20 has
    // p25 = 7.5, so places 1 and 2 are strong.
    expect(Array.from(strongIndustries(Float64Array.from([5, 10, 20]), 3, 1))).toEqual([0, 1, 1]);
  });

  test("strongIndustries(missing cells) never marks them and leaves them out of the percentiles", () => {
    const nan = Number.NaN;
    //        ind 0  ind 1     column sums over observed cells: 60 and 70
    //   P0    NaN     10      totals over industries observed on both sides: P0 10 of 70,
    //   P1     30     10      P1-P3 40 of 130.
    //   P2     10     30
    //   P3     20     20
    // Industry 0, P1-P3 only: LQs (30/40)/(60/130) = 1.625, 0.5417, 1.0833; p75 at position
    //   2 x 0.75 = 1.5: 1.0833 + 0.5 (1.625 - 1.0833) = 1.3542; employment 10, 20, 30 -> p25
    //   at 0.5 = 15. P1 (1.625, 30 jobs) is strong.
    // Industry 1: LQs P0 (10/10)/(70/70) = 1, P1 0.4643, P2 1.3929, P3 0.9286; p75 at 2.25:
    //   1 + 0.25 (1.3929 - 1) = 1.0982; employment 10, 10, 20, 30 -> p25 at 0.75 = 10. P2
    //   (1.3929, 30 jobs) is strong.
    const matrix = Float64Array.from([nan, 10, 30, 10, 10, 30, 20, 20]);
    expect(Array.from(strongIndustries(matrix, 4, 2))).toEqual([0, 0, 1, 0, 0, 1, 0, 0]);
    expect(Array.from(strongIndustries(Float64Array.from([nan, nan, nan, nan]), 2, 2))).toEqual([
      0, 0, 0, 0,
    ]);
  });

  test("strongIndustries(zeros) marks nothing", () => {
    expect(Array.from(strongIndustries(new Float64Array(6), 3, 2))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  test("strongIndustries(empty) is empty", () => {
    expect(strongIndustries(new Float64Array(0), 0, 0)).toHaveLength(0);
    expect(strongIndustries(new Float64Array(0), 0, 3)).toHaveLength(0);
  });

  test("strongIndustries(employment, places, industries, options) throws a RangeError for options out of range", () => {
    expect(() => strongIndustries(employment, 4, 3, { lqPercentile: 1.5 })).toThrow(RangeError);
    expect(() => strongIndustries(employment, 4, 3, { employmentPercentile: -0.1 })).toThrow(
      RangeError,
    );
    expect(() => strongIndustries(employment, 4, 3, { minimumLq: Number.NaN })).toThrow(RangeError);
    expect(() => strongIndustries(employment, 3, 3)).toThrow(RangeError);
  });
});
