import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import { InputError } from "../../core/errors.js";
import { columnIndex } from "../../data/readCsv.js";
import { parseCpv } from "../methods/cpv.js";
import { supplierSizes, type SupplierRecord, type SupplierSize } from "../supplierRecord.js";
import { openCsv } from "./openCsv.js";
import { parsePounds } from "../../core/parsePounds.js";

/** Options of {@link readSuppliersFile} and {@link readSuppliersCsv}. */
export interface ReadSuppliersOptions {
  /**
   * Called once per kind of data that is legal but suspicious (columns that are not read,
   * coordinates outside the UK), with how many rows it concerns and how to fix it. Default:
   * warnings are dropped.
   */
  onWarning?: (message: string) => void;
}

/**
 * The columns of a supplier register, each with the header names accepted for it (matched
 * case-insensitively; the first is the one documented).
 */
export const supplierColumns = {
  id: ["id", "supplier_id"],
  name: ["name"],
  place: ["place", "place_code"],
  postcode: ["postcode"],
  latitude: ["latitude", "lat"],
  longitude: ["longitude", "lon", "lng"],
  size: ["size"],
  employees: ["employees"],
  turnover: ["turnover"],
  cpv: ["cpv", "cpv_codes"],
  capacity: ["capacity"],
  accreditations: ["accreditations"],
} as const;

type SupplierColumn = keyof typeof supplierColumns;

const requiredColumns: readonly SupplierColumn[] = ["id", "name", "place", "cpv"];

/**
 * The headcount ceilings of the sizes, exclusive: fewer than 10 employees is micro, fewer than 50
 * small, fewer than 250 medium (Commission Recommendation 2003/361/EC, Annex, Article 2, which the
 * UK government adopted as its SME definition).
 */
const employeeCeilings: readonly [SupplierSize, number][] = [
  ["micro", 10],
  ["small", 50],
  ["medium", 250],
];

/**
 * The turnover ceilings of the sizes, inclusive, in pence: at most £2m micro, £10m small, £50m
 * medium. These are the euro ceilings of Commission Recommendation 2003/361/EC (Annex, Article 2)
 * read in pounds, as the UK government's SME definition for procurement has read them. The
 * Procurement Act 2023 (s.123) defines an SME for its own purposes as fewer than 250 staff and a
 * turnover of at most £44m or a balance sheet of at most £38m; the Recommendation's figures are
 * kept here because they also separate micro and small businesses.
 */
const turnoverCeilingsPence: readonly [SupplierSize, number][] = [
  ["micro", 200_000_000],
  ["small", 1_000_000_000],
  ["medium", 5_000_000_000],
];

/**
 * The size of a business from its headcount or, when that is not known, its annual turnover, by
 * the UK/EU SME definition (Commission Recommendation 2003/361/EC, Annex, Article 2): fewer than
 * 10 employees micro, fewer than 50 small, fewer than 250 medium, else large; or a turnover of at
 * most £2m micro, £10m small, £50m medium, else large.
 *
 * The definition asks for both the headcount and a financial ceiling (turnover or balance
 * sheet); a register rarely holds all three, so one is taken, the headcount first as the more
 * stable. A business with many staff and a small turnover is thus sized by its staff.
 *
 * @param employees the headcount, when known.
 * @param turnoverPence the annual turnover in pence, when known.
 * @returns the size, or undefined when neither is known.
 */
export function supplierSizeFrom(
  employees: number | undefined,
  turnoverPence: number | undefined,
): SupplierSize | undefined {
  if (employees !== undefined) {
    return employeeCeilings.find(([, ceiling]) => employees < ceiling)?.[0] ?? "large";
  }
  if (turnoverPence !== undefined) {
    return turnoverCeilingsPence.find(([, ceiling]) => turnoverPence <= ceiling)?.[0] ?? "large";
  }
  return undefined;
}

