import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { basename } from "node:path";
import type { Readable } from "node:stream";
import { InputError } from "../core/errors.js";
import type { Database, Queryable } from "../store/database.js";
import { fileError, openCsv } from "./files/openCsv.js";
import { directoryPostcode, postcodeDirectoryColumns } from "./files/postcodeDirectoryFile.js";
import { OutwardCodeTally } from "./methods/outwardCodePlaces.js";

/** Options of {@link importPostcodeDirectory}. */
export interface ImportPostcodeDirectoryOptions {
  /** The bytes, when they do not come from the path (standard input); default: read the path. */
  stream?: Readable;
  /** Where the data come from, kept as provenance ("ONS Postcode Directory, May 2025"). */
  source?: string;
  /** The data's licence, kept as provenance ("OGL-UK-3.0"). */
  licence?: string;
  /** Called as rows are read, with the rows and bytes read so far. */
  onProgress?: (progress: { rows: number; bytes: number }) => void;
}

/**
 * What a postcode directory import did. For a file already stored, only the file, its sha256,
 * the earlier dataset and the outward codes it stored are given; the counts are 0.
 */
export interface PostcodeImportSummary {
  /** The file name (without its folder), or "(stdin)". */
  file: string;
  sha256: string;
  /**
   * True when the directory stored now came from the same file (same sha256), so nothing was
   * done.
   */
  alreadyImported: boolean;
  /** The provenance row written (or renewed), or the earlier one when already imported. */
  datasetId: number;
  /** The column the districts were read from: oslaua (ONSPD), laua (NSPL) or ladYYcd. */
  districtColumn: string;
  /** Postcodes (data rows) read. */
  postcodes: number;
  /** Live postcodes with a grid reference: those that place their outward code. */
  live: number;
  /** Terminated postcodes, left out. */
  terminated: number;
  /** Live postcodes without a grid reference, left out. */
  gridless: number;
  /** Outward codes with live postcodes in the file. */
  outwardCodes: number;
  /** Outward codes stored, with their district and centroid. */
  stored: number;
  /** Outward codes that were stored before and are replaced. */
  replaced: number;
  /**
   * The outward codes left out because their district is not a stored place (the directory covers
   * the whole UK, the store perhaps one region), and those districts' codes, sorted.
   */
  unstored: { outwardCodes: number; districts: string[] };
  /** Warnings about legal but suspicious data. */
  warnings: string[];
}

/** Rolls back an import whose file turned out to be the directory stored already. */
class AlreadyImported extends Error {
  constructor(readonly dataset: StoredDataset) {
    super("already imported");
  }
}

/** A `datasets` row of a postcode directory. */
interface StoredDataset {
  id: number;
  sha256: string;
  rows: number;
}

/** The kind of the `datasets` rows this import writes. */
const datasetKind = "postcodes";

/**
 * Imports a postcode directory (the ONS Postcode Directory, the National Statistics Postcode
 * Lookup, or an export with their columns) into `procurement_postcode_places`, in one transaction:
 * each outward code with a live postcode that has a grid reference is stored with the district
 * most of those postcodes are in (ties to the lowest code) and their mean latitude and longitude.
 * The directory is taken as the whole truth: the outward codes stored before are all replaced.
 * Outward codes whose district is not a stored place are left out and counted; when none is
 * stored, nothing is imported. The file is read as a stream, in the memory of its outward codes.
 * A malformed row stops the import with its file, line, column and value, and nothing changes.
 * The file the stored directory came from (same sha256) is a no-op that says so; an older file
 * imported again, after another, is imported again, since it replaces what the other stored.
 */
export async function importPostcodeDirectory(
  database: Database,
  path: string,
  options: ImportPostcodeDirectoryOptions = {},
): Promise<PostcodeImportSummary> {
  const file = path === "-" ? "(stdin)" : basename(path);
  // A file on disk is hashed first: a second import of a 1.5 GB directory then costs one read,
  // not a parse.
  if (options.stream === undefined) {
    const sha256 = await hashFile(path);
    const current = await currentDataset(database);
    if (current?.sha256 === sha256) return alreadyImported(file, current);
  }
  try {
    return await database.transaction((transaction) =>
      importRows(transaction, file, options.stream ?? createReadStream(path), options),
    );
  } catch (error) {
    if (!(error instanceof AlreadyImported)) throw error;
    return alreadyImported(file, error.dataset);
  }
}

