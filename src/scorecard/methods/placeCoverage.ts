/**
 * The share of a framework's indicators each place has an observed (finite) value for, counted
 * on the raw values before any imputation.
 *
 * @param values Raw values, row-major `placeCount` x `indicatorCount`.
 * @param placeCount The number of places (rows).
 * @param indicatorCount The number of columns.
 * @param columns The columns of the framework's indicators.
 * @returns One share (0 to 1) per place; NaN for every place when `columns` is empty.
 */
export function placeCoverage(
  values: ArrayLike<number>,
  placeCount: number,
  indicatorCount: number,
  columns: ArrayLike<number>,
): Float64Array {
  const coverage = new Float64Array(placeCount);
  for (let place = 0; place < placeCount; place += 1) {
    let observed = 0;
    for (let leaf = 0; leaf < columns.length; leaf += 1) {
      if (Number.isFinite(values[place * indicatorCount + columns[leaf]!]!)) observed += 1;
    }
    coverage[place] = observed / columns.length;
  }
  return coverage;
}
