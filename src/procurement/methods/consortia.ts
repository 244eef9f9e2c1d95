import { InputError } from "../../core/errors.js";
import {
  bestSimilarities,
  checkLimit,
  compareIds,
  matchDefaults,
  placeSettings,
  placeScore,
  prepareSupplier,
  prepareTender,
} from "./tenderMatch.js";
import type { PlaceScoreOptions, SupplierToMatch, TenderToMatch } from "./tenderMatch.js";

/** Options of {@link suggestConsortia}. */
export interface ConsortiumOptions extends PlaceScoreOptions {
  /** The most suppliers in one group, an integer at least 1. Default 3. */
  maxSize?: number;
  /** The most groups to return, an integer at least 0 or Infinity. Default 10. */
  limit?: number;
  /**
   * The most candidates (suppliers covering at least one of the tender's codes) for which every
   * group up to `maxSize` is tried; above it the greedy heuristic is used. An integer at least 0
   * or Infinity. Default 40, which with groups of 3 is 10,700 groups.
   */
  exactCandidateLimit?: number;
  /**
   * The CPV similarity at which a supplier covers one of the tender's codes, above 0 and at most
   * 1 (see `cpvSimilarity`). Default 0.75, as for matching: the same class, or a group or finer
   * code containing the other.
   */
  coverThreshold?: number;
  /**
   * The least share of the tender's distinct codes a group must cover, above 0 and at most 1.
   * Default 1: every code.
   */
  minCoverage?: number;
}

/** The default options of {@link suggestConsortia}, for documentation and tests. */
export const consortiumDefaults = {
  maxSize: 3,
  limit: 10,
  exactCandidateLimit: 40,
  coverThreshold: matchDefaults.coverThreshold,
  minCoverage: 1,
} as const;

/** One supplier of a suggested group and what it brings. */
export interface ConsortiumMember {
  /** The supplier's id. */
  supplierId: string;
  /** The tender's codes this supplier covers, in the tender's order. */
  coveredCpvCodes: string[];
  /** The supplier's capacity in pence; undefined when not known (it then counts as 0). */
  capacity: number | undefined;
  /** The supplier's place score against the tender (see `placeScore`); undefined when unknown. */
  placeScore: number | undefined;
}

/** A suggested group of suppliers for one tender. */
export interface Consortium {
  /** The members' ids in UTF-16 code-unit order. */
  supplierIds: string[];
  /** The members, in the order of `supplierIds`. */
  members: ConsortiumMember[];
  /** The share of the tender's distinct codes some member covers, 0 to 1. */
  coverage: number;
  /** The tender's codes some member covers, in the tender's order. */
  coveredCpvCodes: string[];
  /** The tender's codes no member covers, in the tender's order. */
  uncoveredCpvCodes: string[];
  /** The members' capacities added up, in pence; a capacity not known counts as 0. */
  capacity: number;
  /** The mean place score of the members that have one; undefined when none has. */
  locality: number | undefined;
}

/** The groups suggested for a tender and how they were found. */
export interface ConsortiumSuggestions {
  /**
   * "exact" when every group up to `maxSize` of the candidates was tried, so the list is
   * complete; "greedy" when there were more than `exactCandidateLimit` candidates and the
   * greedy heuristic was used, so some valid groups may be missing.
   */
  search: "exact" | "greedy";
  /** The number of suppliers that cover at least one of the tender's codes. */
  candidateCount: number;
  /** The groups, best first, at most `limit`. */
  consortia: Consortium[];
}

