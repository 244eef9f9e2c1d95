import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { basename } from "node:path";
import { InputError } from "../core/errors.js";
import type { CopyColumn, Database, Queryable } from "../store/database.js";
import {
  compileReleases,
  readOcdsReleases,
  summariseCompiled,
  validateRelease,
  type OcdsMoney,
  type OcdsReadItem,
  type OcdsRelease,
  type OcdsSummary,
} from "./ocds/index.js";

/** A release that was read but not stored, and why. */
export interface OcdsProblem {
  file: string;
  line: number;
  /** The release's ocid, when it has one. */
  ocid: string | undefined;
  /** The path of the bad field ("awards[0].value.amount"). */
  path: string;
  message: string;
}

/** What an OCDS import did. */
export interface OcdsImportSummary {
  /** Each file: its name, whether it had been imported before, and the releases it held. */
  files: { file: string; sha256: string; alreadyImported: boolean; releases: number }[];
  /** Releases read, over every file. */
  read: number;
  /** Releases stored (new ones). */
  stored: number;
  /** Releases skipped because a release with the same ocid and id was stored already. */
  duplicates: number;
  /** Releases skipped because they are not valid OCDS; `problems` names them. */
  invalid: number;
  /** The first problems found (at most `maxProblems`), each with where and why. */
  problems: OcdsProblem[];
  /** The contracting processes compiled again from their releases. */
  processes: number;
  /** Warnings from the reader: linked releases that were not in the file, and the like. */
  warnings: string[];
}

/** Options of {@link importOcds}. */
export interface ImportOcdsOptions {
  /** Mark the processes as fictional (the demo). Default false. */
  fictional?: boolean;
  /** How many problems to keep in the summary; default 100 (all are counted). */
  maxProblems?: number;
  /** Called as releases are read, with the count so far and the file being read. */
  onProgress?: (progress: { releases: number; file: string }) => void;
}

// The staging table a batch of releases is copied into before it is inserted.
const stagingColumns = (["ocid", "release_id", "date", "tags", "release"] as const).map((name) => ({
  name,
  type: "text" as const,
}));

/**
 * Creates the transaction's staging tables, dropped when it ends: one a batch of releases is
 * copied into before it is inserted, and one of the processes that gained a release.
 */
async function createStaging(transaction: Queryable): Promise<void> {
  await transaction.query(
    `create temp table procurement_release_staging (ocid text, release_id text, date text,
       tags text, release text) on commit drop`,
  );
  await transaction.query(
    "create temp table procurement_touched (ocid text primary key) on commit drop",
  );
}

// Releases are written and processes compiled in batches: memory stays bounded by a batch and
// the window of new processes, not by the file (a 1 GB file holds about a million releases).
// The window's oldest processes are compiled, a batch at a time, once it holds more than
// `windowLimit` others.
const releaseBatch = 2000;
const compileBatch = 1000;
const windowLimit = 1000;

// The columns of a release as stored, each given as text.
const releaseColumns = [
  { name: "ocid", type: "text" },
  { name: "release_id", type: "text" },
  { name: "date", type: "text", cast: "timestamptz" },
  { name: "tags", type: "text", cast: "text[]" },
  { name: "release", type: "text" },
  { name: "dataset_id", type: "text", cast: "int4" },
] as const satisfies readonly CopyColumn[];

/** A valid release read from a file, ready to be stored. */
interface ReleaseRow {
  ocid: string;
  id: string;
  date: string;
  tags: string[];
  release: OcdsRelease;
  text: string | undefined;
}

/**
 * The processes that were new to the store when the import first met them, with their releases
 * in memory, oldest first. Most files publish a process's releases close together, so these are
 * compiled straight from memory once the window moves past them, and never read back; a release
 * that arrives after its process has left the window finds it in the store and has it compiled
 * again from the store at the end.
 */
type FreshWindow = Map<string, Map<string, OcdsRelease>>;

/** What one import keeps between its batches. */
interface ImportState {
  summary: OcdsImportSummary;
  maxProblems: number;
  options: ImportOcdsOptions;
  window: FreshWindow;
  /** The datasets this import created. */
  datasetIds: number[];
  /** Processes compiled from memory so far. */
  compiledFromMemory: number;
}

