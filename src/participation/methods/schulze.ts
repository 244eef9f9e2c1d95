import type { RankedBallot, TallyResult, TieBreakOrder } from "./ballots.js";
import { pairwiseCounts, squareRows } from "./pairwise.js";
import { rankByRelation, tieBreakPlaces } from "./tieBreak.js";

/** The working of a Schulze tally. */
export interface SchulzeDetails {
  /** `pairwise[i][j]`: the total count of ballots ranking option i above option j. */
  pairwise: number[][];
  /** `strongestPaths[i][j]`: the strength of the strongest path from option i to option j. */
  strongestPaths: number[][];
  /** The options, in the order of the matrices' rows and columns. */
  options: string[];
}

/**
 * Tallies ranked ballots by the Schulze method (Schulze 2011, "A new monotonic,
 * clone-independent, reversal symmetric, and Condorcet-consistent single-winner election
 * method", Social Choice and Welfare 36:267–303), with link strengths measured in winning votes.
 *
 * With d the pairwise matrix ({@link pairwiseCounts}), the link from i to j has strength d[i][j]
 * when d[i][j] > d[j][i] and 0 otherwise. The strength p[i][j] of the strongest path from i to j
 * is the largest, over paths of links, of the weakest link on the path; it is found by the
 * Floyd–Warshall widest-path recurrence p[i][j] = max(p[i][j], min(p[i][k], p[k][j])). Option i
 * ranks above option j when p[i][j] > p[j][i]; Schulze proves this relation transitive, so it is
 * a strict partial order. Options it does not separate are ordered by the tie-break order and
 * reported in `ties` (see {@link rankByRelation}); the winner is the first option in the ranking,
 * one of Schulze's potential winners. See docs/methods/ranked-ballots.md.
 *
 * With no options the ranking is empty; with no ballots the winner is null and every option is in
 * one tie, in the tie-break order.
 *
 * @param ballots the ranked ballots (options left off a ballot rank last, equal).
 * @param options the option ids.
 * @param tieBreak the tie-break order; default the options in alphabetical order.
 * @throws InputError when a ballot is invalid (see {@link pairwiseCounts}) or the tie-break order
 *   is not a permutation of the options.
 */
export function schulze(
  ballots: readonly RankedBallot[],
  options: readonly string[],
  tieBreak?: TieBreakOrder,
): TallyResult<SchulzeDetails> {
  const places = tieBreakPlaces(options, tieBreak);
  const size = options.length;
  const pairwise = pairwiseCounts(ballots, options);
  const paths = strongestPaths(pairwise, size);
  const { ranking, ties } = rankByRelation(
    options,
    (i, j) => paths[i * size + j]! > paths[j * size + i]!,
    places,
  );
  return {
    method: "schulze",
    winner: ballots.length === 0 ? null : (ranking[0] ?? null),
    ranking,
    ties,
    details: {
      pairwise: squareRows(pairwise, size),
      strongestPaths: squareRows(paths, size),
      options: [...options],
    },
  };
}

/**
 * The strengths of the strongest paths between options, from a flat n × n pairwise matrix, with
 * links measured in winning votes. The diagonal is 0.
 *
 * @param pairwise the flat row-major pairwise matrix from {@link pairwiseCounts}.
 * @param size the number of options, n.
 * @returns a flat row-major n × n array of path strengths.
 */
export function strongestPaths(pairwise: Float64Array, size: number): Float64Array {
  const paths = new Float64Array(size * size);
  for (let i = 0; i < size; i += 1) {
    for (let j = 0; j < size; j += 1) {
      const forward = pairwise[i * size + j]!;
      if (i !== j && forward > pairwise[j * size + i]!) paths[i * size + j] = forward;
    }
  }
  // Floyd–Warshall for the widest (maximin) path, with k the highest intermediate option allowed.
  for (let k = 0; k < size; k += 1) {
    for (let i = 0; i < size; i += 1) {
      const viaK = paths[i * size + k]!;
      if (i === k || viaK === 0) continue;
      for (let j = 0; j < size; j += 1) {
        if (j === i || j === k) continue;
        const strength = Math.min(viaK, paths[k * size + j]!);
        if (strength > paths[i * size + j]!) paths[i * size + j] = strength;
      }
    }
  }
  return paths;
}
