import { InputError, PlacefirstError } from "../../core/errors.js";

/** One item of a planned contract: the smallest piece of work that can go into a lot. */
export interface ContractItem {
  /** The item's id, unique in the contract. */
  id: string;
  /** What the item is, for people; not used in the plan. */
  description?: string;
  /**
   * The item's CPV code ("45210000-2"), or at least its division, the first two digits ("45").
   * Only the division is compared with the SMEs' capabilities.
   */
  cpvCode: string;
  /** The item's estimated value, whole pence, 0 or more. */
  valuePence: number;
}

/** A small or medium-sized enterprise based in the place, which could bid for a lot. */
export interface LocalSme {
  /** The SME's id, unique among the SMEs. */
  id: string;
  /**
   * The largest lot the SME could take on, whole pence, 0 or more. How it is set is the
   * caller's choice (a share of annual turnover is common); the plan only compares it with
   * each lot's value.
   */
  capacityPence: number;
  /**
   * The CPV codes (or two-digit divisions) the SME works in. Only the division, the first two
   * digits, is compared with the items'.
   */
  capabilities: readonly string[];
}

/** What a lot plan must meet, and how it is found. */
export interface LotPlanOptions {
  /**
   * The most lots the contract may be split into, a whole number of 1 or more; default no
   * limit (at most one lot per item).
   */
  maxLots?: number;
  /**
   * The least value of a lot, whole pence, 0 or more; default 0. A contract whose whole value is
   * below it is kept as one lot (see {@link LotPlan.wholeContractBelowMinLotValue}).
   */
  minLotValuePence?: number;
  /**
   * Whether a lot is within reach of an SME only if the SME's capabilities cover every CPV
   * division in the lot, as well as its capacity covering the lot's value; default true. When
   * false, capacity alone decides.
   */
  requireCapability?: boolean;
  /**
   * The most items for which the plan is found exactly, by dynamic programming over subsets of
   * items; above it the heuristic is used. From 0 (always the heuristic) to 14; default 12.
   * The exact search takes time of the order of 3ⁿ × n for n items.
   */
  exactMaxItems?: number;
}

/** One lot of the plan. */
export interface PlannedLot {
  /** The lot's number, from 1, in the order of the contract's items. */
  number: number;
  /** The ids of the items in the lot, in the contract's order. */
  itemIds: string[];
  /** The lot's value, the sum of its items' values, whole pence. */
  valuePence: number;
  /** The CPV divisions (two digits) of the lot's items, in code order, without repeats. */
  cpvDivisions: string[];
  /** Whether at least one local SME could take the lot on. */
  withinReach: boolean;
  /** The ids of the local SMEs that could take the lot on, in the order given. */
  smeIds: string[];
}

/**
 * One reason the plan does not bring the whole contract within reach of local SMEs, as a
 * discriminated union on `kind`:
 * - `noLocalSmes`: no local SME was given;
 * - `capability`: items of CPV divisions that no local SME lists (with `requireCapability`);
 * - `capacity`: items that alone are worth more than any local SME able to do them can take;
 * - `maxLots`: allowing more lots would bring more within reach, `valueWithinReachPence` with
 *   the limit lifted (and the least lot value kept);
 * - `minLotValue`: smaller lots would bring more within reach, `valueWithinReachPence` with the
 *   least lot value lifted (and the most lots kept).
 */
export type LotPlanLimit =
  | { kind: "noLocalSmes" }
  | { kind: "capability"; itemIds: string[]; cpvDivisions: string[] }
  | { kind: "capacity"; itemIds: string[] }
  | { kind: "maxLots"; maxLots: number; valueWithinReachPence: number }
  | { kind: "minLotValue"; minLotValuePence: number; valueWithinReachPence: number };

