import { describe, expect, test } from "vitest";
import { Random } from "../../demo/random.js";
import { aggregate } from "./aggregate.js";
import type { Aggregation } from "./types.js";

const arithmetic: Aggregation = { method: "arithmetic" };
const geometric: Aggregation = { method: "geometric" };
const mazziottaPareto: Aggregation = { method: "mazziottaPareto" };

describe("aggregate", () => {
  test("aggregate(values, weights, arithmetic) is the weighted mean", () => {
    // (1 * 60 + 3 * 80) / 4 = 75
    expect(aggregate([60, 80], [1, 3], arithmetic)).toBe(75);
  });

  test("aggregate(values, weights, arithmetic) skips missing values and renormalises the weights", () => {
    expect(aggregate([60, Number.NaN, 80], [1, 5, 3], arithmetic)).toBe(75);
  });

  test("aggregate(values, weights, geometric) is the weighted geometric mean", () => {
    // sqrt(25 * 100) = 50
    expect(aggregate([25, 100], [1, 1], geometric)).toBeCloseTo(50, 12);
    // (10^1 * 100^2)^(1/3) = 10^(5/3) = 46.4158883
    expect(aggregate([10, 100], [1, 2], geometric)).toBeCloseTo(10 ** (5 / 3), 10);
  });

  test("aggregate(values with a zero, weights, geometric) is 0", () => {
    expect(aggregate([0, 80], [1, 1], geometric)).toBe(0);
  });

  test("aggregate(values with a zero of weight 0, weights, geometric) ignores it", () => {
    expect(aggregate([0, 80], [0, 1], geometric)).toBeCloseTo(80, 12);
  });

  test("aggregate(negative values, weights, geometric) is NaN", () => {
    expect(aggregate([-1, 80], [1, 1], geometric)).toBeNaN();
  });

  test("aggregate(values, weights, mazziottaPareto) is M - S^2 / M", () => {
    // M = 100, S^2 = (100 + 100) / 2 = 100, S = 10, cv = 0.1: 100 - 10 * 0.1 = 99
    expect(aggregate([110, 90], [1, 1], mazziottaPareto)).toBeCloseTo(99, 12);
    // weighted: M = (3 * 110 + 90) / 4 = 105; S^2 = (3 * 25 + 225) / 4 = 75; 105 - 75/105
    expect(aggregate([110, 90], [3, 1], mazziottaPareto)).toBeCloseTo(105 - 75 / 105, 12);
  });

  test("aggregate(balanced values, weights, mazziottaPareto) equals the arithmetic mean", () => {
    expect(aggregate([105, 105, 105], [1, 2, 3], mazziottaPareto)).toBe(105);
  });

  test("aggregate(values, weights, mazziottaPareto) is at most the arithmetic mean", () => {
    const random = new Random(3);
    for (let trial = 0; trial < 200; trial += 1) {
      const values = Array.from({ length: 5 }, () => random.normal(100, 10));
      const weights = Array.from({ length: 5 }, () => random.uniform(0.1, 2));
      expect(aggregate(values, weights, mazziottaPareto)).toBeLessThanOrEqual(
        aggregate(values, weights, arithmetic) + 1e-12,
      );
    }
  });

  test("aggregate(values, weights, mazziottaPareto) is NaN for a mean that is not positive", () => {
    expect(aggregate([-5, 5], [1, 1], mazziottaPareto)).toBeNaN();
  });

  test("aggregate(values, equal weights, arithmetic) is the plain mean", () => {
    expect(aggregate([1, 2, 3, 10], [2, 2, 2, 2], arithmetic)).toBe(4);
  });

  test("aggregate(values, c * weights, method) equals aggregate(values, weights, method)", () => {
    const values = [95, 104, 111];
    const weights = [1, 2, 5];
    for (const method of [arithmetic, geometric, mazziottaPareto]) {
      expect(
        aggregate(
          values,
          weights.map((weight) => weight * 7.5),
          method,
        ),
      ).toBeCloseTo(aggregate(values, weights, method), 10);
    }
  });

  test("aggregate(all missing, weights, method) is NaN", () => {
    for (const method of [arithmetic, geometric, mazziottaPareto]) {
      expect(aggregate([Number.NaN, Number.NaN], [1, 1], method)).toBeNaN();
      expect(aggregate([], [], method)).toBeNaN();
    }
  });

  test("aggregate(one value, weights, method) is that value", () => {
    for (const method of [arithmetic, geometric, mazziottaPareto]) {
      expect(aggregate([42], [3], method)).toBeCloseTo(42, 12);
    }
  });

  test("aggregate(values, weights of another length, method) throws", () => {
    expect(() => aggregate([1, 2], [1], arithmetic)).toThrow(RangeError);
  });

  test("aggregate(values, a negative weight, method) throws", () => {
    expect(() => aggregate([1, 2], [1, -1], arithmetic)).toThrow(/non-negative/);
  });
});
