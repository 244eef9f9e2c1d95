import { describe, expect, test } from "vitest";
import { krugmanIndex } from "./krugmanIndex.js";

describe("krugmanIndex", () => {
  test("krugmanIndex(local, national) works a three-industry example by hand", () => {
    // Place 20, 30, 50: shares 0.2, 0.3, 0.5. Nation 1,000, 6,000, 3,000: shares 0.1, 0.6, 0.3.
    // K = |0.2 - 0.1| + |0.3 - 0.6| + |0.5 - 0.3| = 0.1 + 0.3 + 0.2 = 0.6.
    expect(krugmanIndex([20, 30, 50], [1000, 6000, 3000])).toBeCloseTo(0.6, 14);
  });

  test("krugmanIndex(local, benchmark) is 0 for identical structures", () => {
    expect(krugmanIndex([2, 4, 6, 0], [1, 2, 3, 0])).toBe(0);
    expect(krugmanIndex([0.1, 0.7, 0.2], [100, 700, 200])).toBeCloseTo(0, 15);
  });

  test("krugmanIndex(local, benchmark) is 2 for structures with no industry in common", () => {
    expect(krugmanIndex([10, 0, 0], [0, 3, 9])).toBe(2);
  });

  test("krugmanIndex(local, benchmark) does not change when either side is scaled", () => {
    const local = [3, 17, 0, 40, 8];
    const benchmark = [300, 200, 50, 900, 10];
    const base = krugmanIndex(local, benchmark)!;
    expect(
      krugmanIndex(
        local.map((value) => value * 13),
        benchmark,
      ),
    ).toBeCloseTo(base, 14);
    expect(
      krugmanIndex(
        local,
        benchmark.map((value) => value / 7),
      ),
    ).toBeCloseTo(base, 14);
  });

  test("krugmanIndex(local, benchmark) counts only industries both sides have", () => {
    // Industry 1 is missing in the place: over industries 0 and 2 the shares are 20/70 and 50/70
    // against 1,000/4,000 and 3,000/4,000, so K = 2 (2/7 - 1/4) = 1/14.
    expect(krugmanIndex([20, null, 50], [1000, 6000, 3000])).toBeCloseTo(1 / 14, 14);
    expect(krugmanIndex([1, 2, 3], [2, 4, Number.NaN])).toBe(0);
  });

  test("krugmanIndex(one industry) is 0", () => {
    expect(krugmanIndex([5], [700])).toBe(0);
  });

  test("krugmanIndex(empty, all missing or zeros) is undefined", () => {
    expect(krugmanIndex([], [])).toBeUndefined();
    expect(krugmanIndex([null, Number.NaN], [undefined, 1])).toBeUndefined();
    expect(krugmanIndex([0, 0], [1, 2])).toBeUndefined();
    expect(krugmanIndex([1, 2], [0, 0])).toBeUndefined();
  });

  test("krugmanIndex(local, benchmark) throws a RangeError when the lengths differ or a value is negative", () => {
    expect(() => krugmanIndex([1], [1, 2])).toThrow(RangeError);
    expect(() => krugmanIndex([1, 2], [1, -2])).toThrow(/-2/);
  });
});
