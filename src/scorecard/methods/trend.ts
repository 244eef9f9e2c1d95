import { periodTime } from "../../core/periodTime.js";
import type { Polarity } from "../../core/vocabulary.js";

/** One observation of an indicator in a series: its period as published and its value. */
export interface TrendPoint {
  /** The period as published: "2023", "2022-23", "2023-Q1". */
  period: string;
  /** The value; null (or undefined, NaN, ±Infinity) when missing or suppressed, and skipped. */
  value: number | null;
}

/** How to measure the change of one indicator and its distance to a target. */
export interface TrendOptions {
  /**
   * How many periods back from the latest observed value the change is measured over, counted
   * in positions of the series given (so missing periods count). The change starts from the
   * earliest observed value in that window. A positive integer; default: the whole series,
   * from its first observed value.
   */
  span?: number;
  /**
   * The value the board aims for, in the indicator's own unit. Default: no target, and
   * `distanceToTarget` and `targetMet` are left undefined.
   */
  target?: number;
  /** Whether a higher value is better (1), worse (-1), or neither (0). */
  polarity: Polarity;
  /**
   * The relative change below which the indicator is said not to have moved: a change with
   * `|change / from| < tolerance` is "no change". A non-negative fraction; default 0.005
   * (half of one per cent). With a zero starting value only an exactly zero change is
   * "no change".
   */
  tolerance?: number;
}

/** The change of one indicator over a span, judged by its polarity, and its distance to a target. */
export interface Trend {
  /** The observed point the change starts from; undefined with fewer than two observed points. */
  from?: TrendPoint;
  /** The latest observed point; undefined when no value is observed. */
  to?: TrendPoint;
  /** `to.value - from.value`, in the indicator's unit. */
  change?: number;
  /** `change / |from.value|`, a fraction; undefined when `from.value` is 0. */
  relativeChange?: number;
  /**
   * The compound annual rate `(to / from)^(1 / years) - 1`, a fraction a year. Only when both
   * periods can be read as dates of the same kind (years "2015", financial or academic years
   * "2015-16", or quarters "2015-Q1"), `to` comes after `from`, and both values are positive.
   */
  annualisedRate?: number;
  /** The years between `from` and `to`, when both periods can be read as dates (see above). */
  years?: number;
  /**
   * "improving" or "worsening" by the polarity; "no change" within the tolerance; "not
   * applicable" for a polarity of 0; "unknown" with fewer than two observed points.
   */
  direction: "improving" | "worsening" | "no change" | "not applicable" | "unknown";
  /**
   * How far the latest value still is from the target, signed so that a positive distance is
   * still to go in the good direction and zero or a negative distance means the target is met
   * or passed. For a polarity of 0 it is the absolute distance. Undefined without a target or
   * an observed value.
   */
  distanceToTarget?: number;
  /**
   * Whether the latest value meets the target: `distanceToTarget <= 0`; for a polarity of 0,
   * within the tolerance of the target. Undefined without a target or an observed value.
   */
  targetMet?: boolean;
}

const defaultTolerance = 0.005;

/**
 * The change of one indicator over a span, whether that is an improvement given its polarity,
 * and how far the latest value is from a target.
 *
 * The change runs from the earliest observed value in the window to the latest observed value;
 * missing values (null, undefined, NaN, ±Infinity) are skipped. It is "no change" when the
 * relative change is within the tolerance (default 0.5%), else improving or worsening by the
 * sign of the change times the polarity. See docs/methods/trends.md.
 *
 * @param points the series in period order, earliest first.
 * @param options the span, target, polarity and tolerance.
 * @returns the trend; with no observed value only `direction: "unknown"`.
 */
export function trend(points: readonly TrendPoint[], options: TrendOptions): Trend {
  const { span, target, polarity } = options;
  const tolerance = options.tolerance ?? defaultTolerance;
  if (span !== undefined && !(Number.isInteger(span) && span >= 1)) {
    throw new RangeError(`trend: span must be a positive integer, got ${span}`);
  }
  if (target !== undefined && !Number.isFinite(target)) {
    throw new RangeError(`trend: target must be a finite number, got ${target}`);
  }
  if (polarity !== 1 && polarity !== -1 && polarity !== 0) {
    throw new RangeError(`trend: polarity must be 1, -1 or 0, got ${String(polarity)}`);
  }
  if (!(Number.isFinite(tolerance) && tolerance >= 0)) {
    throw new RangeError(`trend: tolerance must be a non-negative number, got ${tolerance}`);
  }

  let latest = -1;
  for (let index = points.length - 1; index >= 0; index--) {
    if (isObserved(points[index]?.value)) {
      latest = index;
      break;
    }
  }
  if (latest < 0) return { direction: "unknown" };

  const start = span === undefined ? 0 : Math.max(0, latest - span);
  let earliest = latest;
  for (let index = start; index < latest; index++) {
    if (isObserved(points[index]?.value)) {
      earliest = index;
      break;
    }
  }

  const toPoint = points[latest] as TrendPoint;
  const toValue = toPoint.value as number;
  const result: Trend = { to: { period: toPoint.period, value: toValue }, direction: "unknown" };

  if (target !== undefined) {
    if (polarity === 0) {
      const distance = Math.abs(target - toValue);
      result.distanceToTarget = distance;
      result.targetMet = target === 0 ? distance === 0 : distance <= tolerance * Math.abs(target);
    } else {
      // Positive means still to go: below a target for higher-is-better, above it otherwise.
      const distance = polarity * (target - toValue);
      result.distanceToTarget = distance === 0 ? 0 : distance;
      result.targetMet = distance <= 0;
    }
  }

  if (earliest === latest) return result;

  const fromPoint = points[earliest] as TrendPoint;
  const fromValue = fromPoint.value as number;
  const change = toValue - fromValue;
  result.from = { period: fromPoint.period, value: fromValue };
  result.change = change;
  if (fromValue !== 0) result.relativeChange = change / Math.abs(fromValue);

  const years = yearsBetween(fromPoint.period, toPoint.period);
  if (years !== undefined) {
    result.years = years;
    // Compound annual growth rate: the constant yearly rate that turns `from` into `to`.
    if (fromValue > 0 && toValue > 0) {
      result.annualisedRate = Math.pow(toValue / fromValue, 1 / years) - 1;
    }
  }

  const unchanged =
    result.relativeChange === undefined
      ? change === 0
      : Math.abs(result.relativeChange) < tolerance;
  if (polarity === 0) result.direction = "not applicable";
  else if (unchanged) result.direction = "no change";
  else result.direction = Math.sign(change) * polarity > 0 ? "improving" : "worsening";
  return result;
}

function isObserved(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/**
 * The years from one period to the next, when both are years, financial years or quarters of
 * the same kind and the second comes later; otherwise undefined.
 */
function yearsBetween(from: string, to: string): number | undefined {
  const start = periodTime(from);
  const end = periodTime(to);
  if (start === undefined || end === undefined || start.kind !== end.kind) return undefined;
  const years = end.years - start.years;
  return years > 0 ? years : undefined;
}
