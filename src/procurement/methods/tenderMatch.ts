import { InputError } from "../../core/errors.js";
import { normalisedCpvSimilarity, parseCpv } from "./cpv.js";

/** A point on the Earth in decimal degrees (WGS84), such as a postcode's centroid. */
export interface Coordinates {
  /** Degrees north, -90 to 90. */
  latitude: number;
  /** Degrees east, -180 to 180. */
  longitude: number;
}

/** A supplier as the matching methods see it: where it is, what it does and how much it can take on. */
export interface SupplierToMatch {
  /** The supplier's id, unique among the suppliers given; ties are ordered by it. */
  supplierId: string;
  /** The GSS code of the local authority district the supplier is registered in. */
  gssCode: string;
  /** The GSS code of the district's region (or nation); undefined when not known. */
  regionCode?: string | undefined;
  /** The centroid of the supplier's postcode; undefined when not given. */
  coordinates?: Coordinates | undefined;
  /**
   * What the supplier can do, as CPV codes in any form {@link parseCpv} accepts; a broad code
   * ("45000000") claims its whole branch.
   */
  cpvCodes: readonly (string | number)[];
  /**
   * The largest contract value the supplier can deliver alone, in integer pence; null or
   * undefined when not known.
   */
  capacity?: number | null | undefined;
}

/** A tender as the matching methods see it: what is bought, for how much, and where. */
export interface TenderToMatch {
  /** The tender's id (an OCDS ocid, say); ties are ordered by it. */
  tenderId: string;
  /** The tender's CPV codes (its classification and its items'), in any form {@link parseCpv} accepts. */
  cpvCodes: readonly (string | number)[];
  /** The tender's estimated value in integer pence; null or undefined when not published. */
  value?: number | null | undefined;
  /** The GSS code of the district of delivery; undefined when not known. */
  gssCode?: string | undefined;
  /** The GSS code of the region (or nation) of delivery; undefined when not known. */
  regionCode?: string | undefined;
  /** The point of delivery; undefined when not known. */
  coordinates?: Coordinates | undefined;
}

/** How the place part of a match is scored; shared by the matching and consortium methods. */
export interface PlaceScoreOptions {
  /**
   * The place score of a supplier in another district of the tender's region, from 0 to 1.
   * Default 0.6.
   */
  regionScore?: number;
  /**
   * The place score, from 0 to 1, of a supplier in another district but at the tender's very
   * point, when both have coordinates; the score halves every `halvingDistanceKm` from there.
   * Default 0.8, below the 1 of the same district.
   */
  nearbyScore?: number;
  /** The distance, in km, over which the distance score halves. Default 25. */
  halvingDistanceKm?: number;
}

/** The weights of the three parts of a match score; each at least 0. */
export interface MatchWeights {
  /** The weight of the CPV part; must be above 0. Default 0.5. */
  cpv?: number;
  /** The weight of the place part. Default 0.3. */
  place?: number;
  /** The weight of the capacity part. Default 0.2. */
  capacity?: number;
}

/** Options of {@link matchSuppliers}, {@link matchTenders} and {@link matchScore}. */
export interface MatchOptions extends PlaceScoreOptions {
  /**
   * The weights of the CPV, place and capacity parts in the total score; the parts are
   * combined as a weighted mean, over the parts that are known. Default 0.5, 0.3 and 0.2.
   */
  weights?: MatchWeights;
  /**
   * The least CPV similarity (the best over the pairs of codes, see `cpvSimilarity`) for a pair
   * to be listed, above 0 and at most 1. Default 0.5: the same group, or a code contained in a
   * division the other claims. A supplier with no code in the tender's divisions never appears.
   */
  minCpvSimilarity?: number;
  /**
   * The CPV similarity at which a supplier covers one of the tender's codes, from 0 to 1.
   * Default 0.75: the same class, or a group or finer code containing the other.
   */
  coverThreshold?: number;
  /** The most matches to return, an integer at least 0 or Infinity. Default Infinity (all). */
  limit?: number;
}

