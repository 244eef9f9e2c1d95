import type { Readable } from "node:stream";
import { parsePounds } from "../../core/parsePounds.js";
import {
  column,
  occupationSpelling,
  openSkillsCsv,
  parseOccupation,
  requireRows,
  rowReader,
} from "./skillsCsv.js";

/** A row of a pay file: an occupation's median gross annual pay, with its line. */
export interface PayFileRow {
  occupation: string;
  /** Median gross annual pay in pounds. */
  pay: number;
  /** The 1-based line of the file (the header is line 1). */
  line: number;
}

/**
 * Reads a pay CSV, `occupation,pay`: each occupation's median gross annual pay in pounds, such as
 * ASHE's table 2 by SOC 2020 group, for ranking shortfalls by pay.
 *
 * @param source the path, or a stream or text with `file` naming it in errors.
 * @throws InputError naming the file, line and column: an unknown occupation, a pay that is not
 *   an amount of pounds, a repeated occupation, or no rows.
 */
export async function readPayFile(source: string | Readable, file?: string): Promise<PayFileRow[]> {
  const csv = await openSkillsCsv(source, file);
  const occupationAt = column(csv, "occupation");
  const payAt = column(csv, "pay");
  const rows: PayFileRow[] = [];
  const lineOf = new Map<string, number>();
  for await (const csvRow of csv.rows) {
    const row = rowReader(csv, csvRow);
    const occupation = parseOccupation(row.text(occupationAt));
    if (occupation === undefined) row.problem(occupationAt, `expected ${occupationSpelling}`);
    const repeated = lineOf.get(occupation!);
    if (repeated !== undefined) {
      row.problem(occupationAt, `this occupation already has a pay, at line ${repeated}`);
    }
    lineOf.set(occupation!, row.line);
    const pence = parsePounds(row.text(payAt));
    if (pence === undefined) {
      row.problem(payAt, "expected median gross annual pay in pounds, such as 31000 or £31,000");
    }
    rows.push({ occupation: occupation!, pay: pence! / 100, line: row.line });
  }
  requireRows(csv, rows.length, "a row per occupation: occupation,pay");
  return rows;
}
