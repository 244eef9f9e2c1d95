import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { backendName, testDatabase } from "../../test/helpers/testDatabase.js";
import { InputError } from "../core/errors.js";
import type { Database } from "../store/database.js";
import { importFile, type ImportRequest } from "./importFile.js";
import { listEmployment, listIndicators, listObservations, listPlaces } from "./service.js";

const folder = mkdtempSync(join(tmpdir(), "placefirst-import-"));
function file(name: string, content: string | Buffer): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => {
  await database.close();
});

/** Every row of every table that imports write, to show a failed import changed nothing. */
async function snapshot(): Promise<string> {
  const tables = [
    "datasets",
    "places",
    "indicators",
    "observations",
    "industries",
    "employment",
    "layouts",
  ];
  const parts: string[] = [];
  for (const table of tables) {
    const rows = await database.query(`select * from ${table} order by 1, 2`);
    parts.push(JSON.stringify(rows));
  }
  return parts.join("\n");
}

async function expectRejected(
  request: ImportRequest,
  message: RegExp,
  line?: number,
): Promise<InputError> {
  const before = await snapshot();
  const error = await importFile(database, request).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).message).toMatch(message);
  if (line !== undefined) expect((error as InputError).location.line).toBe(line);
  expect(await snapshot()).toBe(before);
  return error as InputError;
}

const places = file(
  "places.csv",
  [
    "code,name,kind,parent,population",
    "E12000001,North East,region,,2683000",
    "E06000001,Hartlepool,district,E12000001,93000",
    "E06000002,Middlesbrough,district,E12000001,143900",
    "E06000003,Redcar and Cleveland,district,E12000001,",
  ].join("\n"),
);

