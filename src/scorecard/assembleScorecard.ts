import { InputError } from "../core/errors.js";
import type { Polarity } from "../core/vocabulary.js";
import type { Framework, FrameworkGoal } from "./framework.js";
import { frameworkIndicators } from "./framework.js";
import type { CompositeInput, GoalSpec } from "./methods/types.js";

/** One observed value, as the scorecard needs it. */
export interface ScorecardObservation {
  placeCode: string;
  indicatorId: string;
  period: string;
  value: number | null;
}

/** The matrix a framework is computed on, and how it was chosen. */
export interface AssembledScorecard {
  /** The places scored, in matrix row order. */
  placeCodes: string[];
  /** The composite index input: indicators in framework order, values at the chosen periods. */
  input: CompositeInput;
  /** The period scored for each indicator; null where the indicator has no data. */
  periods: Record<string, string | null>;
  /** Legal but suspicious facts to tell the user. */
  warnings: string[];
}

/**
 * Lays observations out as the places x indicators matrix a framework is computed on. Each
 * indicator is scored at its own period if the framework names one, else at the framework's
 * period where the indicator has data then, else at the period that the most of the places have
 * (the latest of equals). Polarity comes from the framework, else from the stored indicator.
 */
export function assembleScorecard(
  framework: Framework,
  placeCodes: readonly string[],
  observations: Iterable<ScorecardObservation>,
  storedPolarity: ReadonlyMap<string, Polarity> = new Map(),
): AssembledScorecard {
  const indicators = frameworkIndicators(framework);
  const indicatorIndex = new Map(indicators.map((indicator, index) => [indicator.id, index]));
  const placeIndex = new Map(placeCodes.map((code, index) => [code, index]));
  // indicator -> period -> values by place row
  const byPeriod = indicators.map(() => new Map<string, Float64Array>());
  for (const observation of observations) {
    const column = indicatorIndex.get(observation.indicatorId);
    const row = placeIndex.get(observation.placeCode);
    if (column === undefined || row === undefined) continue;
    let values = byPeriod[column]!.get(observation.period);
    if (values === undefined) {
      values = new Float64Array(placeCodes.length).fill(Number.NaN);
      byPeriod[column]!.set(observation.period, values);
    }
    values[row] = observation.value ?? Number.NaN;
  }

  const warnings: string[] = [];
  const periods: Record<string, string | null> = {};
  const values = new Float64Array(placeCodes.length * indicators.length).fill(Number.NaN);
  indicators.forEach((indicator, column) => {
    const available = byPeriod[column]!;
    const period = choosePeriod(available, indicator.period ?? framework.period);
    periods[indicator.id] = period ?? null;
    if (period === undefined) {
      warnings.push(`No data for the indicator ${indicator.id}: it is left out of every score.`);
      return;
    }
    if (indicator.period !== undefined && period !== indicator.period) {
      warnings.push(`No data for ${indicator.id} in ${indicator.period}; scored at ${period}.`);
    }
    const chosen = available.get(period)!;
    for (let row = 0; row < placeCodes.length; row++) {
      values[row * indicators.length + column] = chosen[row]!;
    }
  });

  const toGoalSpec = (goal: FrameworkGoal): GoalSpec => ({
    id: goal.id,
    weight: goal.weight,
    ...(goal.goals !== undefined ? { goals: goal.goals.map(toGoalSpec) } : {}),
    ...(goal.indicators !== undefined
      ? {
          indicators: goal.indicators.map((indicator) => {
            const polarity = indicator.polarity ?? storedPolarity.get(indicator.id);
            if (polarity !== 1 && polarity !== -1) {
              throw new InputError(
                `the indicator ${indicator.id} needs a polarity: set "polarity": 1 (higher is better) or -1 (lower is better) in the framework`,
                { field: `indicator ${indicator.id}` },
              );
            }
            return {
              id: indicator.id,
              polarity,
              weight: indicator.weight,
              ...(indicator.target !== undefined ? { target: indicator.target } : {}),
              ...(indicator.goalposts !== undefined ? { goalposts: indicator.goalposts } : {}),
            };
          }),
        }
      : {}),
  });

  return {
    placeCodes: [...placeCodes],
    input: {
      placeCount: placeCodes.length,
      indicatorIds: indicators.map((indicator) => indicator.id),
      values,
      goals: framework.goals.map(toGoalSpec),
    },
    periods,
    warnings,
  };
}

/** The wanted period where it has data; else the period most places have, the latest of equals. */
function choosePeriod(
  available: ReadonlyMap<string, Float64Array>,
  wanted: string | undefined,
): string | undefined {
  const count = (values: Float64Array): number =>
    values.reduce((sum, value) => sum + (Number.isNaN(value) ? 0 : 1), 0);
  if (wanted !== undefined) {
    const values = available.get(wanted);
    if (values !== undefined && count(values) > 0) return wanted;
  }
  let best: string | undefined;
  let bestCount = 0;
  for (const [period, values] of available) {
    const present = count(values);
    if (
      present > bestCount ||
      (present === bestCount && present > 0 && best !== undefined && period > best)
    ) {
      best = period;
      bestCount = present;
    }
  }
  return best;
}
