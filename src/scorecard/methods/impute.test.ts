import { describe, expect, test } from "vitest";
import { impute } from "./impute.js";

describe("impute", () => {
  test("impute(values, none) returns a copy with missing values left NaN", () => {
    const values = [1, Number.NaN, 3];
    const result = impute(values, { method: "none" });
    expect(Array.from(result)).toEqual([1, Number.NaN, 3]);
    expect(values).toEqual([1, Number.NaN, 3]);
  });

  test("impute(values, mean) fills missing values with the mean of the observed ones", () => {
    // (1 + 3 + 8) / 3 = 4
    expect(Array.from(impute([1, Number.NaN, 3, 8], { method: "mean" }))).toEqual([1, 4, 3, 8]);
  });

  test("impute(values, median) fills with the middle observed value", () => {
    // observed 1, 3, 8: the median is 3
    expect(Array.from(impute([1, Number.NaN, 3, 8], { method: "median" }))).toEqual([1, 3, 3, 8]);
  });

  test("impute(values, median) takes the mean of the two middle values of an even count", () => {
    // observed 1, 2, 10, 20: (2 + 10) / 2 = 6
    expect(Array.from(impute([20, 2, Number.NaN, 10, 1], { method: "median" }))).toEqual([
      20, 2, 6, 10, 1,
    ]);
  });

  test("impute(all missing, mean) leaves every value NaN", () => {
    const result = impute([Number.NaN, Number.NaN], { method: "mean" });
    expect(Array.from(result)).toEqual([Number.NaN, Number.NaN]);
  });

  test("impute([], median) returns an empty array", () => {
    expect(impute([], { method: "median" }).length).toBe(0);
  });

  test("impute(values, mean) treats infinite values as missing", () => {
    expect(Array.from(impute([2, Infinity, 4], { method: "mean" }))).toEqual([2, 3, 4]);
  });

  test("impute(values, mean) keeps precision with large and small values", () => {
    // A naive running sum of 1e16, 1, -1e16 loses the 1; the compensated sum keeps it.
    const result = impute([1e16, 1, -1e16, Number.NaN], { method: "mean" });
    expect(result[3]).toBe(1 / 3);
  });
});
