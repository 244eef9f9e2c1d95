import { cpvSignificantDigits, cpvSimilarityScale } from "./cpv.js";
import {
  checkLimit,
  compareIds,
  matchSettings,
  prepareSupplier,
  prepareTender,
  scorePrepared,
} from "./tenderMatch.js";
import type {
  Coordinates,
  MatchOptions,
  MatchSettings,
  PreparedSupplier,
  PreparedTender,
  SupplierMatch,
  SupplierToMatch,
  TenderMatch,
  TenderToMatch,
} from "./tenderMatch.js";

/** Options of {@link matchAll}: those of the one-at-a-time methods, with a limit per side. */
export interface MatchAllOptions extends Omit<MatchOptions, "limit"> {
  /**
   * The most tenders to keep for each supplier, best first: an integer at least 0, or Infinity.
   * Default Infinity (every tender at or above `minCpvSimilarity`), as `matchTenders` gives.
   */
  limitPerSupplier?: number;
  /**
   * The most suppliers to keep for each tender, best first: an integer at least 0, or Infinity.
   * Default 0, which leaves every list of `byTender` empty and costs nothing; set it to have the
   * suppliers of every tender from the same pass (each supplier then scores all its candidates,
   * as a supplier's search cannot stop while some tender may still want it).
   */
  limitPerTender?: number;
}

/** What {@link matchAll} found, in lists aligned with its inputs. */
export interface MatchAllResult {
  /**
   * For each supplier, in the order given, its feed: what
   * `matchTenders(supplier, tenders, {...options, limit: limitPerSupplier})` returns.
   */
  bySupplier: TenderMatch[][];
  /**
   * For each tender, in the order given, its suppliers: what
   * `matchSuppliers(tender, suppliers, {...options, limit: limitPerTender})` returns; all empty
   * when `limitPerTender` is 0, the default.
   */
  byTender: SupplierMatch[][];
  /**
   * The tender-supplier pairs whose CPV codes were compared, against the tenders x suppliers of
   * a full scan: a measure of the work the index and the bounds saved.
   */
  pairsScored: number;
}

/**
 * Every supplier's feed of tenders, and optionally every tender's list of suppliers, in one pass:
 * exactly the matches, scores and order that `matchTenders` gives for each supplier (and
 * `matchSuppliers` for each tender), ties included, without scoring every pair.
 *
 * Each tender and supplier is prepared once, and the tenders' codes are sorted, so that the
 * tenders with a code under any prefix are one run of that list. A supplier's code then names,
 * from the scale of `cpvSimilarity`, the runs its pairs can come from and the least similarity
 * each guarantees: its own code (1); its branch (the tenders' codes nested under it) and its
 * ancestors (0.625 for a division to 0.925 for a category or finer); and the codes sharing its
 * first five, four, three or two digits (0.85, 0.75, 0.5, 0.25). Runs guaranteeing less than
 * `minCpvSimilarity` are never read. Pairs in different divisions score 0 and the minimum is
 * above 0, so even the smallest minimum keeps to the supplier's divisions: no setting needs a
 * full scan.
 *
 * The runs are read best guarantee first, and the best `limitPerSupplier` matches are kept in a
 * bounded heap. Once it is full, upper bounds on the score turn work away without changing the
 * result: a stage whose guarantee leaves every pair still to come below the lowest score kept
 * ends the search; a tender whose district (or region, for tenders with no district) is too far
 * from the supplier for its stage is passed over before its codes are compared; and a pair whose
 * score even at the best distance its points allow falls below it is not given a distance. Every
 * bound is rounded up, so no pair that would have been kept is lost. A pair is scored by a fast
 * path doing the same arithmetic as the one-pair score without building its parts, which are
 * built only for the matches returned.
 *
 * @param tenders the open tenders.
 * @param suppliers the suppliers.
 * @param options weights, thresholds, place scores and limits; see {@link MatchAllOptions}.
 * @returns the matches of each supplier and of each tender, and the number of pairs compared.
 * @throws InputError when a CPV code is not a CPV 2008 code, naming `tenders[i]` or
 *   `suppliers[i]`.
 * @throws RangeError when an option is out of range, or a value, capacity or coordinate is
 *   negative, fractional (pence) or out of range; unlike the one-at-a-time methods, a bad
 *   coordinate throws even when no pair would have used it.
 */