/** A lot plan, the reach before and after, and what limits it. Money in whole pence. */
export interface LotPlan {
  /**
   * How the plan was found: "exact" (dynamic programming over subsets of items, optimal) or
   * "heuristic" (grouping by CPV division, first-fit decreasing and local improvement; feasible
   * and never below the one-lot plan, but not proven optimal).
   */
  method: "exact" | "heuristic";
  /** The lots, in the order of their first item in the contract. */
  lots: PlannedLot[];
  /** The contract's value, the sum of its items' values. */
  totalValuePence: number;
  /** The value of the lots within reach of local SMEs, with the plan. */
  valueWithinReachPence: number;
  /** `valueWithinReachPence / totalValuePence`; undefined when the contract is worth 0. */
  shareWithinReach: number | undefined;
  /** The value within reach with the contract let as one lot: all of it or none. */
  oneLotValueWithinReachPence: number;
  /** `oneLotValueWithinReachPence / totalValuePence`; undefined when the contract is worth 0. */
  oneLotShareWithinReach: number | undefined;
  /**
   * The most any plan could bring within reach, whatever the limits on lots: the value of the
   * items each within reach on its own.
   */
  upperBoundPence: number;
  /** Why the plan falls short of the whole contract; empty when it does not. */
  limits: LotPlanLimit[];
  /**
   * True when the contract's whole value is below `minLotValuePence`, so that it is kept as one
   * lot instead of being refused.
   */
  wholeContractBelowMinLotValue: boolean;
}

/** The largest `exactMaxItems` allowed: 3¹⁴ × 14 steps is about a second. */
const exactItemsCeiling = 14;
/** A guard on the heuristic's improvement passes; each pass that changes anything improves. */
const maxImprovementPasses = 200;

/**
 * Plans the lots of a contract to bring as much of its value as possible within reach of local
 * SMEs. A lot is within reach when at least one local SME has a capacity of at least the lot's
 * value and (with `requireCapability`, the default) capabilities covering every CPV division
 * (the first two digits of the code) of the lot's items. Items are indivisible and each goes
 * into exactly one lot; there are at most `maxLots` lots, each worth at least
 * `minLotValuePence` (unless the whole contract is worth less, when it stays one lot).
 *
 * The objective is the value of the lots within reach, the largest first; among plans reaching
 * the same value, the one with fewer lots. Reach is monotone (a part of a lot within reach is
 * within reach), so with no limit on lots the best plan reaches every item that is within reach
 * on its own: that is `upperBoundPence`.
 *
 * **Exact** (up to `exactMaxItems` items, default 12): dynamic programming over subsets of
 * items, `best[S][j]` = the most value within reach from splitting the items S into j lots,
 * built by choosing the lot that holds the lowest-numbered item of S (so each partition is
 * counted once); time of the order of 3ⁿ × n. Ties keep the first split found, so the plan is
 * deterministic.
 *
 * **Heuristic** (more items): (1) items out of reach even alone go together into one lot;
 * (2) the rest are packed first-fit decreasing (the largest first, each into the first lot that
 * stays within reach with it), once grouped by CPV division and, with `requireCapability`, once
 * all together, so that lots may span divisions where SMEs work in several; the better of the
 * two runs of the next steps is kept; (3) lots are merged pairwise where the merged lot stays
 * within reach, smallest merged value first; (4) lots below the least lot value are merged into the partner that loses least reach,
 * then, while there are more than `maxLots` lots, the pair that loses least is merged;
 * (5) single-item moves (to another lot or, within `maxLots`, a new lot) and swaps between lots
 * are made while they increase the value within reach or, at equal value, remove a lot. Every
 * step keeps the limits, so the plan is feasible; and it is never below the one-lot plan, which
 * is returned whenever it reaches the whole contract.
 *
 * What limits the plan is found by solving again (by the same method) with `maxLots` lifted and
 * with `minLotValuePence` lifted, when the plan falls short of `upperBoundPence`. See
 * docs/methods/procurement-matching.md.
 *
 * @param items the contract's items.
 * @param smes the local SMEs.
 * @param options the limits on lots and the method.
 * @returns the lots, the value within reach before and after, and what limits it.
 * @throws InputError for a repeated or empty id, a value or capacity that is not a whole number
 *   of pence of 0 or more, a CPV code that does not start with two digits, or an option out of
 *   range.
 */
