import { InputError } from "../../core/errors.js";
import { Random } from "../../demo/random.js";
import { compensatedSum } from "../../scorecard/methods/index.js";
import {
  levelTwoOrBelow,
  qualificationLevels,
  type QualificationLevel,
} from "./qualificationLevels.js";

/**
 * How far a group of shares (an industry's occupation shares, an occupation's level shares) may
 * add up to something other than 1 before it is an error: enough for shares rounded to three
 * decimals or to one decimal of a percentage. Shares within it are rescaled to add up to 1.
 */
export const shareSumTolerance = 0.005;

/**
 * The default relative spreads of the uncertain inputs: a planned change in employment may turn
 * out 50% smaller or larger, a replacement rate and a level's supply 25%. They are conventions
 * for a first look, not estimates; give each row's own range where it is known.
 */
export const defaultSpreads = { change: 0.5, replacement: 0.25, supply: 0.25 } as const;

/** The percentiles of the simulated gaps reported as their range. */
export const gapPercentiles = [5, 95] as const;

/** One industry of the sector plan: employment now and at the horizon. */
export interface PlanRow {
  /** The industry, spelt as in the industry × occupation shares (a SIC 2007 section or division). */
  industry: string;
  /** Employment in the industry now, in people (or jobs), 0 or more. */
  baseline: number;
  /** Planned employment at the horizon, 0 or more; below the baseline for a shrinking industry. */
  target: number;
  /**
   * The lowest plausible employment at the horizon, for the uncertainty; with `targetHigh`, and
   * `0 ≤ targetLow ≤ target ≤ targetHigh`. Default: the change `target − baseline` varied by the
   * change spread, `target ∓ spread × |target − baseline|`, never below 0.
   */
  targetLow?: number;
  /** The highest plausible employment at the horizon; see `targetLow`. */
  targetHigh?: number;
}

/** The share of an industry's jobs in an occupation. */
export interface IndustryOccupationShare {
  /** The industry, as in the plan. */
  industry: string;
  /** The occupation: a SOC 2020 major (one digit) or sub-major (two digits) group. */
  occupation: string;
  /** The share of the industry's jobs in the occupation, 0 to 1; an industry's shares sum to 1. */
  share: number;
}

/** The share of an occupation's jobs that need a qualification level. */
export interface OccupationLevelShare {
  /** The occupation, as in the industry × occupation shares. */
  occupation: string;
  /** The qualification level the jobs need. */
  level: QualificationLevel;
  /** The share of the occupation's jobs at the level, 0 to 1; an occupation's shares sum to 1. */
  share: number;
}

/** The share of an occupation's jobs that fall vacant and must be refilled each year. */
export interface ReplacementRate {
  /** The occupation. */
  occupation: string;
  /** Retirements and other permanent exits as a share of the occupation's jobs per year, 0 to 1. */
  rate: number;
  /** The lowest plausible rate, with `rateHigh`; `0 ≤ rateLow ≤ rate ≤ rateHigh ≤ 1`. */
  rateLow?: number;
  /** The highest plausible rate; see `rateLow`. Default for both: `rate ∓ spread × rate`. */
  rateHigh?: number;
}

/** The people newly qualified at a level and available locally over the horizon. */
export interface LevelSupply {
  /** The qualification level. */
  level: QualificationLevel;
  /** People qualifying at the level over the horizon who will be available locally, 0 or more. */
  supply: number;
  /** The lowest plausible supply, with `supplyHigh`; `0 ≤ supplyLow ≤ supply ≤ supplyHigh`. */
  supplyLow?: number;
  /** The highest plausible supply; see `supplyLow`. Default for both: `supply ∓ spread × supply`. */
  supplyHigh?: number;
}

/** The inputs every place shares: the occupation and level mixes and the replacement rates. */
export interface SkillsGapMixes {
  /** The occupation mix of each industry; each industry's shares sum to 1. */
  industryOccupation: readonly IndustryOccupationShare[];
  /** The level mix of each occupation; each occupation's shares sum to 1. */
  occupationLevel: readonly OccupationLevelShare[];
  /**
   * The replacement rate of each occupation the plan employs. Omitted (or empty), every rate is 0
   * and demand counts only the change in employment, with a warning.
   */
  replacement?: readonly ReplacementRate[];
}

/** Everything {@link skillsGap} needs for one place. */
export interface SkillsGapInput extends SkillsGapMixes {
  /** The sector plan: one row per industry. */
  plan: readonly PlanRow[];
  /** The supply at every one of the five levels, each once: people living in the place. */
  supply: readonly LevelSupply[];
  /**
   * The share of the place's openings filled by people who live elsewhere, 0 to 1: adds share ×
   * demand to the supply of each level, in every Monte Carlo replication with that replication's
   * demand. Default none (0), with no `inCommuting` in the result.
   */
  inCommutingShare?: number;
}

/** One place of {@link skillsGapForPlaces}: its plan and its supply. */
export interface SkillsGapPlace {
  /** The place's code, carried into its result. */
  placeCode: string;
  /** The place's sector plan: one row per industry. */
  plan: readonly PlanRow[];
  /** The place's supply at every one of the five levels, each once. */
  supply: readonly LevelSupply[];
  /** The share of the place's openings filled by in-commuters, 0 to 1; see {@link SkillsGapInput}. */
  inCommutingShare?: number;
}

