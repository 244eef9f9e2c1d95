/**
 * The criteria an industry's attractiveness can be judged on, in the order their contributions
 * are listed:
 *
 * - `complexityGain`: the place's complexity outlook gain (COG) in the industry; higher is better.
 * - `complexity`: the industry's product complexity index (PCI); higher is better.
 * - `pay`: median pay in the industry; higher is better.
 * - `skillsAccess`: the share of the industry's jobs open to people without a degree; higher is
 *   better.
 * - `growth`: national employment growth of the industry; higher is better.
 * - `emissions`: the industry's emissions intensity; **lower** is better.
 * - `foundational`: 1 for an industry of the foundational economy, 0 otherwise; higher is better.
 * - `deprivedAccess`: access to the industry's jobs from the place's most deprived
 *   neighbourhoods; higher is better; often missing.
 */
export const opportunityCriteria = [
  "complexityGain",
  "complexity",
  "pay",
  "skillsAccess",
  "growth",
  "emissions",
  "foundational",
  "deprivedAccess",
] as const;

/** One of the {@link opportunityCriteria}. */
export type OpportunityCriterion = (typeof opportunityCriteria)[number];

/**
 * Which way each criterion points: 1 when a higher value is better, -1 when a lower value is
 * (emissions intensity only).
 */
/** Each criterion in words, for pages and reports. */
export const opportunityCriterionLabels: Readonly<Record<OpportunityCriterion, string>> = {
  complexityGain: "Complexity gain",
  complexity: "Complexity",
  pay: "Median pay",
  skillsAccess: "Jobs without a degree",
  growth: "Growth",
  emissions: "Emissions intensity",
  foundational: "Foundational economy",
  deprivedAccess: "Access from deprived neighbourhoods",
};

export const opportunityCriterionPolarity: Readonly<Record<OpportunityCriterion, 1 | -1>> = {
  complexityGain: 1,
  complexity: 1,
  pay: 1,
  skillsAccess: 1,
  growth: 1,
  emissions: -1,
  foundational: 1,
  deprivedAccess: 1,
};

/** One industry of a place, as {@link opportunities} reads it. */
export interface OpportunityIndustry {
  /** The industry's code (SIC 2007), unique in the list. */
  code: string;
  /** The industry's name. */
  name: string;
  /** The place's revealed comparative advantage in the industry; NaN where it is undefined. */
  rca: number;
  /** The place's density around the industry (its feasibility), 0 to 1; NaN where undefined. */
  density: number;
  /**
   * The industry's raw value on each criterion, in the criterion's own units (pay in pounds,
   * shares as fractions, …); `null`, `undefined`, NaN or ±Infinity where unknown.
   */
  values: Partial<Record<OpportunityCriterion, number | null>>;
}

/** How to rank a place's opportunities. */
export interface OpportunityOptions {
  /**
   * A priority weight set `{ criterion: weight }`, such as the participation capability
   * produces: non-negative finite numbers, only their ratios matter. Criteria with weight 0 or
   * absent are ignored. An empty set (or all zeros) leaves attractiveness undefined, and the
   * candidates are ranked by feasibility alone. Required.
   */
  weights: Partial<Record<OpportunityCriterion, number>>;
  /**
   * The share of the overall score that comes from feasibility, the rest coming from
   * attractiveness: a number from 0 (attractiveness alone) to 1 (feasibility alone). Default
   * 0.5, equal shares, so that an industry close to the place's capabilities and one that is
   * attractive but further away are weighed alike.
   */
  feasibilityWeight?: number;
  /**
   * The RCA at or above which the place already specialises in an industry (which is then a
   * strength or a weakness, and not ranked): a positive number, default 1, the presence
   * threshold of economic complexity (`M_pi`). NaN RCA counts as not specialised.
   */
  presenceThreshold?: number;
  /**
   * The density at or above which an industry counts as feasible for the place, from 0 to 1.
   * Default: the median density of the place's candidate industries (those it does not
   * specialise in), so that at least half the candidates with a density are opportunities;
   * when no candidate has a density, the median over all industries. See
   * {@link opportunityDensityThreshold}.
   */
  densityThreshold?: number;
}

