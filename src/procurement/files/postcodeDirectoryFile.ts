import { InputError } from "../../core/errors.js";
import { columnIndex, type CsvRow } from "../../data/readCsv.js";
import type { DirectoryPostcode } from "../methods/outwardCodePlaces.js";
import { ukPostcode } from "./suppliersFile.js";

/** What a postcode directory's columns hold, by the names it gives them. */
type DirectoryColumn = "postcode" | "terminated" | "district" | "latitude" | "longitude";

/** Where the columns that are read are in a postcode directory's header, and their names there. */
export type PostcodeDirectoryColumns = Record<DirectoryColumn, { index: number; name: string }>;

/**
 * The latitude the ONS Postcode Directory and the NSPL give a postcode with no grid reference
 * (with a longitude of 0 and a grid reference quality of 9).
 */
export const noGridLatitude = 99.999999;

/**
 * Finds the columns of a postcode directory in its header, by name, case-insensitively. The ONS
 * Postcode Directory (ONSPD) and the National Statistics Postcode Lookup (NSPL) share `pcds` (the
 * postcode with one space), `doterm` (the month it was terminated, blank while live), `lat` and
 * `long`; the district is `oslaua` in the ONSPD and `laua` in the NSPL until 2025, and `ladYYcd`
 * (the year of the boundaries) in both since. Throws an {@link InputError} naming the first
 * column missing.
 */
export function postcodeDirectoryColumns(
  header: readonly string[],
  file: string,
): PostcodeDirectoryColumns {
  // The newest boundaries first, should a file carry districts of several years.
  const yearly = header
    .filter((name) => /^lad\d{2}cd$/i.test(name))
    .sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? 1 : -1));
  const candidates: Record<DirectoryColumn, readonly string[]> = {
    postcode: ["pcds"],
    terminated: ["doterm"],
    district: ["oslaua", "laua", ...yearly],
    latitude: ["lat"],
    longitude: ["long"],
  };
  const columns = {} as PostcodeDirectoryColumns;
  for (const [column, names] of Object.entries(candidates) as [DirectoryColumn, string[]][]) {
    const index = columnIndex(header, file, { candidates: names, required: false });
    if (index < 0) {
      const wanted = column === "district" ? '"oslaua", "laua" or "ladYYcd"' : `"${names[0]}"`;
      throw new InputError(
        `the header has no column ${wanted}; expected a postcode directory in the ONSPD or NSPL ` +
          "format, with the columns pcds, doterm, oslaua (NSPL: laua; since 2025: ladYYcd), lat " +
          "and long",
        { file, line: 1 },
      );
    }
    columns[column] = { index, name: header[index]! };
  }
  return columns;
}

/**
 * One row of a postcode directory as a {@link DirectoryPostcode}. A terminated postcode is read
 * no further than its postcode and date of termination; a live one with a latitude of
 * 99.999999 (or no latitude and longitude) has no grid reference. Throws an {@link InputError}
 * naming the file, line, column and value of a malformed postcode, date, district code or
 * coordinate.
 */
export function directoryPostcode(
  row: CsvRow,
  columns: PostcodeDirectoryColumns,
  file: string,
): DirectoryPostcode {
  const text = (column: DirectoryColumn): string =>
    (row.fields[columns[column].index] ?? "").trim();
  const problem = (column: DirectoryColumn, expected: string): never => {
    throw new InputError(expected, {
      file,
      line: row.line,
      field: columns[column].name,
      value: text(column),
    });
  };

  const postcode = ukPostcode(text("postcode"));
  if (postcode === null) problem("postcode", "expected a UK postcode, such as EX1 3PB");
  const outwardCode = postcode!.slice(0, postcode!.indexOf(" "));
  const terminatedText = text("terminated");
  if (terminatedText !== "" && !/^\d{6}$/.test(terminatedText)) {
    problem(
      "terminated",
      "expected the month the postcode was terminated, as YYYYMM, or nothing while it is live",
    );
  }
  const districtCode = text("district");
  if (terminatedText !== "") {
    return {
      outwardCode,
      districtCode,
      terminated: true,
      latitude: undefined,
      longitude: undefined,
    };
  }
  if (!/^[A-Z]\d{8}$/.test(districtCode)) {
    problem("district", "expected the GSS code of a local authority district, such as E07000041");
  }

  const latitudeText = text("latitude");
  const longitudeText = text("longitude");
  if (latitudeText === "" && longitudeText === "") {
    return {
      outwardCode,
      districtCode,
      terminated: false,
      latitude: undefined,
      longitude: undefined,
    };
  }
  const degrees = (column: "latitude" | "longitude", limit: number, expected: string): number => {
    const value = text(column);
    const parsed = /^[-+]?(\d+\.?\d*|\.\d+)$/.test(value) ? Number(value) : Number.NaN;
    if (!(Math.abs(parsed) <= limit)) problem(column, expected);
    return parsed;
  };
  if (latitudeText !== "" && Number(latitudeText) === noGridLatitude) {
    return {
      outwardCode,
      districtCode,
      terminated: false,
      latitude: undefined,
      longitude: undefined,
    };
  }
  const latitude = degrees(
    "latitude",
    90,
    `expected a latitude in degrees, -90 to 90, or ${noGridLatitude} for a postcode with no grid reference`,
  );
  const longitude = degrees("longitude", 180, "expected a longitude in degrees, -180 to 180");
  return { outwardCode, districtCode, terminated: false, latitude, longitude };
}
