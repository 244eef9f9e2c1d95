import { NotFoundError } from "../core/errors.js";
import type { HexJson } from "./importers/importLayout.js";
import type {
  Employment,
  Indicator,
  Observation,
  Place,
  PlaceKind,
  Polarity,
} from "../core/vocabulary.js";
import type { Queryable } from "../store/database.js";

/** Filters for {@link listPlaces}. */
export interface PlaceFilter {
  /** Only places of this kind. */
  kind?: PlaceKind;
  /** Only the places whose parent has this code. */
  parentCode?: string;
}

const placeColumns = `code, name, kind, parent_code as "parentCode", population, fictional`;

/** The stored places, ordered by kind (largest first) then name. */
export async function listPlaces(database: Queryable, filter: PlaceFilter = {}): Promise<Place[]> {
  return database.query<Place>(
    `select ${placeColumns} from places
     where ($1::text is null or kind = $1) and ($2::text is null or parent_code = $2)
     order by array_position(array['nation','region','district','neighbourhood','custom'], kind), name`,
    [filter.kind ?? null, filter.parentCode ?? null],
  );
}

/** One place with its parent and children; throws {@link NotFoundError} for an unknown code. */
export async function getPlace(
  database: Queryable,
  code: string,
): Promise<Place & { parent: Place | null; children: Place[] }> {
  const [place] = await database.query<Place>(
    `select ${placeColumns} from places where code = $1`,
    [code],
  );
  if (place === undefined) throw new NotFoundError(`No place has the code ${code}.`);
  const [parent] =
    place.parentCode === null
      ? []
      : await database.query<Place>(`select ${placeColumns} from places where code = $1`, [
          place.parentCode,
        ]);
  const children = await listPlaces(database, { parentCode: code });
  return { ...place, parent: parent ?? null, children };
}

/** Stores one place, or updates the place with the same code. */
export async function savePlace(
  database: Queryable,
  place: Omit<Place, "fictional">,
): Promise<void> {
  if (place.parentCode !== null) await getPlace(database, place.parentCode);
  await database.query(
    `insert into places (code, name, kind, parent_code, population) values ($1, $2, $3, $4, $5)
     on conflict (code) do update set name = excluded.name, kind = excluded.kind,
       parent_code = excluded.parent_code, population = excluded.population`,
    [place.code, place.name, place.kind, place.parentCode, place.population],
  );
}

/** The stored indicators, by goal then name. */
export async function listIndicators(database: Queryable): Promise<Indicator[]> {
  const rows = await database.query<Indicator>(
    `select id, name, goal, unit, polarity, source, licence from indicators
     order by goal nulls last, name`,
  );
  return rows.map((row) => ({ ...row, polarity: Number(row.polarity) as Polarity }));
}

/** Filters for {@link listObservations}. */
export interface ObservationFilter {
  placeCode?: string;
  indicatorId?: string;
  period?: string;
  /** At most this many rows; default 100,000. */
  limit?: number;
}

/** Stored observations, by place, indicator and period. */
export async function listObservations(
  database: Queryable,
  filter: ObservationFilter = {},
): Promise<Observation[]> {
  return database.query<Observation>(
    `select place_code as "placeCode", indicator_id as "indicatorId", period, value, lower, upper,
            status, note
     from observations
     where ($1::text is null or place_code = $1) and ($2::text is null or indicator_id = $2)
       and ($3::text is null or period = $3)
     order by place_code, indicator_id, period
     limit $4`,
    [
      filter.placeCode ?? null,
      filter.indicatorId ?? null,
      filter.period ?? null,
      filter.limit ?? 100_000,
    ],
  );
}

/** Employment in one industry, with the industry's name and flags. */
export interface EmploymentRow extends Employment {
  industryName: string;
  industryLevel: string;
  foundational: boolean;
}

/** Filters for {@link listEmployment}. */
export interface EmploymentFilter {
  placeCode?: string;
  period?: string;
  /** At most this many rows; default 100,000. */
  limit?: number;
}

/** Stored employment by place, period and industry, largest first within a place and period. */
export async function listEmployment(
  database: Queryable,
  filter: EmploymentFilter = {},
): Promise<EmploymentRow[]> {
  return database.query<EmploymentRow>(
    `select e.place_code as "placeCode", e.industry_code as "industryCode", e.period,
            e.employees, i.name as "industryName", i.level as "industryLevel", i.foundational
     from employment e join industries i on i.code = e.industry_code
     where ($1::text is null or e.place_code = $1) and ($2::text is null or e.period = $2)
     order by e.place_code, e.period, e.employees desc
     limit $3`,
    [filter.placeCode ?? null, filter.period ?? null, filter.limit ?? 100_000],
  );
}

