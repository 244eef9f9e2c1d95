/**
 * TypeScript types for the parts of the Open Contracting Data Standard (OCDS 1.1) release schema
 * that Placefirst reads. Every object keeps the fields we do not name (extensions, 1.0-era fields)
 * through an index signature, so a release read from a file and written back loses nothing.
 *
 * Optional fields may be `null` because in a release `null` is meaningful: it removes the field
 * when releases are merged (https://standard.open-contracting.org/1.1/en/schema/merging/).
 * Schema: https://standard.open-contracting.org/1.1/en/schema/reference/
 */

/** The fields of an OCDS object that this module does not name, kept as published. */
export interface OcdsExtraFields {
  [field: string]: unknown;
}

/** A monetary value as published: `amount` in the currency's major unit (pounds, not pence). */
export interface OcdsValue extends OcdsExtraFields {
  /** The amount, in major units of `currency` (for example 1250.5 for £1,250.50). */
  amount?: number | null;
  /** The ISO 4217 three-letter currency code, for example "GBP". */
  currency?: string | null;
}

/** A period of time; dates are ISO 8601 date-times. */
export interface OcdsPeriod extends OcdsExtraFields {
  startDate?: string | null;
  endDate?: string | null;
  maxExtentDate?: string | null;
  durationInDays?: number | null;
}

/** A code from a classification scheme, for example `{scheme: "CPV", id: "45233130"}`. */
export interface OcdsClassification extends OcdsExtraFields {
  scheme?: string | null;
  /** The code; the schema allows an integer as well as a string. */
  id?: string | number | null;
  description?: string | null;
  uri?: string | null;
}

/** A postal address. */
export interface OcdsAddress extends OcdsExtraFields {
  streetAddress?: string | null;
  locality?: string | null;
  region?: string | null;
  postalCode?: string | null;
  countryName?: string | null;
}

/** A place named in a gazetteer (the OCDS Location extension's `deliveryLocation`). */
export interface OcdsLocation extends OcdsExtraFields {
  description?: string | null;
  gazetteer?: { scheme?: string | null; identifiers?: string[] | null } | null;
}

/**
 * A reference to an organisation in `parties`: the `buyer`, an award's `suppliers`. In OCDS 1.0
 * the organisation's details (identifier, address, contact point) were written here instead.
 */
export interface OcdsOrganizationReference extends OcdsExtraFields {
  /** The `id` of the organisation in `parties`. */
  id?: string | number | null;
  name?: string | null;
  /** Only in OCDS 1.0-era data: the organisation's own address. */
  address?: OcdsAddress | null;
}

/** An organisation taking part in the contracting process, with its roles. */
export interface OcdsParty extends OcdsExtraFields {
  id?: string | number | null;
  name?: string | null;
  /** Codes from the open partyRole codelist: "buyer", "supplier", "tenderer" and others. */
  roles?: string[] | null;
  identifier?: OcdsExtraFields | null;
  address?: OcdsAddress | null;
  /** Extensions' details; `scale` comes from the Party Scale extension. */
  details?: ({ scale?: string | null } & OcdsExtraFields) | null;
}

/** A good, service or work being bought. */
export interface OcdsItem extends OcdsExtraFields {
  /** The schema says string; old data (Contracts Finder) uses integers. */
  id?: string | number | null;
  description?: string | null;
  classification?: OcdsClassification | null;
  additionalClassifications?: OcdsClassification[] | null;
  quantity?: number | null;
  /** The Location extension: where the item is delivered. */
  deliveryAddress?: OcdsAddress | null;
  deliveryLocation?: OcdsLocation | null;
  /** The newer Location extension: several delivery places. */
  deliveryAddresses?: OcdsAddress[] | null;
  deliveryLocations?: OcdsLocation[] | null;
  relatedLot?: string | null;
}

/** A lot of a tender (the Lots extension). */
export interface OcdsLot extends OcdsExtraFields {
  id?: string | number | null;
  title?: string | null;
  description?: string | null;
  status?: string | null;
  value?: OcdsValue | null;
}

/** The tender stage: what is being bought and how. */
export interface OcdsTender extends OcdsExtraFields {
  id?: string | number | null;
  title?: string | null;
  description?: string | null;
  /** A code from the tenderStatus codelist ("planned", "active", "complete", ...). */
  status?: string | null;
  value?: OcdsValue | null;
  minValue?: OcdsValue | null;
  items?: OcdsItem[] | null;
  lots?: OcdsLot[] | null;
  tenderPeriod?: OcdsPeriod | null;
  /** Not in the 1.1 core schema, but published by some (a tender-level CPV code). */
  classification?: OcdsClassification | null;
  procurementMethod?: string | null;
  mainProcurementCategory?: string | null;
  procuringEntity?: OcdsOrganizationReference | null;
  tenderers?: OcdsOrganizationReference[] | null;
}

/** An award to one or more suppliers. */
export interface OcdsAward extends OcdsExtraFields {
  id?: string | number | null;
  title?: string | null;
  /** A code from the awardStatus codelist ("pending", "active", "cancelled", "unsuccessful"). */
  status?: string | null;
  date?: string | null;
  value?: OcdsValue | null;
  suppliers?: OcdsOrganizationReference[] | null;
  items?: OcdsItem[] | null;
  contractPeriod?: OcdsPeriod | null;
  relatedLots?: string[] | null;
}

/** A signed contract. */
export interface OcdsContract extends OcdsExtraFields {
  id?: string | number | null;
  /** The `id` of the award this contract follows from. */
  awardID?: string | number | null;
  title?: string | null;
  status?: string | null;
  value?: OcdsValue | null;
  period?: OcdsPeriod | null;
  dateSigned?: string | null;
  items?: OcdsItem[] | null;
}

/**
 * One OCDS release: what was known about a contracting process (`ocid`) at `date`. The four
 * required fields are checked by `validateRelease`; everything else is optional and kept.
 */
export interface OcdsRelease extends OcdsExtraFields {
  /** The open contracting identifier: one contracting process, across all its releases. */
  ocid: string;
  /** This release's identifier, unique within its `ocid`. */
  id: string;
  /** When the release's information was recorded or published (ISO 8601 date-time). */
  date: string;
  /** Codes from the releaseTag codelist: the stage or stages this release describes. */
  tag: string[];
  initiationType?: string | null;
  language?: string | null;
  parties?: OcdsParty[] | null;
  buyer?: OcdsOrganizationReference | null;
  planning?: OcdsExtraFields | null;
  tender?: OcdsTender | null;
  awards?: OcdsAward[] | null;
  contracts?: OcdsContract[] | null;
}

/**
 * A compiled release: the latest value of every field of a contracting process, merged from its
 * releases. Its `tag` is `["compiled"]`, its `date` that of the latest release and its `id`
 * `${ocid}-${date}`, as the reference implementation (ocds-merge) writes them.
 */
export interface CompiledRelease extends OcdsRelease {
  tag: ["compiled"];
}
