import type { RankedBallot, TallyResult, TieBreakOrder } from "./ballots.js";
import { RankingReader } from "./pairwise.js";
import { tieBreakPlaces } from "./tieBreak.js";

/** One round of an instant-runoff count. */
export interface InstantRunoffRound {
  /** The votes of each option still in the count at the start of the round. */
  tallies: Record<string, number>;
  /** The total count of ballots that name no option still in the count. */
  exhausted: number;
  /** The option eliminated at the end of the round; null in a final round with one option. */
  eliminated: string | null;
  /**
   * The option elected in this round: the first to hold a majority of the votes still in the
   * count, or, if none ever does, the last one left. Null in the other rounds.
   */
  elected: string | null;
}

/** The working of an instant-runoff tally. */
export interface InstantRunoffDetails {
  rounds: InstantRunoffRound[];
}

/**
 * Tallies ranked ballots by instant-runoff voting (the alternative vote; Hare's single
 * transferable vote with one seat, as the Electoral Reform Society describes it).
 *
 * Each round every ballot counts for its highest-ranked option still in the count; when a ballot
 * ranks several such options equal at its top, its count is split equally among them. A ballot
 * that names no option still in the count is exhausted: options it leaves out rank equal last
 * on it, so it expresses no preference between them. An option holding more than half the votes
 * not exhausted is elected. Either way, the option with the fewest votes is then eliminated; of
 * options tied for fewest, the one latest in the tie-break order, and the tied options are
 * reported in `ties` (ties in successive rounds among the same options form one group). The count
 * goes on until one option is left, so that every option is ranked: the winner first, then the
 * others by when they were eliminated, the last eliminated highest. An option with a majority can
 * never be eliminated later (its votes only grow and are more than all others' together), so
 * counting on does not change the winner.
 *
 * Votes are compensated sums; tallies within 1e-12 of the total count of each other are taken as
 * equal, so that rounding in the split shares (thirds, say) cannot decide an elimination.
 *
 * With no options the ranking is empty; with no ballots the winner is null, every round's tallies
 * are 0, and the options are eliminated in reverse tie-break order, all in one tie.
 *
 * @param ballots the ranked ballots.
 * @param options the option ids.
 * @param tieBreak the tie-break order; default the options in alphabetical order.
 * @throws InputError when a ballot is invalid (see {@link RankingReader}) or the tie-break order
 *   is not a permutation of the options.
 */
export function irv(
  ballots: readonly RankedBallot[],
  options: readonly string[],
  tieBreak?: TieBreakOrder,
): TallyResult<InstantRunoffDetails> {
  const places = tieBreakPlaces(options, tieBreak);
  const size = options.length;
  const read = readBallots(ballots, options);
  const tolerance = 1e-12 * read.total;

  const continuing = new Uint8Array(size).fill(1);
  const tops = read.starts.slice(0, -1);
  const rounds: InstantRunoffRound[] = [];
  const eliminated: number[] = [];
  const tieEvents: number[][] = [];
  let previousTie: number[] = [];
  let elected = -1;
  for (let remaining = size; remaining >= 1; remaining -= 1) {
    const { votes, exhausted } = countRound(read, continuing, tops);

    const tallies: Record<string, number> = {};
    let inCount = 0;
    for (let option = 0; option < size; option += 1) {
      if (continuing[option] === 0) continue;
      tallies[options[option]!] = votes[option]!;
      inCount += votes[option]!;
    }
    const round: InstantRunoffRound = { tallies, exhausted, eliminated: null, elected: null };
    rounds.push(round);
    if (elected === -1) {
      for (let option = 0; option < size; option += 1) {
        if (continuing[option] === 1 && 2 * votes[option]! - inCount > tolerance) {
          elected = option;
          round.elected = options[option]!;
        }
      }
    }
    if (remaining === 1) {
      // Only when there was one option from the start.
      if (elected === -1) {
        elected = continuing.indexOf(1);
        round.elected = options[elected]!;
      }
      break;
    }

    let fewest = Infinity;
    for (let option = 0; option < size; option += 1) {
      if (continuing[option] === 1) fewest = Math.min(fewest, votes[option]!);
    }
    const tied: number[] = [];
    for (let option = 0; option < size; option += 1) {
      if (continuing[option] === 1 && votes[option]! - fewest <= tolerance) tied.push(option);
    }
    const loser = tied.reduce((latest, option) =>
      places[option]! > places[latest]! ? option : latest,
    );
    continuing[loser] = 0;
    eliminated.push(loser);
    round.eliminated = options[loser]!;
    // A tie among options already tied in the previous round continues that tie.
    if (tied.length > 1 && !tied.every((option) => previousTie.includes(option))) {
      tieEvents.push(tied);
    }
    previousTie = tied.length > 1 ? tied : [];
    if (remaining === 2) {
      if (elected === -1) {
        elected = continuing.indexOf(1);
        round.elected = options[elected]!;
      }
      break;
    }
  }

  // The last option left first, then the eliminated ones, the last eliminated highest.
  const order = size === 0 ? [] : [continuing.indexOf(1), ...eliminated.reverse()];
  const position = new Int32Array(size);
  for (const [at, option] of order.entries()) position[option] = at;
  const ties = tieEvents
    .map((tie) => [...tie].sort((a, b) => position[a]! - position[b]!))
    .sort((a, b) => position[a[0]!]! - position[b[0]!]!)
    .map((tie) => tie.map((option) => options[option]!));
  return {
    method: "irv",
    winner: ballots.length === 0 || size === 0 ? null : options[order[0]!]!,
    ranking: order.map((option) => options[option]!),
    ties,
    details: { rounds },
  };
}

