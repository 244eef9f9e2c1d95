/**
 * Who took part in a consultation against who lives in the place: representation ratios by group
 * (constituency, neighbourhood, age band), post-stratification weights, the weights of the
 * constituency rules, and a check on the most deprived neighbourhoods. Counts come as records
 * from group label to number. See docs/methods/integrity-and-representation.md.
 *
 * Missing data: a group absent from a record has no figure; it is never read as 0. A count that
 * is negative, NaN or infinite throws an InputError naming the group, since a consultation's
 * counts are never legitimately missing inside a record. A value that cannot be computed (a
 * share of zero voters, a ratio against a zero share) is null, so results survive JSON.
 */
import { InputError } from "../../core/errors.js";
import { compensatedSum } from "../../scorecard/methods/index.js";

/** Counts by group: voters or people, finite and >= 0; fractional counts are allowed. */
export type GroupCounts = Readonly<Record<string, number>>;

/** A group and its voters. */
export interface GroupVoters {
  group: string;
  voters: number;
}

/** A group and its population. */
export interface GroupPopulation {
  group: string;
  population: number;
}

/** Options for {@link representation}. */
export interface RepresentationOptions {
  /**
   * A group is under-represented when its representation ratio is below this: 0.8 means its
   * share of voters is less than four-fifths of its share of the population. Positive. Default
   * 0.8.
   */
  threshold?: number;
}

/** One group's representation. */
export interface GroupRepresentation {
  group: string;
  /** Voters in the group; 0 when the turnout does not name it. */
  voters: number;
  /** People in the group; null when no population was given. */
  population: number | null;
  /** voters / population; null without a population or when it is 0. */
  turnoutRate: number | null;
  /** The group's share of the voters in the groups compared (0 to 1); null when there are none. */
  shareOfVoters: number | null;
  /** The group's share of the population (0 to 1); null without a population or when it is 0. */
  shareOfPopulation: number | null;
  /**
   * The representation ratio, shareOfVoters / shareOfPopulation: 1 when the group's voice
   * matches its size, below 1 when it is under-represented. Null when either share is null or
   * the population share is 0.
   */
  ratio: number | null;
  /** Whether the ratio is below the threshold; false when the ratio is null. */
  underRepresented: boolean;
}

/** What {@link representation} returns. */
export interface Representation {
  /**
   * The groups compared: with a population, each group it names (in its order), voters or not;
   * without one, each group of the turnout.
   */
  groups: GroupRepresentation[];
  /** Groups of the turnout the population does not name; left out of the comparison. */
  withoutPopulation: GroupVoters[];
  /** Every voter, in any group. */
  voters: number;
  /** The voters in the groups compared; the denominator of each shareOfVoters. */
  votersCompared: number;
  /** The population over the groups compared; null when no population was given. */
  population: number | null;
  /** votersCompared / population; null without a population or when it is 0. */
  turnoutRate: number | null;
  /** The threshold used. */
  threshold: number;
  /** In words, for the page: under-represented groups, and data worth checking. */
  warnings: string[];
}

/**
 * Representation by group: each group's share of the voters against its share of the
 * population, and their ratio (the representation ratio; a group with 4% of voters and 12% of
 * the population has ratio 1/3). A group whose ratio is below the threshold is under-represented
 * and gets a warning in words.
 *
 * Shares are taken over the groups the population names, so both sets of shares add up to 1
 * over the same groups and ratio = shareOfVoters / shareOfPopulation exactly. Voters in groups
 * the population does not name (an "unknown" age band, a neighbourhood outside the place) are
 * listed apart, with a warning, rather than shrinking every other group's share.
 *
 * @param turnout Voters by group.
 * @param population People by group (eligible, or living there); optional.
 * @param options The threshold.
 * @returns The groups, totals and warnings; empty lists for empty input.
 * @throws InputError for a negative or non-finite count (naming the group) or a threshold that
 *   is not positive and finite.
 */