/** The default options of the matching methods, for documentation and tests. */
export const matchDefaults = {
  weights: { cpv: 0.5, place: 0.3, capacity: 0.2 },
  minCpvSimilarity: 0.5,
  coverThreshold: 0.75,
  regionScore: 0.6,
  nearbyScore: 0.8,
  halvingDistanceKm: 25,
} as const;

/** The CPV part of a match: how well the supplier's codes meet the tender's. */
export interface CpvMatch {
  /**
   * The part's score, 0 to 1: `bestSimilarity * (1 + coverage) / 2`, so the best pair of codes
   * counts for half and the share of the tender covered for the other half.
   */
  score: number;
  /** The best similarity between one of the tender's codes and one of the supplier's. */
  bestSimilarity: number;
  /** The tender's code of the best pair; undefined when no pair shares a division. */
  tenderCpv: string | undefined;
  /** The supplier's code of the best pair; undefined when no pair shares a division. */
  supplierCpv: string | undefined;
  /** The share of the tender's distinct codes that the supplier covers (at `coverThreshold`). */
  coverage: number;
  /** The tender's codes the supplier covers, in the tender's order. */
  coveredCpvCodes: string[];
}

/**
 * How the place part was scored: the same district, the same region, by distance, or "none"
 * when a comparison was possible but nothing matched.
 */
export type PlaceBasis = "district" | "region" | "distance" | "none";

/** The place part of a match. */
export interface PlaceMatch {
  /**
   * The part's score, 0 to 1; undefined when the tender and the supplier have nothing to compare
   * (the tender gives no district, and no region or coordinates that the supplier also has).
   */
  score: number | undefined;
  /** Which rule gave the score; undefined when the score is. */
  basis: PlaceBasis | undefined;
  /** The great-circle distance in km when both have coordinates; undefined otherwise. */
  distanceKm: number | undefined;
}

/** The capacity part of a match: whether the supplier can deliver the tender's value alone. */
export interface CapacityMatch {
  /**
   * 1 when the capacity reaches the value, else capacity / value; undefined when either is not
   * known (a neutral part, left out of the weighted mean).
   */
  score: number | undefined;
  /** The tender's value in pence, when known. */
  value: number | undefined;
  /** The supplier's capacity in pence, when known. */
  capacity: number | undefined;
}

/** The score of one tender against one supplier, with its parts. */
export interface MatchScore {
  /**
   * The weighted mean of the parts that are known, 0 to 1:
   * `(wCpv * cpv + wPlace * place + wCapacity * capacity) / (sum of the weights used)`.
   */
  score: number;
  /** The CPV part. */
  cpv: CpvMatch;
  /** The place part. */
  place: PlaceMatch;
  /** The capacity part. */
  capacity: CapacityMatch;
}

/** One supplier matched to a tender. */
export interface SupplierMatch extends MatchScore {
  /** The supplier's id. */
  supplierId: string;
}

/** One tender matched to a supplier: an item of the supplier's alert feed. */
export interface TenderMatch extends MatchScore {
  /** The tender's id. */
  tenderId: string;
}

/**
 * The suppliers that could bid for a tender, best first, each with its score and the parts
 * that make it up: how well its CPV codes meet the tender's, how close it is to the place of
 * delivery, and whether its capacity reaches the tender's value (see {@link matchScore}).
 * Suppliers whose best CPV similarity is below `minCpvSimilarity` are left out. Ties are broken
 * by the supplier id (UTF-16 code units, so the order does not depend on the locale), then by
 * the order given.
 *
 * @param tender the tender.
 * @param suppliers the suppliers to consider.
 * @param options weights, thresholds and place scores; see {@link MatchOptions}.
 * @returns at most `limit` matches, best first; empty when the tender has no CPV codes.
 * @throws InputError when a CPV code is not a CPV 2008 code.
 * @throws RangeError when an option is out of range, or a value, capacity or coordinate is
 *   negative, fractional (pence) or out of range.
 */
