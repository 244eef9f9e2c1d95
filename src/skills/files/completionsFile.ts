import type { Readable } from "node:stream";
import { parseStatistic } from "../../data/readCsv.js";
import type { LevelCompletions } from "../methods/index.js";
import {
  column,
  levelSpellings,
  openSkillsCsv,
  parseLevel,
  parsePeople,
  requireRows,
  rowReader,
} from "./skillsCsv.js";

/** A row of a completions file, with the line it came from. */
export interface CompletionsFileRow extends LevelCompletions {
  /** The 1-based line of the file (the header is line 1). */
  line: number;
}

/**
 * Reads a completions CSV, `level,subject,completions`: the people local providers qualify each
 * year at each level in each subject (achievements in the Department for Education's further
 * education and skills statistics; qualifiers in HESA's and DfE's higher education statistics).
 *
 * - `level` is an RQF band: entry, 1-2, 3, 4-5 or 6+ ("level 3", "RQF3" are read too). Levels
 *   may be left out: the residents file, or nothing, then gives their supply.
 * - `subject` is a label kept as written (spaces tidied): free text or a sector subject area
 *   code, such as "4" or "Engineering and Manufacturing Technologies"; "all" for a level's total.
 * - `completions` is a number of people a year, 0 or more ("1,200" is read).
 *
 * @param source the path, or a stream or text with `file` naming it in errors.
 * @throws InputError naming the file, line and column: an unknown level, a blank subject, a
 *   negative or suppressed number, a level and subject given twice (in any case), or no rows.
 */
export async function readCompletionsFile(
  source: string | Readable,
  file?: string,
): Promise<CompletionsFileRow[]> {
  const csv = await openSkillsCsv(source, file);
  const levelAt = column(csv, "level");
  const subjectAt = column(csv, "subject");
  const completionsAt = column(csv, "completions");
  const rows: CompletionsFileRow[] = [];
  const lineOf = new Map<string, number>();
  for await (const csvRow of csv.rows) {
    const row = rowReader(csv, csvRow);
    const level = parseLevel(row.text(levelAt));
    if (level === undefined) row.problem(levelAt, levelExpected(row.text(levelAt)));
    const subject = row.text(subjectAt).replaceAll(/\s+/g, " ");
    if (subject === "") {
      row.problem(
        subjectAt,
        'expected a subject, such as "Engineering" or a sector subject area code, or "all" for the level\'s total',
      );
    }
    const key = `${level}\u0000${subject.toLowerCase()}`;
    const repeated = lineOf.get(key);
    if (repeated !== undefined) {
      row.problem(
        subjectAt,
        `this level and subject already have completions, at line ${repeated}`,
      );
    }
    lineOf.set(key, row.line);
    const text = row.text(completionsAt);
    const completions = parsePeople(text);
    if (completions === undefined) {
      row.problem(
        completionsAt,
        isSuppressed(text)
          ? 'expected a number of people a year; a suppressed or missing figure cannot be added up: give an estimate (DfE\'s "low" is fewer than 5), or 0'
          : "expected a number of people a year, 0 or more, such as 120",
      );
    }
    rows.push({ level: level!, subject, completions: completions!, line: row.line });
  }
  requireRows(csv, rows.length, "a row per level and subject: level,subject,completions");
  return rows;
}

/**
 * Whether a field is a publisher's mark for a suppressed or missing figure ("c", "x", "..",
 * DfE's "low", or blank), which a count of completions cannot be read from.
 */
function isSuppressed(text: string): boolean {
  const parsed = parseStatistic(text);
  return (
    parsed?.kind === "suppressed" || parsed?.kind === "missing" || text.toLowerCase() === "low"
  );
}

/**
 * What a level field should hold, with a hint for a single level inside a band ("Level 2", as
 * the Department for Education publishes): counts of people add up, so its band takes it.
 */
export function levelExpected(text: string): string {
  const single = /^(?:rqf\s*)?(?:level\s*)?([1245])$/i.exec(text.trim());
  const band = single === null ? undefined : Number(single[1]) <= 2 ? "1-2" : "4-5";
  const hint =
    band === undefined
      ? ""
      : `; level ${single![1]} belongs to the band ${band}: add up the rows of the band's levels`;
  return `expected a qualification level: ${levelSpellings}${hint}`;
}
