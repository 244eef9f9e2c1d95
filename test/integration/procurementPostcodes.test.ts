import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildApp } from "../../src/api/app.js";
import { createUser, startSession } from "../../src/api/auth/users.js";
import { InputError } from "../../src/core/errors.js";
import { matchTenders } from "../../src/procurement/methods/tenderMatch.js";
import { importPostcodeDirectory } from "../../src/procurement/postcodeDirectory.js";
import { listOpenTenders, listSuppliers, saveSuppliers } from "../../src/procurement/service.js";
import { supplierToMatch } from "../../src/procurement/supplierToMatch.js";
import type { Database } from "../../src/store/database.js";
import { backendName, testDatabase } from "../helpers/testDatabase.js";

// Real district codes of Devon; the store holds Exeter and East Devon, not Teignbridge.
const southWest = "E12000009";
const exeter = "E07000041";
const eastDevon = "E07000040";
const teignbridge = "E07000045";

// The ONS Postcode Directory's header until 2025 (the NSPL's below), column for column.
const onspdHeader =
  "pcd,pcd2,pcds,dointr,doterm,oscty,ced,oslaua,osward,parish,usertype,oseast1m,osnrth1m," +
  "osgrdind,oshlthau,nhser,ctry,rgn,streg,pcon,eer,teclec,ttwa,pct,itl,statsward,oa01,casward," +
  "npark,lsoa01,msoa01,ur01ind,oac01,oa11,lsoa11,msoa11,wz11,sicbl,bua24,ru11ind,oac11,lat,long," +
  "lep1,lep2,pfa,imd,calncv,icb,oa21,lsoa21,msoa21";
const nsplHeader =
  "pcd,pcd2,pcds,dointr,doterm,usertype,oseast1m,osnrth1m,osgrdind,oa11,cty,ced,laua,ward," +
  "hlthau,nhser,ctry,rgn,pcon,eer,teclec,ttwa,pct,nuts,park,lsoa11,msoa11,wz11,ccg,bua11," +
  "buasd11,ru11ind,oac11,lat,long,lep1,lep2,pfa,imd,calncv,stp";

interface Postcode {
  pcds: string;
  district: string;
  lat: string;
  long: string;
  doterm?: string;
}

/**
 * A directory file as the ONS writes it: every field quoted but the coordinates, the other
 * columns filled with the pseudo-code for "none" where a real directory would have codes.
 */
function directory(header: string, districtColumn: string, postcodes: readonly Postcode[]) {
  const names = header.split(",");
  const lines = postcodes.map((postcode) => {
    const [outward, inward] = postcode.pcds.split(" ");
    const values: Record<string, string> = {
      pcd: `${outward!.padEnd(4)}${inward}`,
      pcd2: `${outward!.padEnd(5)}${inward}`,
      pcds: postcode.pcds,
      dointr: "198001",
      doterm: postcode.doterm ?? "",
      [districtColumn]: postcode.district,
      ctry: "E92000001",
      rgn: southWest,
    };
    return names
      .map((name) =>
        name === "lat"
          ? postcode.lat
          : name === "long"
            ? postcode.long
            : `"${values[name] ?? "E99999999"}"`,
      )
      .join(",");
  });
  return `${header}\n${lines.join("\n")}\n`;
}

// Postcodes of Exeter, East Devon and Teignbridge, at roughly where they are.
const onspdPostcodes: Postcode[] = [
  { pcds: "EX1 1AE", district: exeter, lat: "50.724000", long: "-3.528000" },
  { pcds: "EX1 1BD", district: exeter, lat: "50.726000", long: "-3.530000" },
  { pcds: "EX1 2AB", district: exeter, lat: "50.728000", long: "-3.520000" },
  { pcds: "EX1 9ZZ", district: exeter, lat: "50.700000", long: "-3.500000", doterm: "200112" },
  // EX5 lies across two districts: two of its live postcodes in East Devon, one in Exeter.
  { pcds: "EX5 2AA", district: eastDevon, lat: "50.750000", long: "-3.400000" },
  { pcds: "EX5 2AB", district: eastDevon, lat: "50.770000", long: "-3.420000" },
  { pcds: "EX5 1AA", district: exeter, lat: "50.730000", long: "-3.440000" },
  // Live but with no grid reference, as the directory marks it.
  { pcds: "EX5 4ZZ", district: exeter, lat: "99.999999", long: "0.000000" },
  { pcds: "TQ12 1AA", district: teignbridge, lat: "50.530000", long: "-3.610000" },
  { pcds: "IM1 1AD", district: "M99999999", lat: "99.999999", long: "0.000000" },
];

