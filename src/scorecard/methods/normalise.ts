import { meanAndDeviation } from "./meanAndDeviation.js";
import type { IndicatorSpec, Normalisation } from "./types.js";

/**
 * Brings one indicator's values for every place onto a common scale, as the OECD/JRC Handbook
 * on Constructing Composite Indicators (2008, step 5 and table 3) describes, with the polarity
 * applied so that a higher result is better for every method:
 *
 * - `minMax`: 100 * (x - min) / (max - min), or 100 * (max - x) / (max - min) for polarity -1;
 *   a constant indicator (max = min) gives every place with a value 50, the middle of the scale,
 *   because it tells the places apart on nothing.
 * - `zScore`: polarity * (x - mean) / s, with s the sample standard deviation (n - 1), as R's
 *   `sd` and the JRC's COINr `n_zscore` use; a constant indicator or a single place gives 0.
 * - `rank`: the fractional rank r (1 = worst after polarity; ties share the average of their
 *   ranks) scaled to 100 * (r - 1) / (n - 1), so the best is 100 and the worst 0; one place, or
 *   all tied, gives 50.
 * - `distanceToReference`: 100 * (1 + polarity * (x - r) / |r|), r the reference place's value:
 *   the Handbook's relative distance to a reference, centred on 100. For polarity 1 and r > 0 it
 *   is 100 * x / r; for polarity -1 it falls by as much as x rises above r. A reference that is
 *   missing or zero gives NaN for every place.
 * - `distanceToTarget`: 100 * (1 - shortfall) clamped to 0..100, with the relative shortfall
 *   max(0, polarity * (t - x) / |t|) from the indicator's target t: 100 at or beyond the target,
 *   0 when the shortfall is as large as the target (for polarity 1 and t > 0, min(100, 100x/t)).
 * - `goalposts`: 100 * (x - lower) / (upper - lower), or 100 * (upper - x) / (upper - lower) for
 *   polarity -1, clamped to 0..100, as the UNDP Human Development Index (Technical notes) and the
 *   OECD Better Life Index do; the goalposts may be given in either order.
 *
 * Missing values (NaN, and infinities) stay NaN and take no part in the minimum, maximum, mean,
 * deviation or ranks.
 *
 * @param values One indicator's raw value for each place.
 * @param polarity 1 when higher is better, -1 when lower is better.
 * @param normalisation The method.
 * @param spec The indicator, for `target` (`distanceToTarget`) and `goalposts` (`goalposts`).
 * @returns The normalised values, one per place.
 * @throws RangeError for a bad polarity, reference row, target or goalposts.
 */
export function normalise(
  values: ArrayLike<number>,
  polarity: 1 | -1,
  normalisation: Normalisation,
  spec?: IndicatorSpec,
): Float64Array {
  if (polarity !== 1 && polarity !== -1) {
    throw new RangeError(`normalise: polarity must be 1 or -1, got ${String(polarity)}`);
  }
  const count = values.length;
  const result = new Float64Array(count).fill(Number.NaN);
  if (count === 0) return result;
  switch (normalisation.method) {
    case "minMax": {
      let minimum = Infinity;
      let maximum = -Infinity;
      for (let index = 0; index < count; index += 1) {
        const value = values[index]!;
        if (!Number.isFinite(value)) continue;
        if (value < minimum) minimum = value;
        if (value > maximum) maximum = value;
      }
      const range = maximum - minimum;
      for (let index = 0; index < count; index += 1) {
        const value = values[index]!;
        if (!Number.isFinite(value)) continue;
        if (range === 0) result[index] = 50;
        else {
          result[index] =
            polarity === 1 ? ((value - minimum) / range) * 100 : ((maximum - value) / range) * 100;
        }
      }
      return result;
    }
    case "zScore": {
      const { mean, standardDeviation } = meanAndDeviation(values, 1);
      for (let index = 0; index < count; index += 1) {
        const value = values[index]!;
        if (!Number.isFinite(value)) continue;
        // A single value has no sample deviation and a constant one a zero deviation: both sit
        // at the mean, which is 0 on this scale.
        result[index] = standardDeviation > 0 ? (polarity * (value - mean)) / standardDeviation : 0;
      }
      return result;
    }
    case "rank":
      return rankNormalise(values, polarity, result);
    case "distanceToReference": {
      const row = normalisation.referenceIndex;
      if (!Number.isInteger(row) || row < 0 || row >= count) {
        throw new RangeError(
          `normalise: the reference row ${String(row)} is not among the ${count} places`,
        );
      }
      const reference = values[row]!;
      if (!Number.isFinite(reference) || reference === 0) return result;
      const scale = Math.abs(reference);
      for (let index = 0; index < count; index += 1) {
        const value = values[index]!;
        if (!Number.isFinite(value)) continue;
        result[index] = 100 * (1 + (polarity * (value - reference)) / scale);
      }
      return result;
    }
    case "distanceToTarget": {
      const target = spec?.target;
      if (target === undefined || !Number.isFinite(target) || target === 0) {
        throw new RangeError(
          `normalise: distanceToTarget needs a non-zero target for ${spec?.id ?? "the indicator"}` +
            " (for a target of zero use goalposts)",
        );
      }
      const scale = Math.abs(target);
      for (let index = 0; index < count; index += 1) {
        const value = values[index]!;
        if (!Number.isFinite(value)) continue;
        const shortfall = Math.max(0, (polarity * (target - value)) / scale);
        result[index] = 100 * Math.max(0, 1 - shortfall);
      }
      return result;
    }
    case "goalposts": {
      const posts = spec?.goalposts;
      if (
        posts === undefined ||
        !Number.isFinite(posts.lower) ||
        !Number.isFinite(posts.upper) ||
        posts.lower === posts.upper
      ) {
        throw new RangeError(
          `normalise: goalposts needs two different finite goalposts for ${spec?.id ?? "the indicator"}`,
        );
      }
      const low = Math.min(posts.lower, posts.upper);
      const high = Math.max(posts.lower, posts.upper);
      const range = high - low;
      for (let index = 0; index < count; index += 1) {
        const value = values[index]!;
        if (!Number.isFinite(value)) continue;
        const share = polarity === 1 ? (value - low) / range : (high - value) / range;
        result[index] = 100 * Math.min(1, Math.max(0, share));
      }
      return result;
    }
    default: {
      const unknown: never = normalisation;
      throw new RangeError(`normalise: unknown method ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * Fractional ranks (ties share the average of the ranks they span), from 1 for the worst value
 * after polarity, scaled to 0..100.
 */
function rankNormalise(
  values: ArrayLike<number>,
  polarity: 1 | -1,
  result: Float64Array,
): Float64Array {
  const observed: number[] = [];
  for (let index = 0; index < values.length; index += 1) {
    if (Number.isFinite(values[index]!)) observed.push(index);
  }
  const n = observed.length;
  if (n === 0) return result;
  observed.sort((a, b) => polarity * (values[a]! - values[b]!));
  let start = 0;
  while (start < n) {
    let end = start;
    while (end + 1 < n && values[observed[end + 1]!] === values[observed[start]!]) end += 1;
    // Positions start..end (0-based) share the average 1-based rank (start + end) / 2 + 1.
    const rank = (start + end) / 2 + 1;
    const scaled = n === 1 ? 50 : ((rank - 1) / (n - 1)) * 100;
    for (let position = start; position <= end; position += 1) result[observed[position]!] = scaled;
    start = end + 1;
  }
  return result;
}
