import type {
  OcdsAddress,
  OcdsClassification,
  OcdsItem,
  OcdsLocation,
  OcdsParty,
  OcdsPeriod,
  OcdsRelease,
  OcdsValue,
} from "./types.js";

/**
 * A monetary value as published, not converted: `amount` in major units of `currency` (pounds,
 * not pence). The importer converts it to integer minor units for the store.
 */
export interface OcdsMoney {
  amount: number;
  /** The ISO 4217 code as published; missing when the publisher gave none. */
  currency?: string;
}

/** The buyer of a contracting process. */
export interface OcdsBuyerSummary {
  /** The buyer's `id` in `parties` (or its 1.0-era id). */
  id?: string;
  name?: string;
}

/** A supplier of an award, with what `parties` says of it. */
export interface OcdsSupplierSummary {
  /** The supplier's `id` in `parties`; missing in 1.0-era data. */
  id?: string;
  name?: string;
  /** `parties[].details.scale`: "micro", "sme", "small", "medium" or "large"; missing if not given. */
  scale?: string;
  /** The postal code of the supplier's address, trimmed, upper-cased and single-spaced. */
  postcode?: string;
}

/** A lot of the tender. */
export interface OcdsLotSummary {
  id: string;
  title?: string;
  value?: OcdsMoney;
}

/** An award, with its suppliers. */
export interface OcdsAwardSummary {
  id: string;
  /** The award date (ISO 8601 date-time) as published. */
  date?: string;
  /** A code from the awardStatus codelist: "pending", "active", "cancelled", "unsuccessful". */
  status?: string;
  value?: OcdsMoney;
  suppliers: OcdsSupplierSummary[];
}

/** A contract. */
export interface OcdsContractSummary {
  id: string;
  /** The `id` of the award the contract follows from. */
  awardId?: string;
  status?: string;
  value?: OcdsMoney;
  /** The start of the contract period (ISO 8601 date-time). */
  startDate?: string;
  /** The end of the contract period (ISO 8601 date-time). */
  endDate?: string;
}

/** A place code of a delivery location's gazetteer, for example `{scheme: "NUTS", code: "UKK4"}`. */
export interface OcdsGazetteerCode {
  scheme: string;
  code: string;
}

/** The flat facts of a contracting process that Placefirst stores. */
export interface OcdsSummary {
  ocid: string;
  /** The date of the (compiled) release: when the process was last updated. */
  date: string;
  buyer?: OcdsBuyerSummary;
  tenderTitle?: string;
  /** A code from the tenderStatus codelist: "planned", "active", "complete", ... */
  tenderStatus?: string;
  tenderValue?: OcdsMoney;
  /** The end of the tender period, the deadline for bids (ISO 8601 date-time). */
  tenderPeriodEnd?: string;
  /**
   * The CPV codes of the tender (its `classification`, and its items' classifications and
   * additional classifications with scheme CPV), as 8 digits without the check digit, first seen
   * first and without repeats. A code that is not 8 digits is kept as published, trimmed.
   */
  cpvCodes: string[];
  /** The `region` of the tender items' delivery addresses, trimmed, without repeats. */
  deliveryRegions: string[];
  /** The postal codes of the tender items' delivery addresses, normalised as suppliers' are. */
  deliveryPostcodes: string[];
  /** The gazetteer codes of the tender items' delivery locations. */
  deliveryGazetteerCodes: OcdsGazetteerCode[];
  lots: OcdsLotSummary[];
  awards: OcdsAwardSummary[];
  contracts: OcdsContractSummary[];
}

/**
 * The facts the importer stores about a contracting process, read from its compiled release (or
 * from a single release). Text is trimmed and empty text left out; money is as published;
 * identifiers become strings. Reads 1.0-era data too: a buyer or supplier without `parties` keeps
 * the name and address written inline.
 */
export function summariseCompiled(compiled: OcdsRelease): OcdsSummary {
  const parties = list(compiled.parties);
  const partiesById = new Map<string, OcdsParty>();
  for (const party of parties) {
    const id = identifier(party.id);
    if (id !== undefined && !partiesById.has(id)) partiesById.set(id, party);
  }
  const tender = compiled.tender ?? undefined;
  const items = list(tender?.items);

  return defined({
    ocid: compiled.ocid,
    date: compiled.date,
    buyer: buyerOf(compiled, parties, partiesById),
    tenderTitle: text(tender?.title),
    tenderStatus: text(tender?.status),
    tenderValue: money(tender?.value),
    tenderPeriodEnd: text(tender?.tenderPeriod?.endDate),
    cpvCodes: cpvCodes(tender?.classification, items),
    deliveryRegions: unique(deliveryAddresses(items).map((address) => text(address.region))),
    deliveryPostcodes: unique(
      deliveryAddresses(items).map((address) => postcode(address.postalCode)),
    ),
    deliveryGazetteerCodes: gazetteerCodes(items),
    lots: list(tender?.lots).flatMap((lot) => {
      const id = identifier(lot.id);
      if (id === undefined) return [];
      return [defined({ id, title: text(lot.title), value: money(lot.value) })];
    }),
    awards: list(compiled.awards).flatMap((award) => {
      const id = identifier(award.id);
      if (id === undefined) return [];
      const suppliers = list(award.suppliers).map((supplier) => {
        const supplierId = identifier(supplier.id);
        const party = supplierId === undefined ? undefined : partiesById.get(supplierId);
        return defined({
          id: supplierId,
          name: text(supplier.name) ?? text(party?.name),
          scale: text(party?.details?.scale),
          postcode: postcode(party?.address?.postalCode ?? supplier.address?.postalCode),
        });
      });
      return [
        defined({
          id,
          date: text(award.date),
          status: text(award.status),
          value: money(award.value),
          suppliers,
        }),
      ];
    }),
    contracts: list(compiled.contracts).flatMap((contract) => {
      const id = identifier(contract.id);
      if (id === undefined) return [];
      const period: OcdsPeriod = contract.period ?? {};
      return [
        defined({
          id,
          awardId: identifier(contract.awardID),
          status: text(contract.status),
          value: money(contract.value),
          startDate: text(period.startDate),
          endDate: text(period.endDate),
        }),
      ];
    }),
  } satisfies OcdsSummary);
}

