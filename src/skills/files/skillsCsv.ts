import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { InputError } from "../../core/errors.js";
import { sic2007Divisions, sic2007Sections } from "../../core/sic2007.js";
import { columnIndex, parseStatistic, readCsv, type CsvRow } from "../../data/readCsv.js";
import { qualificationLevels, type QualificationLevel } from "../methods/index.js";
import { soc2020GroupName } from "../soc2020.js";

/*
 * What the five skills gap files share: opening a file or a text, reading a row's fields with
 * errors that name the file, line and column, and the codes and numbers they hold.
 */

/** A skills gap file opened for reading: its header and a reader for each row. */
export interface SkillsCsv {
  /** The name of the source in errors. */
  file: string;
  header: string[];
  rows: AsyncIterable<CsvRow>;
}

/**
 * Opens a CSV path, stream or text. A missing, unreadable or empty file is an
 * {@link InputError} naming it.
 *
 * @param source a path (with `file` undefined), a stream, or the CSV as text.
 * @param file the name of a stream or text in errors, such as "(upload)".
 */
export async function openSkillsCsv(
  source: string | Readable,
  file: string | undefined,
): Promise<SkillsCsv> {
  const name = file ?? (typeof source === "string" ? source : "(stream)");
  const stream =
    file === undefined && typeof source === "string"
      ? createReadStream(source)
      : typeof source === "string"
        ? Readable.from([Buffer.from(source)])
        : source;
  try {
    const reader = await readCsv(stream, name);
    return { file: name, header: reader.header, rows: reader.rows };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "ENOENT") throw new InputError("there is no such file", { file: name });
    if (code === "EISDIR") throw new InputError("this is a folder, not a file", { file: name });
    if (code === "EACCES") {
      throw new InputError("the file cannot be read (permission denied)", { file: name });
    }
    throw error;
  }
}

/** One row's fields by column, with errors that say where. */
export interface RowReader {
  line: number;
  /** The field of a column (by index; -1 for an absent column gives ""), trimmed. */
  text(column: number): string;
  /** Throws an InputError at this row and column, with the field's value. */
  problem(column: number, expected: string): never;
}

/** A {@link RowReader} for a row of the file. */
export function rowReader(csv: SkillsCsv, row: CsvRow): RowReader {
  const text = (column: number): string => (column < 0 ? "" : (row.fields[column] ?? "").trim());
  return {
    line: row.line,
    text,
    problem(column, expected) {
      throw new InputError(expected, {
        file: csv.file,
        line: row.line,
        field: csv.header[column] ?? "",
        value: text(column),
      });
    },
  };
}

/** The index of a column by its name (case-insensitive), -1 when optional and absent. */
export function column(csv: SkillsCsv, name: string, required = true): number {
  return columnIndex(csv.header, csv.file, { candidates: [name], required });
}

/** A number of people, 0 or more, as written ("1200", "1,200", "1200.5"); else undefined. */
export function parsePeople(text: string): number | undefined {
  const parsed = parseStatistic(text);
  return parsed?.kind === "number" && parsed.value >= 0 ? parsed.value : undefined;
}

/**
 * A share from 0 to 1 as written: "0.4", ".4", "1", or a percentage from 0% to 100% ("40%"),
 * divided by 100. Undefined for anything else, including "40" without the sign.
 */
export function parseShare(text: string): number | undefined {
  const match = /^(\d+\.?\d*|\.\d+)\s*(%?)$/.exec(text.trim());
  if (match === null) return undefined;
  const value = match[2] === "%" ? Number(match[1]) / 100 : Number(match[1]);
  return value >= 0 && value <= 1 ? value : undefined;
}

/** What {@link parseLevel} reads, for messages. */
export const levelSpellings =
  'entry, 1-2, 3, 4-5 or 6+ (RQF bands; "none", "level 3", "RQF 3" and "levels 4-5" are read too)';

/**
 * A qualification level band as written, case-insensitively: the band itself ("entry", "1-2",
 * "3", "4-5", "6+"), with "level", "levels" or "RQF" before it, an en dash for the hyphen, "none"
 * or "entry level" for entry, "6 and above" for 6+. A single level inside a band ("2", "5") is
 * not read: it would split a band, so the caller must say which band it belongs to.
 */
