import { describe, expect, test } from "vitest";
import { rankRecorder } from "./rankRecorder.js";

describe("rankRecorder", () => {
  test("rankRecorder(places, evaluations) gives type 7 quantiles from a histogram or the ranks alike", () => {
    // Place 0 is ranked 1, 2, 3, 4, 5 over five evaluations: median 3; with h = 4 p the 5th
    // percentile is 1 + 0.2 (2 - 1) = 1.2 and the 95th 4 + 0.8 (5 - 4) = 4.8. Place 4 is always 5.
    const evaluations = [
      [1, 2, 3, 4, 5],
      [2, 1, 3, 4, 5],
      [3, 1, 2, 4, 5],
      [4, 1, 2, 3, 5],
      [5, 1, 2, 3, 4],
    ];
    for (const storage of ["histogram", "ranks"] as const) {
      const recorder = rankRecorder(5, 5, storage);
      for (const ranks of evaluations) recorder.record(Float64Array.from(ranks));
      const summary = recorder.summary();
      expect(summary.medianRank[0]).toBeCloseTo(3, 12);
      expect(summary.rankLow[0]).toBeCloseTo(1.2, 12);
      expect(summary.rankHigh[0]).toBeCloseTo(4.8, 12);
      expect(summary.medianRank[4]).toBe(5);
      expect(summary.rankLow[4]).toBe(4.2);
      expect(summary.rankHigh[4]).toBe(5);
    }
  });

  test("rankRecorder(places, evaluations) skips NaN ranks and gives NaN to a place never ranked", () => {
    for (const storage of ["histogram", "ranks"] as const) {
      const recorder = rankRecorder(2, 2, storage);
      recorder.record(Float64Array.from([1, Number.NaN]));
      recorder.record(Float64Array.from([1, Number.NaN]));
      const summary = recorder.summary();
      expect(summary.medianRank[0]).toBe(1);
      expect(summary.medianRank[1]).toBeNaN();
      expect(summary.rankHigh[1]).toBeNaN();
    }
  });
});
