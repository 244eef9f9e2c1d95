import { standardiseCentred } from "./standardiseCentred.js";
import type { Aggregation, Normalisation } from "./types.js";

/**
 * Turns normalised indicator columns into the form the aggregation works on:
 *
 * - `arithmetic`: the normalised values themselves (the same array, not a copy).
 * - `geometric`: the natural logarithm of the values made positive, so that a weighted geometric
 *   mean is a weighted arithmetic mean of logarithms. The geometric mean needs positive values
 *   (OECD/JRC Handbook 2008, step 6; COINr's `a_gmean` refuses zeros and advises min-max onto
 *   [1, 100] first). Values are moved into [1, infinity) by a rule fixed for each normalisation:
 *   scales bounded to 0..100 (`minMax`, `rank`, `goalposts`, `distanceToTarget`) are shifted
 *   linearly onto 1..100 by 1 + 0.99 y, which keeps their order and their 100; z-scores become
 *   100 + 10 z (the Mazziotta-Pareto standardisation) and `distanceToReference` values stay as
 *   they are; in those two, anything still below 1 (a place more than 9.9 standard deviations
 *   below the mean, or at less than 1% of the reference) is raised to 1.
 * - `mazziottaPareto`: each column standardised across the places with a value to mean 100 and
 *   population standard deviation 10 (Mazziotta and Pareto 2016), stored centred, as
 *   10 (y - mean) / sd, so that the aggregation's variance loses no precision; a constant
 *   column is 0 (that is, 100) throughout.
 *
 * @param normalised Leaf-major normalised values (`columnCount` columns of `placeCount`).
 * @param columnCount The number of columns.
 * @param placeCount The number of places.
 * @param normalisation The normalisation that produced them.
 * @param aggregation The aggregation to prepare for.
 * @returns The prepared values, leaf-major; NaN stays NaN.
 */
export function prepareForAggregation(
  normalised: Float64Array,
  columnCount: number,
  placeCount: number,
  normalisation: Normalisation,
  aggregation: Aggregation,
): Float64Array {
  switch (aggregation.method) {
    case "arithmetic":
      return normalised;
    case "geometric": {
      const positive = positiveRule(normalisation);
      return normalised.map((value) => Math.log(positive(value)));
    }
    case "mazziottaPareto": {
      const prepared = new Float64Array(normalised.length);
      for (let column = 0; column < columnCount; column += 1) {
        const start = column * placeCount;
        standardiseCentred(normalised, prepared, start, placeCount);
      }
      return prepared;
    }
    default: {
      const unknown: never = aggregation;
      throw new RangeError(`prepareForAggregation: unknown method ${JSON.stringify(unknown)}`);
    }
  }
}

function positiveRule(normalisation: Normalisation): (value: number) => number {
  switch (normalisation.method) {
    case "minMax":
    case "rank":
    case "goalposts":
    case "distanceToTarget":
      return (value) => 1 + 0.99 * value;
    case "zScore":
      return (value) => Math.max(1, 100 + 10 * value);
    case "distanceToReference":
      return (value) => Math.max(1, value);
    default: {
      const unknown: never = normalisation;
      throw new RangeError(`prepareForAggregation: unknown method ${JSON.stringify(unknown)}`);
    }
  }
}