export function matchSuppliers(
  tender: TenderToMatch,
  suppliers: readonly SupplierToMatch[],
  options: MatchOptions = {},
): SupplierMatch[] {
  const settings = matchSettings(options);
  const preparedTender = prepareTender(tender, "tender");
  const matches: SupplierMatch[] = [];
  suppliers.forEach((supplier, index) => {
    const preparedSupplier = prepareSupplier(supplier, `suppliers[${index}]`);
    const score = scorePrepared(preparedTender, preparedSupplier, settings);
    if (score.cpv.bestSimilarity < settings.minCpvSimilarity) return;
    matches.push({ supplierId: supplier.supplierId, ...score });
  });
  matches.sort((a, b) => b.score - a.score || compareIds(a.supplierId, b.supplierId));
  return matches.slice(0, settings.limit);
}

/**
 * A supplier's alert feed: the tenders it could bid for, best first, scored as
 * {@link matchSuppliers} scores suppliers, so that a pair scores the same from either side.
 * Tenders whose best CPV similarity is below `minCpvSimilarity` are left out; ties are broken by
 * the tender id, then by the order given.
 *
 * @param supplier the supplier.
 * @param tenders the open tenders.
 * @param options weights, thresholds and place scores; see {@link MatchOptions}.
 * @returns at most `limit` matches, best first; empty when the supplier has no CPV codes.
 * @throws InputError when a CPV code is not a CPV 2008 code.
 * @throws RangeError as {@link matchSuppliers} does.
 */
export function matchTenders(
  supplier: SupplierToMatch,
  tenders: readonly TenderToMatch[],
  options: MatchOptions = {},
): TenderMatch[] {
  const settings = matchSettings(options);
  const preparedSupplier = prepareSupplier(supplier, "supplier");
  const matches: TenderMatch[] = [];
  tenders.forEach((tender, index) => {
    const preparedTender = prepareTender(tender, `tenders[${index}]`);
    const score = scorePrepared(preparedTender, preparedSupplier, settings);
    if (score.cpv.bestSimilarity < settings.minCpvSimilarity) return;
    matches.push({ tenderId: tender.tenderId, ...score });
  });
  matches.sort((a, b) => b.score - a.score || compareIds(a.tenderId, b.tenderId));
  return matches.slice(0, settings.limit);
}

/**
 * The score of one tender against one supplier, whatever its CPV similarity, in three parts:
 *
 * - **CPV**: for each of the tender's distinct codes, the best `cpvSimilarity` with any of the
 *   supplier's codes; the best of these (`bestSimilarity`), and the share of the tender's codes
 *   at or above `coverThreshold` (`coverage`), give `bestSimilarity * (1 + coverage) / 2`. An
 *   exact match on one code of three scores at least 2/3; a same-division match at most 0.25.
 * - **Place**: 1 in the same district; otherwise the better of `regionScore` (same region) and,
 *   when both have coordinates, `nearbyScore * 2^(-km / halvingDistanceKm)`; 0 when a comparison
 *   was possible but neither applies; undefined when nothing can be compared.
 * - **Capacity**: 1 when the supplier's capacity reaches the tender's value (a value of 0 is
 *   always reached), else capacity / value; undefined when either is unknown.
 *
 * The total is the weighted mean of the parts that are known, so an unknown part is neutral:
 * it neither adds to nor takes from the score.
 *
 * @throws InputError when a CPV code is not a CPV 2008 code.
 * @throws RangeError as {@link matchSuppliers} does.
 */
export function matchScore(
  tender: TenderToMatch,
  supplier: SupplierToMatch,
  options: MatchOptions = {},
): MatchScore {
  const settings = matchSettings(options);
  return scorePrepared(
    prepareTender(tender, "tender"),
    prepareSupplier(supplier, "supplier"),
    settings,
  );
}

/**
 * The place part of a match (see {@link matchScore}): 1 in the same district, else the better of
 * the region score and the distance score, 0 when neither applies, undefined when the tender
 * gives no district and no region or coordinates that the supplier also has.
 *
 * @throws RangeError when an option or a coordinate is out of range.
 */
