import { describe, expect, test } from "vitest";
import { shannonDiversity } from "./shannonDiversity.js";

describe("shannonDiversity", () => {
  test("shannonDiversity(employment) works a three-industry example by hand", () => {
    // Shares 0.2, 0.3, 0.5:
    // H = -(0.2 ln 0.2 + 0.3 ln 0.3 + 0.5 ln 0.5)
    //   = 0.2 (1.6094379) + 0.3 (1.2039728) + 0.5 (0.6931472)
    //   = 0.3218876 + 0.3611918 + 0.3465736 = 1.0296530;
    // normalised by ln 3 = 1.0986123: 0.9372306.
    expect(shannonDiversity([20, 30, 50])).toBeCloseTo(1.029653, 6);
    expect(shannonDiversity([20, 30, 50], { normalised: true })).toBeCloseTo(0.9372306, 6);
  });

  test("shannonDiversity(one industry) is 0", () => {
    expect(shannonDiversity([42])).toBe(0);
    expect(shannonDiversity([0, 42, 0])).toBe(0);
  });

  test("shannonDiversity(equal shares) is ln(n), and 1 normalised", () => {
    expect(shannonDiversity([3, 3, 3, 3])).toBeCloseTo(Math.log(4), 14);
    expect(shannonDiversity([3, 3, 3, 3], { normalised: true })).toBeCloseTo(1, 14);
    expect(shannonDiversity(new Array(50).fill(0.02))).toBeCloseTo(Math.log(50), 13);
  });

  test("shannonDiversity(employment, { normalised: true }) counts only industries with employment", () => {
    // Two industries with employment, equally: ln 2 / ln 2 = 1, whatever the zeros.
    expect(shannonDiversity([5, 5, 0, 0], { normalised: true })).toBeCloseTo(1, 14);
  });

  test("shannonDiversity(employment) skips missing values and does not change with scale", () => {
    expect(shannonDiversity([20, null, 30, Number.NaN, 50])).toBeCloseTo(1.029653, 6);
    expect(shannonDiversity([0.2, 0.3, 0.5])).toBeCloseTo(1.029653, 6);
  });

  test("shannonDiversity(empty, all missing or zeros) is undefined", () => {
    expect(shannonDiversity([])).toBeUndefined();
    expect(shannonDiversity([undefined, Number.NaN])).toBeUndefined();
    expect(shannonDiversity([0, 0])).toBeUndefined();
  });

  test("shannonDiversity(one industry, { normalised: true }) is undefined (0/0)", () => {
    expect(shannonDiversity([0, 42, 0], { normalised: true })).toBeUndefined();
  });

  test("shannonDiversity(employment) throws a RangeError for a negative value", () => {
    expect(() => shannonDiversity([1, -1])).toThrow(RangeError);
  });
});
