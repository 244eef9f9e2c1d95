import { InputError } from "../core/errors.js";
import type { Polarity } from "../core/vocabulary.js";
import { assembleScorecard, type ScorecardObservation } from "./assembleScorecard.js";
import type { Framework } from "./framework.js";
import { applyWeights } from "./methods/applyWeights.js";
import { compositeIndex } from "./methods/compositeIndex.js";
import { defaultLeftBehindRules, leftBehind, type LeftBehindRule } from "./methods/leftBehind.js";
import { rankUncertainty, type UncertaintyOptions } from "./methods/rankUncertainty.js";
import type { CompositeOptions, Normalisation } from "./methods/types.js";

/** Options for {@link computeScorecard}. */
export interface ScorecardOptions {
  /** A priority weight set `{ goal_or_indicator_id: weight }` overriding the framework's. */
  weights?: Readonly<Record<string, number>>;
  /** Run the Monte Carlo uncertainty analysis with this many replications and seed. */
  uncertainty?: { replications: number; seed: number };
}

/** What the scorecard says of one place. */
export interface ScorecardPlace {
  place: string;
  name?: string;
  /** The overall score; null below the framework's minimum coverage. */
  score: number | null;
  /** 1 is best; null without a score. */
  rank: number | null;
  /** The score of every goal, at every level. */
  goals: Record<string, number | null>;
  /** The share of the framework's indicators with a value for the place. */
  coverage: number;
  /** The 5th and 95th percentiles of the rank over the Monte Carlo replications. */
  rankInterval?: [number, number];
  medianRank?: number;
  leftBehind: boolean;
  /** Why the place is flagged: the rules it meets, in words. */
  leftBehindReasons: string[];
}

/** A computed scorecard. */
export interface ScorecardReport {
  framework: string;
  /** The period scored for each indicator. */
  periods: Record<string, string | null>;
  places: ScorecardPlace[];
  /** First-order and total sensitivity of the ranks to each uncertain assumption. */
  sensitivity?: { assumption: string; firstOrder: number; total: number }[];
  warnings: string[];
}

/** What {@link computeScorecard} needs to know of the places besides their observations. */
export interface ScorecardContext {
  /** Place names, for the report. */
  names?: ReadonlyMap<string, string>;
  /** Polarity of stored indicators, where the framework gives none. */
  storedPolarity?: ReadonlyMap<string, Polarity>;
  /** The place each place is compared with for the left-behind lens (its parent, or a nation). */
  referenceOf?: (placeCode: string) => string | undefined;
}

/**
 * Computes a framework's scorecard for the places given: goal and overall scores, ranks, coverage,
 * the left-behind flag with its reasons and, when asked, rank intervals and sensitivity indices.
 * `observations` may also hold the reference places' values (a parent or a nation).
 */