export function placeScore(
  tender: Pick<TenderToMatch, "gssCode" | "regionCode" | "coordinates">,
  supplier: Pick<SupplierToMatch, "gssCode" | "regionCode" | "coordinates">,
  options: PlaceScoreOptions = {},
): PlaceMatch {
  return placeOf(tender, supplier, placeSettings(options));
}

/**
 * The great-circle distance between two points by the haversine formula (Sinnott 1984, "Virtues
 * of the Haversine", Sky and Telescope 68(2):159) on a sphere of the Earth's mean radius,
 * 6,371.0088 km (Moritz 2000, "Geodetic Reference System 1980", Journal of Geodesy 74(1)). Over
 * the distances of one country the spherical error is below 0.5%.
 *
 * @returns the distance in km.
 * @throws RangeError when a latitude is outside -90 to 90 or a longitude outside -180 to 180.
 */
export function haversineKm(from: Coordinates, to: Coordinates): number {
  checkCoordinates(from);
  checkCoordinates(to);
  const radians = Math.PI / 180;
  const latitudeChange = (to.latitude - from.latitude) * radians;
  const longitudeChange = (to.longitude - from.longitude) * radians;
  const h =
    Math.sin(latitudeChange / 2) ** 2 +
    Math.cos(from.latitude * radians) *
      Math.cos(to.latitude * radians) *
      Math.sin(longitudeChange / 2) ** 2;
  // Rounding can push h a hair above 1 for antipodal points.
  return 2 * earthRadiusKm * Math.asin(Math.min(1, Math.sqrt(h)));
}

const earthRadiusKm = 6371.0088;

/**
 * The options of the matching methods, checked and with their defaults filled in; shared with
 * matchAll.ts and not re-exported from the capability's index.
 */
export interface MatchSettings extends PlaceSettings {
  cpvWeight: number;
  placeWeight: number;
  capacityWeight: number;
  minCpvSimilarity: number;
  coverThreshold: number;
  limit: number;
}

/** The place options, checked and with their defaults filled in; shared with consortia.ts. */
export interface PlaceSettings {
  regionScore: number;
  nearbyScore: number;
  halvingDistanceKm: number;
}

/** A tender with its codes normalised and deduplicated and its value checked. */
export interface PreparedTender {
  tender: TenderToMatch;
  cpvCodes: string[];
  value: number | undefined;
}

/** A supplier with its codes normalised and deduplicated and its capacity checked. */
export interface PreparedSupplier {
  supplier: SupplierToMatch;
  cpvCodes: string[];
  capacity: number | undefined;
}

/** Checks the matching options and fills in their defaults; shared with matchAll.ts. */
export function matchSettings(options: MatchOptions): MatchSettings {
  const weights = options.weights ?? {};
  const cpvWeight = weights.cpv ?? matchDefaults.weights.cpv;
  const placeWeight = weights.place ?? matchDefaults.weights.place;
  const capacityWeight = weights.capacity ?? matchDefaults.weights.capacity;
  if (!(Number.isFinite(cpvWeight) && cpvWeight > 0)) {
    throw new RangeError(`match: the CPV weight is ${cpvWeight}; it must be above 0`);
  }
  checkNonNegative("the place weight", placeWeight);
  checkNonNegative("the capacity weight", capacityWeight);
  const minCpvSimilarity = options.minCpvSimilarity ?? matchDefaults.minCpvSimilarity;
  if (!(minCpvSimilarity > 0 && minCpvSimilarity <= 1)) {
    throw new RangeError(
      `match: minCpvSimilarity is ${minCpvSimilarity}; it must be above 0 and at most 1`,
    );
  }
  const coverThreshold = options.coverThreshold ?? matchDefaults.coverThreshold;
  checkUnit("coverThreshold", coverThreshold);
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  checkLimit("match: limit", limit);
  return {
    cpvWeight,
    placeWeight,
    capacityWeight,
    minCpvSimilarity,
    coverThreshold,
    limit,
    ...placeSettings(options),
  };
}

