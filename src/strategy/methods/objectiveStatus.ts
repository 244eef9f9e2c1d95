import { periodTime } from "../../core/periodTime.js";
import type { PeriodTime } from "../../core/periodTime.js";
import type { Polarity } from "../../core/vocabulary.js";

/** The statuses of an objective, from the best to the worst, then "no-data". */
export const objectiveStatuses = ["met", "on-track", "at-risk", "off-track", "no-data"] as const;

/**
 * Where an objective stands against its target: "met", "on-track", "at-risk", "off-track", or
 * "no-data" when there is no figure since the baseline period.
 */
export type ObjectiveStatus = (typeof objectiveStatuses)[number];

/** The target of an objective: where its indicator started and where the board wants it by when. */
export interface ObjectiveTarget {
  /** The period the target is measured from, as published: "2022", "2022-23", "2022-Q1". */
  baselinePeriod: string;
  /** The indicator's value in the baseline period, in its own unit. */
  baselineValue: number;
  /** The period by which the target is to be reached, of the same kind as the baseline period. */
  targetPeriod: string;
  /** The value the board aims for by the target period, in the indicator's unit. */
  targetValue: number;
  /** From the indicator: higher is better (1), lower is better (-1), or neither (0). */
  polarity: Polarity;
}

/** One observation of the objective's indicator: its period as published and its value. */
export interface ObjectiveObservation {
  /** The period as published, of the same kind as the target's periods. */
  period: string;
  /** The value; null (or undefined, NaN, ±Infinity) when missing or suppressed, and skipped. */
  value: number | null;
}

/** Where an objective stands, the figures behind the status, and the rule that gave it. */
export interface ObjectiveAssessment {
  /** The status; see docs/methods/strategy-monitoring.md for the rule. */
  status: ObjectiveStatus;
  /** The latest observed value at or after the baseline period; undefined with "no-data". */
  latest?: { period: string; value: number };
  /** The value the straight path from baseline to target expects at the latest period. */
  expected?: number;
  /**
   * Share of the way from baseline to target achieved at the latest period (can be <0 or >1);
   * undefined when the target equals the baseline.
   */
  progress?: number;
  /** Share of the way the path expects by the latest period, 0 to 1. */
  expectedProgress?: number;
  /**
   * Least-squares slope per year of the observations from the baseline period on; undefined with
   * fewer than two of them.
   */
  slopePerYear?: number;
  /**
   * The value the slope projects at the target period, continuing from the latest value:
   * `latest + slopePerYear × (years from the latest period to the target period)`. Undefined
   * without a slope or once the target period is reached.
   */
  projected?: number;
  /**
   * The share of the change still needed (`target − latest`) that the slope makes by the target
   * period: `(projected − latest) / (target − latest)`. 1 or more means the present pace reaches
   * the target in time; 0 or less means it does not move towards it. Undefined without
   * `projected`, or once the latest value has reached the target in the good direction (and for a
   * polarity of 0 with the target equal to the baseline).
   */
  paceShare?: number;
  /** The rule that gave the status, in words a board member understands, with the figures. */
  reason: string;
}

/** The thresholds of the status rule. */
export interface AssessOptions {
  /**
   * On track when the progress achieved is at least this share of the progress the straight path
   * expects by the latest period: `progress ≥ onTrackShare × expectedProgress`. Equivalently, the
   * average change a year since the baseline is at least this share of the change a year the
   * target needs. A fraction from 0 to 1; default 0.95, the threshold Eurostat and Statistics
   * Canada use for the ratio of the observed to the required growth rate.
   */
  onTrackShare?: number;
  /**
   * Of the objectives behind the path and still moving towards the target, at risk (rather than
   * off track) when the pace of the observations would make at least this share of the change
   * still needed by the target period: `paceShare ≥ atRiskShare`. A fraction from 0 to 1;
   * default 0.5, so an objective whose pace must more than double is off track.
   */
  atRiskShare?: number;
}

const defaultOnTrackShare = 0.95;
const defaultAtRiskShare = 0.5;

const kindNames: Record<PeriodTime["kind"], string> = {
  year: "a year",
  financialYear: "a financial or academic year",
  quarter: "a quarter",
};

/** An observed value with its period read as a time in years. */
interface TimedValue {
  period: string;
  years: number;
  value: number;
}

