import type { FastifyInstance } from "fastify";
import { toCsv } from "../core/formatRows.js";
import type { Indicator, Observation, Place } from "../core/vocabulary.js";
import { page, sendCsv } from "../web/page.js";
import { employmentCsvColumns, observationCsvColumns, placeCsvColumns } from "./csvColumns.js";
import type { Queryable } from "../store/database.js";
import { barChart, hexMap, lineChart } from "../web/charts/index.js";
import {
  employmentPeriods,
  getPlace,
  hexLayoutFor,
  listDatasets,
  listEmployment,
  listIndicators,
  listObservations,
  listPlaces,
  sumChildEmployment,
} from "./service.js";

/** The pages of places and data: the start page, the places, one place, the data sources. */
export async function dataPages(app: FastifyInstance): Promise<void> {
  const database = app.database;

  app.get("/", { schema: { hide: true } }, async (request, reply) => {
    const places = await listPlaces(database);
    const top = places.filter((place) => place.kind === "region" || place.kind === "nation");
    const districts = places.filter((place) => place.kind === "district");
    const map = await overviewMap(database, districts);
    return page(reply, request, "data/views/home.njk", "Placefirst", {
      top,
      districts,
      map,
      fictional: places.some((place) => place.fictional),
      counts: await counts(database),
    });
  });

  app.get("/places", { schema: { hide: true } }, async (request, reply) => {
    const kind = (request.query as { kind?: string }).kind;
    const places = await listPlaces(database);
    const shown = kind === undefined ? places : places.filter((place) => place.kind === kind);
    const names = new Map(places.map((place) => [place.code, place.name]));
    return page(reply, request, "data/views/places.njk", "Places", {
      places: shown.map((place) => ({ ...place, parentName: names.get(place.parentCode ?? "") })),
      kinds: [...new Set(places.map((place) => place.kind))],
      kind,
      fictional: shown.some((place) => place.fictional),
    });
  });

  app.get("/places.csv", { schema: { hide: true } }, async (_request, reply) =>
    sendCsv(reply, "places.csv", toCsv(await listPlaces(database), placeCsvColumns)),
  );

  app.get("/places/:code", { schema: { hide: true } }, async (request, reply) => {
    const { code } = request.params as { code: string };
    const place = await getPlace(database, code);
    const [indicators, observations, parentObservations] = await Promise.all([
      listIndicators(database),
      listObservations(database, { placeCode: code }),
      place.parent === null
        ? Promise.resolve([])
        : listObservations(database, { placeCode: place.parent.code }),
    ]);
    const periods = await employmentPeriods(database, code);
    let latest = periods.at(-1);
    let employment =
      latest === undefined
        ? []
        : await listEmployment(database, { placeCode: code, period: latest });
    // A region often has employment only for its districts: show their sum, and say so.
    let summedOver: number | undefined;
    if (employment.length === 0 && place.children.length > 0) {
      const summed = await sumChildEmployment(database, code);
      if (summed !== undefined) {
        ({ period: latest, rows: employment, places: summedOver } = summed);
      }
    }
    const childMap =
      place.children.length > 0 ? await overviewMap(database, place.children) : undefined;
    return page(reply, request, "data/views/place.njk", place.name, {
      place,
      indicators: indicatorPanels(place, indicators, observations, parentObservations),
      employment: employmentPanel(place, employment, latest),
      employmentSummedOver: summedOver,
      childMap,
      fictional: place.fictional,
    });
  });

  app.get("/places/:code/observations.csv", { schema: { hide: true } }, async (request, reply) => {
    const { code } = request.params as { code: string };
    await getPlace(database, code);
    const rows = await listObservations(database, { placeCode: code });
    return sendCsv(reply, `${code}-observations.csv`, toCsv(rows, observationCsvColumns));
  });

  app.get("/places/:code/employment.csv", { schema: { hide: true } }, async (request, reply) => {
    const { code } = request.params as { code: string };
    await getPlace(database, code);
    const rows = await listEmployment(database, { placeCode: code });
    return sendCsv(reply, `${code}-employment.csv`, toCsv(rows, employmentCsvColumns));
  });

  app.get("/data", { schema: { hide: true } }, async (request, reply) =>
    page(reply, request, "data/views/data.njk", "Data and sources", {
      datasets: await listDatasets(database),
      indicators: await listIndicators(database),
    }),
  );
}

async function counts(database: Queryable): Promise<Record<string, number>> {
  const [row] = await database.query<Record<string, number>>(
    `select (select count(*) from places)::int as places,
            (select count(*) from indicators)::int as indicators,
            (select count(*) from observations)::int as observations,
            (select count(*) from employment)::int as employment`,
  );
  return row ?? {};
}

/**
 * The hex map that shows the most of `places`: the stored HexJSON layout with the most hexes
 * among their codes, each hex linking to its place's page.
 */
