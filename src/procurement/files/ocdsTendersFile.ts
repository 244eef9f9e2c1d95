import { InputError } from "../../core/errors.js";
import { parseCpv } from "../methods/cpv.js";
import type { TenderToMatch } from "../methods/tenderMatch.js";
import {
  compileReleases,
  readOcdsReleases,
  summariseCompiled,
  validateRelease,
  type OcdsRelease,
  type OcdsSummary,
} from "../ocds/index.js";

/**
 * A tender as the procurement commands use it, whichever source it came from (an OCDS file, or
 * the store). Money in whole pence.
 */
export interface TenderRecord {
  /** The open contracting id of the process. */
  ocid: string;
  /** The date of its latest release (ISO 8601 date-time). */
  date: string;
  /** The tender's title, when published. */
  title?: string;
  /** The buyer's name, when published. */
  buyerName?: string;
  /** A code of the OCDS tenderStatus codelist ("planned", "active", "complete", …), when published. */
  status?: string;
  /** The deadline for bids, the end of the tender period (ISO 8601 date-time), when published. */
  tenderPeriodEnd?: string;
  /**
   * The tender's estimated value in whole pence, when it was published in pounds (or with no
   * currency); undefined otherwise.
   */
  valuePence?: number;
  /** The value as published, amount in major units, when it was published. */
  value?: { amount: number; currency?: string };
  /** The tender's CPV 2008 codes (its classification and its items'), eight digits each. */
  cpvCodes: string[];
  /** Codes published as CPV that are not CPV 2008 codes, left out of `cpvCodes`. */
  invalidCpvCodes: string[];
}

/** Options of {@link readOcdsTenders}. */
export interface ReadOcdsTendersOptions {
  /** Read only the releases of this contracting process; default all. */
  ocid?: string;
  /** Called for data that is legal but leaves something out; default: dropped. */
  onWarning?: (message: string) => void;
}

/**
 * Reads the tenders in OCDS files: every release (of a release package, a record package, a
 * release or a record; JSON lines or gzip too) is checked with `validateRelease`, the releases
 * are grouped by `ocid` across the files, each process is compiled (the OCDS merge routine) and
 * summarised, and its tender's facts are kept as a {@link TenderRecord}, in the order each ocid
 * was first read. The releases are held in memory, so this suits files of a few thousand
 * processes; the store suits more.
 *
 * Values are read as published: an amount in pounds (GBP, or no currency given) becomes whole
 * pence, rounded to the penny; a value in another currency is kept as published but has no
 * `valuePence`, with a warning. Codes published as CPV that are not CPV 2008 codes are left out
 * of `cpvCodes`, with a warning.
 *
 * @param paths the files.
 * @param options an ocid to read alone, and where warnings go.
 * @throws InputError naming the file and line of a release that is not valid OCDS, or of a file
 *   that cannot be read (see `readOcdsReleases`).
 */
export async function readOcdsTenders(
  paths: readonly string[],
  options: ReadOcdsTendersOptions = {},
): Promise<TenderRecord[]> {
  const byOcid = new Map<string, OcdsRelease[]>();
  for (const path of paths) {
    const onWarning = options.onWarning;
    const readOptions =
      onWarning === undefined
        ? {}
        : {
            onWarning: (message: string, source: { file: string; line: number }) =>
              onWarning(`${source.file}, line ${source.line}: ${message}`),
          };
    for await (const item of readOcdsReleases(path, readOptions)) {
      const ocid = item.release.ocid;
      if (options.ocid !== undefined && ocid !== options.ocid) continue;
      const { release, problems } = validateRelease(item.release);
      if (release === undefined) {
        const first = problems[0]!;
        const at = item.source.pointer === "" ? "" : ` (at ${item.source.pointer})`;
        throw new InputError(
          `the release${at} is not valid OCDS: ${first.path === "" ? "" : `${first.path} `}${first.message}` +
            (problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : ""),
          { file: item.source.file, line: item.source.line },
        );
      }
      const group = byOcid.get(release.ocid);
      if (group === undefined) byOcid.set(release.ocid, [release]);
      else group.push(release);
    }
  }

  const tenders: TenderRecord[] = [];
  let otherCurrency = 0;
  let invalidCodes = 0;
  for (const releases of byOcid.values()) {
    const tender = tenderRecordFromSummary(summariseCompiled(compileReleases(releases)));
    if (tender.value !== undefined && tender.valuePence === undefined) otherCurrency += 1;
    if (tender.invalidCpvCodes.length > 0) invalidCodes += 1;
    tenders.push(tender);
  }
  if (otherCurrency > 0) {
    options.onWarning?.(
      `${otherCurrency} of ${tenders.length} tenders have a value in a currency other than pounds; ` +
        "their value is treated as not known",
    );
  }
  if (invalidCodes > 0) {
    options.onWarning?.(
      `${invalidCodes} of ${tenders.length} tenders have codes given as CPV that are not CPV 2008 ` +
        "codes; those codes are left out",
    );
  }
  return tenders;
}