/** The seeded Monte Carlo simulation of the uncertain inputs. */
export interface SkillsGapUncertainty {
  /** The number of replications, a whole number from 1 to 10,000,000. */
  replications: number;
  /** The seed of the xoshiro128** generator, any safe integer; the same seed gives the same ranges. */
  seed: number;
  /**
   * The relative spread of each industry's change in employment without its own range: the
   * change is drawn between `(1 − spread)` and `(1 + spread)` times the planned change. 0 or more;
   * default {@link defaultSpreads}.change (0.5).
   */
  changeSpread?: number;
  /** The relative spread of each replacement rate without its own range, 0 or more; default 0.25. */
  replacementSpread?: number;
  /** The relative spread of each level's supply without its own range, 0 or more; default 0.25. */
  supplySpread?: number;
}

/** Options of {@link skillsGap} and {@link skillsGapForPlaces}. */
export interface SkillsGapOptions {
  /** The horizon in years over which replacement demand accrues, 0 or more; default 5. */
  years?: number;
  /** Simulate the uncertain inputs and report a range for every gap; default none. */
  uncertainty?: SkillsGapUncertainty;
  /** How far share groups may miss a sum of 1; default {@link shareSumTolerance}. */
  shareTolerance?: number;
}

/** Demand, supply and the gap at one qualification level. People over the horizon. */
export interface LevelGap {
  /** The qualification level. */
  level: QualificationLevel;
  /** The change in employment at the level (negative where jobs are lost), before the floor. */
  expansion: number;
  /** The jobs at the level to be refilled over the horizon. */
  replacement: number;
  /** Openings: each occupation's net requirement floored at 0, split to the level. */
  demand: number;
  /** The people whose jobs go and are not needed for replacement: the floored-away losses. */
  released: number;
  /**
   * The people newly qualified at the level and available locally, plus the in-commuters:
   * the given supply + `inCommuting`.
   */
  supply: number;
  /** The openings filled by people who live elsewhere: in-commuting share × demand; only with it. */
  inCommuting?: number;
  /** `demand − supply`: a shortfall when positive, a surplus when negative. */
  gap: number;
  /** The 5th and 95th percentiles of the simulated gap; only with `uncertainty`. */
  range?: [low: number, high: number];
}

/** Demand, supply and the gap in one occupation. People over the horizon. */
export interface OccupationGap {
  /** The occupation, as in the mixes. */
  occupation: string;
  /** Baseline employment in the occupation, over the plan's industries. */
  employment: number;
  /** The change in employment in the occupation; negative where jobs are lost. */
  expansion: number;
  /** The occupation's jobs to be refilled over the horizon: `rate × years × employment`. */
  replacement: number;
  /** Openings: `max(0, expansion + replacement)`. */
  demand: number;
  /** `max(0, −(expansion + replacement))`: jobs lost beyond the replacement need. */
  released: number;
  /** The supply apportioned to the occupation: at each level, in proportion to its demand there. */
  supply: number;
  /** `demand − supply`. */
  gap: number;
  /** The 5th and 95th percentiles of the simulated gap; only with `uncertainty`. */
  range?: [low: number, high: number];
}

/** Demand, apportioned supply and the gap for one occupation at one level. */
export interface OccupationLevelGap {
  /** The occupation, as in the mixes. */
  occupation: string;
  /** The qualification level. */
  level: QualificationLevel;
  /** The occupation's openings times its share at the level. */
  demand: number;
  /** The level's supply times this cell's share of the level's demand; 0 when the level has none. */
  supply: number;
  /** `demand − supply`. */
  gap: number;
}

/** The check that the plan creates openings for every level. */
export interface AccessibleShare {
  /** The share of all openings at entry level and levels 1-2; undefined without openings. */
  level2orBelow: number | undefined;
  /** The share of all openings at level 3; undefined without openings. */
  level3: number | undefined;
  /** The levels with fewer than half an opening, that is none once rounded to whole people. */
  levelsWithoutOpenings: QualificationLevel[];
}

/** What {@link skillsGap} finds for one place. */
export interface SkillsGapResult {
  /** The horizon in years. */
  years: number;
  /** Every level, lowest first. */
  byLevel: LevelGap[];
  /** Every occupation with a positive share in an industry of the plan, in code order. */
  byOccupation: OccupationGap[];
  /** Every occupation and level with a positive level share, occupation by occupation. */
  byOccupationLevel: OccupationLevelGap[];
  /** The shares of openings open to people without a degree-level or level 3 qualification. */
  accessibleShare: AccessibleShare;
  /** The in-commuting share, when one was given. */
  inCommutingShare?: number;
  /** The simulation as run, when it was. */
  uncertainty?: {
    replications: number;
    seed: number;
    spreads: { change: number; replacement: number; supply: number };
    percentiles: readonly [number, number];
  };
  /** Legal but suspicious inputs, each saying how to fix it. */
  warnings: string[];
}

/** What {@link skillsGapForPlaces} finds for one place. */
export interface PlaceSkillsGap extends SkillsGapResult {
  /** The place's code, as given. */
  placeCode: string;
}

