import { createReadStream } from "node:fs";
import { basename } from "node:path";
import { InputError } from "../core/errors.js";
import { columnIndex, parseStatistic, readCsv } from "../data/readCsv.js";
import type { EmploymentCount } from "./employmentMatrix.js";

/** Which columns of an employment file hold what (default `place`, `industry`, `employment`). */
export interface EmploymentFileColumns {
  placeColumn?: string;
  industryColumn?: string;
  valueColumn?: string;
  /** Keep only the rows of this period (needs a `period`, `date` or `year` column). */
  period?: string;
}

/**
 * Reads an employment CSV (`place,industry,employment`, or other headers mapped) for the analysis
 * commands, without the store: codes are kept as written. Empty and suppressed counts are skipped;
 * anything else that is not a count of 0 or more stops with the line and column.
 */
export async function readEmploymentFile(
  path: string,
  columns: EmploymentFileColumns = {},
): Promise<{ counts: EmploymentCount[]; skipped: number }> {
  const file = basename(path);
  const reader = await readCsv(createReadStream(path), file).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new InputError("no such file", { file: path });
    }
    throw error;
  });
  const header = reader.header;
  const place = columnIndex(header, file, {
    requested: columns.placeColumn,
    candidates: ["place", "geography code", "area_code", "areacd", "code"],
    flag: "--place-col",
  });
  const industry = columnIndex(header, file, {
    requested: columns.industryColumn,
    candidates: ["industry", "sic", "sic_code", "industry_code"],
    flag: "--industry-col",
  });
  const value = columnIndex(header, file, {
    requested: columns.valueColumn,
    candidates: ["employment", "employees", "value", "count"],
    flag: "--value-col",
  });
  const period =
    columns.period === undefined
      ? -1
      : columnIndex(header, file, { candidates: ["period", "date", "year"] });
  const counts: EmploymentCount[] = [];
  let skipped = 0;
  for await (const { line, fields } of reader.rows) {
    if (period >= 0 && fields[period]!.trim() !== columns.period) continue;
    const parsed = parseStatistic(fields[value]!);
    if (parsed === undefined || (parsed.kind === "number" && parsed.value < 0)) {
      throw new InputError("expected a number of employees (0 or more)", {
        file,
        line,
        field: header[value],
        value: fields[value],
      });
    }
    if (parsed.kind !== "number") {
      skipped++;
      continue;
    }
    const placeCode = fields[place]!.trim();
    const industryCode = fields[industry]!.trim();
    if (placeCode === "" || industryCode === "") {
      throw new InputError("expected a place and an industry, found an empty field", {
        file,
        line,
      });
    }
    counts.push({ placeCode, industryCode, employees: parsed.value });
  }
  if (counts.length === 0) throw new InputError("the file has no employment counts", { file });
  return { counts, skipped };
}