/** The `buyer`, named from `parties` if need be; or else the first party with the buyer role. */
function buyerOf(
  release: OcdsRelease,
  parties: OcdsParty[],
  partiesById: Map<string, OcdsParty>,
): OcdsBuyerSummary | undefined {
  const reference = release.buyer ?? undefined;
  const id = identifier(reference?.id);
  const party =
    id !== undefined
      ? partiesById.get(id)
      : reference === undefined
        ? parties.find((candidate) => list(candidate.roles).includes("buyer"))
        : undefined;
  const buyer = defined({
    id: id ?? identifier(party?.id),
    name: text(reference?.name) ?? text(party?.name),
  });
  return buyer.id === undefined && buyer.name === undefined ? undefined : buyer;
}

/**
 * CPV codes, as the 8 digits of the code: "45233162-2" (with its check digit) and "45233130.0"
 * (a number that went through a spreadsheet, as in the OCDS worked example) both give the digits.
 */
function cpvCodes(
  tenderClassification: OcdsClassification | null | undefined,
  items: OcdsItem[],
): string[] {
  const classifications = [tenderClassification];
  for (const item of items) {
    classifications.push(item.classification, ...list(item.additionalClassifications));
  }
  return unique(
    classifications.map((classification) => {
      if (text(classification?.scheme)?.toUpperCase() !== "CPV") return undefined;
      const code = identifier(classification?.id);
      if (code === undefined) return undefined;
      return /^(\d{8})(?:-\d)?(?:\.0+)?$/.exec(code)?.[1] ?? code;
    }),
  );
}

/** The delivery addresses of the items: the Location extension's single one and its list. */
function deliveryAddresses(items: OcdsItem[]): OcdsAddress[] {
  return items.flatMap((item) => [
    ...(item.deliveryAddress ? [item.deliveryAddress] : []),
    ...list(item.deliveryAddresses),
  ]);
}

function gazetteerCodes(items: OcdsItem[]): OcdsGazetteerCode[] {
  const locations: OcdsLocation[] = items.flatMap((item) => [
    ...(item.deliveryLocation ? [item.deliveryLocation] : []),
    ...list(item.deliveryLocations),
  ]);
  const seen = new Set<string>();
  const codes: OcdsGazetteerCode[] = [];
  for (const location of locations) {
    const scheme = text(location.gazetteer?.scheme);
    if (scheme === undefined) continue;
    for (const identifier of list(location.gazetteer?.identifiers)) {
      const code = text(identifier);
      const key = `${scheme}\u0000${code}`;
      if (code === undefined || seen.has(key)) continue;
      seen.add(key);
      codes.push({ scheme, code });
    }
  }
  return codes;
}

function money(value: OcdsValue | null | undefined): OcdsMoney | undefined {
  if (typeof value?.amount !== "number" || !Number.isFinite(value.amount)) return undefined;
  const currency = text(value.currency);
  return currency === undefined ? { amount: value.amount } : { amount: value.amount, currency };
}

/** A postal code trimmed, upper-cased and single-spaced (" ex1  3pb" becomes "EX1 3PB"). */
function postcode(value: unknown): string | undefined {
  return text(value)?.toUpperCase().replace(/\s+/g, " ");
}

/** Trimmed text, or undefined for anything else or for empty text. */
function text(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** An identifier as a string; the schema allows integers for many. */
function identifier(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return text(value);
}

function list<T>(value: readonly T[] | null | undefined): T[] {
  return Array.isArray(value) ? value.filter((item) => item !== null && item !== undefined) : [];
}

function unique(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== undefined))];
}

/** The object without its undefined fields, so that the summary serialises and compares cleanly. */
function defined<T extends object>(object: T): T {
  for (const key of Object.keys(object) as (keyof T)[]) {
    if (object[key] === undefined) delete object[key];
  }
  return object;
}