export function representation(
  turnout: GroupCounts,
  population?: GroupCounts,
  options: RepresentationOptions = {},
): Representation {
  const voters = readCounts(turnout, "representation", "turnout");
  const threshold = readThreshold(options.threshold, "representation");
  const allVoters = sum(voters.values());

  if (population === undefined) {
    const groups = [...voters].map(([group, count]) => ({
      group,
      voters: count,
      population: null,
      turnoutRate: null,
      shareOfVoters: allVoters > 0 ? count / allVoters : null,
      shareOfPopulation: null,
      ratio: null,
      underRepresented: false,
    }));
    return {
      groups,
      withoutPopulation: [],
      voters: allVoters,
      votersCompared: allVoters,
      population: null,
      turnoutRate: null,
      threshold,
      warnings: [],
    };
  }

  const people = readCounts(population, "representation", "population");
  const votersCompared = sum([...people.keys()].map((group) => voters.get(group) ?? 0));
  const totalPopulation = sum(people.values());
  const warnings: string[] = [];
  const groups: GroupRepresentation[] = [];
  for (const [group, size] of people) {
    const count = voters.get(group) ?? 0;
    const shareOfVoters = votersCompared > 0 ? count / votersCompared : null;
    const shareOfPopulation = totalPopulation > 0 ? size / totalPopulation : null;
    const ratio =
      shareOfVoters !== null && shareOfPopulation !== null && shareOfPopulation > 0
        ? shareOfVoters / shareOfPopulation
        : null;
    const underRepresented = ratio !== null && ratio < threshold;
    groups.push({
      group,
      voters: count,
      population: size,
      turnoutRate: size > 0 ? count / size : null,
      shareOfVoters,
      shareOfPopulation,
      ratio,
      underRepresented,
    });
    if (underRepresented) {
      warnings.push(
        `${group}: under-represented, with ${percent(shareOfVoters!)} of voters against ${percent(shareOfPopulation!)} of the population (ratio ${ratio.toFixed(2)}).`,
      );
    }
    if (count > size) {
      warnings.push(
        `${group}: ${count} voters but a population of ${size}; check that both count the same people and the same area.`,
      );
    }
  }

  const withoutPopulation = [...voters]
    .filter(([group]) => !people.has(group))
    .map(([group, count]) => ({ group, voters: count }));
  const uncounted = withoutPopulation.filter((entry) => entry.voters > 0);
  if (uncounted.length > 0) {
    const count = sum(uncounted.map((entry) => entry.voters));
    warnings.push(
      `${count} voters (${percent(count / allVoters)} of all) are in groups with no population figure (${listNames(uncounted.map((entry) => entry.group))}); they are left out of the comparison. Give these groups a population to include them.`,
    );
  }
  if (votersCompared === 0 && totalPopulation > 0) {
    warnings.push("No voters in the groups with a population figure; there is nothing to compare.");
  }

  return {
    groups,
    withoutPopulation,
    voters: allVoters,
    votersCompared,
    population: totalPopulation,
    turnoutRate: totalPopulation > 0 ? votersCompared / totalPopulation : null,
    threshold,
    warnings,
  };
}

/** One group's post-stratification weight. */
export interface GroupWeight {
  group: string;
  voters: number;
  population: number;
  /** The group's share of the voters in the weighted groups. */
  shareOfVoters: number;
  /** The group's share of the population of the weighted groups. */
  shareOfPopulation: number;
  /** The weight of each of the group's voters: shareOfPopulation / shareOfVoters. */
  weight: number;
}

/** What {@link postStratificationWeights} returns. */
export interface PostStratification {
  /** The weighted groups: those with voters (> 0) and a population figure, in turnout order. */
  groups: GroupWeight[];
  /** Groups with people (> 0) but no voters: they cannot be weighted up, so have no voice. */
  unrepresented: GroupPopulation[];
  /** Groups with voters but no population figure: their voters get no weight. */
  withoutPopulation: GroupVoters[];
  /** The voters in the weighted groups; also the total weight, Σ voters × weight. */
  voters: number;
  /** The population of the weighted groups. */
  population: number;
  /**
   * Kish's effective sample size, (Σ w_i)² / Σ w_i² over the voters: how many unweighted
   * voters would give estimates as precise as the weighted ones. 0 with no weighted voters.
   */
  effectiveSampleSize: number;
  /**
   * Kish's design effect of the weighting, voters / effectiveSampleSize = 1 + CV² of the
   * weights: how much weighting inflates the variance of an estimate. 1 when every weight is
   * equal. Null with no weighted voters.
   */
  designEffect: number | null;
  /** In words: unrepresented groups, groups without a population, data worth checking. */
  warnings: string[];
}

