/** The mean and standard deviation of the finite values of a list, and how many there were. */
export interface MeanAndDeviation {
  /** The number of finite values. */
  count: number;
  /** Their mean; NaN when there are none. */
  mean: number;
  /**
   * Their standard deviation with the given degrees-of-freedom correction; NaN when the count is
   * not larger than the correction.
   */
  standardDeviation: number;
}

/**
 * The mean and standard deviation of the finite values (NaN and infinities skipped), by Welford's
 * one-pass update (Welford 1962, "Note on a method for calculating corrected sums of squares and
 * products", Technometrics 4(3)), which keeps its precision when the mean is large beside the
 * spread.
 *
 * @param values The values.
 * @param correction The degrees-of-freedom correction: 1 for the sample standard deviation
 *   (divide by n - 1), 0 for the population one (divide by n). Default 1.
 */
export function meanAndDeviation(values: ArrayLike<number>, correction = 1): MeanAndDeviation {
  let count = 0;
  let mean = 0;
  let squares = 0;
  for (let index = 0; index < values.length; index += 1) {
    const value = values[index]!;
    if (!Number.isFinite(value)) continue;
    count += 1;
    const delta = value - mean;
    mean += delta / count;
    squares += delta * (value - mean);
  }
  return {
    count,
    mean: count > 0 ? mean : Number.NaN,
    standardDeviation:
      count > correction ? Math.sqrt(Math.max(0, squares) / (count - correction)) : Number.NaN,
  };
}
