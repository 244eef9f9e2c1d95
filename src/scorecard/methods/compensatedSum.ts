/**
 * The sum of the finite values, by Neumaier's improvement of Kahan summation (Neumaier 1974,
 * "Rundungsfehleranalyse einiger Verfahren zur Summation endlicher Summen", ZAMM 54(1)), the
 * method of d3-array's `fsum`: the rounding error of each addition is carried separately, so the
 * result is accurate to the last bit or so whatever the order and magnitude of the terms. NaN and
 * infinite values are skipped.
 *
 * @param values The terms.
 * @returns The sum; 0 when no value is finite.
 */
export function compensatedSum(values: ArrayLike<number>): number {
  let sum = 0;
  let compensation = 0;
  for (let index = 0; index < values.length; index += 1) {
    const value = values[index]!;
    if (!Number.isFinite(value)) continue;
    const next = sum + value;
    // Whichever operand is larger in magnitude keeps its low-order bits; recover the other's.
    compensation += Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
    sum = next;
  }
  return sum + compensation;
}