/**
 * Reads a supplier register CSV with the columns
 * `id,name,place,postcode,latitude,longitude,size,employees,turnover,cpv,capacity,accreditations`.
 * `id`, `name`, `place` (a place code, such as a GSS code) and `cpv` are required; the rest may
 * be left out or blank.
 *
 * - `cpv`: one or more CPV 2008 codes separated by spaces or semicolons, each normalised to its
 *   eight digits ("45210000-2" gives "45210000"); repeats are dropped.
 * - `turnover` (annual) and `capacity` (the largest contract the supplier can deliver alone):
 *   pounds ("£1,250,000" or "1250000.50"), kept in whole pence.
 * - `size`: micro, small, medium or large; when blank it is derived from `employees` or else
 *   `turnover` by {@link supplierSizeFrom}.
 * - `postcode`: upper-cased, with one space before the inward code ("ex13pb" gives "EX1 3PB").
 * - `latitude` and `longitude`: WGS84 degrees, both or neither.
 * - `accreditations`: separated by semicolons.
 *
 * Other columns are not read (a warning names them).
 *
 * @throws InputError naming the file, line, column and value of the first problem: a missing
 *   required column or value, an id used before (with the line where), a code that is not a CPV
 *   2008 code, an amount, count or coordinate out of range, an unknown size, a row whose size
 *   cannot be told (no size, employees or turnover), or a file with no suppliers.
 */
export async function readSuppliersFile(
  path: string,
  options: ReadSuppliersOptions = {},
): Promise<SupplierRecord[]> {
  return readSuppliersCsv(createReadStream(path), path, options);
}

/**
 * Reads a supplier register from a stream or a text, as {@link readSuppliersFile} reads a file.
 * `file` names the source in errors, for example "(upload)".
 */