export function lotPlan(
  items: readonly ContractItem[],
  smes: readonly LocalSme[],
  options: LotPlanOptions = {},
): LotPlan {
  const problem = checkProblem(items, smes, options);
  const { values, totalValuePence, reach } = problem;
  const count = values.length;

  const wholeMask = problem.itemDivisions.reduce((mask, division) => mask | division, 0n);
  const wholeWithinReach = count > 0 && reach.withinReach(totalValuePence, wholeMask);
  const oneLotValueWithinReachPence = wholeWithinReach ? totalValuePence : 0;
  const upperBoundPence = values.reduce(
    (sum, value, item) =>
      reach.withinReach(value, problem.itemDivisions[item]!) ? sum + value : sum,
    0,
  );
  const wholeContractBelowMinLotValue = count > 0 && totalValuePence < problem.minLotValuePence;
  const method = count <= problem.exactMaxItems ? "exact" : "heuristic";

  let partition: number[][];
  if (count === 0) {
    partition = [];
  } else if (wholeWithinReach || wholeContractBelowMinLotValue) {
    // One lot reaching everything is optimal (all the value, fewest lots); a contract below the
    // least lot value has no other feasible plan.
    partition = [values.map((_, item) => item)];
  } else {
    partition = solve(problem, method, problem.maxLots, problem.minLotValuePence).lots;
  }

  const lots = describeLots(partition, problem);
  const valueWithinReachPence = lots.reduce(
    (sum, lot) => (lot.withinReach ? sum + lot.valuePence : sum),
    0,
  );
  const limits = findLimits(problem, method, valueWithinReachPence, upperBoundPence);
  const share = (value: number): number | undefined =>
    totalValuePence > 0 ? value / totalValuePence : undefined;
  return {
    method,
    lots,
    totalValuePence,
    valueWithinReachPence,
    shareWithinReach: share(valueWithinReachPence),
    oneLotValueWithinReachPence,
    oneLotShareWithinReach: share(oneLotValueWithinReachPence),
    upperBoundPence,
    limits,
    wholeContractBelowMinLotValue,
  };
}

/** The contract, the SMEs and the options, checked and indexed. */
interface Problem {
  items: readonly ContractItem[];
  smes: readonly LocalSme[];
  values: number[];
  /** Each item's CPV division as a one-bit mask over the contract's divisions. */
  itemDivisions: bigint[];
  /** The contract's divisions, in code order; bit k of a mask is `divisions[k]`. */
  divisions: string[];
  totalValuePence: number;
  maxLots: number;
  minLotValuePence: number;
  exactMaxItems: number;
  requireCapability: boolean;
  reach: Reach;
}

/** A plan as item indices per lot, and its value within reach. */
interface Solution {
  lots: number[][];
  valueWithinReach: number;
}

/**
 * Which SMEs can take a lot: the largest capacity among the SMEs able to do a set of divisions,
 * cached per set, so that a lot is within reach when its value is at most that capacity.
 */
class Reach {
  readonly #capacities: number[];
  readonly #covers: bigint[];
  readonly #requireCapability: boolean;
  readonly #largest = new Map<bigint, number>();

  constructor(capacities: number[], covers: bigint[], requireCapability: boolean) {
    this.#capacities = capacities;
    this.#covers = covers;
    this.#requireCapability = requireCapability;
  }

  /** Whether SME `sme` can take a lot of this value and these divisions. */
  canTake(sme: number, valuePence: number, divisions: bigint): boolean {
    return (
      this.#capacities[sme]! >= valuePence &&
      (!this.#requireCapability || (divisions & ~this.#covers[sme]!) === 0n)
    );
  }

  /** The largest capacity of an SME able to do every division of the set; -1 when none is. */
  largestCapacity(divisions: bigint): number {
    const key = this.#requireCapability ? divisions : 0n;
    let largest = this.#largest.get(key);
    if (largest === undefined) {
      largest = -1;
      this.#capacities.forEach((capacity, sme) => {
        if (capacity > largest! && this.canTake(sme, 0, key)) largest = capacity;
      });
      this.#largest.set(key, largest);
    }
    return largest;
  }

  /** Whether some SME can take a lot of this value and these divisions. */
  withinReach(valuePence: number, divisions: bigint): boolean {
    return valuePence <= this.largestCapacity(divisions);
  }
}

/** The plan by the given method under the given limits. */
function solve(
  problem: Problem,
  method: "exact" | "heuristic",
  maxLots: number,
  minLotValuePence: number,
): Solution {
  return method === "exact"
    ? solveExact(problem, maxLots, minLotValuePence)
    : solveHeuristic(problem, maxLots, minLotValuePence);
}

/**
 * The optimal plan by dynamic programming over subsets of items. `best[mask * stride + j]` is
 * the most value within reach from splitting the items of `mask` into exactly j lots each worth
 * at least the least lot value, or -1 when no such split exists; `choice` holds the lot that
 * contains the lowest item of `mask` in that split.
 */
