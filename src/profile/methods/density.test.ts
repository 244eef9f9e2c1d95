import { describe, expect, test } from "vitest";
import { randomPresence } from "../../../test/helpers/random.js";
import { density } from "./density.js";
import { proximity } from "./proximity.js";

// The worked example of complexity.test.ts: P1 {A, B, C}, P2 {A, B}, P3 {A}, P4 {B, C};
// proximity AB 2/3, AC 1/3, BC 2/3, row sums 1, 4/3, 1.
const presence = new Uint8Array([1, 1, 1, 1, 1, 0, 1, 0, 0, 0, 1, 1]);
const phi = proximity(presence, 4, 3);

describe("density", () => {
  test("density(presence, proximity) is the share of proximity to present industries", () => {
    const result = density(presence, 4, 3, phi);
    const expected = [1, 1, 1, 2 / 3, 1 / 2, 1, 0, 1 / 2, 1 / 3, 1, 1 / 2, 2 / 3];
    expected.forEach((value, at) => expect(result.density[at]).toBeCloseTo(value, 14));
    expect(result.absentWeighted).toBeUndefined();
  });

  test("density(presence, proximity, { weights }) sums weighted proximity to absent industries", () => {
    const weights = new Float64Array([1, 10, 100]);
    const { absentWeighted } = density(presence, 4, 3, phi, { weights });
    // P3 lacks B and C: for A, 2/3 x 10 + 1/3 x 100; for B, 2/3 x 100; for C, 2/3 x 10.
    expect(absentWeighted![6]).toBeCloseTo(20 / 3 + 100 / 3, 12);
    expect(absentWeighted![7]).toBeCloseTo(200 / 3, 12);
    expect(absentWeighted![8]).toBeCloseTo(20 / 3, 12);
    // P1 lacks nothing.
    expect(Array.from(absentWeighted!.subarray(0, 3))).toEqual([0, 0, 0]);
  });

  test("density(presence, proximity) gives the same numbers with and without WebAssembly", () => {
    // 1,100 places (three passes of the sweep) and 61 industries (not a multiple of 8).
    const places = 1100;
    const industries = 61;
    const random = randomPresence(places, industries, 0.25, 7);
    const matrix = proximity(random, places, industries);
    const weights = Float64Array.from({ length: industries }, (_, j) => Math.sin(j) * 3);
    const fast = density(random, places, industries, matrix, { weights });
    const loops = density(random, places, industries, matrix, { weights, useWebAssembly: false });
    let largest = 0;
    for (let at = 0; at < places * industries; at++) {
      largest = Math.max(
        largest,
        Math.abs(fast.density[at]! - loops.density[at]!),
        Math.abs(fast.absentWeighted![at]! - loops.absentWeighted![at]!),
      );
    }
    expect(largest).toBeLessThan(1e-12);
    for (const value of fast.density) {
      expect(value >= 0 && value <= 1 + 1e-15).toBe(true);
    }
  });

  test("density(presence, proximity) is NaN for an industry with no proximity and 0 for a place with nothing", () => {
    // Industry 2 is present nowhere; place 2 has nothing.
    const sparse = new Uint8Array([1, 1, 0, 1, 0, 0, 0, 0, 0]);
    const result = density(sparse, 3, 3, proximity(sparse, 3, 3));
    expect(result.density[2]).toBeNaN();
    expect(result.density[6]).toBe(0);
    expect(result.density[1]).toBe(1);
  });

  test("density(presence, proximity) rejects mismatched shapes and non-finite weights", () => {
    expect(() => density(presence, 4, 3, new Float64Array(4))).toThrow(RangeError);
    expect(() => density(presence, 3, 3, phi)).toThrow(RangeError);
    expect(() => density(presence, 4, 3, phi, { weights: new Float64Array(2) })).toThrow(
      /one per industry/,
    );
    expect(() =>
      density(presence, 4, 3, phi, { weights: new Float64Array([1, Number.NaN, 1]) }),
    ).toThrow(/finite/);
  });
});
