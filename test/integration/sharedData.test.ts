import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { importFile } from "../../src/data/importFile.js";
import {
  getLayout,
  listEmployment,
  listIndicators,
  listObservations,
  listPlaces,
} from "../../src/data/service.js";
import type { Database } from "../../src/store/database.js";
import { hasSharedData, sharedFile } from "../helpers/sharedData.js";
import { backendName, testDatabase } from "../helpers/testDatabase.js";

if (!hasSharedData) {
  console.warn("Skipping the real-data import tests: ../shared/data is not beside the project.");
}

let database: Database;
beforeAll(async () => {
  if (hasSharedData) database = await testDatabase();
});
afterAll(async () => {
  await database?.close();
});

// Each test builds on the places imported by the first, as an analyst's session would.
describe.skipIf(!hasSharedData)(`importing real public data on ${backendName}`, () => {
  test("import places: the ONS list of GSS codes and names, with ONS geography names as kinds", async () => {
    const summary = await importFile(database, {
      kind: "places",
      path: sharedFile("lookups/ons_gss_codes_area_names.csv"),
      codeColumn: "AREACD",
      nameColumn: "AREANM",
      kindColumn: "Geography",
      source: "ONS",
      licence: "OGL-UK-3.0",
    });
    expect(summary.rows).toBe(518);
    const places = await listPlaces(database);
    expect(places.find((place) => place.code === "E06000001")).toMatchObject({
      name: "Hartlepool",
      kind: "district",
    });
    expect(places.find((place) => place.code === "E12000001")?.kind).toBe("region");
    expect(places.find((place) => place.code === "E92000001")?.kind).toBe("nation");
    expect(places.filter((place) => place.kind === "nation")).toHaveLength(5);
  });

  test("import observations: the ONS Subnational Indicators Explorer, indicators named in words", async () => {
    const summary = await importFile(database, {
      kind: "observations",
      path: sharedFile("indicators/ons_subnational_indicators_explorer_2024.csv"),
      placeColumn: "unique",
      indicatorColumn: "id",
      periodColumn: "Period",
      valueColumn: "real",
    });
    expect(summary.rows).toBe(10246);
    expect(summary.created).toContain("gross_median_weekly_pay");
    const indicators = await listIndicators(database);
    expect(indicators.find((indicator) => indicator.id === "gross_median_weekly_pay")?.name).toBe(
      "Gross median weekly pay",
    );
    // Hartlepool's GVA per hour worked in 2021, as the file gives it.
    const [gva] = await listObservations(database, {
      placeCode: "E06000001",
      indicatorId: "gross_value_added_per_hour_worked",
    });
    const source = (
      parse(readFileSync(sharedFile("indicators/ons_subnational_indicators_explorer_2024.csv")), {
        columns: true,
        bom: true,
      }) as Record<string, string>[]
    ).find((row) => row.unique === "E06000001" && row.id === "Gross value added per hour worked");
    expect(gva).toMatchObject({ period: source!.Period, value: Number(source!.real) });
    // "NA" in the file is a suppressed value, kept with its marker.
    const suppressed = (await listObservations(database)).filter(
      (row) => row.status === "suppressed",
    );
    expect(suppressed.length).toBeGreaterThan(0);
    expect(suppressed[0]).toMatchObject({ value: null, note: "NA" });
  });

  test("import observations: the ONS clustering inputs stop at the first row with no area code", async () => {
    const path = sharedFile("indicators/ons_la_clustering_indicators_2025.csv");
    const error = await importFile(database, {
      kind: "observations",
      path,
      placeColumn: "AREACD",
      indicatorColumn: "Indicator",
      periodColumn: "Period",
      valueColumn: "Value",
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    const lines = readFileSync(path, "utf8").split("\n");
    const firstUnknown = (error as InputError).location.line!;
    // The line named holds an area that is not among the stored places.
    const code = lines[firstUnknown - 1]!.split(",")[1]!;
    expect((await listPlaces(database)).map((place) => place.code)).not.toContain(code);
    expect((error as InputError).message).toMatch(/column "AREACD": unknown place/);
  });

  test("import observations --skip-unknown-places then reports the file's real repeated rows", async () => {
    const error = await importFile(database, {
      kind: "observations",
      path: sharedFile("indicators/ons_la_clustering_indicators_2025.csv"),
      placeColumn: "AREACD",
      indicatorColumn: "Indicator",
      periodColumn: "Period",
      valueColumn: "Value",
      skipUnknownPlaces: true,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(
      /line \d+: this row repeats the place, indicator and period of line \d+/,
    );
  });

  test("import employment: Census 2021 industry of residents in Greater Manchester, by division name", async () => {
    const summary = await importFile(database, {
      kind: "employment",
      path: sharedFile(
        "employment_by_industry/census2021_industry_division_la_greater_manchester.csv",
      ),
      placeColumn: "area_code",
      industryColumn: "industry",
      valueColumn: "value",
      periodColumn: "period",
    });
    expect(summary.rows).toBe(870);
    // Four census labels are not SIC 2007 divisions as ONS names them (one groups 41 to 43, one
    // says "electrical" for "electronic"), and are kept as custom industries, said in a warning.
    expect(summary.warnings).toEqual([expect.stringMatching(/^4 industries are not SIC 2007/)]);
    expect(summary.created).toHaveLength(4);
    const bolton = await listEmployment(database, { placeCode: "E08000001" });
    expect(bolton.find((row) => row.industryCode === "01")).toMatchObject({
      employees: 224,
      period: "2021-03-21",
    });
    expect(bolton.find((row) => row.industryCode === "28")?.industryName).toBe(
      "Manufacture of machinery and equipment n.e.c.",
    );
    expect(new Set(bolton.map((row) => row.industryCode)).size).toBe(87);
  });

  test("import employment: BRES by ITL2 region and SIC section, places matched by name", async () => {
    // A database of its own: ITL2 names such as "Devon" are also county names in the ONS list,
    // and a name two places share matches neither.
    const itlDatabase = await testDatabase();
    // ITL2 places from the ONS regional accounts file (code and name), then BRES by name.
    const rows = parse(
      readFileSync(
        sharedFile("employment_by_industry/itl2_gva_and_bres_jobs_by_sic_section_2015_2021.csv"),
      ),
      { columns: true, bom: true },
    ) as Record<string, string>[];
    // Two rows of the file lack their ITL code; the BRES rows for those regions are skipped.
    const itl2 = new Map(
      rows
        .filter((row) => row.ITL_region_code !== "")
        .map((row) => [row.ITL_region_code!, row.ITL_region_name!]),
    );
    const folder = mkdtempSync(join(tmpdir(), "placefirst-itl2-"));
    const placesPath = join(folder, "itl2.csv");
    writeFileSync(
      placesPath,
      ["code,name,kind", ...[...itl2].map(([code, name]) => `${code},"${name}",custom`)].join("\n"),
    );
    await importFile(itlDatabase, { kind: "places", path: placesPath });
    const summary = await importFile(itlDatabase, {
      kind: "employment",
      path: sharedFile("employment_by_industry/bres_itl2_employment_by_sic_section_2015_2022.csv"),
      placeColumn: "GEOGRAPHY_NAME",
      industryColumn: "SIC_SECTION_NAME",
      valueColumn: "COUNT",
      periodColumn: "DATE",
      skipUnknownPlaces: true,
    });
    expect(summary.warnings.filter((warning) => /industr/.test(warning))).toEqual([]);
    // 40 regions x 19 sections x 8 years, less 3 regions the places file lacks or names
    // differently, less 15 rows without a published count.
    expect(summary.rows).toBe(37 * 19 * 8 - 15);
    expect(summary.warnings).toContainEqual(
      "Rows for 3 places not stored were skipped: Northumberland and Tyne and Wear, South Yorkshire, West Wales.",
    );
    const teesValley = await listEmployment(itlDatabase, { placeCode: "TLC1", period: "2022" });
    expect(teesValley).toHaveLength(19);
    expect(teesValley.every((row) => row.industryLevel === "section")).toBe(true);

    // Without imported industry attributes, the opportunities of an ITL2 region take each
    // section's growth from the stored regions' employment, 2015 to 2022.
    const { placeOpportunities } = await import("../../src/profile/opportunitiesService.js");
    const result = await placeOpportunities(itlDatabase, "TLC1", { growth: 1 });
    expect(result.sources.growth).toBe(
      'employment growth of all stored places of kind "custom", 2015 to 2022',
    );
    expect(result.sources.deprivedAccess).toBeNull();
    // The first candidate's growth, summed again from the file over the regions stored.
    const first = result.ranked.find((entry) => entry.rank === 1)!;
    const bres = parse(
      readFileSync(
        sharedFile("employment_by_industry/bres_itl2_employment_by_sic_section_2015_2022.csv"),
      ),
      { columns: true },
    ) as Record<string, string>[];
    const sectionName = (
      await itlDatabase.query<{ name: string }>("select name from industries where code = $1", [
        first.code,
      ])
    )[0]!.name;
    const storedNames = new Set(itl2.values());
    const jobs = (year: string): number =>
      bres
        .filter(
          (row) =>
            row.DATE === year &&
            storedNames.has(row.GEOGRAPHY_NAME!) &&
            row
              .SIC_SECTION_NAME!.toLowerCase()
              .startsWith(sectionName.toLowerCase().slice(0, 12)) &&
            row.COUNT !== "" &&
            row.COUNT !== "NA",
        )
        .reduce((sum, row) => sum + Number(row.COUNT), 0);
    expect(jobs("2015")).toBeGreaterThan(0);
    expect(first.contributions[0]!.criterion).toBe("growth");
    expect(first.contributions[0]!.value).toBeCloseTo(jobs("2022") / jobs("2015") - 1, 9);
    await itlDatabase.close();
  });

  test("import hexjson: the Open Innovations hex map of UK local authority districts (2023)", async () => {
    const summary = await importFile(database, {
      kind: "hexjson",
      path: sharedFile("geography/uk-local-authority-districts-2023.hexjson"),
      layoutName: "UK local authority districts (2023)",
    });
    expect(summary.rows).toBe(361);
    const layout = await getLayout(database, "uk-local-authority-districts-2023");
    expect(layout.content).toMatchObject({ layout: "odd-r" });
    expect((layout.content as { hexes: Record<string, unknown> }).hexes).toHaveProperty(
      "E06000001",
    );
  });
});