/**
 * Small groups of suppliers that could bid together for a tender too large or too broad for one
 * of them. A group is listed when
 *
 * 1. every member covers at least one of the tender's distinct CPV codes (its similarity with
 *    the code is at least `coverThreshold`): each does part of the work;
 * 2. together the members cover at least `minCoverage` of the codes (by default all);
 * 3. their capacities add up to the tender's value (a capacity not known counts as 0; a value
 *    not known is no constraint);
 * 4. it has at most `maxSize` members; and
 * 5. it is not dominated: no smaller group inside it meets 1 to 3 with the same coverage. By
 *    default this means no listed group contains another valid group, so a supplier who can do
 *    the tender alone is listed alone and not again with partners.
 *
 * Groups are ranked by coverage (descending), locality (the mean place score of the members,
 * descending, a group with none last), size (ascending) and then by their sorted ids. Locality
 * comes before size, so two suppliers in the district rank above one from another region who
 * could do the tender alone.
 *
 * With at most `exactCandidateLimit` candidates every group up to `maxSize` is tried. Above it a
 * greedy set cover is run from each candidate in turn (after Chvátal 1979, "A greedy heuristic
 * for the set-covering problem", Mathematics of Operations Research 4(3)): it adds the candidate
 * that covers the most codes not yet covered, then the one that brings the most of the capacity
 * still missing, then the most local, then by id, until the group covers every code and
 * reaches the value, is full, or no candidate adds anything; members not needed are then
 * dropped, latest first, and the group is listed if valid. Every group it lists meets 1 to 5,
 * but it may miss some; the result says which search was used.
 *
 * @param tender the tender.
 * @param suppliers the suppliers to consider; their ids must be distinct.
 * @param options sizes, limits, thresholds and place scores; see {@link ConsortiumOptions}.
 * @returns the search used, the number of candidates and the groups, best first.
 * @throws InputError when a CPV code is not a CPV 2008 code or two suppliers share an id.
 * @throws RangeError when an option is out of range, or a value or capacity is negative or not
 *   whole pence.
 */
export function suggestConsortia(
  tender: TenderToMatch,
  suppliers: readonly SupplierToMatch[],
  options: ConsortiumOptions = {},
): ConsortiumSuggestions {
  const settings = consortiumSettings(options);
  const place = placeSettings(options);
  const preparedTender = prepareTender(tender, "tender");
  const codes = preparedTender.cpvCodes;
  const words = Math.ceil(codes.length / 32);
  checkDistinctIds(suppliers);

  const candidates: Candidate[] = [];
  suppliers.forEach((supplier, index) => {
    const prepared = prepareSupplier(supplier, `suppliers[${index}]`);
    const best = bestSimilarities(codes, prepared.cpvCodes);
    const cover = new Uint32Array(words);
    let covers = false;
    best.forEach((similarity, code) => {
      if (similarity > 0 && similarity >= settings.coverThreshold) {
        cover[code >>> 5]! |= 1 << (code & 31);
        covers = true;
      }
    });
    if (!covers) return;
    candidates.push({
      supplierId: supplier.supplierId,
      cover,
      capacity: prepared.capacity,
      placeScore: placeScore(tender, supplier, place).score,
    });
  });
  // Candidates in id order, so that every search visits them in the same order.
  candidates.sort((a, b) => compareIds(a.supplierId, b.supplierId));

  const problem: Problem = {
    candidates,
    codeCount: codes.length,
    words,
    requiredCount: requiredCodeCount(codes.length, settings.minCoverage),
    value: preparedTender.value,
    maxSize: settings.maxSize,
  };
  const search = candidates.length <= settings.exactCandidateLimit ? "exact" : "greedy";
  const groups = search === "exact" ? exactGroups(problem) : greedyGroups(problem);
  const consortia = groups.map((group) => describeGroup(group, problem, codes));
  consortia.sort(compareConsortia);
  return {
    search,
    candidateCount: candidates.length,
    consortia: consortia.slice(0, settings.limit),
  };
}

interface Candidate {
  supplierId: string;
  /** Bit `code` is set when the candidate covers the tender's code of that index. */
  cover: Uint32Array;
  capacity: number | undefined;
  placeScore: number | undefined;
}

interface Problem {
  candidates: Candidate[];
  codeCount: number;
  words: number;
  /** The least number of codes a valid group covers. */
  requiredCount: number;
  value: number | undefined;
  maxSize: number;
}

interface ConsortiumSettings {
  maxSize: number;
  limit: number;
  exactCandidateLimit: number;
  coverThreshold: number;
  minCoverage: number;
}

function consortiumSettings(options: ConsortiumOptions): ConsortiumSettings {
  const maxSize = options.maxSize ?? consortiumDefaults.maxSize;
  if (!(Number.isInteger(maxSize) && maxSize >= 1)) {
    throw new RangeError(`suggestConsortia: maxSize is ${maxSize}; it must be an integer >= 1`);
  }
  const limit = options.limit ?? consortiumDefaults.limit;
  checkLimit("suggestConsortia: limit", limit);
  const exactCandidateLimit = options.exactCandidateLimit ?? consortiumDefaults.exactCandidateLimit;
  checkLimit("suggestConsortia: exactCandidateLimit", exactCandidateLimit);
  const coverThreshold = options.coverThreshold ?? consortiumDefaults.coverThreshold;
  if (!(coverThreshold > 0 && coverThreshold <= 1)) {
    throw new RangeError(
      `suggestConsortia: coverThreshold is ${coverThreshold}; it must be above 0 and at most 1`,
    );
  }
  const minCoverage = options.minCoverage ?? consortiumDefaults.minCoverage;
  if (!(minCoverage > 0 && minCoverage <= 1)) {
    throw new RangeError(
      `suggestConsortia: minCoverage is ${minCoverage}; it must be above 0 and at most 1`,
    );
  }
  return { maxSize, limit, exactCandidateLimit, coverThreshold, minCoverage };
}