/**
 * Where an objective stands against its target: met, on track, at risk, off track, or no data.
 *
 * The target is read as a straight path from the baseline value in the baseline period to the
 * target value in the target period. The latest observed value is met when it has reached the
 * target in the good direction; otherwise it is on track when it has come at least
 * `onTrackShare` (default 95%) of the way the path expects by its period; off track when it is
 * no better than the baseline, when the target period has passed, or when the least-squares
 * pace of the observations since the baseline would make less than `atRiskShare` (default half)
 * of the change still needed by the target period; and at risk otherwise. A polarity of 0 takes
 * the direction from the baseline to the target as the good one. Missing values are skipped and
 * observations before the baseline period are ignored. See docs/methods/strategy-monitoring.md.
 *
 * @param target the baseline, the target and the indicator's polarity.
 * @param observations the indicator's observations for the place, in any order.
 * @param options the thresholds of the rule.
 * @returns the status, the figures behind it and the reason in words.
 * @throws RangeError for a period that cannot be read as a year, financial year or quarter,
 *   periods of different kinds, a target period not after the baseline period, a period
 *   observed twice, a value of the target that is not a finite number, or a bad option.
 */
export function assessObjective(
  target: ObjectiveTarget,
  observations: readonly ObjectiveObservation[],
  options: AssessOptions = {},
): ObjectiveAssessment {
  const { baselineValue, targetValue, polarity } = target;
  const onTrackShare = options.onTrackShare ?? defaultOnTrackShare;
  const atRiskShare = options.atRiskShare ?? defaultAtRiskShare;
  if (!Number.isFinite(baselineValue)) {
    throw new RangeError(
      `assessObjective: baselineValue must be a finite number, got ${baselineValue}`,
    );
  }
  if (!Number.isFinite(targetValue)) {
    throw new RangeError(
      `assessObjective: targetValue must be a finite number, got ${targetValue}`,
    );
  }
  if (polarity !== 1 && polarity !== -1 && polarity !== 0) {
    throw new RangeError(`assessObjective: polarity must be 1, -1 or 0, got ${String(polarity)}`);
  }
  checkShare("onTrackShare", onTrackShare);
  checkShare("atRiskShare", atRiskShare);

  const start = readPeriod(target.baselinePeriod, "the baseline period");
  const end = readPeriod(target.targetPeriod, "the target period");
  checkKind(end, target.targetPeriod, start, target.baselinePeriod);
  if (end.years <= start.years) {
    throw new RangeError(
      `assessObjective: the target period "${target.targetPeriod}" must come after the baseline period "${target.baselinePeriod}"`,
    );
  }

  // Every period is read, even where the value is missing, so a mistyped period is caught.
  const points: TimedValue[] = [];
  const periodsSeen = new Map<number, string>();
  let latestBefore: TimedValue | undefined;
  for (const observation of observations) {
    const time = readPeriod(observation.period, "an observation period");
    checkKind(time, observation.period, start, target.baselinePeriod);
    const value = observation.value;
    if (!isObserved(value)) continue;
    const seen = periodsSeen.get(time.years);
    if (seen !== undefined) {
      throw new RangeError(
        `assessObjective: the periods "${seen}" and "${observation.period}" are the same period observed twice`,
      );
    }
    periodsSeen.set(time.years, observation.period);
    const point = { period: observation.period, years: time.years, value };
    if (time.years >= start.years) points.push(point);
    else if (latestBefore === undefined || time.years > latestBefore.years) latestBefore = point;
  }

  const words = new Words(target);
  points.sort((a, b) => a.years - b.years);
  const latest = points[points.length - 1];
  if (latest === undefined) return { status: "no-data", reason: words.noData(latestBefore) };

  const change = targetValue - baselineValue;
  const expectedProgress = Math.min(1, (latest.years - start.years) / (end.years - start.years));
  const result: ObjectiveAssessment = {
    status: "no-data",
    latest: { period: latest.period, value: latest.value },
    expected: baselineValue + expectedProgress * change,
    expectedProgress,
    reason: "",
  };
  if (change !== 0) result.progress = (latest.value - baselineValue) / change;
  // The good direction: the polarity's, or for a polarity of 0 the way from baseline to target.
  const direction = polarity !== 0 ? polarity : Math.sign(change);
  const beyond = direction * (latest.value - targetValue);
  const slope = leastSquaresSlope(points);
  if (slope !== undefined) {
    result.slopePerYear = slope;
    if (latest.years < end.years) {
      result.projected = latest.value + slope * (end.years - latest.years);
      // Only short of the target is there a change still needed to take a share of.
      if (beyond < 0) {
        result.paceShare = (result.projected - latest.value) / (targetValue - latest.value);
      }
    }
  }
  const set = (status: ObjectiveStatus, reason: string): ObjectiveAssessment => {
    result.status = status;
    result.reason = reason;
    return result;
  };

  if (direction === 0) {
    // A neutral indicator whose target is its baseline: the board asks to hold that level.
    return latest.value === targetValue
      ? set("met", words.held(latest))
      : set("off-track", words.notHeld(latest));
  }
  if (direction * change <= 0) {
    // The target is the baseline, or lies on the worse side of it: a level not to fall below.
    return beyond >= 0 ? set("met", words.noWorse(latest)) : set("off-track", words.worse(latest));
  }
  if (beyond >= 0) return set("met", words.met(latest));
  const progress = result.progress as number;
  if (latest.years >= end.years) return set("off-track", words.deadlinePassed(latest, progress));
  const expected = result.expected as number;
  if (progress >= onTrackShare * expectedProgress) {
    return set("on-track", words.onTrack(latest, progress, expectedProgress, expected));
  }
  if (progress <= 0) {
    return set("off-track", words.noProgress(latest, progress, expectedProgress, expected));
  }
  const behind = words.behind(latest, progress, expectedProgress, expected);
  if (slope === undefined) return set("at-risk", words.noTrend(behind));
  const pace = { slope, projected: result.projected as number, share: result.paceShare as number };
  return pace.share >= atRiskShare
    ? set("at-risk", `${words.pace("At risk", behind, latest, pace)}.`)
    : set("off-track", words.slowPace(behind, latest, pace, atRiskShare));
}

