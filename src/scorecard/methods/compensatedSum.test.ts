import { describe, expect, test } from "vitest";
import { compensatedSum } from "./compensatedSum.js";

describe("compensatedSum", () => {
  test("compensatedSum(values) keeps the small terms a naive sum loses", () => {
    // 1e100 + 1 - 1e100 is 0 in plain floating point; the exact sum is 1.
    expect(compensatedSum([1e100, 1, -1e100])).toBe(1);
    // Ten 0.1s sum to 0.9999999999999999 naively.
    expect(compensatedSum(Array(10).fill(0.1))).toBe(1);
  });

  test("compensatedSum(values) skips NaN and infinite values", () => {
    expect(compensatedSum([1, Number.NaN, 2, Infinity])).toBe(3);
  });

  test("compensatedSum([]) is 0", () => {
    expect(compensatedSum([])).toBe(0);
  });
});
