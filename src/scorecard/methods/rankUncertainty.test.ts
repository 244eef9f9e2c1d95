import { describe, expect, test } from "vitest";
import { Random } from "../../demo/random.js";
import { compositeIndex } from "./compositeIndex.js";
import { rankUncertainty } from "./rankUncertainty.js";
import type { CompositeInput, CompositeOptions, GoalSpec } from "./types.js";

/** A seeded synthetic region: places with a common latent level plus noise, some values missing. */
function syntheticInput(seed: number, placeCount = 40, goalCount = 3, perGoal = 4): CompositeInput {
  const random = new Random(seed);
  const indicatorCount = goalCount * perGoal;
  const indicatorIds = Array.from({ length: indicatorCount }, (_, index) => `i${index}`);
  const latent = Array.from({ length: placeCount }, () => random.normal());
  const values = new Float64Array(placeCount * indicatorCount);
  for (let place = 0; place < placeCount; place += 1) {
    for (let indicator = 0; indicator < indicatorCount; indicator += 1) {
      const sign = indicator % 3 === 0 ? -1 : 1;
      values[place * indicatorCount + indicator] =
        random.next() < 0.04
          ? Number.NaN
          : 50 + sign * 10 * (0.6 * latent[place]! + 0.8 * random.normal());
    }
  }
  const goals: GoalSpec[] = Array.from({ length: goalCount }, (_, goal) => ({
    id: `g${goal}`,
    weight: 1 + goal / 2,
    indicators: Array.from({ length: perGoal }, (_, position) => {
      const index = goal * perGoal + position;
      return {
        id: `i${index}`,
        polarity: (index % 3 === 0 ? -1 : 1) as 1 | -1,
        weight: 1 + (position % 2),
      };
    }),
  }));
  return { placeCount, indicatorIds, values, goals };
}

const base: CompositeOptions = {
  normalisation: { method: "minMax" },
  aggregation: { method: "arithmetic" },
  imputation: { method: "none" },
  minimumCoverage: 0.5,
};

