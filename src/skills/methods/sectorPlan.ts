import { InputError } from "../../core/errors.js";
import type { PlanRow } from "./skillsGap.js";

/** An industry's employment in the baseline year, and in an earlier year for its trend. */
export interface EmploymentHistory {
  industry: string;
  /** Employment in the baseline year, 0 or more. */
  baseline: number;
  /** Employment in the earlier year, when the trend is carried on. */
  earlier?: number;
}

/** How {@link sectorPlan} sets each industry's target. */
export interface SectorPlanOptions {
  /** The plan's horizon in years, more than 0. */
  years: number;
  /**
   * The years between the earlier year and the baseline, to carry the trend on; omitted, every
   * industry's target starts from its baseline (no trend).
   */
  trendYears?: number;
  /**
   * Jobs to add (or, below 0, to lose) over the horizon in chosen industries, such as the
   * opportunities a board chose to grow; an industry not in the history starts from 0.
   */
  added?: Readonly<Record<string, number>>;
}

/**
 * A sector plan from employment: for each industry, target = max(0, baseline + trend + added),
 * where trend = (baseline − earlier) / trendYears × years carries the yearly change between the
 * two years on over the horizon (0 without a trend), and added is the officers' change for the
 * chosen industries. Industries are kept in the order given, chosen industries new to the
 * history after them.
 *
 * @throws InputError for a horizon or trend span that is not a positive number, negative
 *   employment, or an added change that is not a finite number.
 */
export function sectorPlan(
  history: readonly EmploymentHistory[],
  options: SectorPlanOptions,
): PlanRow[] {
  const { years, trendYears } = options;
  if (!(Number.isFinite(years) && years > 0)) {
    throw new InputError("the horizon must be a number of years above 0", {
      field: "years",
      value: String(years),
    });
  }
  if (trendYears !== undefined && !(Number.isFinite(trendYears) && trendYears > 0)) {
    throw new InputError("the trend must span a number of years above 0", {
      field: "trend",
      value: String(trendYears),
    });
  }
  const added = new Map(Object.entries(options.added ?? {}));
  for (const [industry, jobs] of added) {
    if (!Number.isFinite(jobs)) {
      throw new InputError("the jobs added must be a number", {
        field: industry,
        value: String(jobs),
      });
    }
  }
  const plan: PlanRow[] = history.map(({ industry, baseline, earlier }) => {
    if (!(baseline >= 0) || (earlier !== undefined && !(earlier >= 0))) {
      throw new InputError("employment must be a number, 0 or more", {
        field: industry,
        value: String(baseline),
      });
    }
    const trend =
      trendYears === undefined || earlier === undefined
        ? 0
        : ((baseline - earlier) / trendYears) * years;
    return {
      industry,
      baseline,
      target: Math.max(0, baseline + trend + (added.get(industry) ?? 0)),
    };
  });
  const known = new Set(history.map((row) => row.industry));
  for (const [industry, jobs] of added) {
    if (!known.has(industry)) plan.push({ industry, baseline: 0, target: Math.max(0, jobs) });
  }
  return plan;
}
