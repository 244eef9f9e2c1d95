/**
 * The location quotient of one industry in one place: the industry's share of the place's
 * employment over its share of the benchmark's,
 *
 *     LQ = (local / localTotal) / (benchmark / benchmarkTotal)
 *
 * (Isard 1960, "Methods of Regional Analysis", ch. 7; Florence 1948), so 1 means the place has
 * the same share as the benchmark, 2 twice the share. The benchmark is the nation, the region,
 * or the sum of a peer group of places. Use this form when the published totals are known
 * (they may include industries the caller does not list); the vector and matrix forms below
 * take their totals from the industries given.
 *
 * @param local the place's employment in the industry.
 * @param localTotal the place's total employment.
 * @param benchmark the benchmark's employment in the industry.
 * @param benchmarkTotal the benchmark's total employment.
 * @returns the quotient; undefined when an argument is missing (null, undefined, NaN or
 *   ±Infinity), when a total is 0, or when the industry has no employment in the benchmark
 *   (its benchmark share is 0, so the quotient is not defined).
 * @throws RangeError when an argument is negative.
 */
export function locationQuotient(
  local: number | null | undefined,
  localTotal: number | null | undefined,
  benchmark: number | null | undefined,
  benchmarkTotal: number | null | undefined,
): number | undefined {
  const values = [local, localTotal, benchmark, benchmarkTotal];
  for (const value of values) {
    if (value != null && value < 0) {
      throw new RangeError(`locationQuotient: ${value} is negative; employment must be >= 0`);
    }
  }
  if (!isPresent(local) || !isPresent(localTotal)) return undefined;
  if (!isPresent(benchmark) || !isPresent(benchmarkTotal)) return undefined;
  if (localTotal === 0 || benchmark === 0 || benchmarkTotal === 0) return undefined;
  return local / localTotal / (benchmark / benchmarkTotal);
}

/**
 * The location quotients of one place's industries against a benchmark vector (the nation, the
 * region, or the sum of a peer group of places), in the order given.
 *
 * Totals are taken over the industries where **both** the place and the benchmark have a value
 * (pairwise deletion), with compensated sums, so that a suppressed cell on either side does not
 * skew the shares of the others: a place with exactly the benchmark's structure has quotients
 * of 1 even when some cells are missing. See docs/methods/location-quotient.md.
 *
 * @param local the place's employment by industry; null, undefined, NaN or ±Infinity where
 *   missing.
 * @param benchmark the benchmark's employment by industry, in the same order; missing as above.
 * @returns one quotient per industry; NaN where the place or the benchmark lacks the industry's
 *   value, where the industry has no benchmark employment, or where either total is 0.
 * @throws RangeError when the lengths differ or a value is negative.
 */
export function locationQuotients(
  local: ArrayLike<number | null | undefined>,
  benchmark: ArrayLike<number | null | undefined>,
): Float64Array {
  if (local.length !== benchmark.length) {
    throw new RangeError(
      `locationQuotients: ${local.length} local values but ${benchmark.length} benchmark values`,
    );
  }
  const count = local.length;
  const localValues = toValues(local, "locationQuotients");
  const benchmarkValues = toValues(benchmark, "locationQuotients");
  const localTotal = new NeumaierSum();
  const benchmarkTotal = new NeumaierSum();
  for (let industry = 0; industry < count; industry += 1) {
    const x = localValues[industry]!;
    const b = benchmarkValues[industry]!;
    if (Number.isNaN(x) || Number.isNaN(b)) continue;
    localTotal.add(x);
    benchmarkTotal.add(b);
  }
  const result = new Float64Array(count);
  fillQuotients(
    localValues,
    benchmarkValues,
    localTotal.value(),
    benchmarkTotal.value(),
    result,
    0,
  );
  return result;
}

/**
 * The location quotients of every place and industry of an employment matrix,
 * `LQ[p, i] = (x[p, i] / sum_j x[p, j]) / (b[i] / sum_j b[j])`.
 *
 * The benchmark defaults to the column sums of the matrix (the places given are the whole
 * economy, so each place is also part of its own benchmark); pass the nation's or a region's
 * employment by industry, or the sum of a peer group, to compare against that instead. As in
 * `locationQuotients`, each place's totals are taken over the industries where both the place
 * and the benchmark have a value, with compensated sums.
 *
 * @param employment places by industries in row-major order,
 *   `employment[place * industryCount + industry]`; NaN (or ±Infinity) where missing.
 * @param placeCount the number of places (rows).
 * @param industryCount the number of industries (columns).
 * @param benchmark the benchmark's employment by industry; NaN (or null, undefined, ±Infinity)
 *   where missing. Default: the column sums of `employment`, over the places that have a value
 *   (NaN for an industry no place has).
 * @returns the quotients, places by industries in row-major order; NaN where undefined (a
 *   missing cell, an industry with no benchmark employment, or a place with no employment).
 * @throws RangeError when the sizes do not match or a value is negative.
 */