describe("rankUncertainty", () => {
  test("rankUncertainty(input, base, nothing perturbed) gives zero-width intervals at the base rank", () => {
    const input = syntheticInput(1);
    for (const aggregation of ["arithmetic", "geometric", "mazziottaPareto"] as const) {
      const options = { ...base, aggregation: { method: aggregation } };
      const baseRanks = compositeIndex(input, options).ranks;
      for (const sensitivity of [false, true]) {
        const result = rankUncertainty(input, options, {
          replications: 200,
          seed: 3,
          weights: { kind: "uniform", relativeRange: 0 },
          normalisations: [{ method: "minMax" }],
          sensitivity,
        });
        expect(Array.from(result.rankLow)).toEqual(Array.from(baseRanks));
        expect(Array.from(result.rankHigh)).toEqual(Array.from(baseRanks));
        expect(Array.from(result.medianRank)).toEqual(Array.from(baseRanks));
        if (sensitivity) {
          // Nothing varies, so no share of variance can be apportioned.
          expect(result.sensitivity).toHaveLength(1);
          expect(result.sensitivity[0]!.total).toBeNaN();
        }
      }
    }
  });

  test("rankUncertainty(input, base, no uncertain assumption) returns the base ranks and no indices", () => {
    const input = syntheticInput(2);
    const result = rankUncertainty(input, base, { replications: 50, seed: 1, sensitivity: true });
    expect(Array.from(result.medianRank)).toEqual(Array.from(compositeIndex(input, base).ranks));
    expect(result.sensitivity).toEqual([]);
    expect(result.replications).toBe(50);
  });

  test("rankUncertainty(input, base, options) is the same for the same seed", () => {
    const input = syntheticInput(3);
    const options = {
      replications: 300,
      seed: 42,
      weights: { kind: "dirichlet", concentration: 10 } as const,
      aggregations: [{ method: "arithmetic" }, { method: "geometric" }] as const,
      sensitivity: true,
    };
    expect(rankUncertainty(input, base, options)).toEqual(rankUncertainty(input, base, options));
  });

  test("rankUncertainty(input, base, options) draws differently for a different seed", () => {
    const input = syntheticInput(3);
    const options = {
      replications: 300,
      weights: { kind: "uniform", relativeRange: 0.5 } as const,
      normalisations: [{ method: "minMax" }, { method: "zScore" }, { method: "rank" }] as const,
      sensitivity: true,
    };
    const first = rankUncertainty(input, base, { ...options, seed: 1 });
    const second = rankUncertainty(input, base, { ...options, seed: 2 });
    expect(first.sensitivity).not.toEqual(second.sensitivity);
  });

  test("rankUncertainty(input, base, options) brackets the median rank within the interval", () => {
    const input = syntheticInput(4);
    const result = rankUncertainty(input, base, {
      replications: 500,
      seed: 5,
      weights: { kind: "uniform", relativeRange: 0.6 },
      aggregations: [
        { method: "arithmetic" },
        { method: "geometric" },
        { method: "mazziottaPareto" },
      ],
    });
    expect(result.replications).toBe(500);
    let width = 0;
    for (let place = 0; place < input.placeCount; place += 1) {
      const low = result.rankLow[place]!;
      const high = result.rankHigh[place]!;
      if (Number.isNaN(result.medianRank[place]!)) continue;
      expect(low).toBeGreaterThanOrEqual(1);
      expect(high).toBeLessThanOrEqual(input.placeCount);
      expect(low).toBeLessThanOrEqual(result.medianRank[place]!);
      expect(result.medianRank[place]!).toBeLessThanOrEqual(high);
      width += high - low;
    }
    expect(width).toBeGreaterThan(0);
  });

  test("rankUncertainty(input, base, options) gives sensitivity indices within [0, 1] up to estimator noise", () => {
    const input = syntheticInput(6);
    const result = rankUncertainty(input, base, {
      replications: 3000,
      seed: 11,
      weights: { kind: "dirichlet", concentration: 5 },
      normalisations: [{ method: "minMax" }, { method: "zScore" }, { method: "rank" }],
      aggregations: [{ method: "arithmetic" }, { method: "mazziottaPareto" }],
      imputations: [{ method: "none" }, { method: "mean" }],
      sensitivity: true,
    });
    expect(result.sensitivity.map((index) => index.assumption)).toEqual([
      "weights",
      "normalisation",
      "aggregation",
      "imputation",
    ]);
    // 3000 evaluations with 4 assumptions: N = floor(3000 / 6) = 500 base samples.
    expect(result.replications).toBe(3000);
    for (const { firstOrder, total } of result.sensitivity) {
      expect(firstOrder).toBeGreaterThan(-0.1);
      expect(firstOrder).toBeLessThan(1.1);
      expect(total).toBeGreaterThanOrEqual(0);
      expect(total).toBeLessThan(1.1);
    }
  });

  test("rankUncertainty(input, base, only normalisation mattering) gives it the dominant total index", () => {
    const input = syntheticInput(7);
    const result = rankUncertainty(input, base, {
      replications: 2000,
      seed: 13,
      // Uncertain in name only: a zero range and two identical aggregations.
      weights: { kind: "uniform", relativeRange: 0 },
      normalisations: [{ method: "minMax" }, { method: "rank" }],
      aggregations: [{ method: "arithmetic" }, { method: "arithmetic" }],
      sensitivity: true,
    });
    const byName = Object.fromEntries(result.sensitivity.map((index) => [index.assumption, index]));
    expect(byName.weights!.total).toBe(0);
    expect(byName.aggregation!.total).toBe(0);
    expect(byName.normalisation!.total).toBeGreaterThan(0.9);
    expect(byName.normalisation!.firstOrder).toBeGreaterThan(0.8);
  });

  test("rankUncertainty(input, base, only weights mattering) gives the weights the dominant total index", () => {
    const input = syntheticInput(8);
    const result = rankUncertainty(input, base, {
      replications: 2000,
      seed: 17,
      weights: { kind: "uniform", relativeRange: 0.9 },
      imputations: [{ method: "none" }, { method: "none" }],
      sensitivity: true,
    });
    const [weights, imputation] = result.sensitivity;
    expect(weights!.total).toBeGreaterThan(0.9);
    expect(imputation!.total).toBe(0);
  });

  test("rankUncertainty(input, base, sensitivity) runs N (k + 2) evaluations within the budget", () => {
    const input = syntheticInput(9, 10);
    const result = rankUncertainty(input, base, {
      replications: 101,
      seed: 1,
      weights: { kind: "uniform", relativeRange: 0.3 },
      normalisations: [{ method: "minMax" }, { method: "zScore" }],
      sensitivity: true,
    });
    // k = 2: N = floor(101 / 4) = 25, so 100 evaluations.
    expect(result.replications).toBe(100);
  });

  test("rankUncertainty(input, base, too few replications for sensitivity) throws", () => {
    expect(() =>
      rankUncertainty(syntheticInput(9, 5), base, {
        replications: 7,
        seed: 1,
        weights: { kind: "uniform", relativeRange: 0.3 },
        normalisations: [{ method: "minMax" }, { method: "zScore" }],
        sensitivity: true,
      }),
    ).toThrow(/at least 8/);
  });

  test("rankUncertainty(input, base, bad options) throws a RangeError", () => {
    const input = syntheticInput(10, 5);
    expect(() => rankUncertainty(input, base, { replications: 0, seed: 1 })).toThrow(
      /replications/,
    );
    expect(() =>
      rankUncertainty(input, base, {
        replications: 10,
        seed: 1,
        weights: { kind: "uniform", relativeRange: 1.5 },
      }),
    ).toThrow(/relativeRange/);
    expect(() =>
      rankUncertainty(input, base, {
        replications: 10,
        seed: 1,
        weights: { kind: "dirichlet", concentration: 0 },
      }),
    ).toThrow(/concentration/);
    expect(() =>
      rankUncertainty(input, base, { replications: 10, seed: 1, aggregations: [] }),
    ).toThrow(/empty/);
    expect(() =>
      rankUncertainty(input, base, {
        replications: 10,
        seed: 1,
        normalisations: [{ method: "minMax" }, { method: "distanceToTarget" }],
      }),
    ).toThrow(/target/);
  });

  test("rankUncertainty(places below the minimum coverage) gives them NaN statistics", () => {
    const input = syntheticInput(12, 8);
    const indicatorCount = input.indicatorIds.length;
    input.values.fill(Number.NaN, 0, indicatorCount);
    const result = rankUncertainty(input, base, {
      replications: 100,
      seed: 2,
      weights: { kind: "uniform", relativeRange: 0.5 },
    });
    expect(result.medianRank[0]).toBeNaN();
    expect(result.rankLow[0]).toBeNaN();
    expect(result.rankHigh[1]).toBeLessThanOrEqual(7);
  });

  test("rankUncertainty(more places than replications) summarises the stored ranks", () => {
    const input = syntheticInput(13, 60);
    const result = rankUncertainty(input, base, {
      replications: 20,
      seed: 4,
      weights: { kind: "uniform", relativeRange: 0.5 },
    });
    for (let place = 0; place < 60; place += 1) {
      if (Number.isNaN(result.medianRank[place]!)) continue;
      expect(result.rankLow[place]!).toBeLessThanOrEqual(result.rankHigh[place]!);
    }
  });

  test("rankUncertainty(no places) returns empty statistics", () => {
    const input = syntheticInput(14, 1);
    const empty: CompositeInput = { ...input, placeCount: 0, values: new Float64Array(0) };
    const result = rankUncertainty(empty, base, {
      replications: 10,
      seed: 1,
      weights: { kind: "uniform", relativeRange: 0.5 },
    });
    expect(result.medianRank.length).toBe(0);
  });
});