/**
 * Imports OCDS files (release packages, record packages, single releases or records, JSON lines,
 * gzipped or not) in one transaction: each valid release is stored as published, the releases of
 * each contracting process touched are compiled by the OCDS merge rules, and the compiled
 * process (buyer, tender, lots, awards and suppliers, contracts) replaces the stored one. A
 * release that is not valid OCDS is reported with its ocid, the path of the bad field and why,
 * and skipped; a file that cannot be read (not JSON, cut short) stops the import and nothing is
 * stored. A file imported before (same sha256) is skipped and said so.
 */
export async function importOcds(
  database: Database,
  paths: readonly string[],
  options: ImportOcdsOptions = {},
): Promise<OcdsImportSummary> {
  if (paths.length === 0) throw new InputError("name at least one OCDS file to import");
  const maxProblems = options.maxProblems ?? 100;
  const summary = emptySummary();
  for (const path of paths) {
    if (path === "-") {
      throw new InputError("OCDS is read from files, not standard input; name the files", {
        file: "(stdin)",
      });
    }
    try {
      if (statSync(path).isDirectory()) {
        throw new InputError("this is a folder; name the OCDS files in it", { file: path });
      }
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError("cannot read this file (does it exist?)", { file: path });
    }
  }
  await database.transaction(async (transaction) => {
    await createStaging(transaction);
    const state = newImportState(summary, maxProblems, options);
    for (const path of paths) {
      const file = basename(path);
      const sha256 = await hashFile(path);
      const [earlier] = await transaction.query<{ rows: number }>(
        "select rows from datasets where kind = 'ocds' and sha256 = $1",
        [sha256],
      );
      if (earlier !== undefined) {
        summary.files.push({ file, sha256, alreadyImported: true, releases: earlier.rows });
        continue;
      }
      const [dataset] = await transaction.query<{ id: number }>(
        `insert into datasets (kind, file_name, sha256) values ('ocds', $1, $2) returning id`,
        [file, sha256],
      );
      const fileReleases = await storeReleases(
        transaction,
        dataset!.id,
        readOcdsReleases(path, {
          fileName: file,
          onWarning: (message, source) => {
            if (summary.warnings.length < maxProblems) {
              summary.warnings.push(`${source.file}, line ${source.line}: ${message}`);
            }
          },
        }),
        state,
        file,
      );
      await transaction.query("update datasets set rows = $2 where id = $1", [
        dataset!.id,
        fileReleases,
      ]);
      summary.files.push({ file, sha256, alreadyImported: false, releases: fileReleases });
      options.onProgress?.({ releases: summary.read, file });
    }
    await finishCompiling(transaction, state);
  });
  return summary;
}

function newImportState(
  summary: OcdsImportSummary,
  maxProblems: number,
  options: ImportOcdsOptions,
): ImportState {
  return {
    summary,
    maxProblems,
    options,
    window: new Map(),
    datasetIds: [],
    compiledFromMemory: 0,
  };
}

/**
 * Validates and stores the releases of one source under its dataset, in batches: invalid ones are
 * counted and reported in the summary, new ones stored; the processes they belong to are compiled
 * from memory as they leave the window, or noted as touched when the store held them already.
 * Returns the number of releases read.
 */
async function storeReleases(
  transaction: Queryable,
  datasetId: number,
  items: AsyncIterable<OcdsReadItem> | Iterable<OcdsReadItem>,
  state: ImportState,
  file: string,
): Promise<number> {
  const { summary } = state;
  state.datasetIds.push(datasetId);
  let batch: ReleaseRow[] = [];
  let read = 0;
  for await (const item of items) {
    summary.read++;
    read++;
    const { release, problems } = validateRelease(item.release);
    if (release === undefined) {
      summary.invalid++;
      const ocid = typeof item.release.ocid === "string" ? item.release.ocid : undefined;
      for (const problem of problems) {
        if (summary.problems.length >= state.maxProblems) break;
        summary.problems.push({
          file: item.source.file,
          line: item.source.line,
          ocid,
          path: problem.path,
          message: problem.message,
        });
      }
      continue;
    }
    batch.push({
      ocid: release.ocid,
      // A record's compiled release stands in for releases the file only links to.
      id: item.kind === "compiledRelease" ? `compiled:${release.id}` : release.id,
      date: release.date,
      tags: release.tag ?? [],
      release: item.release as unknown as OcdsRelease,
      text: item.text,
    });
    if (batch.length >= releaseBatch) {
      await storeBatch(transaction, datasetId, batch, state);
      batch = [];
    }
    if (summary.read % 1000 === 0) state.options.onProgress?.({ releases: summary.read, file });
  }
  await storeBatch(transaction, datasetId, batch, state);
  return read;
}

