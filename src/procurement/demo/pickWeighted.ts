import type { Random } from "../../demo/index.js";

/**
 * One item drawn with chance proportional to its weight (weights 0 or more, at least one
 * positive); one draw from the generator.
 */
export function pickWeighted<T>(
  random: Random,
  items: readonly T[],
  weight: (item: T) => number,
): T {
  const weights = items.map(weight);
  const total = weights.reduce((sum, value) => sum + value, 0);
  if (!(total > 0)) throw new RangeError("pickWeighted: no item has a positive weight");
  let remaining = random.next() * total;
  for (let index = 0; index < items.length; index += 1) {
    remaining -= weights[index]!;
    if (remaining < 0) return items[index]!;
  }
  // Rounding can leave a sliver past the last item; the last item with weight takes it.
  const last = weights.findLastIndex((value) => value > 0);
  return items[last]!;
}
