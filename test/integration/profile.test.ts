import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadDemo } from "../../src/data/loadDemo.js";
import { generateDemo } from "../../src/demo/index.js";
import { employmentMatrix } from "../../src/profile/employmentMatrix.js";
import { complexity } from "../../src/profile/methods/complexity.js";
import { locationQuotientMatrix } from "../../src/profile/methods/locationQuotient.js";
import { shiftShare } from "../../src/profile/methods/shiftShare.js";
import { strongIndustries } from "../../src/profile/methods/strongIndustries.js";
import { readEmploymentFile } from "../../src/profile/readEmploymentFile.js";
import { placeProfile } from "../../src/profile/service.js";
import type { Database } from "../../src/store/database.js";
import { hasSharedData, sharedFile } from "../helpers/sharedData.js";
import { backendName, testDatabase } from "../helpers/testDatabase.js";

if (!hasSharedData) {
  console.warn("Skipping the real-data profile tests: ../shared/data is not beside the project.");
}

describe.skipIf(!hasSharedData)("the profile methods on real employment data", () => {
  test("Census 2021 industry of residents in Greater Manchester runs through LQ, strong industries and complexity", async () => {
    const { counts } = await readEmploymentFile(
      sharedFile("employment_by_industry/census2021_industry_division_la_greater_manchester.csv"),
      { placeColumn: "area_code", industryColumn: "industry", valueColumn: "value" },
    );
    const matrix = employmentMatrix(counts);
    expect(matrix.placeCodes).toHaveLength(10);
    const places = matrix.placeCodes.length;
    const industries = matrix.industryCodes.length;
    const quotients = locationQuotientMatrix(matrix.values, places, industries);
    // Against the ten boroughs' own total, each industry's LQs average to 1 weighted by jobs.
    for (let column = 0; column < industries; column++) {
      let jobs = 0;
      let weighted = 0;
      for (let row = 0; row < places; row++) {
        const value = matrix.values[row * industries + column]!;
        if (value > 0) {
          jobs += value;
          weighted += value * quotients[row * industries + column]!;
        }
      }
      if (jobs > 0) {
        // sum_p x_pi * LQ_pi / sum_p x_pi is not 1 in general; the share-weighted sum is:
        // sum_p (X_p / X) * LQ_pi = 1 for each industry i.
        let shareWeighted = 0;
        const total = matrix.values.reduce((sum, value) => sum + value, 0);
        for (let row = 0; row < places; row++) {
          const placeTotal = matrix.values
            .subarray(row * industries, (row + 1) * industries)
            .reduce((sum, value) => sum + value, 0);
          const lq = quotients[row * industries + column]!;
          if (Number.isFinite(lq)) shareWeighted += (placeTotal / total) * lq;
        }
        expect(shareWeighted).toBeCloseTo(1, 9);
        expect(weighted).toBeGreaterThan(0);
      }
    }
    const strong = strongIndustries(matrix.values, places, industries);
    expect(strong.reduce((sum, flag) => sum + flag, 0)).toBeGreaterThan(0);
    const result = complexity(matrix.values, places, industries, { density: true });
    const finiteEci = Array.from(result.eci).filter((value) => Number.isFinite(value));
    expect(finiteEci).toHaveLength(10 - result.emptyPlaces.length);
    for (const value of result.density!)
      if (Number.isFinite(value)) expect(value).toBeGreaterThanOrEqual(0);
    for (const value of result.density!)
      if (Number.isFinite(value)) expect(value).toBeLessThanOrEqual(1);
  });

  test("opportunities for Bolton from the Census 2021 Greater Manchester industry table, each explained", async () => {
    const { opportunitiesFromFile } = await import("../../src/profile/opportunitiesFromFile.js");
    const ranked = await opportunitiesFromFile(
      sharedFile("employment_by_industry/census2021_industry_division_la_greater_manchester.csv"),
      "E08000001",
      { placeColumn: "area_code", industryColumn: "industry", valueColumn: "value" },
    );
    const candidates = ranked.filter((item) => item.rank !== null);
    expect(candidates.length).toBeGreaterThan(20);
    for (const item of candidates) {
      // Candidates are the industries without a specialisation (RCA below 1, or none at all
      // where the industry employs nobody in the ten boroughs).
      expect(item.rca < 1 || Number.isNaN(item.rca)).toBe(true);
      const sum = item.contributions.reduce(
        (total, contribution) => total + contribution.contribution,
        0,
      );
      if (Number.isFinite(item.attractiveness)) expect(sum).toBeCloseTo(item.attractiveness, 9);
    }
    const strengths = ranked.filter(
      (item) => item.classification === "strength" || item.classification === "weakness",
    );
    expect(strengths.every((item) => item.rca >= 1)).toBe(true);
  });

  test("BRES by ITL2 region and SIC section, 2015 to 2022, decomposes by shift-share to the exact change", async () => {
    const rows = parse(
      readFileSync(
        sharedFile("employment_by_industry/bres_itl2_employment_by_sic_section_2015_2022.csv"),
      ),
      {
        columns: true,
      },
    ) as Record<string, string>[];
    const folder = mkdtempSync(join(tmpdir(), "placefirst-bres-"));
    const write = (year: string): string => {
      const path = join(folder, `${year}.csv`);
      writeFileSync(
        path,
        [
          "place,industry,employment",
          ...rows
            .filter((row) => row.DATE === year)
            .map((row) => `"${row.GEOGRAPHY_NAME}","${row.SIC_SECTION_NAME}",${row.COUNT}`),
        ].join("\n"),
      );
      return path;
    };
    const start = employmentMatrix((await readEmploymentFile(write("2015"))).counts);
    const end = employmentMatrix((await readEmploymentFile(write("2022"))).counts, {
      placeCodes: start.placeCodes,
      industryCodes: start.industryCodes,
    });
    expect(start.placeCodes).toHaveLength(40);
    const width = start.industryCodes.length;
    const sums = (values: Float64Array): Float64Array => {
      const totals = new Float64Array(width);
      values.forEach((value, index) => (totals[index % width]! += value));
      return totals;
    };
    for (let row = 0; row < start.placeCodes.length; row++) {
      const localStart = start.values.subarray(row * width, (row + 1) * width);
      const localEnd = end.values.subarray(row * width, (row + 1) * width);
      const result = shiftShare({
        localStart,
        localEnd,
        benchmarkStart: sums(start.values),
        benchmarkEnd: sums(end.values),
      });
      const change =
        localEnd.reduce((sum, value) => sum + value, 0) -
        localStart.reduce((sum, value) => sum + value, 0);
      expect(
        result.totals.nationalShare + result.totals.industryMix + result.totals.localShare,
      ).toBeCloseTo(change, 6);
    }
  });
});