async function importRows(
  transaction: Queryable,
  file: string,
  source: Readable,
  options: ImportPostcodeDirectoryOptions,
): Promise<PostcodeImportSummary> {
  const reader = await openCsv(source, file);
  const columns = postcodeDirectoryColumns(reader.header, file);
  const tally = new OutwardCodeTally();
  let rows = 0;
  let outsideUk = 0;
  for await (const row of reader.rows) {
    const postcode = directoryPostcode(row, columns, file);
    tally.add(postcode);
    if (postcode.latitude !== undefined && !inUk(postcode.latitude, postcode.longitude!)) {
      outsideUk += 1;
    }
    rows += 1;
    if (rows % 5000 === 0) options.onProgress?.({ rows, bytes: reader.bytesRead() });
  }
  options.onProgress?.({ rows, bytes: reader.bytesRead() });
  const sha256 = reader.sha256();
  const current = await currentDataset(transaction);
  if (current?.sha256 === sha256) throw new AlreadyImported(current);

  const places = tally.places();
  const totals = tally.totals();
  if (places.length === 0) {
    throw new InputError(
      `the file has no live postcode with a grid reference (of ${totals.postcodes} read); ` +
        "expected a postcode directory such as the ONSPD or NSPL",
      { file },
    );
  }
  const districts = [...new Set(places.map((place) => place.districtCode))];
  const stored = new Set(
    (
      await transaction.query<{ code: string }>(
        "select code from places where code = any($1::text[])",
        [districts],
      )
    ).map((row) => row.code),
  );
  const kept = places.filter((place) => stored.has(place.districtCode));
  if (kept.length === 0) {
    const which =
      districts.length === 1
        ? `the one district the file places outward codes in (${districts[0]}) is not`
        : `none of the ${districts.length} districts the file places outward codes in (such as ` +
          `${[...districts].sort()[0]}) is`;
    throw new InputError(
      `${which} a stored place; import the places first with \`placefirst import places\``,
      { file },
    );
  }

  // A file imported before another is recorded again under its first dataset, now the latest.
  const [dataset] = await transaction.query<{ id: number }>(
    `insert into datasets (kind, file_name, sha256, source, licence, rows)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (kind, sha256) do update set file_name = excluded.file_name,
       source = excluded.source, licence = excluded.licence, rows = excluded.rows,
       imported_at = now()
     returning id`,
    [datasetKind, file, sha256, options.source ?? null, options.licence ?? null, kept.length],
  );
  const [replaced] = await transaction.query<{ rows: number }>(
    `with gone as (delete from procurement_postcode_places returning 1)
     select count(*)::int as rows from gone`,
  );
  await transaction.copyInto(
    "procurement_postcode_places",
    [
      { name: "outward_code", type: "text" },
      { name: "place_code", type: "text" },
      { name: "latitude", type: "float8" },
      { name: "longitude", type: "float8" },
    ],
    [
      kept.map((place) => place.outwardCode),
      kept.map((place) => place.districtCode),
      kept.map((place) => place.latitude),
      kept.map((place) => place.longitude),
    ],
  );

  const warnings: string[] = [];
  if (outsideUk > 0) {
    warnings.push(
      `${file}: ${outsideUk.toLocaleString("en-GB")} of ${totals.live.toLocaleString("en-GB")} ` +
        "live postcodes lie outside the UK by their latitude and longitude; check that the " +
        `columns ${columns.latitude.name} and ${columns.longitude.name} are not swapped`,
    );
  }
  return {
    file,
    sha256,
    alreadyImported: false,
    datasetId: dataset!.id,
    districtColumn: columns.district.name,
    ...totals,
    outwardCodes: places.length,
    stored: kept.length,
    replaced: replaced!.rows,
    unstored: {
      outwardCodes: places.length - kept.length,
      districts: districts.filter((code) => !stored.has(code)).sort(),
    },
    warnings,
  };
}

function alreadyImported(file: string, earlier: StoredDataset): PostcodeImportSummary {
  return {
    file,
    sha256: earlier.sha256,
    alreadyImported: true,
    datasetId: earlier.id,
    districtColumn: "",
    postcodes: 0,
    live: 0,
    terminated: 0,
    gridless: 0,
    outwardCodes: 0,
    stored: earlier.rows,
    replaced: 0,
    unstored: { outwardCodes: 0, districts: [] },
    warnings: [],
  };
}

/** The dataset the stored postcode directory came from: the latest imported. */
async function currentDataset(database: Queryable): Promise<StoredDataset | undefined> {
  const [row] = await database.query<StoredDataset>(
    "select id, sha256, rows from datasets where kind = $1 order by imported_at desc, id desc limit 1",
    [datasetKind],
  );
  return row;
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch (error) {
    throw fileError(error, path);
  }
  return hash.digest("hex");
}

/**
 * Whether a point lies in a box around the UK and its islands (the box of the supplier register's
 * warning), to catch swapped latitude and longitude columns.
 */
function inUk(latitude: number, longitude: number): boolean {
  return latitude >= 49 && latitude <= 61 && longitude >= -9 && longitude <= 2;
}
