/**
 * How near each industry's jobs in a place are to its most deprived neighbourhoods: the location
 * quotient of the industry in those neighbourhoods against the whole place,
 *
 *     A_i = (e_iD / e_i) / (e_D / e),
 *
 * where e_iD is the industry's employment in the most deprived neighbourhoods D, e_i its
 * employment in all the place's neighbourhoods, e_D all employment in D and e all employment in
 * the place. A_i = 1 when the industry's jobs are spread like all jobs; above 1 when they are
 * concentrated where the most deprived residents live, within reach without a long commute.
 *
 * D is the most deprived fifth of the neighbourhoods with a deprivation score (at least one):
 * the `ceil(n / 5)` with the highest scores, the earlier neighbourhood first on a tie. See
 * docs/methods/opportunities.md.
 *
 * @param employment neighbourhood x industry employment, row-major (`neighbourhoods` rows of
 *   `industries` values); NaN counts as 0.
 * @param deprivation each neighbourhood's deprivation score, higher for more deprived; NaN
 *   where unknown (the neighbourhood's jobs still count in the place's total).
 * @param options `share`: the share of scored neighbourhoods that counts as most deprived
 *   (default 0.2).
 * @returns one value per industry; NaN where the industry has no employment in the
 *   neighbourhoods, or where no neighbourhood has a score or D has no employment.
 * @throws RangeError when the sizes do not agree, a count is negative, or `share` is not in
 *   (0, 1].
 */
export function deprivedAccess(
  employment: ArrayLike<number>,
  neighbourhoods: number,
  industries: number,
  deprivation: ArrayLike<number>,
  options: { share?: number } = {},
): Float64Array {
  const share = options.share ?? 0.2;
  if (!(share > 0 && share <= 1)) {
    throw new RangeError(`deprivedAccess: the share must be in (0, 1], got ${share}`);
  }
  if (employment.length !== neighbourhoods * industries) {
    throw new RangeError(
      `deprivedAccess: ${employment.length} values for ${neighbourhoods} x ${industries}`,
    );
  }
  if (deprivation.length !== neighbourhoods) {
    throw new RangeError(
      `deprivedAccess: ${deprivation.length} scores for ${neighbourhoods} neighbourhoods`,
    );
  }
  const scored: number[] = [];
  for (let row = 0; row < neighbourhoods; row++)
    if (Number.isFinite(deprivation[row])) scored.push(row);
  scored.sort((a, b) => deprivation[b]! - deprivation[a]! || a - b);
  const deprived = new Set(scored.slice(0, Math.ceil(scored.length * share)));

  const industryTotal = new Float64Array(industries);
  const industryDeprived = new Float64Array(industries);
  let total = 0;
  let totalDeprived = 0;
  for (let row = 0; row < neighbourhoods; row++) {
    const inDeprived = deprived.has(row);
    for (let column = 0; column < industries; column++) {
      const raw = employment[row * industries + column]!;
      if (raw < 0) {
        throw new RangeError(
          `deprivedAccess: neighbourhood ${row}, industry ${column} has ${raw} employees`,
        );
      }
      const value = Number.isNaN(raw) ? 0 : raw;
      industryTotal[column]! += value;
      total += value;
      if (inDeprived) {
        industryDeprived[column]! += value;
        totalDeprived += value;
      }
    }
  }
  const result = new Float64Array(industries).fill(Number.NaN);
  if (!(totalDeprived > 0)) return result;
  const deprivedShare = totalDeprived / total;
  for (let column = 0; column < industries; column++) {
    if (industryTotal[column]! > 0)
      result[column] = industryDeprived[column]! / industryTotal[column]! / deprivedShare;
  }
  return result;
}
