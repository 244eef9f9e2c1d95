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
};

/** A place's opportunities, with the profile they come from and the weights used. */
export interface PlaceOpportunities {
  profile: PlaceProfile;
  weights: Partial<Record<OpportunityCriterion, number>>;
  ranked: RankedOpportunity[];
  /** The feasibility that divides opportunities from possible entrants. */
  densityCut: number;
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
  const industries: OpportunityIndustry[] = profile.industries.map((industry) => {
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
        growth: own?.get("growth") ?? null,
        emissions: own?.get("emissions_intensity") ?? null,
        foundational: industry.foundational ? 1 : 0,
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
  };
}