export function locationQuotientMatrix(
  employment: Float64Array,
  placeCount: number,
  industryCount: number,
  benchmark?: ArrayLike<number | null | undefined>,
): Float64Array {
  checkMatrix("locationQuotientMatrix", employment, placeCount, industryCount);
  let benchmarkValues: Float64Array;
  if (benchmark === undefined) {
    benchmarkValues = columnSums(employment, placeCount, industryCount);
  } else {
    if (benchmark.length !== industryCount) {
      throw new RangeError(
        `locationQuotientMatrix: ${benchmark.length} benchmark values for ${industryCount} industries`,
      );
    }
    benchmarkValues = toValues(benchmark, "locationQuotientMatrix");
  }
  const result = new Float64Array(placeCount * industryCount);
  const localTotal = new NeumaierSum();
  const benchmarkTotal = new NeumaierSum();
  for (let place = 0; place < placeCount; place += 1) {
    const row = employment.subarray(place * industryCount, (place + 1) * industryCount);
    localTotal.reset();
    benchmarkTotal.reset();
    for (let industry = 0; industry < industryCount; industry += 1) {
      const x = row[industry]!;
      const b = benchmarkValues[industry]!;
      if (!Number.isFinite(x) || Number.isNaN(b)) continue;
      localTotal.add(x);
      benchmarkTotal.add(b);
    }
    const offset = place * industryCount;
    fillQuotients(row, benchmarkValues, localTotal.value(), benchmarkTotal.value(), result, offset);
  }
  return result;
}

/**
 * A running sum with Neumaier's compensation (Neumaier 1974, ZAMM 54(1); the method of
 * d3-array's `fsum` and of the scorecard's `compensatedSum`), kept as an object so that the
 * matrix loops can sum rows and columns without allocating.
 */
class NeumaierSum {
  private sum = 0;
  private compensation = 0;

  add(value: number): void {
    const next = this.sum + value;
    // Whichever operand is larger in magnitude keeps its low-order bits; recover the other's.
    this.compensation +=
      Math.abs(this.sum) >= Math.abs(value) ? this.sum - next + value : value - next + this.sum;
    this.sum = next;
  }

  value(): number {
    return this.sum + this.compensation;
  }

  reset(): void {
    this.sum = 0;
    this.compensation = 0;
  }
}

/** Whether a value is observed: not null, undefined, NaN or ±Infinity. */
function isPresent(value: number | null | undefined): value is number {
  return value != null && Number.isFinite(value);
}

/** Copies values into a Float64Array, NaN where missing, throwing on a negative value. */
function toValues(values: ArrayLike<number | null | undefined>, caller: string): Float64Array {
  const result = new Float64Array(values.length);
  for (let index = 0; index < values.length; index += 1) {
    const value = values[index];
    if (value != null && value < 0) {
      throw new RangeError(`${caller}: value ${index} is ${value}; employment must be >= 0`);
    }
    result[index] = isPresent(value) ? value : Number.NaN;
  }
  return result;
}

/** Checks the dimensions of a row-major matrix and that no cell is negative. */
function checkMatrix(
  caller: string,
  employment: Float64Array,
  placeCount: number,
  industryCount: number,
): void {
  if (!Number.isInteger(placeCount) || placeCount < 0) {
    throw new RangeError(`${caller}: placeCount is ${placeCount}; it must be an integer >= 0`);
  }
  if (!Number.isInteger(industryCount) || industryCount < 0) {
    throw new RangeError(
      `${caller}: industryCount is ${industryCount}; it must be an integer >= 0`,
    );
  }
  if (employment.length !== placeCount * industryCount) {
    throw new RangeError(
      `${caller}: ${employment.length} cells for ${placeCount} places x ${industryCount} industries`,
    );
  }
  for (let index = 0; index < employment.length; index += 1) {
    if (employment[index]! < 0) {
      throw new RangeError(
        `${caller}: cell ${index} (place ${Math.floor(index / industryCount)}, industry ` +
          `${index % industryCount}) is ${employment[index]}; employment must be >= 0`,
      );
    }
  }
}

/** The compensated sums of the finite cells of each column; NaN for a column with none. */
function columnSums(
  employment: Float64Array,
  placeCount: number,
  industryCount: number,
): Float64Array {
  const sums = new Float64Array(industryCount);
  const compensations = new Float64Array(industryCount);
  const observed = new Uint8Array(industryCount);
  for (let place = 0; place < placeCount; place += 1) {
    const offset = place * industryCount;
    for (let industry = 0; industry < industryCount; industry += 1) {
      const value = employment[offset + industry]!;
      if (!Number.isFinite(value)) continue;
      const sum = sums[industry]!;
      const next = sum + value;
      compensations[industry]! +=
        Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
      sums[industry] = next;
      observed[industry] = 1;
    }
  }
  for (let industry = 0; industry < industryCount; industry += 1) {
    sums[industry] = observed[industry] ? sums[industry]! + compensations[industry]! : Number.NaN;
  }
  return sums;
}

/**
 * Writes one place's quotients, from its values, the benchmark's and the two totals, into
 * `target` from `offset`: NaN where a value is missing, the industry's benchmark share is 0, or
 * a total is 0.
 */
function fillQuotients(
  local: ArrayLike<number>,
  benchmark: Float64Array,
  localTotal: number,
  benchmarkTotal: number,
  target: Float64Array,
  offset: number,
): void {
  const count = benchmark.length;
  const totalsPositive = localTotal > 0 && benchmarkTotal > 0;
  for (let industry = 0; industry < count; industry += 1) {
    const x = local[industry]!;
    const b = benchmark[industry]!;
    target[offset + industry] =
      totalsPositive && Number.isFinite(x) && b > 0
        ? x / localTotal / (b / benchmarkTotal)
        : Number.NaN;
  }
}
