import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { basename } from "node:path";
import { InputError } from "../core/errors.js";
import type { Database, Queryable } from "../store/database.js";
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

// Releases are written and processes compiled in batches: memory stays bounded by a batch, not
// by the file (a 1 GB file holds about a million releases).
const releaseBatch = 500;
const compileBatch = 200;

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
    const touched = new Set<string>();
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
        { summary, touched, maxProblems, file, onProgress: options.onProgress },
      );
      await transaction.query("update datasets set rows = $2 where id = $1", [
        dataset!.id,
        fileReleases,
      ]);
      summary.files.push({ file, sha256, alreadyImported: false, releases: fileReleases });
      options.onProgress?.({ releases: summary.read, file });
    }
    summary.processes = await compileTouched(transaction, touched, options);
  });
  return summary;
}

/**
 * Validates and stores the releases of one source under its dataset, in batches: invalid ones are
 * counted and reported in `summary`, new ones stored and their ocids added to `touched`. Returns
 * the number of releases read.
 */
async function storeReleases(
  transaction: Queryable,
  datasetId: number,
  items: AsyncIterable<OcdsReadItem> | Iterable<OcdsReadItem>,
  context: {
    summary: OcdsImportSummary;
    touched: Set<string>;
    maxProblems: number;
    file: string;
    onProgress: ImportOcdsOptions["onProgress"];
  },
): Promise<number> {
  const { summary, touched } = context;
  let batch: { ocid: string; id: string; date: string; tags: string[]; release: unknown }[] = [];
  let read = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const inserted = await transaction.query<{ ocid: string }>(
      `insert into procurement_releases (ocid, release_id, date, tags, release, dataset_id)
       select r->>'ocid', r->>'id', (r->>'date')::timestamptz,
         array(select jsonb_array_elements_text(r->'tags')), r->'release', $2
       from jsonb_array_elements($1::jsonb) r
       on conflict (ocid, release_id) do nothing returning ocid`,
      [JSON.stringify(batch), datasetId],
    );
    summary.stored += inserted.length;
    summary.duplicates += batch.length - inserted.length;
    for (const row of inserted) touched.add(row.ocid);
    batch = [];
  };
  for await (const item of items) {
    summary.read++;
    read++;
    const { release, problems } = validateRelease(item.release);
    if (release === undefined) {
      summary.invalid++;
      const ocid = typeof item.release.ocid === "string" ? item.release.ocid : undefined;
      for (const problem of problems) {
        if (summary.problems.length >= context.maxProblems) break;
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
      release: item.release,
    });
    if (batch.length >= releaseBatch) await flush();
    if (summary.read % 1000 === 0)
      context.onProgress?.({ releases: summary.read, file: context.file });
  }
  await flush();
  return read;
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
  const touched = new Set<string>();
  const read = await storeReleases(
    transaction,
    dataset!.id,
    releases.map((release, index) => ({
      kind: "release" as const,
      release: release as unknown as Record<string, unknown>,
      source: { file: name, line: 1, document: 0, pointer: `/${index}`, index },
    })),
    {
      summary,
      touched,
      maxProblems: options.maxProblems ?? 100,
      file: name,
      onProgress: undefined,
    },
  );
  await transaction.query("update datasets set rows = $2 where id = $1", [dataset!.id, read]);
  summary.files.push({ file: name, sha256, alreadyImported: false, releases: read });
  summary.processes = await compileTouched(transaction, touched, options);
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

/** Compiles every process touched, in batches; returns how many. */
async function compileTouched(
  transaction: Queryable,
  touched: ReadonlySet<string>,
  options: ImportOcdsOptions,
): Promise<number> {
  const ocids = [...touched].sort();
  for (let start = 0; start < ocids.length; start += compileBatch) {
    await compileProcesses(transaction, ocids.slice(start, start + compileBatch), options);
  }
  return ocids.length;
}

/** Compiles the stored releases of some processes and replaces the processes' stored facts. */
async function compileProcesses(
  transaction: Queryable,
  ocids: readonly string[],
  options: ImportOcdsOptions,
): Promise<void> {
  const rows = await transaction.query<{ ocid: string; release: OcdsRelease }>(
    `select ocid, release from procurement_releases where ocid = any($1::text[])
     order by ocid, date, release_id`,
    [ocids],
  );
  const byOcid = new Map<string, OcdsRelease[]>();
  for (const row of rows) {
    const list = byOcid.get(row.ocid) ?? [];
    list.push(row.release);
    byOcid.set(row.ocid, list);
  }
  const processes: unknown[] = [];
  const lots: unknown[] = [];
  const awards: unknown[] = [];
  const suppliers: unknown[] = [];
  const contracts: unknown[] = [];
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
      compiled,
    });
    for (const lot of summary.lots) {
      lots.push({ ocid, lot_id: lot.id, title: lot.title ?? null, ...money(lot.value) });
    }
    for (const award of summary.awards) {
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
  await transaction.query("delete from procurement_processes where ocid = any($1::text[])", [
    ocids,
  ]);
  await transaction.query(
    `insert into procurement_processes (ocid, date, buyer_id, buyer_name, title, status,
       value_amount, value_currency, value_pence, tender_end, cpv_codes, delivery_regions,
       delivery_postcodes, releases, compiled, fictional)
     select r.ocid, r.date, r.buyer_id, r.buyer_name, r.title, r.status, r.value_amount,
       r.value_currency, r.value_pence, r.tender_end,
       array(select jsonb_array_elements_text(j->'cpv_codes')),
       array(select jsonb_array_elements_text(j->'delivery_regions')),
       array(select jsonb_array_elements_text(j->'delivery_postcodes')),
       r.releases, j->'compiled', $2
     from jsonb_array_elements($1::jsonb) j,
       jsonb_to_record(j) as r(ocid text, date timestamptz, buyer_id text, buyer_name text,
         title text, status text, value_amount float8, value_currency text, value_pence int8,
         tender_end timestamptz, releases int4)`,
    [JSON.stringify(processes), options.fictional ?? false],
  );
  await insertRows(
    transaction,
    "procurement_lots",
    "ocid text, lot_id text, title text, value_amount float8, value_currency text, value_pence int8",
    lots,
  );
  await insertRows(
    transaction,
    "procurement_awards",
    "ocid text, award_id text, date timestamptz, status text, value_amount float8, value_currency text, value_pence int8",
    awards,
  );
  await insertRows(
    transaction,
    "procurement_award_suppliers",
    "ocid text, award_id text, position int4, supplier_id text, name text, scale text, postcode text",
    suppliers,
  );
  await insertRows(
    transaction,
    "procurement_contracts",
    "ocid text, contract_id text, award_id text, status text, value_amount float8, value_currency text, value_pence int8, start_date timestamptz, end_date timestamptz",
    contracts,
  );
}

// Inserts rows given as JSON objects, the record type naming the columns; a repeated key (an
// award id published twice in one process, say) keeps the first.
async function insertRows(
  transaction: Queryable,
  table: string,
  recordType: string,
  rows: readonly unknown[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = recordType.split(",").map((part) => part.trim().split(" ")[0]!);
  await transaction.query(
    `insert into ${table} (${columns.join(", ")})
     select ${columns.map((column) => `r.${column}`).join(", ")}
     from jsonb_to_recordset($1::jsonb) as r(${recordType})
     on conflict do nothing`,
    [JSON.stringify(rows)],
  );
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
