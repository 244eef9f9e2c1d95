import { compileFramework } from "./compileFramework.js";
import { normaliseColumns } from "./normaliseColumns.js";
import { placeCoverage } from "./placeCoverage.js";
import { prepareForAggregation } from "./prepareForAggregation.js";
import { rankScores } from "./rankScores.js";
import { createScoringWorkspace, scoreFramework } from "./scoreFramework.js";
import type { CompositeInput, CompositeOptions, CompositeResult } from "./types.js";

/**
 * Builds a composite index the way the OECD/JRC Handbook on Constructing Composite Indicators
 * (2008) lays out: screen places on data coverage, impute (step 3), normalise with the
 * indicators' polarity (step 5), weight and aggregate each goal from its indicators or sub-goals
 * and the overall score from the top-level goals (step 6), and rank.
 *
 * 1. Coverage: the share of the framework's indicators each place has an observed value for.
 *    Places below `minimumCoverage` are screened out: NaN scores and ranks, and no part in the
 *    imputation or normalisation of the others.
 * 2. Imputation of raw values, indicator by indicator ({@link impute}).
 * 3. Normalisation with polarity ({@link normalise}).
 * 4. Aggregation up the tree ({@link aggregate}): missing children are skipped and the weights
 *    of the others renormalised. For `geometric`, normalised values are first moved into
 *    [1, infinity); for `mazziottaPareto`, every child is standardised across places to mean
 *    100 and standard deviation 10 at every level (see `docs/methods/composite-index.md`).
 * 5. Ranks by the overall score, 1 best, ties sharing the lowest rank ({@link rankScores}).
 *
 * @param input Places by indicators, and the framework (with weights already applied, see
 *   {@link applyWeights}).
 * @param options The method choices.
 * @returns Scores, ranks, goal scores, coverage and the normalised matrix.
 * @throws RangeError for a malformed framework or input, or a bad method parameter.
 */
export function compositeIndex(input: CompositeInput, options: CompositeOptions): CompositeResult {
  const { placeCount, indicatorIds, values } = input;
  checkCompositeInput(input, options.minimumCoverage);
  const framework = compileFramework(input.goals, indicatorIds);
  const indicatorCount = indicatorIds.length;
  const coverage = placeCoverage(values, placeCount, indicatorCount, framework.leafColumns);
  const screened = Uint8Array.from(coverage, (share) => (share >= options.minimumCoverage ? 0 : 1));
  const normalisedLeaves = normaliseColumns(
    values,
    placeCount,
    indicatorCount,
    framework,
    screened,
    options.normalisation,
    options.imputation,
  );
  const prepared = prepareForAggregation(
    normalisedLeaves,
    framework.leaves.length,
    placeCount,
    options.normalisation,
    options.aggregation,
  );
  const workspace = createScoringWorkspace(framework, placeCount);
  scoreFramework(
    framework,
    prepared,
    placeCount,
    options.aggregation,
    framework.weights,
    workspace,
  );

  // Rank before any exponentiation so that rankUncertainty, which ranks the same numbers,
  // reproduces these ranks exactly when nothing is perturbed.
  const ranks = rankScores(workspace.overall);
  const geometric = options.aggregation.method === "geometric";
  const scores = geometric ? workspace.overall.map(Math.exp) : workspace.overall.slice();
  const goalScores = new Map<string, Float64Array>();
  for (const goal of framework.goalsAsWritten) {
    const column = workspace.goalScores.slice(goal * placeCount, (goal + 1) * placeCount);
    goalScores.set(framework.goalIds[goal]!, geometric ? column.map(Math.exp) : column);
  }

  const normalised = new Float64Array(placeCount * indicatorCount).fill(Number.NaN);
  framework.leafColumns.forEach((column, leaf) => {
    for (let place = 0; place < placeCount; place += 1) {
      normalised[place * indicatorCount + column] = normalisedLeaves[leaf * placeCount + place]!;
    }
  });
  return { scores, ranks, goalScores, coverage, normalised };
}

/**
 * Checks the shape of a composite input and the minimum coverage.
 *
 * @throws RangeError when they do not fit.
 */
export function checkCompositeInput(input: CompositeInput, minimumCoverage: number): void {
  const { placeCount, indicatorIds, values } = input;
  if (!Number.isInteger(placeCount) || placeCount < 0) {
    throw new RangeError(`compositeIndex: placeCount must be a whole number, got ${placeCount}`);
  }
  if (values.length !== placeCount * indicatorIds.length) {
    throw new RangeError(
      `compositeIndex: values has ${values.length} entries; expected ${placeCount} places x ` +
        `${indicatorIds.length} indicators = ${placeCount * indicatorIds.length}`,
    );
  }
  if (!(minimumCoverage >= 0 && minimumCoverage <= 1)) {
    throw new RangeError(
      `compositeIndex: minimumCoverage must be between 0 and 1, got ${minimumCoverage}`,
    );
  }
}