/**
 * Stores one batch of valid releases. A release of a process in the window, or of a process the
 * store has never held, joins the window and is copied straight in; one of a process the store
 * holds already goes through the staging table, so that a release stored before is skipped, and
 * its process is noted to be compiled again from the store. Then the oldest processes beyond the
 * window's limit are compiled from memory.
 */
async function storeBatch(
  transaction: Queryable,
  datasetId: number,
  batch: readonly ReleaseRow[],
  state: ImportState,
): Promise<void> {
  if (batch.length === 0) return;
  const { summary, window } = state;
  const unseen = [...new Set(batch.map((row) => row.ocid).filter((ocid) => !window.has(ocid)))];
  const stored = await storedOcids(transaction, unseen);
  const fresh: ReleaseRow[] = [];
  const known: ReleaseRow[] = [];
  for (const row of batch) {
    if (stored.has(row.ocid)) {
      known.push(row);
      continue;
    }
    let releases = window.get(row.ocid);
    if (releases === undefined) {
      releases = new Map();
      window.set(row.ocid, releases);
    }
    // The same release twice: the first is kept, as the store keeps the first.
    if (releases.has(row.id)) {
      summary.duplicates++;
      continue;
    }
    releases.set(row.id, row.release);
    fresh.push(row);
  }
  await transaction.copyInto(
    "procurement_releases",
    releaseColumns,
    releaseValues(fresh, datasetId),
  );
  summary.stored += fresh.length;
  if (known.length > 0) await storeKnown(transaction, datasetId, known, summary);
  while (window.size >= windowLimit + compileBatch) await compileOldest(transaction, state);
}

/** Those of some ocids that the store holds a release of. */
async function storedOcids(transaction: Queryable, ocids: readonly string[]): Promise<Set<string>> {
  if (ocids.length === 0) return new Set();
  // One index probe an ocid: put as a join, the planner, blind to the rows this transaction has
  // added, reads the whole table instead.
  const rows = await transaction.query<{ ocid: string }>(
    `select o.ocid from unnest($1::text[]) as o (ocid)
     where (select 1 from procurement_releases r where r.ocid = o.ocid limit 1) = 1`,
    [ocids],
  );
  return new Set(rows.map((row) => row.ocid));
}

/** The columns of {@link releaseColumns} for some releases. */
function releaseValues(rows: readonly ReleaseRow[], datasetId: number): string[][] {
  return [
    rows.map((row) => row.ocid),
    rows.map((row) => row.id),
    rows.map((row) => row.date),
    rows.map((row) => arrayLiteral(row.tags)),
    rows.map((row) => row.text ?? JSON.stringify(row.release)),
    rows.map(() => String(datasetId)),
  ];
}

/**
 * Stores releases of processes the store holds already: copied into the staging table (fast on
 * the embedded engine), then one insert that skips the releases stored before and notes their
 * processes as touched.
 */
async function storeKnown(
  transaction: Queryable,
  datasetId: number,
  rows: readonly ReleaseRow[],
  summary: OcdsImportSummary,
): Promise<void> {
  await transaction.copyInto(
    "procurement_release_staging",
    stagingColumns,
    releaseValues(rows, datasetId).slice(0, 5),
  );
  const [inserted] = await transaction.query<{ n: number }>(
    `with inserted as (
       insert into procurement_releases (ocid, release_id, date, tags, release, dataset_id)
       select ocid, release_id, date::timestamptz, tags::text[], release, $1
       from procurement_release_staging
       on conflict (ocid, release_id) do nothing returning ocid
     ), noted as (
       insert into procurement_touched (ocid) select distinct ocid from inserted
       on conflict do nothing
     ) select count(*)::int as n from inserted`,
    [datasetId],
  );
  // Truncated, not deleted from: deleted rows stay in the table until a vacuum, which cannot run
  // inside the transaction, and every later batch would scan them again.
  await transaction.query("truncate procurement_release_staging");
  summary.stored += inserted?.n ?? 0;
  summary.duplicates += rows.length - (inserted?.n ?? 0);
}

