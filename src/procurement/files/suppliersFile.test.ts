import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { InputError } from "../../core/errors.js";
import {
  readSuppliersCsv,
  readSuppliersFile,
  supplierSizeFrom,
  ukPostcode,
} from "./suppliersFile.js";

const folder = mkdtempSync(join(tmpdir(), "placefirst-suppliers-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let fileCount = 0;
function file(content: string): string {
  fileCount += 1;
  const path = join(folder, `suppliers-${fileCount}.csv`);
  writeFileSync(path, content);
  return path;
}

const header =
  "id,name,place,postcode,latitude,longitude,size,employees,turnover,cpv,capacity,accreditations";

/** The InputError that reading one data row throws. */
async function rowError(row: string, head = header): Promise<InputError> {
  try {
    await readSuppliersCsv(`${head}\n${row}\n`, "suppliers.csv");
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error(`reading the row did not throw: ${row}`);
}

describe("readSuppliersFile", () => {
  test("readSuppliersFile(register) reads every column, in pence and normalised codes", async () => {
    // A fictional register of three Exeter-area suppliers.
    const suppliers = await readSuppliersFile(
      file(
        `${header}\n` +
          `GB-COH-01234567,Exe Valley Care,E07000041,ex1  3pb,50.7236,-3.5275,,40,"£1,250,000.50",85000000-0,"1,500,000",ISO 9001; Cyber Essentials\n` +
          `S2,Teign Community Services,E07000045,TQ121AA,,,Small,,,85300000;98000000 85300000,500000,\n` +
          `S3,Moor Digital,E07000041,,,,,,"£8,000,000",72000000 - 8,,\n`,
      ),
    );
    expect(suppliers).toEqual([
      {
        supplierId: "GB-COH-01234567",
        name: "Exe Valley Care",
        placeCode: "E07000041",
        postcode: "EX1 3PB",
        latitude: 50.7236,
        longitude: -3.5275,
        size: "small",
        employees: 40,
        turnoverPence: 125_000_050,
        cpvCodes: ["85000000"],
        capacityPence: 150_000_000,
        accreditations: ["ISO 9001", "Cyber Essentials"],
      },
      {
        supplierId: "S2",
        name: "Teign Community Services",
        placeCode: "E07000045",
        postcode: "TQ12 1AA",
        size: "small",
        cpvCodes: ["85300000", "98000000"],
        capacityPence: 50_000_000,
        accreditations: [],
      },
      {
        supplierId: "S3",
        name: "Moor Digital",
        placeCode: "E07000041",
        size: "small",
        turnoverPence: 800_000_000,
        cpvCodes: ["72000000"],
        accreditations: [],
      },
    ]);
  });

  test("readSuppliersFile(register with only the required columns, in another order) reads it", async () => {
    const suppliers = await readSuppliersFile(
      file("CPV,Name,ID,Place,Size\n45000000,Builder,B1,E1,micro\n"),
    );
    expect(suppliers).toEqual([
      {
        supplierId: "B1",
        name: "Builder",
        placeCode: "E1",
        size: "micro",
        cpvCodes: ["45000000"],
        accreditations: [],
      },
    ]);
  });

  test("readSuppliersFile(register with unknown columns) warns once, naming them", async () => {
    const warnings: string[] = [];
    await readSuppliersFile(
      file("id,name,place,cpv,size,employess,notes\nB1,Builder,E1,45000000,micro,4,x\n"),
      { onWarning: (message) => warnings.push(message) },
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/"employess", "notes" are not read/);
  });

  test("readSuppliersFile(coordinates outside the UK) warns once, counting the rows", async () => {
    const warnings: string[] = [];
    await readSuppliersFile(
      file(
        `${header}\nA,A,E1,,-3.5,50.7,micro,,,45000000,,\nB,B,E1,,-3.6,50.8,micro,,,45000000,,\nC,C,E1,,50.7,-3.5,micro,,,45000000,,\n`,
      ),
      { onWarning: (message) => warnings.push(message) },
    );
    expect(warnings).toEqual([expect.stringMatching(/2 of 3 suppliers lie outside the UK/)]);
  });

  test("readSuppliersFile(missing file) throws an InputError naming it", async () => {
    const missing = join(folder, "nope.csv");
    await expect(readSuppliersFile(missing)).rejects.toThrow(InputError);
    await expect(readSuppliersFile(missing)).rejects.toThrow(/nope\.csv: there is no such file/);
  });

  test("readSuppliersFile(header only) throws an InputError: no suppliers", async () => {
    await expect(readSuppliersFile(file(`${header}\n`))).rejects.toThrow(/has no suppliers/);
  });

  test("readSuppliersFile(register without a required column) names the column", async () => {
    await expect(readSuppliersFile(file("id,name,place\nA,A,E1\n"))).rejects.toThrow(
      /line 1: the header has no column "cpv" or "cpv_codes"/,
    );
  });

  test("readSuppliersCsv(an invalid CPV code) names the line, column and code", async () => {
    const error = await rowError("A,A,E1,,,,micro,,,45000000;46000000,,");
    expect(error.location).toEqual({
      file: "suppliers.csv",
      line: 2,
      field: "cpv",
      value: "46000000",
    });
    expect(error.message).toBe(
      'suppliers.csv, line 2, column "cpv": not a CPV code: 46 is not a CPV 2008 division (found "46000000")',
    );
    expect((await rowError("A,A,E1,,,,micro,,,4521,,")).location.value).toBe("4521");
    expect((await rowError("A,A,E1,,,,micro,,, ; ,,")).message).toMatch(
      /expected at least one CPV code/,
    );
  });

  test("readSuppliersCsv(a repeated id) names the earlier line", async () => {
    const error = await rowError("A,A,E1,,,,micro,,,45000000,,\nA,B,E1,,,,micro,,,45000000,,");
    expect(error.location).toMatchObject({ line: 3, field: "id", value: "A" });
    expect(error.message).toMatch(/the id was used before, on line 2/);
  });

  test("readSuppliersCsv(a row with a required value blank) names it", async () => {
    expect((await rowError(",A,E1,,,,micro,,,45000000,,")).location.field).toBe("id");
    expect((await rowError("A,,E1,,,,micro,,,45000000,,")).location.field).toBe("name");
    expect((await rowError("A,A,,,,,micro,,,45000000,,")).location.field).toBe("place");
  });

  test("readSuppliersCsv(no size, employees or turnover) asks for a size or employees", async () => {
    const error = await rowError("A,A,E1,,,,,,,45000000,,");
    expect(error.location).toMatchObject({ line: 2, field: "size" });
    expect(error.message).toMatch(
      /expected a size \(micro, small, medium, large\) or a number of employees/,
    );
  });

  test("readSuppliersCsv(an unknown size) lists the sizes", async () => {
    const error = await rowError("A,A,E1,,,,sme,,,45000000,,");
    expect(error.location).toMatchObject({ field: "size", value: "sme" });
    expect(error.message).toMatch(/expected one of micro, small, medium, large/);
  });

  test("readSuppliersCsv(bad amounts) names the column: negative, three decimals, words", async () => {
    for (const [row, field] of [
      ["A,A,E1,,,,micro,,-5,45000000,,", "turnover"],
      ["A,A,E1,,,,micro,,1.005,45000000,,", "turnover"],
      ["A,A,E1,,,,micro,,,45000000,lots,", "capacity"],
    ] as const) {
      const error = await rowError(row);
      expect(error.location.field, row).toBe(field);
      expect(error.message).toMatch(/in pounds, 0 or more with at most two decimals/);
    }
  });

  test("readSuppliersCsv(bad employees) wants a whole number 0 or more", async () => {
    for (const employees of ["-1", "2.5", "ten"]) {
      const error = await rowError(`A,A,E1,,,,,${employees},,45000000,,`);
      expect(error.location).toMatchObject({ field: "employees", value: employees });
    }
  });

  test("readSuppliersCsv(coordinates out of range or alone) names the column", async () => {
    expect((await rowError("A,A,E1,,91,0,micro,,,45000000,,")).location).toMatchObject({
      field: "latitude",
      value: "91",
    });
    expect((await rowError("A,A,E1,,50,-181,micro,,,45000000,,")).location).toMatchObject({
      field: "longitude",
      value: "-181",
    });
    const alone = await rowError("A,A,E1,,50.7,,micro,,,45000000,,");
    expect(alone.location.field).toBe("longitude");
    expect(alone.message).toMatch(/a latitude and a longitude together, or neither/);
  });

  test("readSuppliersCsv(a postcode not shaped like a UK one) names it", async () => {
    const error = await rowError("A,A,E1,75001,,,micro,,,45000000,,");
    expect(error.location).toMatchObject({ field: "postcode", value: "75001" });
  });
});

describe("supplierSizeFrom", () => {
  test("supplierSizeFrom(employees) uses the headcount ceilings 10, 50 and 250, exclusive", () => {
    expect(
      [0, 9, 10, 49, 50, 249, 250].map((employees) => supplierSizeFrom(employees, undefined)),
    ).toEqual(["micro", "micro", "small", "small", "medium", "medium", "large"]);
  });

  test("supplierSizeFrom(turnover) uses £2m, £10m and £50m, inclusive", () => {
    const million = 100_000_000;
    expect(
      [2 * million, 2 * million + 1, 10 * million, 50 * million, 50 * million + 1].map((turnover) =>
        supplierSizeFrom(undefined, turnover),
      ),
    ).toEqual(["micro", "small", "small", "medium", "large"]);
  });

  test("supplierSizeFrom(employees and turnover) takes the headcount; neither gives undefined", () => {
    expect(supplierSizeFrom(300, 100)).toBe("large");
    expect(supplierSizeFrom(undefined, undefined)).toBeUndefined();
  });
});

describe("ukPostcode", () => {
  test("ukPostcode(text) upper-cases and puts one space before the inward code", () => {
    expect(ukPostcode(" sw1a1aa ")).toBe("SW1A 1AA");
    expect(ukPostcode("M1  1AE")).toBe("M1 1AE");
    expect(ukPostcode("gir 0aa")).toBe("GIR 0AA");
  });

  test("ukPostcode(not a postcode) is null", () => {
    expect(ukPostcode("75001")).toBeNull();
    expect(ukPostcode("EX1")).toBeNull();
  });
});
