import { describe, expect, test } from "vitest";
import { Random } from "../../demo/random.js";
import { normalise } from "./normalise.js";
import type { IndicatorSpec, Normalisation } from "./types.js";

const minMax: Normalisation = { method: "minMax" };
const zScore: Normalisation = { method: "zScore" };
const rank: Normalisation = { method: "rank" };
const toTarget: Normalisation = { method: "distanceToTarget" };
const goalposts: Normalisation = { method: "goalposts" };
const spec = (extra: Partial<IndicatorSpec>): IndicatorSpec => ({
  id: "x",
  polarity: 1,
  weight: 1,
  ...extra,
});

function expectClose(actual: ArrayLike<number>, expected: readonly number[], digits = 9): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, index) => {
    if (Number.isNaN(value)) expect(actual[index]).toBeNaN();
    else expect(actual[index]).toBeCloseTo(value, digits);
  });
}

describe("normalise", () => {
  test("normalise(values, 1, minMax) maps the smallest to 0 and the largest to 100", () => {
    // (20 - 10) / (40 - 10) * 100 = 33.33...
    expectClose(normalise([10, 20, 40], 1, minMax), [0, 100 / 3, 100]);
  });

  test("normalise(values, -1, minMax) maps the largest to 0 and the smallest to 100", () => {
    // (40 - 20) / 30 * 100 = 66.67
    expectClose(normalise([10, 20, 40], -1, minMax), [100, 200 / 3, 0]);
  });

  test("normalise(constant, 1, minMax) gives every place with a value 50, never NaN", () => {
    expectClose(normalise([5, 5, Number.NaN, 5], 1, minMax), [50, 50, Number.NaN, 50]);
  });

  test("normalise(one value, 1, minMax) gives 50", () => {
    expectClose(normalise([7], 1, minMax), [50]);
  });

  test("normalise([], 1, method) returns an empty array for every method", () => {
    for (const method of [minMax, zScore, rank, toTarget, goalposts]) {
      expect(normalise([], 1, method, spec({ target: 1 })).length).toBe(0);
    }
  });

  test("normalise(values, 1, minMax) keeps missing and infinite values missing", () => {
    expectClose(normalise([Number.NaN, 0, Infinity, 10], 1, minMax), [
      Number.NaN,
      0,
      Number.NaN,
      100,
    ]);
  });

  test("normalise(all missing, 1, method) gives all NaN", () => {
    for (const method of [minMax, zScore, rank]) {
      expectClose(normalise([Number.NaN, Number.NaN], 1, method), [Number.NaN, Number.NaN]);
    }
  });

  test("normalise(values, 1, zScore) uses the sample standard deviation", () => {
    // mean 70/3; deviations -40/3, -10/3, 50/3; sum of squares 4200/9; / (3 - 1) = 2100/9;
    // sd = sqrt(2100)/3, so z = -40/sqrt(2100), -10/sqrt(2100), 50/sqrt(2100).
    const root = Math.sqrt(2100);
    expectClose(normalise([10, 20, 40], 1, zScore), [-40 / root, -10 / root, 50 / root]);
    expectClose(normalise([10, 20, 40], -1, zScore), [40 / root, 10 / root, -50 / root]);
  });

  test("normalise(constant or single value, 1, zScore) gives 0", () => {
    expectClose(normalise([3, 3, 3], 1, zScore), [0, 0, 0]);
    expectClose(normalise([3], 1, zScore), [0]);
  });

  test("normalise(values, 1, rank) gives ties the average rank, best 100 and worst 0", () => {
    // ranks 1, 2.5, 2.5, 4 of 4: (r - 1) / 3 * 100 = 0, 50, 50, 100
    expectClose(normalise([10, 20, 20, 40], 1, rank), [0, 50, 50, 100]);
    expectClose(normalise([10, 20, 20, 40], -1, rank), [100, 50, 50, 0]);
  });

  test("normalise(one value or all tied, 1, rank) gives 50", () => {
    expectClose(normalise([9], 1, rank), [50]);
    expectClose(normalise([2, 2, 2], 1, rank), [50, 50, 50]);
  });

  test("normalise(values, 1, distanceToReference) is 100 x / reference", () => {
    const reference: Normalisation = { method: "distanceToReference", referenceIndex: 1 };
    expectClose(normalise([50, 100, 150], 1, reference), [50, 100, 150]);
    // 100 (1 - (x - 100) / 100)
    expectClose(normalise([50, 100, 150], -1, reference), [150, 100, 50]);
  });

  test("normalise(values, 1, distanceToReference) is NaN when the reference is missing or zero", () => {
    const reference: Normalisation = { method: "distanceToReference", referenceIndex: 0 };
    expectClose(normalise([Number.NaN, 5], 1, reference), [Number.NaN, Number.NaN]);
    expectClose(normalise([0, 5], 1, reference), [Number.NaN, Number.NaN]);
  });

  test("normalise(values, 1, distanceToReference) throws for a row outside the places", () => {
    expect(() =>
      normalise([1, 2], 1, { method: "distanceToReference", referenceIndex: 2 }),
    ).toThrow(RangeError);
  });

  test("normalise(values, 1, distanceToTarget) is 100 at or beyond the target", () => {
    // target 80: 40 is half way, 100 * 40 / 80 = 50; 80 and 100 reach it.
    expectClose(normalise([40, 80, 100, 0], 1, toTarget, spec({ target: 80 })), [50, 100, 100, 0]);
    // target 2, lower is better: 3 is 50% over, 100 * (1 - 0.5) = 50; 5 is 150% over, clamped to 0.
    expectClose(
      normalise([1, 2, 3, 5], -1, toTarget, spec({ target: 2, polarity: -1 })),
      [100, 100, 50, 0],
    );
  });

  test("normalise(values, 1, distanceToTarget) throws without a non-zero target", () => {
    expect(() => normalise([1], 1, toTarget, spec({}))).toThrow(/non-zero target/);
    expect(() => normalise([1], 1, toTarget, spec({ target: 0 }))).toThrow(/goalposts/);
  });

  test("normalise(values, 1, goalposts) uses the HDI's life-expectancy goalposts 20 and 85", () => {
    // UNDP Human Development Report 2020, technical notes: index = (LE - 20) / (85 - 20).
    // 81.3 years: 61.3 / 65 = 0.943077; 10 and 90 are clamped.
    expectClose(
      normalise([81.3, 10, 90], 1, goalposts, spec({ goalposts: { lower: 20, upper: 85 } })),
      [94.3076923077, 0, 100],
    );
  });

  test("normalise(values, -1, goalposts) reverses the scale whichever way the goalposts are given", () => {
    const expected = [80, 0, 100];
    // (50 - 10) / 50 = 0.8; 60 is beyond the worst goalpost; -5 beyond the best.
    for (const posts of [
      { lower: 0, upper: 50 },
      { lower: 50, upper: 0 },
    ]) {
      expectClose(normalise([10, 60, -5], -1, goalposts, spec({ goalposts: posts })), expected);
    }
  });

  test("normalise(values, 1, goalposts) throws without two different goalposts", () => {
    expect(() => normalise([1], 1, goalposts, spec({}))).toThrow(RangeError);
    expect(() => normalise([1], 1, goalposts, spec({ goalposts: { lower: 3, upper: 3 } }))).toThrow(
      RangeError,
    );
  });

  test("normalise(values, 0, minMax) throws for a polarity other than 1 or -1", () => {
    expect(() => normalise([1], 0 as 1, minMax)).toThrow(/polarity/);
  });

  test("normalise(values, 1, minMax) stays within 0..100 for any data", () => {
    const random = new Random(11);
    for (let trial = 0; trial < 50; trial += 1) {
      const values = Array.from({ length: 1 + random.integer(0, 30) }, () =>
        random.next() < 0.1 ? Number.NaN : random.normal(0, 10 ** random.integer(-3, 6)),
      );
      for (const polarity of [1, -1] as const) {
        for (const value of normalise(values, polarity, minMax)) {
          if (!Number.isNaN(value)) {
            expect(value).toBeGreaterThanOrEqual(0);
            expect(value).toBeLessThanOrEqual(100);
          }
        }
      }
    }
  });

  test("normalise(a x + b, 1, minMax or zScore) equals normalise(x) for a > 0", () => {
    const random = new Random(5);
    const values = Array.from({ length: 25 }, () => random.normal(40, 12));
    for (const method of [minMax, zScore]) {
      const rescaled = values.map((value) => 3.7 * value - 120);
      const expected = Array.from(normalise(values, 1, method));
      expectClose(normalise(rescaled, 1, method), expected, 8);
    }
  });

  test("normalise(values, -1, method) reverses the order of normalise(values, 1, method)", () => {
    const random = new Random(8);
    const values = Array.from({ length: 20 }, () => random.uniform(1, 100));
    const order = (normalised: Float64Array) =>
      Array.from(normalised.keys()).sort((a, b) => normalised[b]! - normalised[a]!);
    const methods: [Normalisation, IndicatorSpec | undefined][] = [
      [minMax, undefined],
      [zScore, undefined],
      [rank, undefined],
      [{ method: "distanceToReference", referenceIndex: 3 }, undefined],
      [goalposts, spec({ goalposts: { lower: 0, upper: 101 } })],
    ];
    for (const [method, indicator] of methods) {
      const forward = order(normalise(values, 1, method, indicator));
      const backward = order(normalise(values, -1, method, indicator));
      expect(backward).toEqual([...forward].reverse());
    }
  });
});