function solveExact(problem: Problem, maxLots: number, minLotValuePence: number): Solution {
  const { values, itemDivisions, reach } = problem;
  const count = values.length;
  const subsets = 1 << count;
  const lotLimit = Math.min(maxLots, count);
  const stride = lotLimit + 1;

  // The value, the within-reach value and the size of every subset, built from the subset
  // without its lowest item.
  const subsetValue = new Float64Array(subsets);
  const subsetDivisions: bigint[] = new Array<bigint>(subsets).fill(0n);
  const reachValue = new Float64Array(subsets);
  const size = new Uint8Array(subsets);
  for (let mask = 1; mask < subsets; mask += 1) {
    const lowest = 31 - Math.clz32(mask & -mask);
    const rest = mask & (mask - 1);
    subsetValue[mask] = subsetValue[rest]! + values[lowest]!;
    subsetDivisions[mask] = subsetDivisions[rest]! | itemDivisions[lowest]!;
    size[mask] = size[rest]! + 1;
    reachValue[mask] = reach.withinReach(subsetValue[mask]!, subsetDivisions[mask]!)
      ? subsetValue[mask]!
      : 0;
  }

  const best = new Float64Array(subsets * stride).fill(-1);
  const choice = new Int32Array(subsets * stride);
  best[0] = 0;
  for (let mask = 1; mask < subsets; mask += 1) {
    const lowestBit = mask & -mask;
    const rest = mask ^ lowestBit;
    const base = mask * stride;
    // Every lot holding the lowest item of mask: the lowest bit with any subset of the rest.
    for (let sub = rest; ; sub = (sub - 1) & rest) {
      const lot = sub | lowestBit;
      if (subsetValue[lot]! >= minLotValuePence) {
        const remaining = mask ^ lot;
        const remainingBase = remaining * stride;
        const most = Math.min(lotLimit, size[remaining]! + 1);
        const least = remaining === 0 ? 1 : 2;
        for (let lotsUsed = least; lotsUsed <= most; lotsUsed += 1) {
          const before = best[remainingBase + lotsUsed - 1]!;
          if (before < 0) continue;
          const candidate = before + reachValue[lot]!;
          if (candidate > best[base + lotsUsed]!) {
            best[base + lotsUsed] = candidate;
            choice[base + lotsUsed] = lot;
          }
        }
      }
      if (sub === 0) break;
    }
  }

  const full = subsets - 1;
  let bestLots = 0;
  for (let lotsUsed = 1; lotsUsed <= lotLimit; lotsUsed += 1) {
    // Strictly greater: among equal values, the fewest lots.
    if (best[full * stride + lotsUsed]! > best[full * stride + bestLots]!) bestLots = lotsUsed;
  }
  if (bestLots === 0) {
    // Not reached while the whole contract is at least the least lot value, since one lot is
    // then always feasible.
    throw new PlacefirstError("lotPlan: no feasible plan found");
  }
  const lots: number[][] = [];
  let mask = full;
  for (let lotsUsed = bestLots; lotsUsed > 0; lotsUsed -= 1) {
    const lot = choice[mask * stride + lotsUsed]!;
    lots.push(itemsOf(lot, count));
    mask ^= lot;
  }
  return { lots, valueWithinReach: best[full * stride + bestLots]! };
}

/** The item indices of a subset mask, in increasing order. */
function itemsOf(mask: number, count: number): number[] {
  const result: number[] = [];
  for (let item = 0; item < count; item += 1) if (mask & (1 << item)) result.push(item);
  return result;
}

/** A lot being built by the heuristic. */
interface WorkingLot {
  items: number[];
  value: number;
  divisions: bigint;
}

/**
 * The heuristic plan; see {@link lotPlan} for its steps. With `requireCapability` it runs from
 * two packings, by division and mixed, and keeps the better (more value within reach, then
 * fewer lots, then the packing by division).
 */
function solveHeuristic(problem: Problem, maxLots: number, minLotValuePence: number): Solution {
  const packings: Packing[] = problem.requireCapability ? ["byDivision", "mixed"] : ["byDivision"];
  let best: Solution | undefined;
  for (const packing of packings) {
    const solution = refine(problem, pack(problem, packing), maxLots, minLotValuePence);
    if (
      best === undefined ||
      solution.valueWithinReach > best.valueWithinReach ||
      (solution.valueWithinReach === best.valueWithinReach &&
        solution.lots.length < best.lots.length)
    ) {
      best = solution;
    }
  }
  return best!;
}

