/**
 * The ballots and results every tally method shares. Ballots arrive aggregated: identical
 * ballots are one entry with a count, and a count may be fractional where post-stratification
 * weights are applied. Options are identified by their id (a short string).
 */

/** The tally methods Placefirst offers. */
export const tallyMethods = [
  "schulze",
  "ranked-pairs",
  "irv",
  "borda",
  "approval",
  "majority-judgement",
  "points",
  "equal-shares",
] as const;

/** One of {@link tallyMethods}. */
export type TallyMethod = (typeof tallyMethods)[number];

/**
 * A ranked ballot: groups of equally preferred options, best first (`A>C>B=D` is
 * `[["A"], ["C"], ["B", "D"]]`). Options the ballot does not name rank below every named
 * option, equal among themselves.
 */
export interface RankedBallot {
  /** How many voters cast this ballot, or their total weight; positive and finite. */
  count: number;
  ranking: string[][];
}

/** An approval ballot: the options the voter approves of. */
export interface ApprovalBallot {
  count: number;
  approved: string[];
}

/** A points ballot: the points the voter gives each option (a priority budget splits 100). */
export interface PointsBallot {
  count: number;
  points: Readonly<Record<string, number>>;
}

/**
 * A score ballot for majority judgement: each option's grade as an index into the grade scale,
 * 0 the worst. An option the ballot does not grade gets the worst grade.
 */
export interface GradeBallot {
  count: number;
  grades: Readonly<Record<string, number>>;
}

/**
 * Ties are broken by a tie-break order: a permutation of the options, fixed before any ballot is
 * read (a consultation draws it when it opens and publishes it; the CLI takes `--tie-break`, else
 * the options in alphabetical order). Of tied options, the one earlier in the order ranks higher.
 */
export type TieBreakOrder = readonly string[];

/** What every tally method returns. */
export interface TallyResult<Details = unknown> {
  method: TallyMethod;
  /** The winner, or null when there are no options or no ballots. */
  winner: string | null;
  /** Every option, best first; ties broken by the tie-break order. */
  ranking: string[];
  /**
   * The groups of options the method could not tell apart and the tie-break order separated,
   * each in the order they were placed. Empty when no tie needed breaking.
   */
  ties: string[][];
  /** Method-specific working: matrices, rounds, scores, totals. Plain JSON. */
  details: Details;
}
