import { NotFoundError } from "../core/errors.js";
import type { Queryable } from "../store/database.js";
import type {
  IndustryOccupationShare,
  LevelSupply,
  OccupationLevelShare,
  PlanRow,
  QualificationLevel,
  ReplacementRate,
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

/** A place's own inputs: its sector plan over a horizon and its supply by level. */
export interface StoredPlaceSkills {
  placeCode: string;
  /** The horizon of the plan, in years. */
  years: number;
  /** Where the plan came from, in words ("trend 2019-2024", "officer", a file name). */
  source: string;
  plan: PlanRow[];
  supply: LevelSupply[];
}

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

/** Replaces a place's sector plan and supply. Run in the caller's transaction. */
export async function savePlaceSkills(
  transaction: Queryable,
  place: StoredPlaceSkills,
  datasetId: number,
): Promise<void> {
  const [known] = await transaction.query("select 1 from places where code = $1", [
    place.placeCode,
  ]);
  if (known === undefined) throw new NotFoundError(`There is no place ${place.placeCode}.`);
  await transaction.query("delete from skills_plans where place_code = $1", [place.placeCode]);
  await transaction.query(
    `insert into skills_plans (place_code, years, source, dataset_id) values ($1, $2, $3, $4)`,
    [place.placeCode, place.years, place.source, datasetId],
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

/** A place's stored plan and supply, or undefined when it has none. */
export async function loadPlaceSkills(
  database: Queryable,
  placeCode: string,
): Promise<StoredPlaceSkills | undefined> {
  const [plan] = await database.query<{ years: number; source: string }>(
    "select years, source from skills_plans where place_code = $1",
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
    supply: supply.map((row) => ({
      level: row.level,
      supply: row.supply,
      ...(row.supplyLow === null ? {} : { supplyLow: row.supplyLow }),
      ...(row.supplyHigh === null ? {} : { supplyHigh: row.supplyHigh }),
    })),
  };
}
