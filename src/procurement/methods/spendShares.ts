import { InputError } from "../../core/errors.js";

/**
 * One contract award as the spend analysis reads it. Missing facts about the supplier are
 * `undefined` or `null` (or an empty string), and count as unknown.
 */
export interface SpendAward {
  /** The buyer's id. */
  buyerId: string;
  /** The buyer's name, for people; the first one given for a buyer is reported. */
  buyerName?: string | null;
  /** The year of the award (calendar or financial, as the caller chooses), a whole number. */
  year: number;
  /**
   * The award's CPV division, two digits ("45"); a full CPV code is cut to its first two digits.
   * Unknown when missing.
   */
  cpvDivision?: string | null;
  /** The value awarded, whole pence, 0 or more. */
  valuePence: number;
  /** Whether the supplier is a small or medium-sized enterprise; unknown when missing. */
  supplierIsSme?: boolean | null;
  /** The supplier's place (a local authority district code); unknown when missing. */
  supplierPlace?: string | null;
  /** The supplier's region (an ITL1 or region code); unknown when missing. */
  supplierRegion?: string | null;
}

/** The place whose local spend is measured. */
export interface SpendPlace {
  /** The place, a local authority district code such as "E08000021". */
  place: string;
  /** The place's region, in the same coding as the awards' `supplierRegion`. */
  region: string;
  /**
   * The places counted as left behind (district codes). When omitted, the left-behind share is
   * not computed.
   */
  leftBehindPlaces?: Iterable<string>;
}

/**
 * One share of awarded value: the value to suppliers of a kind (SMEs, or suppliers in the
 * place) over the value whose supplier is known to be of that kind or not. Money in whole pence.
 */
export interface SpendShare {
  /** The value to suppliers of the kind. */
  valuePence: number;
  /** The number of awards to suppliers of the kind. */
  awards: number;
  /** The value whose supplier is known to be of the kind or not: the share's denominator. */
  knownValuePence: number;
  /** The number of awards whose supplier is known to be of the kind or not. */
  knownAwards: number;
  /** The value whose supplier's status is unknown, left out of the share. */
  unknownValuePence: number;
  /** The number of awards whose supplier's status is unknown. */
  unknownAwards: number;
  /** `valuePence / knownValuePence`, from 0 to 1; undefined when no known value. */
  share: number | undefined;
}

/** The shares of some awards. Money in whole pence. */
export interface SpendSummary {
  /** The number of awards. */
  awards: number;
  /** Their value. */
  valuePence: number;
  /** The share to SMEs, over the awards whose supplier's size is known. */
  sme: SpendShare;
  /** The share to suppliers in the place, over the awards whose supplier's place is known. */
  place: SpendShare;
  /** The share to suppliers in the region, over the awards whose supplier's region is known. */
  region: SpendShare;
  /**
   * The share to suppliers in left-behind places, over the awards whose supplier's place is
   * known; undefined when no left-behind places were given.
   */
  leftBehind: SpendShare | undefined;
}

/** One buyer's shares. */
export interface BuyerSpend extends SpendSummary {
  /** The buyer's id. */
  buyerId: string;
  /** The first name given for the buyer, or undefined. */
  buyerName: string | undefined;
}

/** One year's shares. */
export interface YearSpend extends SpendSummary {
  /** The year. */
  year: number;
}

/** One CPV division's shares. */
export interface DivisionSpend extends SpendSummary {
  /** The division (two digits), or undefined for the awards with none. */
  cpvDivision: string | undefined;
}

/** How one share changed from the first year to the last year it is defined. */
export interface ShareChange {
  /** The first year with the share defined. */
  fromYear: number;
  /** The last year with the share defined, later than `fromYear`. */
  toYear: number;
  /** The share in `fromYear`. */
  from: number;
  /** The share in `toYear`. */
  to: number;
  /** `to - from`, in shares (0.05 is five percentage points). */
  change: number;
}

/**
 * The change of each share over the years; a share defined in fewer than two years has none
 * (undefined).
 */
export interface SpendTrend {
  /** The change of the SME share. */
  sme: ShareChange | undefined;
  /** The change of the share to suppliers in the place. */
  place: ShareChange | undefined;
  /** The change of the share to suppliers in the region. */
  region: ShareChange | undefined;
  /** The change of the share to suppliers in left-behind places. */
  leftBehind: ShareChange | undefined;
}

