/**
 * One test of whether a place is left behind on one indicator. Thresholds are settings; see
 * `defaultLeftBehindRules` and docs/methods/left-behind.md.
 */
export interface LeftBehindRule {
  /** The indicator tested, such as `gva_per_head`. */
  indicatorId: string;
  /**
   * How the place's value is compared:
   * - `ratioBelow`: left behind when `value < threshold × reference` (0.8 is 80% of the
   *   national level); needs a positive reference;
   * - `differenceAbove`: left behind when `value - reference >= threshold`, that is at least
   *   `threshold` above the reference, in the indicator's unit (1 is one percentage point of
   *   unemployment);
   * - `flagAtLeast`: left behind when `value >= threshold`, with no reference (20 is a share of
   *   20% of neighbourhoods in the most deprived decile, for an indicator measured in %).
   */
  kind: "ratioBelow" | "differenceAbove" | "flagAtLeast";
  /** The limit: a ratio for `ratioBelow` (positive), else in the indicator's unit. */
  threshold: number;
  /** What the rule says in words, shown as the reason: "GVA per head below 80% of …". */
  label: string;
}

/** A place's values and the levels of the area it is compared with. */
export interface LeftBehindInput {
  /** The place's value of each indicator; undefined (or null, NaN) when missing. */
  values: ReadonlyMap<string, number | undefined>;
  /**
   * The national or regional level of each indicator, which `ratioBelow` and `differenceAbove`
   * rules compare with; undefined (or null, NaN) when missing.
   */
  references: ReadonlyMap<string, number | undefined>;
}

/** Options of `leftBehind`. */
export interface LeftBehindOptions {
  /** How many rules must flag the place for it to count as left behind; default 1. */
  minimumReasons?: number;
}

/** One rule that flagged a place, with the numbers that show why. */
export interface LeftBehindReason {
  /** The indicator of the rule. */
  indicatorId: string;
  /** The rule's label. */
  label: string;
  /** The place's value. */
  value: number;
  /** The reference level compared with; absent for `flagAtLeast` rules. */
  reference?: number;
  /**
   * The value the place crossed, in the indicator's unit: `threshold × reference`,
   * `reference + threshold` or `threshold`.
   */
  limit: number;
  /** The rule's kind. */
  kind: LeftBehindRule["kind"];
}

/** Whether a place is left behind, why, and what could not be checked. */
export interface LeftBehindResult {
  /** True when at least `minimumReasons` rules flag the place. */
  leftBehind: boolean;
  /** The rules that flagged the place, in the order of the rules. */
  reasons: LeftBehindReason[];
  /** The indicatorId of each rule that could not be checked for want of a value or reference. */
  unknown: string[];
  /**
   * False when the rules that could not be checked could have changed the answer: the place is
   * not flagged, but would be if enough of them were.
   */
  conclusive: boolean;
}

/**
 * The default rules of the marginalised-places lens; every threshold is a setting. GVA per head
 * or median pay below 80% of the reference level, and unemployment at least one percentage point
 * above it, follow the issue that specified the lens and the economic distress criteria of the
 * US Economic Development Administration (Public Works and Economic Development Act of 1965,
 * section 301(a); 13 CFR 301.3), which use the same 80% and one-point limits; the EU's cohesion
 * policy uses a similar cut at 75% of average GDP per head. A share of neighbourhoods in the
 * most deprived decile of at least 20% is twice the share of the average place, which is 10% by
 * construction of the deciles. See docs/methods/left-behind.md.
 */
export const defaultLeftBehindRules: readonly LeftBehindRule[] = [
  {
    indicatorId: "gva_per_head",
    kind: "ratioBelow",
    threshold: 0.8,
    label: "GVA per head below 80% of the national or regional level",
  },
  {
    indicatorId: "median_weekly_pay",
    kind: "ratioBelow",
    threshold: 0.8,
    label: "Median weekly pay below 80% of the national or regional level",
  },
  {
    indicatorId: "unemployment_rate",
    kind: "differenceAbove",
    threshold: 1,
    label: "Unemployment at least 1 percentage point above the national or regional rate",
  },
  {
    indicatorId: "deprived_neighbourhood_share",
    kind: "flagAtLeast",
    threshold: 20,
    label: "At least 20% of neighbourhoods in the most deprived tenth",
  },
];

