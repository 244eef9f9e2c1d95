/** How to compute revealed comparative advantage and presence. */
export interface RcaOptions {
  /**
   * The RCA at or above which a place counts as having an industry (`M_pi = 1`): a positive
   * number, default 1 (py-ecomplexity's `rca_mcp_threshold`).
   */
  threshold?: number;
}

/** Revealed comparative advantage and presence, with the totals they were computed from. */
export interface RcaResult {
  /**
   * RCA by place and industry, row-major (`rca[place * industryCount + industry]`); NaN where
   * the place's or the industry's total employment is 0.
   */
  rca: Float64Array;
  /** `M_pi`: 1 where RCA is at or above the threshold, else 0 (NaN RCA counts as 0). */
  presence: Uint8Array;
  /** Each place's total employment over all industries. */
  placeTotals: Float64Array;
  /** Each industry's total employment over all places. */
  industryTotals: Float64Array;
  /** The total employment of all places in all industries. */
  total: number;
}

/**
 * Balassa's revealed comparative advantage (Balassa 1965, "Trade liberalisation and 'revealed'
 * comparative advantage", The Manchester School 33(2)) of every place in every industry, and the
 * presence it implies:
 *
 * `RCA_pi = (x_pi / sum_i x_pi) / (sum_p x_pi / sum_pi x_pi)`, `M_pi = 1 if RCA_pi >= threshold`,
 *
 * the industry's share of the place's employment over its share of all employment; for
 * employment data this is the location quotient against the sum of the places given. The
 * arithmetic is that of the Growth Lab's py-ecomplexity (`ComplexityData.calculate_rca` and
 * `calculate_mcp`): the place's share divided by the industry's share, in that order, so that a
 * tie with the threshold falls the same way.
 *
 * @param employment employment by place and industry, row-major
 *   (`employment[place * industryCount + industry]`); NaN counts as 0.
 * @param placeCount the number of places (rows).
 * @param industryCount the number of industries (columns).
 * @param options the presence threshold.
 * @returns RCA, presence and the totals; throws RangeError on a bad shape or threshold, or a
 *   negative or infinite employment.
 */
export function rca(
  employment: Float64Array,
  placeCount: number,
  industryCount: number,
  options: RcaOptions = {},
): RcaResult {
  if (!(Number.isInteger(placeCount) && placeCount >= 0)) {
    throw new RangeError(`rca: placeCount must be a non-negative integer, got ${placeCount}`);
  }
  if (!(Number.isInteger(industryCount) && industryCount >= 0)) {
    throw new RangeError(`rca: industryCount must be a non-negative integer, got ${industryCount}`);
  }
  if (employment.length !== placeCount * industryCount) {
    throw new RangeError(
      `rca: employment has ${employment.length} values, expected placeCount x industryCount = ${placeCount * industryCount}`,
    );
  }
  const threshold = options.threshold ?? 1;
  if (!(Number.isFinite(threshold) && threshold > 0)) {
    throw new RangeError(`rca: threshold must be a positive number, got ${threshold}`);
  }

  // Employment counts are integers, and sums of integers below 2^53 are exact in floating
  // point, so plain sums lose nothing; a tie with the threshold stays a tie. A NaN anywhere
  // makes its sums NaN, which tells this first pass, free of branches on the data, that the
  // slower pass counting NaN as 0 is needed.
  let totals = sumRowsAndColumns(employment, placeCount, industryCount, false);
  const missing = Number.isNaN(totals.total);
  if (missing) totals = sumRowsAndColumns(employment, placeCount, industryCount, true);
  const { placeTotals, industryTotals, total } = totals;

  const industryShares = new Float64Array(industryCount);
  for (let industry = 0; industry < industryCount; industry++) {
    industryShares[industry] = industryTotals[industry]! / total;
  }
  const values = new Float64Array(placeCount * industryCount);
  const presence = new Uint8Array(placeCount * industryCount);
  for (let place = 0; place < placeCount; place++) {
    const row = place * industryCount;
    const placeTotal = placeTotals[place]!;
    for (let industry = 0; industry < industryCount; industry++) {
      let value = employment[row + industry]!;
      if (missing && Number.isNaN(value)) value = 0;
      // 0/0 where either total is 0 gives NaN, as it should: there is no share to compare.
      const advantage = value / placeTotal / industryShares[industry]!;
      values[row + industry] = advantage;
      // A comparison as a number, not a branch: presence patterns are close to random.
      presence[row + industry] = +(advantage >= threshold);
    }
  }
  return { rca: values, presence, placeTotals, industryTotals, total };
}

interface Totals {
  placeTotals: Float64Array;
  industryTotals: Float64Array;
  total: number;
}

function sumRowsAndColumns(
  employment: Float64Array,
  placeCount: number,
  industryCount: number,
  skipMissing: boolean,
): Totals {
  const placeTotals = new Float64Array(placeCount);
  const industryTotals = new Float64Array(industryCount);
  let total = 0;
  for (let place = 0; place < placeCount; place++) {
    const row = place * industryCount;
    let sum = 0;
    for (let industry = 0; industry < industryCount; industry++) {
      let value = employment[row + industry]!;
      if (value < 0 || value === Infinity) {
        throw new RangeError(
          `rca: employment must be finite and non-negative, got ${value} at place ${place}, industry ${industry}`,
        );
      }
      if (skipMissing && Number.isNaN(value)) value = 0;
      sum += value;
      industryTotals[industry]! += value;
    }
    placeTotals[place] = sum;
    total += sum;
  }
  return { placeTotals, industryTotals, total };
}
