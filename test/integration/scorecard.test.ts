import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { importFile } from "../../src/data/importFile.js";
import { indicatorIdFor } from "../../src/data/importers/indicatorIdFor.js";
import { loadFramework } from "../../src/scorecard/framework.js";
import { scorecardFromFile, scorecardFromStore } from "../../src/scorecard/service.js";
import { shippedFrameworks } from "../../src/scorecard/shippedFrameworks.js";
import type { Database } from "../../src/store/database.js";
import { hasSharedData, sharedFile } from "../helpers/sharedData.js";
import { backendName, testDatabase } from "../helpers/testDatabase.js";

if (!hasSharedData) {
  console.warn("Skipping the UK scorecard tests: ../shared/data is not beside the project.");
}

const folder = mkdtempSync(join(tmpdir(), "placefirst-uk-scorecard-"));
let tidyPath = "";
let clusteringPath = "";
let database: Database | undefined;

beforeAll(async () => {
  if (!hasSharedData) return;
  // The ONS clustering inputs hold rows for regions and nations too, some twice and some with no
  // code; the local authority districts and the UK are kept, as a council analyst would.
  const rows = parse(readFileSync(sharedFile("indicators/ons_la_clustering_indicators_2025.csv")), {
    columns: true,
    bom: true,
  }) as Record<string, string>[];
  const kept = rows.filter((row) =>
    /^(E06|E07|E08|E09|W06|S12|N09)|^K02000001$/.test(row.AREACD ?? ""),
  );
  const quote = (text: string): string => `"${text.replaceAll('"', '""')}"`;
  tidyPath = join(folder, "uk-observations.csv");
  writeFileSync(
    tidyPath,
    [
      "place,indicator,period,value",
      ...kept.map((row) =>
        [row.AREACD, indicatorIdFor(row.Indicator!), quote(row.Period!), row.Value].join(","),
      ),
    ].join("\n"),
  );
  clusteringPath = join(folder, "clustering-districts.csv");
  writeFileSync(
    clusteringPath,
    [
      "AREACD,Indicator,Period,Value",
      ...kept.map((row) =>
        [row.AREACD, quote(row.Indicator!), quote(row.Period!), row.Value].join(","),
      ),
    ].join("\n"),
  );
  database = await testDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe.skipIf(!hasSharedData)(`the UK scorecard on real ONS indicators (${backendName})`, () => {
  test("scorecardFromFile(UK districts, uk-local-authorities) scores and ranks every district", async () => {
    const framework = await loadFramework(shippedFrameworks["uk-local-authorities"]!);
    const report = await scorecardFromFile(tidyPath, framework);
    const scored = report.places.filter((place) => place.score !== null);
    expect(scored.length).toBeGreaterThan(300);
    // Ranks run from 1 with no gaps but ties, and follow the scores.
    expect(scored[0]!.rank).toBe(1);
    for (let index = 1; index < scored.length; index++) {
      expect(scored[index]!.score!).toBeLessThanOrEqual(scored[index - 1]!.score!);
      expect(scored[index]!.rank!).toBeGreaterThanOrEqual(scored[index - 1]!.rank!);
    }
    for (const place of scored) {
      expect(place.score!).toBeGreaterThanOrEqual(0);
      expect(place.score!).toBeLessThanOrEqual(100);
      expect(Object.keys(place.goals)).toEqual([
        "prosperity",
        "jobs",
        "equality",
        "sustainability",
        "wellbeing",
      ]);
    }
    // Compared with the UK's own values, some districts are left behind, and say why.
    const behind = scored.filter((place) => place.leftBehind);
    expect(behind.length).toBeGreaterThan(0);
    expect(behind.length).toBeLessThan(scored.length / 2);
    expect(behind[0]!.leftBehindReasons.join(" ")).toMatch(/UK level/);
    expect(report.periods.gross_median_weekly_pay).toBe("2024-04");
  });

  test("scorecardFromStore gives the same ranks after the file is imported", async () => {
    await importFile(database!, {
      kind: "places",
      path: sharedFile("lookups/ons_gss_codes_area_names.csv"),
      codeColumn: "AREACD",
      nameColumn: "AREANM",
      kindColumn: "Geography",
    });
    await importFile(database!, {
      kind: "observations",
      path: clusteringPath,
      placeColumn: "AREACD",
      indicatorColumn: "Indicator",
      periodColumn: "Period",
      valueColumn: "Value",
      skipUnknownPlaces: true,
    });
    const framework = await loadFramework(shippedFrameworks["uk-local-authorities"]!);
    const fromStore = await scorecardFromStore(database!, framework);
    const fromFile = await scorecardFromFile(tidyPath, framework);
    const ranks = (report: typeof fromFile): Map<string, number | null> =>
      new Map(report.places.map((place) => [place.place, place.rank]));
    const stored = ranks(fromStore);
    // The store lacks the few 2023 district codes that the ONS list predates; the rest agree.
    let compared = 0;
    for (const [place, rank] of ranks(fromFile)) {
      if (!stored.has(place)) continue;
      compared++;
      if (rank !== null) expect(stored.get(place)).not.toBeNull();
    }
    expect(compared).toBeGreaterThan(300);
    expect(fromStore.places.find((place) => place.place === "E06000001")?.name).toBe("Hartlepool");
  });

  test("scorecardFromFile with uncertainty gives each district a 5-95% rank interval around its rank", async () => {
    const framework = await loadFramework(shippedFrameworks["uk-local-authorities"]!);
    const report = await scorecardFromFile(tidyPath, framework, {
      uncertainty: { replications: 400, seed: 7 },
    });
    const scored = report.places.filter((place) => place.rank !== null);
    for (const place of scored) {
      const [low, high] = place.rankInterval!;
      expect(low).toBeLessThanOrEqual(high);
      expect(low).toBeGreaterThanOrEqual(1);
      expect(high).toBeLessThanOrEqual(scored.length);
    }
    expect(report.sensitivity!.map((item) => item.assumption).sort()).toEqual([
      "aggregation",
      "normalisation",
      "weights",
    ]);
  });
});
