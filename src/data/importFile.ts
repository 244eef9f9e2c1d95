import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { basename, extname } from "node:path";
import type { Readable } from "node:stream";
import { InputError } from "../core/errors.js";
import type { Database, Queryable } from "../store/database.js";
import type { ImportContext, ImporterResult } from "./importers/importContext.js";
import type { ColumnOptions } from "./importers/columnOptions.js";
import { importEmployment } from "./importers/importEmployment.js";
import { importIndicators } from "./importers/importIndicators.js";
import { importIndustryAttributes } from "./importers/importIndustryAttributes.js";
import { importLayout } from "./importers/importLayout.js";
import { importObservations } from "./importers/importObservations.js";
import { importPlaces } from "./importers/importPlaces.js";
import { looksBinary, readCsv } from "./readCsv.js";

/** The kinds of file Placefirst imports. */
export const importKinds = [
  "places",
  "indicators",
  "observations",
  "employment",
  "industry-attributes",
  "hexjson",
  "geojson",
] as const;
/** A kind of file Placefirst imports. */
export type ImportKind = (typeof importKinds)[number];

/** What to import and how. */
export interface ImportRequest extends ColumnOptions {
  kind: ImportKind;
  /** A path to read, or "-" with `stream` for standard input or an upload. */
  path: string;
  /** The bytes, when they do not come from `path` (standard input, an HTTP upload). */
  stream?: Readable;
  /** Where the data come from, kept as provenance ("ONS, BRES 2022"). */
  source?: string;
  /** The data's licence, kept as provenance ("OGL-UK-3.0"). */
  licence?: string;
  /** For layouts: the id to store it under; default the file name without extension. */
  layoutId?: string;
  /** For layouts: the name shown on maps. */
  layoutName?: string;
  /** For GeoJSON: the feature property with the place code. */
  codeProperty?: string;
  /** Called as rows are read, with the rows and bytes read so far. */
  onProgress?: (progress: { rows: number; bytes: number }) => void;
}

/** What an import did. */
export interface ImportSummary {
  kind: ImportKind;
  /** The file name (without its folder). */
  file: string;
  sha256: string;
  /** True when the same file (same sha256) had been imported before, so nothing was done. */
  alreadyImported: boolean;
  /** The provenance row written, or the earlier one when already imported. */
  datasetId: number;
  /** Rows stored. */
  rows: number;
  /** Indicators or industries created because the file named them. */
  created: string[];
  /** Warnings about legal but suspicious data. */
  warnings: string[];
}

/** Rolls back an import whose file turned out to be one imported before. */
class AlreadyImported extends Error {
  constructor(readonly datasetId: number) {
    super("already imported");
  }
}

/**
 * Imports one file in one transaction: either all of it is stored, with a provenance row, or
 * nothing is. A file imported before (same kind and sha256) is a no-op that says so.
 */
export async function importFile(
  database: Database,
  request: ImportRequest,
): Promise<ImportSummary> {
  const file = request.path === "-" ? "(stdin)" : basename(request.path);
  const summary = (fields: Partial<ImportSummary>): ImportSummary => ({
    kind: request.kind,
    file,
    sha256: "",
    alreadyImported: false,
    datasetId: 0,
    rows: 0,
    created: [],
    warnings: [],
    ...fields,
  });
  // Hash a file on disk first: a second import of a large file then costs one read, not a parse.
  if (request.stream === undefined) {
    const sha256 = await hashFile(request.path, file);
    const earlier = await findDataset(database, request.kind, sha256);
    if (earlier !== undefined) {
      return summary({ sha256, alreadyImported: true, datasetId: earlier.id, rows: earlier.rows });
    }
  }
  const warnings: string[] = [];
  try {
    return await database.transaction(async (transaction) => {
      const [dataset] = await transaction.query<{ id: number }>(
        `insert into datasets (kind, file_name, sha256, source, licence)
         values ($1, $2, $3, $4, $5) returning id`,
        [
          request.kind,
          file,
          `pending-${process.pid}-${Date.now()}`,
          request.source ?? null,
          request.licence ?? null,
        ],
      );
      const datasetId = dataset!.id;
      let bytesRead = (): number => 0;
      const context: ImportContext = {
        transaction,
        file,
        datasetId,
        warn: (message) => warnings.push(message),
        progress: (rows) => request.onProgress?.({ rows, bytes: bytesRead() }),
      };
      const source = request.stream ?? createReadStream(request.path);
      let result: ImporterResult;
      let sha256: string;
      if (request.kind === "hexjson" || request.kind === "geojson") {
        const bytes = await readAll(source);
        if (looksBinary(bytes))
          throw new InputError("this is not a JSON text file (it contains binary bytes)", { file });
        sha256 = createHash("sha256").update(bytes).digest("hex");
        result = await importLayout(bytes.toString("utf8"), context, {
          kind: request.kind,
          id: request.layoutId ?? basename(file, extname(file)),
          name: request.layoutName,
          codeProperty: request.codeProperty,
        });
      } else {
        const reader = await readCsv(source, file);
        bytesRead = reader.bytesRead;
        result = await runCsvImporter(request, reader, context);
        sha256 = reader.sha256();
      }
      const earlier = await findDataset(transaction, request.kind, sha256);
      if (earlier !== undefined) throw new AlreadyImported(earlier.id);
      await transaction.query("update datasets set sha256 = $2, rows = $3 where id = $1", [
        datasetId,
        sha256,
        result.rows,
      ]);
      return summary({ sha256, datasetId, rows: result.rows, created: result.created, warnings });
    });
  } catch (error) {
    if (error instanceof AlreadyImported) {
      const [earlier] = await database.query<{ sha256: string; rows: number }>(
        "select sha256, rows from datasets where id = $1",
        [error.datasetId],
      );
      return summary({
        sha256: earlier?.sha256 ?? "",
        alreadyImported: true,
        datasetId: error.datasetId,
        rows: earlier?.rows ?? 0,
      });
    }
    throw error;
  }
}

function runCsvImporter(
  request: ImportRequest,
  reader: Awaited<ReturnType<typeof readCsv>>,
  context: ImportContext,
): Promise<ImporterResult> {
  switch (request.kind) {
    case "places":
      return importPlaces(reader, context, request);
    case "indicators":
      return importIndicators(reader, context);
    case "observations":
      return importObservations(reader, context, request);
    case "employment":
      return importEmployment(reader, context, request);
    case "industry-attributes":
      return importIndustryAttributes(reader, context);
    default:
      throw new Error(`not a CSV kind: ${request.kind}`);
  }
}

async function findDataset(
  database: Queryable,
  kind: string,
  sha256: string,
): Promise<{ id: number; rows: number } | undefined> {
  const [row] = await database.query<{ id: number; rows: number }>(
    "select id, rows from datasets where kind = $1 and sha256 = $2",
    [kind, sha256],
  );
  return row;
}

async function hashFile(path: string, file: string): Promise<string> {
  const hash = createHash("sha256");
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new InputError("no such file", { file: path });
    if (code === "EISDIR") throw new InputError("this is a folder, not a file", { file: path });
    if (code === "EACCES")
      throw new InputError("the file cannot be read (permission denied)", { file });
    throw error;
  }
  return hash.digest("hex");
}

async function readAll(source: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
