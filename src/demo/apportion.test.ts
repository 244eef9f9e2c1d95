import { describe, expect, test } from "vitest";
import { apportion } from "./apportion.js";

describe("apportion", () => {
  test("apportion(total, weights) gives parts that sum to the total exactly", () => {
    const parts = apportion(100_003, [0.3, 1.7, 2.2, 0.9, 1.1]);
    expect(parts.reduce((sum, part) => sum + part, 0)).toBe(100_003);
    expect(parts.every((part) => Number.isInteger(part) && part >= 0)).toBe(true);
  });

  test("apportion(10, [1, 1, 1]) gives the spare unit to the earliest tied remainder", () => {
    // Quotas 3.33 each: one unit left over, which goes to the first.
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
  });

  test("apportion(total, weights) follows the largest-remainder worked example", () => {
    // Quotas 4.2, 2.5 and 3.3: floors 4, 2 and 3 leave one unit, for the remainder 0.5.
    expect(apportion(10, [42, 25, 33])).toEqual([4, 3, 3]);
  });

  test("apportion(0, weights) gives zeros and zero weights get nothing", () => {
    expect(apportion(0, [1, 2])).toEqual([0, 0]);
    expect(apportion(7, [0, 1, 0])).toEqual([0, 7, 0]);
  });

  test("apportion(total, weights) throws on bad totals and weights", () => {
    expect(() => apportion(1.5, [1])).toThrow(RangeError);
    expect(() => apportion(-1, [1])).toThrow(RangeError);
    expect(() => apportion(3, [])).toThrow(RangeError);
    expect(() => apportion(3, [0, 0])).toThrow(RangeError);
    expect(() => apportion(3, [1, Number.NaN])).toThrow(RangeError);
    expect(() => apportion(3, [1, -1])).toThrow(RangeError);
  });
});
