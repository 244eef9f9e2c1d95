import { compensatedSum } from "./compensatedSum.js";
import type { Imputation } from "./types.js";

/**
 * Fills one indicator's missing values from the other places' observed values of the same
 * indicator (OECD/JRC Handbook 2008, step 3 "Imputation of missing data": unconditional mean or
 * median substitution). It works on raw values, before normalisation, so every normalisation sees
 * the same filled data.
 *
 * - `none`: a copy, missing values left NaN (the aggregation skips them).
 * - `mean`: missing values become the mean of the observed ones (a compensated sum).
 * - `median`: missing values become the median of the observed ones (the mean of the two middle
 *   values when their number is even).
 *
 * NaN and infinite values count as missing. With no observed value nothing can be filled and
 * every value stays NaN.
 *
 * @param values One indicator's raw value for each place.
 * @param imputation The method.
 * @returns A new array; the input is not changed.
 */
export function impute(values: ArrayLike<number>, imputation: Imputation): Float64Array {
  const result = Float64Array.from(values, (value) =>
    Number.isFinite(value) ? value : Number.NaN,
  );
  if (imputation.method === "none") return result;
  const observed = result.filter((value) => !Number.isNaN(value));
  if (observed.length === 0 || observed.length === result.length) return result;
  let fill: number;
  if (imputation.method === "mean") {
    fill = compensatedSum(observed) / observed.length;
  } else if (imputation.method === "median") {
    observed.sort();
    const middle = observed.length >> 1;
    fill =
      observed.length % 2 === 1
        ? observed[middle]!
        : // Halve before adding so two large values cannot overflow.
          observed[middle - 1]! / 2 + observed[middle]! / 2;
  } else {
    const unknown: never = imputation;
    throw new RangeError(`impute: unknown method ${JSON.stringify(unknown)}`);
  }
  for (let index = 0; index < result.length; index += 1) {
    if (Number.isNaN(result[index]!)) result[index] = fill;
  }
  return result;
}
