import type { OcdsRelease } from "./types.js";

/**
 * The codes of the closed releaseTag codelist of OCDS 1.1.5 (schema/codelists/releaseTag.csv);
 * OCDS 1.0 had the same codes but `planningUpdate`.
 */
export const releaseTags = [
  "planning",
  "planningUpdate",
  "tender",
  "tenderAmendment",
  "tenderUpdate",
  "tenderCancellation",
  "award",
  "awardUpdate",
  "awardCancellation",
  "contract",
  "contractUpdate",
  "contractAmendment",
  "implementation",
  "implementationUpdate",
  "contractTermination",
  "compiled",
] as const;

/**
 * The codes of `parties[].details.scale`, from the closed partyScale codelist of the Party Scale
 * extension (open-contracting-extensions/ocds_partyDetails_scale_extension, codelists/
 * partyScale.csv). UK publishers use "sme" and "large". The extension's first version also
 * allowed "" ("no such concept applies"), which is accepted and means no scale.
 */
export const partyScales = ["micro", "sme", "small", "medium", "large"] as const;

/**
 * The codes of the closed currency codelist of OCDS 1.1.5 (schema/codelists/currency.csv, the
 * same 302 codes as the `enum` of the release schema's `Value.currency`; open-contracting/standard
 * at 715687a4): ISO 4217's current codes, then the withdrawn ones (DEM, FRF, IEP...), which the
 * codelist keeps so that old releases stay valid. Hard-coded here, as read from that file, so that
 * validation needs no data at run time.
 */
export const currencyCodes: readonly string[] = `
  AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP
  BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB
  EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD
  JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU
  MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD
  RUB RWF SAR SBD SCR SDG SEK SGD SHP SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD
  TWD TZS UAH UGX USD USN UYI UYU UYW UZS VES VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XDR XOF
  XPD XPF XPT XSU XTS XUA XXX YER ZAR ZMW ZWL
  ADP AFA ALK AOK AON AOR ARA ARP ARY ATS AYM AZM BAD BEC BEF BEL BGJ BGK BGL BOP BRB BRC BRE BRN
  BRR BUK BYB BYR CHC CSD CSJ CSK CYP DDM DEM ECS ECV EEK ESA ESB ESP FIM FRF GEK GHC GHP GNE GNS
  GQE GRD GWE GWP HRD IEP ILP ILR ISJ ITL LAJ LSM LTL LTT LUC LUF LUL LVL LVR MGF MLF MRO MTL MTP
  MVQ MXP MZE MZM NIC NLG PEH PEI PES PLZ PTE RHD ROK ROL RUR SDD SDP SIT SKK SRG STD SUR TJR TMM
  TPE TRL UAK UGS UGW USS UYN UYP VEB VEF VNC XEU XFO XFU XRE YDD YUD YUM YUN ZAL ZMK ZRN ZRZ ZWC
  ZWD ZWN ZWR
`
  .trim()
  .split(/\s+/);

/** One thing wrong with a release, at a path such as `awards[0].value.amount`. */
export interface ValidationProblem {
  /** Where: field names joined by dots, array positions in brackets; "" for the release itself. */
  path: string;
  /** What is wrong, as a sentence fragment for a person ("must be a number"). */
  message: string;
}

/** What {@link validateRelease} found: the release, typed, when nothing is wrong. */
export interface ValidationResult {
  /** The value, typed as a release; present only when `problems` is empty. */
  release?: OcdsRelease;
  problems: ValidationProblem[];
}

type JsonObject = Record<string, unknown>;

const knownTags: ReadonlySet<string> = new Set(releaseTags);
const knownScales: ReadonlySet<string> = new Set(partyScales);
const knownCurrencies: ReadonlySet<string> = new Set(currencyCodes);

/**
 * Checks what Placefirst's importer relies on in an OCDS release (or compiled release): `ocid`,
 * `id`, `date` and `tag` as the schema requires them; every monetary value (`value`, `minValue`,
 * the budget's and transactions' `amount`) a finite number with a currency from the OCDS
 * currency codelist; item
 * classifications with a scheme and a code; awards and contracts with an `id`; suppliers named or
 * identified; parties' `roles` strings and `details.scale` from the partyScale codelist; and the
 * dates of tender periods, awards and contracts ISO 8601 date-times.
 *
 * It is strict where a field has the wrong type and lenient where older data (OCDS 1.0, such as
 * Contracts Finder's 2014 notices) legitimately differs: `parties` may be missing, ids may be
 * integers where the schema allows it, suppliers may carry their details inline without an `id`,
 * and `null` is accepted anywhere (in a release it means "remove this field").
 */