export function parseLevel(text: string): QualificationLevel | undefined {
  const plain = text
    .trim()
    .toLowerCase()
    .replaceAll(/[\u2013\u2014]/g, "-")
    .replace(/^(rqf\s*)?(levels?\s*)?/, "")
    .replaceAll(/\s+/g, " ")
    .replaceAll(/\s*-\s*/g, "-");
  if (plain === "none" || plain === "entry level" || plain === "no qualifications") return "entry";
  if (plain === "6 and above" || plain === "6 or above") return "6+";
  return (qualificationLevels as readonly string[]).includes(plain)
    ? (plain as QualificationLevel)
    : undefined;
}

/** The SOC 2020 major (one digit) or sub-major (two digits) group of a code, else undefined. */
export function parseOccupation(text: string): string | undefined {
  const code = text.trim();
  return soc2020GroupName(code) === undefined ? undefined : code;
}

/** What {@link parseOccupation} reads, for messages. */
export const occupationSpelling =
  "a SOC 2020 major group (1 to 9) or sub-major group (11 to 92), such as 5 or 52";

const sectionCodes = new Set(sic2007Sections.map(([code]) => code));
const sectionOfDivision = new Map(sic2007Divisions.map(([code, section]) => [code, section]));

/**
 * A SIC 2007 section letter (A to U, either case) or two-digit division ("01" to "99" as
 * published), else undefined.
 */
export function parseIndustry(text: string): string | undefined {
  const code = text.trim().toUpperCase();
  return sectionCodes.has(code) || sectionOfDivision.has(code) ? code : undefined;
}

/** The SIC 2007 section a division belongs to; undefined for a section. */
export function sectionOf(industry: string): string | undefined {
  return sectionOfDivision.get(industry);
}

/** The expected industry, with a hint for a division that lost its leading zero. */
export function industryExpected(text: string): string {
  const hint = /^\d$/.test(text.trim())
    ? `; write 0${text.trim()}: did a spreadsheet drop the leading zero?`
    : "";
  return `expected a SIC 2007 section letter (A to U) or two-digit division (01 to 99), such as C or 25${hint}`;
}

/** Fails when a file has no data rows. */
export function requireRows(csv: SkillsCsv, count: number, expected: string): void {
  if (count === 0)
    throw new InputError(`the file has no rows; expected ${expected}`, { file: csv.file });
}

/**
 * Checks that each group's shares add up to 1 within `tolerance`, naming the first line of a
 * group that does not, with its sum.
 */
export function checkShareSums(
  csv: SkillsCsv,
  groups: ReadonlyMap<string, { line: number; sum: number }>,
  what: (key: string) => string,
  tolerance: number,
  shareColumn: string,
): void {
  for (const [key, { line, sum }] of groups) {
    if (Math.abs(sum - 1) > tolerance) {
      throw new InputError(
        `the shares of ${what(key)} add up to ${Number(sum.toFixed(4))}; expected 1 (within ${tolerance}), so that every job is counted once`,
        { file: csv.file, line, field: shareColumn },
      );
    }
  }
}

/**
 * Reads an optional low,high pair of columns around a point value: both blank (or absent), or
 * both numbers with low ≤ value ≤ high.
 */
export function readRange(
  row: RowReader,
  lowColumn: number,
  highColumn: number,
  value: number,
  parse: (text: string) => number | undefined,
  expected: string,
): { low: number; high: number } | undefined {
  const lowText = row.text(lowColumn);
  const highText = row.text(highColumn);
  if (lowText === "" && highText === "") return undefined;
  if (lowText === "") row.problem(lowColumn, `expected the low end of the range too, ${expected}`);
  if (highText === "")
    row.problem(highColumn, `expected the high end of the range too, ${expected}`);
  const low = parse(lowText);
  const high = parse(highText);
  if (low === undefined) row.problem(lowColumn, `expected ${expected}`);
  if (high === undefined) row.problem(highColumn, `expected ${expected}`);
  if (low! > value) row.problem(lowColumn, `expected the low end at or below the value, ${value}`);
  if (high! < value) {
    row.problem(highColumn, `expected the high end at or above the value, ${value}`);
  }
  return { low: low!, high: high! };
}
