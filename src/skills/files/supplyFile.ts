import type { Readable } from "node:stream";
import { InputError } from "../../core/errors.js";
import {
  qualificationLevels,
  type LevelSupply,
  type QualificationLevel,
} from "../methods/index.js";
import {
  column,
  levelSpellings,
  openSkillsCsv,
  parseLevel,
  parsePeople,
  readRange,
  rowReader,
} from "./skillsCsv.js";

/** A row of a supply file, with the line it came from. */
export interface SupplyFileRow extends LevelSupply {
  /** The 1-based line of the file (the header is line 1). */
  line: number;
}

/**
 * Reads a supply CSV, `level,supply[,supply_low,supply_high]`: the people newly qualified at each
 * level over the horizon who will be available to work locally (completions of local providers,
 * less those who leave, plus those who come).
 *
 * - `level` is an RQF band: entry, 1-2, 3, 4-5 or 6+; every one of the five must be given, 0
 *   where there is none, so that a level left out is not taken for no supply.
 * - `supply` is a number of people, 0 or more.
 * - `supply_low` and `supply_high`, optional, are its plausible range for `--uncertainty`.
 *
 * @param source the path, or a stream or text with `file` naming it in errors.
 * @throws InputError naming the file, line and column: an unknown level, a negative supply, a
 *   repeated level, or a level missing.
 */
export async function readSupplyFile(
  source: string | Readable,
  file?: string,
): Promise<SupplyFileRow[]> {
  const csv = await openSkillsCsv(source, file);
  const levelAt = column(csv, "level");
  const supplyAt = column(csv, "supply");
  const lowAt = column(csv, "supply_low", false);
  const highAt = column(csv, "supply_high", false);
  const people = "a number of people, 0 or more, such as 350";
  const rows: SupplyFileRow[] = [];
  const lineOf = new Map<QualificationLevel, number>();
  for await (const csvRow of csv.rows) {
    const row = rowReader(csv, csvRow);
    const level = parseLevel(row.text(levelAt));
    if (level === undefined)
      row.problem(levelAt, `expected a qualification level: ${levelSpellings}`);
    const repeated = lineOf.get(level!);
    if (repeated !== undefined) {
      row.problem(levelAt, `this level already has a supply, at line ${repeated}`);
    }
    lineOf.set(level!, row.line);
    const supply = parsePeople(row.text(supplyAt));
    if (supply === undefined) row.problem(supplyAt, `expected ${people}`);
    const range = readRange(row, lowAt, highAt, supply!, parsePeople, people);
    rows.push({
      level: level!,
      supply: supply!,
      ...(range === undefined ? {} : { supplyLow: range.low, supplyHigh: range.high }),
      line: row.line,
    });
  }
  const missing = qualificationLevels.filter((level) => !lineOf.has(level));
  if (missing.length > 0) {
    throw new InputError(
      `the file has no supply at ${missing.join(", ")}; give a row for each of the five levels (entry, 1-2, 3, 4-5, 6+), 0 where there is none`,
      { file: csv.file },
    );
  }
  return rows;
}