/**
 * Checks the place options and fills in their defaults. This and the helpers below are shared
 * with consortia.ts and are not re-exported from the capability's index.
 */
export function placeSettings(options: PlaceScoreOptions): PlaceSettings {
  const regionScore = options.regionScore ?? matchDefaults.regionScore;
  const nearbyScore = options.nearbyScore ?? matchDefaults.nearbyScore;
  const halvingDistanceKm = options.halvingDistanceKm ?? matchDefaults.halvingDistanceKm;
  checkUnit("regionScore", regionScore);
  checkUnit("nearbyScore", nearbyScore);
  if (!(Number.isFinite(halvingDistanceKm) && halvingDistanceKm > 0)) {
    throw new RangeError(`match: halvingDistanceKm is ${halvingDistanceKm}; it must be above 0`);
  }
  return { regionScore, nearbyScore, halvingDistanceKm };
}

/** Normalises a tender's codes (dropping repeats) and checks its value. */
export function prepareTender(tender: TenderToMatch, field: string): PreparedTender {
  return {
    tender,
    cpvCodes: normaliseCodes(tender.cpvCodes, `${field}.cpvCodes`),
    value: pence(tender.value, `${field}.value`),
  };
}

/** Normalises a supplier's codes (dropping repeats) and checks its capacity. */
export function prepareSupplier(supplier: SupplierToMatch, field: string): PreparedSupplier {
  return {
    supplier,
    cpvCodes: normaliseCodes(supplier.cpvCodes, `${field}.cpvCodes`),
    capacity: pence(supplier.capacity, `${field}.capacity`),
  };
}

/** For each of the tender's codes, the best similarity with any of the supplier's codes. */
export function bestSimilarities(tenderCodes: string[], supplierCodes: string[]): Float64Array {
  const best = new Float64Array(tenderCodes.length);
  tenderCodes.forEach((tenderCode, index) => {
    let codeBest = 0;
    for (const supplierCode of supplierCodes) {
      const similarity = normalisedCpvSimilarity(tenderCode, supplierCode);
      if (similarity > codeBest) codeBest = similarity;
    }
    best[index] = codeBest;
  });
  return best;
}

/**
 * The score of a prepared pair; the one computation behind both directions of matching and
 * behind matchAll.ts, whose fast path must give the same score.
 */
export function scorePrepared(
  tender: PreparedTender,
  supplier: PreparedSupplier,
  settings: MatchSettings,
): MatchScore {
  const cpv = cpvPart(tender.cpvCodes, supplier.cpvCodes, settings.coverThreshold);
  const place = placeOf(tender.tender, supplier.supplier, settings);
  const capacity = capacityPart(tender.value, supplier.capacity);
  let weighted = settings.cpvWeight * cpv.score;
  let weightTotal = settings.cpvWeight;
  if (place.score !== undefined) {
    weighted += settings.placeWeight * place.score;
    weightTotal += settings.placeWeight;
  }
  if (capacity.score !== undefined) {
    weighted += settings.capacityWeight * capacity.score;
    weightTotal += settings.capacityWeight;
  }
  return { score: weighted / weightTotal, cpv, place, capacity };
}

