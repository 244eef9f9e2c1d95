import { InputError } from "../../core/errors.js";
import { compensatedSum } from "../../scorecard/methods/index.js";
import type { PointsBallot, TallyResult, TieBreakOrder } from "./ballots.js";
import { rankByScore, tieBreakPlaces } from "./tieBreak.js";

/** The working of a points tally. */
export interface PointsDetails {
  /** Each option's total: the sum over ballots of the ballot's count times its points. */
  totals: Record<string, number>;
  /**
   * Each option's share of all the points given, total / grand total: priority weights that sum
   * to 1 (up to rounding). Empty when no points were given at all, as there is nothing to share.
   */
  shares: Record<string, number>;
  /** The total count of the ballots (the number of voters, or their total weight). */
  ballots: number;
}

// A ballot may spend its budget to within this relative margin, so that 33.3 + 33.3 + 33.4
// counts as 100 whatever the rounding of the decimal points.
const budgetTolerance = 1e-9;

/**
 * Tallies points ballots, such as a priority budget in which each person splits 100 points among
 * the priorities (cumulative voting, the "dot voting" of consultation practice). Each option's
 * total is the sum of count × points over the ballots, and its share is total / grand total, so
 * the shares are priority weights that sum to 1. Options rank by total, highest first; equal
 * totals are broken by the tie-break order and reported in `ties`. Points left off a ballot are
 * 0. See docs/methods/approval-and-budgeting.md.
 *
 * With a budget, a ballot may give at most that many points in all (to within a relative margin
 * of 10^-9, so decimal points that add up to the budget pass); a ballot that gives fewer is
 * counted as it is, its unspent points going nowhere, so a person who gives 10 of their 100
 * points to one option adds 10 to it, not 100. Callers who want every ballot to weigh the same
 * should ask for the whole budget to be spent when the ballot is cast.
 *
 * With no options the ranking is empty; with no ballots the winner is null and every option is in
 * one tie, in the tie-break order.
 *
 * @param ballots the points ballots, aggregated with counts.
 * @param options the option ids.
 * @param tieBreak the tie-break order; default the options in alphabetical order.
 * @param budget the most points a ballot may give in all, positive and finite (100 for a
 *   priority budget); default no limit.
 * @throws InputError when an option is listed twice, a count is not positive and finite, a
 *   ballot gives points to an unknown option, gives negative or non-finite points, or gives more
 *   than the budget, when the budget is not positive and finite, or when the tie-break order is
 *   not a permutation of the options.
 */
export function points(
  ballots: readonly PointsBallot[],
  options: readonly string[],
  tieBreak?: TieBreakOrder,
  budget?: number,
): TallyResult<PointsDetails> {
  const places = tieBreakPlaces(options, tieBreak);
  if (budget !== undefined && !(budget > 0 && budget < Infinity)) {
    throw new InputError(`the points budget is ${String(budget)}; it must be positive and finite`, {
      field: "budget",
      value: String(budget),
    });
  }
  const indexes = new Map<string, number>();
  for (const [index, option] of options.entries()) indexes.set(option, index);
  const size = options.length;
  // Neumaier sums, one running sum and one carried error per option (see compensatedSum).
  const sums = new Float64Array(size);
  const errors = new Float64Array(size);
  for (const [ballotIndex, ballot] of ballots.entries()) {
    const count = ballot.count;
    if (!(typeof count === "number" && count > 0 && count < Infinity)) {
      throw new InputError(
        `ballot ${ballotIndex + 1} has count ${String(count)}; it must be positive and finite`,
        { field: "count", value: String(count) },
      );
    }
    let given = 0;
    for (const [option, value] of Object.entries(ballot.points)) {
      const index = indexes.get(option);
      if (index === undefined) {
        throw new InputError(
          `ballot ${ballotIndex + 1} gives points to "${option}", which is not an option; expected one of ${listed(options)}`,
          { field: "points", value: option },
        );
      }
      if (!(typeof value === "number" && value >= 0 && value < Infinity)) {
        throw new InputError(
          `ballot ${ballotIndex + 1} gives "${option}" ${String(value)} points; points must be 0 or more and finite`,
          { field: `points.${option}`, value: String(value) },
        );
      }
      given += value;
      const term = count * value;
      const sum = sums[index]!;
      const next = sum + term;
      errors[index] =
        errors[index]! + (Math.abs(sum) >= term ? sum - next + term : term - next + sum);
      sums[index] = next;
    }
    if (budget !== undefined && given > budget * (1 + budgetTolerance)) {
      throw new InputError(
        `ballot ${ballotIndex + 1} gives ${given} points in all, more than the budget of ${budget}`,
        { field: "points", value: String(given) },
      );
    }
  }
  const totals = new Float64Array(size);
  for (let index = 0; index < size; index += 1) totals[index] = sums[index]! + errors[index]!;
  const grandTotal = compensatedSum(totals);
  const { ranking, ties } = rankByScore(options, totals, places);
  const totalsByOption: Record<string, number> = {};
  const shares: Record<string, number> = {};
  for (const [index, option] of options.entries()) {
    totalsByOption[option] = totals[index]!;
    if (grandTotal > 0) shares[option] = totals[index]! / grandTotal;
  }
  return {
    method: "points",
    winner: ballots.length === 0 ? null : (ranking[0] ?? null),
    ranking,
    ties,
    details: {
      totals: totalsByOption,
      shares,
      ballots: compensatedSum(ballots.map((ballot) => ballot.count)),
    },
  };
}

// A long list of options is cut short in messages; the first few say what ids look like.
function listed(options: readonly string[]): string {
  const shown = 20;
  if (options.length <= shown) return options.join(", ");
  return `${options.slice(0, shown).join(", ")} and ${options.length - shown} more`;
}
