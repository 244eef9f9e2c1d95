import { InputError } from "../../core/errors.js";
import { approval } from "./approval.js";
import type {
  ApprovalBallot,
  GradeBallot,
  PointsBallot,
  RankedBallot,
  TallyMethod,
  TallyResult,
  TieBreakOrder,
} from "./ballots.js";
import { borda } from "./borda.js";
import { equalShares } from "./equalShares.js";
import { irv } from "./irv.js";
import { majorityJudgement } from "./majorityJudgement.js";
import { points } from "./points.js";
import { rankedPairs } from "./rankedPairs.js";
import { schulze } from "./schulze.js";

/** Ballots of any one kind, as the methods take them. */
export type AnyBallots =
  | { kind: "ranked"; ballots: readonly RankedBallot[] }
  | { kind: "approval"; ballots: readonly ApprovalBallot[] }
  | { kind: "points"; ballots: readonly PointsBallot[] }
  | { kind: "grades"; ballots: readonly GradeBallot[] };

/** The kind of ballot each method counts. */
export const ballotKindOf: Readonly<Record<TallyMethod, AnyBallots["kind"]>> = {
  schulze: "ranked",
  "ranked-pairs": "ranked",
  irv: "ranked",
  borda: "ranked",
  approval: "approval",
  "equal-shares": "approval",
  points: "points",
  "majority-judgement": "grades",
};

/** What some methods need beyond the ballots. */
export interface TallySettings {
  tieBreak?: TieBreakOrder;
  /** Points to split (points) or money to share (equal shares). */
  budget?: number | null;
  /** Each project's cost (equal shares). */
  costs?: Readonly<Record<string, number>> | null;
  /** The grade scale, worst first (majority judgement). */
  grades?: readonly string[] | null;
}

/**
 * Counts ballots by the named method: one entry point for the CLI, the API and the
 * consultations, so a published CSV and a consultation give the same result the same way.
 *
 * @throws InputError when the ballots are of the wrong kind for the method, or a setting the
 *   method needs is missing (a budget and costs for equal shares).
 */
export function runTally(
  method: TallyMethod,
  input: AnyBallots,
  options: readonly string[],
  settings: TallySettings = {},
): TallyResult {
  const expected = ballotKindOf[method];
  if (input.kind !== expected) {
    throw new InputError(`${method} counts ${expected} ballots, not ${input.kind} ballots`, {
      field: "method",
      value: method,
    });
  }
  const tieBreak = settings.tieBreak;
  switch (method) {
    case "schulze":
      return schulze(input.ballots as RankedBallot[], options, tieBreak);
    case "ranked-pairs":
      return rankedPairs(input.ballots as RankedBallot[], options, tieBreak);
    case "irv":
      return irv(input.ballots as RankedBallot[], options, tieBreak);
    case "borda":
      return borda(input.ballots as RankedBallot[], options, tieBreak);
    case "approval":
      return approval(input.ballots as ApprovalBallot[], options, tieBreak);
    case "points":
      return points(
        input.ballots as PointsBallot[],
        options,
        tieBreak,
        settings.budget ?? undefined,
      );
    case "majority-judgement":
      return majorityJudgement(
        input.ballots as GradeBallot[],
        options,
        tieBreak,
        settings.grades ?? undefined,
      );
    case "equal-shares": {
      if (settings.budget == null || settings.costs == null) {
        throw new InputError("equal shares needs the budget and the cost of every project", {
          field: settings.budget == null ? "budget" : "costs",
        });
      }
      const costs = settings.costs;
      for (const option of options) {
        if (costs[option] === undefined) {
          throw new InputError(`no cost is given for project "${option}"`, {
            field: "costs",
            value: option,
          });
        }
      }
      return equalShares(input.ballots as ApprovalBallot[], costs, settings.budget, {
        ...(tieBreak === undefined ? {} : { tieBreak }),
      });
    }
  }
}