function checkDistinctIds(suppliers: readonly SupplierToMatch[]): void {
  const seen = new Set<string>();
  suppliers.forEach((supplier, index) => {
    if (seen.has(supplier.supplierId)) {
      throw new InputError(`supplier "${supplier.supplierId}" is listed twice`, {
        field: `suppliers[${index}].supplierId`,
      });
    }
    seen.add(supplier.supplierId);
  });
}

/** The least number of codes out of `codeCount` whose share is at least `minCoverage`. */
function requiredCodeCount(codeCount: number, minCoverage: number): number {
  let count = 0;
  while (count < codeCount && count / codeCount < minCoverage) count += 1;
  return count;
}

/**
 * Every valid, undominated group of up to `maxSize` candidates, by a depth-first walk over the
 * combinations in index order. Two cuts keep it small without losing a group: a valid group that
 * covers every code is not extended (all its supersets contain it with the same coverage), and
 * neither is a valid group with a removable member (the member stays removable in any
 * superset, since adding a supplier adds the same codes and capacity with or without it).
 */
function exactGroups(problem: Problem): number[][] {
  const { candidates, words, maxSize } = problem;
  const groups: number[][] = [];
  const group: number[] = [];
  const extend = (start: number, cover: Uint32Array, capacity: number): void => {
    for (let index = start; index < candidates.length; index += 1) {
      const candidate = candidates[index]!;
      const nextCover = new Uint32Array(words);
      for (let word = 0; word < words; word += 1) {
        nextCover[word] = cover[word]! | candidate.cover[word]!;
      }
      const nextCapacity = capacity + (candidate.capacity ?? 0);
      group.push(index);
      const covered = countBits(nextCover);
      let extendFurther = group.length < maxSize;
      if (isValid(problem, covered, nextCapacity)) {
        if (isUndominated(problem, group, covered)) {
          groups.push(group.slice());
          if (covered === problem.codeCount) extendFurther = false;
        } else {
          extendFurther = false;
        }
      }
      if (extendFurther) extend(index + 1, nextCover, nextCapacity);
      group.pop();
    }
  };
  extend(0, new Uint32Array(words), 0);
  return groups;
}

/**
 * Groups found by a greedy set cover started from each candidate: see {@link suggestConsortia}.
 * Each group found is valid and undominated; a group found from several seeds is listed once.
 */
function greedyGroups(problem: Problem): number[][] {
  const { candidates, words, maxSize, value } = problem;
  const found = new Map<string, number[]>();
  for (let seed = 0; seed < candidates.length; seed += 1) {
    const group = [seed];
    const cover = Uint32Array.from(candidates[seed]!.cover);
    let capacity = candidates[seed]!.capacity ?? 0;
    const reachesValue = (): boolean => value === undefined || capacity >= value;
    while (group.length < maxSize && !(countBits(cover) === problem.codeCount && reachesValue())) {
      let best = -1;
      let bestNewCodes = 0;
      let bestCapacityGain = 0;
      let bestPlace = -1;
      const shortfall = value === undefined ? 0 : Math.max(0, value - capacity);
      for (let index = 0; index < candidates.length; index += 1) {
        if (group.includes(index)) continue;
        const candidate = candidates[index]!;
        let newCodes = 0;
        for (let word = 0; word < words; word += 1) {
          newCodes += popcount(candidate.cover[word]! & ~cover[word]!);
        }
        const capacityGain = Math.min(candidate.capacity ?? 0, shortfall);
        const place = candidate.placeScore ?? -1;
        // Candidates are in id order, so a strict comparison keeps the smallest id on a tie.
        const better =
          newCodes !== bestNewCodes
            ? newCodes > bestNewCodes
            : capacityGain !== bestCapacityGain
              ? capacityGain > bestCapacityGain
              : place > bestPlace;
        if (best === -1 ? newCodes > 0 || capacityGain > 0 : better) {
          best = index;
          bestNewCodes = newCodes;
          bestCapacityGain = capacityGain;
          bestPlace = place;
        }
      }
      if (best === -1) break;
      group.push(best);
      const chosen = candidates[best]!;
      for (let word = 0; word < words; word += 1) cover[word]! |= chosen.cover[word]!;
      capacity += chosen.capacity ?? 0;
    }
    const covered = countBits(cover);
    if (!isValid(problem, covered, capacity)) continue;
    const minimal = dropUnneeded(problem, group, covered);
    minimal.sort((a, b) => a - b);
    found.set(minimal.join(","), minimal);
  }
  return [...found.values()];
}