/**
 * How the heuristic first packs the items within reach on their own: "byDivision" packs each CPV
 * division's items separately, against the largest capacity of an SME able to do the division;
 * "mixed" packs them all together, an item joining a lot only while the lot stays within reach,
 * which finds lots spanning divisions when SMEs work in several.
 */
type Packing = "byDivision" | "mixed";

/** A lot built from item indices. */
function makeLot(problem: Problem, members: number[]): WorkingLot {
  return {
    items: members,
    value: members.reduce((sum, item) => sum + problem.values[item]!, 0),
    divisions: members.reduce((mask, item) => mask | problem.itemDivisions[item]!, 0n),
  };
}

/**
 * Steps (1) and (2) of the heuristic: the items out of reach on their own together in one lot,
 * and the rest packed first-fit decreasing (Johnson 1973, "Near-optimal bin packing
 * algorithms", MIT): the largest item first, each into the first lot it fits, so that every lot
 * is within reach.
 */
function pack(problem: Problem, packing: Packing): WorkingLot[] {
  const { values, itemDivisions, reach, divisions } = problem;
  const outOfReach: number[] = [];
  const groups = new Map<bigint, number[]>();
  values.forEach((value, item) => {
    if (!reach.withinReach(value, itemDivisions[item]!)) {
      outOfReach.push(item);
      return;
    }
    const key = packing === "byDivision" && problem.requireCapability ? itemDivisions[item]! : 0n;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  });

  const lots: WorkingLot[] = [];
  const groupKeys = [...groups.keys()].sort((a, b) =>
    compareCodes(divisionLabel(a, divisions), divisionLabel(b, divisions)),
  );
  for (const key of groupKeys) {
    const order = [...groups.get(key)!].sort((a, b) => values[b]! - values[a]! || a - b);
    const bins: WorkingLot[] = [];
    for (const item of order) {
      const bin = bins.find((candidate) =>
        reach.withinReach(
          candidate.value + values[item]!,
          candidate.divisions | itemDivisions[item]!,
        ),
      );
      if (bin === undefined) {
        bins.push(makeLot(problem, [item]));
      } else {
        bin.items.push(item);
        bin.value += values[item]!;
        bin.divisions |= itemDivisions[item]!;
      }
    }
    lots.push(...bins);
  }
  if (outOfReach.length > 0) lots.push(makeLot(problem, outOfReach));
  return lots;
}

/**
 * Steps (3) to (5) of the heuristic. Every step after (4) keeps each lot at or above the least
 * lot value and the number of lots at or below `maxLots`.
 */
function refine(
  problem: Problem,
  packed: WorkingLot[],
  maxLots: number,
  minLotValuePence: number,
): Solution {
  const { reach } = problem;
  let lots = packed;
  const reachValue = (value: number, lotDivisions: bigint): number =>
    reach.withinReach(value, lotDivisions) ? value : 0;
  const lotReach = (lot: WorkingLot): number => reachValue(lot.value, lot.divisions);

  const merge = (a: number, b: number): void => {
    const merged = makeLot(problem, [...lots[a]!.items, ...lots[b]!.items]);
    lots = lots.filter((_, index) => index !== a && index !== b);
    lots.push(merged);
  };
  // The value within reach lost by merging two lots: 0 when the merged lot is within reach or
  // neither was.
  const mergeLoss = (a: WorkingLot, b: WorkingLot): number =>
    lotReach(a) + lotReach(b) - reachValue(a.value + b.value, a.divisions | b.divisions);

  // (3) Merge pairs that lose nothing, the smallest merged value first.
  const mergeFreePairs = (): void => {
    for (;;) {
      const pair = bestPair(lots, (a, b) => mergeLoss(a, b) === 0);
      if (pair === undefined) return;
      merge(pair[0], pair[1]);
    }
  };
  mergeFreePairs();

  // (4) Bring every lot up to the least lot value, then the number of lots down to the most.
  while (lots.length > 1) {
    let smallest = -1;
    lots.forEach((lot, index) => {
      if (lot.value < minLotValuePence && (smallest < 0 || lot.value < lots[smallest]!.value)) {
        smallest = index;
      }
    });
    if (smallest < 0) break;
    let partner = -1;
    let partnerLoss = Infinity;
    lots.forEach((lot, index) => {
      if (index === smallest) return;
      const loss = mergeLoss(lots[smallest]!, lot);
      if (
        loss < partnerLoss ||
        (loss === partnerLoss && partner >= 0 && lot.value < lots[partner]!.value)
      ) {
        partner = index;
        partnerLoss = loss;
      }
    });
    merge(smallest, partner);
  }
  while (lots.length > maxLots) {
    let least = Infinity;
    for (let a = 0; a < lots.length; a += 1) {
      for (let b = a + 1; b < lots.length; b += 1) {
        least = Math.min(least, mergeLoss(lots[a]!, lots[b]!));
      }
    }
    const pair = bestPair(lots, (a, b) => mergeLoss(a, b) === least)!;
    merge(pair[0], pair[1]);
  }

  // (5) Local improvement: moves and swaps of single items while they help.
  for (let pass = 0; pass < maxImprovementPasses; pass += 1) {
    const improved = improveOnce(
      lots,
      maxLots,
      minLotValuePence,
      (members) => makeLot(problem, members),
      lotReach,
    );
    if (improved === undefined) break;
    lots = improved;
    mergeFreePairs();
  }

  const result = lots.map((lot) => [...lot.items].sort((a, b) => a - b));
  return {
    lots: result,
    valueWithinReach: lots.reduce((sum, lot) => sum + lotReach(lot), 0),
  };
}

