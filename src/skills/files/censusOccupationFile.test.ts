import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, test } from "vitest";
import { hasSharedData, sharedFile } from "../../../test/helpers/sharedData.js";
import { InputError } from "../../core/errors.js";
import { qualificationLevels, skillsGapForPlaces } from "../methods/index.js";
import type { OccupationLevelShare, SkillsGapPlace } from "../methods/index.js";
import { readCensusOccupationFile } from "./censusOccupationFile.js";

const header = "area_code,area_name,occupation,value\n";
const allGroups = (code: string) =>
  [
    "Managers, directors and senior officials",
    "Professional occupations",
    "Associate professional and technical occupations",
    "Administrative and secretarial occupations",
    "Skilled trades occupations",
    "Caring, leisure and other service occupations",
    "Sales and customer service occupations",
    "Process, plant and machine operatives",
    "9. Elementary occupations",
  ]
    .map((label, index) => `${code},Somewhere,"${label}",${(index + 1) * 10}`)
    .join("\n");

describe("readCensusOccupationFile", () => {
  test("readCensusOccupationFile reads the nine major groups by name, numbered or not", async () => {
    const [place] = await readCensusOccupationFile(`${header}${allGroups("E08000001")}\n`, "t.csv");
    expect(place!.placeCode).toBe("E08000001");
    expect(place!.placeName).toBe("Somewhere");
    expect([...place!.counts]).toEqual([
      ["1", 10],
      ["2", 20],
      ["3", 30],
      ["4", 40],
      ["5", 50],
      ["6", 60],
      ["7", 70],
      ["8", 80],
      ["9", 90],
    ]);
    expect(place!.total).toBe(450);
  });

  test("readCensusOccupationFile rejects an unknown label, a repeat and a missing group", async () => {
    const unknown = await readCensusOccupationFile(
      `${header}E08000001,Somewhere,Astronauts,5\n`,
      "t.csv",
    ).catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(InputError);
    expect((unknown as InputError).message).toMatch(
      /t.csv, line 2, column "occupation": expected a SOC 2020 major group's name/,
    );
    const missing = await readCensusOccupationFile(
      `${header}E08000001,Somewhere,Professional occupations,5\n`,
      "t.csv",
    ).catch((error: unknown) => error);
    expect((missing as InputError).message).toMatch(
      /place E08000001 has no count for major group 1, 3, 4, 5, 6, 7, 8, 9/,
    );
    const repeated = await readCensusOccupationFile(
      `${header}${allGroups("E08000001")}\nE08000001,Somewhere,Professional occupations,5\n`,
      "t.csv",
    ).catch((error: unknown) => error);
    expect((repeated as InputError).message).toMatch(/line 11.*already has major group 2/);
  });
});

if (!hasSharedData) {
  console.warn(
    "Skipping the real-data skills tests: ../shared/data is not beside the project (set PLACEFIRST_SHARED_DATA).",
  );
}

describe.skipIf(!hasSharedData)("the skills gap on Census 2021 data for Greater Manchester", () => {
  const occupationPath = sharedFile(
    "employment_by_industry/census2021_occupation_la_greater_manchester.csv",
  );
  const industryPath = sharedFile(
    "employment_by_industry/census2021_industry_division_la_greater_manchester.csv",
  );

  /** Residents in employment by place and industry name, from the Census industry table. */
  function industryCounts(): Map<string, Map<string, number>> {
    const rows = parse(readFileSync(industryPath), { columns: true }) as Record<string, string>[];
    const byPlace = new Map<string, Map<string, number>>();
    for (const row of rows) {
      const place = byPlace.get(row.area_code!) ?? new Map<string, number>();
      place.set(row.industry!, Number(row.value));
      byPlace.set(row.area_code!, place);
    }
    return byPlace;
  }

  test("readCensusOccupationFile reads the ten districts, whose totals match the industry table", async () => {
    const places = await readCensusOccupationFile(occupationPath);
    expect(places.map((place) => place.placeCode)).toEqual(
      Array.from({ length: 10 }, (_, index) => `E080000${String(index + 1).padStart(2, "0")}`),
    );
    expect(places[0]!.placeName).toBe("Bolton");
    const industries = industryCounts();
    for (const place of places) {
      // Both tables count the same residents; ONS's cell perturbation moves totals by a few.
      const industryTotal = [...industries.get(place.placeCode)!.values()].reduce((a, b) => a + b);
      expect(Math.abs(place.total - industryTotal) / industryTotal).toBeLessThan(1e-3);
    }
  });

  test("skillsGapForPlaces on the ten districts: with no change, demand is replacement of each group's workers", async () => {
    // There is no public industry x occupation table here, so every industry takes the
    // district's own occupation mix: the Census 2021 occupation shares of its residents. The
    // level mix and replacement rates are illustrative, the same for every group.
    const places = await readCensusOccupationFile(occupationPath);
    const industries = industryCounts();
    const occupationLevel: OccupationLevelShare[] = [
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
    ].flatMap((occupation) =>
      qualificationLevels.map((level) => ({ occupation, level, share: 0.2 })),
    );
    const rate = 0.03;
    const results = places.map((place) => {
      const industryOccupation = [...industries.get(place.placeCode)!.keys()].flatMap((industry) =>
        [...place.counts].map(([occupation, count]) => ({
          industry,
          occupation,
          share: count / place.total,
        })),
      );
      const gapPlace: SkillsGapPlace = {
        placeCode: place.placeCode,
        plan: [...industries.get(place.placeCode)!].map(([industry, employment]) => ({
          industry,
          baseline: employment,
          target: employment,
        })),
        supply: qualificationLevels.map((level) => ({ level, supply: 0 })),
      };
      const [result] = skillsGapForPlaces(
        {
          industryOccupation,
          occupationLevel,
          replacement: [...place.counts.keys()].map((occupation) => ({ occupation, rate })),
        },
        [gapPlace],
        { years: 5, uncertainty: { replications: 500, seed: 2021 } },
      );
      return { place, result: result! };
    });
    for (const { place, result } of results) {
      const employment = [...industries.get(place.placeCode)!.values()].reduce((a, b) => a + b);
      for (const row of result.byOccupation) {
        const share = place.counts.get(row.occupation)! / place.total;
        expect(row.expansion).toBeCloseTo(0, 6);
        expect(row.demand).toBeCloseTo(rate * 5 * employment * share, 6);
        expect(row.range![0]).toBeLessThanOrEqual(row.gap);
        expect(row.gap).toBeLessThanOrEqual(row.range![1]);
      }
      // A fifth of the openings at each level: 40% at level 2 or below, 20% at level 3.
      expect(result.accessibleShare.level2orBelow).toBeCloseTo(0.4, 9);
      expect(result.accessibleShare.level3).toBeCloseTo(0.2, 9);
    }
    // Bolton's professionals: 21,197 of 125,438 residents in employment.
    const bolton = results[0]!.result.byOccupation.find((row) => row.occupation === "2")!;
    expect(bolton.demand).toBeCloseTo(0.03 * 5 * 125_439 * (21_197 / 125_438), 6);
  });
});
