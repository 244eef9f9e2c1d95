import type { RankedBallot, TallyResult, TieBreakOrder } from "./ballots.js";
import { pairwiseCounts } from "./pairwise.js";
import { rankByScore, tieBreakPlaces } from "./tieBreak.js";

/** The working of a Borda count. */
export interface BordaDetails {
  /** Each option's Borda score. */
  scores: Record<string, number>;
}

/**
 * Tallies ranked ballots by the Borda count (Borda 1781, "Mémoire sur les élections au
 * scrutin"), as the consultation brief defines it: an option scores one point for each option
 * ranked below it on a ballot, times the ballot's count. Options a ballot leaves out rank equal
 * last, so an option it names scores a point against each of them; options ranked equal score
 * nothing from each other. On complete strict rankings of n options this is the classic n − 1,
 * n − 2, …, 0.
 *
 * The score is the row sum of the pairwise matrix, s_i = sum_j d[i][j] ({@link pairwiseCounts}).
 * Options are ranked by score, higher first; equal scores are ordered by the tie-break order and
 * reported in `ties`. See docs/methods/ranked-ballots.md.
 *
 * With no options the ranking is empty; with no ballots the winner is null, every score is 0 and
 * every option is in one tie, in the tie-break order.
 *
 * @param ballots the ranked ballots.
 * @param options the option ids.
 * @param tieBreak the tie-break order; default the options in alphabetical order.
 * @throws InputError when a ballot is invalid (see {@link pairwiseCounts}) or the tie-break order
 *   is not a permutation of the options.
 */
export function borda(
  ballots: readonly RankedBallot[],
  options: readonly string[],
  tieBreak?: TieBreakOrder,
): TallyResult<BordaDetails> {
  const places = tieBreakPlaces(options, tieBreak);
  const size = options.length;
  const pairwise = pairwiseCounts(ballots, options);
  const totals = new Float64Array(size);
  const scores: Record<string, number> = {};
  for (let option = 0; option < size; option += 1) {
    let total = 0;
    for (let other = 0; other < size; other += 1) total += pairwise[option * size + other]!;
    totals[option] = total;
    scores[options[option]!] = total;
  }
  const { ranking, ties } = rankByScore(options, totals, places);
  return {
    method: "borda",
    winner: ballots.length === 0 ? null : (ranking[0] ?? null),
    ranking,
    ties,
    details: { scores },
  };
}
