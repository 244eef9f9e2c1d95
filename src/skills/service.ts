import { InputError, NotFoundError } from "../core/errors.js";
import { getWeightSet } from "../participation/results.js";
import type { Queryable } from "../store/database.js";
import {
  defaultInvestmentWeights,
  projectSupply,
  rankInvestments,
  skillsGap,
  type InvestmentWeights,
  type RankedInvestment,
  type SkillsGapResult,
  type SupplyProjection,
} from "./methods/index.js";
import { soc2020MajorGroups, soc2020SubMajorGroups } from "./soc2020.js";
import { loadPlaceSkills, loadSkillsMixes } from "./store.js";

/**
 * The weight set a skills consultation gives the investment ranking: its options are the
 * criteria `size`, `pay` and `access`.
 */
export const skillsWeightSetName = "skills-priorities";

/** The criteria a skills weight set may weigh. */
const criteria = ["size", "pay", "access"] as const;

/** Where the ranking's weights came from. */
export interface SkillsWeightsSource {
  weights: Required<InvestmentWeights>;
  /** The weight set, when a skills consultation produced one. */
  weightSet?: { name: string; version: number; consultationId: number | null };
}

/** A place's skills gap as the store gives it, with the ranked investment list. */
export interface PlaceSkillsGap {
  place: { code: string; name: string; fictional: boolean };
  /** Where the sector plan came from. */
  planSource: string;
  /** Jobs in the plan's industries now and at the horizon. */
  employment: { baseline: number; target: number };
  result: SkillsGapResult;
  /**
   * Where the supply came from, when the place's supply is projected: each level's source,
   * completions, entrants and retention, each subject's supply, the assumptions and the
   * projection's warnings. Undefined when the place's supply is stored as totals.
   */
  projection?: SupplyProjection;
  investments: RankedInvestment[];
  ranking: SkillsWeightsSource;
  /** Each occupation's SOC 2020 name. */
  occupationNames: Record<string, string>;
}

/** Options of {@link placeSkillsGap}. */
export interface PlaceSkillsGapOptions {
  /** Monte Carlo replications for the ranges; none by default. */
  replications?: number;
  /** The seed of the draws; default 1. */
  seed?: number;
}

/** The places with a stored sector plan, by name. */
export async function skillsPlaces(
  database: Queryable,
): Promise<{ code: string; name: string; fictional: boolean; years: number; source: string }[]> {
  return database.query(
    `select p.code, p.name, p.fictional, s.years, s.source from skills_plans s
     join places p on p.code = s.place_code order by p.name`,
  );
}

/**
 * The ranking's weights: the latest skills weight set from a consultation when there is one
 * (criteria it does not name weigh 0), else the size of the gap alone.
 */
export async function skillsWeights(database: Queryable): Promise<SkillsWeightsSource> {
  try {
    const set = await getWeightSet(database, skillsWeightSetName);
    const weights = { size: 0, pay: 0, access: 0 };
    for (const [criterion, weight] of Object.entries(set.weights)) {
      if ((criteria as readonly string[]).includes(criterion)) {
        weights[criterion as (typeof criteria)[number]] = weight;
      }
    }
    if (weights.size + weights.pay + weights.access > 0) {
      return {
        weights,
        weightSet: { name: set.name, version: set.version, consultationId: set.consultationId },
      };
    }
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
  return { weights: { ...defaultInvestmentWeights } };
}

/**
 * The skills gap of a place from its stored plan and supply and the shared mixes, with the
 * investment list ranked by the skills weight set. A place with stored projection inputs has its
 * supply projected from them over its plan's horizon (`projectSupply`), returned with the gap;
 * its in-commuting share, with either kind of supply, goes to `skillsGap`.
 *
 * @throws NotFoundError when the place is unknown or has no stored plan.
 * @throws InputError when the stored inputs do not fit together (an industry without an
 *   occupation mix, say), naming what to import.
 */
export async function placeSkillsGap(
  database: Queryable,
  placeCode: string,
  options: PlaceSkillsGapOptions = {},
): Promise<PlaceSkillsGap> {
  const [place] = await database.query<{ code: string; name: string; fictional: boolean }>(
    "select code, name, fictional from places where code = $1",
    [placeCode],
  );
  if (place === undefined) throw new NotFoundError(`There is no place ${placeCode}.`);
  const stored = await loadPlaceSkills(database, placeCode);
  if (stored === undefined) {
    throw new NotFoundError(
      `${place.name} has no sector plan for skills yet; import one with placefirst skills import.`,
    );
  }
  const mixes = await loadSkillsMixes(database);
  if (mixes.industryOccupation.length === 0 || mixes.occupationLevel.length === 0) {
    throw new InputError(
      "the store has no occupation or level mix; import them with placefirst skills import --occupations and --levels",
    );
  }
  const inCommuting =
    stored.inCommutingShare === undefined ? {} : { inCommutingShare: stored.inCommutingShare };
  const projection =
    stored.projection === undefined
      ? undefined
      : projectSupply(
          {
            completions: stored.projection.completions,
            ...(stored.projection.residents === undefined
              ? {}
              : { residents: stored.projection.residents }),
          },
          {
            years: stored.years,
            ...(stored.projection.retention === undefined
              ? {}
              : { retention: stored.projection.retention }),
            // Without any retention the projection warns that it takes its default at every
            // level, as `skills gap` without --retention does.
            ...(Object.keys(stored.projection.retentionByLevel).length === 0
              ? {}
              : { retentionByLevel: stored.projection.retentionByLevel }),
            entryAges: stored.projection.entryAges,
            ...inCommuting,
          },
        );
  const result = skillsGap(
    {
      plan: stored.plan,
      // A place has either the projection's inputs or the totals (savePlaceSkills).
      supply: projection?.supply ?? stored.supply!,
      industryOccupation: mixes.industryOccupation,
      occupationLevel: mixes.occupationLevel,
      ...(mixes.replacement.length === 0 ? {} : { replacement: mixes.replacement }),
      ...inCommuting,
    },
    {
      years: stored.years,
      ...(options.replications === undefined
        ? {}
        : { uncertainty: { replications: options.replications, seed: options.seed ?? 1 } }),
    },
  );
  const ranking = await skillsWeights(database);
  const occupationNames = Object.fromEntries([...soc2020MajorGroups, ...soc2020SubMajorGroups]);
  return {
    place,
    planSource: stored.source,
    employment: {
      baseline: stored.plan.reduce((sum, row) => sum + row.baseline, 0),
      target: stored.plan.reduce((sum, row) => sum + row.target, 0),
    },
    result,
    ...(projection === undefined ? {} : { projection }),
    investments: rankInvestments(result.byOccupationLevel, {
      weights: ranking.weights,
      payByOccupation: mixes.payByOccupation,
      occupationNames,
    }),
    ranking,
    occupationNames,
  };
}
