import { meanAndDeviation } from "./meanAndDeviation.js";

/**
 * Writes 10 (x - mean) / sd of `source[start .. start + length)` into `target` at the same
 * positions, with the population standard deviation of the finite values; NaN stays NaN and a
 * constant run gives 0. This is the Mazziotta-Pareto standardisation to mean 100 and standard
 * deviation 10, less the 100. A spread below 1e-12 of the mean counts as none.
 *
 * @param source The values.
 * @param target Receives the standardised values; may be `source`.
 * @param start The first position.
 * @param length How many positions.
 */
export function standardiseCentred(
  source: Float64Array,
  target: Float64Array,
  start: number,
  length: number,
): void {
  const { mean, standardDeviation } = meanAndDeviation(source.subarray(start, start + length), 0);
  // A spread at the level of rounding error (values equal but for their last bits, as scores
  // computed along different paths can be) counts as none, rather than being blown up to 10.
  const scale = standardDeviation > 1e-12 * Math.abs(mean) ? 10 / standardDeviation : 0;
  for (let index = start; index < start + length; index += 1) {
    const value = source[index]!;
    target[index] = Number.isNaN(value) ? Number.NaN : (value - mean) * scale;
  }
}
