import { NotFoundError } from "../core/errors.js";
import type { Queryable } from "../store/database.js";
import type {
  AgeRange,
  IndustryOccupationShare,
  LevelCompletions,
  LevelSupply,
  OccupationLevelShare,
  PlanRow,
  QualificationLevel,
  ReplacementRate,
  ResidentsByAge,
} from "./methods/index.js";

/**
 * The inputs of the skills gap that every place shares: each industry's occupation mix, each
 * occupation's level mix, and each occupation's replacement rate and pay.
 */
export interface StoredSkillsMixes {
  industryOccupation: IndustryOccupationShare[];
  occupationLevel: OccupationLevelShare[];
  /** Empty when no rates are stored. */
  replacement: ReplacementRate[];
  /** Median gross annual pay in pounds, by occupation, where known. */
  payByOccupation: Record<string, number>;
}

/**
 * What a place's supply is projected from, with `projectSupply` over the plan's horizon: the
 * completions of local providers, the residents of the entry ages where a level has none, and
 * the share of new entrants who stay.
 */
export interface StoredSupplyProjection {
  /** Completions a year by level and subject, in the order given; may leave levels out. */
  completions: LevelCompletions[];
  /** Residents by level and age band; undefined when none were given. */
  residents?: ResidentsByAge[];
  /**
   * The share of new entrants at every level without its own who stay to work locally, 0 to 1;
   * undefined for the method's default (0.7), which the projection then warns about.
   */
  retention?: number;
  /** The share at particular levels, 0 to 1, over `retention`. */
  retentionByLevel: Partial<Record<QualificationLevel, number>>;
  /** The ages whose residents estimate a level's entrants; 16 to 24 unless given. */
  entryAges: AgeRange;
}

/** What every place's inputs have, whichever its supply. */
interface StoredPlaceSkillsCommon {
  placeCode: string;
  /** The horizon of the plan, in years. */
  years: number;
  /** Where the plan came from, in words ("trend 2019-2024", "officer", a file name). */
  source: string;
  plan: PlanRow[];
  /**
   * The share of the place's openings filled by people who live elsewhere, 0 to 1, added to the
   * supply of either kind as share × demand; undefined for none.
   */
  inCommutingShare?: number;
}

/**
 * A place's own inputs: its sector plan over a horizon, and its supply, either as totals by
 * level over the horizon (`supply`) or as the inputs it is projected from (`projection`).
 */
export type StoredPlaceSkills = StoredPlaceSkillsCommon &
  (
    | { supply: LevelSupply[]; projection?: undefined }
    | { projection: StoredSupplyProjection; supply?: undefined }
  );

/**
 * Replaces the shared mixes: the occupation and level mixes whole, and the rates and pay of
 * every occupation named. Run in the caller's transaction.
 */
export async function saveSkillsMixes(
  transaction: Queryable,
  mixes: {
    industryOccupation?: readonly IndustryOccupationShare[];
    occupationLevel?: readonly OccupationLevelShare[];
    replacement?: readonly ReplacementRate[];
    payByOccupation?: Readonly<Record<string, number>>;
  },
  datasetId: number,
): Promise<void> {
  if (mixes.industryOccupation !== undefined) {
    await transaction.query("delete from skills_occupation_mix");
    await transaction.copyInto(
      "skills_occupation_mix",
      [
        { name: "industry_code", type: "text" },
        { name: "occupation", type: "text" },
        { name: "share", type: "float8" },
        { name: "dataset_id", type: "int4" },
      ],
      [
        mixes.industryOccupation.map((row) => row.industry),
        mixes.industryOccupation.map((row) => row.occupation),
        mixes.industryOccupation.map((row) => row.share),
        mixes.industryOccupation.map(() => datasetId),
      ],
    );
  }
  if (mixes.occupationLevel !== undefined) {
    await transaction.query("delete from skills_level_mix");
    await transaction.copyInto(
      "skills_level_mix",
      [
        { name: "occupation", type: "text" },
        { name: "level", type: "text" },
        { name: "share", type: "float8" },
        { name: "dataset_id", type: "int4" },
      ],
      [
        mixes.occupationLevel.map((row) => row.occupation),
        mixes.occupationLevel.map((row) => row.level),
        mixes.occupationLevel.map((row) => row.share),
        mixes.occupationLevel.map(() => datasetId),
      ],
    );
  }
  for (const rate of mixes.replacement ?? []) {
    await transaction.query(
      `insert into skills_occupations (occupation, replacement_rate, rate_low, rate_high, dataset_id)
       values ($1, $2, $3, $4, $5)
       on conflict (occupation) do update set replacement_rate = excluded.replacement_rate,
         rate_low = excluded.rate_low, rate_high = excluded.rate_high,
         dataset_id = excluded.dataset_id`,
      [rate.occupation, rate.rate, rate.rateLow ?? null, rate.rateHigh ?? null, datasetId],
    );
  }
  for (const [occupation, pounds] of Object.entries(mixes.payByOccupation ?? {})) {
    await transaction.query(
      `insert into skills_occupations (occupation, annual_pay_pence, dataset_id)
       values ($1, $2, $3)
       on conflict (occupation) do update set annual_pay_pence = excluded.annual_pay_pence,
         dataset_id = excluded.dataset_id`,
      [occupation, Math.round(pounds * 100), datasetId],
    );
  }
}