/** Drops, latest added first, each member whose removal leaves a valid group with the same coverage. */
function dropUnneeded(problem: Problem, group: number[], covered: number): number[] {
  let members = group.slice();
  for (let position = members.length - 1; position >= 0 && members.length > 1; position -= 1) {
    const rest = members.filter((_, index) => index !== position);
    const { cover, capacity } = combine(problem, rest);
    if (countBits(cover) === covered && isValid(problem, covered, capacity)) members = rest;
  }
  return members;
}

function isValid(problem: Problem, covered: number, capacity: number): boolean {
  return (
    covered >= problem.requiredCount && (problem.value === undefined || capacity >= problem.value)
  );
}

/** Whether no member can be left out with the group still valid and covering as many codes. */
function isUndominated(problem: Problem, group: number[], covered: number): boolean {
  if (group.length === 1) return true;
  for (let position = 0; position < group.length; position += 1) {
    const rest = group.filter((_, index) => index !== position);
    const { cover, capacity } = combine(problem, rest);
    const restCovered = countBits(cover);
    if (restCovered === covered && isValid(problem, restCovered, capacity)) return false;
  }
  return true;
}

function combine(
  problem: Problem,
  group: readonly number[],
): { cover: Uint32Array; capacity: number } {
  const cover = new Uint32Array(problem.words);
  let capacity = 0;
  for (const index of group) {
    const candidate = problem.candidates[index]!;
    for (let word = 0; word < problem.words; word += 1) cover[word]! |= candidate.cover[word]!;
    capacity += candidate.capacity ?? 0;
  }
  return { cover, capacity };
}

function describeGroup(group: number[], problem: Problem, codes: string[]): Consortium {
  const members = group.map((index): ConsortiumMember => {
    const candidate = problem.candidates[index]!;
    return {
      supplierId: candidate.supplierId,
      coveredCpvCodes: codes.filter((_, code) => hasBit(candidate.cover, code)),
      capacity: candidate.capacity,
      placeScore: candidate.placeScore,
    };
  });
  const { cover, capacity } = combine(problem, group);
  const places = members.flatMap((member) =>
    member.placeScore === undefined ? [] : [member.placeScore],
  );
  let placeTotal = 0;
  for (const score of places) placeTotal += score;
  return {
    supplierIds: members.map((member) => member.supplierId),
    members,
    coverage: problem.codeCount === 0 ? 0 : countBits(cover) / problem.codeCount,
    coveredCpvCodes: codes.filter((_, code) => hasBit(cover, code)),
    uncoveredCpvCodes: codes.filter((_, code) => !hasBit(cover, code)),
    capacity,
    locality: places.length === 0 ? undefined : placeTotal / places.length,
  };
}

/** Coverage descending, locality descending (none last), size ascending, then the sorted ids. */
function compareConsortia(a: Consortium, b: Consortium): number {
  return (
    b.coverage - a.coverage ||
    (b.locality ?? -1) - (a.locality ?? -1) ||
    a.supplierIds.length - b.supplierIds.length ||
    compareIdLists(a.supplierIds, b.supplierIds)
  );
}

function compareIdLists(a: readonly string[], b: readonly string[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    const order = compareIds(a[index]!, b[index]!);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

function hasBit(bits: Uint32Array, index: number): boolean {
  return ((bits[index >>> 5]! >>> (index & 31)) & 1) === 1;
}

function countBits(bits: Uint32Array): number {
  let count = 0;
  for (const word of bits) count += popcount(word);
  return count;
}

/** The number of set bits of a 32-bit word (Hacker's Delight, 2nd ed., section 5-1). */
function popcount(word: number): number {
  const unsigned = word >>> 0;
  let bits = unsigned - ((unsigned >>> 1) & 0x55555555);
  bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
  return (Math.imul((bits + (bits >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