/**
 * The least-squares slope of value on time in years, by the two-pass algorithm: the means
 * first, then the sums of centred cross-products and squares, which keeps the sums small when
 * the years and values are large (Chan, Golub and LeVeque 1983, "Algorithms for computing the
 * sample variance: analysis and recommendations", The American Statistician 37(3)). Undefined
 * with fewer than two distinct times.
 */
function leastSquaresSlope(points: readonly TimedValue[]): number | undefined {
  if (points.length < 2) return undefined;
  let meanYears = 0;
  let meanValue = 0;
  for (const point of points) {
    meanYears += point.years;
    meanValue += point.value;
  }
  meanYears /= points.length;
  meanValue /= points.length;
  let crossProducts = 0;
  let squares = 0;
  for (const point of points) {
    const offset = point.years - meanYears;
    crossProducts += offset * (point.value - meanValue);
    squares += offset * offset;
  }
  return squares > 0 ? crossProducts / squares : undefined;
}

function readPeriod(period: string, role: string): PeriodTime {
  const time = periodTime(period);
  if (time === undefined) {
    throw new RangeError(
      `assessObjective: ${role} "${period}" is not a year ("2023"), financial year ("2023-24") or quarter ("2023-Q1")`,
    );
  }
  return time;
}

function checkKind(time: PeriodTime, period: string, baseline: PeriodTime, baselinePeriod: string) {
  if (time.kind !== baseline.kind) {
    throw new RangeError(
      `assessObjective: the period "${period}" is ${kindNames[time.kind]} but the baseline period "${baselinePeriod}" is ${kindNames[baseline.kind]}; give every period as the same kind`,
    );
  }
}

function checkShare(name: string, share: number): void {
  if (!(Number.isFinite(share) && share >= 0 && share <= 1)) {
    throw new RangeError(`assessObjective: ${name} must be a fraction from 0 to 1, got ${share}`);
  }
}

function isObserved(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

// Values keep two decimals or three significant figures, whichever shows more ("24,200",
// "71.25", "0.0333"); shares are percentages to one decimal.
const valueFormat = new Intl.NumberFormat("en-GB", {
  maximumFractionDigits: 2,
  maximumSignificantDigits: 3,
  roundingPriority: "morePrecision",
});
const shareFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });

