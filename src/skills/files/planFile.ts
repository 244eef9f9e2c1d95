import type { Readable } from "node:stream";
import { InputError } from "../../core/errors.js";
import type { PlanRow } from "../methods/index.js";
import {
  column,
  industryExpected,
  openSkillsCsv,
  parseIndustry,
  parsePeople,
  readRange,
  requireRows,
  rowReader,
  sectionOf,
} from "./skillsCsv.js";

/** A row of a plan file, with the line it came from. */
export interface PlanFileRow extends PlanRow {
  /** The 1-based line of the file (the header is line 1). */
  line: number;
}

/**
 * Reads a sector plan CSV, `industry,baseline,target[,target_low,target_high]`: one row per
 * industry, with employment now and planned at the horizon.
 *
 * - `industry` is a SIC 2007 section letter or two-digit division ("C", "25"); a section and one
 *   of its divisions may not both appear, as their jobs would be counted twice.
 * - `baseline` and `target` are numbers of people, 0 or more ("1200", "1,200").
 * - `target_low` and `target_high`, optional, are the plausible range of the target for
 *   `--uncertainty`: both blank or both given, around the target.
 *
 * @param source the path, or a stream or text with `file` naming it in errors.
 * @throws InputError naming the file, line, column and value of the first problem: an unknown
 *   industry code, a number that is negative or not a number, a repeated industry, or no rows.
 */
export async function readPlanFile(
  source: string | Readable,
  file?: string,
): Promise<PlanFileRow[]> {
  const csv = await openSkillsCsv(source, file);
  const industryAt = column(csv, "industry");
  const baselineAt = column(csv, "baseline");
  const targetAt = column(csv, "target");
  const lowAt = column(csv, "target_low", false);
  const highAt = column(csv, "target_high", false);
  const people = "a number of people, 0 or more, such as 1200";
  const rows: PlanFileRow[] = [];
  const lineOf = new Map<string, number>();
  for await (const csvRow of csv.rows) {
    const row = rowReader(csv, csvRow);
    const industry = parseIndustry(row.text(industryAt));
    if (industry === undefined) row.problem(industryAt, industryExpected(row.text(industryAt)));
    const repeated = lineOf.get(industry!);
    if (repeated !== undefined) {
      row.problem(industryAt, `this industry is already in the plan, at line ${repeated}`);
    }
    lineOf.set(industry!, row.line);
    const baseline = parsePeople(row.text(baselineAt));
    if (baseline === undefined) row.problem(baselineAt, `expected employment now, ${people}`);
    const target = parsePeople(row.text(targetAt));
    if (target === undefined) {
      row.problem(targetAt, `expected the planned employment at the horizon, ${people}`);
    }
    const range = readRange(row, lowAt, highAt, target!, parsePeople, people);
    rows.push({
      industry: industry!,
      baseline: baseline!,
      target: target!,
      ...(range === undefined ? {} : { targetLow: range.low, targetHigh: range.high }),
      line: row.line,
    });
  }
  requireRows(csv, rows.length, "a row per industry: industry,baseline,target");
  for (const row of rows) {
    const section = sectionOf(row.industry);
    const sectionLine = section === undefined ? undefined : lineOf.get(section);
    if (sectionLine !== undefined) {
      throw new InputError(
        `division ${row.industry} is part of section ${section}, which is in the plan too (line ${sectionLine}), so its jobs would count twice; give the section or its divisions`,
        { file: csv.file, line: row.line, field: csv.header[industryAt], value: row.industry },
      );
    }
  }
  return rows;
}
