import { createHash } from "node:crypto";
import type { DemoData } from "../demo/index.js";
import type { Database } from "../store/database.js";
import { insertUnnest } from "../store/copyRows.js";

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
        demo.observations.length + demo.employment.length,
      ],
    );
    const datasetId = dataset!.id;
    await transaction.query("delete from observations where place_code = any($1::text[])", [codes]);
    await transaction.query("delete from employment where place_code = any($1::text[])", [codes]);
    await insertUnnest(
      transaction,
      "places",
      [
        { name: "code", type: "text" },
        { name: "name", type: "text" },
        { name: "kind", type: "text" },
        { name: "parent_code", type: "text" },
        { name: "population", type: "int8" },
        { name: "fictional", type: "bool" },
        { name: "dataset_id", type: "int4" },
      ],
      [
        codes,
        demo.places.map((place) => place.name),
        demo.places.map((place) => place.kind),
        demo.places.map((place) => place.parentCode),
        demo.places.map((place) => place.population),
        demo.places.map(() => true),
        demo.places.map(() => datasetId),
      ],
      `on conflict (code) do update set name = excluded.name, kind = excluded.kind,
         parent_code = excluded.parent_code, population = excluded.population,
         fictional = true, dataset_id = excluded.dataset_id`,
    );
    await insertUnnest(
      transaction,
      "indicators",
      [
        { name: "id", type: "text" },
        { name: "name", type: "text" },
        { name: "goal", type: "text" },
        { name: "unit", type: "text" },
        { name: "polarity", type: "int2" },
        { name: "source", type: "text" },
        { name: "licence", type: "text" },
        { name: "dataset_id", type: "int4" },
      ],
      [
        demo.indicators.map((indicator) => indicator.id),
        demo.indicators.map((indicator) => indicator.name),
        demo.indicators.map((indicator) => indicator.goal),
        demo.indicators.map((indicator) => indicator.unit),
        demo.indicators.map((indicator) => indicator.polarity),
        demo.indicators.map((indicator) => indicator.source),
        demo.indicators.map((indicator) => indicator.licence),
        demo.indicators.map(() => datasetId),
      ],
      `on conflict (id) do update set name = excluded.name, goal = excluded.goal,
         unit = excluded.unit, polarity = excluded.polarity, source = excluded.source,
         licence = excluded.licence, dataset_id = excluded.dataset_id`,
    );
    const observations = demo.observations;
    await transaction.copyInto(
      "observations",
      [
        { name: "place_code", type: "text" },
        { name: "indicator_id", type: "text" },
        { name: "period", type: "text" },
        { name: "value", type: "float8" },
        { name: "lower", type: "float8" },
        { name: "upper", type: "float8" },
        { name: "status", type: "text" },
        { name: "note", type: "text" },
        { name: "dataset_id", type: "int4" },
      ],
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
    const employment = demo.employment;
    await transaction.copyInto(
      "employment",
      [
        { name: "place_code", type: "text" },
        { name: "industry_code", type: "text" },
        { name: "period", type: "text" },
        { name: "employees", type: "float8" },
        { name: "dataset_id", type: "int4" },
      ],
      [
        employment.map((row) => row.placeCode),
        employment.map((row) => row.industryCode),
        employment.map((row) => row.period),
        employment.map((row) => row.employees),
        employment.map(() => datasetId),
      ],
    );
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
    employment: demo.employment.length,
    layouts: demo.layouts.length,
  };
}