/** How one criterion entered an industry's attractiveness. */
export interface OpportunityContribution {
  /** The criterion. */
  criterion: OpportunityCriterion;
  /** The industry's raw value, in the criterion's units; null where unknown. */
  value: number | null;
  /**
   * The value on the 0 to 100 scale, 100 best (emissions reversed); null where unknown. See
   * {@link opportunities} for the scale.
   */
  scaled: number | null;
  /** The weight from the priority weight set, as given. */
  priorityWeight: number;
  /**
   * The weight renormalised over the criteria this industry has a value for (they sum to 1);
   * 0 where the value is unknown.
   */
  weight: number;
  /** `weight * scaled`, 0 where unknown: the points this criterion adds to attractiveness. */
  contribution: number;
}

/** One industry of the place, classified, scored and explained. */
export interface RankedOpportunity {
  /** The industry's code. */
  code: string;
  /** The industry's name. */
  name: string;
  /**
   * Current presence x feasibility:
   * - `strength`: specialised (RCA at or above the presence threshold), and feasible (density
   *   at or above the cut): a specialisation embedded in related capabilities;
   * - `weakness`: specialised but not feasible: a specialisation with few related
   *   capabilities around it, the kind more likely to leave a place;
   * - `opportunity`: not specialised, and feasible: a short step from what the place does;
   * - `possible entrant`: not specialised and not feasible (or density unknown): a longer jump.
   */
  classification: "strength" | "opportunity" | "possible entrant" | "weakness";
  /** The place's RCA in the industry, as given (NaN where undefined). */
  rca: number;
  /** The density, as given: 0 to 1; NaN where undefined (NaN, null or infinite). */
  feasibility: number;
  /**
   * Feasibility on the 0 to 100 scale of the candidates (see {@link opportunities}); NaN where
   * undefined.
   */
  scaledFeasibility: number;
  /**
   * 0 to 100: the weighted mean of the criteria's scaled values, missing criteria skipped with
   * the weights renormalised; NaN when the industry has no value for any weighted criterion.
   */
  attractiveness: number;
  /**
   * 0 to 100: `feasibilityWeight * scaledFeasibility + (1 - feasibilityWeight) *
   * attractiveness`; the one of the two that is defined when the other is not; NaN when both
   * are undefined.
   */
  score: number;
  /**
   * 1 for the best, among the candidates (industries not specialised in) with a score, by
   * standard competition ranking (ties share the lowest rank, the next skips); null for
   * specialised industries and for candidates without a score.
   */
  rank: number | null;
  /**
   * One entry for each criterion with a positive weight, in the order of
   * {@link opportunityCriteria}.
   */
  contributions: OpportunityContribution[];
}

/**
 * The density that separates feasible from not feasible industries in {@link opportunities}:
 * `options.densityThreshold` when given, else the median density of the candidates (industries
 * with RCA below the presence threshold, or NaN), else (no candidate has a density) the median
 * over all industries, else NaN (no density at all; nothing is then feasible). Densities that
 * are NaN or infinite are skipped. The median of an even count is the mean of the middle two.
 *
 * @param industries The place's industries.
 * @param options The presence threshold (default 1) and the density threshold, if set.
 * @returns The cut, from 0 to 1, or NaN.
 * @throws RangeError for a presence threshold that is not a positive number or a density
 *   threshold outside 0 to 1.
 */