/**
 * Post-stratification weights: each voter in group g counts
 *
 *     w_g = (N_g / N) / (n_g / n),
 *
 * with N_g the group's population, n_g its voters, and N and n their sums over the weighted
 * groups (those present in both records with voters > 0). The weighted voters reproduce the
 * population's shares exactly, w_g n_g / Σ_h w_h n_h = N_g / N, and the total weight is n, the
 * number of weighted voters (Kish 1965, "Survey Sampling", Wiley; Holt and Smith 1979,
 * "Post stratification", JRSS A 142(1); Little 1993, "Post-stratification: a modeler's
 * perspective", JASA 88(423)).
 *
 * Weighting cannot give a voice to a group with no voters; such groups are listed as
 * unrepresented, with a warning, and the shares reproduced are those among the weighted groups.
 * The weights are disclosed with Kish's effective sample size and design effect, since large
 * weights on few voters make the weighted result much less certain than the count suggests.
 *
 * @param turnout Voters by group.
 * @param population People by group.
 * @returns The weights, the groups left out, the effective sample size and warnings.
 * @throws InputError for a negative or non-finite count, naming the group.
 */
export function postStratificationWeights(
  turnout: GroupCounts,
  population: GroupCounts,
): PostStratification {
  const voters = readCounts(turnout, "postStratificationWeights", "turnout");
  const people = readCounts(population, "postStratificationWeights", "population");
  const weighted = [...voters].filter(([group, count]) => count > 0 && people.has(group));
  const totalVoters = sum(weighted.map(([, count]) => count));
  const totalPopulation = sum(weighted.map(([group]) => people.get(group)!));
  const warnings: string[] = [];

  const groups = weighted.map(([group, count]): GroupWeight => {
    const size = people.get(group)!;
    const shareOfVoters = count / totalVoters;
    const shareOfPopulation = totalPopulation > 0 ? size / totalPopulation : 0;
    if (size === 0) {
      warnings.push(
        `${group}: ${count} voters but a population of 0, so they get weight 0; check the population figures.`,
      );
    }
    return {
      group,
      voters: count,
      population: size,
      shareOfVoters,
      shareOfPopulation,
      weight: shareOfPopulation / shareOfVoters,
    };
  });

  const unrepresented = [...people]
    .filter(([group, size]) => size > 0 && !((voters.get(group) ?? 0) > 0))
    .map(([group, size]) => ({ group, population: size }));
  if (unrepresented.length > 0) {
    const missing = sum(unrepresented.map((entry) => entry.population));
    const allPeople = sum(people.values());
    warnings.push(
      `No voters from ${listNames(unrepresented.map((entry) => entry.group))} (${percent(missing / allPeople)} of the population): weighting cannot represent them, and the weighted results speak for the other groups only.`,
    );
  }
  const withoutPopulation = [...voters]
    .filter(([group, count]) => count > 0 && !people.has(group))
    .map(([group, count]) => ({ group, voters: count }));
  if (withoutPopulation.length > 0) {
    warnings.push(
      `${sum(withoutPopulation.map((entry) => entry.voters))} voters are in groups with no population figure (${listNames(withoutPopulation.map((entry) => entry.group))}) and get no weight. Give these groups a population to include them.`,
    );
  }

  const { effectiveSampleSize, designEffect } = kish(groups);
  return {
    groups,
    unrepresented,
    withoutPopulation,
    voters: totalVoters,
    population: totalPopulation,
    effectiveSampleSize,
    designEffect,
    warnings,
  };
}

/** The rules for weighting voters by constituency. */
export const constituencyWeightRules = ["equal-voice", "per-head"] as const;

/**
 * One of {@link constituencyWeightRules}: "equal-voice" gives every constituency with voters the
 * same total weight whatever its turnout; "per-head" gives every voter weight 1.
 */
export type ConstituencyWeightRule = (typeof constituencyWeightRules)[number];

/** One constituency's weight. */
export interface ConstituencyWeight {
  constituency: string;
  voters: number;
  /** The weight of each of its voters. */
  weight: number;
  /** voters × weight: the constituency's voice. */
  totalWeight: number;
}