/** Compares two ids by UTF-16 code units, so that the order does not depend on the locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function cpvPart(tenderCodes: string[], supplierCodes: string[], coverThreshold: number): CpvMatch {
  let bestSimilarity = 0;
  let tenderCpv: string | undefined;
  let supplierCpv: string | undefined;
  const coveredCpvCodes: string[] = [];
  for (const tenderCode of tenderCodes) {
    let codeBest = 0;
    for (const supplierCode of supplierCodes) {
      const similarity = normalisedCpvSimilarity(tenderCode, supplierCode);
      if (similarity > codeBest) codeBest = similarity;
      // The first pair, in the order given, to reach the best similarity explains the score.
      if (similarity > bestSimilarity) {
        bestSimilarity = similarity;
        tenderCpv = tenderCode;
        supplierCpv = supplierCode;
      }
    }
    if (codeBest > 0 && codeBest >= coverThreshold) coveredCpvCodes.push(tenderCode);
  }
  const coverage = tenderCodes.length === 0 ? 0 : coveredCpvCodes.length / tenderCodes.length;
  return {
    score: (bestSimilarity * (1 + coverage)) / 2,
    bestSimilarity,
    tenderCpv,
    supplierCpv,
    coverage,
    coveredCpvCodes,
  };
}

function placeOf(
  tender: Pick<TenderToMatch, "gssCode" | "regionCode" | "coordinates">,
  supplier: Pick<SupplierToMatch, "gssCode" | "regionCode" | "coordinates">,
  settings: PlaceSettings,
): PlaceMatch {
  const tenderPoint = presentCoordinates(tender.coordinates);
  const supplierPoint = presentCoordinates(supplier.coordinates);
  const distanceKm =
    tenderPoint && supplierPoint ? haversineKm(tenderPoint, supplierPoint) : undefined;
  const hasRegions = Boolean(tender.regionCode) && Boolean(supplier.regionCode);
  if (!tender.gssCode && !hasRegions && distanceKm === undefined) {
    return { score: undefined, basis: undefined, distanceKm };
  }
  if (tender.gssCode && tender.gssCode === supplier.gssCode) {
    return { score: 1, basis: "district", distanceKm };
  }
  let score = 0;
  let basis: PlaceBasis = "none";
  if (hasRegions && tender.regionCode === supplier.regionCode) {
    score = settings.regionScore;
    basis = "region";
  }
  if (distanceKm !== undefined) {
    const distanceScore = settings.nearbyScore * 2 ** (-distanceKm / settings.halvingDistanceKm);
    if (distanceScore > score) {
      score = distanceScore;
      basis = "distance";
    }
  }
  return { score, basis, distanceKm };
}

function capacityPart(value: number | undefined, capacity: number | undefined): CapacityMatch {
  if (value === undefined || capacity === undefined) {
    return { score: undefined, value, capacity };
  }
  const score = capacity >= value ? 1 : capacity / value;
  return { score, value, capacity };
}

function normaliseCodes(codes: readonly (string | number)[], field: string): string[] {
  const normalised = new Set<string>();
  codes.forEach((code, index) => {
    try {
      normalised.add(parseCpv(code).code);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      // Say which code of which tender or supplier was wrong, keeping the parser's reason.
      throw new InputError(error.message, { field: `${field}[${index}]` });
    }
  });
  return [...normalised];
}

/** An amount in pence: undefined when missing (null, undefined, NaN, ±Infinity). */
function pence(amount: number | null | undefined, field: string): number | undefined {
  if (amount == null || !Number.isFinite(amount)) return undefined;
  if (amount < 0 || !Number.isInteger(amount)) {
    throw new RangeError(`match: ${field} is ${amount}; it must be whole pence, at least 0`);
  }
  return amount;
}

function presentCoordinates(point: Coordinates | undefined): Coordinates | undefined {
  if (point === undefined) return undefined;
  if (!Number.isFinite(point.latitude) || !Number.isFinite(point.longitude)) return undefined;
  return point;
}

function checkCoordinates(point: Coordinates): void {
  if (!(Math.abs(point.latitude) <= 90) || !(Math.abs(point.longitude) <= 180)) {
    throw new RangeError(
      `haversineKm: (${point.latitude}, ${point.longitude}) is not a latitude and longitude in degrees`,
    );
  }
}

function checkNonNegative(name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new RangeError(`match: ${name} is ${value}; it must be at least 0`);
  }
}

function checkUnit(name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) {
    throw new RangeError(`match: ${name} is ${value}; it must be from 0 to 1`);
  }
}

/** Checks a limit: an integer at least 0, or Infinity. */
export function checkLimit(name: string, value: number): void {
  if (!(value === Number.POSITIVE_INFINITY || (Number.isInteger(value) && value >= 0))) {
    throw new RangeError(`${name} is ${value}; it must be an integer at least 0, or Infinity`);
  }
}