/**
 * The pair of lots (indices, the lower first) meeting the test with the smallest merged value,
 * ties to the lowest indices; undefined when none meets it.
 */
function bestPair(
  lots: readonly WorkingLot[],
  test: (a: WorkingLot, b: WorkingLot) => boolean,
): [number, number] | undefined {
  let found: [number, number] | undefined;
  let foundValue = Infinity;
  for (let a = 0; a < lots.length; a += 1) {
    for (let b = a + 1; b < lots.length; b += 1) {
      const value = lots[a]!.value + lots[b]!.value;
      if (value < foundValue && test(lots[a]!, lots[b]!)) {
        found = [a, b];
        foundValue = value;
      }
    }
  }
  return found;
}

/**
 * One improving change to the lots, or undefined when there is none: the first single-item move
 * (to another lot or to a new lot) or swap between two lots that raises the value within reach,
 * or keeps it and removes a lot, while keeping every lot at or above the least lot value and the
 * number of lots at or below the most.
 */
function improveOnce(
  lots: readonly WorkingLot[],
  maxLots: number,
  minLotValuePence: number,
  makeLot: (members: number[]) => WorkingLot,
  lotReach: (lot: WorkingLot) => number,
): WorkingLot[] | undefined {
  const acceptable = (lot: WorkingLot): boolean =>
    lot.items.length === 0 || lot.value >= minLotValuePence;
  const reachOf = (lot: WorkingLot): number => (lot.items.length === 0 ? 0 : lotReach(lot));
  const replace = (changes: Map<number, WorkingLot>, added?: WorkingLot): WorkingLot[] => {
    const next = lots
      .map((lot, index) => changes.get(index) ?? lot)
      .filter((lot) => lot.items.length > 0);
    if (added !== undefined) next.push(added);
    return next;
  };

  for (let from = 0; from < lots.length; from += 1) {
    const source = lots[from]!;
    for (const item of source.items) {
      const without = makeLot(source.items.filter((other) => other !== item));
      if (!acceptable(without)) continue;
      const sourceBefore = lotReach(source);
      // A move to another lot.
      for (let to = 0; to < lots.length; to += 1) {
        if (to === from) continue;
        const target = lots[to]!;
        const withItem = makeLot([...target.items, item]);
        const gain = reachOf(without) + lotReach(withItem) - sourceBefore - lotReach(target);
        if (gain > 0 || (gain === 0 && without.items.length === 0)) {
          return replace(
            new Map([
              [from, without],
              [to, withItem],
            ]),
          );
        }
      }
      // A move to a new lot of its own.
      if (without.items.length > 0 && lots.length < maxLots) {
        const alone = makeLot([item]);
        if (alone.value >= minLotValuePence) {
          const gain = reachOf(without) + lotReach(alone) - sourceBefore;
          if (gain > 0) return replace(new Map([[from, without]]), alone);
        }
      }
    }
  }

  for (let first = 0; first < lots.length; first += 1) {
    for (let second = first + 1; second < lots.length; second += 1) {
      const a = lots[first]!;
      const b = lots[second]!;
      const before = lotReach(a) + lotReach(b);
      for (const itemA of a.items) {
        for (const itemB of b.items) {
          const newA = makeLot([...a.items.filter((item) => item !== itemA), itemB]);
          const newB = makeLot([...b.items.filter((item) => item !== itemB), itemA]);
          if (!acceptable(newA) || !acceptable(newB)) continue;
          if (lotReach(newA) + lotReach(newB) > before) {
            return replace(
              new Map([
                [first, newA],
                [second, newB],
              ]),
            );
          }
        }
      }
    }
  }
  return undefined;
}

