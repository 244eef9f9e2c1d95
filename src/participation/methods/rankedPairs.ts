import type { RankedBallot, TallyResult, TieBreakOrder } from "./ballots.js";
import { pairwiseCounts, squareRows } from "./pairwise.js";
import { linearExtension, TieGroups, tieBreakPlaces } from "./tieBreak.js";

/** The working of a ranked-pairs tally. */
export interface RankedPairsDetails {
  /** `pairwise[i][j]`: the total count of ballots ranking option i above option j. */
  pairwise: number[][];
  /** The options, in the order of the matrix's rows and columns. */
  options: string[];
  /** The pairs locked in, as `[winner, loser]`, in the order they were considered. */
  locked: [string, string][];
  /** The pairs skipped because they would have closed a cycle, in the order considered. */
  skipped: [string, string][];
}

/**
 * Tallies ranked ballots by Tideman's ranked pairs (Tideman 1987, "Independence of clones as a
 * criterion for voting rules", Social Choice and Welfare 4:185–206), with pairs sorted by winning
 * votes.
 *
 * With d the pairwise matrix ({@link pairwiseCounts}), every ordered pair (i, j) with
 * d[i][j] > d[j][i] is a majority. Majorities are taken strongest first: larger d[i][j] first,
 * then smaller opposition d[j][i]; among majorities equal on both, the one whose winner comes
 * earlier in the tie-break order first, then the one whose loser comes later (Zavist and Tideman
 * 1989, "Complete independence of clones in the ranked pairs rule", Social Choice and Welfare
 * 6:167–173, order pairs by a tie-breaking ranking this way). Each is locked in unless it would
 * close a cycle with those already locked, in which case it is skipped. The ranking is a
 * topological order of the locked graph; options the graph leaves incomparable (only possible
 * when d[i][j] = d[j][i]) are ordered by the tie-break order.
 *
 * `ties` reports two kinds of tie the tie-break order settled: options left incomparable by the
 * locked graph, and options on a cycle formed by majorities of equal strength, where the order in
 * which they were taken decided which was skipped. Ties sharing an option are merged into one
 * group. See docs/methods/ranked-ballots.md.
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
export function rankedPairs(
  ballots: readonly RankedBallot[],
  options: readonly string[],
  tieBreak?: TieBreakOrder,
): TallyResult<RankedPairsDetails> {
  const places = tieBreakPlaces(options, tieBreak);
  const size = options.length;
  const pairwise = pairwiseCounts(ballots, options);
  const majorities: Majority[] = [];
  for (let winner = 0; winner < size; winner += 1) {
    for (let loser = 0; loser < size; loser += 1) {
      const support = pairwise[winner * size + loser]!;
      const opposition = pairwise[loser * size + winner]!;
      if (support > opposition) majorities.push({ winner, loser, support, opposition });
    }
  }
  majorities.sort(
    (a, b) =>
      b.support - a.support ||
      a.opposition - b.opposition ||
      places[a.winner]! - places[b.winner]! ||
      places[b.loser]! - places[a.loser]!,
  );

  // reaches[x * size + y] is 1 when the locked graph has a path from x to y.
  const reaches = new Uint8Array(size * size);
  const groups = new TieGroups(size);
  const locked: [string, string][] = [];
  const skipped: [string, string][] = [];
  for (let start = 0; start < majorities.length;) {
    let end = start + 1;
    while (end < majorities.length && sameStrength(majorities[start]!, majorities[end]!)) {
      end += 1;
    }
    const run = majorities.slice(start, end);
    if (run.length > 1) joinTiedCycles(run, reaches, size, groups);
    for (const { winner, loser } of run) {
      const pair: [string, string] = [options[winner]!, options[loser]!];
      if (reaches[loser * size + winner] === 1) {
        skipped.push(pair);
      } else {
        lock(reaches, size, winner, loser);
        locked.push(pair);
      }
    }
    start = end;
  }

  const beats = (i: number, j: number) => reaches[i * size + j] === 1;
  const order = linearExtension(size, beats, places);
  groups.joinIncomparable(beats);
  return {
    method: "ranked-pairs",
    winner: ballots.length === 0 || size === 0 ? null : options[order[0]!]!,
    ranking: order.map((index) => options[index]!),
    ties: groups.list(options, order),
    details: { pairwise: squareRows(pairwise, size), options: [...options], locked, skipped },
  };
}

/** One majority: `support` ballots rank `winner` above `loser`, `opposition` the reverse. */
interface Majority {
  winner: number;
  loser: number;
  support: number;
  opposition: number;
}

function sameStrength(a: Majority, b: Majority): boolean {
  return a.support === b.support && a.opposition === b.opposition;
}

/**
 * Adds the edge winner → loser to a transitive closure: everything that reaches the winner (and
 * the winner) now reaches everything the loser reaches (and the loser).
 */
function lock(reaches: Uint8Array, size: number, winner: number, loser: number): void {
  for (let from = 0; from < size; from += 1) {
    if (from !== winner && reaches[from * size + winner] !== 1) continue;
    reaches[from * size + loser] = 1;
    for (let to = 0; to < size; to += 1) {
      if (reaches[loser * size + to] === 1) reaches[from * size + to] = 1;
    }
  }
}

/**
 * Joins into tie groups the options on any cycle that majorities of equal strength would close
 * among themselves. The majorities of such a run that do not close a cycle with the graph locked
 * so far are added, all together, to a copy of its closure; if the result has a cycle, the order
 * the tie-break order gave the run decides which of its majorities are skipped, so the options on
 * each cycle are tied. Otherwise every order locks the same majorities and nothing is reported.
 */
function joinTiedCycles(
  run: readonly Majority[],
  reaches: Uint8Array,
  size: number,
  groups: TieGroups,
): void {
  const together = reaches.slice();
  for (const { winner, loser } of run) {
    if (reaches[loser * size + winner] !== 1) lock(together, size, winner, loser);
  }
  for (let i = 0; i < size; i += 1) {
    for (let j = i + 1; j < size; j += 1) {
      if (together[i * size + j] === 1 && together[j * size + i] === 1) groups.join(i, j);
    }
  }
}