export async function readSuppliersCsv(
  source: Readable | string,
  file: string,
  options: ReadSuppliersOptions = {},
): Promise<SupplierRecord[]> {
  const reader = await openCsv(source, file);
  const { header } = reader;
  const at = {} as Record<SupplierColumn, number>;
  for (const column of Object.keys(supplierColumns) as SupplierColumn[]) {
    at[column] = columnIndex(header, file, {
      candidates: supplierColumns[column],
      required: requiredColumns.includes(column),
    });
  }
  const read = new Set(Object.values(at));
  const unread = header.filter((name, index) => name !== "" && !read.has(index));
  if (unread.length > 0) {
    options.onWarning?.(
      `${file}: the column${unread.length === 1 ? "" : "s"} ${unread.map((name) => `"${name}"`).join(", ")} ` +
        `${unread.length === 1 ? "is" : "are"} not read; a supplier register has the columns ` +
        `${Object.values(supplierColumns)
          .map((names) => names[0])
          .join(",")}`,
    );
  }

  const suppliers: SupplierRecord[] = [];
  const seen = new Map<string, number>();
  let outsideUk = 0;
  for await (const row of reader.rows) {
    const text = (column: SupplierColumn): string =>
      at[column] < 0 ? "" : (row.fields[at[column]] ?? "").trim();
    const problem = (column: SupplierColumn, value: string, expected: string): never => {
      throw new InputError(expected, {
        file,
        line: row.line,
        field: header[at[column]] ?? column,
        value,
      });
    };
    const requiredText = (column: SupplierColumn, expected: string): string => {
      const value = text(column);
      if (value === "") problem(column, value, expected);
      return value;
    };
    const number = (column: SupplierColumn, min: number, max: number, what: string) => {
      const value = text(column);
      if (value === "") return undefined;
      const parsed = /^[-+]?(\d+\.?\d*|\.\d+)$/.test(value) ? Number(value) : Number.NaN;
      if (!(parsed >= min && parsed <= max)) problem(column, value, what);
      return parsed;
    };
    const pounds = (column: SupplierColumn, what: string): number | undefined => {
      const value = text(column);
      if (value === "") return undefined;
      const pence = parsePounds(value);
      if (pence === undefined) {
        problem(
          column,
          value,
          `expected ${what} in pounds, 0 or more with at most two decimals, such as 250000 or £1,250,000.50`,
        );
      }
      return pence;
    };

    const supplierId = requiredText("id", "expected the supplier's id");
    const earlier = seen.get(supplierId);
    if (earlier !== undefined) {
      problem("id", supplierId, `the id was used before, on line ${earlier}`);
    }
    seen.set(supplierId, row.line);
    const name = requiredText("name", "expected the supplier's name");
    const placeCode = requiredText("place", "expected the code of the supplier's place");

    const cpvText = requiredText("cpv", "expected at least one CPV code, such as 45210000-2");
    const cpvCodes: string[] = [];
    // A hyphen with spaces around it belongs to the code before it ("45210000 - 2").
    for (const code of cpvText.replace(/\s*-\s*/g, "-").split(/[\s;]+/)) {
      if (code === "") continue;
      let normalised: string;
      try {
        normalised = parseCpv(code).code;
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        // The parser's message with its own "(found …)" taken off; the location shows the code.
        return problem("cpv", code, error.message.replace(/ \(found .*\)$/, ""));
      }
      if (!cpvCodes.includes(normalised)) cpvCodes.push(normalised);
    }
    if (cpvCodes.length === 0) {
      problem("cpv", cpvText, "expected at least one CPV code, such as 45210000-2");
    }

    const postcodeText = text("postcode");
    const postcode =
      postcodeText === ""
        ? undefined
        : (ukPostcode(postcodeText) ??
          problem("postcode", postcodeText, "expected a UK postcode, such as EX1 3PB"));

    const latitude = number("latitude", -90, 90, "expected a latitude in degrees, -90 to 90");
    const longitude = number(
      "longitude",
      -180,
      180,
      "expected a longitude in degrees, -180 to 180",
    );
    if ((latitude === undefined) !== (longitude === undefined)) {
      const missing = latitude === undefined ? "latitude" : "longitude";
      problem(missing, "", "expected a latitude and a longitude together, or neither");
    }
    if (latitude !== undefined && longitude !== undefined && !inUk(latitude, longitude)) {
      outsideUk += 1;
    }

    const employeesValue = number(
      "employees",
      0,
      Number.MAX_SAFE_INTEGER,
      "expected a number of employees, a whole number 0 or more",
    );
    if (employeesValue !== undefined && !Number.isInteger(employeesValue)) {
      problem("employees", text("employees"), "expected a whole number of employees, 0 or more");
    }
    const turnoverPence = pounds("turnover", "an annual turnover");
    const capacityPence = pounds("capacity", "the largest contract it can deliver alone");

    const sizeText = text("size").toLowerCase();
    let size: SupplierSize | undefined;
    if (sizeText !== "") {
      if (!(supplierSizes as readonly string[]).includes(sizeText)) {
        problem("size", text("size"), `expected one of ${supplierSizes.join(", ")}`);
      }
      size = sizeText as SupplierSize;
    } else {
      size = supplierSizeFrom(employeesValue, turnoverPence);
      if (size === undefined) {
        problem(
          "size",
          "",
          `expected a size (${supplierSizes.join(", ")}) or a number of employees (or a turnover)`,
        );
      }
    }

    const accreditations = text("accreditations")
      .split(";")
      .map((accreditation) => accreditation.trim())
      .filter((accreditation) => accreditation !== "");

    suppliers.push({
      supplierId,
      name,
      placeCode,
      ...(postcode === undefined ? {} : { postcode }),
      ...(latitude === undefined || longitude === undefined ? {} : { latitude, longitude }),
      size: size!,
      ...(employeesValue === undefined ? {} : { employees: employeesValue }),
      ...(turnoverPence === undefined ? {} : { turnoverPence }),
      cpvCodes,
      ...(capacityPence === undefined ? {} : { capacityPence }),
      accreditations,
    });
  }
  if (suppliers.length === 0) {
    throw new InputError("the file has no suppliers; expected a row per supplier", { file });
  }
  if (outsideUk > 0) {
    options.onWarning?.(
      `${file}: ${outsideUk} of ${suppliers.length} suppliers lie outside the UK by their ` +
        "latitude and longitude; check that the two columns are not swapped",
    );
  }
  return suppliers;
}

/**
 * A UK postcode upper-cased with one space before the inward code (its last three characters),
 * or null when the text is not shaped like one. The shape is that of the Royal Mail's Postcode
 * Address File: an outward code of one or two letters, a digit and an optional letter or digit,
 * then a digit and two letters; and the special GIR 0AA.
 */
export function ukPostcode(text: string): string | null {
  const compact = text.replace(/\s+/g, "").toUpperCase();
  if (!/^([A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}|GIR0AA)$/.test(compact)) return null;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

/** Whether a point lies in a box around the UK and its islands, for the swapped-columns warning. */
function inUk(latitude: number, longitude: number): boolean {
  return latitude >= 49 && latitude <= 61 && longitude >= -9 && longitude <= 2;
}