async function overviewMap(
  database: Queryable,
  places: readonly Place[],
): Promise<{ svg: string; name: string; shown: number } | undefined> {
  const found = await hexLayoutFor(
    database,
    places.map((place) => place.code),
  );
  if (found === undefined) return undefined;
  const hexes = found.layout.hexes;
  const names = new Map(places.map((place) => [place.code, place.name]));
  const svg = hexMap({
    layout: found.layout,
    title: `Map of ${places.length} places (${found.name})`,
    href: (code) => (names.has(code) ? `/places/${encodeURIComponent(code)}` : undefined),
    label: (code) => names.get(code) ?? code,
    showLabels: Object.keys(hexes).length <= 30,
  });
  return { svg, name: found.name, shown: Object.keys(hexes).length };
}

interface IndicatorPanel {
  indicator: Indicator;
  chart: string;
  rows: { period: string; value: number | null; comparison: number | null; status: string }[];
  comparisonName: string | undefined;
  latest: Observation | undefined;
  /** Decimal places to show, the most any value of the panel has (at most 2). */
  decimals: number;
}

function indicatorPanels(
  place: Place & { parent: Place | null },
  indicators: readonly Indicator[],
  observations: readonly Observation[],
  parentObservations: readonly Observation[],
): IndicatorPanel[] {
  const byIndicator = groupBy(observations, (observation) => observation.indicatorId);
  const parentByIndicator = groupBy(parentObservations, (observation) => observation.indicatorId);
  const panels: IndicatorPanel[] = [];
  for (const indicator of indicators) {
    const own = byIndicator.get(indicator.id);
    if (own === undefined) continue;
    const comparison = new Map(
      (parentByIndicator.get(indicator.id) ?? []).map((observation) => [
        observation.period,
        observation,
      ]),
    );
    const series = [
      {
        label: place.name,
        points: own.map((observation) => ({
          period: observation.period,
          value: observation.value,
          lower: observation.lower,
          upper: observation.upper,
        })),
      },
    ];
    if (place.parent !== null && comparison.size > 0) {
      series.push({
        label: place.parent.name,
        points: own.map((observation) => ({
          period: observation.period,
          value: comparison.get(observation.period)?.value ?? null,
          lower: null,
          upper: null,
        })),
      });
    }
    panels.push({
      indicator,
      chart: lineChart({ title: `${indicator.name}, ${place.name}`, unit: indicator.unit, series }),
      rows: own.map((observation) => ({
        period: observation.period,
        value: observation.value,
        comparison: comparison.get(observation.period)?.value ?? null,
        status: observation.status,
      })),
      comparisonName: series.length > 1 ? place.parent?.name : undefined,
      latest: own.at(-1),
      decimals: decimalPlaces([
        ...own.map((observation) => observation.value),
        ...[...comparison.values()].map((observation) => observation.value),
      ]),
    });
  }
  return panels;
}

function employmentPanel(
  place: Place,
  rows: readonly {
    industryCode: string;
    industryName: string;
    employees: number;
    foundational: boolean;
  }[],
  period: string | undefined,
):
  | {
      period: string;
      chart: string;
      total: number;
      foundationalShare: number;
      rows: {
        code: string;
        name: string;
        employees: number;
        share: number;
        foundational: boolean;
      }[];
    }
  | undefined {
  if (period === undefined || rows.length === 0) return undefined;
  const total = rows.reduce((sum, row) => sum + row.employees, 0);
  const foundational = rows
    .filter((row) => row.foundational)
    .reduce((sum, row) => sum + row.employees, 0);
  const top = rows.slice(0, 15);
  return {
    period,
    total,
    foundationalShare: total > 0 ? (100 * foundational) / total : 0,
    chart: barChart({
      title: `The ${top.length} largest industries by employment, ${place.name}, ${period}`,
      bars: top.map((row) => ({
        label: row.industryName,
        value: row.employees,
        highlight: row.foundational,
      })),
      unit: "jobs",
    }),
    rows: rows.map((row) => ({
      code: row.industryCode,
      name: row.industryName,
      employees: row.employees,
      share: total > 0 ? (100 * row.employees) / total : 0,
      foundational: row.foundational,
    })),
  };
}

/** The most decimal places any of the values is written with, at most 2, so a column lines up. */
export function decimalPlaces(values: readonly (number | null)[]): number {
  let most = 0;
  for (const value of values) {
    if (value === null || !Number.isFinite(value)) continue;
    for (let places = most; places < 2; places++) {
      if (Math.abs(Math.round(value * 10 ** places) - value * 10 ** places) < 1e-6) break;
      most = places + 1;
    }
  }
  return most;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    const group = groups.get(name);
    if (group === undefined) groups.set(name, [item]);
    else group.push(item);
  }
  return groups;
}