/**
 * Employment by industry summed over the places within `parentCode`, for its latest period, for a
 * region whose employment is published only for its districts. `places` says how many places
 * the sums cover.
 */
export async function sumChildEmployment(
  database: Queryable,
  parentCode: string,
): Promise<{ period: string; places: number; rows: EmploymentRow[] } | undefined> {
  const [latest] = await database.query<{ period: string; places: number }>(
    `select e.period, count(distinct e.place_code)::int as places
     from employment e join places p on p.code = e.place_code
     where p.parent_code = $1 group by e.period order by e.period desc limit 1`,
    [parentCode],
  );
  if (latest === undefined) return undefined;
  const rows = await database.query<EmploymentRow>(
    `select $1::text as "placeCode", e.industry_code as "industryCode", e.period,
            sum(e.employees) as employees, i.name as "industryName", i.level as "industryLevel",
            i.foundational
     from employment e join places p on p.code = e.place_code
       join industries i on i.code = e.industry_code
     where p.parent_code = $1 and e.period = $2
     group by e.industry_code, e.period, i.name, i.level, i.foundational
     order by employees desc`,
    [parentCode, latest.period],
  );
  return { period: latest.period, places: latest.places, rows };
}

/** The industries stored: SIC 2007 sections and divisions, and any custom ones imports made. */
export async function listIndustries(
  database: Queryable,
): Promise<
  { code: string; name: string; parentCode: string | null; level: string; foundational: boolean }[]
> {
  return database.query(
    `select code, name, parent_code as "parentCode", level, foundational from industries
     order by array_position(array['section','division','group','class','subclass','custom'], level), code`,
  );
}

/** The periods with employment for a place, latest last. */
export async function employmentPeriods(database: Queryable, placeCode: string): Promise<string[]> {
  const rows = await database.query<{ period: string }>(
    "select distinct period from employment where place_code = $1 order by period",
    [placeCode],
  );
  return rows.map((row) => row.period);
}

/** A stored map layout. */
export interface Layout {
  id: string;
  kind: "hexjson" | "geojson";
  name: string;
  fictional: boolean;
  /** The HexJSON layout, or the GeoJSON FeatureCollection with its `codeProperty`. */
  content: Record<string, unknown>;
}

/** The stored map layouts without their content. */
export async function listLayouts(database: Queryable): Promise<Omit<Layout, "content">[]> {
  return database.query(`select id, kind, name, fictional from layouts order by id`);
}

/** One map layout; throws {@link NotFoundError} when missing. */
export async function getLayout(database: Queryable, id: string): Promise<Layout> {
  const [layout] = await database.query<Layout>(
    "select id, kind, name, fictional, content from layouts where id = $1",
    [id],
  );
  if (layout === undefined) throw new NotFoundError(`No map layout has the id ${id}.`);
  return layout;
}

/**
 * The stored HexJSON layout that shows the most of `codes`, cut down to their hexes; undefined
 * when no layout holds any of them.
 */
export async function hexLayoutFor(
  database: Queryable,
  codes: readonly string[],
): Promise<{ id: string; name: string; layout: HexJson } | undefined> {
  if (codes.length === 0) return undefined;
  const [best] = await database.query<{ id: string; name: string; content: HexJson }>(
    `select l.id, l.name, l.content from layouts l
     where l.kind = 'hexjson' and l.id = (
       select l2.id from layouts l2 cross join lateral jsonb_object_keys(l2.content -> 'hexes') as hex(code)
       where l2.kind = 'hexjson' and hex.code = any($1::text[])
       group by l2.id order by count(*) desc, l2.id limit 1)`,
    [codes],
  );
  if (best === undefined) return undefined;
  const wanted = new Set(codes);
  const hexes = Object.fromEntries(
    Object.entries(best.content.hexes).filter(([code]) => wanted.has(code)),
  );
  return { id: best.id, name: best.name, layout: { ...best.content, hexes } };
}

/** A provenance record of one import. */
export interface Dataset {
  id: number;
  kind: string;
  fileName: string;
  sha256: string;
  source: string | null;
  licence: string | null;
  rows: number;
  importedAt: Date;
}

/** The imports so far, latest first. */
export async function listDatasets(database: Queryable): Promise<Dataset[]> {
  return database.query<Dataset>(
    `select id, kind, file_name as "fileName", sha256, source, licence, rows,
            imported_at as "importedAt"
     from datasets order by id desc`,
  );
}

/** True when the store holds no places yet (a new database). */
export async function isEmpty(database: Queryable): Promise<boolean> {
  const [row] = await database.query<{ any: boolean }>(
    "select exists (select 1 from places) as any",
  );
  return row?.any !== true;
}
