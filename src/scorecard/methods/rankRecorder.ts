/** The rank statistics of each place that {@link RankRecorder.summary} returns. */
export interface RankSummary {
  /** The median rank of each place; NaN when none was recorded. */
  medianRank: Float64Array;
  /** The 5th percentile of each place's rank. */
  rankLow: Float64Array;
  /** The 95th percentile of each place's rank. */
  rankHigh: Float64Array;
}

/** A collector of the ranks of many evaluations; see {@link rankRecorder}. */
export interface RankRecorder {
  /** Adds one evaluation's ranks (whole numbers from 1 to the number of places, or NaN). */
  record: (ranks: Float64Array) => void;
  /** Each place's median and 5th and 95th percentiles (type 7) of the ranks recorded. */
  summary: () => RankSummary;
}

/**
 * Collects every evaluation's ranks and summarises each place's median and 5th and 95th
 * percentiles. Ranks are whole numbers from 1 to the number of places, so a histogram per place
 * (places^2 counts) holds them exactly; when there are more places than evaluations, keeping
 * the ranks themselves (evaluations x places) takes less memory, and `auto` picks the smaller.
 *
 * @param placeCount The number of places.
 * @param evaluations The most evaluations that will be recorded.
 * @param storage `histogram`, `ranks`, or `auto` (the default) for whichever is smaller.
 */
export function rankRecorder(
  placeCount: number,
  evaluations: number,
  storage: "auto" | "histogram" | "ranks" = "auto",
): RankRecorder {
  // Place by place, so the stored ranks of one place are gathered and sorted once.
  const summarise = (quantile: (place: number, probability: number) => number) => {
    const medianRank = new Float64Array(placeCount);
    const rankLow = new Float64Array(placeCount);
    const rankHigh = new Float64Array(placeCount);
    for (let place = 0; place < placeCount; place += 1) {
      medianRank[place] = quantile(place, 0.5);
      rankLow[place] = quantile(place, 0.05);
      rankHigh[place] = quantile(place, 0.95);
    }
    return { medianRank, rankLow, rankHigh };
  };

  if (storage === "histogram" || (storage === "auto" && placeCount <= evaluations)) {
    const counts = new Uint32Array(placeCount * placeCount);
    const totals = new Uint32Array(placeCount);
    // The k-th smallest (0-based) recorded rank of a place.
    const orderStatistic = (place: number, k: number): number => {
      let cumulative = 0;
      for (let rank = 0; rank < placeCount; rank += 1) {
        cumulative += counts[place * placeCount + rank]!;
        if (cumulative > k) return rank + 1;
      }
      return Number.NaN;
    };
    return {
      record(ranks) {
        for (let place = 0; place < placeCount; place += 1) {
          const rank = ranks[place]!;
          if (!(rank >= 1 && rank <= placeCount)) continue;
          counts[place * placeCount + rank - 1] = counts[place * placeCount + rank - 1]! + 1;
          totals[place] = totals[place]! + 1;
        }
      },
      summary: () =>
        summarise((place, probability) =>
          typeSevenQuantile(totals[place]!, probability, (k) => orderStatistic(place, k)),
        ),
    };
  }

  const stored = new Float32Array(evaluations * placeCount);
  let recorded = 0;
  return {
    record(ranks) {
      stored.set(ranks, recorded * placeCount);
      recorded += 1;
    },
    summary() {
      const column = new Float64Array(recorded);
      let currentPlace = -1;
      let count = 0;
      return summarise((place, probability) => {
        if (place !== currentPlace) {
          count = 0;
          for (let row = 0; row < recorded; row += 1) {
            const rank = stored[row * placeCount + place]!;
            if (rank === rank) column[count++] = rank;
          }
          column.subarray(0, count).sort();
          currentPlace = place;
        }
        return typeSevenQuantile(count, probability, (k) => column[k]!);
      });
    },
  };
}

/**
 * The type 7 sample quantile of Hyndman and Fan (1996, "Sample quantiles in statistical
 * packages", The American Statistician 50(4)), R's default: with h = (n - 1) p, the k-th order
 * statistic (0-based) at floor(h), interpolated linearly towards the next.
 */
function typeSevenQuantile(
  count: number,
  probability: number,
  orderStatistic: (k: number) => number,
): number {
  if (count === 0) return Number.NaN;
  let h = (count - 1) * probability;
  // Like R, snap an h within rounding error of a whole number to it, so that 0.05 * 20 is 1.
  if (Math.abs(h - Math.round(h)) < 1e-9) h = Math.round(h);
  const low = Math.floor(h);
  const lowValue = orderStatistic(low);
  const fraction = h - low;
  if (fraction === 0) return lowValue;
  return lowValue + fraction * (orderStatistic(low + 1) - lowValue);
}
