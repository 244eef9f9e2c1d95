/**
 * Splits a whole number into whole parts proportional to the weights, so that the parts add up
 * to the total exactly: the largest-remainder method (Hamilton's method), as used to apportion
 * seats. Each part first gets the whole part of its quota; the units left go to the largest
 * remainders, the earlier weight first on a tie.
 *
 * @param total a non-negative integer to split.
 * @param weights non-negative weights, at least one positive.
 * @returns one non-negative integer per weight, summing to `total`.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total) || total < 0) {
    throw new RangeError(`apportion: the total must be a non-negative integer, got ${total}`);
  }
  let weightSum = 0;
  for (const weight of weights) {
    if (!(weight >= 0) || !Number.isFinite(weight)) {
      throw new RangeError(`apportion: weights must be finite and non-negative, got ${weight}`);
    }
    weightSum += weight;
  }
  if (!(weightSum > 0)) throw new RangeError("apportion: at least one weight must be positive");
  const quotas = weights.map((weight) => (total * weight) / weightSum);
  const parts = quotas.map((quota) => Math.floor(quota));
  let left = total - parts.reduce((sum, part) => sum + part, 0);
  const order = quotas
    .map((quota, index) => ({ index, remainder: quota - Math.floor(quota) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    parts[index] = (parts[index] as number) + 1;
    left -= 1;
  }
  return parts;
}
