import { compensatedSum } from "../../scorecard/methods/index.js";

/**
 * The Krugman specialisation index of a place against a benchmark (Krugman 1991, "Geography
 * and Trade", MIT Press, appendix D; the "index of regional specialisation"): the sum over
 * industries of the absolute difference between the industry's share of the place's employment
 * and its share of the benchmark's,
 *
 *     K = sum_i |s_i - b_i|,  s_i = x_i / sum_j x_j,  b_i = n_i / sum_j n_j.
 *
 * K is 0 when the place has the benchmark's structure and 2 when the two have no industry in
 * common; K / 2 is the share of the place's employment that would have to change industry for
 * it to match the benchmark (the dissimilarity index).
 *
 * An industry counts only where both the place and the benchmark have a value (pairwise
 * deletion); shares are taken over those industries, with compensated sums. See
 * docs/methods/specialisation.md.
 *
 * @param local the place's employment by industry; null, undefined, NaN or ±Infinity where
 *   missing.
 * @param benchmark the benchmark's employment by industry (the nation, the region, or the sum
 *   of a peer group), in the same order; missing as above.
 * @returns the index, from 0 to 2; undefined when no industry has both values, or when the
 *   place's or the benchmark's employment over those industries is 0.
 * @throws RangeError when the lengths differ or a value is negative.
 */
export function krugmanIndex(
  local: ArrayLike<number | null | undefined>,
  benchmark: ArrayLike<number | null | undefined>,
): number | undefined {
  if (local.length !== benchmark.length) {
    throw new RangeError(
      `krugmanIndex: ${local.length} local values but ${benchmark.length} benchmark values`,
    );
  }
  const count = local.length;
  // Keep only the industries both sides have, as NaN-free pairs.
  const localValues = new Float64Array(count).fill(Number.NaN);
  const benchmarkValues = new Float64Array(count).fill(Number.NaN);
  for (let industry = 0; industry < count; industry += 1) {
    const x = local[industry];
    const n = benchmark[industry];
    if ((x != null && x < 0) || (n != null && n < 0)) {
      throw new RangeError(
        `krugmanIndex: value ${industry} is ${x != null && x < 0 ? x : n}; employment must be >= 0`,
      );
    }
    if (x == null || n == null || !Number.isFinite(x) || !Number.isFinite(n)) continue;
    localValues[industry] = x;
    benchmarkValues[industry] = n;
  }
  const localTotal = compensatedSum(localValues);
  const benchmarkTotal = compensatedSum(benchmarkValues);
  if (!(localTotal > 0) || !(benchmarkTotal > 0)) return undefined;
  const differences = new Float64Array(count).fill(Number.NaN);
  for (let industry = 0; industry < count; industry += 1) {
    const x = localValues[industry]!;
    if (Number.isNaN(x)) continue;
    differences[industry] = Math.abs(x / localTotal - benchmarkValues[industry]! / benchmarkTotal);
  }
  return compensatedSum(differences);
}