/** The lots as reported: numbered in the order of their first item, items in contract order. */
function describeLots(partition: number[][], problem: Problem): PlannedLot[] {
  const sorted = partition
    .map((lot) => [...lot].sort((a, b) => a - b))
    .sort((a, b) => a[0]! - b[0]!);
  return sorted.map((lot, index) => {
    const valuePence = lot.reduce((sum, item) => sum + problem.values[item]!, 0);
    const lotDivisions = lot.reduce((mask, item) => mask | problem.itemDivisions[item]!, 0n);
    const smeIds = problem.smes
      .filter((_, sme) => problem.reach.canTake(sme, valuePence, lotDivisions))
      .map((sme) => sme.id);
    return {
      number: index + 1,
      itemIds: lot.map((item) => problem.items[item]!.id),
      valuePence,
      cpvDivisions: problem.divisions.filter((_, bit) => (lotDivisions >> BigInt(bit)) & 1n),
      withinReach: smeIds.length > 0,
      smeIds,
    };
  });
}

/** Why the plan falls short of the whole contract. */
function findLimits(
  problem: Problem,
  method: "exact" | "heuristic",
  valueWithinReachPence: number,
  upperBoundPence: number,
): LotPlanLimit[] {
  const { items, smes, values, itemDivisions, reach, totalValuePence } = problem;
  const limits: LotPlanLimit[] = [];
  if (items.length === 0 || valueWithinReachPence === totalValuePence) return limits;
  if (smes.length === 0) {
    limits.push({ kind: "noLocalSmes" });
    return limits;
  }
  const withoutCapability: number[] = [];
  const overCapacity: number[] = [];
  values.forEach((value, item) => {
    const largest = reach.largestCapacity(itemDivisions[item]!);
    if (largest < 0) withoutCapability.push(item);
    else if (value > largest) overCapacity.push(item);
  });
  if (withoutCapability.length > 0) {
    const mask = withoutCapability.reduce((bits, item) => bits | itemDivisions[item]!, 0n);
    limits.push({
      kind: "capability",
      itemIds: withoutCapability.map((item) => items[item]!.id),
      cpvDivisions: problem.divisions.filter((_, bit) => (mask >> BigInt(bit)) & 1n),
    });
  }
  if (overCapacity.length > 0) {
    limits.push({ kind: "capacity", itemIds: overCapacity.map((item) => items[item]!.id) });
  }
  if (valueWithinReachPence < upperBoundPence) {
    const count = values.length;
    // A contract below the least lot value stays one lot however many lots are allowed.
    if (problem.maxLots < count && problem.totalValuePence >= problem.minLotValuePence) {
      const relaxed = solve(problem, method, count, problem.minLotValuePence).valueWithinReach;
      if (relaxed > valueWithinReachPence) {
        limits.push({ kind: "maxLots", maxLots: problem.maxLots, valueWithinReachPence: relaxed });
      }
    }
    if (problem.minLotValuePence > 0) {
      const relaxed = solve(problem, method, problem.maxLots, 0).valueWithinReach;
      if (relaxed > valueWithinReachPence) {
        limits.push({
          kind: "minLotValue",
          minLotValuePence: problem.minLotValuePence,
          valueWithinReachPence: relaxed,
        });
      }
    }
  }
  return limits;
}

/** The division codes of a mask, joined, for ordering the heuristic's groups. */
function divisionLabel(mask: bigint, divisions: readonly string[]): string {
  return divisions.filter((_, bit) => (mask >> BigInt(bit)) & 1n).join(",");
}

/** Codes in code-unit order, independent of the machine's locale. */
function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The CPV division (the first two digits) of a code, or undefined when it has none. */
function cpvDivisionOf(code: unknown): string | undefined {
  if (typeof code !== "string") return undefined;
  const match = /^\s*(\d{2})/.exec(code);
  return match?.[1];
}