export function validateRelease(value: unknown): ValidationResult {
  const problems: ValidationProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  if (!isObject(value)) {
    problem("", "a release must be a JSON object");
    return { problems };
  }

  if (typeof value.ocid !== "string" || value.ocid.trim() === "") {
    problem("ocid", "must be a non-empty string");
  }
  if (typeof value.id !== "string" || value.id === "") problem("id", "must be a non-empty string");
  if (!isDateTime(value.date)) problem("date", "must be an ISO 8601 date-time with a time zone");
  if (!Array.isArray(value.tag) || value.tag.length === 0) {
    problem("tag", "must be a non-empty array of release tags");
  } else {
    value.tag.forEach((tag, index) => {
      if (typeof tag !== "string" || !knownTags.has(tag)) {
        problem(`tag[${index}]`, `${JSON.stringify(tag)} is not a code of the releaseTag codelist`);
      }
    });
  }
  optionalString(value, "initiationType", "", problem);

  forEachObject(value, "parties", "", problem, (party, path) => {
    optionalIdentifier(party, "id", path, problem);
    optionalString(party, "name", path, problem);
    const roles = party.roles;
    if (roles !== undefined && roles !== null) {
      if (!Array.isArray(roles)) problem(`${path}.roles`, "must be an array of strings");
      else {
        roles.forEach((role, index) => {
          if (typeof role !== "string") problem(`${path}.roles[${index}]`, "must be a string");
        });
      }
    }
    optionalObject(party, "address", path, problem);
    const details = optionalObject(party, "details", path, problem);
    const scale = details?.scale;
    if (scale !== undefined && scale !== null && scale !== "") {
      if (typeof scale !== "string" || !knownScales.has(scale)) {
        problem(
          `${path}.details.scale`,
          `${JSON.stringify(scale)} is not one of ${partyScales.join(", ")}`,
        );
      }
    }
  });

  const buyer = optionalObject(value, "buyer", "", problem);
  if (buyer !== undefined) {
    optionalIdentifier(buyer, "id", "buyer", problem);
    optionalString(buyer, "name", "buyer", problem);
  }
  optionalObject(value, "planning", "", problem);

  const tender = optionalObject(value, "tender", "", problem);
  if (tender !== undefined) {
    optionalIdentifier(tender, "id", "tender", problem);
    optionalString(tender, "title", "tender", problem);
    optionalString(tender, "status", "tender", problem);
    checkItems(tender, "tender", problem);
    checkClassification(tender.classification, "tender.classification", problem);
    checkPeriod(tender, "tenderPeriod", "tender", problem);
    forEachObject(tender, "lots", "tender", problem, (lot, path) => {
      optionalIdentifier(lot, "id", path, problem);
      optionalString(lot, "title", path, problem);
    });
  }

  forEachObject(value, "awards", "", problem, (award, path) => {
    requiredIdentifier(award, path, problem);
    optionalString(award, "status", path, problem);
    optionalDateTime(award, "date", path, problem);
    checkItems(award, path, problem);
    checkPeriod(award, "contractPeriod", path, problem);
    forEachObject(award, "suppliers", path, problem, (supplier, supplierPath) => {
      optionalIdentifier(supplier, "id", supplierPath, problem);
      optionalString(supplier, "name", supplierPath, problem);
      if (isMissing(supplier.id) && isMissing(supplier.name)) {
        problem(supplierPath, "a supplier needs a name or an id");
      }
    });
  });

  forEachObject(value, "contracts", "", problem, (contract, path) => {
    requiredIdentifier(contract, path, problem);
    optionalIdentifier(contract, "awardID", path, problem);
    optionalString(contract, "status", path, problem);
    optionalDateTime(contract, "dateSigned", path, problem);
    checkItems(contract, path, problem);
    checkPeriod(contract, "period", path, problem);
  });

  checkMonetaryValues(value, "", problem);

  return problems.length === 0 ? { release: value as OcdsRelease, problems } : { problems };
}

type Report = (path: string, message: string) => void;

/**
 * Every monetary value in the release, wherever it is: objects under `value` or `minValue` (tender,
 * lots, awards, contracts, items' units, extensions' bids), and under `amount` where an object
 * (the budget, 1.0-era transactions).
 */
function checkMonetaryValues(node: unknown, path: string, problem: Report): void {
  if (Array.isArray(node)) {
    node.forEach((item, index) => checkMonetaryValues(item, `${path}[${index}]`, problem));
    return;
  }
  if (!isObject(node)) return;
  for (const [field, child] of Object.entries(node)) {
    const childPath = join(path, field);
    if ((field === "value" || field === "minValue" || field === "amount") && isObject(child)) {
      checkValue(child, childPath, problem);
    }
    checkMonetaryValues(child, childPath, problem);
  }
}

