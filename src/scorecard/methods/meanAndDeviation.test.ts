import { describe, expect, test } from "vitest";
import { meanAndDeviation } from "./meanAndDeviation.js";

describe("meanAndDeviation", () => {
  test("meanAndDeviation(values) gives the mean and the sample standard deviation", () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum to 32; 32 / 7 and 32 / 8 = 4.
    const sample = meanAndDeviation([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(sample.count).toBe(8);
    expect(sample.mean).toBe(5);
    expect(sample.standardDeviation).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(meanAndDeviation([2, 4, 4, 4, 5, 5, 7, 9], 0).standardDeviation).toBeCloseTo(2, 12);
  });

  test("meanAndDeviation(values) keeps precision when the mean is large beside the spread", () => {
    const values = [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16];
    // The same as for 4, 7, 13, 16: mean 10, sample variance 30.
    expect(meanAndDeviation(values).standardDeviation).toBeCloseTo(Math.sqrt(30), 9);
  });

  test("meanAndDeviation(values) skips missing values", () => {
    expect(meanAndDeviation([1, Number.NaN, 3]).mean).toBe(2);
  });

  test("meanAndDeviation([]) and meanAndDeviation(one value) give NaN where undefined", () => {
    expect(meanAndDeviation([]).mean).toBeNaN();
    expect(meanAndDeviation([4]).mean).toBe(4);
    expect(meanAndDeviation([4]).standardDeviation).toBeNaN();
    expect(meanAndDeviation([4], 0).standardDeviation).toBe(0);
  });
});
