import { createHash } from "node:crypto";
import { Transform, type Readable } from "node:stream";
import { parse } from "csv-parse";
import { InputError } from "../core/errors.js";

/** One data row of a CSV file, with where it came from. */
export interface CsvRow {
  /** The 1-based line of the file where the row ends (the header is line 1). */
  line: number;
  /** The fields, in header order; missing trailing fields are empty strings. */
  fields: string[];
}

/** A CSV file opened for reading: its header, its rows, and facts gathered while reading. */
export interface CsvReader {
  /** The header names as written (trimmed, BOM removed). */
  header: string[];
  /** The data rows; iterate once. */
  rows: AsyncIterable<CsvRow>;
  /** Bytes read so far. */
  bytesRead(): number;
  /** The sha256 of the bytes read; complete once `rows` is exhausted. */
  sha256(): string;
}

/**
 * Opens a CSV stream: checks that it is text, reads the header and returns the rows as an async
 * iterable with line numbers, in bounded memory. Throws an {@link InputError} naming the file and
 * line for an empty file, a binary file or malformed quoting.
 */
export async function readCsv(source: Readable, file: string): Promise<CsvReader> {
  const hash = createHash("sha256");
  let bytes = 0;
  let checkedText = false;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (!checkedText) {
        checkedText = true;
        if (looksBinary(chunk)) {
          callback(
            new InputError("this is not a CSV text file (it contains binary bytes)", { file }),
          );
          return;
        }
      }
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  // Line numbers are counted here rather than with csv-parse's `info` option, which costs more
  // than the parsing itself: each record takes one line plus the line breaks inside its quoted
  // fields, and an empty line arrives as a record of one empty field.
  const parser = parse({ bom: true, relax_column_count: true });
  source.on("error", (error) => meter.destroy(error));
  meter.on("error", (error) => parser.destroy(error));
  source.pipe(meter).pipe(parser);

  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  let line = 0;
  const nextRecord = async (): Promise<string[] | undefined> => {
    for (;;) {
      const record = await next(iterator, file, line + 1);
      if (record === undefined) return undefined;
      line += 1;
      for (const field of record) if (field.includes("\n")) line += field.split("\n").length - 1;
      if (record.length === 1 && record[0]!.trim() === "") continue;
      return record;
    }
  };
  const first = await nextRecord();
  if (first === undefined) {
    throw new InputError("the file is empty; expected a header line and at least one row", {
      file,
    });
  }
  const header = first.map((name) => name.trim());
  const width = header.length;

  async function* rows(): AsyncGenerator<CsvRow> {
    for (;;) {
      const fields = await nextRecord();
      if (fields === undefined) return;
      while (fields.length < width) fields.push("");
      yield { line, fields };
    }
  }

  return {
    header,
    rows: rows(),
    bytesRead: () => bytes,
    sha256: () => hash.copy().digest("hex"),
  };
}

async function next<T>(
  iterator: AsyncIterator<T>,
  file: string,
  line: number,
): Promise<T | undefined> {
  try {
    const result = await iterator.next();
    return result.done === true ? undefined : result.value;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const parseError = error as { code?: string; lines?: number; message?: string };
    if (typeof parseError.code === "string" && parseError.code.startsWith("CSV_")) {
      throw new InputError(`malformed CSV: ${parseError.message ?? parseError.code}`, {
        file,
        line: parseError.lines ?? line,
      });
    }
    throw error;
  }
}

/**
 * True when the first bytes hold a NUL byte or mostly control characters, as images, archives
 * and spreadsheets in binary formats do; a CSV never does.
 */
export function looksBinary(start: Uint8Array): boolean {
  const sample = start.subarray(0, 4096);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 9 || (byte > 13 && byte < 32)) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1;
}

/** Options for {@link columnIndex}. */
export interface ColumnChoice {
  /** The column the user named with a flag, matched case-insensitively; wins over defaults. */
  requested?: string;
  /** Names to try in order when none was requested, matched case-insensitively. */
  candidates: readonly string[];
  /** The flag that names this column, for the message. */
  flag?: string;
  /** Whether a missing column is an error; default true. */
  required?: boolean;
}

/**
 * Finds a column in a header by the name requested or the first candidate present. Throws an
 * {@link InputError} listing the header when a required column is missing.
 */
export function columnIndex(header: readonly string[], file: string, choice: ColumnChoice): number {
  const lower = header.map((name) => name.toLowerCase());
  const names = choice.requested !== undefined ? [choice.requested] : choice.candidates;
  for (const name of names) {
    const index = lower.indexOf(name.toLowerCase());
    if (index >= 0) return index;
  }
  if (choice.required === false) return -1;
  const wanted = names.map((name) => `"${name}"`).join(" or ");
  const hint = choice.flag !== undefined ? `; name the column with ${choice.flag}` : "";
  throw new InputError(
    `the header has no column ${wanted} (it has ${header.map((name) => `"${name}"`).join(", ")})${hint}`,
    { file, line: 1 },
  );
}

/** Suppression markers used by ONS, nomis and Eurostat for a statistic that is not published. */
const suppressionMarkers = new Set([
  "x",
  "[x]",
  "..",
  ":",
  "c",
  "[c]",
  "*",
  "-",
  "z",
  "[z]",
  "n/a",
  "na",
]);

/** A parsed numeric field: a number, or nothing with the reason. */
export type ParsedNumber =
  { kind: "number"; value: number } | { kind: "missing" } | { kind: "suppressed"; marker: string };

/**
 * Reads a number as statistical publishers write it: optional thousands separators ("3,317"),
 * an empty field (missing) or a suppression marker (".." or "x"). Anything else is `undefined`,
 * for the caller to report.
 */
export function parseStatistic(text: string): ParsedNumber | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return { kind: "missing" };
  if (suppressionMarkers.has(trimmed.toLowerCase())) return { kind: "suppressed", marker: trimmed };
  const plain = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(trimmed)
    ? trimmed.replaceAll(",", "")
    : trimmed;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(plain)) return undefined;
  const value = Number(plain);
  return Number.isFinite(value) ? { kind: "number", value } : undefined;
}