function showValue(value: number): string {
  // Adding 0 turns -0 into 0, which would otherwise print as "-0".
  return valueFormat.format(value + 0);
}

function showShare(share: number): string {
  return `${shareFormat.format(share * 100 + 0)}%`;
}

/** The reasons, in words a board member understands, with the figures. */
class Words {
  readonly #target: ObjectiveTarget;
  readonly #goal: string;
  readonly #baseline: string;

  constructor(target: ObjectiveTarget) {
    this.#target = target;
    this.#goal = `the target of ${showValue(target.targetValue)} for ${target.targetPeriod}`;
    this.#baseline = `${showValue(target.baselineValue)} in ${target.baselinePeriod}`;
  }

  noData(latestBefore: TimedValue | undefined): string {
    const judged = `progress towards ${this.#goal} cannot be judged`;
    if (latestBefore === undefined) {
      return `No data: there is no figure for ${this.#target.baselinePeriod} or later, so ${judged}.`;
    }
    return `No data: the latest figure, ${showValue(latestBefore.value)} in ${latestBefore.period}, is from before the baseline period ${this.#target.baselinePeriod}, so ${judged}.`;
  }

  held(latest: TimedValue): string {
    return `Met: ${at(latest)} holds ${this.#goal}, its level in ${this.#target.baselinePeriod}.`;
  }

  notHeld(latest: TimedValue): string {
    return `Off track: ${at(latest)} has moved from ${this.#goal}, which asks to hold the level of ${this.#target.baselinePeriod}.`;
  }

  noWorse(latest: TimedValue): string {
    return `Met: ${at(latest)} is no worse than ${this.#goal} (from ${this.#baseline}).`;
  }

  worse(latest: TimedValue): string {
    return `Off track: ${at(latest)} is worse than ${this.#goal} (from ${this.#baseline}), a level not to fall below.`;
  }

  met(latest: TimedValue): string {
    return `Met: ${at(latest)} has reached ${this.#goal} (from ${this.#baseline}).`;
  }

  deadlinePassed(latest: TimedValue, progress: number): string {
    return `Off track: ${at(latest)} falls short of ${this.#goal}, whose period has come, at ${showShare(progress)} of the way from ${this.#baseline}.`;
  }

  onTrack(
    latest: TimedValue,
    progress: number,
    expectedProgress: number,
    expected: number,
  ): string {
    return `On track: ${at(latest)} is ${showShare(progress)} of the way from ${this.#baseline} to ${this.#goal}; the straight path expects ${showShare(expectedProgress)} (${showValue(expected)}) by now.`;
  }

  noProgress(latest: TimedValue, progress: number, expectedProgress: number, expected: number) {
    const moved = progress < 0 ? "has moved away from the target since" : "is no better than";
    return `Off track: ${at(latest)} ${moved} the baseline of ${this.#baseline}, while the straight path to ${this.#goal} expects ${showShare(expectedProgress)} of the way (${showValue(expected)}) by now.`;
  }

  behind(latest: TimedValue, progress: number, expectedProgress: number, expected: number) {
    return `${at(latest)} is ${showShare(progress)} of the way from ${this.#baseline} to ${this.#goal}, behind the ${showShare(expectedProgress)} (${showValue(expected)}) the straight path expects by now`;
  }

  noTrend(behind: string): string {
    return `At risk: ${behind}; with one figure since the baseline there is no trend yet to project.`;
  }

  pace(label: string, behind: string, latest: TimedValue, pace: Pace): string {
    return `${label}: ${behind}; at the pace of the figures since ${this.#target.baselinePeriod} (${showValue(pace.slope)} a year) it would reach ${showValue(pace.projected)} by ${this.#target.targetPeriod}, making ${showShare(pace.share)} of the ${showValue(Math.abs(this.#target.targetValue - latest.value))} still needed`;
  }

  slowPace(behind: string, latest: TimedValue, pace: Pace, atRiskShare: number): string {
    return `${this.pace("Off track", behind, latest, pace)}, less than the ${showShare(atRiskShare)} that would make it at risk rather than off track.`;
  }
}

interface Pace {
  slope: number;
  projected: number;
  share: number;
}

function at(point: TimedValue): string {
  return `${showValue(point.value)} in ${point.period}`;
}
