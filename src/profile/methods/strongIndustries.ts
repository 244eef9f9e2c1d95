import { locationQuotientMatrix } from "./locationQuotient.js";

/** The thresholds of the strong-industry rule. */
export interface StrongIndustriesOptions {
  /**
   * The benchmark's employment by industry that location quotients are taken against (the
   * nation, the region, or the sum of a peer group); NaN, null or undefined where missing.
   * Default: the column sums of the matrix, as in `locationQuotientMatrix`.
   */
  benchmark?: ArrayLike<number | null | undefined>;
  /**
   * The percentile, as a fraction from 0 to 1, of an industry's location quotients across
   * places that a place's quotient must reach (at or above). Default 0.75, the top quartile.
   */
  lqPercentile?: number;
  /**
   * The percentile, as a fraction from 0 to 1, of an industry's employment across places that
   * a place's employment must exceed (strictly above). Default 0.25.
   */
  employmentPercentile?: number;
  /**
   * The location quotient a place must also reach (at or above) whatever the percentile: a
   * finite number >= 0. Default 1, so an industry is never strong in a place where it is less
   * concentrated than in the benchmark.
   */
  minimumLq?: number;
}

/**
 * Relative tolerance for comparing a location quotient with its threshold, so that quotients
 * equal in exact arithmetic but a few units in the last place apart (10/40 against 20/80 taken
 * through different totals) count as ties.
 */
const lqTolerance = 1e-12;

/**
 * The industries each place is strong in, by the rule of the US Cluster Mapping Project's
 * "strong clusters" (clustermapping.us, Harvard Business School; its cluster definitions are
 * Delgado, Porter and Stern 2016, "Defining clusters of related industries", Journal of
 * Economic Geography 16(1)), applied here to industries: an industry is strong in a place when
 *
 * - its location quotient there is at or above the `lqPercentile` (0.75) percentile of the
 *   industry's quotients across places, and at or above `minimumLq` (1); and
 * - its employment there is strictly above the `employmentPercentile` (0.25) percentile of the
 *   industry's employment across places, so that a specialisation in a handful of jobs does not
 *   count.
 *
 * Percentiles are type 7 of Hyndman and Fan (1996, The American Statistician 50(4)), the
 * default of R's `quantile` and numpy's `percentile`: with the n values sorted,
 * `h = (n - 1) p` and the percentile interpolates linearly between the values at positions
 * `floor(h)` and `ceil(h)` (counted from 0). An industry's quotient percentile is taken over the
 * places with a defined quotient for it (zeros included); its employment percentile over the
 * places with a value for it (zeros included). Missing cells are never strong. See
 * docs/methods/location-quotient.md.
 *
 * @param employment places by industries in row-major order,
 *   `employment[place * industryCount + industry]`; NaN (or ±Infinity) where missing.
 * @param placeCount the number of places (rows).
 * @param industryCount the number of industries (columns).
 * @param options the benchmark and the thresholds.
 * @returns places by industries in row-major order: 1 where the industry is strong in the
 *   place, 0 elsewhere.
 * @throws RangeError when the sizes do not match, a value is negative, or an option is out of
 *   range.
 */
export function strongIndustries(
  employment: Float64Array,
  placeCount: number,
  industryCount: number,
  options: StrongIndustriesOptions = {},
): Uint8Array {
  const { benchmark, lqPercentile = 0.75, employmentPercentile = 0.25, minimumLq = 1 } = options;
  checkFraction("lqPercentile", lqPercentile);
  checkFraction("employmentPercentile", employmentPercentile);
  if (!(minimumLq >= 0) || !Number.isFinite(minimumLq)) {
    throw new RangeError(`strongIndustries: minimumLq is ${minimumLq}; it must be finite and >= 0`);
  }
  const quotients = locationQuotientMatrix(employment, placeCount, industryCount, benchmark);
  const strong = new Uint8Array(placeCount * industryCount);
  const buffer = new Float64Array(placeCount);
  for (let industry = 0; industry < industryCount; industry += 1) {
    const lqThreshold = Math.max(
      minimumLq,
      columnPercentile(quotients, placeCount, industryCount, industry, lqPercentile, buffer),
    );
    const employmentThreshold = columnPercentile(
      employment,
      placeCount,
      industryCount,
      industry,
      employmentPercentile,
      buffer,
    );
    // With no place having a quotient (or employment) for the industry, nothing is strong.
    if (Number.isNaN(lqThreshold) || Number.isNaN(employmentThreshold)) continue;
    const lqFloor = lqThreshold * (1 - lqTolerance);
    for (let place = 0; place < placeCount; place += 1) {
      const cell = place * industryCount + industry;
      if (quotients[cell]! >= lqFloor && employment[cell]! > employmentThreshold) {
        strong[cell] = 1;
      }
    }
  }
  return strong;
}

/** Throws unless a percentile is a fraction from 0 to 1. */
function checkFraction(name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) {
    throw new RangeError(`strongIndustries: ${name} is ${value}; it must be from 0 to 1`);
  }
}

/**
 * The type 7 percentile (Hyndman and Fan 1996) of the finite values of one column of a
 * row-major matrix; NaN when the column has none. `buffer` has room for a whole column.
 */
function columnPercentile(
  matrix: Float64Array,
  rowCount: number,
  columnCount: number,
  column: number,
  fraction: number,
  buffer: Float64Array,
): number {
  let count = 0;
  for (let row = 0; row < rowCount; row += 1) {
    const value = matrix[row * columnCount + column]!;
    if (Number.isFinite(value)) {
      buffer[count] = value;
      count += 1;
    }
  }
  if (count === 0) return Number.NaN;
  // Only the order statistics at floor(h) and floor(h) + 1 are needed: select the first, then
  // the second is the smallest value to its right. Linear time, where sorting every column of
  // a 10,000-place matrix dominated the run.
  const values = buffer.subarray(0, count);
  const position = (count - 1) * fraction;
  const lower = Math.floor(position);
  select(values, lower);
  const lowerValue = values[lower]!;
  if (lower + 1 >= count || position === lower) return lowerValue;
  let upperValue = Infinity;
  for (let index = lower + 1; index < count; index += 1) {
    if (values[index]! < upperValue) upperValue = values[index]!;
  }
  return lowerValue + (position - lower) * (upperValue - lowerValue);
}

/**
 * Rearranges `values` so that `values[k]` is the k-th smallest (from 0), with no larger value
 * before it and no smaller after it: Floyd and Rivest's selection (1975, "Algorithm 489: the
 * algorithm SELECT", Communications of the ACM 18(3)), in the form of d3-array's
 * `quickselect`. The values are finite.
 */
function select(values: Float64Array, k: number, left = 0, right = values.length - 1): void {
  while (right > left) {
    if (right - left > 600) {
      // Recurse on a sample around k to choose a pivot close to the k-th value.
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      select(values, k, newLeft, newRight);
    }
    const pivot = values[k]!;
    let i = left;
    let j = right;
    swap(values, left, k);
    if (values[right]! > pivot) swap(values, left, right);
    while (i < j) {
      swap(values, i, j);
      i += 1;
      j -= 1;
      while (values[i]! < pivot) i += 1;
      while (values[j]! > pivot) j -= 1;
    }
    if (values[left] === pivot) {
      swap(values, left, j);
    } else {
      j += 1;
      swap(values, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

/** Swaps two entries of an array. */
function swap(values: Float64Array, i: number, j: number): void {
  const value = values[i]!;
  values[i] = values[j]!;
  values[j] = value;
}