/**
 * Replaces a place's sector plan and supply, whichever kind it was: the totals or the projection
 * inputs stored before go with the plan. Run in the caller's transaction.
 *
 * @throws Error when the place has both kinds of supply, or neither.
 * @throws NotFoundError when the place is unknown.
 */
export async function savePlaceSkills(
  transaction: Queryable,
  place: StoredPlaceSkills,
  datasetId: number,
): Promise<void> {
  if ((place.supply === undefined) === (place.projection === undefined)) {
    throw new Error("savePlaceSkills: give a place's supply totals or its projection, one of them");
  }
  const [known] = await transaction.query("select 1 from places where code = $1", [
    place.placeCode,
  ]);
  if (known === undefined) throw new NotFoundError(`There is no place ${place.placeCode}.`);
  await transaction.query("delete from skills_plans where place_code = $1", [place.placeCode]);
  await transaction.query(
    `insert into skills_plans (place_code, years, source, dataset_id, in_commuting_share)
     values ($1, $2, $3, $4, $5)`,
    [place.placeCode, place.years, place.source, datasetId, place.inCommutingShare ?? null],
  );
  await transaction.copyInto(
    "skills_plan_rows",
    [
      { name: "place_code", type: "text" },
      { name: "industry_code", type: "text" },
      { name: "baseline", type: "float8" },
      { name: "target", type: "float8" },
      { name: "target_low", type: "float8" },
      { name: "target_high", type: "float8" },
    ],
    [
      place.plan.map(() => place.placeCode),
      place.plan.map((row) => row.industry),
      place.plan.map((row) => row.baseline),
      place.plan.map((row) => row.target),
      place.plan.map((row) => row.targetLow ?? null),
      place.plan.map((row) => row.targetHigh ?? null),
    ],
  );
  if (place.projection !== undefined) {
    await saveSupplyProjection(transaction, place.placeCode, place.projection);
    return;
  }
  await transaction.copyInto(
    "skills_supply",
    [
      { name: "place_code", type: "text" },
      { name: "level", type: "text" },
      { name: "supply", type: "float8" },
      { name: "supply_low", type: "float8" },
      { name: "supply_high", type: "float8" },
    ],
    [
      place.supply.map(() => place.placeCode),
      place.supply.map((row) => row.level),
      place.supply.map((row) => row.supply),
      place.supply.map((row) => row.supplyLow ?? null),
      place.supply.map((row) => row.supplyHigh ?? null),
    ],
  );
}

/** Stores the inputs of a place's projected supply, its plan just stored. */
async function saveSupplyProjection(
  transaction: Queryable,
  placeCode: string,
  projection: StoredSupplyProjection,
): Promise<void> {
  await transaction.query(
    `insert into skills_supply_projections (place_code, retention, entry_age_from, entry_age_to)
     values ($1, $2, $3, $4)`,
    [placeCode, projection.retention ?? null, projection.entryAges.from, projection.entryAges.to],
  );
  for (const [level, retention] of Object.entries(projection.retentionByLevel)) {
    if (retention === undefined) continue;
    await transaction.query(
      "insert into skills_supply_retention (place_code, level, retention) values ($1, $2, $3)",
      [placeCode, level, retention],
    );
  }
  const { completions } = projection;
  await transaction.copyInto(
    "skills_completions",
    [
      { name: "place_code", type: "text" },
      { name: "level", type: "text" },
      { name: "subject", type: "text" },
      { name: "completions", type: "float8" },
      { name: "position", type: "int4" },
    ],
    [
      completions.map(() => placeCode),
      completions.map((row) => row.level),
      completions.map((row) => row.subject),
      completions.map((row) => row.completions),
      completions.map((_row, index) => index),
    ],
  );
  const residents = projection.residents ?? [];
  await transaction.copyInto(
    "skills_residents",
    [
      { name: "place_code", type: "text" },
      { name: "level", type: "text" },
      { name: "age_from", type: "int4" },
      { name: "age_to", type: "int4" },
      { name: "residents", type: "float8" },
    ],
    [
      residents.map(() => placeCode),
      residents.map((row) => row.level),
      residents.map((row) => row.ageFrom),
      residents.map((row) => row.ageTo ?? null),
      residents.map((row) => row.residents),
    ],
  );
}

