import { compensatedSum } from "../../scorecard/methods/index.js";

/** How to report the Shannon diversity of a place's employment. */
export interface ShannonDiversityOptions {
  /**
   * Whether to divide the entropy by its maximum for the industries the place has, ln(k) with k
   * the number of industries with employment above 0: Pielou's evenness (Pielou 1966, Journal
   * of Theoretical Biology 13), from 0 (nearly all in one industry) to 1 (equal shares). It
   * measures how evenly employment is spread over the industries present, not how many there
   * are; to compare with every industry of a classification of N industries instead, divide the
   * unnormalised entropy by ln(N). Undefined when k is 1 (0/0). Default false.
   */
  normalised?: boolean;
}

/**
 * The Shannon diversity (entropy) of a place's employment across industries (Shannon 1948,
 * "A Mathematical Theory of Communication"; the entropy index of regional industrial diversity,
 * Attaran 1986, Growth and Change 17(2)):
 *
 *     H = -sum_i s_i ln(s_i),  s_i = x_i / sum_j x_j,
 *
 * in nats, over industries with a share above 0 (0 ln 0 is taken as 0). H is 0 when all
 * employment is in one industry and ln(k) when it is spread equally over k industries. Missing
 * values (null, undefined, NaN, ±Infinity) are skipped; sums are compensated. See
 * docs/methods/specialisation.md.
 *
 * @param employment the place's employment by industry (or any non-negative amounts).
 * @param options whether to normalise to Pielou's evenness.
 * @returns the diversity; undefined when no value is observed or all are 0, and, when
 *   normalised, when only one industry has employment.
 * @throws RangeError when a value is negative.
 */
export function shannonDiversity(
  employment: ArrayLike<number | null | undefined>,
  options: ShannonDiversityOptions = {},
): number | undefined {
  const { normalised = false } = options;
  const values = new Float64Array(employment.length).fill(Number.NaN);
  let present = 0;
  for (let industry = 0; industry < employment.length; industry += 1) {
    const value = employment[industry];
    if (value != null && value < 0) {
      throw new RangeError(
        `shannonDiversity: value ${industry} is ${value}; employment must be >= 0`,
      );
    }
    if (value == null || !Number.isFinite(value)) continue;
    values[industry] = value;
    if (value > 0) present += 1;
  }
  const total = compensatedSum(values);
  if (!(total > 0)) return undefined;
  const terms = values.map((value) => {
    if (!(value > 0)) return Number.NaN;
    const share = value / total;
    return -share * Math.log(share);
  });
  // Rounding can leave a one-industry place a hair away from 0; a sum of non-negative terms
  // cannot be negative.
  const entropy = Math.max(0, compensatedSum(terms));
  if (!normalised) return entropy;
  if (present < 2) return undefined;
  return entropy / Math.log(present);
}
