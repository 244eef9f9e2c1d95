import type { Indicator, Place } from "../core/vocabulary.js";
import { insertUnnest } from "../store/copyRows.js";
import type { CopyColumn, Queryable } from "../store/database.js";

/**
 * Stores places, replacing those with the same code. A population left empty keeps the stored
 * one, so a file of names and kinds does not erase populations.
 */
export async function upsertPlaces(
  transaction: Queryable,
  places: readonly Omit<Place, "fictional">[],
  datasetId: number,
  fictional = false,
): Promise<void> {
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
      places.map((place) => place.code),
      places.map((place) => place.name),
      places.map((place) => place.kind),
      places.map((place) => place.parentCode),
      places.map((place) => place.population),
      places.map(() => fictional),
      places.map(() => datasetId),
    ],
    `on conflict (code) do update set name = excluded.name, kind = excluded.kind,
       parent_code = excluded.parent_code,
       population = coalesce(excluded.population, places.population),
       fictional = excluded.fictional, dataset_id = excluded.dataset_id`,
  );
}

/** Stores indicator definitions, replacing those with the same id. */
export async function upsertIndicators(
  transaction: Queryable,
  indicators: readonly Indicator[],
  datasetId: number,
): Promise<void> {
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
      indicators.map((indicator) => indicator.id),
      indicators.map((indicator) => indicator.name),
      indicators.map((indicator) => indicator.goal),
      indicators.map((indicator) => indicator.unit),
      indicators.map((indicator) => indicator.polarity),
      indicators.map((indicator) => indicator.source),
      indicators.map((indicator) => indicator.licence),
      indicators.map(() => datasetId),
    ],
    `on conflict (id) do update set name = excluded.name, goal = excluded.goal,
       unit = excluded.unit, polarity = excluded.polarity, source = excluded.source,
       licence = excluded.licence, dataset_id = excluded.dataset_id`,
  );
}

/** The columns of an observation row, in the order importers and the demo write them. */
export const observationColumns: readonly CopyColumn[] = [
  { name: "place_code", type: "text" },
  { name: "indicator_id", type: "text" },
  { name: "period", type: "text" },
  { name: "value", type: "float8" },
  { name: "lower", type: "float8" },
  { name: "upper", type: "float8" },
  { name: "status", type: "text" },
  { name: "note", type: "text" },
];

/** The columns of an employment row, in the order importers and the demo write them. */
export const employmentColumns: readonly CopyColumn[] = [
  { name: "place_code", type: "text" },
  { name: "industry_code", type: "text" },
  { name: "period", type: "text" },
  { name: "employees", type: "float8" },
];

/** Stores industry attributes `[industry code, attribute, value]`, replacing earlier values. */
export async function upsertIndustryAttributes(
  transaction: Queryable,
  rows: readonly (readonly [industryCode: string, attribute: string, value: number])[],
  datasetId: number,
): Promise<void> {
  await insertUnnest(
    transaction,
    "industry_attributes",
    [
      { name: "industry_code", type: "text" },
      { name: "attribute", type: "text" },
      { name: "value", type: "float8" },
      { name: "dataset_id", type: "int4" },
    ],
    [
      rows.map((row) => row[0]),
      rows.map((row) => row[1]),
      rows.map((row) => row[2]),
      rows.map(() => datasetId),
    ],
    `on conflict (industry_code, attribute) do update set value = excluded.value,
       dataset_id = excluded.dataset_id`,
  );
}