/** The stored shared mixes; empty lists where nothing is stored. */
export async function loadSkillsMixes(database: Queryable): Promise<StoredSkillsMixes> {
  const industryOccupation = await database.query<IndustryOccupationShare>(
    `select industry_code as industry, occupation, share from skills_occupation_mix
     order by industry_code, occupation`,
  );
  const occupationLevel = await database.query<OccupationLevelShare>(
    "select occupation, level, share from skills_level_mix order by occupation, level",
  );
  const occupations = await database.query<{
    occupation: string;
    rate: number | null;
    rateLow: number | null;
    rateHigh: number | null;
    payPence: number | null;
  }>(
    `select occupation, replacement_rate as rate, rate_low as "rateLow", rate_high as "rateHigh",
       annual_pay_pence::float8 as "payPence"
     from skills_occupations order by occupation`,
  );
  return {
    industryOccupation,
    occupationLevel,
    replacement: occupations
      .filter((row) => row.rate !== null)
      .map((row) => ({
        occupation: row.occupation,
        rate: row.rate!,
        ...(row.rateLow === null ? {} : { rateLow: row.rateLow }),
        ...(row.rateHigh === null ? {} : { rateHigh: row.rateHigh }),
      })),
    payByOccupation: Object.fromEntries(
      occupations
        .filter((row) => row.payPence !== null)
        .map((row) => [row.occupation, row.payPence! / 100]),
    ),
  };
}

/**
 * A place's stored plan and supply, or undefined when it has none. Its supply is the projection
 * inputs when it has them, else the totals: the import stores one or the other, and were both
 * there, the projection, the more detailed, would win.
 */
export async function loadPlaceSkills(
  database: Queryable,
  placeCode: string,
): Promise<StoredPlaceSkills | undefined> {
  const [plan] = await database.query<{
    years: number;
    source: string;
    inCommutingShare: number | null;
  }>(
    `select years, source, in_commuting_share as "inCommutingShare"
     from skills_plans where place_code = $1`,
    [placeCode],
  );
  if (plan === undefined) return undefined;
  const rows = await database.query<{
    industry: string;
    baseline: number;
    target: number;
    targetLow: number | null;
    targetHigh: number | null;
  }>(
    `select industry_code as industry, baseline, target, target_low as "targetLow",
       target_high as "targetHigh"
     from skills_plan_rows where place_code = $1 order by industry_code`,
    [placeCode],
  );
  const common = {
    placeCode,
    years: plan.years,
    source: plan.source,
    plan: rows.map((row) => ({
      industry: row.industry,
      baseline: row.baseline,
      target: row.target,
      ...(row.targetLow === null ? {} : { targetLow: row.targetLow }),
      ...(row.targetHigh === null ? {} : { targetHigh: row.targetHigh }),
    })),
    ...(plan.inCommutingShare === null ? {} : { inCommutingShare: plan.inCommutingShare }),
  };
  const projection = await loadSupplyProjection(database, placeCode);
  if (projection !== undefined) return { ...common, projection };
  const supply = await database.query<{
    level: QualificationLevel;
    supply: number;
    supplyLow: number | null;
    supplyHigh: number | null;
  }>(
    `select level, supply, supply_low as "supplyLow", supply_high as "supplyHigh"
     from skills_supply where place_code = $1`,
    [placeCode],
  );
  return {
    ...common,
    supply: supply.map((row) => ({
      level: row.level,
      supply: row.supply,
      ...(row.supplyLow === null ? {} : { supplyLow: row.supplyLow }),
      ...(row.supplyHigh === null ? {} : { supplyHigh: row.supplyHigh }),
    })),
  };
}

/** The inputs of a place's projected supply, or undefined when its supply is totals. */
async function loadSupplyProjection(
  database: Queryable,
  placeCode: string,
): Promise<StoredSupplyProjection | undefined> {
  const [projection] = await database.query<{
    retention: number | null;
    entryAgeFrom: number;
    entryAgeTo: number;
  }>(
    `select retention, entry_age_from as "entryAgeFrom", entry_age_to as "entryAgeTo"
     from skills_supply_projections where place_code = $1`,
    [placeCode],
  );
  if (projection === undefined) return undefined;
  const retentionByLevel = await database.query<{ level: QualificationLevel; retention: number }>(
    "select level, retention from skills_supply_retention where place_code = $1 order by level",
    [placeCode],
  );
  const completions = await database.query<LevelCompletions>(
    `select level, subject, completions from skills_completions where place_code = $1
     order by position`,
    [placeCode],
  );
  const residents = await database.query<{
    level: QualificationLevel;
    ageFrom: number;
    ageTo: number | null;
    residents: number;
  }>(
    `select level, age_from as "ageFrom", age_to as "ageTo", residents from skills_residents
     where place_code = $1 order by level, age_from`,
    [placeCode],
  );
  return {
    completions,
    ...(residents.length === 0
      ? {}
      : {
          residents: residents.map((row) => ({
            level: row.level,
            ageFrom: row.ageFrom,
            ...(row.ageTo === null ? {} : { ageTo: row.ageTo }),
            residents: row.residents,
          })),
        }),
    ...(projection.retention === null ? {} : { retention: projection.retention }),
    retentionByLevel: Object.fromEntries(retentionByLevel.map((row) => [row.level, row.retention])),
    entryAges: { from: projection.entryAgeFrom, to: projection.entryAgeTo },
  };
}