/** What {@link constituencyWeights} returns. */
export interface ConstituencyWeights {
  rule: ConstituencyWeightRule;
  /** The constituencies with voters (> 0), in turnout order. */
  constituencies: ConstituencyWeight[];
  /** Constituencies the turnout names with 0 voters: they get no voice under either rule. */
  withoutVoters: string[];
  /** Every voter; also the total weight under either rule. */
  voters: number;
  /** Kish's effective sample size of the weights, as in {@link PostStratification}. */
  effectiveSampleSize: number;
  /** Kish's design effect of the weights; 1 per head; null with no voters. */
  designEffect: number | null;
  /** In words: constituencies without a voice. */
  warnings: string[];
}

/**
 * The weight of each voter under a constituency rule.
 *
 * - "equal-voice": each of the C constituencies with voters gets the same total weight, n / C,
 *   so each of its voters counts w_c = (n / C) / n_c, with n all voters and n_c the
 *   constituency's. A constituency of 10 voters speaks as loudly as one of 1,000.
 * - "per-head": every voter counts 1, so constituencies speak in proportion to their turnout.
 *
 * Under both rules the total weight is n, the number of voters, so weighted and unweighted
 * counts are on the same scale. A constituency with no voters cannot be given a voice by
 * weighting: it is listed in withoutVoters (with a warning under equal voice, where the other
 * constituencies share its voice). A constituency absent from the turnout record is not known
 * here; give every constituency, with 0 for those without voters, to have it listed.
 *
 * @param turnout Voters by constituency.
 * @param rule The rule.
 * @returns The weights, the constituencies without voters, the effective sample size and
 *   warnings.
 * @throws InputError for a negative or non-finite count (naming the constituency) or an unknown
 *   rule.
 */
export function constituencyWeights(
  turnout: GroupCounts,
  rule: ConstituencyWeightRule,
): ConstituencyWeights {
  if (!(constituencyWeightRules as readonly string[]).includes(rule)) {
    throw new InputError(
      `constituencyWeights: unknown rule; expected one of ${constituencyWeightRules.join(", ")}`,
      { field: "rule", value: String(rule) },
    );
  }
  const voters = readCounts(turnout, "constituencyWeights", "turnout");
  const withVoters = [...voters].filter(([, count]) => count > 0);
  const withoutVoters = [...voters].filter(([, count]) => count === 0).map(([name]) => name);
  const totalVoters = sum(withVoters.map(([, count]) => count));
  const voice = withVoters.length > 0 ? totalVoters / withVoters.length : 0;

  const constituencies = withVoters.map(([constituency, count]): ConstituencyWeight => {
    const weight = rule === "equal-voice" ? voice / count : 1;
    return { constituency, voters: count, weight, totalWeight: count * weight };
  });
  const warnings: string[] = [];
  if (rule === "equal-voice" && withoutVoters.length > 0) {
    warnings.push(
      `No voters in ${listNames(withoutVoters)}: under equal voice they get no voice, and the other ${withVoters.length} constituencies share it.`,
    );
  }
  const { effectiveSampleSize, designEffect } = kish(constituencies);
  return {
    rule,
    constituencies,
    withoutVoters,
    voters: totalVoters,
    effectiveSampleSize,
    designEffect,
    warnings,
  };
}

/**
 * How neighbourhoods are marked deprived: a score (higher is more deprived), a rank (1 is the
 * most deprived, as in the English Indices of Deprivation), or the most deprived neighbourhoods
 * named outright.
 */
export type Deprivation =
  { score: GroupCounts } | { rank: GroupCounts } | { mostDeprived: readonly string[] };

/** Options for {@link deprivedUnderRepresented}. */
export interface DeprivedUnderRepresentedOptions {
  /** Under-represented when the ratio of shares is below this. Positive. Default 0.8. */
  threshold?: number;
  /**
   * With a score or rank, the most deprived share of the neighbourhoods to take, from 0
   * (exclusive) to 1; ignored with mostDeprived. Default 0.2, the most deprived fifth.
   */
  fraction?: number;
}