// Limits are compared with a tolerance of a billionth of their size, so that a value on a
// limit written in decimals is judged as on it: in binary floating point 0.8 × 3 is
// 2.4000000000000004 and 4.1 - 3.1 is 0.9999999999999996.
const relativeTolerance = 1e-9;

/**
 * Whether a place is left behind on the framework's measures: each rule compares the place's
 * value of one indicator with a reference level (national or regional) or a fixed limit, and the
 * place is left behind when at least `minimumReasons` rules flag it. A rule whose value (or
 * needed reference) is missing is listed as unknown, never taken as passed or failed.
 *
 * @param input the place's values and the reference levels, by indicator id.
 * @param rules the rules to apply, such as `defaultLeftBehindRules`.
 * @param options the number of reasons needed.
 * @returns the flag, the reasons, and the rules that could not be checked.
 */
export function leftBehind(
  input: LeftBehindInput,
  rules: readonly LeftBehindRule[],
  options: LeftBehindOptions = {},
): LeftBehindResult {
  const minimumReasons = options.minimumReasons ?? 1;
  if (!(Number.isInteger(minimumReasons) && minimumReasons >= 1)) {
    throw new RangeError(
      `leftBehind: minimumReasons must be a positive integer, got ${minimumReasons}`,
    );
  }
  const reasons: LeftBehindReason[] = [];
  const unknown: string[] = [];
  for (const rule of rules) {
    checkRule(rule);
    const value = input.values.get(rule.indicatorId);
    if (!isObserved(value)) {
      unknown.push(rule.indicatorId);
      continue;
    }
    const { indicatorId, label, kind, threshold } = rule;
    if (kind === "flagAtLeast") {
      if (value >= threshold - tolerance(threshold)) {
        reasons.push({ indicatorId, label, value, limit: threshold, kind });
      }
      continue;
    }
    const reference = input.references.get(indicatorId);
    // A ratio to a zero or negative level means nothing, so such a rule cannot be checked.
    if (!isObserved(reference) || (kind === "ratioBelow" && !(reference > 0))) {
      unknown.push(indicatorId);
      continue;
    }
    if (kind === "ratioBelow") {
      const limit = threshold * reference;
      if (value < limit - tolerance(limit)) {
        reasons.push({ indicatorId, label, value, reference, limit, kind });
      }
    } else {
      const limit = reference + threshold;
      if (value - reference >= threshold - tolerance(limit)) {
        reasons.push({ indicatorId, label, value, reference, limit, kind });
      }
    }
  }
  const flagged = reasons.length >= minimumReasons;
  return {
    leftBehind: flagged,
    reasons,
    unknown,
    conclusive: flagged || reasons.length + unknown.length < minimumReasons,
  };
}

function checkRule(rule: LeftBehindRule): void {
  const { indicatorId, kind, threshold } = rule;
  if (kind !== "ratioBelow" && kind !== "differenceAbove" && kind !== "flagAtLeast") {
    throw new RangeError(`leftBehind: rule for ${indicatorId} has an unknown kind ${String(kind)}`);
  }
  if (!Number.isFinite(threshold) || (kind === "ratioBelow" && !(threshold > 0))) {
    throw new RangeError(
      `leftBehind: rule for ${indicatorId} needs a finite${kind === "ratioBelow" ? ", positive" : ""} threshold, got ${threshold}`,
    );
  }
}

function tolerance(limit: number): number {
  return relativeTolerance * Math.max(1, Math.abs(limit));
}

function isObserved(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}
