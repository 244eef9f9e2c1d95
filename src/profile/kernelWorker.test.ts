import { describe, expect, test } from "vitest";
import { Random } from "../demo/random.js";
import { kernelRunner } from "./kernelWorker.js";
import { complexity } from "./methods/complexity.js";
import { density } from "./methods/density.js";

const runner = kernelRunner();

// The first index where two arrays differ (NaN equal to NaN), or -1: a loop, since comparing a
// million numbers through toEqual takes seconds.
function firstDifference(
  a: ArrayLike<number> | undefined,
  b: ArrayLike<number> | undefined,
): number {
  if (a === undefined || b === undefined) return a === b ? -1 : 0;
  if (a.length !== b.length) return 0;
  for (let index = 0; index < a.length; index++) {
    if (!Object.is(a[index], b[index])) return index;
  }
  return -1;
}
if (runner === undefined) {
  console.warn("Skipping the two-thread checks: one core, or no worker or WebAssembly threads.");
}

describe.skipIf(runner === undefined)("kernelRunner", () => {
  test("the density sweep shared with a worker thread gives exactly the numbers of one thread", () => {
    // 1,300 places x 800 industries: past the million cells at which the sweep is shared.
    const random = new Random(5);
    const places = 1300;
    const industries = 800;
    const presence = Uint8Array.from({ length: places * industries }, () =>
      random.next() < 0.3 ? 1 : 0,
    );
    const proximity = new Float64Array(industries * industries);
    for (let i = 0; i < industries; i++) {
      for (let j = 0; j < i; j++) {
        const value = random.next();
        proximity[i * industries + j] = value;
        proximity[j * industries + i] = value;
      }
    }
    const weights = Float64Array.from({ length: industries }, () => random.normal());
    const one = density(presence, places, industries, proximity, { weights });
    for (let round = 0; round < 2; round++) {
      const two = density(presence, places, industries, proximity, { weights, parallel: runner! });
      expect(firstDifference(two.density, one.density)).toBe(-1);
      expect(firstDifference(two.absentWeighted, one.absentWeighted)).toBe(-1);
    }
  });

  test("complexity with a second thread matches complexity with one, and a smaller matrix after a larger", () => {
    const random = new Random(9);
    for (const [places, industries] of [
      [1500, 700],
      [1200, 900],
    ] as const) {
      const employment = Float64Array.from({ length: places * industries }, () =>
        random.next() < 0.3 ? 0 : Math.round(Math.exp(random.normal(3, 1.5))),
      );
      const one = complexity(employment, places, industries, { density: true });
      const two = complexity(employment, places, industries, { density: true, parallel: runner! });
      expect(firstDifference(two.density, one.density)).toBe(-1);
      expect(firstDifference(two.cog, one.cog)).toBe(-1);
      expect(firstDifference(two.coi, one.coi)).toBe(-1);
    }
  });
});
