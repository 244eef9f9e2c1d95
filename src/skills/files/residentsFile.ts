import type { Readable } from "node:stream";
import { InputError } from "../../core/errors.js";
import { ageBandLabel, type QualificationLevel, type ResidentsByAge } from "../methods/index.js";
import { levelExpected } from "./completionsFile.js";
import {
  column,
  openSkillsCsv,
  parseLevel,
  parsePeople,
  requireRows,
  rowReader,
} from "./skillsCsv.js";

/** A row of a residents file, with the line it came from. */
export interface ResidentsFileRow extends ResidentsByAge {
  /** The 1-based line of the file (the header is line 1). */
  line: number;
}

/** What {@link parseAgeBand} reads, for messages. */
export const ageBandSpellings =
  'an age band of whole years from 16, such as 16-24, 25-34 or 65+ ("16 to 24", "aged 16 to 24 years" and "65 and over" are read too)';

/** The oldest age a band may name. */
const oldestAge = 120;

/**
 * An age band as written: "16-24" (an en dash or "to" for the hyphen, "aged" before it and
 * "years" after it allowed, as in the Census tables) or an open band, "65+", "65 and over".
 * Undefined for anything else; the ages are not checked.
 */
export function parseAgeBand(text: string): { ageFrom: number; ageTo?: number } | undefined {
  const plain = text
    .trim()
    .toLowerCase()
    .replaceAll(/[\u2013\u2014]/g, "-")
    .replace(/^aged\s+/, "")
    .replaceAll(/\s+years?(\s+old)?/g, "")
    .replaceAll(/\s+/g, " ");
  const closed = /^(\d{1,3}) ?(?:-|to) ?(\d{1,3})$/.exec(plain);
  if (closed !== null) return { ageFrom: Number(closed[1]), ageTo: Number(closed[2]) };
  const open = /^(\d{1,3}) ?(?:\+|and over|or over|and above|and older|or older)$/.exec(plain);
  if (open !== null) return { ageFrom: Number(open[1]) };
  return undefined;
}

/**
 * Reads a residents CSV, `level,age_band,residents`: the residents of the place by their highest
 * qualification level and age band (the Census 2021 table of age by highest level of
 * qualification, say). The skills gap uses the residents of the entry ages (16 to 24 unless
 * told) to estimate the new entrants at a level that has no completions.
 *
 * - `level` is an RQF band: entry, 1-2, 3, 4-5 or 6+.
 * - `age_band` is a band of whole years from 16: "16-24", "25-34", …, "65+". A level's bands
 *   must not overlap; they need not cover every age.
 * - `residents` is a number of people, 0 or more.
 *
 * @param source the path, or a stream or text with `file` naming it in errors.
 * @throws InputError naming the file, line and column: an unknown level, an age band that is not
 *   one or that overlaps another of its level, a negative number, or no rows.
 */
export async function readResidentsFile(
  source: string | Readable,
  file?: string,
): Promise<ResidentsFileRow[]> {
  const csv = await openSkillsCsv(source, file);
  const levelAt = column(csv, "level");
  const bandAt = column(csv, "age_band");
  const residentsAt = column(csv, "residents");
  const rows: ResidentsFileRow[] = [];
  const bandsOf = new Map<QualificationLevel, ResidentsFileRow[]>();
  for await (const csvRow of csv.rows) {
    const row = rowReader(csv, csvRow);
    const level = parseLevel(row.text(levelAt));
    if (level === undefined) row.problem(levelAt, levelExpected(row.text(levelAt)));
    const band = parseAgeBand(row.text(bandAt));
    if (band === undefined) row.problem(bandAt, `expected ${ageBandSpellings}`);
    const { ageFrom, ageTo } = band!;
    if (ageFrom < 16) {
      row.problem(
        bandAt,
        "expected a band from age 16 or over: qualifications are counted from 16",
      );
    }
    if (ageTo !== undefined && (ageTo < ageFrom || ageTo > oldestAge)) {
      row.problem(
        bandAt,
        `expected the oldest age of the band at or above the youngest, and at most ${oldestAge}`,
      );
    }
    let bands = bandsOf.get(level!);
    if (bands === undefined) {
      bands = [];
      bandsOf.set(level!, bands);
    }
    const overlapping = bands.find(
      (other) => ageFrom <= (other.ageTo ?? Infinity) && other.ageFrom <= (ageTo ?? Infinity),
    );
    if (overlapping !== undefined) {
      row.problem(
        bandAt,
        `this band overlaps ${ageBandLabel(overlapping)} at the same level, at line ${overlapping.line}; give each age once`,
      );
    }
    const residents = parsePeople(row.text(residentsAt));
    if (residents === undefined) {
      row.problem(residentsAt, "expected a number of people, 0 or more, such as 4500");
    }
    const parsed: ResidentsFileRow = {
      level: level!,
      ageFrom,
      ...(ageTo === undefined ? {} : { ageTo }),
      residents: residents!,
      line: row.line,
    };
    bands.push(parsed);
    rows.push(parsed);
  }
  requireRows(csv, rows.length, "a row per level and age band: level,age_band,residents");
  return rows;
}

/**
 * Runs a supply projection, naming the residents file in an error about its age bands: whether
 * they cover the entry ages is known only once the entry ages are, after the file is read.
 *
 * @param file the residents file's path, as the user gave it; undefined without one.
 * @param project the projection, run at once.
 */
export function withResidentsFile<Result>(file: string | undefined, project: () => Result): Result {
  try {
    return project();
  } catch (error) {
    if (error instanceof InputError && error.location.field === "ageBand" && file !== undefined) {
      throw new InputError(error.reason, { ...error.location, file, field: "age_band" });
    }
    throw error;
  }
}