export function opportunityDensityThreshold(
  industries: readonly OpportunityIndustry[],
  options: Pick<OpportunityOptions, "presenceThreshold" | "densityThreshold"> = {},
): number {
  const presenceThreshold = checkPresenceThreshold(options.presenceThreshold);
  if (options.densityThreshold !== undefined) {
    return checkDensityThreshold(options.densityThreshold);
  }
  const candidates: number[] = [];
  const all: number[] = [];
  for (const industry of industries) {
    if (!Number.isFinite(industry.density)) continue;
    all.push(industry.density);
    if (!(industry.rca >= presenceThreshold)) candidates.push(industry.density);
  }
  return median(candidates.length > 0 ? candidates : all);
}

/**
 * Ranks the industries a place does not yet specialise in by feasibility and attractiveness,
 * and classifies every industry of the place by current presence and feasibility. Each item
 * explains itself: its criteria's raw and scaled values, weights and contributions.
 *
 * **Classification** (presence x feasibility; see {@link RankedOpportunity.classification}): an
 * industry is specialised when its RCA is at or above `presenceThreshold`, and feasible when its
 * density is at or above the cut ({@link opportunityDensityThreshold}). Entry into industries
 * close to a place's capabilities, measured by density, is more likely than into distant
 * ones (Hidalgo, Klinger, Barabási and Hausmann 2007, "The product space conditions the
 * development of nations", Science 317(5837)); and industries unrelated to the rest of a region's
 * portfolio are more likely to leave it (Neffke, Henning and Boschma 2011, "How do regions
 * diversify over time?", Economic Geography 87(3)). So specialised industries are strengths
 * (feasible) or weaknesses (not), and the others are opportunities (feasible) or possible
 * entrants (not: a longer jump). Unknown density counts as not feasible: feasibility is claimed
 * only on evidence.
 *
 * **Scale.** Each criterion, and feasibility, is put on 0 to 100 by min-max scaling with its
 * polarity (OECD/JRC 2008, Handbook on Constructing Composite Indicators, step 5):
 * `100 (x - min) / (max - min)`, or `100 (max - x) / (max - min)` for emissions, with min and
 * max over the **candidates** (the industries not specialised in) that have a value, since those
 * are the alternatives being ranked and min-max weights are relative to their ranges; over all
 * industries when no candidate has a value. Specialised industries are put on the same scale,
 * clamped to 0 to 100. A criterion with a single value (max = min) tells the candidates apart on
 * nothing and scales to 50 for every industry with a value, as the scorecard's `minMax` does.
 * Min-max scaling makes the result unchanged when a criterion's raw values are multiplied by a
 * positive number or shifted (a change of units).
 *
 * **Attractiveness** is the weighted arithmetic mean of the scaled criteria with a positive
 * weight, skipping those the industry has no value for and renormalising the weights of the
 * others (the project's missing-data rule: missing is never 0); NaN when none is left. Its
 * contributions `weight * scaled` sum to it. **Score** combines the two by `feasibilityWeight`:
 * `w F + (1 - w) A`, or whichever of F and A is defined. So with no weighted criterion known
 * (an empty weight set, or no attribute data) the candidates are ranked by feasibility alone.
 *
 * See docs/methods/opportunities.md for a worked example.
 *
 * @param industries The place's industries, each with its RCA, density and criterion values;
 *   codes must be unique.
 * @param options The priority weights, the feasibility weight and the two thresholds.
 * @returns Every industry: the ranked candidates first, by rank (ties by code), then the rest
 *   (specialised industries and candidates without a score) by RCA, highest first (NaN last,
 *   ties by code).
 * @throws RangeError for a weight that is negative or not a finite number, a weight or value for
 *   a criterion not in {@link opportunityCriteria}, a feasibility weight outside 0 to 1, a
 *   presence threshold that is not positive, a density threshold outside 0 to 1, or a code
 *   repeated.
 */
