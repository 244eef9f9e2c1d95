import { compensatedSum } from "./compensatedSum.js";
import type { Aggregation } from "./types.js";

/**
 * Combines one place's normalised values into one score with weights (OECD/JRC Handbook 2008,
 * step 6 "Weighting and aggregation"). Missing values (NaN) are skipped and the remaining weights
 * renormalised to sum to 1, as are values with weight 0; no remaining value gives NaN.
 *
 * - `arithmetic`: sum(w x) / sum(w).
 * - `geometric`: exp(sum(w ln x) / sum(w)). It is defined for positive values only: a zero
 *   value (with a positive weight) gives 0, any negative value NaN. {@link compositeIndex}
 *   therefore moves normalised values into [1, infinity) first (see
 *   `docs/methods/composite-index.md`).
 * - `mazziottaPareto`: the Mazziotta-Pareto Index for "higher is better" (Mazziotta and Pareto
 *   2016, "On a generalized non-compensatory composite index for measuring socio-economic
 *   phenomena", Social Indicators Research 127(3)), MPI = M - S cv = M - S^2 / M, where M is the
 *   weighted mean and S the weighted population standard deviation,
 *   S^2 = sum(w (x - M)^2) / sum(w), and cv = S / M. With equal weights it is the paper's
 *   formula. It expects values already standardised across places to mean 100 and standard
 *   deviation 10, which {@link compositeIndex} does; it gives NaN when M is not positive.
 *
 * @param values One place's normalised values.
 * @param weights Their weights, non-negative; only their ratios matter.
 * @param aggregation The method.
 * @returns The score, or NaN.
 * @throws RangeError when the lengths differ or a weight is negative or not finite.
 */
export function aggregate(
  values: ArrayLike<number>,
  weights: ArrayLike<number>,
  aggregation: Aggregation,
): number {
  if (values.length !== weights.length) {
    throw new RangeError(
      `aggregate: ${values.length} values but ${weights.length} weights; they must match`,
    );
  }
  const kept: number[] = [];
  const keptWeights: number[] = [];
  for (let index = 0; index < values.length; index += 1) {
    const weight = weights[index]!;
    if (!Number.isFinite(weight) || weight < 0) {
      throw new RangeError(`aggregate: weight ${index} is ${weight}; weights must be non-negative`);
    }
    const value = values[index]!;
    if (Number.isNaN(value) || weight === 0) continue;
    kept.push(value);
    keptWeights.push(weight);
  }
  if (kept.length === 0) return Number.NaN;
  const weightTotal = compensatedSum(keptWeights);
  const shares = keptWeights.map((weight) => weight / weightTotal);
  switch (aggregation.method) {
    case "arithmetic":
      return compensatedSum(kept.map((value, index) => shares[index]! * value));
    case "geometric": {
      if (kept.some((value) => value < 0)) return Number.NaN;
      if (kept.includes(0)) return 0;
      return Math.exp(compensatedSum(kept.map((value, index) => shares[index]! * Math.log(value))));
    }
    case "mazziottaPareto": {
      const mean = compensatedSum(kept.map((value, index) => shares[index]! * value));
      if (!(mean > 0)) return Number.NaN;
      // Two passes (mean, then squared deviations) keep the variance accurate.
      const variance = compensatedSum(
        kept.map((value, index) => shares[index]! * (value - mean) ** 2),
      );
      return mean - variance / mean;
    }
    default: {
      const unknown: never = aggregation;
      throw new RangeError(`aggregate: unknown method ${JSON.stringify(unknown)}`);
    }
  }
}