export function computeScorecard(
  framework: Framework,
  placeCodes: readonly string[],
  observations: readonly ScorecardObservation[],
  options: ScorecardOptions = {},
  context: ScorecardContext = {},
): ScorecardReport {
  const assembled = assembleScorecard(framework, placeCodes, observations, context.storedPolarity);
  let weighted;
  try {
    weighted = applyWeights(
      assembled.input.goals,
      options.weights !== undefined
        ? { method: "priority", weights: options.weights }
        : { method: framework.weights },
    );
  } catch (error) {
    // A weight set names goals and indicators; one it names that the framework lacks is a typo
    // or a set made for another framework, and the person should hear which.
    if (error instanceof RangeError)
      throw new InputError(error.message.replace(/^applyWeights: /, ""), { field: "weights" });
    throw error;
  }
  const input = { ...assembled.input, goals: weighted };
  const composite = compositeOptions(framework, assembled.placeCodes);
  const result = compositeIndex(input, composite);

  let uncertainty: ReturnType<typeof rankUncertainty> | undefined;
  if (options.uncertainty !== undefined) {
    const settings = framework.uncertainty;
    const uncertaintyOptions: UncertaintyOptions = {
      replications: options.uncertainty.replications,
      seed: options.uncertainty.seed,
      sensitivity: true,
      ...(settings.weights.kind === "fixed" ? {} : { weights: settings.weights }),
      ...(settings.normalisations.length > 0
        ? {
            normalisations: settings.normalisations.map((item) =>
              toNormalisation(item, assembled.placeCodes),
            ),
          }
        : {}),
      ...(settings.aggregations.length > 0 ? { aggregations: settings.aggregations } : {}),
      ...(settings.imputations.length > 0 ? { imputations: settings.imputations } : {}),
    };
    uncertainty = rankUncertainty(input, composite, uncertaintyOptions);
  }

  const rules: readonly LeftBehindRule[] = framework.leftBehind.rules ?? defaultLeftBehindRules;
  const referenceValues = indexReferenceValues(observations, assembled.periods);
  const columnOf = new Map(input.indicatorIds.map((id, index) => [id, index]));
  const indicatorCount = input.indicatorIds.length;

  const places = assembled.placeCodes.map((place, row): ScorecardPlace => {
    const goals: Record<string, number | null> = {};
    for (const [goal, scores] of result.goalScores) goals[goal] = finite(scores[row]!);
    const values = new Map<string, number | undefined>();
    for (const rule of rules) {
      const column = columnOf.get(rule.indicatorId);
      values.set(
        rule.indicatorId,
        column === undefined
          ? undefined
          : (finite(input.values[row * indicatorCount + column]!) ?? undefined),
      );
    }
    const referenceCode = context.referenceOf?.(place);
    const references = new Map<string, number | undefined>(
      rules.map((rule) => [
        rule.indicatorId,
        referenceCode === undefined
          ? undefined
          : referenceValues.get(`${referenceCode}\u0000${rule.indicatorId}`),
      ]),
    );
    const flag = leftBehind({ values, references }, rules);
    const entry: ScorecardPlace = {
      place,
      score: finite(result.scores[row]!),
      rank: finite(result.ranks[row]!),
      goals,
      coverage: result.coverage[row]!,
      leftBehind: flag.leftBehind,
      leftBehindReasons: flag.reasons.map((reason) => reason.label),
    };
    const name = context.names?.get(place);
    if (name !== undefined) entry.name = name;
    if (uncertainty !== undefined && entry.rank !== null) {
      entry.rankInterval = [uncertainty.rankLow[row]!, uncertainty.rankHigh[row]!];
      entry.medianRank = uncertainty.medianRank[row]!;
    }
    return entry;
  });
  places.sort(
    (a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.place.localeCompare(b.place),
  );

  const report: ScorecardReport = {
    framework: framework.name,
    periods: assembled.periods,
    places,
    warnings: assembled.warnings,
  };
  if (uncertainty !== undefined) report.sensitivity = uncertainty.sensitivity;
  const unscored = places.filter((place) => place.score === null).length;
  if (unscored > 0) {
    report.warnings.push(
      `${unscored} place${unscored === 1 ? " has" : "s have"} values for less than ${Math.round(framework.minimumCoverage * 100)}% of the indicators and no score.`,
    );
  }
  return report;
}

function compositeOptions(framework: Framework, placeCodes: readonly string[]): CompositeOptions {
  return {
    normalisation: toNormalisation(framework.normalisation, placeCodes),
    aggregation: framework.aggregation,
    imputation: framework.imputation,
    minimumCoverage: framework.minimumCoverage,
  };
}

/** A framework's normalisation, with a reference place's code turned into its row. */
function toNormalisation(
  normalisation: Framework["normalisation"],
  placeCodes: readonly string[],
): Normalisation {
  if (normalisation.method !== "distanceToReference") return normalisation;
  const referenceIndex = placeCodes.indexOf(normalisation.reference);
  if (referenceIndex < 0) {
    throw new InputError(
      `the reference place ${normalisation.reference} is not among the places scored`,
      { field: "normalisation.reference", value: normalisation.reference },
    );
  }
  return { method: "distanceToReference", referenceIndex };
}

/** Values of every place at the scored period of each indicator, keyed "place\0indicator". */
function indexReferenceValues(
  observations: readonly ScorecardObservation[],
  periods: Readonly<Record<string, string | null>>,
): Map<string, number> {
  const index = new Map<string, number>();
  for (const observation of observations) {
    if (observation.value === null || periods[observation.indicatorId] !== observation.period)
      continue;
    index.set(`${observation.placeCode}\u0000${observation.indicatorId}`, observation.value);
  }
  return index;
}

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