export function matchAll(
  tenders: readonly TenderToMatch[],
  suppliers: readonly SupplierToMatch[],
  options: MatchAllOptions = {},
): MatchAllResult {
  const {
    limitPerSupplier = Number.POSITIVE_INFINITY,
    limitPerTender = 0,
    ...matchOptions
  } = options;
  checkLimit("matchAll: limitPerSupplier", limitPerSupplier);
  checkLimit("matchAll: limitPerTender", limitPerTender);
  // A stray `limit` (from a MatchOptions object passed along) would be ambiguous here: ignore it.
  const settings = matchSettings({ ...matchOptions, limit: Number.POSITIVE_INFINITY });

  const preparedTenders = tenders.map((tender, index) =>
    prepareTender(tender, `tenders[${index}]`),
  );
  const preparedSuppliers = suppliers.map((supplier, index) =>
    prepareSupplier(supplier, `suppliers[${index}]`),
  );
  const places = new Map<string, number>();
  const table = tenderTable(preparedTenders, places);
  const supplierPlaces = placeColumns(suppliers, places, "suppliers");
  const tenderIds = tenders.map((tender) => tender.tenderId);
  const supplierIds = suppliers.map((supplier) => supplier.supplierId);
  const search = new FeedSearch(table, settings, limitPerSupplier, limitPerTender, {
    tenders: tieOrder(tenderIds),
    suppliers: limitPerTender === 0 ? new Int32Array(0) : tieOrder(supplierIds),
  });

  const bySupplier = preparedSuppliers.map((preparedSupplier, supplierIndex) =>
    search.run(preparedSupplier, supplierIndex, supplierPlaces).map((tender): TenderMatch => ({
      tenderId: tenderIds[tender]!,
      ...scorePrepared(preparedTenders[tender]!, preparedSupplier, settings),
    })),
  );
  const byTender = preparedTenders.map((preparedTender, tender): SupplierMatch[] =>
    search.suppliersOf(tender).map((supplierIndex) => ({
      supplierId: supplierIds[supplierIndex]!,
      ...scorePrepared(preparedTender, preparedSuppliers[supplierIndex]!, settings),
    })),
  );
  return { bySupplier, byTender, pairsScored: search.pairsScored };
}

/** A bound is raised by this factor before it may turn a pair away, against rounding. */
const boundMargin = 1 + 1e-9;

/**
 * The search of every supplier's feed over one tender table, keeping what is shared between
 * suppliers: the marks of what each search has met, and each tender's ranking of suppliers.
 */
class FeedSearch {
  /** The pairs whose CPV codes were compared so far. */
  pairsScored = 0;
  readonly #table: TenderTable;
  readonly #settings: MatchSettings;
  readonly #limitPerTender: number;
  readonly #supplierTies: Int32Array;
  readonly #feed: Ranking;
  readonly #tenderRankings: (Ranking | undefined)[];
  readonly #blocks: PlaceBlocks;
  readonly #distanceUpper: (distanceKm: number) => number;
  readonly #placeUppers: Float64Array;
  // The last supplier to reach each row and each tender code, so that a tender met in several
  // runs is looked at once and a code's best similarity with the supplier's codes is worked out
  // once per supplier.
  readonly #rowSeen: Int32Array;
  readonly #codeSeen: Int32Array;
  readonly #codeBest: Float64Array;

  constructor(
    table: TenderTable,
    settings: MatchSettings,
    limitPerSupplier: number,
    limitPerTender: number,
    ties: { tenders: Int32Array; suppliers: Int32Array },
  ) {
    this.#table = table;
    this.#settings = settings;
    this.#limitPerTender = limitPerTender;
    this.#supplierTies = ties.suppliers;
    this.#feed = new Ranking(limitPerSupplier, ties.tenders);
    this.#tenderRankings = new Array<Ranking | undefined>(table.tenderIndex.length);
    this.#blocks = placeBlocks(table);
    this.#distanceUpper = distanceScoreUpper(settings.nearbyScore, settings.halvingDistanceKm);
    this.#placeUppers = new Float64Array(this.#blocks.count);
    this.#rowSeen = new Int32Array(table.tenderIndex.length).fill(-1);
    this.#codeSeen = new Int32Array(table.codes.length).fill(-1);
    this.#codeBest = new Float64Array(table.codes.length);
  }

