import type { Readable } from "node:stream";
import type { ReplacementRate } from "../methods/index.js";
import {
  column,
  occupationSpelling,
  openSkillsCsv,
  parseOccupation,
  parseShare,
  readRange,
  requireRows,
  rowReader,
} from "./skillsCsv.js";

/** A row of a replacement rates file, with the line it came from. */
export interface ReplacementFileRow extends ReplacementRate {
  /** The 1-based line of the file (the header is line 1). */
  line: number;
}

/**
 * Reads a replacement rates CSV, `occupation,rate[,rate_low,rate_high]`: the share of each
 * occupation's jobs that fall vacant each year through retirement and other permanent exits, and
 * must be refilled. Rates apply to baseline employment over the horizon's years.
 *
 * - `occupation` is a SOC 2020 major or sub-major group.
 * - `rate` is from 0 to 1 a year, or a percentage ("3.5%").
 * - `rate_low` and `rate_high`, optional, are its plausible range for `--uncertainty`.
 *
 * @param source the path, or a stream or text with `file` naming it in errors.
 * @throws InputError naming the file, line and column: an unknown occupation, a rate outside 0
 *   to 1, a repeated occupation, or no rows.
 */
export async function readReplacementFile(
  source: string | Readable,
  file?: string,
): Promise<ReplacementFileRow[]> {
  const csv = await openSkillsCsv(source, file);
  const occupationAt = column(csv, "occupation");
  const rateAt = column(csv, "rate");
  const lowAt = column(csv, "rate_low", false);
  const highAt = column(csv, "rate_high", false);
  const rateExpected = "a yearly rate from 0 to 1, such as 0.035, or a percentage, such as 3.5%";
  const rows: ReplacementFileRow[] = [];
  const lineOf = new Map<string, number>();
  for await (const csvRow of csv.rows) {
    const row = rowReader(csv, csvRow);
    const occupation = parseOccupation(row.text(occupationAt));
    if (occupation === undefined) row.problem(occupationAt, `expected ${occupationSpelling}`);
    const repeated = lineOf.get(occupation!);
    if (repeated !== undefined) {
      row.problem(occupationAt, `this occupation already has a rate, at line ${repeated}`);
    }
    lineOf.set(occupation!, row.line);
    const rate = parseShare(row.text(rateAt));
    if (rate === undefined) row.problem(rateAt, `expected ${rateExpected}`);
    const range = readRange(row, lowAt, highAt, rate!, parseShare, rateExpected);
    rows.push({
      occupation: occupation!,
      rate: rate!,
      ...(range === undefined ? {} : { rateLow: range.low, rateHigh: range.high }),
      line: row.line,
    });
  }
  requireRows(csv, rows.length, "a row per occupation: occupation,rate");
  return rows;
}