function checkValue(value: JsonObject, path: string, problem: Report): void {
  const { amount, currency } = value;
  if (!isMissing(amount) && (typeof amount !== "number" || !Number.isFinite(amount))) {
    problem(`${path}.amount`, "must be a number");
  }
  if (!isMissing(currency) && (typeof currency !== "string" || !knownCurrencies.has(currency))) {
    problem(
      `${path}.currency`,
      `${JSON.stringify(currency)} is not a code of the currency codelist (ISO 4217, such as GBP)`,
    );
  }
  if (typeof amount === "number" && isMissing(currency)) {
    problem(`${path}.currency`, "an amount needs a currency");
  }
}

function checkItems(parent: JsonObject, path: string, problem: Report): void {
  forEachObject(parent, "items", path, problem, (item, itemPath) => {
    optionalIdentifier(item, "id", itemPath, problem);
    checkClassification(item.classification, `${itemPath}.classification`, problem);
    const additional = item.additionalClassifications;
    if (Array.isArray(additional)) {
      additional.forEach((classification, index) =>
        checkClassification(
          classification,
          `${itemPath}.additionalClassifications[${index}]`,
          problem,
        ),
      );
    } else if (!isMissing(additional)) {
      problem(`${itemPath}.additionalClassifications`, "must be an array");
    }
  });
}

function checkClassification(value: unknown, path: string, problem: Report): void {
  if (isMissing(value)) return;
  if (!isObject(value)) {
    problem(path, "must be an object with a scheme and an id");
    return;
  }
  if (typeof value.scheme !== "string" || value.scheme.trim() === "") {
    problem(`${path}.scheme`, "must be a non-empty string such as CPV");
  }
  const code = value.id;
  if (!(typeof code === "string" && code.trim() !== "") && !Number.isInteger(code)) {
    problem(`${path}.id`, "must be a non-empty string or an integer");
  }
}

function checkPeriod(parent: JsonObject, field: string, path: string, problem: Report): void {
  const period = optionalObject(parent, field, path, problem);
  if (period === undefined) return;
  const periodPath = join(path, field);
  optionalDateTime(period, "startDate", periodPath, problem);
  optionalDateTime(period, "endDate", periodPath, problem);
}

/** Calls `check` on each object of the array `parent[field]`, reporting what is not an object. */
function forEachObject(
  parent: JsonObject,
  field: string,
  path: string,
  problem: Report,
  check: (item: JsonObject, itemPath: string) => void,
): void {
  const list = parent[field];
  const listPath = join(path, field);
  if (isMissing(list)) return;
  if (!Array.isArray(list)) {
    problem(listPath, "must be an array of objects");
    return;
  }
  list.forEach((item, index) => {
    const itemPath = `${listPath}[${index}]`;
    if (isObject(item)) check(item, itemPath);
    else problem(itemPath, "must be an object");
  });
}

function optionalObject(
  parent: JsonObject,
  field: string,
  path: string,
  problem: Report,
): JsonObject | undefined {
  const child = parent[field];
  if (isObject(child)) return child;
  if (!isMissing(child)) problem(join(path, field), "must be an object");
  return undefined;
}

function optionalString(parent: JsonObject, field: string, path: string, problem: Report): void {
  const child = parent[field];
  if (!isMissing(child) && typeof child !== "string")
    problem(join(path, field), "must be a string");
}

/** An `id`: the schema allows a string or an integer for most of them. */
function optionalIdentifier(
  parent: JsonObject,
  field: string,
  path: string,
  problem: Report,
): void {
  const child = parent[field];
  if (!isMissing(child) && typeof child !== "string" && !Number.isInteger(child)) {
    problem(join(path, field), "must be a string or an integer");
  }
}

/** The `id` of an award or contract, which merging and the store need. */
function requiredIdentifier(parent: JsonObject, path: string, problem: Report): void {
  if (isMissing(parent.id)) problem(`${path}.id`, "is required");
  else optionalIdentifier(parent, "id", path, problem);
}

function optionalDateTime(parent: JsonObject, field: string, path: string, problem: Report): void {
  const child = parent[field];
  if (!isMissing(child) && !isDateTime(child)) {
    problem(join(path, field), "must be an ISO 8601 date-time with a time zone");
  }
}

/**
 * True for an RFC 3339 date-time (the JSON Schema `date-time` format OCDS uses), such as
 * 2014-12-17T16:44:56Z or 2015-12-22T00:00:00-06:00, with a real calendar date: JavaScript's
 * Date.parse accepts 30 February, so the day is checked against the month here.
 */
function isDateTime(value: unknown): boolean {
  if (typeof value !== "string") return false;
  const match =
    /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.exec(
      value,
    );
  if (match === null) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as number[];
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  return (
    month! >= 1 &&
    month! <= 12 &&
    day! >= 1 &&
    day! <= daysInMonth &&
    hour! <= 23 &&
    minute! <= 59 &&
    second! <= 59
  );
}

function isMissing(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function join(path: string, field: string): string {
  return path === "" ? field : `${path}.${field}`;
}
