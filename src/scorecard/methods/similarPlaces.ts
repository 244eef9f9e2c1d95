/** How to find a place's statistical nearest neighbours. */
export interface SimilarPlacesOptions {
  /**
   * How many neighbours to return, the nearest first: a non-negative integer, or Infinity for
   * every place that can be compared. Default 10. Fewer come back when fewer places qualify.
   */
  k?: number;
  /**
   * A weight for each contextual variable, in the order of the columns of `features`: finite,
   * non-negative, at least one positive. A variable's squared standardised difference counts
   * in proportion to its weight, and a weight of 0 leaves the variable out of the distance.
   * Default 1 for every variable.
   */
  weights?: ArrayLike<number>;
  /**
   * How many variables (of those with a positive weight) a place and a candidate must both
   * have for the candidate to be compared at all: a positive integer. Default half of the
   * variables with a positive weight, rounded up.
   */
  minimumShared?: number;
}

/** One statistical nearest neighbour of a place. */
export interface Neighbour {
  /** The neighbour's row in `features`. */
  index: number;
  /**
   * The weighted Euclidean distance between the two places over their standardised variables,
   * rescaled for variables either lacks (see docs/methods/similar-places.md); in standard
   * deviations, 0 for identical places.
   */
  distance: number;
  /**
   * For each variable, the neighbour's z-score minus the place's: positive where the neighbour
   * is higher, in standard deviations; NaN where either lacks the variable. Unweighted, so a
   * page can show why the two are close.
   */
  differences: Float64Array;
  /** How many variables with a positive weight both places have. */
  shared: number;
}

/** Contextual variables as z-scores, with the means and standard deviations used. */
export interface Standardised {
  /** The z-scores, places by variables in row-major order like the input; NaN where missing. */
  values: Float64Array;
  /** Each variable's mean over the places that have it; NaN when no place has it. */
  means: Float64Array;
  /**
   * Each variable's population standard deviation (divisor n) over the places that have it;
   * 0 for a constant variable, NaN when no place has it.
   */
  deviations: Float64Array;
}

/**
 * A place's statistical nearest neighbours on contextual variables (population, density,
 * industry mix, deprivation), after the ONS "Clustering similar local authorities and
 * statistical nearest neighbours in the UK" (2025) and CIPFA's Nearest Neighbours Model: each
 * variable is standardised to z-scores across the places given, and places are ranked by the
 * (optionally weighted) Euclidean distance between their z-scores.
 *
 * Missing values (NaN) are handled pairwise, as R's `dist` does: the distance is taken over the
 * variables both places have, and the sum of squares is scaled up by the total weight over the
 * weight of the variables used, so that a pair with fewer shared variables does not look closer
 * just for having fewer terms. A candidate sharing fewer than `minimumShared` variables is left
 * out. Ties in distance go to the lower index. See docs/methods/similar-places.md.
 *
 * @param features places by variables in row-major order,
 *   `features[place * variableCount + variable]`; NaN (or ±Infinity) where missing.
 * @param variableCount the number of variables (columns).
 * @param placeIndex the row of the place whose neighbours are wanted.
 * @param options k, weights and the minimum number of shared variables.
 * @returns up to k neighbours, nearest first, never the place itself.
 */
export function similarPlaces(
  features: Float64Array,
  variableCount: number,
  placeIndex: number,
  options: SimilarPlacesOptions = {},
): Neighbour[] {
  const placeCount = checkShape("similarPlaces", features, variableCount);
  if (!(Number.isInteger(placeIndex) && placeIndex >= 0 && placeIndex < placeCount)) {
    throw new RangeError(
      `similarPlaces: placeIndex must be an integer from 0 to ${placeCount - 1}, got ${placeIndex}`,
    );
  }
  const k = options.k ?? 10;
  if (!(k === Infinity || (Number.isInteger(k) && k >= 0))) {
    throw new RangeError(`similarPlaces: k must be a non-negative integer or Infinity, got ${k}`);
  }
  const weights = checkWeights(options.weights, variableCount);
  let weighted = 0;
  let totalWeight = 0;
  for (const weight of weights) {
    if (weight > 0) weighted += 1;
    totalWeight += weight;
  }
  const minimumShared = options.minimumShared ?? Math.max(1, Math.ceil(weighted / 2));
  if (!(Number.isInteger(minimumShared) && minimumShared >= 1 && minimumShared <= weighted)) {
    throw new RangeError(
      `similarPlaces: minimumShared must be an integer from 1 to ${weighted} (the variables with a positive weight), got ${minimumShared}`,
    );
  }

  const { values } = standardise(features, variableCount);
  const place = placeIndex * variableCount;
  const candidates: { index: number; distance: number; shared: number }[] = [];
  for (let other = 0; other < placeCount; other++) {
    if (other === placeIndex) continue;
    const row = other * variableCount;
    let shared = 0;
    let sharedWeight = 0;
    let sumOfSquares = 0;
    for (let variable = 0; variable < variableCount; variable++) {
      const weight = weights[variable] as number;
      if (weight === 0) continue;
      const a = values[place + variable] as number;
      const b = values[row + variable] as number;
      if (Number.isNaN(a) || Number.isNaN(b)) continue;
      shared += 1;
      sharedWeight += weight;
      sumOfSquares += weight * (b - a) * (b - a);
    }
    if (shared < minimumShared) continue;
    // Scale the sum up to all the variables, as R's dist() does with missing values, so that
    // distances over different numbers of variables are comparable.
    candidates.push({
      index: other,
      distance: Math.sqrt((sumOfSquares * totalWeight) / sharedWeight),
      shared,
    });
  }
  candidates.sort((a, b) => a.distance - b.distance || a.index - b.index);

  const nearest = k === Infinity ? candidates : candidates.slice(0, k);
  return nearest.map(({ index, distance, shared }) => {
    const differences = new Float64Array(variableCount);
    const row = index * variableCount;
    for (let variable = 0; variable < variableCount; variable++) {
      // NaN propagates where either place lacks the variable.
      differences[variable] =
        (values[row + variable] as number) - (values[place + variable] as number);
    }
    return { index, distance, differences, shared };
  });
}

