import type { Readable } from "node:stream";
import type { IndustryOccupationShare } from "../methods/index.js";
import { shareSumTolerance } from "../methods/index.js";
import {
  checkShareSums,
  column,
  industryExpected,
  occupationSpelling,
  openSkillsCsv,
  parseIndustry,
  parseOccupation,
  parseShare,
  requireRows,
  rowReader,
} from "./skillsCsv.js";

/** A row of an industry × occupation file, with the line it came from. */
export interface IndustryOccupationFileRow extends IndustryOccupationShare {
  /** The 1-based line of the file (the header is line 1). */
  line: number;
}

/**
 * Reads an industry × occupation CSV, `industry,occupation,share`: the share of each industry's
 * jobs in each occupation. It may cover more industries than the plan (a national matrix, say).
 *
 * - `industry` is a SIC 2007 section letter or two-digit division.
 * - `occupation` is a SOC 2020 major (one digit) or sub-major (two digits) group; an industry may
 *   not have both a major group and one of its sub-major groups, as their jobs would count twice.
 * - `share` is from 0 to 1, or a percentage ("12.5%"); each industry's shares add up to 1
 *   (within 0.005, then rescaled).
 *
 * @param source the path, or a stream or text with `file` naming it in errors.
 * @throws InputError naming the file, line and column: a code that is not SIC 2007 or SOC 2020,
 *   a share outside 0 to 1, a repeated pair, an industry whose shares do not add up to 1 (with
 *   the sum), or no rows.
 */
export async function readIndustryOccupationFile(
  source: string | Readable,
  file?: string,
): Promise<IndustryOccupationFileRow[]> {
  const csv = await openSkillsCsv(source, file);
  const industryAt = column(csv, "industry");
  const occupationAt = column(csv, "occupation");
  const shareAt = column(csv, "share");
  const rows: IndustryOccupationFileRow[] = [];
  // For each industry: its first line, the sum of its shares, and the line of each occupation.
  const groups = new Map<string, { line: number; sum: number; lines: Map<string, number> }>();
  for await (const csvRow of csv.rows) {
    const row = rowReader(csv, csvRow);
    const industry = parseIndustry(row.text(industryAt));
    if (industry === undefined) row.problem(industryAt, industryExpected(row.text(industryAt)));
    const occupation = parseOccupation(row.text(occupationAt));
    if (occupation === undefined) row.problem(occupationAt, `expected ${occupationSpelling}`);
    const share = parseShare(row.text(shareAt));
    if (share === undefined) {
      row.problem(
        shareAt,
        "expected a share from 0 to 1, such as 0.25, or a percentage, such as 25%",
      );
    }
    let group = groups.get(industry!);
    if (group === undefined) {
      group = { line: row.line, sum: 0, lines: new Map() };
      groups.set(industry!, group);
    }
    const repeated = group.lines.get(occupation!);
    if (repeated !== undefined) {
      row.problem(
        occupationAt,
        `industry ${industry} already has this occupation, at line ${repeated}`,
      );
    }
    for (const [other, line] of group.lines) {
      if (other.startsWith(occupation!) || occupation!.startsWith(other)) {
        row.problem(
          occupationAt,
          `industry ${industry} already has occupation ${other} (line ${line}), which overlaps this one, so jobs would count twice; give major groups or their sub-major groups`,
        );
      }
    }
    group.lines.set(occupation!, row.line);
    group.sum += share!;
    rows.push({ industry: industry!, occupation: occupation!, share: share!, line: row.line });
  }
  requireRows(csv, rows.length, "a row per industry and occupation: industry,occupation,share");
  checkShareSums(
    csv,
    groups,
    (industry) => `industry ${industry}'s occupations`,
    shareSumTolerance,
    csv.header[shareAt]!,
  );
  return rows;
}