describe(`placeProfile on the demo (${backendName})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase();
    await loadDemo(database, generateDemo(20261128), 20261128);
  });
  afterAll(async () => {
    await database.close();
  });

  test("placeProfile(district) compares it with the region's districts and decomposes its change exactly", async () => {
    const profile = await placeProfile(database, "X08000002");
    expect(profile.comparison.count).toBe(14);
    expect(profile.period).toBe("2024");
    expect(profile.basePeriod).toBe("2015");
    expect(profile.industries.length).toBeGreaterThanOrEqual(80);
    expect(profile.foundationalShare).toBeGreaterThanOrEqual(0.35);
    const totals = profile.shiftShare!.totals;
    expect(totals.nationalShare + totals.industryMix + totals.localShare).toBeCloseTo(
      totals.change,
      6,
    );
    expect(profile.complexity.rank).toBeGreaterThanOrEqual(1);
    expect(profile.complexity.rank).toBeLessThanOrEqual(14);
  });

  test("placeProfile of a specialised district finds its cluster among its strong industries", async () => {
    const ranked = await Promise.all(
      Array.from({ length: 14 }, (_, index) =>
        placeProfile(database, `X080000${String(index + 1).padStart(2, "0")}`),
      ),
    );
    const strongest = ranked.map((profile) =>
      Math.max(...profile.industries.map((industry) => industry.locationQuotient ?? 0)),
    );
    // The demo's specialised districts have a cluster with an LQ above 2, and it is strong.
    const specialised = ranked.filter((_, index) => strongest[index]! > 2);
    expect(specialised.length).toBeGreaterThanOrEqual(2);
    for (const profile of specialised) {
      const top = [...profile.industries].sort(
        (a, b) => (b.locationQuotient ?? 0) - (a.locationQuotient ?? 0),
      )[0]!;
      expect(top.strong).toBe(true);
    }
  });
});

describe(`placeOpportunities on the demo (${backendName})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase();
    await loadDemo(database, generateDemo(20261128), 20261128);
  });
  afterAll(async () => {
    await database.close();
  });

  test("placeOpportunities(district) ranks the industries it does not specialise in, each explained", async () => {
    const { placeOpportunities } = await import("../../src/profile/opportunitiesService.js");
    const result = await placeOpportunities(database, "X08000002");
    const ranked = result.ranked.filter((item) => item.rank !== null);
    expect(ranked.length).toBeGreaterThan(10);
    expect(ranked[0]!.rank).toBe(1);
    for (const item of ranked) {
      expect(
        item.classification === "opportunity" || item.classification === "possible entrant",
      ).toBe(true);
      const sum = item.contributions.reduce(
        (total, contribution) => total + contribution.contribution,
        0,
      );
      expect(sum).toBeCloseTo(item.attractiveness, 9);
    }
    // Weighting emissions alone puts low-emission industries first among equals in feasibility.
    const green = await placeOpportunities(database, "X08000002", { emissions: 1 });
    const first = green.ranked.find((item) => item.rank === 1)!;
    expect(first.contributions.map((contribution) => contribution.criterion)).toEqual([
      "emissions",
    ]);
    await expect(placeOpportunities(database, "X08000002", { prestige: 1 })).rejects.toThrow(
      /unknown criterion/,
    );
  });

  test("placeOpportunities(district) measures access from its most deprived neighbourhoods", async () => {
    const { placeOpportunities } = await import("../../src/profile/opportunitiesService.js");
    const { deprivedAccess } = await import("../../src/profile/methods/deprivedAccess.js");
    const result = await placeOpportunities(database, "X08000002", { deprivedAccess: 1 });
    expect(result.sources.deprivedAccess).toMatch(
      /^employment in \d+ neighbourhoods of .+ in 2024; the most deprived fifth by Deprivation score/,
    );
    expect(result.sources.growth).toBe("industry attributes");
    // The first candidate's value, worked again from the stored neighbourhood rows by the pure
    // method with two columns: the industry, and every other industry together.
    const first = result.ranked.find((item) => item.rank === 1)!;
    const places = await database.query<{ code: string }>(
      "select code from places where parent_code = 'X08000002' order by code",
    );
    const codes = places.map((place) => place.code);
    const own = await database.query<{ place: string; employees: number }>(
      `select place_code as place, employees from employment
       where industry_code = $2 and period = '2024' and place_code = any($1::text[])`,
      [codes, first.code],
    );
    const all = await database.query<{ place: string; employees: number }>(
      `select place_code as place, sum(employees)::float8 as employees from employment
       where period = '2024' and place_code = any($1::text[]) group by place_code`,
      [codes],
    );
    const scores = await database.query<{ place: string; value: number }>(
      `select place_code as place, value from observations
       where indicator_id = 'imd_score' and period = '2024' and place_code = any($1::text[])`,
      [codes],
    );
    const industry = codes.map((code) => own.find((row) => row.place === code)!.employees);
    const others = codes.map(
      (code, index) => all.find((row) => row.place === code)!.employees - industry[index]!,
    );
    const expected = deprivedAccess(
      codes.flatMap((_, index) => [industry[index]!, others[index]!]),
      codes.length,
      2,
      codes.map((code) => scores.find((row) => row.place === code)!.value),
    )[0]!;
    expect(first.contributions[0]!.criterion).toBe("deprivedAccess");
    expect(first.contributions[0]!.value).toBeCloseTo(expected, 9);
    const ranked = result.ranked.filter((item) => item.rank !== null);
    const values = ranked.map((item) => item.contributions[0]?.value ?? Number.NaN);
    expect(values.filter(Number.isFinite).length).toBeGreaterThan(10);
  });
});