/** The spend analysis: in total, by buyer, by year and by CPV division, with the trend. */
export interface SpendSharesResult {
  /** All the awards. */
  total: SpendSummary;
  /** Each buyer, in id order. */
  byBuyer: BuyerSpend[];
  /** Each year, in order: the per-year shares of the trend. */
  byYear: YearSpend[];
  /** Each CPV division, in code order, the awards with none last. */
  byCpvDivision: DivisionSpend[];
  /** How each share changed from its first year to its last. */
  trend: SpendTrend;
}

/** The kinds of supplier whose share is measured. */
type ShareKind = "sme" | "place" | "region" | "leftBehind";

/**
 * The shares of a buyer's or buyers' awarded value going to SMEs, to suppliers in a place, to
 * suppliers in its region and to suppliers in left-behind places, in total and by buyer, by year
 * and by CPV division.
 *
 * Each share is over the value whose supplier's status is known: the SME share is
 * `Σ value (supplierIsSme) / Σ value (supplierIsSme known)`; the place share
 * `Σ value (supplierPlace = place) / Σ value (supplierPlace known)`; the region share likewise
 * with `supplierRegion` (a supplier's region is known only from `supplierRegion`, never inferred
 * from its place); the left-behind share
 * `Σ value (supplierPlace in leftBehindPlaces) / Σ value (supplierPlace known)`. The unknown
 * value and awards are reported beside each share rather than counted as "no": a share is of
 * what is known, and the unknown part says how far to trust it. A share with no known value is
 * undefined, never 0. Every grouping partitions the awards, so its groups' values and counts sum
 * to the total's.
 *
 * The trend of each share runs from the first to the last year in which it is defined; with
 * fewer than two such years it is undefined. See docs/methods/local-spend.md.
 *
 * @param awards the awards.
 * @param place the place, its region and the left-behind places.
 * @returns the shares in total, by buyer, by year and by CPV division, and their trend.
 * @throws InputError for an award with no buyer id, a year that is not a whole number, a value
 *   that is not a whole number of pence of 0 or more, or a CPV division not starting with two
 *   digits; or an empty place or region.
 */
export function spendShares(awards: readonly SpendAward[], place: SpendPlace): SpendSharesResult {
  if (!(typeof place.place === "string" && place.place !== "")) {
    throw new InputError("spendShares: expected a place code", {
      field: "place",
      value: String(place.place),
    });
  }
  if (!(typeof place.region === "string" && place.region !== "")) {
    throw new InputError("spendShares: expected a region code", {
      field: "region",
      value: String(place.region),
    });
  }
  const leftBehind =
    place.leftBehindPlaces === undefined ? undefined : new Set(place.leftBehindPlaces);
  const checked = awards.map(checkAward);
  const total = checked.reduce((sum, award) => sum + award.valuePence, 0);
  if (!Number.isSafeInteger(total)) {
    throw new InputError("spendShares: the awards are too large to total exactly in pence", {
      field: "valuePence",
    });
  }

  // Whether each award's supplier is of each kind: true, false, or undefined when unknown.
  const status = (award: CheckedAward, kind: ShareKind): boolean | undefined => {
    switch (kind) {
      case "sme":
        return award.supplierIsSme;
      case "place":
        return award.supplierPlace === undefined ? undefined : award.supplierPlace === place.place;
      case "region":
        return award.supplierRegion === undefined
          ? undefined
          : award.supplierRegion === place.region;
      case "leftBehind":
        return award.supplierPlace === undefined ? undefined : leftBehind!.has(award.supplierPlace);
    }
  };
  const summarise = (members: readonly CheckedAward[]): SpendSummary => {
    const share = (kind: ShareKind): SpendShare => {
      const result: SpendShare = {
        valuePence: 0,
        awards: 0,
        knownValuePence: 0,
        knownAwards: 0,
        unknownValuePence: 0,
        unknownAwards: 0,
        share: undefined,
      };
      for (const award of members) {
        const of = status(award, kind);
        if (of === undefined) {
          result.unknownValuePence += award.valuePence;
          result.unknownAwards += 1;
          continue;
        }
        result.knownValuePence += award.valuePence;
        result.knownAwards += 1;
        if (of) {
          result.valuePence += award.valuePence;
          result.awards += 1;
        }
      }
      result.share =
        result.knownValuePence > 0 ? result.valuePence / result.knownValuePence : undefined;
      return result;
    };
    return {
      awards: members.length,
      valuePence: members.reduce((sum, award) => sum + award.valuePence, 0),
      sme: share("sme"),
      place: share("place"),
      region: share("region"),
      leftBehind: leftBehind === undefined ? undefined : share("leftBehind"),
    };
  };

  const byBuyer = groupBy(checked, (award) => award.buyerId)
    .sort((a, b) => compareCodes(a.key, b.key))
    .map(({ key, members }) => ({
      buyerId: key,
      buyerName: members.find((award) => award.buyerName !== undefined)?.buyerName,
      ...summarise(members),
    }));
  const byYear = groupBy(checked, (award) => award.year)
    .sort((a, b) => a.key - b.key)
    .map(({ key, members }) => ({ year: key, ...summarise(members) }));
  const byCpvDivision = groupBy(checked, (award) => award.cpvDivision)
    .sort((a, b) =>
      a.key === undefined ? 1 : b.key === undefined ? -1 : compareCodes(a.key, b.key),
    )
    .map(({ key, members }) => ({ cpvDivision: key, ...summarise(members) }));

  const change = (kind: ShareKind): ShareChange | undefined => {
    const defined = byYear.flatMap((year) => {
      const share = year[kind]?.share;
      return share === undefined ? [] : [{ year: year.year, share }];
    });
    const first = defined[0];
    const last = defined[defined.length - 1];
    if (first === undefined || last === undefined || first === last) return undefined;
    return {
      fromYear: first.year,
      toYear: last.year,
      from: first.share,
      to: last.share,
      change: last.share - first.share,
    };
  };

  return {
    total: summarise(checked),
    byBuyer,
    byYear,
    byCpvDivision,
    trend: {
      sme: change("sme"),
      place: change("place"),
      region: change("region"),
      leftBehind: change("leftBehind"),
    },
  };
}