describe(`importFile on ${backendName}`, () => {
  test("importFile(places) stores places with parents, and a second import of the same file is a no-op", async () => {
    const first = await importFile(database, { kind: "places", path: places, source: "ONS" });
    expect(first).toMatchObject({ rows: 4, alreadyImported: false });
    const stored = await listPlaces(database);
    expect(stored.map((place) => place.code).sort()).toEqual([
      "E06000001",
      "E06000002",
      "E06000003",
      "E12000001",
    ]);
    expect(stored.find((place) => place.code === "E06000001")).toMatchObject({
      parentCode: "E12000001",
      population: 93000,
      kind: "district",
    });
    const before = await snapshot();
    const second = await importFile(database, { kind: "places", path: places });
    expect(second).toMatchObject({ alreadyImported: true, datasetId: first.datasetId });
    expect(await snapshot()).toBe(before);
  });

  test("importFile(places) names the line and column of a bad kind and changes nothing", async () => {
    const path = file("bad-kind.csv", "code,name,kind,parent\nX1,One,district,\nX2,Two,town,\n");
    await expectRejected(
      { kind: "places", path },
      /line 3, column "kind": expected one of nation/,
      3,
    );
  });

  test("importFile(places) refuses a parent that exists nowhere", async () => {
    const path = file("orphan.csv", "code,name,kind,parent\nX1,One,district,NOPE\n");
    await expectRejected({ kind: "places", path }, /parent NOPE is neither in this file/, 2);
  });

  test("importFile rejects a wrong header, an empty file and a binary file", async () => {
    await expectRejected(
      {
        kind: "observations",
        path: file("header.csv", "area,measure,year,val\nE06000001,x,2020,1\n"),
      },
      /line 1: the header has no column "place"/,
      1,
    );
    await expectRejected(
      { kind: "observations", path: file("empty.csv", "") },
      /the file is empty/,
    );
    await expectRejected(
      {
        kind: "places",
        path: file(
          "image.png",
          Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
        ),
      },
      /not a CSV text file/,
    );
    await expectRejected({ kind: "places", path: join(folder, "missing.csv") }, /no such file/);
  });

  test("importFile(observations) stores values, creates unknown indicators with a warning, and keeps suppression", async () => {
    const path = file(
      "obs.csv",
      [
        "place,indicator,period,value,lower,upper",
        'E06000001,gva_per_head,2021,"21,300",,',
        "E06000001,gva_per_head,2022,22100,21000,23000",
        "E06000002,gva_per_head,2022,x,,",
        "E06000002,life_satisfaction,2022,,,",
      ].join("\n"),
    );
    const summary = await importFile(database, { kind: "observations", path });
    expect(summary.rows).toBe(4);
    expect(summary.created).toEqual(["gva_per_head", "life_satisfaction"]);
    expect(summary.warnings.join(" ")).toMatch(/2 indicators were not known/);
    expect(summary.warnings.join(" ")).toMatch(/1 row has an empty value/);
    const rows = await listObservations(database, { indicatorId: "gva_per_head" });
    expect(rows).toEqual([
      expect.objectContaining({
        placeCode: "E06000001",
        period: "2021",
        value: 21300,
        status: "ok",
      }),
      expect.objectContaining({
        placeCode: "E06000001",
        period: "2022",
        value: 22100,
        lower: 21000,
        upper: 23000,
      }),
      expect.objectContaining({
        placeCode: "E06000002",
        period: "2022",
        value: null,
        status: "suppressed",
        note: "x",
      }),
    ]);
    expect(
      (await listIndicators(database)).find((indicator) => indicator.id === "gva_per_head")?.name,
    ).toBe("gva_per_head");
  });

  test("importFile(observations) stops at a non-numeric value on line 5,000 and changes nothing", async () => {
    const lines = ["place,indicator,period,value"];
    for (let index = 0; index < 6000; index++) {
      lines.push(`E06000001,big_indicator,${1000 + index},${index === 4998 ? "twelve" : index}`);
    }
    const error = await expectRejected(
      { kind: "observations", path: file("line5000.csv", lines.join("\n")) },
      /line 5000, column "value": expected a number.*found "twelve"/,
      5000,
    );
    expect(error.location).toMatchObject({ field: "value", value: "twelve" });
    expect(await listIndicators(database)).not.toContainEqual(
      expect.objectContaining({ id: "big_indicator" }),
    );
  });

  test("importFile(observations) refuses an unknown place code, naming it", async () => {
    const path = file(
      "unknown-place.csv",
      "place,indicator,period,value\nE06000001,a,2020,1\nE09999999,a,2020,2\n",
    );
    await expectRejected(
      { kind: "observations", path },
      /line 3, column "place": unknown place.*E09999999/,
      3,
    );
  });

  test("importFile(observations) refuses a repeated place, indicator and period", async () => {
    const path = file(
      "repeat.csv",
      "place,indicator,period,value\nE06000001,a,2020,1\nE06000002,a,2020,1\nE06000001,a,2020,2\n",
    );
    await expectRejected(
      { kind: "observations", path },
      /line 4: this row repeats .* of line 2/,
      4,
    );
  });

  test("importFile(employment) maps nomis columns, reads SIC labels and names, and keeps codes as strings", async () => {
    const path = file(
      "bres.csv",
      [
        "date,geography,geography code,industry,value",
        '2022,Hartlepool,E06000001,"01 : Crop and animal production, hunting and related service activities",120',
        "2022,Hartlepool,E06000001,C : Manufacturing,5000",
        '2022,Hartlepool,E06000001,Education,"4,200"',
        "2022,Middlesbrough,Middlesbrough,C (10-33),6100",
        "2022,Middlesbrough,E06000002,Made-up industry,10",
      ].join("\n"),
    );
    const summary = await importFile(database, {
      kind: "employment",
      path,
      placeColumn: "geography code",
      industryColumn: "industry",
      valueColumn: "value",
    });
    expect(summary.rows).toBe(5);
    expect(summary.warnings.join(" ")).toMatch(/1 industry is not SIC 2007.*"Made-up industry"/);
    const rows = await listEmployment(database, { placeCode: "E06000001" });
    expect(rows.map((row) => [row.industryCode, row.employees])).toEqual([
      ["C", 5000],
      ["P", 4200],
      ["01", 120],
    ]);
    expect(rows.find((row) => row.industryCode === "P")?.foundational).toBe(true);
    const middlesbrough = await listEmployment(database, { placeCode: "E06000002" });
    expect(middlesbrough.map((row) => row.industryCode)).toContain("C");
  });

  test("importFile(employment) needs a period column or --period, and says so", async () => {
    const path = file("noperiod.csv", "place,industry,employment\nE06000001,C,10\n");
    await expectRejected(
      { kind: "employment", path },
      /no column "period" or "date" or "year".*--period-col/,
    );
    const summary = await importFile(database, { kind: "employment", path, period: "2023" });
    expect(summary.rows).toBe(1);
    expect(
      (await listEmployment(database, { placeCode: "E06000001", period: "2023" }))[0]?.employees,
    ).toBe(10);
  });

  test("importFile(employment) refuses a negative count", async () => {
    const path = file("negative.csv", "place,industry,period,employment\nE06000001,C,2024,-5\n");
    await expectRejected(
      { kind: "employment", path },
      /line 2, column "employment": expected a number of employees/,
      2,
    );
  });

  test("importFile reads standard input and notices a repeat only after reading it", async () => {
    const text = "id,name,goal,unit,polarity\nco2_per_head,CO2 per head,sustainability,tCO2e,-1\n";
    const first = await importFile(database, {
      kind: "indicators",
      path: "-",
      stream: Readable.from([text]),
    });
    expect(first).toMatchObject({ file: "(stdin)", rows: 1, alreadyImported: false });
    const second = await importFile(database, {
      kind: "indicators",
      path: "-",
      stream: Readable.from([text]),
    });
    expect(second).toMatchObject({ alreadyImported: true, datasetId: first.datasetId });
    expect(
      (await listIndicators(database)).find((indicator) => indicator.id === "co2_per_head")
        ?.polarity,
    ).toBe(-1);
  });

  test("importFile(industry-attributes) stores the attributes of SIC industries and names an unknown one", async () => {
    const path = file(
      "attributes.csv",
      "industry,median_pay,non_graduate_share,growth,emissions_intensity\n62,850,0.4,0.12,15\nC : Manufacturing,680,,0,250\n",
    );
    expect((await importFile(database, { kind: "industry-attributes", path })).rows).toBe(2);
    const stored = await database.query<{ industry: string; attribute: string; value: number }>(
      `select industry_code as industry, attribute, value from industry_attributes order by 1, 2`,
    );
    expect(stored).toEqual([
      { industry: "62", attribute: "emissions_intensity", value: 15 },
      { industry: "62", attribute: "growth", value: 0.12 },
      { industry: "62", attribute: "median_pay", value: 850 },
      { industry: "62", attribute: "non_graduate_share", value: 0.4 },
      { industry: "C", attribute: "emissions_intensity", value: 250 },
      { industry: "C", attribute: "growth", value: 0 },
      { industry: "C", attribute: "median_pay", value: 680 },
    ]);
    await expectRejected(
      {
        kind: "industry-attributes",
        path: file("bad-attributes.csv", "industry,median_pay\nWidgets,500\n"),
      },
      /line 2, column "industry": unknown industry/,
      2,
    );
  });

  test("importFile(hexjson) stores a layout and warns about hexes with no place", async () => {
    const path = file(
      "map.hexjson",
      JSON.stringify({
        layout: "odd-r",
        hexes: { E06000001: { n: "Hartlepool", q: 0, r: 0 }, Z1: { q: 1, r: 0 } },
      }),
    );
    const summary = await importFile(database, { kind: "hexjson", path });
    expect(summary).toMatchObject({ rows: 2 });
    expect(summary.warnings.join(" ")).toMatch(/1 of 2 areas/);
    await expectRejected(
      {
        kind: "hexjson",
        path: file(
          "bad.hexjson",
          JSON.stringify({ layout: "odd-r", hexes: { A: { q: "x", r: 0 } } }),
        ),
      },
      /field "hexes.A.q": expected a HexJSON layout/,
    );
    await expectRejected(
      { kind: "hexjson", path: file("broken.hexjson", "{ not json") },
      /not valid JSON/,
    );
  });

  test("importFile(geojson) finds the code property and checks every feature", async () => {
    const feature = (code: unknown) => ({
      type: "Feature",
      properties: { LAD23CD: code },
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
    });
    const good = file(
      "bounds.geojson",
      JSON.stringify({ type: "FeatureCollection", features: [feature("E06000001")] }),
    );
    expect((await importFile(database, { kind: "geojson", path: good })).rows).toBe(1);
    await expectRejected(
      {
        kind: "geojson",
        path: file(
          "nocode.geojson",
          JSON.stringify({
            type: "FeatureCollection",
            features: [feature("E06000002"), feature(7)],
          }),
        ),
      },
      /features\[1\]\.properties\.LAD23CD/,
    );
  });
});