export function opportunities(
  industries: readonly OpportunityIndustry[],
  options: OpportunityOptions,
): RankedOpportunity[] {
  const weighted = checkWeights(options.weights);
  const feasibilityWeight = options.feasibilityWeight ?? 0.5;
  if (!(feasibilityWeight >= 0 && feasibilityWeight <= 1)) {
    throw new RangeError(
      `opportunities: feasibilityWeight must be from 0 to 1, got ${String(feasibilityWeight)}`,
    );
  }
  const presenceThreshold = checkPresenceThreshold(options.presenceThreshold);
  const codes = new Set<string>();
  for (const industry of industries) {
    if (codes.has(industry.code)) {
      throw new RangeError(`opportunities: the industry code "${industry.code}" is repeated`);
    }
    codes.add(industry.code);
    for (const criterion of Object.keys(industry.values)) {
      if (!criterionNames.has(criterion)) {
        throw new RangeError(
          `opportunities: industry "${industry.code}" has a value for "${criterion}", ` +
            `which is not a criterion (${opportunityCriteria.join(", ")})`,
        );
      }
    }
  }
  const cut = opportunityDensityThreshold(industries, {
    presenceThreshold,
    densityThreshold: options.densityThreshold,
  });
  // NaN RCA is not at or above the threshold, so an industry with an undefined RCA is a candidate.
  const specialised = industries.map((industry) => industry.rca >= presenceThreshold);

  const densities = industries.map((industry) => finiteOrNaN(industry.density));
  const feasibilityScale = scaleOf(densities, specialised);
  const criteria = weighted.map(({ criterion, weight }) => {
    const raw = industries.map((industry) => finiteOrNaN(industry.values[criterion]));
    return { criterion, weight, raw, scale: scaleOf(raw, specialised) };
  });

  const results: RankedOpportunity[] = industries.map((industry, index) => {
    let totalWeight = 0;
    const scaledValues = criteria.map(({ criterion, weight, raw, scale }) => {
      const scaled = scaleValue(raw[index]!, scale, opportunityCriterionPolarity[criterion]);
      if (!Number.isNaN(scaled)) totalWeight += weight;
      return scaled;
    });
    // At most eight terms, each between 0 and 100: a plain sum loses nothing worth compensating,
    // and summing the contributions themselves makes them add up to attractiveness exactly.
    let attractiveness = 0;
    const contributions = criteria.map(
      ({ criterion, weight, raw }, at): OpportunityContribution => {
        const scaled = scaledValues[at]!;
        const known = !Number.isNaN(scaled);
        const share = known ? weight / totalWeight : 0;
        const contribution = known ? share * scaled : 0;
        attractiveness += contribution;
        return {
          criterion,
          value: Number.isNaN(raw[index]!) ? null : raw[index]!,
          scaled: known ? scaled : null,
          priorityWeight: weight,
          weight: share,
          contribution,
        };
      },
    );
    if (!(totalWeight > 0)) attractiveness = Number.NaN;
    const scaledFeasibility = scaleValue(densities[index]!, feasibilityScale, 1);
    const isSpecialised = specialised[index]!;
    const feasible = densities[index]! >= cut;
    return {
      code: industry.code,
      name: industry.name,
      classification: isSpecialised
        ? feasible
          ? "strength"
          : "weakness"
        : feasible
          ? "opportunity"
          : "possible entrant",
      rca: industry.rca,
      feasibility: densities[index]!,
      scaledFeasibility,
      attractiveness,
      score: combine(scaledFeasibility, attractiveness, feasibilityWeight),
      rank: null,
      contributions,
    };
  });

  const ranked = results
    .filter((result, index) => !specialised[index]! && !Number.isNaN(result.score))
    .sort((a, b) => b.score - a.score || compareCodes(a.code, b.code));
  ranked.forEach((result, position) => {
    const previous = ranked[position - 1];
    result.rank =
      previous !== undefined && previous.score === result.score ? previous.rank : position + 1;
  });
  const others = results
    .filter((result) => result.rank === null)
    .sort((a, b) => rcaKey(b.rca) - rcaKey(a.rca) || compareCodes(a.code, b.code));
  return [...ranked, ...others];
}

const criterionNames: ReadonlySet<string> = new Set(opportunityCriteria);