/**
 * The facts of a tender from the summary of its compiled release: see {@link TenderRecord}.
 * Pure, for the store-backed source to share.
 */
export function tenderRecordFromSummary(summary: OcdsSummary): TenderRecord {
  const cpvCodes: string[] = [];
  const invalidCpvCodes: string[] = [];
  for (const code of summary.cpvCodes) {
    try {
      const normalised = parseCpv(code).code;
      if (!cpvCodes.includes(normalised)) cpvCodes.push(normalised);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      invalidCpvCodes.push(code);
    }
  }
  const value = summary.tenderValue;
  const inPounds =
    value !== undefined &&
    (value.currency === undefined || value.currency.toUpperCase() === "GBP") &&
    value.amount >= 0;
  const valuePence = inPounds ? Math.round(value.amount * 100) : undefined;
  return {
    ocid: summary.ocid,
    date: summary.date,
    ...(summary.tenderTitle === undefined ? {} : { title: summary.tenderTitle }),
    ...(summary.buyer?.name === undefined ? {} : { buyerName: summary.buyer.name }),
    ...(summary.tenderStatus === undefined ? {} : { status: summary.tenderStatus }),
    ...(summary.tenderPeriodEnd === undefined ? {} : { tenderPeriodEnd: summary.tenderPeriodEnd }),
    ...(valuePence === undefined || !Number.isSafeInteger(valuePence) ? {} : { valuePence }),
    ...(value === undefined ? {} : { value }),
    cpvCodes,
    invalidCpvCodes,
  };
}

/**
 * The codes of the OCDS tenderStatus codelist that close a tender to bids: "complete",
 * "cancelled", "unsuccessful" and "withdrawn". "planned" and "active" do not.
 */
export const closedTenderStatuses: readonly string[] = [
  "complete",
  "cancelled",
  "unsuccessful",
  "withdrawn",
];

/** Whether a tender is open to bids on a date, and why. */
export interface TenderOpenness {
  /** Whether suppliers can still bid. */
  open: boolean;
  /**
   * Why: "deadline" (open: the tender period ends after the date began), "status" (open: no
   * deadline, but the status is planned or active), "closedStatus" (closed: the status
   * is complete, cancelled, unsuccessful or withdrawn), "pastDeadline" (closed: the tender period
   * ended by the start of the date) or "unknown" (closed: neither a deadline nor a status that
   * says open).
   */
  reason: "deadline" | "status" | "closedStatus" | "pastDeadline" | "unknown";
}

/**
 * Whether a tender is open to bids on a date. A status that closes the tender (see
 * {@link closedTenderStatuses}) closes it whatever its deadline; otherwise the deadline (the end
 * of the tender period) decides when it is published, and when it is not, the tender is open if
 * its status is planned or active. The status is the publisher's as of the tender's latest
 * release, the deadline is compared with `asOf`: so an "active" tender whose deadline has passed
 * is closed. This is the rule the store's `listOpenTenders` applies.
 *
 * @param tender the tender's status and deadline.
 * @param asOf the date, YYYY-MM-DD (UTC); a tender is open when its period ends after the start
 *   of that day.
 */
export function tenderOpenness(
  tender: Pick<TenderRecord, "status" | "tenderPeriodEnd">,
  asOf: string,
): TenderOpenness {
  const status = tender.status?.toLowerCase();
  if (status !== undefined && closedTenderStatuses.includes(status)) {
    return { open: false, reason: "closedStatus" };
  }
  const deadline =
    tender.tenderPeriodEnd === undefined ? Number.NaN : Date.parse(tender.tenderPeriodEnd);
  if (!Number.isNaN(deadline)) {
    const open = deadline > Date.parse(`${asOf}T00:00:00Z`);
    return { open, reason: open ? "deadline" : "pastDeadline" };
  }
  if (status === "planned" || status === "active") {
    return { open: true, reason: "status" };
  }
  return { open: false, reason: "unknown" };
}

/**
 * A tender as the matching methods see it: its ocid as id, its CPV codes and its value in pence.
 * OCDS files seldom say where a tender is delivered in a form the place score can use, so the
 * district of delivery is given, when known, by the caller.
 */
export function tenderToMatch(tender: TenderRecord, gssCode?: string): TenderToMatch {
  return {
    tenderId: tender.ocid,
    cpvCodes: tender.cpvCodes,
    value: tender.valuePence,
    ...(gssCode === undefined ? {} : { gssCode }),
  };
}
