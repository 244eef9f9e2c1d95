/**
 * Chooses round tick values covering a range, and widens the range to the outermost ticks, in
 * the manner of d3-array's `ticks` and `nice`: the step is 1, 2 or 5 times a power of ten, the
 * smallest such step that splits the range into at most `count` intervals before widening (so a
 * small chart is never crowded). An empty range (minimum equal to maximum) is widened around its
 * value first.
 *
 * @param minimum The smallest value to cover.
 * @param maximum The largest value to cover.
 * @param count The approximate number of ticks wanted. Default 4.
 * @returns The tick values in increasing order; the first and last are the widened range.
 */
export function niceTicks(minimum: number, maximum: number, count = 4): number[] {
  let low = minimum;
  let high = maximum;
  if (!Number.isFinite(low) || !Number.isFinite(high)) return [];
  if (low === high) {
    const pad = low === 0 ? 1 : Math.abs(low) * 0.1;
    low -= pad;
    high += pad;
  }
  const rough = (high - low) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const error = rough / power;
  const step = (error > 5 ? 10 : error > 2 ? 5 : error > 1 ? 2 : 1) * power;
  const first = Math.floor(low / step);
  const last = Math.ceil(high / step);
  const ticks: number[] = [];
  // Multiply the integer index by the step (or divide by its inverse for steps below one) so
  // that ticks such as 0.3 come out exact rather than 0.30000000000000004.
  for (let index = first; index <= last; index += 1) {
    ticks.push(step >= 1 ? index * step : index / (1 / step));
  }
  return ticks;
}
