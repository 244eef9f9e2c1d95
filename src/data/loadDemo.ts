import { createHash } from "node:crypto";
import type { DemoData } from "../demo/index.js";
import type { Database } from "../store/database.js";
import {
  employmentColumns,
  observationColumns,
  upsertIndicators,
  upsertIndustryAttributes,
  upsertPlaces,
} from "./storeRows.js";

/** What {@link loadDemo} stored. */
export interface DemoSummary {
  regionName: string;
  places: number;
  indicators: number;
  observations: number;
  employment: number;
  layouts: number;
}

/**
 * Stores the demo region in one transaction, replacing an earlier copy of it: its places (marked
 * fictional), indicators, observations, employment and hex layouts, under one provenance row.
 */
export async function loadDemo(
  database: Database,
  demo: DemoData,
  seed: number,
): Promise<DemoSummary> {
  const codes = demo.places.map((place) => place.code);
  await database.transaction(async (transaction) => {
    const [dataset] = await transaction.query<{ id: number }>(
      `insert into datasets (kind, file_name, sha256, source, licence, rows)
       values ('demo', $1, $2, 'Placefirst demo generator (fictional)', 'CC0-1.0', $3)
       on conflict (kind, sha256) do update set imported_at = now() returning id`,
      [
        `demo region, seed ${seed}`,
        createHash("sha256").update(JSON.stringify(demo)).digest("hex"),
        demo.observations.length + demo.employment.length + demo.neighbourhoodEmployment.length,
      ],
    );
    const datasetId = dataset!.id;
    await transaction.query("delete from observations where place_code = any($1::text[])", [codes]);
    await transaction.query("delete from employment where place_code = any($1::text[])", [codes]);
    await upsertPlaces(transaction, demo.places, datasetId, true);
    await upsertIndicators(transaction, demo.indicators, datasetId);
    const observations = demo.observations;
    await transaction.copyInto(
      "observations",
      [...observationColumns, { name: "dataset_id", type: "int4" }],
      [
        observations.map((row) => row.placeCode),
        observations.map((row) => row.indicatorId),
        observations.map((row) => row.period),
        observations.map((row) => row.value),
        observations.map((row) => row.lower),
        observations.map((row) => row.upper),
        observations.map((row) => row.status),
        observations.map((row) => row.note),
        observations.map(() => datasetId),
      ],
    );
    const employment = [...demo.employment, ...demo.neighbourhoodEmployment];
    await transaction.copyInto(
      "employment",
      [...employmentColumns, { name: "dataset_id", type: "int4" }],
      [
        employment.map((row) => row.placeCode),
        employment.map((row) => row.industryCode),
        employment.map((row) => row.period),
        employment.map((row) => row.employees),
        employment.map(() => datasetId),
      ],
    );
    const attributes = demo.industryAttributes.flatMap(
      (industry) =>
        [
          [industry.industryCode, "median_pay", industry.medianPay],
          [industry.industryCode, "non_graduate_share", industry.nonGraduateShare],
          [industry.industryCode, "growth", industry.growth],
          [industry.industryCode, "emissions_intensity", industry.emissionsIntensity],
        ] as const,
    );
    await upsertIndustryAttributes(transaction, attributes, datasetId);
    for (const layout of demo.layouts) {
      await transaction.query(
        `insert into layouts (id, kind, name, content, fictional, dataset_id)
         values ($1, 'hexjson', $2, $3::jsonb, true, $4)
         on conflict (id) do update set name = excluded.name, content = excluded.content,
           fictional = true, dataset_id = excluded.dataset_id`,
        [layout.id, layout.name, JSON.stringify(layout.hexjson), datasetId],
      );
    }
  });
  return {
    regionName: demo.regionName,
    places: demo.places.length,
    indicators: demo.indicators.length,
    observations: demo.observations.length,
    employment: demo.employment.length + demo.neighbourhoodEmployment.length,
    layouts: demo.layouts.length,
  };
}
