import type { CompiledFramework } from "./compileFramework.js";
import { impute } from "./impute.js";
import { normalise } from "./normalise.js";
import type { Imputation, Normalisation } from "./types.js";

/**
 * Imputes and normalises every indicator of a compiled framework, leaf by leaf. Screened places
 * (below the minimum coverage) take no part: their values are hidden from the imputation and the
 * normalisation and their results are NaN. The one exception is the reference place of
 * `distanceToReference`, whose value is still read when it is itself screened.
 *
 * @param values Raw values, row-major `placeCount` x `indicatorCount`.
 * @param placeCount The number of places.
 * @param indicatorCount The number of columns of `values`.
 * @param framework The compiled framework.
 * @param screened 1 for each place below the minimum coverage, else 0.
 * @param normalisation The normalisation.
 * @param imputation The imputation.
 * @returns The normalised values, leaf-major: leaf l's values at `l * placeCount`.
 */
export function normaliseColumns(
  values: ArrayLike<number>,
  placeCount: number,
  indicatorCount: number,
  framework: CompiledFramework,
  screened: Uint8Array,
  normalisation: Normalisation,
  imputation: Imputation,
): Float64Array {
  const leafCount = framework.leaves.length;
  const normalised = new Float64Array(leafCount * placeCount);
  const column = new Float64Array(placeCount);
  const reference =
    normalisation.method === "distanceToReference" ? normalisation.referenceIndex : -1;
  for (let leaf = 0; leaf < leafCount; leaf += 1) {
    const spec = framework.leaves[leaf]!;
    const source = framework.leafColumns[leaf]!;
    for (let place = 0; place < placeCount; place += 1) {
      column[place] =
        screened[place] === 1 && place !== reference
          ? Number.NaN
          : values[place * indicatorCount + source]!;
    }
    const result = normalise(impute(column, imputation), spec.polarity, normalisation, spec);
    for (let place = 0; place < placeCount; place += 1) {
      if (screened[place] === 1) result[place] = Number.NaN;
    }
    normalised.set(result, leaf * placeCount);
  }
  return normalised;
}
