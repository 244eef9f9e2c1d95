import { describe, expect, test } from "vitest";
import type { InputError } from "../../core/errors.js";
import { directoryPostcode, postcodeDirectoryColumns } from "./postcodeDirectoryFile.js";

// The first columns of each format as published, up to those read, then lat and long.
const onspdHeader = "pcd,pcd2,pcds,dointr,doterm,oscty,ced,oslaua,osward,lat,long".split(",");
const nsplHeader = "pcd,pcd2,pcds,dointr,doterm,usertype,oseast1m,osnrth1m,laua,lat,long".split(
  ",",
);
const onspd2025Header =
  "pcd7,pcd8,pcds,dointr,doterm,cty25cd,ced25cd,lad25cd,wd25cd,gridind,lat,long".split(",");

const columns = postcodeDirectoryColumns(onspdHeader, "onspd.csv");
const row = (values: Record<string, string>, line = 2) => ({
  line,
  fields: onspdHeader.map((name) => values[name] ?? ""),
});
const exeterRow = { pcds: "EX1 1AA", oslaua: "E07000041", lat: "50.723", long: "-3.531" };

describe("postcodeDirectoryColumns", () => {
  test("postcodeDirectoryColumns(header) finds the district in oslaua (ONSPD), laua (NSPL) or ladYYcd (since 2025)", () => {
    expect(columns.district).toEqual({ index: 7, name: "oslaua" });
    expect(postcodeDirectoryColumns(nsplHeader, "nspl.csv").district).toEqual({
      index: 8,
      name: "laua",
    });
    expect(postcodeDirectoryColumns(onspd2025Header, "onspd.csv").district.name).toBe("lad25cd");
  });

  test("postcodeDirectoryColumns(header) matches names whatever their case, as the portal's exports write them", () => {
    const upper = postcodeDirectoryColumns(
      onspdHeader.map((name) => name.toUpperCase()),
      "export.csv",
    );
    expect(upper.postcode).toEqual({ index: 2, name: "PCDS" });
    expect(upper.longitude).toEqual({ index: 10, name: "LONG" });
  });

  test("postcodeDirectoryColumns(header) takes the newest districts when several years are given", () => {
    const header = ["pcds", "doterm", "lad23cd", "lad25cd", "lad24cd", "lat", "long"];
    expect(postcodeDirectoryColumns(header, "f.csv").district.name).toBe("lad25cd");
  });

  test("postcodeDirectoryColumns(header) names the missing column and the formats it reads", () => {
    expect(() => postcodeDirectoryColumns(["pcds", "doterm", "lat", "long"], "f.csv")).toThrow(
      /^f\.csv, line 1: the header has no column "oslaua", "laua" or "ladYYcd"; expected a postcode directory in the ONSPD or NSPL format/,
    );
    expect(() => postcodeDirectoryColumns(["pcds", "doterm", "laua", "long"], "f.csv")).toThrow(
      /no column "lat"/,
    );
  });
});

describe("directoryPostcode", () => {
  test("directoryPostcode(row) reads a live postcode's outward code, district and coordinates", () => {
    expect(directoryPostcode(row(exeterRow), columns, "onspd.csv")).toEqual({
      outwardCode: "EX1",
      districtCode: "E07000041",
      terminated: false,
      latitude: 50.723,
      longitude: -3.531,
    });
  });

  test("directoryPostcode(row) reads a terminated postcode no further than its date", () => {
    expect(
      directoryPostcode(
        row({ pcds: "EX1 1AB", doterm: "199606", oslaua: "", lat: "", long: "nonsense" }),
        columns,
        "onspd.csv",
      ),
    ).toEqual({
      outwardCode: "EX1",
      districtCode: "",
      terminated: true,
      latitude: undefined,
      longitude: undefined,
    });
  });

  test("directoryPostcode(row) gives no coordinates for a latitude of 99.999999 or none at all", () => {
    const gridless = { ...exeterRow, lat: "99.999999", long: "0.000000" };
    expect(directoryPostcode(row(gridless), columns, "onspd.csv")).toMatchObject({
      terminated: false,
      latitude: undefined,
      longitude: undefined,
    });
    const blank = { ...exeterRow, lat: "", long: "" };
    expect(directoryPostcode(row(blank), columns, "onspd.csv").latitude).toBeUndefined();
  });

  test("directoryPostcode(row) names the file, line, column and value of a bad field", () => {
    const failure = (values: Record<string, string>): InputError => {
      try {
        directoryPostcode(row(values, 7), columns, "onspd.csv");
      } catch (error) {
        return error as InputError;
      }
      throw new Error("expected an InputError");
    };
    expect(failure({ ...exeterRow, pcds: "EX1" }).message).toBe(
      'onspd.csv, line 7, column "pcds": expected a UK postcode, such as EX1 3PB (found "EX1")',
    );
    expect(failure({ ...exeterRow, lat: "150.5" }).message).toBe(
      'onspd.csv, line 7, column "lat": expected a latitude in degrees, -90 to 90, or 99.999999 for a postcode with no grid reference (found "150.5")',
    );
    expect(failure({ ...exeterRow, long: "west" }).location).toEqual({
      file: "onspd.csv",
      line: 7,
      field: "long",
      value: "west",
    });
    expect(failure({ ...exeterRow, lat: "" }).location.field).toBe("lat");
    expect(failure({ ...exeterRow, doterm: "1996" }).reason).toMatch(/as YYYYMM/);
    expect(failure({ ...exeterRow, oslaua: "Exeter" }).reason).toMatch(/GSS code/);
  });
});