/**
 * The skills a sector plan will need at each qualification level over a horizon, against the
 * local supply, by the manpower-requirements approach of Working Futures (Wilson et al., Warwick
 * Institute for Employment Research and Cambridge Econometrics): expansion demand from the change
 * in employment, plus replacement demand from the people who retire or leave.
 *
 * For industry i, occupation o and level l, with baseline B_i, target T_i, occupation shares
 * s_io, level shares λ_ol, replacement rates r_o and Y years:
 *
 *     expansion_o = Σ_i (T_i − B_i) s_io        replacement_o = r_o · Y · Σ_i B_i s_io
 *     demand_o    = max(0, expansion_o + replacement_o)
 *     demand_ol   = λ_ol · demand_o             demand_l = Σ_o demand_ol
 *     gap_l       = demand_l − supply_l
 *
 * Jobs lost in one industry offset openings in the same occupation elsewhere (the people hold
 * that occupation's skills), but not in other occupations, so each occupation's net requirement
 * is floored at 0 and what is floored away is reported as `released`. The level's supply is
 * apportioned to its occupations in proportion to their demand there, giving a gap for each
 * occupation and level that adds up to the level's gap whenever the level has openings.
 *
 * With an in-commuting share c (`inCommutingShare`), people who live elsewhere fill c of each
 * level's openings: c · demand_l is added to the level's supply, so gap_l = (1 − c) · demand_l −
 * supply_l, in the point evaluation and in every replication, with that replication's demand.
 *
 * Demand is positively homogeneous: scaling every baseline and target by k ≥ 0 scales every
 * demand by k exactly. It is linear (additive across plans and in the changes and the rates) as
 * long as no occupation's net requirement changes sign, which is where the floor bites.
 *
 * With `uncertainty`, each industry's change, each replacement rate and each level's supply is
 * drawn from an independent triangular distribution between its low and high values with its
 * mode at the point value; the range of each gap is its 5th and 95th percentiles (type 7
 * quantiles, Hyndman and Fan 1996). See docs/methods/skills-gap.md.
 *
 * @throws InputError for negative employment or supply, shares outside 0 to 1 or not summing to
 *   1, an industry of the plan with no occupation mix, an occupation with no level mix or no
 *   replacement rate (when rates are given), duplicates, a level without supply, or bad options.
 */
export function skillsGap(input: SkillsGapInput, options: SkillsGapOptions = {}): SkillsGapResult {
  return gapsOfPlaces(
    input,
    [
      {
        placeCode: "",
        plan: input.plan,
        supply: input.supply,
        inCommutingShare: input.inCommutingShare,
      },
    ],
    options,
  )[0]!;
}

/**
 * {@link skillsGap} for many places that share the occupation and level mixes and the
 * replacement rates. The mixes are checked and compiled once; each place then costs
 * O(industries × occupations + occupations × levels) per replication, with no allocation inside
 * the replications. Each place draws from its own stream, forked in order from the seed, so the
 * first place's result is the same as {@link skillsGap} gives for it alone.
 *
 * @throws InputError as {@link skillsGap} does, naming the place.
 */
export function skillsGapForPlaces(
  mixes: SkillsGapMixes,
  places: readonly SkillsGapPlace[],
  options: SkillsGapOptions = {},
): PlaceSkillsGap[] {
  const gaps = gapsOfPlaces(mixes, places, options);
  return places.map((place, index) => ({ placeCode: place.placeCode, ...gaps[index]! }));
}

