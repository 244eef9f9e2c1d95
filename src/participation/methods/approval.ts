import { InputError } from "../../core/errors.js";
import { compensatedSum } from "../../scorecard/methods/index.js";
import type { ApprovalBallot, TallyResult, TieBreakOrder } from "./ballots.js";
import { rankByScore, tieBreakPlaces } from "./tieBreak.js";

/** The working of an approval tally. */
export interface ApprovalDetails {
  /** Each option's total approval: the sum of the counts of the ballots that approve it. */
  approvals: Record<string, number>;
  /** The total count of the ballots (the number of voters, or their total weight). */
  ballots: number;
}

/** Approval ballots read into option indexes, with each option's total approval. */
export interface ApprovalTotals {
  /** For each ballot, the indexes (into the options) of the options it approves. */
  approved: Int32Array[];
  /** Each option's total approval, in the order of the options; compensated sums. */
  totals: Float64Array;
  /** The total count of the ballots; a compensated sum. */
  weight: number;
}

/**
 * Tallies approval ballots (Brams and Fishburn 1978, "Approval voting", American Political
 * Science Review 72(3)): each option's total approval is the sum of the counts of the ballots
 * that approve it, and options rank by total approval, highest first. Equal totals are broken by
 * the tie-break order and reported in `ties`; totals are compared exactly, and with whole-number
 * counts they are exact. See docs/methods/approval-and-budgeting.md.
 *
 * With no options the ranking is empty; with no ballots the winner is null and every option is in
 * one tie, in the tie-break order.
 *
 * @param ballots the approval ballots, aggregated with counts.
 * @param options the option ids.
 * @param tieBreak the tie-break order; default the options in alphabetical order.
 * @throws InputError when an option is listed twice, a count is not positive and finite, a
 *   ballot approves an unknown option or approves an option twice, or the tie-break order is not
 *   a permutation of the options.
 */
export function approval(
  ballots: readonly ApprovalBallot[],
  options: readonly string[],
  tieBreak?: TieBreakOrder,
): TallyResult<ApprovalDetails> {
  const places = tieBreakPlaces(options, tieBreak);
  const { totals, weight } = approvalTotals(ballots, options);
  const { ranking, ties } = rankByScore(options, totals, places);
  const approvals: Record<string, number> = {};
  for (const [index, option] of options.entries()) approvals[option] = totals[index]!;
  return {
    method: "approval",
    winner: ballots.length === 0 ? null : (ranking[0] ?? null),
    ranking,
    ties,
    details: { approvals, ballots: weight },
  };
}

/**
 * Reads and checks approval ballots: each ballot's approved options as indexes, and each
 * option's total approval. Shared by {@link approval} and the participatory-budgeting methods.
 *
 * @param ballots the approval ballots.
 * @param options the option ids; they must be distinct.
 * @throws InputError when a count is not positive and finite, or a ballot approves an unknown
 *   option or approves an option twice.
 */
export function approvalTotals(
  ballots: readonly ApprovalBallot[],
  options: readonly string[],
): ApprovalTotals {
  const indexes = new Map<string, number>();
  for (const [index, option] of options.entries()) indexes.set(option, index);
  const size = options.length;
  // Neumaier sums, one running sum and one carried error per option (see compensatedSum).
  const sums = new Float64Array(size);
  const errors = new Float64Array(size);
  // stamps[option] is the number of the ballot that last approved it, so a repeat is seen
  // without clearing an array for every ballot.
  const stamps = new Float64Array(size).fill(-1);
  const approved: Int32Array[] = [];
  for (const [ballotIndex, ballot] of ballots.entries()) {
    const count = checkedCount(ballot.count, ballotIndex);
    const indexesOfBallot = new Int32Array(ballot.approved.length);
    for (const [position, option] of ballot.approved.entries()) {
      const index = indexes.get(option);
      if (index === undefined) {
        throw new InputError(
          `ballot ${ballotIndex + 1} approves "${option}", which is not an option; expected one of ${listed(options)}`,
          { field: "approved", value: option },
        );
      }
      if (stamps[index] === ballotIndex) {
        throw new InputError(`ballot ${ballotIndex + 1} approves "${option}" twice`, {
          field: "approved",
          value: option,
        });
      }
      stamps[index] = ballotIndex;
      indexesOfBallot[position] = index;
      const sum = sums[index]!;
      const next = sum + count;
      errors[index] =
        errors[index]! +
        (Math.abs(sum) >= Math.abs(count) ? sum - next + count : count - next + sum);
      sums[index] = next;
    }
    approved.push(indexesOfBallot);
  }
  const totals = new Float64Array(size);
  for (let index = 0; index < size; index += 1) totals[index] = sums[index]! + errors[index]!;
  return { approved, totals, weight: compensatedSum(ballots.map((ballot) => ballot.count)) };
}

function checkedCount(count: unknown, ballotIndex: number): number {
  // Written so that NaN, a string or a missing count fail too.
  if (!(typeof count === "number" && count > 0 && count < Infinity)) {
    throw new InputError(
      `ballot ${ballotIndex + 1} has count ${String(count)}; it must be positive and finite`,
      { field: "count", value: String(count) },
    );
  }
  return count;
}

// A long list of options is cut short in messages; the first few say what ids look like.
function listed(options: readonly string[]): string {
  const shown = 20;
  if (options.length <= shown) return options.join(", ");
  return `${options.slice(0, shown).join(", ")} and ${options.length - shown} more`;
}