/** The weighted criteria, in the order of `opportunityCriteria`, after checking the set. */
function checkWeights(
  weights: OpportunityOptions["weights"],
): { criterion: OpportunityCriterion; weight: number }[] {
  for (const [criterion, weight] of Object.entries(weights)) {
    if (!criterionNames.has(criterion)) {
      throw new RangeError(
        `opportunities: "${criterion}" is not a criterion (${opportunityCriteria.join(", ")})`,
      );
    }
    if (typeof weight !== "number" || !Number.isFinite(weight) || weight < 0) {
      throw new RangeError(
        `opportunities: the weight of "${criterion}" is ${String(weight)}; ` +
          "weights must be non-negative numbers",
      );
    }
  }
  return opportunityCriteria
    .map((criterion) => ({ criterion, weight: weights[criterion] ?? 0 }))
    .filter(({ weight }) => weight > 0);
}

/** The presence threshold, default 1, after checking it is a positive number. */
function checkPresenceThreshold(threshold: number | undefined): number {
  const value = threshold ?? 1;
  if (!(Number.isFinite(value) && value > 0)) {
    throw new RangeError(
      `opportunities: presenceThreshold must be a positive number, got ${String(value)}`,
    );
  }
  return value;
}

/** The density threshold, after checking it is a number from 0 to 1. */
function checkDensityThreshold(threshold: number): number {
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new RangeError(
      `opportunities: densityThreshold must be from 0 to 1, got ${String(threshold)}`,
    );
  }
  return threshold;
}

/** A finite number as it is; anything else (null, undefined, NaN, ±Infinity) as NaN. */
function finiteOrNaN(value: number | null | undefined): number {
  return typeof value === "number" && Number.isFinite(value) ? value : Number.NaN;
}

/** The ends of a min-max scale. */
interface Scale {
  minimum: number;
  maximum: number;
}

/**
 * The minimum and maximum of the values of the candidates (not specialised), or of all values
 * when no candidate has one; NaN ends when there is no value at all.
 */
function scaleOf(values: readonly number[], specialised: readonly boolean[]): Scale {
  const candidates = { minimum: Infinity, maximum: -Infinity };
  const all = { minimum: Infinity, maximum: -Infinity };
  values.forEach((value, index) => {
    if (Number.isNaN(value)) return;
    for (const range of specialised[index]! ? [all] : [all, candidates]) {
      if (value < range.minimum) range.minimum = value;
      if (value > range.maximum) range.maximum = value;
    }
  });
  if (candidates.minimum <= candidates.maximum) return candidates;
  if (all.minimum <= all.maximum) return all;
  return { minimum: Number.NaN, maximum: Number.NaN };
}

/**
 * A value on the 0 to 100 scale, 100 best given the polarity, clamped for values outside the
 * candidates' range; 50 when the range is a single value; NaN for a missing value.
 */
function scaleValue(value: number, scale: Scale, polarity: 1 | -1): number {
  if (Number.isNaN(value)) return Number.NaN;
  const range = scale.maximum - scale.minimum;
  if (range === 0) return 50;
  const position =
    polarity === 1 ? (value - scale.minimum) / range : (scale.maximum - value) / range;
  return 100 * Math.min(1, Math.max(0, position));
}

/** The overall score from scaled feasibility and attractiveness, skipping whichever is NaN. */
function combine(feasibility: number, attractiveness: number, feasibilityWeight: number): number {
  if (Number.isNaN(feasibility)) return attractiveness;
  if (Number.isNaN(attractiveness)) return feasibility;
  return feasibilityWeight * feasibility + (1 - feasibilityWeight) * attractiveness;
}

/** Codes in code-unit order, independent of the machine's locale. */
function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** RCA for sorting, highest first: NaN sorts after every number. */
function rcaKey(rca: number): number {
  return Number.isNaN(rca) ? -Infinity : rca;
}

/** The median of finite values (the mean of the middle two for an even count); NaN when empty. */
function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