/** An award checked, with empty strings and nulls made undefined. */
interface CheckedAward {
  buyerId: string;
  buyerName: string | undefined;
  year: number;
  cpvDivision: string | undefined;
  valuePence: number;
  supplierIsSme: boolean | undefined;
  supplierPlace: string | undefined;
  supplierRegion: string | undefined;
}

function checkAward(award: SpendAward, index: number): CheckedAward {
  const where = (field: string, value: unknown) => ({
    field: `awards[${index}].${field}`,
    value: String(value),
  });
  if (!(typeof award.buyerId === "string" && award.buyerId !== "")) {
    throw new InputError("spendShares: expected a buyer id", where("buyerId", award.buyerId));
  }
  if (!Number.isInteger(award.year)) {
    throw new InputError(
      "spendShares: expected a year (a whole number)",
      where("year", award.year),
    );
  }
  if (!(Number.isSafeInteger(award.valuePence) && award.valuePence >= 0)) {
    throw new InputError(
      "spendShares: expected a value in whole pence, 0 or more",
      where("valuePence", award.valuePence),
    );
  }
  let cpvDivision: string | undefined;
  const division = present(award.cpvDivision);
  if (division !== undefined) {
    const match = /^\s*(\d{2})/.exec(division);
    if (match === null) {
      throw new InputError(
        "spendShares: expected a CPV division of two digits",
        where("cpvDivision", division),
      );
    }
    cpvDivision = match[1];
  }
  const { supplierIsSme } = award;
  if (supplierIsSme != null && typeof supplierIsSme !== "boolean") {
    throw new InputError(
      "spendShares: expected supplierIsSme true, false or missing",
      where("supplierIsSme", supplierIsSme),
    );
  }
  return {
    buyerId: award.buyerId,
    buyerName: present(award.buyerName),
    year: award.year,
    cpvDivision,
    valuePence: award.valuePence,
    supplierIsSme: supplierIsSme ?? undefined,
    supplierPlace: present(award.supplierPlace),
    supplierRegion: present(award.supplierRegion),
  };
}

/** A string, or undefined when it is missing or empty. */
function present(value: string | null | undefined): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** The members of each key, in order of first appearance. */
function groupBy<T, K>(items: readonly T[], key: (item: T) => K): { key: K; members: T[] }[] {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const itemKey = key(item);
    const members = groups.get(itemKey);
    if (members === undefined) groups.set(itemKey, [item]);
    else members.push(item);
  }
  return [...groups].map(([groupKey, members]) => ({ key: groupKey, members }));
}

/** Codes in code-unit order, independent of the machine's locale. */
function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
