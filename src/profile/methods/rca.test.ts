import { describe, expect, test } from "vitest";
import { rca } from "./rca.js";

// Two places, two industries: totals A 40, B 60, all 100, so shares 0.4 and 0.6.
// Place 0 (10, 30): shares 0.25, 0.75 -> RCA 0.625, 1.25. Place 1 (30, 30): 0.5, 0.5 -> 1.25,
// 0.8333.
const employment = new Float64Array([10, 30, 30, 30]);

describe("rca", () => {
  test("rca(employment) divides each place's shares by the overall shares", () => {
    const result = rca(employment, 2, 2);
    expect(Array.from(result.rca)).toEqual([0.625, 1.25, 1.25, 0.5 / 0.6]);
    expect(Array.from(result.presence)).toEqual([0, 1, 1, 0]);
    expect(Array.from(result.placeTotals)).toEqual([40, 60]);
    expect(Array.from(result.industryTotals)).toEqual([40, 60]);
    expect(result.total).toBe(100);
  });

  test("rca(employment) counts an RCA equal to the threshold as present", () => {
    // Place 0 has exactly the overall mix: RCA 1 and 1.
    const result = rca(new Float64Array([20, 30, 20, 30]), 2, 2);
    expect(Array.from(result.rca)).toEqual([1, 1, 1, 1]);
    expect(Array.from(result.presence)).toEqual([1, 1, 1, 1]);
    expect(Array.from(rca(employment, 2, 2, { threshold: 1.25 }).presence)).toEqual([0, 1, 1, 0]);
  });

  test("rca(employment) counts NaN as 0", () => {
    const result = rca(new Float64Array([10, 30, 30, 30, Number.NaN, 0]), 3, 2);
    expect(Array.from(result.rca.subarray(0, 4))).toEqual([0.625, 1.25, 1.25, 0.5 / 0.6]);
    expect(Array.from(result.placeTotals)).toEqual([40, 60, 0]);
  });

  test("rca(employment) gives NaN where a place's or an industry's total is 0", () => {
    const result = rca(new Float64Array([10, 0, 30, 0, 0, 0]), 3, 2);
    expect(result.rca[0]).toBe(1);
    expect(result.rca[1]).toBeNaN();
    expect(result.rca[4]).toBeNaN();
    expect(result.rca[5]).toBeNaN();
    expect(Array.from(result.presence)).toEqual([1, 0, 1, 0, 0, 0]);
  });

  test("rca(employment) handles empty and single-value matrices", () => {
    expect(rca(new Float64Array(0), 0, 5).rca.length).toBe(0);
    const one = rca(new Float64Array([7]), 1, 1);
    expect(Array.from(one.rca)).toEqual([1]);
    expect(Array.from(rca(new Float64Array([0]), 1, 1).rca)).toEqual([Number.NaN]);
  });

  test("rca(employment) rejects a bad shape, a bad threshold and negative or infinite values", () => {
    expect(() => rca(employment, 3, 2)).toThrow(/expected placeCount x industryCount = 6/);
    expect(() => rca(employment, 1.5, 2)).toThrow(/placeCount/);
    expect(() => rca(employment, 2, 2, { threshold: -1 })).toThrow(/threshold/);
    expect(() => rca(new Float64Array([1, -2]), 1, 2)).toThrow(/-2 at place 0, industry 1/);
    expect(() => rca(new Float64Array([1, -Infinity]), 1, 2)).toThrow(RangeError);
  });
});
