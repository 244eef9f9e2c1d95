import { InputError } from "../../core/errors.js";
import type { TieBreakOrder } from "./ballots.js";

/**
 * The default tie-break order: the options sorted by their ids, comparing UTF-16 code units
 * (so `"B" < "a"` and the order does not depend on the machine's locale).
 *
 * @param options the option ids.
 * @returns a new array, the options in alphabetical order.
 */
export function alphabeticalTieBreak(options: readonly string[]): string[] {
  return [...options].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Checks that the options are distinct and that a tie-break order is a permutation of them, and
 * gives each option its place in that order.
 *
 * @param options the option ids, in the order the method's arrays use.
 * @param tieBreak the tie-break order; default {@link alphabeticalTieBreak}.
 * @returns for each option (by its index in `options`), its 0-based place in the tie-break order.
 * @throws InputError when an option is repeated, or the tie-break order repeats, misses or adds
 *   an option.
 */
export function tieBreakPlaces(
  options: readonly string[],
  tieBreak: TieBreakOrder = alphabeticalTieBreak(options),
): Int32Array {
  const indexes = new Map<string, number>();
  for (const [index, option] of options.entries()) {
    if (indexes.has(option)) {
      throw new InputError(`option "${option}" is listed twice`, {
        field: "options",
        value: option,
      });
    }
    indexes.set(option, index);
  }
  const places = new Int32Array(options.length).fill(-1);
  for (const [place, option] of tieBreak.entries()) {
    const index = indexes.get(option);
    if (index === undefined) {
      throw new InputError(
        `tie-break order names "${option}", which is not an option; expected a permutation of ${options.join(", ")}`,
        { field: "tieBreak", value: option },
      );
    }
    if (places[index] !== -1) {
      throw new InputError(`tie-break order names "${option}" twice`, {
        field: "tieBreak",
        value: option,
      });
    }
    places[index] = place;
  }
  const missing = options.filter((_, index) => places[index] === -1);
  if (missing.length > 0) {
    throw new InputError(
      `tie-break order leaves out ${missing.join(", ")}; it must name every option once`,
      { field: "tieBreak" },
    );
  }
  return places;
}

/** A ranking of every option and the ties the tie-break order separated in it. */
export interface BrokenTies {
  /** Every option, best first. */
  ranking: string[];
  /** The groups of options the relation did not separate, each in ranking order. */
  ties: string[][];
}

/**
 * Ranks options by a strict partial order (irreflexive and transitive, such as Schulze's
 * beatpath relation or a higher score), using the tie-break order where the relation is silent.
 *
 * The ranking is {@link linearExtension}. A tie group is a connected component, of more than one
 * option, of the graph joining each pair of options the relation does not separate. Each such
 * component occupies consecutive places in any linear extension (a partial order is the ordinal
 * sum of the components of its incomparability graph), so the groups come out in ranking order.
 * For an order by scores the groups are simply the options with equal scores.
 *
 * @param options the option ids.
 * @param beats whether option `i` ranks above option `j` (indexes into `options`).
 * @param places each option's place in the tie-break order, from {@link tieBreakPlaces}.
 */
export function rankByRelation(
  options: readonly string[],
  beats: (i: number, j: number) => boolean,
  places: Int32Array,
): BrokenTies {
  const order = linearExtension(options.length, beats, places);
  const groups = new TieGroups(options.length);
  groups.joinIncomparable(beats);
  return { ranking: order.map((index) => options[index]!), ties: groups.list(options, order) };
}

/**
 * Orders options by score, higher first, with equal scores broken by the tie-break order.
 *
 * @param options the option ids.
 * @param scores each option's score, in the order of `options`.
 * @param places each option's place in the tie-break order, from {@link tieBreakPlaces}.
 */
export function rankByScore(
  options: readonly string[],
  scores: ArrayLike<number>,
  places: Int32Array,
): BrokenTies {
  return rankByRelation(options, (i, j) => scores[i]! > scores[j]!, places);
}

/**
 * A linear extension of a strict partial order on options, chosen by the tie-break order: it
 * repeatedly places, of the options not yet placed that no unplaced option beats, the one
 * earliest in the tie-break order. Cubic in the number of options, which is small.
 *
 * @param count the number of options.
 * @param beats whether option `i` ranks above option `j`; must be irreflexive and acyclic.
 * @param places each option's place in the tie-break order.
 * @returns the option indexes, best first.
 */
export function linearExtension(
  count: number,
  beats: (i: number, j: number) => boolean,
  places: Int32Array,
): number[] {
  const placed = new Uint8Array(count);
  const order: number[] = [];
  for (let step = 0; step < count; step += 1) {
    let chosen = -1;
    for (let candidate = 0; candidate < count; candidate += 1) {
      if (placed[candidate] === 1) continue;
      if (chosen !== -1 && places[candidate]! > places[chosen]!) continue;
      let beaten = false;
      for (let other = 0; other < count && !beaten; other += 1) {
        beaten = placed[other] === 0 && other !== candidate && beats(other, candidate);
      }
      if (!beaten) chosen = candidate;
    }
    // A strict partial order always leaves an unbeaten option; a relation with a cycle may not.
    if (chosen === -1) throw new Error("linearExtension: the relation has a cycle");
    placed[chosen] = 1;
    order.push(chosen);
  }
  return order;
}

/**
 * Groups of options joined by ties, kept as a union–find forest: joining two options merges
 * their groups, so ties that share an option end up in one group.
 */
export class TieGroups {
  private readonly parent: Int32Array;

  /** @param count the number of options. */
  constructor(count: number) {
    this.parent = Int32Array.from({ length: count }, (_, index) => index);
  }

  /** Puts options `i` and `j` (indexes) in the same group. */
  join(i: number, j: number): void {
    this.parent[this.root(j)] = this.root(i);
  }

  /** Joins every pair of options that a relation separates in neither direction. */
  joinIncomparable(beats: (i: number, j: number) => boolean): void {
    const count = this.parent.length;
    for (let i = 0; i < count; i += 1) {
      for (let j = i + 1; j < count; j += 1) {
        if (!beats(i, j) && !beats(j, i)) this.join(i, j);
      }
    }
  }

  /**
   * The groups of more than one option, ordered by where their first member comes in `order`,
   * each group's members in that order too.
   *
   * @param options the option ids.
   * @param order the option indexes in ranking order.
   */
  list(options: readonly string[], order: readonly number[]): string[][] {
    const groups = new Map<number, string[]>();
    for (const index of order) {
      const key = this.root(index);
      const group = groups.get(key);
      if (group === undefined) groups.set(key, [options[index]!]);
      else group.push(options[index]!);
    }
    return [...groups.values()].filter((group) => group.length > 1);
  }

  private root(index: number): number {
    let at = index;
    while (this.parent[at] !== at) at = this.parent[at]!;
    return at;
  }
}