/** What {@link deprivedUnderRepresented} returns. */
export interface DeprivedRepresentation {
  /** The most deprived neighbourhoods compared, most deprived first (given order for a list). */
  neighbourhoods: string[];
  /** Their voters. */
  voters: number;
  /** Their population. */
  population: number;
  /** Their share of the voters of the neighbourhoods compared; null when there are none. */
  shareOfVoters: number | null;
  /** Their share of the population of the neighbourhoods compared; null when it is 0. */
  shareOfPopulation: number | null;
  /** shareOfVoters / shareOfPopulation; null when either is null or the latter is 0. */
  ratio: number | null;
  /** Whether the ratio is below the threshold. */
  underRepresented: boolean;
  threshold: number;
  /** In words: the under-representation, and neighbourhoods left out. */
  warnings: string[];
}

/**
 * Whether the most deprived neighbourhoods are under-represented among voters: their share of
 * the voters against their share of the population, warned about when the ratio is below the
 * threshold (by default, when the most deprived fifth of neighbourhoods supplies less than 0.8
 * times its share of the population).
 *
 * The neighbourhoods compared are those with a population above 0 (and, with a score or rank,
 * one of those). With a score or rank they are sorted most deprived first and the first
 * ceil(fraction × count) taken, with any others tied with the last one taken too, so that equal
 * scores are treated alike. Voters in neighbourhoods not compared are left out of both shares.
 *
 * @param turnout Voters by neighbourhood.
 * @param population People by neighbourhood.
 * @param deprivation Scores, ranks or the named most deprived neighbourhoods.
 * @param options The threshold and the fraction.
 * @returns The comparison and warnings; empty, with null shares, when no neighbourhood has both
 *   a population and a score.
 * @throws InputError for a negative or non-finite count, a non-finite score or rank (naming the
 *   neighbourhood), a threshold that is not positive, or a fraction outside (0, 1].
 */
export function deprivedUnderRepresented(
  turnout: GroupCounts,
  population: GroupCounts,
  deprivation: Deprivation,
  options: DeprivedUnderRepresentedOptions = {},
): DeprivedRepresentation {
  const name = "deprivedUnderRepresented";
  const voters = readCounts(turnout, name, "turnout");
  const people = readCounts(population, name, "population");
  const threshold = readThreshold(options.threshold, name);
  const fraction = options.fraction ?? 0.2;
  if (!(fraction > 0 && fraction <= 1)) {
    throw new InputError(`${name}: fraction must be above 0 and at most 1`, {
      field: "fraction",
      value: String(fraction),
    });
  }
  const warnings: string[] = [];
  const inhabited = [...people].filter(([, size]) => size > 0).map(([group]) => group);

  let compared: string[];
  let mostDeprived: string[];
  let description: string;
  if ("mostDeprived" in deprivation) {
    compared = inhabited;
    const inhabitedSet = new Set(inhabited);
    mostDeprived = deprivation.mostDeprived.filter((group) => inhabitedSet.has(group));
    const unknown = deprivation.mostDeprived.filter((group) => !inhabitedSet.has(group));
    if (unknown.length > 0) {
      warnings.push(
        `${listNames(unknown)}: named as most deprived but with no population figure above 0; left out.`,
      );
    }
    description = "The most deprived neighbourhoods";
  } else {
    // Ranks run the other way from scores: 1 is the most deprived, so negate them.
    const byRank = "rank" in deprivation;
    const scores = readScores(byRank ? deprivation.rank : deprivation.score, name, byRank);
    compared = inhabited.filter((group) => scores.has(group));
    const unscored = inhabited.filter((group) => !scores.has(group));
    if (unscored.length > 0) {
      warnings.push(
        `${listNames(unscored)}: no deprivation ${byRank ? "rank" : "score"}; left out of the comparison.`,
      );
    }
    const sorted = [...compared].sort((a, b) => scores.get(b)! - scores.get(a)!);
    const take = Math.ceil(fraction * sorted.length);
    const cutoff = take > 0 ? scores.get(sorted[take - 1]!)! : Number.POSITIVE_INFINITY;
    mostDeprived = sorted.filter((group) => scores.get(group)! >= cutoff);
    description =
      fraction === 0.2
        ? "The most deprived fifth of neighbourhoods"
        : `The most deprived ${percent(fraction)} of neighbourhoods`;
  }

  const comparedSet = new Set(compared);
  const leftOut = [...voters].filter(([group, count]) => count > 0 && !comparedSet.has(group));
  if (leftOut.length > 0) {
    warnings.push(
      `${sum(leftOut.map(([, count]) => count))} voters are in neighbourhoods left out of the comparison (${listNames(leftOut.map(([group]) => group))}).`,
    );
  }

  const votersCompared = sum(compared.map((group) => voters.get(group) ?? 0));
  const populationCompared = sum(compared.map((group) => people.get(group)!));
  const deprivedVoters = sum(mostDeprived.map((group) => voters.get(group) ?? 0));
  const deprivedPopulation = sum(mostDeprived.map((group) => people.get(group)!));
  const shareOfVoters = votersCompared > 0 ? deprivedVoters / votersCompared : null;
  const shareOfPopulation = populationCompared > 0 ? deprivedPopulation / populationCompared : null;
  const ratio =
    shareOfVoters !== null && shareOfPopulation !== null && shareOfPopulation > 0
      ? shareOfVoters / shareOfPopulation
      : null;
  const underRepresented = ratio !== null && ratio < threshold;
  if (underRepresented) {
    warnings.push(
      `${description} (${listNames(mostDeprived)}) are under-represented: ${percent(shareOfVoters!)} of voters against ${percent(shareOfPopulation!)} of the population (ratio ${ratio.toFixed(2)}).`,
    );
  }
  return {
    neighbourhoods: mostDeprived,
    voters: deprivedVoters,
    population: deprivedPopulation,
    shareOfVoters,
    shareOfPopulation,
    ratio,
    underRepresented,
    threshold,
    warnings,
  };
}

