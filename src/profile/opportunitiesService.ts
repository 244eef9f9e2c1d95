import { InputError } from "../core/errors.js";
import type { Queryable } from "../store/database.js";
import {
  opportunities,
  opportunityCriteria,
  opportunityDensityThreshold,
  type OpportunityCriterion,
  type OpportunityIndustry,
  type RankedOpportunity,
} from "./methods/opportunities.js";
import { deprivedAccess } from "./methods/deprivedAccess.js";
import { placeProfile, type PlaceProfile } from "./service.js";

/** The weights used when no priority weight set is given: every criterion with data alike. */
export const defaultOpportunityWeights: Readonly<Partial<Record<OpportunityCriterion, number>>> = {
  complexityGain: 1,
  complexity: 1,
  pay: 1,
  skillsAccess: 1,
  growth: 1,
  emissions: 1,
  foundational: 1,
  deprivedAccess: 1,
};

/** The deprivation indicator read for access from the most deprived neighbourhoods, by default. */
export const defaultDeprivationIndicator = "imd_score";

/** A place's opportunities, with the profile they come from and the weights used. */
export interface PlaceOpportunities {
  profile: PlaceProfile;
  weights: Partial<Record<OpportunityCriterion, number>>;
  ranked: RankedOpportunity[];
  /** The feasibility that divides opportunities from possible entrants. */
  densityCut: number;
  /**
   * Where growth and access from the most deprived neighbourhoods came from, in words; null
   * where the store has nothing for them (the criterion then counts for nothing).
   */
  sources: { growth: string | null; deprivedAccess: string | null };
}

/**
 * Ranks the industries a place could grow into: feasibility from the density of its present
 * capabilities, attractiveness from complexity, pay, jobs open to people without a degree,
 * growth, emissions and the foundational economy, weighted by a priority weight set.
 */
export async function placeOpportunities(
  database: Queryable,
  placeCode: string,
  weights: Readonly<Record<string, number>> = defaultOpportunityWeights,
  options: { deprivationIndicator?: string } = {},
): Promise<PlaceOpportunities> {
  for (const name of Object.keys(weights)) {
    if (!(opportunityCriteria as readonly string[]).includes(name)) {
      throw new InputError(
        `unknown criterion; expected some of ${opportunityCriteria.join(", ")}`,
        {
          field: "weights",
          value: name,
        },
      );
    }
  }
  const profile = await placeProfile(database, placeCode);
  const attributeRows = await database.query<{
    industry: string;
    attribute: string;
    value: number;
  }>(`select industry_code as industry, attribute, value from industry_attributes`);
  const attributes = new Map<string, Map<string, number>>();
  for (const row of attributeRows) {
    let industry = attributes.get(row.industry);
    if (industry === undefined) attributes.set(row.industry, (industry = new Map()));
    industry.set(row.attribute, row.value);
  }
  const codes = profile.industries.map((industry) => industry.code);
  const importedGrowth = profile.industries.some(
    (industry) => attributes.get(industry.code)?.get("growth") !== undefined,
  );
  const growth = importedGrowth
    ? { values: null, source: "industry attributes" }
    : await growthOfKind(database, profile, codes);
  const access = await accessFromDeprived(
    database,
    profile,
    codes,
    options.deprivationIndicator ?? defaultDeprivationIndicator,
  );
  const industries: OpportunityIndustry[] = profile.industries.map((industry, index) => {
    const own = attributes.get(industry.code);
    return {
      code: industry.code,
      name: industry.name,
      rca: industry.locationQuotient ?? Number.NaN,
      density: industry.density ?? Number.NaN,
      values: {
        complexityGain: industry.cog,
        complexity: industry.pci,
        pay: own?.get("median_pay") ?? null,
        skillsAccess: own?.get("non_graduate_share") ?? null,
        growth: importedGrowth
          ? (own?.get("growth") ?? null)
          : finiteOrNull(growth.values?.[index]),
        emissions: own?.get("emissions_intensity") ?? null,
        foundational: industry.foundational ? 1 : 0,
        deprivedAccess: finiteOrNull(access.values?.[index]),
      },
    };
  });
  let ranked: RankedOpportunity[];
  try {
    ranked = opportunities(industries, {
      weights: weights as Partial<Record<OpportunityCriterion, number>>,
    });
  } catch (error) {
    if (error instanceof RangeError) throw new InputError(error.message, { field: "weights" });
    throw error;
  }
  return {
    profile,
    weights: { ...weights },
    ranked,
    densityCut: opportunityDensityThreshold(industries, {}),
    sources: { growth: growth.source, deprivedAccess: access.source },
  };
}

