import { compensatedSum } from "../../scorecard/methods/index.js";

/** How to report the Herfindahl-Hirschman index. */
export interface HerfindahlHirschmanOptions {
  /**
   * A factor the index is multiplied by: 1 for shares as fractions (the index runs from 1/n to
   * 1), or 10,000 for shares in per cent (from 10,000/n to 10,000, the scale competition
   * authorities use, e.g. the US Department of Justice and FTC Merger Guidelines). A positive
   * finite number; default 1.
   */
  scale?: number;
  /**
   * Whether to rescale the index to run from 0 (equal shares) to 1 (one industry):
   * `(H - 1/n) / (1 - 1/n)`, with n the number of industries with a value (zeros included, as
   * they are industries the place could have). Undefined when n is 1. Applied before `scale`.
   * Default false.
   */
  normalised?: boolean;
}

/**
 * The Herfindahl-Hirschman index of concentration of a place's employment across industries
 * (Hirschman 1945, "National Power and the Structure of Foreign Trade"; Herfindahl 1950): the
 * sum of the squared shares,
 *
 *     H = sum_i s_i^2,  s_i = x_i / sum_j x_j,
 *
 * from 1/n when employment is spread equally over n industries to 1 when it is all in one.
 * Its inverse 1/H is the "effective number of industries". Missing values (null, undefined,
 * NaN, ±Infinity) are skipped; sums are compensated. See docs/methods/specialisation.md.
 *
 * @param employment the place's employment by industry (or any non-negative amounts, such as
 *   shares).
 * @param options the scale of the result and whether to normalise it.
 * @returns the index; undefined when no value is observed or all are 0 (and, when normalised,
 *   when only one industry has a value).
 * @throws RangeError when a value or the scale is negative or the scale is not finite.
 */
export function herfindahlHirschman(
  employment: ArrayLike<number | null | undefined>,
  options: HerfindahlHirschmanOptions = {},
): number | undefined {
  const { scale = 1, normalised = false } = options;
  if (!(scale > 0) || !Number.isFinite(scale)) {
    throw new RangeError(`herfindahlHirschman: scale is ${scale}; it must be positive and finite`);
  }
  const values = new Float64Array(employment.length).fill(Number.NaN);
  let observed = 0;
  for (let industry = 0; industry < employment.length; industry += 1) {
    const value = employment[industry];
    if (value != null && value < 0) {
      throw new RangeError(
        `herfindahlHirschman: value ${industry} is ${value}; employment must be >= 0`,
      );
    }
    if (value == null || !Number.isFinite(value)) continue;
    values[industry] = value;
    observed += 1;
  }
  const total = compensatedSum(values);
  if (!(total > 0)) return undefined;
  const squares = values.map((value) => (value / total) ** 2);
  const index = compensatedSum(squares);
  if (!normalised) return index * scale;
  if (observed < 2) return undefined;
  const minimum = 1 / observed;
  // Clamp the rounding error that can take an equal spread a hair below its minimum.
  return Math.max(0, (index - minimum) / (1 - minimum)) * scale;
}