/** The gaps of the places, checked and compiled once; a place's errors name the place. */
function gapsOfPlaces(
  mixes: SkillsGapMixes,
  places: readonly SkillsGapPlace[],
  options: SkillsGapOptions,
): SkillsGapResult[] {
  const years = options.years ?? 5;
  if (!(Number.isFinite(years) && years >= 0)) {
    throw new InputError("the horizon must be a number of years, 0 or more", {
      field: "years",
      value: String(years),
    });
  }
  const tolerance = options.shareTolerance ?? shareSumTolerance;
  if (!(Number.isFinite(tolerance) && tolerance >= 0 && tolerance < 1)) {
    throw new RangeError(`skillsGap: shareTolerance must be from 0 to below 1, got ${tolerance}`);
  }
  const simulation = options.uncertainty && checkUncertainty(options.uncertainty);
  const planIndustries = new Set(places.flatMap((place) => place.plan.map((row) => row.industry)));
  const compiled = compileMixes(mixes, planIndustries, tolerance);
  const streams = simulation === undefined ? undefined : new Random(simulation.seed);
  return places.map((place) => {
    const random = streams?.fork();
    try {
      return placeGap(compiled, place, years, simulation, random);
    } catch (error) {
      if (error instanceof InputError && place.placeCode !== "") {
        throw new InputError(`${error.reason} (place ${place.placeCode})`, error.location);
      }
      throw error;
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The shared mixes

/** The mixes as typed arrays over the occupations the plans employ. */
interface CompiledMixes {
  /** The occupations with a positive share in an industry of a plan, in code order. */
  occupations: string[];
  /** Each plan industry's occupation shares (rescaled to sum to 1), by occupation index. */
  industryShares: Map<string, Float64Array>;
  /** Occupations × levels, each row rescaled to sum to 1. */
  levelShares: Float64Array;
  /** Each occupation's replacement rate and its plausible range. */
  rate: Float64Array;
  rateLow: Float64Array;
  rateHigh: Float64Array;
  /** Whether each rate came with its own range. */
  rateHasRange: Uint8Array;
  warnings: string[];
}

function compileMixes(
  mixes: SkillsGapMixes,
  planIndustries: ReadonlySet<string>,
  tolerance: number,
): CompiledMixes {
  const byIndustry = groupShares(
    mixes.industryOccupation,
    (row) => row.industry,
    (row) => row.occupation,
    "industry",
    "occupation",
  );
  for (const industry of planIndustries) {
    if (!byIndustry.has(industry)) {
      throw new InputError(
        "this industry of the plan has no occupation mix: give the shares of its jobs in each occupation",
        { field: "industry", value: industry },
      );
    }
  }
  const byOccupation = groupShares(
    mixes.occupationLevel,
    (row) => row.occupation,
    (row) => row.level,
    "occupation",
    "level",
  );
  for (const [occupation, shares] of byOccupation) {
    for (const level of shares.keys()) {
      if (!(qualificationLevels as readonly string[]).includes(level)) {
        throw new InputError(
          `occupation ${occupation} has a share at an unknown level; expected one of ${qualificationLevels.join(", ")}`,
          { field: "level", value: level },
        );
      }
    }
  }
  for (const [industry, shares] of byIndustry) checkSum(shares, tolerance, "industry", industry);
  for (const [occupation, shares] of byOccupation) {
    checkSum(shares, tolerance, "occupation", occupation);
  }

  const used = new Set<string>();
  for (const industry of planIndustries) {
    for (const [occupation, share] of byIndustry.get(industry)!) {
      if (share > 0) used.add(occupation);
    }
  }
  const occupations = [...used].sort();
  const occupationIndex = new Map(occupations.map((occupation, index) => [occupation, index]));
  const occupationCount = occupations.length;
  const levelCount = qualificationLevels.length;

  const industryShares = new Map<string, Float64Array>();
  for (const industry of planIndustries) {
    const shares = byIndustry.get(industry)!;
    const row = new Float64Array(occupationCount);
    const sum = compensatedSum([...shares.values()]);
    for (const [occupation, share] of shares) {
      const index = occupationIndex.get(occupation);
      if (index !== undefined) row[index] = share / sum;
    }
    industryShares.set(industry, row);
  }

  const levelShares = new Float64Array(occupationCount * levelCount);
  for (const [index, occupation] of occupations.entries()) {
    const shares = byOccupation.get(occupation);
    if (shares === undefined) {
      throw new InputError(
        "this occupation has no level mix: give the shares of its jobs at each qualification level",
        { field: "occupation", value: occupation },
      );
    }
    const sum = compensatedSum([...shares.values()]);
    for (const [level, share] of shares) {
      levelShares[index * levelCount + qualificationLevels.indexOf(level as QualificationLevel)] =
        share / sum;
    }
  }

  const rate = new Float64Array(occupationCount);
  const rateLow = new Float64Array(occupationCount);
  const rateHigh = new Float64Array(occupationCount);
  const rateHasRange = new Uint8Array(occupationCount);
  const warnings: string[] = [];
  const replacement = mixes.replacement ?? [];
  if (replacement.length === 0) {
    warnings.push(
      "no replacement rates were given, so demand counts only the change in employment and not " +
        "the people who retire or leave, usually the larger part; give a rate for each occupation",
    );
  } else {
    const seen = new Set<string>();
    for (const row of replacement) {
      if (seen.has(row.occupation)) {
        throw new InputError("this occupation has two replacement rates", {
          field: "occupation",
          value: row.occupation,
        });
      }
      seen.add(row.occupation);
      checkRange(
        row.rate,
        row.rateLow,
        row.rateHigh,
        1,
        `the replacement rate of ${row.occupation}`,
      );
      const index = occupationIndex.get(row.occupation);
      if (index === undefined) continue;
      rate[index] = row.rate;
      if (row.rateLow !== undefined && row.rateHigh !== undefined) {
        rateLow[index] = row.rateLow;
        rateHigh[index] = row.rateHigh;
        rateHasRange[index] = 1;
      }
    }
    const missing = occupations.filter((occupation) => !seen.has(occupation));
    if (missing.length > 0) {
      throw new InputError(
        `no replacement rate for occupation ${missing.join(", ")}: give one for each occupation of the plan (0 where none leave)`,
        { field: "occupation" },
      );
    }
  }
  return {
    occupations,
    industryShares,
    levelShares,
    rate,
    rateLow,
    rateHigh,
    rateHasRange,
    warnings,
  };
}

/** Shares grouped by an outer key (industry, occupation), checked for range and duplicates. */
function groupShares<Row extends { share: number }>(
  rows: readonly Row[],
  outer: (row: Row) => string,
  inner: (row: Row) => string,
  outerName: string,
  innerName: string,
): Map<string, Map<string, number>> {
  const groups = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const key = outer(row);
    const part = inner(row);
    if (!(Number.isFinite(row.share) && row.share >= 0 && row.share <= 1)) {
      throw new InputError(
        `the share of ${innerName} ${part} in ${outerName} ${key} must be from 0 to 1`,
        { field: "share", value: String(row.share) },
      );
    }
    let group = groups.get(key);
    if (group === undefined) {
      group = new Map();
      groups.set(key, group);
    }
    if (group.has(part)) {
      throw new InputError(`${outerName} ${key} has two shares for ${innerName} ${part}`, {
        field: innerName,
        value: part,
      });
    }
    group.set(part, row.share);
  }
  return groups;
}

function checkSum(
  shares: ReadonlyMap<string, number>,
  tolerance: number,
  name: string,
  key: string,
): void {
  const sum = compensatedSum([...shares.values()]);
  if (Math.abs(sum - 1) > tolerance) {
    throw new InputError(
      `the shares of ${name} ${key} add up to ${roundForMessage(sum)}; expected 1 (within ${tolerance})`,
      { field: name, value: key },
    );
  }
}

// ---------------------------------------------------------------------------------------------
// One place

/** The uncertainty options with their defaults filled in and checked. */
interface Simulation {
  replications: number;
  seed: number;
  changeSpread: number;
  replacementSpread: number;
  supplySpread: number;
}

function checkUncertainty(uncertainty: SkillsGapUncertainty): Simulation {
  const { replications, seed } = uncertainty;
  if (!(Number.isInteger(replications) && replications >= 1 && replications <= 10_000_000)) {
    throw new InputError("the replications must be a whole number from 1 to 10,000,000", {
      field: "replications",
      value: String(replications),
    });
  }
  if (!Number.isSafeInteger(seed)) {
    throw new InputError("the seed must be a whole number", { field: "seed", value: String(seed) });
  }
  const spread = (value: number | undefined, fallback: number, field: string): number => {
    const chosen = value ?? fallback;
    if (!(Number.isFinite(chosen) && chosen >= 0)) {
      throw new InputError("a spread must be a number, 0 or more (0.25 is ±25%)", {
        field,
        value: String(chosen),
      });
    }
    return chosen;
  };
  return {
    replications,
    seed,
    changeSpread: spread(uncertainty.changeSpread, defaultSpreads.change, "changeSpread"),
    replacementSpread: spread(
      uncertainty.replacementSpread,
      defaultSpreads.replacement,
      "replacementSpread",
    ),
    supplySpread: spread(uncertainty.supplySpread, defaultSpreads.supply, "supplySpread"),
  };
}

/**
 * Independent triangular distributions, one per item, with their inverse CDFs precomputed:
 * for u uniform on [0, 1), x = low + sqrt(u (high − low)(mode − low)) when u < (mode − low) /
 * (high − low), else high − sqrt((1 − u)(high − low)(high − mode)).
 */
interface Triangulars {
  mode: Float64Array;
  low: Float64Array;
  high: Float64Array;
  split: Float64Array;
  lowArea: Float64Array;
  highArea: Float64Array;
  /** 1 where low < high; the others are their mode and draw nothing. */
  varies: Uint8Array;
}

function triangulars(mode: Float64Array, low: Float64Array, high: Float64Array): Triangulars {
  const count = mode.length;
  const split = new Float64Array(count);
  const lowArea = new Float64Array(count);
  const highArea = new Float64Array(count);
  const varies = new Uint8Array(count);
  for (let index = 0; index < count; index++) {
    const width = high[index]! - low[index]!;
    if (!(width > 0)) continue;
    varies[index] = 1;
    split[index] = (mode[index]! - low[index]!) / width;
    lowArea[index] = width * (mode[index]! - low[index]!);
    highArea[index] = width * (high[index]! - mode[index]!);
  }
  return { mode, low, high, split, lowArea, highArea, varies };
}

function drawTriangulars(set: Triangulars, random: Random, into: Float64Array): void {
  const { mode, low, high, split, lowArea, highArea, varies } = set;
  for (let index = 0; index < into.length; index++) {
    if (varies[index] === 0) {
      into[index] = mode[index]!;
      continue;
    }
    const u = random.next();
    into[index] =
      u < split[index]!
        ? low[index]! + Math.sqrt(u * lowArea[index]!)
        : high[index]! - Math.sqrt((1 - u) * highArea[index]!);
  }
}

/** The arrays one evaluation of the model reads and writes, allocated once per place. */
interface Workspace {
  industries: number;
  occupations: number;
  /** Occupations × plan industries: each industry's occupation shares, by column. */
  shares: Float64Array;
  levelShares: Float64Array;
  /** Baseline employment by occupation, times the years: replacement is rate × this. */
  employmentYears: Float64Array;
  expansion: Float64Array;
  demandByOccupation: Float64Array;
  demandByLevel: Float64Array;
  /** 1 − in-commuting share: the share of openings left to the place's residents. */
  residentShare: number;
  /** 1 − supply / demand at each level: the share of a level's openings left unfilled. */
  unfilled: Float64Array;
  gapByLevel: Float64Array;
  gapByOccupation: Float64Array;
}

/**
 * One evaluation of the model for the given changes, rates and supplies: O(industries ×
 * occupations + occupations × levels), no allocation. The point values and every replication go
 * through it, so a replication with every spread at 0 gives the point values bit for bit.
 */
function evaluate(
  work: Workspace,
  changes: Float64Array,
  rates: Float64Array,
  supplies: Float64Array,
): void {
  const { industries, occupations, shares, levelShares, expansion } = work;
  const levels = qualificationLevels.length;
  // A dot product per occupation, over its row of the shares. Four partial sums kept in
  // registers let four additions run at once instead of each waiting for the one before; this
  // loop is most of the time of a simulation.
  const unrolled = industries - (industries % 4);
  for (let occupation = 0; occupation < occupations; occupation++) {
    const row = occupation * industries;
    let sum0 = 0;
    let sum1 = 0;
    let sum2 = 0;
    let sum3 = 0;
    let industry = 0;
    for (; industry < unrolled; industry += 4) {
      sum0 += changes[industry]! * shares[row + industry]!;
      sum1 += changes[industry + 1]! * shares[row + industry + 1]!;
      sum2 += changes[industry + 2]! * shares[row + industry + 2]!;
      sum3 += changes[industry + 3]! * shares[row + industry + 3]!;
    }
    for (; industry < industries; industry++) sum0 += changes[industry]! * shares[row + industry]!;
    expansion[occupation] = sum0 + sum1 + (sum2 + sum3);
  }
  const { demandByOccupation, demandByLevel, unfilled, gapByLevel, gapByOccupation } = work;
  const { residentShare } = work;
  demandByLevel.fill(0);
  for (let occupation = 0; occupation < occupations; occupation++) {
    const net = expansion[occupation]! + rates[occupation]! * work.employmentYears[occupation]!;
    const demand = net > 0 ? net : 0;
    demandByOccupation[occupation] = demand;
    if (demand === 0) continue;
    const row = occupation * levels;
    for (let level = 0; level < levels; level++) {
      demandByLevel[level]! += demand * levelShares[row + level]!;
    }
  }
  // In-commuters fill their share c of each level's openings whatever the demand, so the gap is
  // (1 − c) · demand − supply; with c = 0 the factor is exactly 1 and nothing changes.
  for (let level = 0; level < levels; level++) {
    const demand = demandByLevel[level]!;
    gapByLevel[level] = residentShare * demand - supplies[level]!;
    unfilled[level] = demand > 0 ? residentShare - supplies[level]! / demand : 0;
  }
  for (let occupation = 0; occupation < occupations; occupation++) {
    const row = occupation * levels;
    let share = 0;
    for (let level = 0; level < levels; level++) {
      share += levelShares[row + level]! * unfilled[level]!;
    }
    gapByOccupation[occupation] = demandByOccupation[occupation]! * share;
  }
}

function placeGap(
  compiled: CompiledMixes,
  place: SkillsGapPlace,
  years: number,
  simulation: Simulation | undefined,
  random: Random | undefined,
): SkillsGapResult {
  const { occupations: occupationCodes, levelShares } = compiled;
  const occupations = occupationCodes.length;
  const levels = qualificationLevels.length;
  const industries = place.plan.length;

  // The plan: each industry's change with its range, and its occupation shares in one matrix,
  // occupation by occupation.
  const shares = new Float64Array(industries * occupations);
  const change = new Float64Array(industries);
  const changeLow = new Float64Array(industries);
  const changeHigh = new Float64Array(industries);
  const employmentYears = new Float64Array(occupations);
  const employment = new Float64Array(occupations);
  const seen = new Set<string>();
  for (const [index, row] of place.plan.entries()) {
    if (seen.has(row.industry)) {
      throw new InputError("this industry is in the plan twice", {
        field: "industry",
        value: row.industry,
      });
    }
    seen.add(row.industry);
    checkAmount(row.baseline, `the baseline employment of industry ${row.industry}`);
    checkRange(
      row.target,
      row.targetLow,
      row.targetHigh,
      Infinity,
      `the target of ${row.industry}`,
    );
    const industryShares = compiled.industryShares.get(row.industry)!;
    for (let occupation = 0; occupation < occupations; occupation++) {
      shares[occupation * industries + index] = industryShares[occupation]!;
      employment[occupation]! += row.baseline * industryShares[occupation]!;
    }
    change[index] = row.target - row.baseline;
    if (row.targetLow !== undefined && row.targetHigh !== undefined) {
      changeLow[index] = row.targetLow - row.baseline;
      changeHigh[index] = row.targetHigh - row.baseline;
    } else {
      const spread = Math.abs(change[index]!) * (simulation?.changeSpread ?? 0);
      // Employment cannot fall below 0, so neither can the target.
      changeLow[index] = Math.max(change[index]! - spread, -row.baseline);
      changeHigh[index] = change[index]! + spread;
    }
  }
  for (let occupation = 0; occupation < occupations; occupation++) {
    employmentYears[occupation] = employment[occupation]! * years;
  }

  // The supply at each level, with its range.
  const supply = new Float64Array(levels);
  const supplyLow = new Float64Array(levels);
  const supplyHigh = new Float64Array(levels);
  const given = new Set<QualificationLevel>();
  for (const row of place.supply) {
    const level = qualificationLevels.indexOf(row.level);
    if (level < 0) {
      throw new InputError(`expected a level among ${qualificationLevels.join(", ")}`, {
        field: "level",
        value: String(row.level),
      });
    }
    if (given.has(row.level)) {
      throw new InputError("this level's supply is given twice", {
        field: "level",
        value: row.level,
      });
    }
    given.add(row.level);
    checkRange(row.supply, row.supplyLow, row.supplyHigh, Infinity, `the supply at ${row.level}`);
    supply[level] = row.supply;
    if (row.supplyLow !== undefined && row.supplyHigh !== undefined) {
      supplyLow[level] = row.supplyLow;
      supplyHigh[level] = row.supplyHigh;
    } else {
      const spread = row.supply * (simulation?.supplySpread ?? 0);
      supplyLow[level] = Math.max(0, row.supply - spread);
      supplyHigh[level] = row.supply + spread;
    }
  }
  const missingLevels = qualificationLevels.filter((level) => !given.has(level));
  if (missingLevels.length > 0) {
    throw new InputError(
      `the supply at ${missingLevels.join(", ")} is missing: give the supply at every level, 0 where there is none`,
      { field: "level" },
    );
  }
  const inCommutingShare = place.inCommutingShare;
  if (
    inCommutingShare !== undefined &&
    !(Number.isFinite(inCommutingShare) && inCommutingShare >= 0 && inCommutingShare <= 1)
  ) {
    throw new InputError("the in-commuting share must be a share from 0 to 1, such as 0.1", {
      field: "inCommutingShare",
      value: String(inCommutingShare),
    });
  }

  const work: Workspace = {
    industries,
    occupations,
    shares,
    levelShares,
    employmentYears,
    expansion: new Float64Array(occupations),
    demandByOccupation: new Float64Array(occupations),
    demandByLevel: new Float64Array(levels),
    residentShare: 1 - (inCommutingShare ?? 0),
    unfilled: new Float64Array(levels),
    gapByLevel: new Float64Array(levels),
    gapByOccupation: new Float64Array(occupations),
  };

  // The ranges first, so that the point evaluation is what the workspace holds afterwards.
  let levelRanges: [number, number][] | undefined;
  let occupationRanges: [number, number][] | undefined;
  if (simulation !== undefined && random !== undefined) {
    const rateLow = new Float64Array(occupations);
    const rateHigh = new Float64Array(occupations);
    for (let occupation = 0; occupation < occupations; occupation++) {
      const rate = compiled.rate[occupation]!;
      if (compiled.rateHasRange[occupation] === 1) {
        rateLow[occupation] = compiled.rateLow[occupation]!;
        rateHigh[occupation] = compiled.rateHigh[occupation]!;
      } else {
        const spread = rate * simulation.replacementSpread;
        rateLow[occupation] = Math.max(0, rate - spread);
        rateHigh[occupation] = Math.min(1, rate + spread);
      }
    }
    const changeDraws = triangulars(change, changeLow, changeHigh);
    const rateDraws = triangulars(compiled.rate, rateLow, rateHigh);
    const supplyDraws = triangulars(supply, supplyLow, supplyHigh);
    const drawnChanges = new Float64Array(industries);
    const drawnRates = new Float64Array(occupations);
    const drawnSupplies = new Float64Array(levels);
    const { replications } = simulation;
    // Quantity-major, so that each quantity's draws sort in place as one subarray.
    const samples = new Float64Array((levels + occupations) * replications);
    for (let replication = 0; replication < replications; replication++) {
      drawTriangulars(changeDraws, random, drawnChanges);
      drawTriangulars(rateDraws, random, drawnRates);
      drawTriangulars(supplyDraws, random, drawnSupplies);
      evaluate(work, drawnChanges, drawnRates, drawnSupplies);
      for (let level = 0; level < levels; level++) {
        samples[level * replications + replication] = work.gapByLevel[level]!;
      }
      for (let occupation = 0; occupation < occupations; occupation++) {
        samples[(levels + occupation) * replications + replication] =
          work.gapByOccupation[occupation]!;
      }
    }
    const range = (quantity: number): [number, number] => {
      const draws = samples.subarray(quantity * replications, (quantity + 1) * replications);
      return [
        quantileInPlace(draws, gapPercentiles[0] / 100),
        quantileInPlace(draws, gapPercentiles[1] / 100),
      ];
    };
    levelRanges = qualificationLevels.map((_, level) => range(level));
    occupationRanges = occupationCodes.map((_, occupation) => range(levels + occupation));
  }

  evaluate(work, change, compiled.rate, supply);
  return describe(
    compiled,
    work,
    employment,
    supply,
    inCommutingShare,
    years,
    levelRanges,
    occupationRanges,
    simulation,
  );
}

/** The point evaluation in the workspace as the result objects. */
function describe(
  compiled: CompiledMixes,
  work: Workspace,
  employment: Float64Array,
  supply: Float64Array,
  inCommutingShare: number | undefined,
  years: number,
  levelRanges: [number, number][] | undefined,
  occupationRanges: [number, number][] | undefined,
  simulation: Simulation | undefined,
): SkillsGapResult {
  const { occupations, levelShares, rate } = compiled;
  const levels = qualificationLevels.length;
  const byLevel: LevelGap[] = qualificationLevels.map((level, index) => {
    const demand = work.demandByLevel[index]!;
    const inCommuting = inCommutingShare === undefined ? undefined : inCommutingShare * demand;
    return {
      level,
      expansion: 0,
      replacement: 0,
      demand,
      released: 0,
      supply: supply[index]! + (inCommuting ?? 0),
      ...(inCommuting === undefined ? {} : { inCommuting }),
      gap: work.gapByLevel[index]!,
      ...(levelRanges === undefined ? {} : { range: levelRanges[index]! }),
    };
  });
  const byOccupation: OccupationGap[] = [];
  const byOccupationLevel: OccupationLevelGap[] = [];
  for (const [index, occupation] of occupations.entries()) {
    const expansion = work.expansion[index]!;
    const replacement = rate[index]! * work.employmentYears[index]!;
    const demand = work.demandByOccupation[index]!;
    const released = Math.max(0, -(expansion + replacement));
    const gap = work.gapByOccupation[index]!;
    byOccupation.push({
      occupation,
      employment: employment[index]!,
      expansion,
      replacement,
      demand,
      released,
      supply: demand - gap,
      gap,
      ...(occupationRanges === undefined ? {} : { range: occupationRanges[index]! }),
    });
    for (let level = 0; level < levels; level++) {
      const share = levelShares[index * levels + level]!;
      if (share === 0) continue;
      const levelGap = byLevel[level]!;
      levelGap.expansion += share * expansion;
      levelGap.replacement += share * replacement;
      levelGap.released += share * released;
      const cellDemand = share * demand;
      const cellGap = cellDemand * work.unfilled[level]!;
      byOccupationLevel.push({
        occupation,
        level: qualificationLevels[level]!,
        demand: cellDemand,
        supply: cellDemand - cellGap,
        gap: cellGap,
      });
    }
  }
  return {
    years,
    byLevel,
    byOccupation,
    byOccupationLevel,
    accessibleShare: accessibleShare(byLevel),
    ...(inCommutingShare === undefined ? {} : { inCommutingShare }),
    ...(simulation === undefined
      ? {}
      : {
          uncertainty: {
            replications: simulation.replications,
            seed: simulation.seed,
            spreads: {
              change: simulation.changeSpread,
              replacement: simulation.replacementSpread,
              supply: simulation.supplySpread,
            },
            percentiles: gapPercentiles,
          },
        }),
    warnings: [...compiled.warnings],
  };
}

/**
 * The shares of all openings at level 2 or below and at level 3, and the levels without openings:
 * the check that a plan creates jobs for people at every level, not only for graduates.
 */
export function accessibleShare(
  byLevel: readonly Pick<LevelGap, "level" | "demand">[],
): AccessibleShare {
  const total = compensatedSum(byLevel.map((row) => row.demand));
  const demandAt = (levels: readonly QualificationLevel[]): number =>
    compensatedSum(byLevel.filter((row) => levels.includes(row.level)).map((row) => row.demand));
  return {
    level2orBelow: total > 0 ? demandAt(levelTwoOrBelow) / total : undefined,
    level3: total > 0 ? demandAt(["3"]) / total : undefined,
    levelsWithoutOpenings: byLevel.filter((row) => row.demand < 0.5).map((row) => row.level),
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers

function checkAmount(value: number, what: string): void {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new InputError(`${what} must be a number, 0 or more`, { value: String(value) });
  }
}

/** A value from 0 to `max` and its optional range, both ends or neither, around it. */
function checkRange(
  value: number,
  low: number | undefined,
  high: number | undefined,
  max: number,
  what: string,
): void {
  if (!(Number.isFinite(value) && value >= 0 && value <= max)) {
    throw new InputError(
      `${what} must be a number from 0${max === Infinity ? " up" : ` to ${max}`}`,
      {
        value: String(value),
      },
    );
  }
  if (low === undefined && high === undefined) return;
  if (low === undefined || high === undefined) {
    throw new InputError(`${what} has one end of its range; give both the low and the high`);
  }
  if (!(
    Number.isFinite(low) &&
    Number.isFinite(high) &&
    low >= 0 &&
    low <= value &&
    value <= high &&
    high <= max
  )) {
    throw new InputError(`${what} must lie in its range, with the low end 0 or more`, {
      value: `${low} to ${high}`,
    });
  }
}

/**
 * The type 7 quantile (Hyndman and Fan 1996, "Sample quantiles in statistical packages", The
 * American Statistician 50(4); R's default) of the values, which it reorders: with h = (n − 1) p,
 * the order statistic at floor(h), interpolated towards the next. The order statistic is found
 * by selection rather than a full sort, in O(n) on average.
 */
function quantileInPlace(values: Float64Array, probability: number): number {
  const last = values.length - 1;
  const h = last * probability;
  const k = Math.floor(h);
  selectInPlace(values, k);
  const value = values[k]!;
  const fraction = h - k;
  if (fraction === 0 || k === last) return value;
  // After the selection everything beyond k is at least values[k]: the next order statistic is
  // their minimum.
  let next = values[k + 1]!;
  for (let index = k + 2; index <= last; index++) if (values[index]! < next) next = values[index]!;
  return value + fraction * (next - value);
}

/**
 * Reorders the values so that values[k] is the k-th smallest (0-based), with none larger before
 * it and none smaller after: Hoare's FIND (1961, "Algorithm 65: Find", Communications of the ACM
 * 4(7)) in the form Wirth gives (1976, "Algorithms + Data Structures = Programs", 2.3.4).
 */
function selectInPlace(values: Float64Array, k: number): void {
  let left = 0;
  let right = values.length - 1;
  while (left < right) {
    const pivot = values[k]!;
    let i = left;
    let j = right;
    do {
      while (values[i]! < pivot) i++;
      while (pivot < values[j]!) j--;
      if (i <= j) {
        const swapped = values[i]!;
        values[i] = values[j]!;
        values[j] = swapped;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < k) left = i;
    if (k < i) right = j;
  }
}

function roundForMessage(value: number): string {
  return String(Number(value.toFixed(4)));
}