// Kish (1965, "Survey Sampling"; 1992, "Weighting for unequal P_i", Journal of Official
// Statistics 8(2)): with n_g voters each of weight w_g, Σ w_i = Σ_g n_g w_g and
// Σ w_i² = Σ_g n_g w_g²; the design effect is n Σ w_i² / (Σ w_i)² = 1 + CV² of the weights.
function kish(groups: ReadonlyArray<{ voters: number; weight: number }>): {
  effectiveSampleSize: number;
  designEffect: number | null;
} {
  const count = sum(groups.map((group) => group.voters));
  const total = sum(groups.map((group) => group.voters * group.weight));
  const squares = sum(groups.map((group) => group.voters * group.weight * group.weight));
  const effectiveSampleSize = squares > 0 ? (total * total) / squares : 0;
  return {
    effectiveSampleSize,
    designEffect: effectiveSampleSize > 0 ? count / effectiveSampleSize : null,
  };
}

function readCounts(counts: GroupCounts, method: string, what: string): Map<string, number> {
  const result = new Map<string, number>();
  for (const [group, value] of Object.entries(counts)) {
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new InputError(
        `${method}: the ${what} of "${group}" is ${String(value)}; counts must be finite and >= 0`,
        { field: group, value: String(value) },
      );
    }
    result.set(group, value);
  }
  return result;
}

// Scores as given; ranks negated, so that higher is more deprived either way.
function readScores(scores: GroupCounts, method: string, isRank: boolean): Map<string, number> {
  const result = new Map<string, number>();
  for (const [group, value] of Object.entries(scores)) {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new InputError(
        `${method}: the deprivation ${isRank ? "rank" : "score"} of "${group}" is ${String(value)}; it must be a finite number`,
        { field: group, value: String(value) },
      );
    }
    result.set(group, isRank ? -value : value);
  }
  return result;
}

function readThreshold(threshold: number | undefined, method: string): number {
  const value = threshold ?? 0.8;
  if (!(value > 0 && Number.isFinite(value))) {
    throw new InputError(`${method}: threshold must be a positive number`, {
      field: "threshold",
      value: String(value),
    });
  }
  return value;
}

function sum(values: Iterable<number>): number {
  return compensatedSum(Float64Array.from(values));
}

// Whole per cents for the page; a decimal below 1% so that small groups do not read as 0%.
function percent(share: number): string {
  const value = share * 100;
  if (value === 0 || value >= 1) return `${Math.round(value)}%`;
  if (value >= 0.1) return `${value.toFixed(1)}%`;
  return "less than 0.1%";
}

// Long lists of groups are cut to the first few, so a warning stays a sentence.
function listNames(names: readonly string[], shown = 5): string {
  if (names.length <= shown) return names.join(", ");
  return `${names.slice(0, shown).join(", ")} and ${names.length - shown} more`;
}