/**
 * Each variable as z-scores across the places: `(value - mean) / standardDeviation`, with the
 * population standard deviation (divisor n) over the places that have the variable. Missing
 * values (NaN, and ±Infinity) are skipped and become NaN; a constant variable (or one with a single value)
 * gives 0 for every place that has it; a variable no place has gives NaN throughout.
 *
 * The mean is a compensated (Neumaier) sum over n, and the variance the corrected two-pass
 * formula of Chan, Golub and LeVeque (1983), so large values with small spread keep their
 * precision.
 *
 * @param features places by variables in row-major order; NaN where missing.
 * @param variableCount the number of variables (columns).
 * @returns the z-scores in the same layout, and each variable's mean and standard deviation.
 */
export function standardise(features: Float64Array, variableCount: number): Standardised {
  const placeCount = checkShape("standardise", features, variableCount);
  const values = new Float64Array(features.length).fill(Number.NaN);
  const means = new Float64Array(variableCount).fill(Number.NaN);
  const deviations = new Float64Array(variableCount).fill(Number.NaN);
  for (let variable = 0; variable < variableCount; variable++) {
    let count = 0;
    let minimum = Infinity;
    let maximum = -Infinity;
    let sum = 0;
    let compensation = 0;
    for (let place = 0; place < placeCount; place++) {
      const value = features[place * variableCount + variable] as number;
      if (!Number.isFinite(value)) continue;
      count += 1;
      if (value < minimum) minimum = value;
      if (value > maximum) maximum = value;
      // Neumaier's improvement of Kahan summation.
      const next = sum + value;
      compensation += Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
      sum = next;
    }
    if (count === 0) continue;
    if (minimum === maximum) {
      // A constant variable says nothing about similarity: every place that has it scores 0.
      means[variable] = minimum;
      deviations[variable] = 0;
      for (let place = 0; place < placeCount; place++) {
        const at = place * variableCount + variable;
        if (Number.isFinite(features[at] as number)) values[at] = 0;
      }
      continue;
    }
    const mean = (sum + compensation) / count;
    let squares = 0;
    let residual = 0;
    for (let place = 0; place < placeCount; place++) {
      const value = features[place * variableCount + variable] as number;
      if (!Number.isFinite(value)) continue;
      const deviation = value - mean;
      squares += deviation * deviation;
      residual += deviation;
    }
    // Chan, Golub and LeVeque (1983), "Algorithms for computing the sample variance: analysis
    // and recommendations", the corrected two-pass algorithm: subtracting residual² / n corrects the rounding error left in the mean.
    const variance = Math.max(0, (squares - (residual * residual) / count) / count);
    const deviation = Math.sqrt(variance);
    means[variable] = mean;
    deviations[variable] = deviation;
    for (let place = 0; place < placeCount; place++) {
      const at = place * variableCount + variable;
      const value = features[at] as number;
      if (!Number.isFinite(value)) continue;
      values[at] = deviation > 0 ? (value - mean) / deviation : 0;
    }
  }
  return { values, means, deviations };
}

function checkShape(caller: string, features: Float64Array, variableCount: number): number {
  if (!(Number.isInteger(variableCount) && variableCount >= 1)) {
    throw new RangeError(
      `${caller}: variableCount must be a positive integer, got ${variableCount}`,
    );
  }
  if (features.length % variableCount !== 0) {
    throw new RangeError(
      `${caller}: features has ${features.length} values, not a multiple of ${variableCount} variables`,
    );
  }
  return features.length / variableCount;
}

function checkWeights(weights: ArrayLike<number> | undefined, variableCount: number): Float64Array {
  const checked = new Float64Array(variableCount).fill(1);
  if (weights === undefined) return checked;
  if (weights.length !== variableCount) {
    throw new RangeError(
      `similarPlaces: weights has ${weights.length} values, expected one for each of ${variableCount} variables`,
    );
  }
  let positive = false;
  for (let variable = 0; variable < variableCount; variable++) {
    const weight = weights[variable] as number;
    if (!(Number.isFinite(weight) && weight >= 0)) {
      throw new RangeError(`similarPlaces: weights must be finite and non-negative, got ${weight}`);
    }
    if (weight > 0) positive = true;
    checked[variable] = weight;
  }
  if (!positive) throw new RangeError("similarPlaces: at least one weight must be positive");
  return checked;
}
