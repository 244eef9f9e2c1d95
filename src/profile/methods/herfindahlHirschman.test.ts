import { describe, expect, test } from "vitest";
import { herfindahlHirschman } from "./herfindahlHirschman.js";

describe("herfindahlHirschman", () => {
  test("herfindahlHirschman(employment) works a three-industry example by hand", () => {
    // Shares 0.2, 0.3, 0.5: H = 0.04 + 0.09 + 0.25 = 0.38.
    expect(herfindahlHirschman([20, 30, 50])).toBeCloseTo(0.38, 15);
    // On the competition authorities' scale, shares in per cent: 400 + 900 + 2,500 = 3,800.
    expect(herfindahlHirschman([20, 30, 50], { scale: 10_000 })).toBeCloseTo(3800, 10);
  });

  test("herfindahlHirschman(one industry) is 1", () => {
    expect(herfindahlHirschman([0, 42, 0])).toBe(1);
    expect(herfindahlHirschman([42])).toBe(1);
  });

  test("herfindahlHirschman(equal shares) is 1/n", () => {
    expect(herfindahlHirschman([3, 3, 3, 3])).toBeCloseTo(0.25, 15);
    expect(herfindahlHirschman(new Array(7).fill(11))).toBeCloseTo(1 / 7, 15);
  });

  test("herfindahlHirschman(employment, { normalised: true }) runs from 0 for equal shares to 1 for one industry", () => {
    expect(herfindahlHirschman([3, 3, 3, 3], { normalised: true })).toBeCloseTo(0, 15);
    expect(herfindahlHirschman([0, 42, 0], { normalised: true })).toBeCloseTo(1, 15);
    // (0.38 - 1/3) / (1 - 1/3) = 0.07.
    expect(herfindahlHirschman([20, 30, 50], { normalised: true })).toBeCloseTo(0.07, 14);
  });

  test("herfindahlHirschman(employment) skips missing values and does not change with scale", () => {
    expect(herfindahlHirschman([20, null, 30, Number.NaN, 50, undefined])).toBeCloseTo(0.38, 15);
    expect(herfindahlHirschman([2000, 3000, 5000])).toBeCloseTo(0.38, 15);
  });

  test("herfindahlHirschman(empty, all missing or zeros) is undefined", () => {
    expect(herfindahlHirschman([])).toBeUndefined();
    expect(herfindahlHirschman([null, Number.NaN])).toBeUndefined();
    expect(herfindahlHirschman([0, 0, 0])).toBeUndefined();
  });

  test("herfindahlHirschman(one value, { normalised: true }) is undefined", () => {
    expect(herfindahlHirschman([5], { normalised: true })).toBeUndefined();
  });

  test("herfindahlHirschman(employment) throws a RangeError for a negative value or a bad scale", () => {
    expect(() => herfindahlHirschman([1, -1])).toThrow(RangeError);
    expect(() => herfindahlHirschman([1], { scale: 0 })).toThrow(RangeError);
    expect(() => herfindahlHirschman([1], { scale: Infinity })).toThrow(RangeError);
  });
});
