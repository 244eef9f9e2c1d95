import type { Indicator, Observation, Place } from "../core/vocabulary.js";
import type { ScorecardPlace, ScorecardReport } from "./computeScorecard.js";
import { frameworkIndicators, type Framework } from "./framework.js";
import { decoupling, type Decoupling } from "./methods/decoupling.js";
import { similarPlaces } from "./methods/similarPlaces.js";
import { trend, type Trend } from "./methods/trend.js";

/** One indicator of a place's scorecard: its value, its trend and how its peers compare. */
export interface IndicatorLine {
  indicator: Indicator;
  goalId: string;
  period: string | null;
  value: number | null;
  /** The mean of the similar places' values at the same period. */
  peerMean: number | null;
  trend: Trend;
  /** The place's values in period order, for a sparkline. */
  series: { period: string; value: number | null }[];
}

/** A similar place and how far it is, with its scorecard entry. */
export interface SimilarPlace {
  place: Place;
  distance: number;
  entry: ScorecardPlace | undefined;
}

/**
 * The details of one place's scorecard: each indicator's value, trend and peer comparison, and
 * its statistical nearest neighbours on the framework's contextual variables.
 */
export function placeScorecardDetails(
  framework: Framework,
  report: ScorecardReport,
  placeCode: string,
  places: readonly Place[],
  indicators: readonly Indicator[],
  observations: readonly Observation[],
  neighbourCount = 5,
): {
  lines: IndicatorLine[];
  similar: SimilarPlace[];
  contextVariables: Indicator[];
  decoupling?: Decoupling & { output: Indicator; pressure: Indicator };
} {
  const indicatorById = new Map(indicators.map((indicator) => [indicator.id, indicator]));
  const scoredCodes = report.places.map((entry) => entry.place);
  const entryOf = new Map(report.places.map((entry) => [entry.place, entry]));
  const placeByCode = new Map(places.map((place) => [place.code, place]));
  // place -> indicator -> period -> value
  const values = new Map<string, Map<string, Map<string, number | null>>>();
  for (const observation of observations) {
    let byIndicator = values.get(observation.placeCode);
    if (byIndicator === undefined) values.set(observation.placeCode, (byIndicator = new Map()));
    let byPeriod = byIndicator.get(observation.indicatorId);
    if (byPeriod === undefined) byIndicator.set(observation.indicatorId, (byPeriod = new Map()));
    byPeriod.set(observation.period, observation.value);
  }
  const valueAt = (
    code: string,
    indicatorId: string,
    period: string | null | undefined,
  ): number | null =>
    period === null || period === undefined
      ? null
      : (values.get(code)?.get(indicatorId)?.get(period) ?? null);

  // Similar places on the contextual variables, each at its latest period.
  const contextVariables = framework.context
    .map((id) => indicatorById.get(id))
    .filter((indicator): indicator is Indicator => indicator !== undefined);
  const latestPeriod = (id: string): string | undefined =>
    [...new Set(observations.filter((row) => row.indicatorId === id).map((row) => row.period))]
      .sort()
      .at(-1);
  const contextPeriods = contextVariables.map((indicator) => latestPeriod(indicator.id));
  let similar: SimilarPlace[] = [];
  const row = scoredCodes.indexOf(placeCode);
  if (contextVariables.length > 0 && row >= 0) {
    const features = new Float64Array(scoredCodes.length * contextVariables.length);
    scoredCodes.forEach((code, index) =>
      contextVariables.forEach((indicator, column) => {
        features[index * contextVariables.length + column] =
          valueAt(code, indicator.id, contextPeriods[column]) ?? Number.NaN;
      }),
    );
    similar = similarPlaces(features, contextVariables.length, row, { k: neighbourCount }).map(
      (neighbour) => ({
        place: placeByCode.get(scoredCodes[neighbour.index]!)!,
        distance: neighbour.distance,
        entry: entryOf.get(scoredCodes[neighbour.index]!),
      }),
    );
  }

  const goalOf = new Map<string, string>();
  const visit = (goals: Framework["goals"], top: string | undefined): void => {
    for (const goal of goals) {
      for (const indicator of goal.indicators ?? []) goalOf.set(indicator.id, top ?? goal.id);
      if (goal.goals !== undefined) visit(goal.goals, top ?? goal.id);
    }
  };
  visit(framework.goals, undefined);

  const lines = frameworkIndicators(framework).map((spec): IndicatorLine => {
    const indicator = indicatorById.get(spec.id) ?? {
      id: spec.id,
      name: spec.id,
      goal: null,
      unit: null,
      polarity: spec.polarity ?? 1,
      source: null,
      licence: null,
    };
    const period = report.periods[spec.id] ?? null;
    const series = [...(values.get(placeCode)?.get(spec.id) ?? new Map<string, number | null>())]
      .map(([seriesPeriod, value]) => ({ period: seriesPeriod, value }))
      .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
    const peers = similar
      .map((neighbour) => valueAt(neighbour.place.code, spec.id, period))
      .filter((value): value is number => value !== null);
    return {
      indicator,
      goalId: goalOf.get(spec.id) ?? "",
      period,
      value: valueAt(placeCode, spec.id, period),
      peerMean:
        peers.length === 0 ? null : peers.reduce((sum, value) => sum + value, 0) / peers.length,
      trend: trend(series, {
        polarity: spec.polarity ?? indicator.polarity,
        ...(spec.target !== undefined ? { target: spec.target } : {}),
      }),
      series,
    };
  });
  const result: ReturnType<typeof placeScorecardDetails> = { lines, similar, contextVariables };
  const check = framework.decoupling;
  const output = check === undefined ? undefined : indicatorById.get(check.output);
  const pressure = check === undefined ? undefined : indicatorById.get(check.pressure);
  if (check !== undefined && output !== undefined && pressure !== undefined) {
    const seriesOf = (id: string): { period: string; value: number | null }[] =>
      [...(values.get(placeCode)?.get(id) ?? new Map<string, number | null>())]
        .map(([period, value]) => ({ period, value }))
        .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
    result.decoupling = {
      ...decoupling(seriesOf(check.output), seriesOf(check.pressure)),
      output,
      pressure,
    };
  }
  return result;
}
