import { Random } from "../src/demo/random.js";
import { compositeIndex } from "../src/scorecard/methods/compositeIndex.js";
import { rankUncertainty } from "../src/scorecard/methods/rankUncertainty.js";
import type { CompositeInput, CompositeOptions, GoalSpec } from "../src/scorecard/methods/types.js";

/** What the Monte Carlo benchmark measured. */
export interface ScorecardBenchResult {
  places: number;
  indicators: number;
  replications: number;
  medianSeconds: number;
  runs: number[];
  peakMemoryMb: number;
}

/**
 * 400 places x 40 indicators (5 goals of 8) x 10,000 Monte Carlo replications with ranks and
 * sensitivity indices, weights, normalisation and aggregation all uncertain. Target: under 5 s and
 * 500 MB on two cores.
 */
export function scorecardBench(repeats = 3): ScorecardBenchResult {
  const places = 400;
  const indicatorCount = 40;
  const random = new Random(42);
  const values = new Float64Array(places * indicatorCount);
  for (let index = 0; index < values.length; index++) {
    // A few per cent missing, as in real data.
    values[index] = random.next() < 0.03 ? Number.NaN : 50 + 15 * random.normal();
  }
  const indicatorIds = Array.from({ length: indicatorCount }, (_, index) => `indicator_${index}`);
  const goals: GoalSpec[] = Array.from({ length: 5 }, (_, goal) => ({
    id: `goal_${goal}`,
    weight: 1 + goal,
    indicators: indicatorIds
      .slice(goal * 8, goal * 8 + 8)
      .map((id, index) => ({ id, polarity: index % 3 === 0 ? -1 : 1, weight: 1 + (index % 2) })),
  }));
  const input: CompositeInput = { placeCount: places, indicatorIds, values, goals };
  const base: CompositeOptions = {
    normalisation: { method: "minMax" },
    aggregation: { method: "arithmetic" },
    imputation: { method: "none" },
    minimumCoverage: 0.5,
  };
  compositeIndex(input, base);
  const runs: number[] = [];
  for (let repeat = 0; repeat < repeats; repeat++) {
    const started = process.hrtime.bigint();
    rankUncertainty(input, base, {
      replications: 10_000,
      seed: repeat + 1,
      weights: { kind: "uniform", relativeRange: 0.5 },
      normalisations: [{ method: "minMax" }, { method: "zScore" }, { method: "rank" }],
      aggregations: [
        { method: "arithmetic" },
        { method: "geometric" },
        { method: "mazziottaPareto" },
      ],
      sensitivity: true,
    });
    runs.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  const sorted = [...runs].sort((a, b) => a - b);
  return {
    places,
    indicators: indicatorCount,
    replications: 10_000,
    medianSeconds: sorted[Math.floor(sorted.length / 2)]!,
    runs,
    peakMemoryMb: process.resourceUsage().maxRSS / 1024,
  };
}
