import type { CompiledFramework } from "./compileFramework.js";
import { standardiseCentred } from "./standardiseCentred.js";
import type { Aggregation } from "./types.js";

/** Preallocated arrays for {@link scoreFramework}, reused from one scoring to the next. */
export interface ScoringWorkspace {
  /** Each goal's score per place, goal-major; for `geometric`, the natural logarithm. */
  goalScores: Float64Array;
  /**
   * What each goal's parent reads: `goalScores` itself, or for `mazziottaPareto` the goal
   * scores standardised across places (centred, 10 (x - mean) / sd).
   */
  goalInputs: Float64Array;
  /** The overall score per place; for `geometric`, its natural logarithm. */
  overall: Float64Array;
  /** Scratch: weighted sums per place. */
  sum: Float64Array;
  /** Scratch: sums of the weights present per place. */
  weightSum: Float64Array;
  /** Scratch: weighted sums of squares per place. */
  squareSum: Float64Array;
}

/**
 * Allocates a {@link ScoringWorkspace} for a framework and a number of places.
 *
 * @param framework The compiled framework.
 * @param placeCount The number of places.
 */
export function createScoringWorkspace(
  framework: CompiledFramework,
  placeCount: number,
): ScoringWorkspace {
  const goalCells = framework.goalIds.length * placeCount;
  return {
    goalScores: new Float64Array(goalCells),
    goalInputs: new Float64Array(goalCells),
    overall: new Float64Array(placeCount),
    sum: new Float64Array(placeCount),
    weightSum: new Float64Array(placeCount),
    squareSum: new Float64Array(placeCount),
  };
}

/**
 * Scores every goal, bottom up, and the overall score of every place from prepared indicator
 * columns (see `prepareForAggregation`) and one weight per node. Each goal aggregates its
 * children (indicators or sub-goals) with their weights, skipping missing children and
 * renormalising the weights of the rest; the overall score aggregates the top-level goals.
 *
 * The loops run child by child over contiguous columns so that one scoring of 400 places by 40
 * indicators takes some tens of microseconds, which the Monte Carlo analysis needs. The results
 * equal {@link aggregate}'s up to rounding:
 *
 * - `arithmetic` and `geometric`: sum(w x) / sum(w), for `geometric` over logarithms, so goal and
 *   overall scores come out as logarithms (take `Math.exp` to report them).
 * - `mazziottaPareto`: M - S^2 / M with M = 100 + mean and S^2 the weighted variance, both of the
 *   centred standardised children; each goal's scores are standardised again across places
 *   before its parent reads them, so every level works on mean 100 and standard deviation 10.
 *
 * @param framework The compiled framework.
 * @param prepared Prepared leaf columns, leaf-major.
 * @param placeCount The number of places.
 * @param aggregation The aggregation the columns were prepared for.
 * @param weights One weight per node (leaves, then goals), non-negative.
 * @param workspace Receives the results; see {@link ScoringWorkspace}.
 */
export function scoreFramework(
  framework: CompiledFramework,
  prepared: Float64Array,
  placeCount: number,
  aggregation: Aggregation,
  weights: Float64Array,
  workspace: ScoringWorkspace,
): void {
  const mazziottaPareto = aggregation.method === "mazziottaPareto";
  const goalCount = framework.goalIds.length;
  for (let goal = 0; goal < goalCount; goal += 1) {
    const offset = goal * placeCount;
    aggregateNode(
      framework,
      framework.goalChildren[goal]!,
      prepared,
      placeCount,
      mazziottaPareto,
      weights,
      workspace,
      workspace.goalScores,
      offset,
    );
    if (mazziottaPareto) {
      standardiseCentred(workspace.goalScores, workspace.goalInputs, offset, placeCount);
    }
  }
  aggregateNode(
    framework,
    framework.rootChildren,
    prepared,
    placeCount,
    mazziottaPareto,
    weights,
    workspace,
    workspace.overall,
    0,
  );
}

function aggregateNode(
  framework: CompiledFramework,
  children: Int32Array,
  prepared: Float64Array,
  placeCount: number,
  mazziottaPareto: boolean,
  weights: Float64Array,
  workspace: ScoringWorkspace,
  target: Float64Array,
  targetOffset: number,
): void {
  const { sum, weightSum, squareSum } = workspace;
  const goalInputs = mazziottaPareto ? workspace.goalInputs : workspace.goalScores;
  const leafCount = framework.leaves.length;
  sum.fill(0);
  weightSum.fill(0);
  if (mazziottaPareto) squareSum.fill(0);
  for (let child = 0; child < children.length; child += 1) {
    const node = children[child]!;
    const weight = weights[node]!;
    // A zero weight adds nothing, and skipping it keeps 0 * -Infinity out of the sums.
    if (!(weight > 0)) continue;
    const source = node < leafCount ? prepared : goalInputs;
    const start = (node < leafCount ? node : node - leafCount) * placeCount;
    if (mazziottaPareto) {
      for (let place = 0; place < placeCount; place += 1) {
        const value = source[start + place]!;
        if (value !== value) continue;
        const weighted = weight * value;
        sum[place] = sum[place]! + weighted;
        squareSum[place] = squareSum[place]! + weighted * value;
        weightSum[place] = weightSum[place]! + weight;
      }
    } else {
      for (let place = 0; place < placeCount; place += 1) {
        const value = source[start + place]!;
        if (value !== value) continue;
        sum[place] = sum[place]! + weight * value;
        weightSum[place] = weightSum[place]! + weight;
      }
    }
  }
  for (let place = 0; place < placeCount; place += 1) {
    const total = weightSum[place]!;
    if (!(total > 0)) {
      target[targetOffset + place] = Number.NaN;
      continue;
    }
    const mean = sum[place]! / total;
    if (mazziottaPareto) {
      // Children are centred (100 taken off), so the variance E[x^2] - E[x]^2 does not cancel.
      const variance = Math.max(0, squareSum[place]! / total - mean * mean);
      const level = 100 + mean;
      target[targetOffset + place] = level > 0 ? level - variance / level : Number.NaN;
    } else {
      target[targetOffset + place] = mean;
    }
  }
}