/**
 * One round's votes: each ballot's count goes to its best group of continuing options, split
 * equally among them, or to the exhausted total if it names none. `tops[ballot]` is where the
 * search for that group starts; options only ever leave the count, so it only moves down the
 * ballot, and is kept from round to round.
 */
function countRound(
  read: ReadBallots,
  continuing: Uint8Array,
  tops: Int32Array,
): { votes: Float64Array; exhausted: number } {
  const { counts, starts, named, groupEnds } = read;
  const sums = new Float64Array(continuing.length);
  const compensations = new Float64Array(continuing.length);
  let exhausted = 0;
  for (let ballot = 0; ballot < counts.length; ballot += 1) {
    const stop = starts[ballot + 1]!;
    let position = tops[ballot]!;
    // Find the ballot's best group that still has a continuing option.
    let share = 0;
    while (position < stop && share === 0) {
      const groupEnd = groupEnds[position]!;
      for (let at = position; at < groupEnd; at += 1) share += continuing[named[at]!]!;
      if (share === 0) position = groupEnd;
    }
    tops[ballot] = position;
    if (share === 0) {
      exhausted += counts[ballot]!;
      continue;
    }
    const vote = counts[ballot]! / share;
    for (let at = position; at < groupEnds[position]!; at += 1) {
      const option = named[at]!;
      if (continuing[option] === 1) addCompensated(sums, compensations, option, vote);
    }
  }
  return { votes: sums.map((sum, option) => sum + compensations[option]!), exhausted };
}

/** Ranked ballots read once into flat arrays of option indexes. */
interface ReadBallots {
  /** Each ballot's count. */
  counts: Float64Array;
  /** Ballot b's named options are `named[starts[b]]` to `named[starts[b + 1] - 1]`, best first. */
  starts: Int32Array;
  named: Int32Array;
  /** For each entry of `named`, the index in `named` where its group of equals ends. */
  groupEnds: Int32Array;
  /** The total count of all ballots. */
  total: number;
}

function readBallots(ballots: readonly RankedBallot[], options: readonly string[]): ReadBallots {
  const reader = new RankingReader(options);
  const counts = new Float64Array(ballots.length);
  const starts = new Int32Array(ballots.length + 1);
  // Room for every ballot naming every option; trimmed below.
  const named = new Int32Array(ballots.length * options.length);
  const groupEnds = new Int32Array(ballots.length * options.length);
  let length = 0;
  let total = 0;
  for (const [index, ballot] of ballots.entries()) {
    const namedHere = reader.read(ballot, index);
    for (let position = 0; position < namedHere; position += 1) {
      named[length + position] = reader.order[position]!;
      groupEnds[length + position] = length + reader.groupEnds[position]!;
    }
    length += namedHere;
    counts[index] = ballot.count;
    starts[index + 1] = length;
    total += ballot.count;
  }
  return {
    counts,
    starts,
    named: named.subarray(0, length),
    groupEnds: groupEnds.subarray(0, length),
    total,
  };
}

/** Adds a value to `sums[at]` with Neumaier's compensated summation (Neumaier 1974). */
function addCompensated(
  sums: Float64Array,
  compensations: Float64Array,
  at: number,
  value: number,
): void {
  const sum = sums[at]!;
  const next = sum + value;
  compensations[at] =
    compensations[at]! +
    (Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum);
  sums[at] = next;
}