  /**
   * Searches one supplier's feed, offering every pair found to the rankings.
   *
   * @returns the supplier's tenders (their indices in the input), best first.
   */
  run(prepared: PreparedSupplier, supplierIndex: number, places: PlaceColumns): number[] {
    const table = this.#table;
    const { codeStarts, rowCodes, occurrences, occurrenceBlock, occurrenceValue } = table;
    const tenderPlaces = table.places;
    const { cpvWeight, placeWeight, capacityWeight, minCpvSimilarity, coverThreshold } =
      this.#settings;
    const { regionScore, nearbyScore, halvingDistanceKm } = this.#settings;
    const settings = this.#settings;
    const feed = this.#feed;
    const tenderRankings = this.#tenderRankings;
    const limitPerTender = this.#limitPerTender;
    const rowSeen = this.#rowSeen;
    const codeSeen = this.#codeSeen;
    const codeBest = this.#codeBest;
    const placeUppers = this.#placeUppers;
    const distanceUpper = this.#distanceUpper;

    const supplierCodes = prepared.cpvCodes;
    const supplierDigits = supplierCodes.map((code) => cpvSignificantDigits(code));
    const capacity = prepared.capacity;
    const district = places.district[supplierIndex]!;
    const region = places.region[supplierIndex]!;
    const hasPoint = places.hasPoint[supplierIndex] === 1;
    const latitude = places.latitude[supplierIndex]!;
    const longitude = places.longitude[supplierIndex]!;
    const cosLatitude = places.cosLatitude[supplierIndex]!;
    const x = places.x[supplierIndex]!;
    const y = places.y[supplierIndex]!;
    const z = places.z[supplierIndex]!;
    fillPlaceUppers(this.#blocks, places, supplierIndex, regionScore, distanceUpper, placeUppers);

    // The best score of a pair with a CPV term at most `cpvTerm`, with place and capacity at 1,
    // raised by the margin: a part left out, being at most 1, cannot raise the mean above it.
    const capacityWeightUsed = capacity === undefined ? 0 : capacityWeight;
    const weightUsed = cpvWeight + placeWeight + capacityWeightUsed;
    const bestScore = (cpvTerm: number): number =>
      ((cpvTerm + placeWeight + capacityWeightUsed) * boundMargin) / weightUsed;
    // The lowest score the feed keeps, and the weighted sum of the parts, over the weight used,
    // that a pair needs to reach it (lowered by the margin); -Infinity while the feed has room.
    let feedFloor = feed.floor();
    let target = limitPerTender === 0 ? (feedFloor / boundMargin) * weightUsed : -Infinity;
    // The runs of occurrences read so far: a prefix's run contains the runs of longer prefixes.
    const visited: number[] = [];

    for (const stage of searchPlan(supplierCodes, minCpvSimilarity)) {
      // Every pair not met in an earlier stage has a similarity at most this stage's.
      const coverage = stage.guarantee > 0 && stage.guarantee >= coverThreshold ? 1 : 0;
      const stageTerm = cpvWeight * ((stage.guarantee * (1 + coverage)) / 2);
      // Each tender's suppliers need every pair, so only a feed alone can stop early.
      if (limitPerTender === 0 && bestScore(stageTerm) < feedFloor) break;
      const stageBase = stageTerm + capacityWeightUsed;
      for (const prefix of stage.prefixes) {
        const [runStart, runEnd] = table.run(prefix);
        const parts = unvisitedParts(visited, runStart, runEnd);
        for (let part = 0; part < parts.length; part += 2) {
          for (let position = parts[part]!; position < parts[part + 1]!; position += 1) {
            // The stage, the tender's place block and its capacity part bound the score:
            // tenders in the supplier's district, in its region or near it can score high, the
            // rest not. A tender whose place part may be left out has a place bound of 1, and a
            // mean without a part is at most the mean with that part at 1. The block and value
            // are read beside the occurrence, so that a tender turned away costs no other read;
            // floors only rise and guarantees only fall, so it would be turned away again.
            const block = occurrenceBlock[position]!;
            const placeUpper = block < 0 ? 1 : placeUppers[block]!;
            // First with the capacity part at 1, in one comparison.
            if (placeWeight * placeUpper + stageBase < target) continue;
            const row = occurrences[position]!;
            const floor =
              limitPerTender === 0
                ? feedFloor
                : Math.min(
                    feedFloor,
                    tenderRankings[table.tenderIndex[row]!]?.floor() ?? -Infinity,
                  );
            const value = occurrenceValue[position]!;
            const hasCapacity = capacity !== undefined && !Number.isNaN(value);
            const capacityScore = hasCapacity ? (capacity >= value ? 1 : capacity / value) : 0;
            if (
              total(stageTerm, true, placeUpper, hasCapacity, capacityScore, settings) *
                boundMargin <
              floor
            ) {
              continue;
            }
            if (rowSeen[row] === supplierIndex) continue;
            rowSeen[row] = supplierIndex;
            this.pairsScored += 1;

            // The CPV part, as cpvPart in tenderMatch.ts works it out: the best similarity of
            // each of the tender's codes, their best, and the share at or above the cover
            // threshold.
            const codesStart = codeStarts[row]!;
            const codesEnd = codeStarts[row + 1]!;
            let bestSimilarity = 0;
            let covered = 0;
            for (let at = codesStart; at < codesEnd; at += 1) {
              const code = rowCodes[at]!;
              let best: number;
              if (codeSeen[code] === supplierIndex) {
                best = codeBest[code]!;
              } else {
                best = 0;
                const tenderCode = table.codes[code]!;
                const tenderDigits = table.codeDigits[code]!;
                for (let index = 0; index < supplierCodes.length; index += 1) {
                  const similarity = codeSimilarity(
                    tenderCode,
                    tenderDigits,
                    supplierCodes[index]!,
                    supplierDigits[index]!,
                  );
                  if (similarity > best) best = similarity;
                }
                codeSeen[code] = supplierIndex;
                codeBest[code] = best;
              }
              if (best > bestSimilarity) bestSimilarity = best;
              if (best > 0 && best >= coverThreshold) covered += 1;
            }
            if (bestSimilarity < minCpvSimilarity) continue;

            // From here on the same operations in the same order as scorePrepared, placeOf,
            // capacityPart and haversineKm in tenderMatch.ts, so that the score is identical to
            // the last bit; the tests compare the two on random instances. Keep them in step.
            const codeCount = codesEnd - codesStart;
            const cpvTerm = cpvWeight * ((bestSimilarity * (1 + covered / codeCount)) / 2);
            if (
              total(cpvTerm, true, placeUpper, hasCapacity, capacityScore, settings) * boundMargin <
              floor
            ) {
              continue;
            }
            const tenderDistrict = tenderPlaces.district[row]!;
            const tenderRegion = tenderPlaces.region[row]!;
            const hasRegions = tenderRegion >= 0 && region >= 0;
            const hasDistance = hasPoint && tenderPlaces.hasPoint[row] === 1;
            const hasPlace = tenderDistrict >= 0 || hasRegions || hasDistance;
            let place = 0;
            if (tenderDistrict >= 0 && tenderDistrict === district) {
              place = 1;
            } else {
              if (hasRegions && tenderRegion === region) place = regionScore;
              if (hasDistance) {
                // The distance is the costly part: first bound it from below by the chord
                // between the points, and skip it when even that distance's score leaves the
                // pair below every ranking's lowest score kept. Rounding is monotone, so this
                // bound is never below the exact score.
                const chord = Math.sqrt(
                  (x - tenderPlaces.x[row]!) ** 2 +
                    (y - tenderPlaces.y[row]!) ** 2 +
                    (z - tenderPlaces.z[row]!) ** 2,
                );
                const upper = Math.max(place, distanceUpper(earthRadiusKm * chord - 1e-6));
                if (total(cpvTerm, true, upper, hasCapacity, capacityScore, settings) < floor) {
                  continue;
                }
                // haversineKm(tender point, supplier point), term by term.
                const latitudeChange = (latitude - tenderPlaces.latitude[row]!) * radians;
                const longitudeChange = (longitude - tenderPlaces.longitude[row]!) * radians;
                const h =
                  Math.sin(latitudeChange / 2) ** 2 +
                  tenderPlaces.cosLatitude[row]! * cosLatitude * Math.sin(longitudeChange / 2) ** 2;
                const distanceKm = 2 * earthRadiusKm * Math.asin(Math.min(1, Math.sqrt(h)));
                const distanceScore = nearbyScore * 2 ** (-distanceKm / halvingDistanceKm);
                if (distanceScore > place) place = distanceScore;
              }
            }
            const score = total(cpvTerm, hasPlace, place, hasCapacity, capacityScore, settings);
            if (score < floor) continue;
            const tender = table.tenderIndex[row]!;
            feed.offer(score, tender);
            feedFloor = feed.floor();
            // Each tender's suppliers need every pair the feed turns away, so then the one
            // comparison is left out.
            if (limitPerTender === 0) target = (feedFloor / boundMargin) * weightUsed;
            if (limitPerTender > 0) {
              let ranking = tenderRankings[tender];
              if (ranking === undefined) {
                ranking = new Ranking(limitPerTender, this.#supplierTies);
                tenderRankings[tender] = ranking;
              }
              ranking.offer(score, supplierIndex);
            }
          }
        }
      }
    }
    return feed.take();
  }

  /** The suppliers kept for a tender (their indices in the input), best first. */
  suppliersOf(tender: number): number[] {
    return this.#tenderRankings[tender]?.take() ?? [];
  }
}

/** The weighted mean of the parts that are known, added in the order `scorePrepared` adds them. */
function total(
  cpvTerm: number,
  hasPlace: boolean,
  place: number,
  hasCapacity: boolean,
  capacityScore: number,
  settings: MatchSettings,
): number {
  let weighted = cpvTerm;
  let weightTotal = settings.cpvWeight;
  if (hasPlace) {
    weighted += settings.placeWeight * place;
    weightTotal += settings.placeWeight;
  }
  if (hasCapacity) {
    weighted += settings.capacityWeight * capacityScore;
    weightTotal += settings.capacityWeight;
  }
  return weighted / weightTotal;
}

/**
 * The parts of the run [start, end) of occurrences not read before, as start and end pairs, and
 * the run added to those read. Runs of prefixes are nested or apart, never overlapping otherwise.
 *
 * @param visited the runs read, as sorted start and end pairs; updated.
 */
function unvisitedParts(visited: number[], start: number, end: number): number[] {
  if (start >= end) return [];
  const parts: number[] = [];
  const kept: number[] = [];
  let cursor = start;
  let mergedStart = start;
  let mergedEnd = end;
  let placed = false;
  for (let at = 0; at < visited.length; at += 2) {
    const runStart = visited[at]!;
    const runEnd = visited[at + 1]!;
    if (runEnd <= start || runStart >= end) {
      if (!placed && runStart >= end) {
        kept.push(-1, -1);
        placed = true;
      }
      kept.push(runStart, runEnd);
      continue;
    }
    if (runStart > cursor) parts.push(cursor, runStart);
    cursor = Math.max(cursor, runEnd);
    mergedStart = Math.min(mergedStart, runStart);
    mergedEnd = Math.max(mergedEnd, runEnd);
  }
  if (cursor < end) parts.push(cursor, end);
  if (!placed) kept.push(-1, -1);
  // The merged run goes where the placeholder is, keeping the runs in order.
  const slot = kept.indexOf(-1);
  kept[slot] = mergedStart;
  kept[slot + 1] = mergedEnd;
  visited.length = 0;
  visited.push(...kept);
  return parts;
}

/** The prefixes of tender codes to read for one guarantee of similarity. */
interface SearchStage {
  /** The least similarity every pair found under these prefixes has, with some supplier code. */
  guarantee: number;
  /** Prefixes of eight-digit codes; a whole code stands for itself. */
  prefixes: string[];
}

/**
 * Where a supplier's pairs reaching `minCpvSimilarity` can be found, best guarantee first. Every
 * pair of codes is under a prefix whose guarantee is its similarity exactly (read from the scale
 * of `cpvSimilarity`): equal codes under the code (1); a code nested under a broader one, sharing
 * exactly the broader code's significant digits, under those digits or under the broader code
 * itself, at half-way between the broader code's level and 1; and two codes neither containing
 * the other under the digits they share, at the level's score. So once the stages down to a
 * guarantee are read, every pair not met scores less than the guarantee.
 */
function searchPlan(supplierCodes: readonly string[], minCpvSimilarity: number): SearchStage[] {
  const guarantees = new Map<string, number>();
  const add = (prefix: string, guarantee: number): void => {
    if (guarantee < minCpvSimilarity) return;
    if (guarantee > (guarantees.get(prefix) ?? -1)) guarantees.set(prefix, guarantee);
  };
  for (const code of supplierCodes) {
    const digits = cpvSignificantDigits(code);
    add(code, cpvSimilarityScale.exact);
    // The tenders' codes in the supplier code's branch.
    if (digits < 8) add(code.slice(0, digits), nestedScore(digits));
    // The tenders' codes that the supplier code is in the branch of.
    for (let shared = 2; shared < digits; shared += 1) {
      add(code.slice(0, shared).padEnd(8, "0"), nestedScore(shared));
    }
    // Codes sharing five or more digits all score as a category, so five digits find them all.
    for (let shared = 2; shared < digits && shared <= 5; shared += 1) {
      add(code.slice(0, shared), siblingScore(shared));
    }
  }
  const stages = new Map<number, string[]>();
  for (const [prefix, guarantee] of guarantees) {
    const stage = stages.get(guarantee);
    if (stage === undefined) stages.set(guarantee, [prefix]);
    else stage.push(prefix);
  }
  return [...stages]
    .map(([guarantee, prefixes]) => ({ guarantee, prefixes }))
    .sort((a, b) => b.guarantee - a.guarantee);
}

/**
 * `normalisedCpvSimilarity` of two eight-digit codes whose significant digits are known, by the
 * same rules and the same arithmetic, so the same value: that function works the digits out and
 * slices strings on every call, which the search does tens of millions of times.
 */
function codeSimilarity(a: string, aDigits: number, b: string, bDigits: number): number {
  if (a === b) return cpvSimilarityScale.exact;
  let shared = 0;
  while (shared < 8 && a.charCodeAt(shared) === b.charCodeAt(shared)) shared += 1;
  if (aDigits < bDigits && shared >= aDigits) return nestedScore(aDigits);
  if (bDigits < aDigits && shared >= bDigits) return nestedScore(bDigits);
  return siblingScore(shared);
}

/** The similarity of two codes sharing their first `digits` digits, neither containing the other. */
function siblingScore(digits: number): number {
  if (digits >= 5) return cpvSimilarityScale.category;
  if (digits === 4) return cpvSimilarityScale.class;
  if (digits === 3) return cpvSimilarityScale.group;
  if (digits === 2) return cpvSimilarityScale.division;
  return cpvSimilarityScale.none;
}

/** The similarity of a code to one nested under it, when it has `digits` significant digits. */
function nestedScore(digits: number): number {
  return (siblingScore(digits) + 1) / 2;
}

/**
 * The tenders as rows of columns, with their codes as ids into `codes`, sorted; and the
 * occurrences of the codes, row by row within each code, codes in order, so that the tenders with
 * a code under a prefix are one run. The rows are the tenders sorted by their least code, so that
 * a run mostly reads neighbouring rows.
 */
interface TenderTable {
  /** The tenders' distinct codes, in order. */
  codes: string[];
  /** The significant digits of each code. */
  codeDigits: Int32Array;
  /** The tender (its index in the input) of each row. */
  tenderIndex: Int32Array;
  /** Where each row's code ids start in `rowCodes`; one more entry than rows. */
  codeStarts: Int32Array;
  rowCodes: Int32Array;
  /** The value in pence of each row; NaN when not known. */
  value: Float64Array;
  places: PlaceColumns;
  /**
   * The place block of each row: its district's id when it has one, else the number of places
   * plus its region's id, else -1.
   */
  block: Int32Array;
  /** The number of places (districts and regions) met, which block ids are counted from. */
  placeCount: number;
  /** The rows having each code, code after code. */
  occurrences: Int32Array;
  /** The block of the row of each occurrence. */
  occurrenceBlock: Int32Array;
  /** The value of the row of each occurrence. */
  occurrenceValue: Float64Array;
  /** The first and one past the last position in `occurrences` of the codes under a prefix. */
  run(prefix: string): [number, number];
}

function tenderTable(
  prepared: readonly PreparedTender[],
  places: Map<string, number>,
): TenderTable {
  const codes = [...new Set(prepared.flatMap((tender) => tender.cpvCodes))].sort();
  const codeIds = new Map(codes.map((code, id) => [code, id]));
  // Code ids follow the order of the codes, so a tender's least code has its least id.
  const tenderCodeIds = prepared.map((tender) => tender.cpvCodes.map((code) => codeIds.get(code)!));
  const leastCode = tenderCodeIds.map((ids) =>
    ids.length === 0 ? codes.length : Math.min(...ids),
  );
  const order = Int32Array.from(prepared.keys()).sort(
    (a, b) => leastCode[a]! - leastCode[b]! || a - b,
  );

  const codeStarts = new Int32Array(prepared.length + 1);
  const rowCodes: number[] = [];
  const occurrenceCounts = new Int32Array(codes.length + 1);
  order.forEach((tender, row) => {
    for (const id of tenderCodeIds[tender]!) {
      rowCodes.push(id);
      occurrenceCounts[id + 1]! += 1;
    }
    codeStarts[row + 1] = rowCodes.length;
  });
  // A counting sort of the occurrences by code, rows in order within each code.
  const codeRunStarts = new Int32Array(codes.length + 1);
  for (let id = 0; id < codes.length; id += 1) {
    codeRunStarts[id + 1] = codeRunStarts[id]! + occurrenceCounts[id + 1]!;
  }
  const next = codeRunStarts.slice(0, codes.length);
  const occurrences = new Int32Array(rowCodes.length);
  for (let row = 0; row < prepared.length; row += 1) {
    for (let at = codeStarts[row]!; at < codeStarts[row + 1]!; at += 1) {
      const id = rowCodes[at]!;
      occurrences[next[id]!] = row;
      next[id]! += 1;
    }
  }
  const rowTenders = Array.from(order, (tender) => prepared[tender]!.tender);
  const rowPlaces = placeColumns(rowTenders, places, "tenders", order);
  // Suppliers may add places later; blocks only need those of the tenders.
  const placeCount = places.size;
  const block = Int32Array.from(rowPlaces.district, (district, row) => {
    if (district >= 0) return district;
    const region = rowPlaces.region[row]!;
    return region >= 0 ? placeCount + region : -1;
  });
  const value = Float64Array.from(order, (tender) => prepared[tender]!.value ?? Number.NaN);
  return {
    codes,
    codeDigits: Int32Array.from(codes, (code) => cpvSignificantDigits(code)),
    tenderIndex: order,
    codeStarts,
    rowCodes: Int32Array.from(rowCodes),
    value,
    places: rowPlaces,
    block,
    placeCount,
    occurrences,
    occurrenceBlock: occurrences.map((row) => block[row]!),
    occurrenceValue: Float64Array.from(occurrences, (row) => value[row]!),
    run(prefix) {
      // The codes under a prefix are those from the prefix up to, not including, the prefix
      // followed by a character above every digit.
      const first = lowerBound(codes, prefix);
      const end = lowerBound(codes, `${prefix}:`);
      return [codeRunStarts[first]!, codeRunStarts[end]!];
    },
  };
}

/** The first position in sorted strings at or after `target`. */
function lowerBound(sorted: readonly string[], target: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * What bounds the place score of the tenders of a block (a district, or the tenders of a region
 * that give no district), whatever the supplier: the region of its tenders, and a ball holding
 * their points. Points are taken as unit vectors, so that the chord between two points, a
 * straight line, obeys the triangle inequality.
 */
interface PlaceBlocks {
  /** The number of block ids: twice the number of places. */
  count: number;
  /** The number of places: ids below it are districts, the rest regions. */
  placeCount: number;
  /** The ids of the blocks that have tenders. */
  ids: number[];
  /** By block: the region of its tenders; -1 when none has one, -2 when they differ. */
  region: Int32Array;
  /** By block: 1 when some tender of the block has a point. */
  hasPoint: Uint8Array;
  /** By block: the centre of the ball, the mean of the points as unit vectors. */
  centreX: Float64Array;
  centreY: Float64Array;
  centreZ: Float64Array;
  /** By block: the radius of the ball, as a chord of the unit sphere. */
  radius: Float64Array;
}

function placeBlocks(table: TenderTable): PlaceBlocks {
  const count = 2 * table.placeCount;
  const blocks: PlaceBlocks = {
    count,
    placeCount: table.placeCount,
    ids: [],
    region: new Int32Array(count).fill(-3),
    hasPoint: new Uint8Array(count),
    centreX: new Float64Array(count),
    centreY: new Float64Array(count),
    centreZ: new Float64Array(count),
    radius: new Float64Array(count),
  };
  const { places } = table;
  const points = new Float64Array(count);
  const rows = table.block.length;
  for (let row = 0; row < rows; row += 1) {
    const block = table.block[row]!;
    if (block < 0) continue;
    const region = places.region[row]!;
    const known = blocks.region[block]!;
    if (known === -3) {
      blocks.ids.push(block);
      blocks.region[block] = region;
    } else if (known !== region) {
      blocks.region[block] = -2;
    }
    if (places.hasPoint[row] !== 1) continue;
    blocks.hasPoint[block] = 1;
    points[block]! += 1;
    blocks.centreX[block]! += places.x[row]!;
    blocks.centreY[block]! += places.y[row]!;
    blocks.centreZ[block]! += places.z[row]!;
  }
  for (const block of blocks.ids) {
    const count = points[block]!;
    if (count === 0) continue;
    blocks.centreX[block]! /= count;
    blocks.centreY[block]! /= count;
    blocks.centreZ[block]! /= count;
  }
  for (let row = 0; row < rows; row += 1) {
    const block = table.block[row]!;
    if (block < 0 || places.hasPoint[row] !== 1) continue;
    const chord = Math.sqrt(
      (places.x[row]! - blocks.centreX[block]!) ** 2 +
        (places.y[row]! - blocks.centreY[block]!) ** 2 +
        (places.z[row]! - blocks.centreZ[block]!) ** 2,
    );
    if (chord > blocks.radius[block]!) blocks.radius[block] = chord;
  }
  return blocks;
}

/**
 * Fills, for each block with tenders, a bound on the place score of its tenders against one
 * supplier. A district's tenders score 1 in the supplier's own district; otherwise, as for a
 * region's tenders with no district, the region score when they may share the supplier's region,
 * or the distance score at the least distance the ball of their points allows, if higher. The
 * great-circle distance is at least the chord times the radius of the Earth (asin x >= x), and
 * the chord to a tender at least the chord to the centre less the radius; a millimetre is taken
 * off for rounding. Tenders with no district have no place part when the supplier has no region
 * and one of the two no point: their bound is then 1, which covers a part left out.
 */
function fillPlaceUppers(
  blocks: PlaceBlocks,
  suppliers: PlaceColumns,
  supplierIndex: number,
  regionScore: number,
  distanceUpper: (distanceKm: number) => number,
  uppers: Float64Array,
): void {
  const district = suppliers.district[supplierIndex]!;
  const region = suppliers.region[supplierIndex]!;
  const hasPoint = suppliers.hasPoint[supplierIndex] === 1;
  const x = suppliers.x[supplierIndex]!;
  const y = suppliers.y[supplierIndex]!;
  const z = suppliers.z[supplierIndex]!;
  for (const block of blocks.ids) {
    if (block < blocks.placeCount && block === district) {
      uppers[block] = 1;
      continue;
    }
    if (block >= blocks.placeCount && region < 0) {
      uppers[block] = 1;
      continue;
    }
    let upper = 0;
    const blockRegion = blocks.region[block]!;
    if (region >= 0 && (blockRegion === region || blockRegion === -2)) upper = regionScore;
    if (hasPoint && blocks.hasPoint[block] === 1) {
      const chord =
        Math.sqrt(
          (x - blocks.centreX[block]!) ** 2 +
            (y - blocks.centreY[block]!) ** 2 +
            (z - blocks.centreZ[block]!) ** 2,
        ) - blocks.radius[block]!;
      const distance = distanceUpper(earthRadiusKm * chord - 1e-6);
      if (distance > upper) upper = distance;
    }
    uppers[block] = upper;
  }
}

/**
 * A bound on the distance score at a distance of at least `distanceKm`, from a table of the score
 * every half kilometre up to 2,000 km (and beyond, the score at 2,000 km), raised by a millionth
 * of a millionth against the rounding of the exact score.
 */
function distanceScoreUpper(
  nearbyScore: number,
  halvingDistanceKm: number,
): (distanceKm: number) => number {
  const stepKm = 0.5;
  const steps = 4_000;
  const table = Float64Array.from(
    { length: steps + 1 },
    (_, step) => nearbyScore * 2 ** (-(step * stepKm) / halvingDistanceKm) * (1 + 1e-12),
  );
  return (distanceKm) =>
    distanceKm <= 0 ? table[0]! : table[Math.min(Math.floor(distanceKm / stepKm), steps)]!;
}

/** The place fields of tenders or suppliers, as numbers: ids of interned codes, and points. */
interface PlaceColumns {
  /** The district's id; -1 when not given (an empty string is not given). */
  district: Int32Array;
  /** The region's id; -1 when not given. */
  region: Int32Array;
  /** 1 when the point is given and finite, else 0. */
  hasPoint: Uint8Array;
  latitude: Float64Array;
  longitude: Float64Array;
  /** The cosine of the latitude, worked out as `haversineKm` does. */
  cosLatitude: Float64Array;
  /** The point as a unit vector, for bounds on distances. */
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
}

const radians = Math.PI / 180;
const earthRadiusKm = 6371.0088;

/**
 * @param items the tenders or suppliers.
 * @param field what they are, for messages.
 * @param positions their positions in the input, for messages; default their own.
 */
function placeColumns(
  items: readonly {
    gssCode?: string | undefined;
    regionCode?: string | undefined;
    coordinates?: Coordinates | undefined;
  }[],
  places: Map<string, number>,
  field: string,
  positions?: Int32Array,
): PlaceColumns {
  const intern = (code: string | undefined): number => {
    // placeScore treats a missing and an empty code alike: neither matches anything.
    if (!code) return -1;
    let id = places.get(code);
    if (id === undefined) {
      id = places.size;
      places.set(code, id);
    }
    return id;
  };
  const columns: PlaceColumns = {
    district: new Int32Array(items.length),
    region: new Int32Array(items.length),
    hasPoint: new Uint8Array(items.length),
    latitude: new Float64Array(items.length),
    longitude: new Float64Array(items.length),
    cosLatitude: new Float64Array(items.length),
    x: new Float64Array(items.length),
    y: new Float64Array(items.length),
    z: new Float64Array(items.length),
  };
  items.forEach((item, index) => {
    columns.district[index] = intern(item.gssCode);
    columns.region[index] = intern(item.regionCode);
    const point = item.coordinates;
    if (point === undefined || !Number.isFinite(point.latitude)) return;
    if (!Number.isFinite(point.longitude)) return;
    if (!(Math.abs(point.latitude) <= 90 && Math.abs(point.longitude) <= 180)) {
      const position = positions?.[index] ?? index;
      throw new RangeError(
        `matchAll: ${field}[${position}].coordinates (${point.latitude}, ${point.longitude}) is not a latitude and longitude in degrees`,
      );
    }
    const cosLatitude = Math.cos(point.latitude * radians);
    columns.hasPoint[index] = 1;
    columns.latitude[index] = point.latitude;
    columns.longitude[index] = point.longitude;
    columns.cosLatitude[index] = cosLatitude;
    columns.x[index] = cosLatitude * Math.cos(point.longitude * radians);
    columns.y[index] = cosLatitude * Math.sin(point.longitude * radians);
    columns.z[index] = Math.sin(point.latitude * radians);
  });
  return columns;
}

/**
 * The order in which ties are broken: each item's place among the items sorted by id (UTF-16
 * code units, as `compareIds` compares them), then by position.
 */
function tieOrder(ids: readonly string[]): Int32Array {
  const sorted = Int32Array.from(ids.keys()).sort((a, b) => compareIds(ids[a]!, ids[b]!) || a - b);
  const order = new Int32Array(ids.length);
  sorted.forEach((item, place) => {
    order[item] = place;
  });
  return order;
}

/**
 * The best `limit` entries of a stream of scored items, in the order of the matching methods:
 * higher score first, then the lower id, then the earlier position (`tieOrder`). With a finite
 * limit it is a binary heap whose root is the lowest-ranked entry kept, so a stream of n entries
 * costs O(n log limit) and most candidates are turned away by one comparison with the root.
 */
class Ranking {
  readonly #limit: number;
  readonly #tie: Int32Array;
  #scores: number[] = [];
  #items: number[] = [];

  /**
   * @param limit the most entries to keep, an integer at least 0 or Infinity.
   * @param tie the place of each item in the order of ties, from {@link tieOrder}.
   */
  constructor(limit: number, tie: Int32Array) {
    this.#limit = limit;
    this.#tie = tie;
  }

  /**
   * The lowest score that could still be kept: the score of the lowest-ranked entry once the
   * ranking is full (an entry with that score may still rank above it by its id), Infinity when
   * nothing is kept, and -Infinity before.
   */
  floor(): number {
    if (this.#limit === 0) return Number.POSITIVE_INFINITY;
    return this.#scores.length < this.#limit ? Number.NEGATIVE_INFINITY : this.#scores[0]!;
  }

  /** Offers an item with its score; kept when it ranks among the best `limit` so far. */
  offer(score: number, item: number): void {
    const scores = this.#scores;
    const items = this.#items;
    const tie = this.#tie;
    const size = scores.length;
    if (size < this.#limit) {
      const key = tie[item]!;
      if (this.#limit === Number.POSITIVE_INFINITY) {
        scores.push(score);
        items.push(item);
        return;
      }
      // Sift up from a new leaf: parents ranking above the new entry move down.
      let position = size;
      while (position > 0) {
        const parent = (position - 1) >> 1;
        const parentScore = scores[parent]!;
        if (!(score < parentScore || (score === parentScore && key > tie[items[parent]!]!))) break;
        scores[position] = parentScore;
        items[position] = items[parent]!;
        position = parent;
      }
      scores[position] = score;
      items[position] = item;
      return;
    }
    if (size === 0) return;
    const rootScore = scores[0]!;
    if (score < rootScore) return;
    const key = tie[item]!;
    if (score === rootScore && key > tie[items[0]!]!) return;
    // Replace the root and sift down: the lower-ranked child moves up while it ranks below.
    let position = 0;
    for (;;) {
      let child = 2 * position + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size) {
        const rightScore = scores[right]!;
        const leftScore = scores[child]!;
        if (
          rightScore < leftScore ||
          (rightScore === leftScore && tie[items[right]!]! > tie[items[child]!]!)
        ) {
          child = right;
        }
      }
      const childScore = scores[child]!;
      if (!(childScore < score || (childScore === score && tie[items[child]!]! > key))) break;
      scores[position] = childScore;
      items[position] = items[child]!;
      position = child;
    }
    scores[position] = score;
    items[position] = item;
  }

  /** The items kept, best first; the ranking is empty afterwards. */
  take(): number[] {
    const scores = this.#scores;
    const items = this.#items;
    const tie = this.#tie;
    const order = Array.from(scores.keys()).sort(
      (a, b) => scores[b]! - scores[a]! || tie[items[a]!]! - tie[items[b]!]!,
    );
    const taken = order.map((position) => items[position]!);
    this.#scores = [];
    this.#items = [];
    return taken;
  }
}