const count = async (database: Database, table: string) =>
  (await database.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;

const stored = (database: Database) =>
  database.query<{ outward_code: string; place_code: string; latitude: number; longitude: number }>(
    `select outward_code, place_code, latitude, longitude from procurement_postcode_places
     order by outward_code`,
  );

describe(`importPostcodeDirectory on ${backendName}`, () => {
  let database: Database;
  const dir = mkdtempSync(join(tmpdir(), "placefirst-postcodes-"));
  const onspdFile = join(dir, "ONSPD_TEST_UK.csv");

  beforeAll(async () => {
    database = await testDatabase();
    await database.query(
      `insert into places (code, name, kind, parent_code) values
         ($1, 'South West', 'region', null), ($2, 'Exeter', 'district', $1),
         ($3, 'East Devon', 'district', $1)`,
      [southWest, exeter, eastDevon],
    );
    // An outward code stored before, as the demo stores them: the import replaces it.
    await database.query(
      "insert into procurement_postcode_places (outward_code, place_code) values ('EX9', $1)",
      [eastDevon],
    );
    writeFileSync(onspdFile, directory(onspdHeader, "oslaua", onspdPostcodes));
  });
  afterAll(async () => {
    await database?.close();
  });

  test("importPostcodeDirectory(ONSPD file) stores each outward code's majority district and centroid, and counts districts not stored", async () => {
    const summary = await importPostcodeDirectory(database, onspdFile, {
      source: "test directory",
    });
    expect(summary).toMatchObject({
      file: "ONSPD_TEST_UK.csv",
      alreadyImported: false,
      districtColumn: "oslaua",
      postcodes: 10,
      live: 7,
      terminated: 1,
      gridless: 2,
      outwardCodes: 3,
      stored: 2,
      replaced: 1,
      unstored: { outwardCodes: 1, districts: [teignbridge] },
      warnings: [],
    });
    const rows = await stored(database);
    expect(rows.map(({ outward_code, place_code }) => [outward_code, place_code])).toEqual([
      ["EX1", exeter],
      ["EX5", eastDevon],
    ]);
    // EX1: the mean of its three live postcodes; the terminated one is left out.
    expect(rows[0]!.latitude).toBeCloseTo(50.726, 9);
    expect(rows[0]!.longitude).toBeCloseTo(-3.526, 9);
    // EX5: the mean of all three live postcodes with a grid reference, whichever their district.
    expect(rows[1]!.latitude).toBeCloseTo(50.75, 9);
    expect(rows[1]!.longitude).toBeCloseTo(-3.42, 9);
    const [dataset] = await database.query<{ kind: string; rows: number; source: string }>(
      "select kind, rows, source from datasets where id = $1",
      [summary.datasetId],
    );
    expect(dataset).toEqual({ kind: "postcodes", rows: 2, source: "test directory" });
  });

  test("importPostcodeDirectory(the same file again) is a no-op that says so", async () => {
    const datasets = await count(database, "datasets");
    const again = await importPostcodeDirectory(database, onspdFile);
    expect(again).toMatchObject({ alreadyImported: true, stored: 2, postcodes: 0 });
    expect(await count(database, "datasets")).toBe(datasets);
    expect(await stored(database)).toHaveLength(2);
  });

  test("importPostcodeDirectory(file with a bad row) names the file, line, column and value and changes nothing", async () => {
    const before = await stored(database);
    const datasets = await count(database, "datasets");
    const bad = join(dir, "bad.csv");
    const postcodes = [...onspdPostcodes];
    // The fifth postcode (line 6) has a latitude past the pole.
    postcodes[4] = { ...postcodes[4]!, lat: "150.750000" };
    writeFileSync(bad, directory(onspdHeader, "oslaua", postcodes));
    const failure = await importPostcodeDirectory(database, bad).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InputError);
    expect((failure as InputError).message).toBe(
      'bad.csv, line 6, column "lat": expected a latitude in degrees, -90 to 90, or 99.999999 for a postcode with no grid reference (found "150.750000")',
    );
    const malformed = join(dir, "malformed.csv");
    postcodes[4] = { ...postcodes[4]!, lat: "50.75", pcds: "EX5 2A" };
    writeFileSync(malformed, directory(onspdHeader, "oslaua", postcodes));
    await expect(importPostcodeDirectory(database, malformed)).rejects.toThrow(
      /^malformed\.csv, line 6, column "pcds": expected a UK postcode/,
    );
    expect(await stored(database)).toEqual(before);
    expect(await count(database, "datasets")).toBe(datasets);
  });

  test("importPostcodeDirectory(file of districts none of which is stored) says so and changes nothing", async () => {
    const before = await stored(database);
    const elsewhere = join(dir, "elsewhere.csv");
    writeFileSync(
      elsewhere,
      directory(onspdHeader, "oslaua", [
        { pcds: "TQ12 1AB", district: teignbridge, lat: "50.53", long: "-3.61" },
      ]),
    );
    await expect(importPostcodeDirectory(database, elsewhere)).rejects.toThrow(
      /^elsewhere\.csv: the one district the file places outward codes in \(E07000045\) is not a stored place; import the places first/,
    );
    await expect(importPostcodeDirectory(database, join(dir, "missing.csv"))).rejects.toThrow(
      /no such file/,
    );
    expect(await stored(database)).toEqual(before);
  });

  test("importPostcodeDirectory(NSPL from standard input) replaces what the ONSPD stored", async () => {
    const text = directory(nsplHeader, "laua", [
      { pcds: "EX2 4AA", district: exeter, lat: "50.71", long: "-3.52" },
      { pcds: "EX2 4AB", district: exeter, lat: "50.69", long: "-3.54" },
      { pcds: "EX5 2AA", district: eastDevon, lat: "50.72", long: "-3.47" },
    ]);
    const summary = await importPostcodeDirectory(database, "-", {
      stream: Readable.from([Buffer.from(text)]),
    });
    expect(summary).toMatchObject({
      file: "(stdin)",
      districtColumn: "laua",
      live: 3,
      stored: 2,
      replaced: 2,
      unstored: { outwardCodes: 0, districts: [] },
    });
    const rows = await stored(database);
    expect(rows.map((row) => row.outward_code)).toEqual(["EX2", "EX5"]);
    expect(rows[0]!.latitude).toBeCloseTo(50.7, 9);
    expect(rows[1]).toMatchObject({ place_code: eastDevon, latitude: 50.72, longitude: -3.47 });
    // The same bytes again, read to the end before they are known: rolled back, and said so.
    const again = await importPostcodeDirectory(database, "-", {
      stream: Readable.from([Buffer.from(text)]),
    });
    expect(again).toMatchObject({ alreadyImported: true, datasetId: summary.datasetId });
    expect(await stored(database)).toEqual(rows);
  });

  test("a supplier and a tender placed by postcode take the outward code's centroid, so matching scores distance", async () => {
    // The outward codes are the NSPL's: EX2 in Exeter and EX5 in East Devon.
    await database.transaction((transaction) =>
      saveSuppliers(transaction, [
        {
          supplierId: "GB-TEST-1",
          name: "Clyst Joinery",
          placeCode: eastDevon,
          postcode: "EX5 2AB",
          size: "micro",
          cpvCodes: ["45421000"],
          accreditations: [],
        },
        {
          supplierId: "GB-TEST-2",
          name: "Quay Carpentry",
          placeCode: exeter,
          postcode: "EX2 4AB",
          latitude: 50.72,
          longitude: -3.53,
          size: "micro",
          cpvCodes: ["45421000"],
          accreditations: [],
        },
      ]),
    );
    const [clyst, quay] = await listSuppliers(database);
    expect(clyst).toMatchObject({ supplierId: "GB-TEST-1", latitude: 50.72, longitude: -3.47 });
    // A supplier's own coordinates win over its postcode's.
    expect(quay).toMatchObject({ supplierId: "GB-TEST-2", latitude: 50.72, longitude: -3.53 });

    await database.query(
      `insert into procurement_processes (ocid, date, title, status, tender_end, cpv_codes,
         delivery_postcodes, releases)
       values ('ocds-test-pc-1', '2026-01-05', 'Joinery for a school', 'active', '2026-03-01',
         '{45421000}', '{"EX2 4AA"}', 1)`,
    );
    const [tender] = await listOpenTenders(database, { asOf: "2026-02-01" });
    expect(tender).toMatchObject({ ocid: "ocds-test-pc-1", gssCode: exeter });
    expect(tender!.coordinates!.latitude).toBeCloseTo(50.7, 9);
    expect(tender!.coordinates!.longitude).toBeCloseTo(-3.53, 9);
    // About 5 km apart, in different districts of one region: the distance, 0.8 * 2^(-5 / 25),
    // scores above the region's 0.6.
    const [match] = matchTenders(supplierToMatch(clyst!), [tender!]);
    expect(match!.place.basis).toBe("distance");
    expect(match!.place.distanceKm).toBeGreaterThan(4);
    expect(match!.place.distanceKm).toBeLessThan(6);

    // The tender's page tells the officer how far away the supplier in the other district is.
    const app = await buildApp({ database });
    try {
      const officer = await startSession(
        database,
        await createUser(database, {
          email: "officer@example.org",
          role: "officer",
          password: "correct horse battery staple",
        }),
      );
      const page = await app.inject({
        method: "GET",
        url: "/procurement/tenders/ocds-test-pc-1",
        headers: { cookie: `pf_session=${officer.token}` },
      });
      expect(page.statusCode, page.body).toBe(200);
      expect(page.body).toMatch(/Clyst Joinery[\s\S]*?; 5 km away/);
      expect(page.body).toMatch(/Quay Carpentry[\s\S]*?; same district/);
    } finally {
      await app.close();
    }
  });

  test("importPostcodeDirectory(a file imported before another) imports it again, under its first dataset", async () => {
    const [first] = await database.query<{ id: number }>(
      "select id from datasets where kind = 'postcodes' and file_name = 'ONSPD_TEST_UK.csv'",
    );
    const summary = await importPostcodeDirectory(database, onspdFile);
    expect(summary).toMatchObject({ alreadyImported: false, datasetId: first!.id, stored: 2 });
    expect((await stored(database)).map((row) => row.outward_code)).toEqual(["EX1", "EX5"]);
    expect(await importPostcodeDirectory(database, onspdFile)).toMatchObject({
      alreadyImported: true,
      datasetId: first!.id,
    });
  });
});