/** Compiles the oldest processes of the window from memory, and lets them go. */
async function compileOldest(transaction: Queryable, state: ImportState): Promise<void> {
  const byOcid = new Map<string, OcdsRelease[]>();
  for (const [ocid, releases] of state.window) {
    if (byOcid.size >= compileBatch) break;
    byOcid.set(ocid, inMergeOrder(releases));
  }
  for (const ocid of byOcid.keys()) state.window.delete(ocid);
  await compileProcesses(transaction, byOcid, state.options, { replace: false });
  state.compiledFromMemory += byOcid.size;
}

/**
 * A process's releases in the order the store gives them back (by release id in code-unit
 * order); {@link compileReleases} then takes them by date, keeping this order between releases
 * of the same instant.
 */
function inMergeOrder(releases: ReadonlyMap<string, OcdsRelease>): OcdsRelease[] {
  return [...releases.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((id) => releases.get(id)!);
}

/**
 * Compiles what is left in the window from memory, then the touched processes from the store,
 * and counts the processes compiled: a process compiled from memory and again from the store
 * (its later release arrived after it left the window) is counted once.
 */
async function finishCompiling(transaction: Queryable, state: ImportState): Promise<void> {
  while (state.window.size > 0) await compileOldest(transaction, state);
  const fromStore = await compileTouched(transaction, state.options);
  // A touched process all of whose releases came with this import was new to the store when
  // first met, so it was compiled from memory as well.
  const [twice] = await transaction.query<{ n: number }>(
    `select count(*)::int as n from procurement_touched t
     where not exists (select 1 from procurement_releases r
       where r.ocid = t.ocid and r.dataset_id <> all($1::int[]))`,
    [state.datasetIds],
  );
  state.summary.processes = state.compiledFromMemory + fromStore - (twice?.n ?? 0);
}

/**
 * Imports releases already in memory (the demo's, say) as one dataset named `name`, in the
 * caller's transaction, as {@link importOcds} imports a file; the dataset's sha256 is that of
 * the releases' JSON, so the same releases twice are a no-op.
 */
export async function importReleases(
  transaction: Queryable,
  name: string,
  releases: readonly OcdsRelease[],
  options: ImportOcdsOptions = {},
): Promise<OcdsImportSummary> {
  const summary = emptySummary();
  const sha256 = createHash("sha256").update(JSON.stringify(releases)).digest("hex");
  const [earlier] = await transaction.query<{ rows: number }>(
    "select rows from datasets where kind = 'ocds' and sha256 = $1",
    [sha256],
  );
  if (earlier !== undefined) {
    summary.files.push({ file: name, sha256, alreadyImported: true, releases: earlier.rows });
    return summary;
  }
  const [dataset] = await transaction.query<{ id: number }>(
    `insert into datasets (kind, file_name, sha256) values ('ocds', $1, $2) returning id`,
    [name, sha256],
  );
  await createStaging(transaction);
  const state = newImportState(summary, options.maxProblems ?? 100, {
    fictional: options.fictional,
  });
  const read = await storeReleases(
    transaction,
    dataset!.id,
    releases.map((release, index) => ({
      kind: "release" as const,
      release: release as unknown as Record<string, unknown>,
      source: { file: name, line: 1, document: 0, pointer: `/${index}`, index },
    })),
    state,
    name,
  );
  await transaction.query("update datasets set rows = $2 where id = $1", [dataset!.id, read]);
  summary.files.push({ file: name, sha256, alreadyImported: false, releases: read });
  await finishCompiling(transaction, state);
  return summary;
}

function emptySummary(): OcdsImportSummary {
  return {
    files: [],
    read: 0,
    stored: 0,
    duplicates: 0,
    invalid: 0,
    problems: [],
    processes: 0,
    warnings: [],
  };
}

/**
 * Compiles every process that gained a release while the store held it already, a page of
 * processes at a time in ocid order (one query per page, reading only their releases); returns
 * how many.
 */
async function compileTouched(transaction: Queryable, options: ImportOcdsOptions): Promise<number> {
  let after = "";
  let compiled = 0;
  for (;;) {
    // One query a page: its last ocid, and its releases as one text, a release a line, in the
    // order they merge. A single row crosses from the embedded engine far faster than a row per
    // release (about 10 ms against 40 for a page), and no release holds a raw line break (each
    // is stored as single-line JSON).
    const [page] = await transaction.query<{ last: string | null; releases: string | null }>(
      `with page as (select ocid from procurement_touched where ocid > $1
         order by ocid limit ${compileBatch})
       , bounds as (select max(ocid) as last from page)
       select (select last from bounds) as last,
         (select string_agg(r.release, E'\\n'
            order by r.ocid, r.date, r.release_id collate "C")
          from procurement_releases r
          where r.ocid > $1 and r.ocid <= (select last from bounds)
            and r.ocid in (select ocid from page)) as releases`,
      [after],
    );
    if (page?.last == null) return compiled;
    const byOcid = new Map<string, OcdsRelease[]>();
    for (const text of (page.releases ?? "").split("\n")) {
      if (text === "") continue;
      const release = JSON.parse(text) as OcdsRelease;
      const list = byOcid.get(release.ocid) ?? [];
      list.push(release);
      byOcid.set(release.ocid, list);
    }
    await compileProcesses(transaction, byOcid, options, { replace: true });
    compiled += byOcid.size;
    after = page.last;
  }
}

/** Compiles the releases of some processes and replaces the processes' stored facts. */
async function compileProcesses(
  transaction: Queryable,
  byOcid: ReadonlyMap<string, readonly OcdsRelease[]>,
  options: ImportOcdsOptions,
  how: { replace: boolean },
): Promise<void> {
  const processes: Record<string, unknown>[] = [];
  const lots: Record<string, unknown>[] = [];
  const awards: Record<string, unknown>[] = [];
  const suppliers: Record<string, unknown>[] = [];
  const contracts: Record<string, unknown>[] = [];
  for (const [ocid, releases] of byOcid) {
    const compiled = compileReleases(releases);
    const summary: OcdsSummary = summariseCompiled(compiled);
    processes.push({
      ocid,
      date: summary.date,
      buyer_id: summary.buyer?.id ?? null,
      buyer_name: summary.buyer?.name ?? null,
      title: summary.tenderTitle ?? null,
      status: summary.tenderStatus ?? null,
      ...money(summary.tenderValue),
      tender_end: summary.tenderPeriodEnd ?? null,
      cpv_codes: summary.cpvCodes,
      delivery_regions: summary.deliveryRegions,
      delivery_postcodes: summary.deliveryPostcodes,
      releases: releases.length,
    });
    for (const lot of summary.lots) {
      lots.push({ ocid, lot_id: lot.id, title: lot.title ?? null, ...money(lot.value) });
    }
    const awardIds = new Set<string>();
    for (const award of summary.awards) {
      // An award id published twice in one process: the first is kept, with its suppliers.
      if (awardIds.has(award.id)) continue;
      awardIds.add(award.id);
      awards.push({
        ocid,
        award_id: award.id,
        date: award.date ?? null,
        status: award.status ?? null,
        ...money(award.value),
      });
      award.suppliers.forEach((supplier, position) =>
        suppliers.push({
          ocid,
          award_id: award.id,
          position,
          supplier_id: supplier.id ?? null,
          name: supplier.name ?? null,
          scale: supplier.scale ?? null,
          postcode: supplier.postcode ?? null,
        }),
      );
    }
    for (const contract of summary.contracts) {
      contracts.push({
        ocid,
        contract_id: contract.id,
        award_id: contract.awardId ?? null,
        status: contract.status ?? null,
        ...money(contract.value),
        start_date: contract.startDate ?? null,
        end_date: contract.endDate ?? null,
      });
    }
  }
  // A process new to the store has nothing to replace.
  if (how.replace) {
    await transaction.query("delete from procurement_processes where ocid = any($1::text[])", [
      [...byOcid.keys()],
    ]);
  }
  await copyRows(transaction, "procurement_processes", processColumns, ["ocid"], processes, {
    fictional: options.fictional ?? false,
  });
  await copyRows(transaction, "procurement_lots", lotColumns, ["ocid", "lot_id"], lots);
  await copyRows(transaction, "procurement_awards", awardColumns, ["ocid", "award_id"], awards);
  await copyRows(
    transaction,
    "procurement_award_suppliers",
    supplierColumns,
    ["ocid", "award_id", "position"],
    suppliers,
  );
  await copyRows(
    transaction,
    "procurement_contracts",
    contractColumns,
    ["ocid", "contract_id"],
    contracts,
  );
}

// The columns of each table the compile writes, with the type each text is cast to.
const moneyColumns = [
  ["value_amount", "float8"],
  ["value_currency", "text"],
  ["value_pence", "int8"],
] as const;
const processColumns = [
  ["ocid", "text"],
  ["date", "timestamptz"],
  ["buyer_id", "text"],
  ["buyer_name", "text"],
  ["title", "text"],
  ["status", "text"],
  ...moneyColumns,
  ["tender_end", "timestamptz"],
  ["cpv_codes", "text[]"],
  ["delivery_regions", "text[]"],
  ["delivery_postcodes", "text[]"],
  ["releases", "int4"],
] as const;
const lotColumns = [
  ["ocid", "text"],
  ["lot_id", "text"],
  ["title", "text"],
  ...moneyColumns,
] as const;
const awardColumns = [
  ["ocid", "text"],
  ["award_id", "text"],
  ["date", "timestamptz"],
  ["status", "text"],
  ...moneyColumns,
] as const;
const supplierColumns = [
  ["ocid", "text"],
  ["award_id", "text"],
  ["position", "int4"],
  ["supplier_id", "text"],
  ["name", "text"],
  ["scale", "text"],
  ["postcode", "text"],
] as const;
const contractColumns = [
  ["ocid", "text"],
  ["contract_id", "text"],
  ["award_id", "text"],
  ["status", "text"],
  ...moneyColumns,
  ["start_date", "timestamptz"],
  ["end_date", "timestamptz"],
] as const;

/**
 * Writes rows (objects keyed by column) into a table by COPY on the embedded engine (an insert
 * from arrays on a server), every value as text that the column's type reads on assignment. A
 * row whose key repeats one already written (an award id published twice in one process, say)
 * is left out, keeping the first. `constants` adds columns with one value for every row.
 */
async function copyRows(
  transaction: Queryable,
  table: string,
  columns: readonly (readonly [string, string])[],
  key: readonly string[],
  rows: readonly Record<string, unknown>[],
  constants: Record<string, boolean> = {},
): Promise<void> {
  const seen = new Set<string>();
  const kept = rows.filter((row) => {
    const id = key.map((name) => String(row[name])).join("\u0000");
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  if (kept.length === 0) return;
  const extra = Object.entries(constants);
  await transaction.copyInto(
    table,
    [
      ...columns.map(([name, type]) => ({
        name,
        type: "text" as const,
        ...(type === "text" ? {} : { cast: type }),
      })),
      ...extra.map(([name]) => ({ name, type: "text" as const, cast: "boolean" })),
    ],
    [
      ...columns.map(([name, type]) =>
        kept.map((row) => {
          const value = row[name];
          if (value === null || value === undefined) return null;
          if (type === "text[]") return arrayLiteral(value as readonly string[]);
          return String(value);
        }),
      ),
      ...extra.map(([, value]) => kept.map(() => String(value))),
    ],
  );
}

/** A PostgreSQL array literal of texts, each quoted and escaped. */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}`;
}

// Money as published, and in pence when it is in pounds: OCDS amounts are in major units.
function money(value: OcdsMoney | undefined): {
  value_amount: number | null;
  value_currency: string | null;
  value_pence: number | null;
} {
  if (value === undefined) return { value_amount: null, value_currency: null, value_pence: null };
  const currency = value.currency?.toUpperCase() ?? null;
  return {
    value_amount: value.amount,
    value_currency: currency,
    value_pence: currency === "GBP" ? Math.round(value.amount * 100) : null,
  };
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
