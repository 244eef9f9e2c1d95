import type { Readable } from "node:stream";
import type { OccupationLevelShare, QualificationLevel } from "../methods/index.js";
import { shareSumTolerance } from "../methods/index.js";
import {
  checkShareSums,
  column,
  levelSpellings,
  occupationSpelling,
  openSkillsCsv,
  parseLevel,
  parseOccupation,
  parseShare,
  requireRows,
  rowReader,
} from "./skillsCsv.js";

/** A row of an occupation × level file, with the line it came from. */
export interface OccupationLevelFileRow extends OccupationLevelShare {
  /** The 1-based line of the file (the header is line 1). */
  line: number;
}

/**
 * Reads an occupation × level CSV, `occupation,level,share`: the share of each occupation's
 * jobs that need each qualification level.
 *
 * - `occupation` is a SOC 2020 major or sub-major group, as in the industry × occupation file.
 * - `level` is an RQF band: entry, 1-2, 3, 4-5 or 6+ ("level 3", "RQF3", "none" are read too).
 * - `share` is from 0 to 1, or a percentage; each occupation's shares add up to 1 (within
 *   0.005, then rescaled). Levels left out have no share.
 *
 * @param source the path, or a stream or text with `file` naming it in errors.
 * @throws InputError naming the file, line and column: an unknown occupation or level, a share
 *   outside 0 to 1, a repeated pair, an occupation whose shares do not add up to 1, or no rows.
 */
export async function readOccupationLevelFile(
  source: string | Readable,
  file?: string,
): Promise<OccupationLevelFileRow[]> {
  const csv = await openSkillsCsv(source, file);
  const occupationAt = column(csv, "occupation");
  const levelAt = column(csv, "level");
  const shareAt = column(csv, "share");
  const rows: OccupationLevelFileRow[] = [];
  const groups = new Map<
    string,
    { line: number; sum: number; lines: Map<QualificationLevel, number> }
  >();
  for await (const csvRow of csv.rows) {
    const row = rowReader(csv, csvRow);
    const occupation = parseOccupation(row.text(occupationAt));
    if (occupation === undefined) row.problem(occupationAt, `expected ${occupationSpelling}`);
    const level = parseLevel(row.text(levelAt));
    if (level === undefined)
      row.problem(levelAt, `expected a qualification level: ${levelSpellings}`);
    const share = parseShare(row.text(shareAt));
    if (share === undefined) {
      row.problem(
        shareAt,
        "expected a share from 0 to 1, such as 0.25, or a percentage, such as 25%",
      );
    }
    let group = groups.get(occupation!);
    if (group === undefined) {
      group = { line: row.line, sum: 0, lines: new Map() };
      groups.set(occupation!, group);
    }
    const repeated = group.lines.get(level!);
    if (repeated !== undefined) {
      row.problem(levelAt, `occupation ${occupation} already has this level, at line ${repeated}`);
    }
    group.lines.set(level!, row.line);
    group.sum += share!;
    rows.push({ occupation: occupation!, level: level!, share: share!, line: row.line });
  }
  requireRows(csv, rows.length, "a row per occupation and level: occupation,level,share");
  checkShareSums(
    csv,
    groups,
    (occupation) => `occupation ${occupation}'s levels`,
    shareSumTolerance,
    csv.header[shareAt]!,
  );
  return rows;
}
