/**
 * Ranks places by score, 1 for the highest, with standard competition ranking ("1224"): tied
 * places share the lowest rank of the positions they fill and the next place skips the
 * positions they used. Places without a score (NaN) get NaN and take no position.
 *
 * @param scores One score per place; higher is better.
 * @returns One rank per place.
 */
export function rankScores(scores: ArrayLike<number>): Float64Array {
  const order = Int32Array.from({ length: scores.length }, (_, index) => index);
  const ranks = new Float64Array(scores.length);
  const keys = Float64Array.from(scores, sortKey);
  order.sort((a, b) => keys[b]! - keys[a]! || a - b);
  assignRanks(scores, order, ranks);
  return ranks;
}

/**
 * {@link rankScores} into preallocated arrays, for ranking the same places many times: `order`
 * holds a permutation of the places, best first, from the previous call (the identity at the
 * start) and is re-sorted in place by insertion sort, which takes time proportional to the
 * number of places that moved, so ranking thousands of Monte Carlo replications whose scores
 * change a little costs little more than reading them.
 *
 * @param scores One score per place; higher is better.
 * @param order A permutation of 0 .. scores.length - 1; updated to the new order, best first.
 * @param ranks Receives one rank per place (NaN without a score).
 */
export function rankScoresInto(
  scores: ArrayLike<number>,
  order: Int32Array,
  ranks: Float64Array,
): void {
  const count = order.length;
  for (let position = 1; position < count; position += 1) {
    const place = order[position]!;
    const key = sortKey(scores[place]!);
    let other = position - 1;
    while (other >= 0 && sortKey(scores[order[other]!]!) < key) {
      order[other + 1] = order[other]!;
      other -= 1;
    }
    order[other + 1] = place;
  }
  assignRanks(scores, order, ranks);
}

// Places without a score sort after every scored place.
function sortKey(score: number): number {
  return Number.isNaN(score) ? -Infinity : score;
}

function assignRanks(scores: ArrayLike<number>, order: Int32Array, ranks: Float64Array): void {
  let scored = 0;
  let previous = Number.NaN;
  let previousRank = Number.NaN;
  for (let position = 0; position < order.length; position += 1) {
    const place = order[position]!;
    const score = scores[place]!;
    if (Number.isNaN(score)) {
      ranks[place] = Number.NaN;
      continue;
    }
    scored += 1;
    previousRank = score === previous ? previousRank : scored;
    previous = score;
    ranks[place] = previousRank;
  }
}
