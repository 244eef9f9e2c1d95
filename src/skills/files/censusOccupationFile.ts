import type { Readable } from "node:stream";
import { InputError } from "../../core/errors.js";
import { soc2020MajorGroups } from "../soc2020.js";
import { openSkillsCsv, parsePeople, rowReader } from "./skillsCsv.js";
import { columnIndex } from "../../data/readCsv.js";

/** One place's residents in employment by SOC 2020 major group. */
export interface CensusOccupationPlace {
  /** The place's GSS code. */
  placeCode: string;
  /** The place's name, when the file has one. */
  placeName: string | undefined;
  /** People in employment by major group code ("1" to "9"), every group present. */
  counts: Map<string, number>;
  /** Their total. */
  total: number;
}

// The major groups by name, lower case, and the Census 2021 label that differs from SOC 2020's.
const codeByName = new Map<string, string>([
  ...soc2020MajorGroups.map(([code, name]) => [name.toLowerCase(), code] as [string, string]),
  ["associate professional and technical occupations", "3"],
]);

/**
 * Reads a Census 2021 occupation table (TS063, "Occupation of usual residents aged 16 and over in
 * employment") in long form, one row per place and SOC 2020 major group: the form of Trafford
 * Data Lab's extracts (`area_code,area_name,…,occupation,…,value`) and of nomis downloads
 * (`geography code`, an occupation label such as "1. Managers, directors and senior officials",
 * `value` or `count`). Labels are matched to the nine major groups case-insensitively, with or
 * without their number. The counts are of residents, not of the jobs in the place.
 *
 * @param source the path, or a stream or text with `file` naming it in errors.
 * @returns each place in the order first met, with every major group.
 * @throws InputError naming the file and line of an unknown label, a count that is not a number
 *   of people, a repeated place and group, or a place missing a group.
 */
export async function readCensusOccupationFile(
  source: string | Readable,
  file?: string,
): Promise<CensusOccupationPlace[]> {
  const csv = await openSkillsCsv(source, file);
  const placeAt = columnIndex(csv.header, csv.file, {
    candidates: ["area_code", "geography code", "place", "code"],
  });
  const nameAt = columnIndex(csv.header, csv.file, {
    candidates: ["area_name", "geography", "name"],
    required: false,
  });
  const occupationAt = columnIndex(csv.header, csv.file, {
    candidates: ["occupation", "occupation (current)"],
  });
  const valueAt = columnIndex(csv.header, csv.file, {
    candidates: ["value", "count", "observation"],
  });
  const places = new Map<string, CensusOccupationPlace>();
  for await (const csvRow of csv.rows) {
    const row = rowReader(csv, csvRow);
    const placeCode = row.text(placeAt);
    if (placeCode === "") row.problem(placeAt, "expected the place's code");
    const label = row
      .text(occupationAt)
      .replace(/^\d\s*[.:]?\s*/, "")
      .toLowerCase();
    const code = codeByName.get(label);
    if (code === undefined) {
      row.problem(
        occupationAt,
        "expected a SOC 2020 major group's name, such as Professional occupations",
      );
    }
    const count = parsePeople(row.text(valueAt));
    if (count === undefined) row.problem(valueAt, "expected a number of people, 0 or more");
    let place = places.get(placeCode);
    if (place === undefined) {
      place = {
        placeCode,
        placeName: nameAt < 0 ? undefined : row.text(nameAt),
        counts: new Map(),
        total: 0,
      };
      places.set(placeCode, place);
    }
    if (place.counts.has(code!)) {
      row.problem(occupationAt, `place ${placeCode} already has major group ${code}`);
    }
    place.counts.set(code!, count!);
    place.total += count!;
  }
  if (places.size === 0) {
    throw new InputError("the file has no rows; expected a row per place and major group", {
      file: csv.file,
    });
  }
  for (const place of places.values()) {
    const missing = soc2020MajorGroups.filter(([code]) => !place.counts.has(code));
    if (missing.length > 0) {
      throw new InputError(
        `place ${place.placeCode} has no count for major group ${missing.map(([code]) => code).join(", ")}`,
        { file: csv.file },
      );
    }
  }
  return [...places.values()];
}