interface DerivedCriterion {
  values: Float64Array | null;
  source: string | null;
}

/**
 * Each industry's employment growth across every stored place of the profiled place's kind (the
 * nearest the store comes to national growth), from the profile's base period to its latest,
 * as a fraction: used when no industry attributes give growth.
 */
async function growthOfKind(
  database: Queryable,
  profile: PlaceProfile,
  codes: readonly string[],
): Promise<DerivedCriterion> {
  if (profile.basePeriod === undefined) return { values: null, source: null };
  const rows = await database.query<{ industry: string; period: string; employees: number }>(
    `select e.industry_code as industry, e.period, sum(e.employees)::float8 as employees
     from employment e join places p on p.code = e.place_code
     where p.kind = $1 and e.period = any($2::text[]) and e.industry_code = any($3::text[])
     group by e.industry_code, e.period`,
    [profile.place.kind, [profile.basePeriod, profile.period], codes],
  );
  const start = new Map<string, number>();
  const end = new Map<string, number>();
  for (const row of rows)
    (row.period === profile.period ? end : start).set(row.industry, row.employees);
  const values = Float64Array.from(codes, (code) => {
    const before = start.get(code) ?? 0;
    return before > 0 ? (end.get(code) ?? 0) / before - 1 : Number.NaN;
  });
  return {
    values,
    source: `employment growth of all stored places of kind "${profile.place.kind}", ${profile.basePeriod} to ${profile.period}`,
  };
}

/**
 * Each industry's access from the place's most deprived neighbourhoods (see
 * {@link deprivedAccess}), from the employment of the places inside it at the profile's period
 * and their latest deprivation score.
 */
async function accessFromDeprived(
  database: Queryable,
  profile: PlaceProfile,
  codes: readonly string[],
  indicatorId: string,
): Promise<DerivedCriterion> {
  const rows = await database.query<{
    place: string;
    kind: string;
    industry: string;
    employees: number;
  }>(
    `select e.place_code as place, p.kind, e.industry_code as industry, e.employees
     from employment e join places p on p.code = e.place_code
     where p.parent_code = $1 and e.period = $2 and e.industry_code = any($3::text[])`,
    [profile.place.code, profile.period, codes],
  );
  if (rows.length === 0) return { values: null, source: null };
  const scores = await database.query<{ place: string; value: number; period: string }>(
    `select distinct on (o.place_code) o.place_code as place, o.value, o.period
     from observations o join places p on p.code = o.place_code
     where p.parent_code = $1 and o.indicator_id = $2 and o.value is not null
     order by o.place_code, o.period desc`,
    [profile.place.code, indicatorId],
  );
  if (scores.length === 0) return { values: null, source: null };
  const places = [...new Set(rows.map((row) => row.place))].sort();
  const row = new Map(places.map((code, index) => [code, index]));
  const column = new Map(codes.map((code, index) => [code, index]));
  const matrix = new Float64Array(places.length * codes.length);
  for (const entry of rows)
    matrix[row.get(entry.place)! * codes.length + column.get(entry.industry)!] = entry.employees;
  const scoreOf = new Map(scores.map((score) => [score.place, score.value]));
  const deprivation = Float64Array.from(places, (code) => scoreOf.get(code) ?? Number.NaN);
  const indicator = await database.query<{ name: string }>(
    "select name from indicators where id = $1",
    [indicatorId],
  );
  const periods = [...new Set(scores.map((score) => score.period))].sort();
  const kinds = [...new Set(rows.map((entry) => entry.kind))];
  return {
    values: deprivedAccess(matrix, places.length, codes.length, deprivation),
    source:
      `employment in ${places.length} ${kinds.length === 1 ? `${kinds[0]!}s` : "places"} of ` +
      `${profile.place.name} in ${profile.period}; ` +
      `the most deprived fifth by ${indicator[0]?.name ?? indicatorId} (${periods.join(", ")})`,
  };
}

function finiteOrNull(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}