function isPence(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

function checkProblem(
  items: readonly ContractItem[],
  smes: readonly LocalSme[],
  options: LotPlanOptions,
): Problem {
  const { requireCapability = true, minLotValuePence = 0, exactMaxItems = 12 } = options;
  if (!isPence(minLotValuePence)) {
    throw new InputError(
      "lotPlan: expected minLotValuePence to be a whole number of pence, 0 or more",
      {
        field: "minLotValuePence",
        value: String(minLotValuePence),
      },
    );
  }
  if (!(
    Number.isInteger(exactMaxItems) &&
    exactMaxItems >= 0 &&
    exactMaxItems <= exactItemsCeiling
  )) {
    throw new InputError(
      `lotPlan: expected exactMaxItems to be a whole number from 0 to ${exactItemsCeiling}`,
      {
        field: "exactMaxItems",
        value: String(exactMaxItems),
      },
    );
  }
  const maxLots = options.maxLots ?? Math.max(items.length, 1);
  if (!(Number.isInteger(maxLots) && maxLots >= 1)) {
    throw new InputError("lotPlan: expected maxLots to be a whole number, 1 or more", {
      field: "maxLots",
      value: String(maxLots),
    });
  }

  const itemIds = new Set<string>();
  const itemDivisionCodes = items.map((item, index) => {
    const where = (field: string, value: unknown) => ({
      field: `items[${index}].${field}`,
      value: String(value),
    });
    if (!(typeof item.id === "string" && item.id !== "")) {
      throw new InputError(
        "lotPlan: expected an item id (a non-empty string)",
        where("id", item.id),
      );
    }
    if (itemIds.has(item.id)) {
      throw new InputError(`lotPlan: item id "${item.id}" is repeated`, where("id", item.id));
    }
    itemIds.add(item.id);
    if (!isPence(item.valuePence)) {
      throw new InputError(
        `lotPlan: item "${item.id}": expected a value in whole pence, 0 or more`,
        where("valuePence", item.valuePence),
      );
    }
    const division = cpvDivisionOf(item.cpvCode);
    if (division === undefined) {
      throw new InputError(
        `lotPlan: item "${item.id}": expected a CPV code starting with two digits`,
        where("cpvCode", item.cpvCode),
      );
    }
    return division;
  });
  const totalValuePence = items.reduce((sum, item) => sum + item.valuePence, 0);
  if (!Number.isSafeInteger(totalValuePence)) {
    throw new InputError("lotPlan: the contract is too large to total exactly in pence", {
      field: "items",
    });
  }

  const divisions = [...new Set(itemDivisionCodes)].sort(compareCodes);
  const bitOf = new Map(divisions.map((division, bit) => [division, 1n << BigInt(bit)]));
  const smeIds = new Set<string>();
  const capacities: number[] = [];
  const covers = smes.map((sme, index) => {
    const where = (field: string, value: unknown) => ({
      field: `smes[${index}].${field}`,
      value: String(value),
    });
    if (!(typeof sme.id === "string" && sme.id !== "")) {
      throw new InputError("lotPlan: expected an SME id (a non-empty string)", where("id", sme.id));
    }
    if (smeIds.has(sme.id)) {
      throw new InputError(`lotPlan: SME id "${sme.id}" is repeated`, where("id", sme.id));
    }
    smeIds.add(sme.id);
    if (!isPence(sme.capacityPence)) {
      throw new InputError(
        `lotPlan: SME "${sme.id}": expected a capacity in whole pence, 0 or more`,
        where("capacityPence", sme.capacityPence),
      );
    }
    capacities.push(sme.capacityPence);
    if (!Array.isArray(sme.capabilities)) {
      throw new InputError(
        `lotPlan: SME "${sme.id}": expected a list of CPV codes`,
        where("capabilities", sme.capabilities),
      );
    }
    let cover = 0n;
    sme.capabilities.forEach((code: unknown, position: number) => {
      const division = cpvDivisionOf(code);
      if (division === undefined) {
        throw new InputError(
          `lotPlan: SME "${sme.id}": expected CPV codes starting with two digits`,
          where(`capabilities[${position}]`, code),
        );
      }
      // Divisions no item of the contract is in cannot matter.
      cover |= bitOf.get(division) ?? 0n;
    });
    return cover;
  });

  return {
    items,
    smes,
    values: items.map((item) => item.valuePence),
    itemDivisions: itemDivisionCodes.map((division) => bitOf.get(division)!),
    divisions,
    totalValuePence,
    maxLots,
    minLotValuePence,
    exactMaxItems,
    requireCapability,
    reach: new Reach(capacities, covers, requireCapability),
  };
}
