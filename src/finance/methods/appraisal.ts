/**
 * The criteria an investment project is appraised on, in the order their contributions are
 * listed. Each is defined so that a higher value is better:
 *
 * - `jobsPerPound`: jobs created and safeguarded per £1m of the amount asked for.
 * - `jobsNoDegree`: the share of the project's new jobs open to people without a degree, 0 to 1.
 * - `payAboveMedian`: the pay of the jobs over the local median pay, less 1 (0.1 is 10% above).
 * - `co2PerPound`: tonnes of CO2 a year **reduced** per £1m (the negative of the change), so a
 *   reduction is positive and an increase negative.
 * - `localSpend`: the share of the project's spending that stays in the local economy, 0 to 1.
 * - `opportunityAlignment`: the score, 0 to 100, of the project's industry in the place's
 *   opportunity ranking.
 * - `deprivation`: the deprivation score (IMD-like, higher is more deprived) of the
 *   neighbourhood where the benefits land; more deprived is a higher priority.
 */
export const appraisalCriteria = [
  "jobsPerPound",
  "jobsNoDegree",
  "payAboveMedian",
  "co2PerPound",
  "localSpend",
  "opportunityAlignment",
  "deprivation",
] as const;

/** One of the {@link appraisalCriteria}. */
export type AppraisalCriterion = (typeof appraisalCriteria)[number];

/** Each criterion in words, for pages and reports. */
export const appraisalCriterionLabels: Readonly<Record<AppraisalCriterion, string>> = {
  jobsPerPound: "Jobs per £1m",
  jobsNoDegree: "Jobs open without a degree",
  payAboveMedian: "Pay above the local median",
  co2PerPound: "CO2 reduced per £1m",
  localSpend: "Local spend",
  opportunityAlignment: "Alignment with the place's opportunities",
  deprivation: "Deprivation where the benefits land",
};

/** The unit of each criterion's raw value, for pages and reports. */
export const appraisalCriterionUnits: Readonly<Record<AppraisalCriterion, string>> = {
  jobsPerPound: "jobs per £1m",
  jobsNoDegree: "share of jobs, 0 to 1",
  payAboveMedian: "ratio to the local median, less 1",
  co2PerPound: "tonnes CO2 a year reduced per £1m",
  localSpend: "share of spend, 0 to 1",
  opportunityAlignment: "opportunity score, 0 to 100",
  deprivation: "deprivation score",
};

/**
 * Which way each criterion points: 1 when a higher value is better. Every appraisal criterion is
 * defined so that higher is better (CO2 as tonnes reduced, deprivation as priority), so all are
 * 1; the table is kept so the appraisal reads like the other multi-criteria methods.
 */
export const appraisalCriterionPolarity: Readonly<Record<AppraisalCriterion, 1 | -1>> = {
  jobsPerPound: 1,
  jobsNoDegree: 1,
  payAboveMedian: 1,
  co2PerPound: 1,
  localSpend: 1,
  opportunityAlignment: 1,
  deprivation: 1,
};

/** The defaults of {@link AppraisalOptions} that are numbers. */
export const appraisalDefaults = {
  /**
   * The elasticity of the marginal utility of income: 1.3, HM Treasury (2022) The Green Book,
   * Annex A3, para A3.14, from Layard, Mayraz and Nickell (2008).
   */
  elasticity: 1.3,
  /** Years a project's CO2 change lasts, for the cost per tonne. */
  lifetimeYears: 10,
  /**
   * The ratio of the reference income to the income assumed where the most deprived project's
   * benefits land, when only deprivation is known: 1.96, since 1.96^1.3 = 2.4, the Green Book's
   * welfare weight for the lowest income quintile (Annex A3, para A3.20).
   */
  deprivationIncomeRatio: 1.96,
} as const;

/** One investment project, as {@link appraiseProjects} reads it. Unknown values may be omitted. */
export interface AppraisalProject {
  /** The project's id, unique in the pipeline. */
  id: string;
  /** The amount asked for, in pounds: a finite number above 0. */
  amount: number;
  /** New jobs created: a finite number, 0 or more. */
  jobs: number;
  /**
   * Existing jobs kept that would otherwise be lost: 0 or more; counted with `jobs` in jobs per
   * £1m and in the cost per job. Default 0.
   */
  jobsSafeguarded?: number | null;
  /** How many of the new `jobs` are open to people without a degree: from 0 to `jobs`. */
  jobsNoDegree?: number | null;
  /** The annual pay of the new jobs, in pounds: above 0. */
  pay?: number | null;
  /** The local median annual pay, in pounds, that `pay` is compared with: above 0. */
  localMedianPay?: number | null;
  /** The change in CO2 emissions, in tonnes a year: negative is a reduction. */
  co2Change?: number | null;
  /** The share of the project's spending that stays local: 0 to 1. */
  localSpendShare?: number | null;
  /**
   * How well the project's industry fits the place's opportunities: 0 to 100, higher is better
   * aligned (the `score` of the place's opportunity ranking).
   */
  opportunityScore?: number | null;
  /**
   * The deprivation score of the neighbourhood where the benefits land (IMD-like, higher is
   * more deprived): any finite number; only its order and range within the pipeline matter.
   */
  deprivation?: number | null;
  /**
   * The median (equivalised) household income where the benefits land, in pounds a year: above
   * 0. Used for the distributional weight in preference to deprivation.
   */
  income?: number | null;
  /** The probability of default or of failing to deliver: 0 to 1. */
  risk?: number | null;
  /**
   * Years the CO2 change lasts, for the cost per tonne: above 0. Default
   * `options.lifetimeYears`.
   */
  lifetimeYears?: number | null;
}

/** How to appraise a pipeline of projects. */
export interface AppraisalOptions {
  /**
   * A priority weight set `{ criterion: weight }`, such as the participation capability
   * produces: non-negative finite numbers, only their ratios matter. Criteria with weight 0 or
   * absent are ignored; at least one must be above 0. Default: every criterion weight 1.
   */
  weights?: Partial<Record<AppraisalCriterion, number>>;
  /**
   * The elasticity `e` of the marginal utility of income in the distributional weight
   * `(referenceIncome / income)^e`: a finite number, 0 or more. 0 gives every project weight 1;
   * higher values favour lower incomes more. Default 1.3, the Green Book's.
   */
  elasticity?: number;
  /**
   * The income the distributional weights are relative to (weight 1), in pounds a year, in the
   * same units as the projects' `income`: above 0. The Green Book uses the national median
   * equivalised household income; set it for weights comparable across pipelines. Default: the
   * median of the projects' known incomes.
   */
  referenceIncome?: number;
  /**
   * For projects with a deprivation score but no income: the ratio of the reference income to
   * the income assumed for the most deprived project in the pipeline (and of the least deprived
   * project's assumed income to the reference): a finite number, 1 or more (1 turns the
   * deprivation-based weight off). Default 1.96 ({@link appraisalDefaults}).
   */
  deprivationIncomeRatio?: number;
  /** Multiply each score by `1 - risk`. Default true. */
  riskAdjust?: boolean;
  /** Multiply each score by its distributional weight. Default true. */
  distributional?: boolean;
  /** Years a CO2 change lasts when a project does not say, for the cost per tonne. Default 10. */
  lifetimeYears?: number;
}

/** How one criterion entered a project's base score. */
export interface AppraisalContribution {
  /** The criterion. */
  criterion: AppraisalCriterion;
  /** The project's raw value, in the criterion's units ({@link appraisalCriterionUnits}). */
  value: number | null;
  /** The value on the 0 to 100 scale of the pipeline, 100 best; null where unknown. */
  scaled: number | null;
  /** The weight from the priority weight set, as given (1 by default). */
  priorityWeight: number;
  /**
   * The weight renormalised over the criteria this project has a value for (they sum to 1); 0
   * where the value is unknown.
   */
  weight: number;
  /** `weight * scaled`, 0 where unknown: the points this criterion adds to the base score. */
  contribution: number;
}

/** One project, appraised and explained. */
export interface AppraisedProject {
  /** The project's id. */
  id: string;
  /**
   * `baseScore * distributionalWeight * riskFactor`: the risk-adjusted, distributionally
   * weighted score. Not bounded by 100 (a weight above 1 can take it past). NaN when the base
   * score is.
   */
  score: number;
  /**
   * 0 to 100: the weighted mean of the criteria's scaled values, missing criteria skipped with
   * the weights renormalised; NaN when the project has no value for any weighted criterion.
   */
  baseScore: number;
  /**
   * `(referenceIncome / income)^elasticity` when the income is known; the deprivation-based
   * weight when only deprivation is; 1 otherwise or when `distributional` is false.
   */
  distributionalWeight: number;
  /** What the distributional weight was computed from; null when it is 1 for want of data. */
  distributionalBasis: "income" | "deprivation" | null;
  /** `1 - risk`; 1 when the risk is unknown or `riskAdjust` is false. */
  riskFactor: number;
  /**
   * 1 for the best score, by standard competition ranking (ties share the lowest rank, the next
   * skips); null when the score is NaN.
   */
  rank: number | null;
  /** `amount / (jobs + jobsSafeguarded)`, pounds per job; null when there are no jobs. */
  costPerJob: number | null;
  /**
   * `amount / (-co2Change * lifetimeYears)`, pounds per tonne of CO2 reduced over the project's
   * life, undiscounted; null unless the project reduces emissions.
   */
  costPerTonne: number | null;
  /** One entry for each criterion with a positive weight, in the order of {@link appraisalCriteria}. */
  contributions: AppraisalContribution[];
}

/**
 * The Green Book distributional (welfare) weight of a benefit landing on households with a given
 * income: `(referenceIncome / income)^elasticity` (HM Treasury 2022, The Green Book, Annex A3,
 * paras A3.13 to A3.20). With elasticity 1.3, a pound reaching households on half the
 * reference income counts 2^1.3 = 2.46 pounds; with elasticity 0 every weight is 1.
 *
 * @param income The income where the benefit lands, above 0.
 * @param referenceIncome The income that gets weight 1 (the Green Book: the national median
 *   equivalised household income), above 0, in the same units.
 * @param elasticity The elasticity of the marginal utility of income, 0 or more; default 1.3.
 * @returns The weight, above 0.
 * @throws RangeError for an income or reference income that is not a number above 0, or an
 *   elasticity that is negative or not finite.
 */
export function distributionalWeight(
  income: number,
  referenceIncome: number,
  elasticity: number = appraisalDefaults.elasticity,
): number {
  checkPositive("distributionalWeight", "income", income);
  checkPositive("distributionalWeight", "referenceIncome", referenceIncome);
  checkElasticity("distributionalWeight", elasticity);
  return (referenceIncome / income) ** elasticity;
}

/**
 * Appraises a pipeline of investment projects on several criteria weighted by a priority weight
 * set, weights each score by where its benefits land and adjusts it for risk, and gives each
 * project's cost per job and per tonne of CO2. Each project explains its score: its criteria's
 * raw and scaled values, weights and contributions, its distributional weight and risk factor.
 *
 * **Scale.** Each weighted criterion is put on 0 to 100 by min-max scaling,
 * `100 (x - min) / (max - min)`, with min and max over the projects that have a value
 * (OECD/JRC 2008, Handbook on Constructing Composite Indicators, step 5). A criterion with a
 * single value scales to 50. Scores are relative to the pipeline: adding a project can change
 * the others'. Multiplying every amount by the same number changes no score.
 *
 * **Base score** is the weighted mean of the scaled criteria, skipping those the project has no
 * value for and renormalising the weights of the others (missing is never 0); NaN when none is
 * left. Its contributions `weight * scaled` sum to it.
 *
 * **Distributional weight** (Green Book 2022, Annex A3): `(referenceIncome / income)^e` when the
 * income is known. When only deprivation is known, the income is assumed log-linear in the
 * deprivation's percentile rank `p` in the pipeline (0 least, 1 most deprived; mid-ranks for
 * ties; 0.5 for a single value): `income = referenceIncome * R^(1 - 2p)`, so the weight is
 * `R^(e (2p - 1))`, with `R = deprivationIncomeRatio`. Otherwise 1. The whole base score is
 * treated as benefit and multiplied by the weight, unclamped.
 *
 * **Risk**: the score is multiplied by `1 - risk`, the expected share of the impact delivered
 * when `risk` is the probability of default or of failing to deliver.
 *
 * See docs/methods/appraisal.md for a worked example.
 *
 * @param projects The pipeline; ids must be unique.
 * @param options The priority weights, the elasticity and reference income, the switches for
 *   risk and distributional weighting, and the default lifetime.
 * @returns Every project: the scored ones by rank (ties by id), then those without a score, by
 *   id.
 * @throws RangeError for a weight that is negative or not finite, a criterion not in
 *   {@link appraisalCriteria}, weights that are all 0, a bad option, a repeated id, or a project
 *   value out of range (an amount not above 0, negative jobs, more jobs without a degree than
 *   jobs, a share or risk outside 0 to 1, an opportunity score outside 0 to 100, a pay, income
 *   or lifetime not above 0).
 */
export function appraiseProjects(
  projects: readonly AppraisalProject[],
  options: AppraisalOptions = {},
): AppraisedProject[] {
  const weighted = checkWeights(options.weights);
  const elasticity = options.elasticity ?? appraisalDefaults.elasticity;
  checkElasticity("appraiseProjects", elasticity);
  const deprivationIncomeRatio =
    options.deprivationIncomeRatio ?? appraisalDefaults.deprivationIncomeRatio;
  if (!(Number.isFinite(deprivationIncomeRatio) && deprivationIncomeRatio >= 1)) {
    throw new RangeError(
      "appraiseProjects: deprivationIncomeRatio must be a number of 1 or more, " +
        `got ${String(deprivationIncomeRatio)}`,
    );
  }
  const defaultLifetime = options.lifetimeYears ?? appraisalDefaults.lifetimeYears;
  checkPositive("appraiseProjects", "lifetimeYears", defaultLifetime);
  if (options.referenceIncome !== undefined) {
    checkPositive("appraiseProjects", "referenceIncome", options.referenceIncome);
  }
  const riskAdjust = options.riskAdjust ?? true;
  const distributional = options.distributional ?? true;

  const checked = checkProjects(projects);
  const criteria = weighted.map(({ criterion, weight }) => {
    const raw = checked.map((project) => project.values[criterion]);
    return { criterion, weight, raw, scale: scaleOf(raw) };
  });

  // The Green Book's weights are relative to median income (Annex A3, para A3.20); without a
  // national figure, the pipeline's own median income stands in for it.
  const incomes = checked.map((project) => project.income).filter((income) => !missing(income));
  const referenceIncome = options.referenceIncome ?? median(incomes);
  const deprivationRanks = percentileRanks(checked.map((project) => project.deprivation));

  const results: AppraisedProject[] = checked.map((project, index) => {
    let totalWeight = 0;
    const scaledValues = criteria.map(({ weight, raw, scale }) => {
      const scaled = scaleValue(raw[index]!, scale);
      if (!missing(scaled)) totalWeight += weight;
      return scaled;
    });
    // At most seven terms, each from 0 to 100: a plain sum loses nothing worth compensating, and
    // summing the contributions themselves makes them add up to the base score exactly.
    let baseScore = 0;
    const contributions = criteria.map(({ criterion, weight, raw }, at): AppraisalContribution => {
      const scaled = scaledValues[at]!;
      const known = !missing(scaled);
      const share = known ? weight / totalWeight : 0;
      const contribution = known ? share * scaled : 0;
      baseScore += contribution;
      return {
        criterion,
        value: missing(raw[index]!) ? null : raw[index]!,
        scaled: known ? scaled : null,
        priorityWeight: weight,
        weight: share,
        contribution,
      };
    });
    if (!(totalWeight > 0)) baseScore = Number.NaN;

    let weightOfIncome = 1;
    let basis: AppraisedProject["distributionalBasis"] = null;
    if (distributional && !missing(project.income)) {
      weightOfIncome = (referenceIncome / project.income) ** elasticity;
      basis = "income";
    } else if (distributional && !missing(project.deprivation)) {
      // Income assumed log-linear in the deprivation's percentile rank p: the reference income
      // at the middle, reference / R for the most deprived and reference * R for the least.
      const position = deprivationRanks[index]!;
      weightOfIncome = deprivationIncomeRatio ** (elasticity * (2 * position - 1));
      basis = "deprivation";
    }
    const riskFactor = riskAdjust && !missing(project.risk) ? 1 - project.risk : 1;
    const allJobs = project.jobs + project.jobsSafeguarded;
    const lifetime = missing(project.lifetimeYears) ? defaultLifetime : project.lifetimeYears;
    return {
      id: project.id,
      score: baseScore * weightOfIncome * riskFactor,
      baseScore,
      distributionalWeight: weightOfIncome,
      distributionalBasis: basis,
      riskFactor,
      rank: null,
      costPerJob: allJobs > 0 ? project.amount / allJobs : null,
      costPerTonne: project.co2Change < 0 ? project.amount / (-project.co2Change * lifetime) : null,
      contributions,
    };
  });

  const ranked = results
    .filter((result) => !missing(result.score))
    .sort((a, b) => b.score - a.score || compareIds(a.id, b.id));
  ranked.forEach((result, position) => {
    const previous = ranked[position - 1];
    result.rank =
      previous !== undefined && previous.score === result.score ? previous.rank : position + 1;
  });
  const unranked = results
    .filter((result) => result.rank === null)
    .sort((a, b) => compareIds(a.id, b.id));
  return [...ranked, ...unranked];
}

/** A project after checking, its missing values as NaN and its criteria computed. */
interface CheckedProject {
  id: string;
  amount: number;
  jobs: number;
  jobsSafeguarded: number;
  co2Change: number;
  income: number;
  deprivation: number;
  risk: number;
  lifetimeYears: number;
  values: Record<AppraisalCriterion, number>;
}

const criterionNames: ReadonlySet<string> = new Set(appraisalCriteria);

/** The weighted criteria, in the order of `appraisalCriteria`, after checking the set. */
function checkWeights(
  weights: AppraisalOptions["weights"],
): { criterion: AppraisalCriterion; weight: number }[] {
  if (weights === undefined)
    return appraisalCriteria.map((criterion) => ({ criterion, weight: 1 }));
  for (const [criterion, weight] of Object.entries(weights)) {
    if (!criterionNames.has(criterion)) {
      throw new RangeError(
        `appraiseProjects: "${criterion}" is not a criterion (${appraisalCriteria.join(", ")})`,
      );
    }
    if (typeof weight !== "number" || !Number.isFinite(weight) || weight < 0) {
      throw new RangeError(
        `appraiseProjects: the weight of "${criterion}" is ${String(weight)}; ` +
          "weights must be non-negative numbers",
      );
    }
  }
  const positive = appraisalCriteria
    .map((criterion) => ({ criterion, weight: weights[criterion] ?? 0 }))
    .filter(({ weight }) => weight > 0);
  if (positive.length === 0) {
    throw new RangeError(
      "appraiseProjects: the weights give no criterion a weight above 0; " +
        "leave them out to weigh every criterion equally",
    );
  }
  return positive;
}

/** Every project checked, with its criteria's raw values; throws on the first problem. */
function checkProjects(projects: readonly AppraisalProject[]): CheckedProject[] {
  const ids = new Set<string>();
  return projects.map((project) => {
    const { id } = project;
    if (!(typeof id === "string" && id !== "")) {
      throw new RangeError(
        `appraiseProjects: a project has the id ${JSON.stringify(id)}; expected a non-empty string`,
      );
    }
    if (ids.has(id)) throw new RangeError(`appraiseProjects: the project id "${id}" is repeated`);
    ids.add(id);
    const fail = (field: string, value: unknown, expected: string): never => {
      throw new RangeError(
        `appraiseProjects: project "${id}": ${field} must be ${expected}, got ${String(value)}`,
      );
    };
    // Required values must be finite numbers; optional ones are missing when null, undefined,
    // NaN or infinite (the project's missing-data rule), and checked for range when present.
    const amount = project.amount;
    if (!(typeof amount === "number" && Number.isFinite(amount) && amount > 0)) {
      fail("amount", amount, "a number of pounds above 0");
    }
    const jobs = project.jobs;
    if (!(typeof jobs === "number" && Number.isFinite(jobs) && jobs >= 0)) {
      fail("jobs", jobs, "a number of 0 or more");
    }
    const optional = (
      field: keyof AppraisalProject,
      rule: { min?: number; max?: number; aboveZero?: boolean; expected: string },
    ): number => {
      const value = finiteOrNaN(project[field]);
      if (missing(value)) return value;
      const tooLow =
        rule.aboveZero === true ? !(value > 0) : rule.min !== undefined && value < rule.min;
      if (tooLow || (rule.max !== undefined && value > rule.max)) {
        fail(field, value, rule.expected);
      }
      return value;
    };
    const jobsSafeguarded = optional("jobsSafeguarded", {
      min: 0,
      expected: "a number of 0 or more",
    });
    const jobsNoDegree = optional("jobsNoDegree", {
      min: 0,
      max: jobs,
      expected: `from 0 to the project's ${jobs} jobs`,
    });
    const pay = optional("pay", { aboveZero: true, expected: "a number of pounds above 0" });
    const localMedianPay = optional("localMedianPay", {
      aboveZero: true,
      expected: "a number of pounds above 0",
    });
    const co2Change = finiteOrNaN(project.co2Change);
    const localSpendShare = optional("localSpendShare", {
      min: 0,
      max: 1,
      expected: "a share from 0 to 1",
    });
    const opportunityScore = optional("opportunityScore", {
      min: 0,
      max: 100,
      expected: "a score from 0 to 100",
    });
    const deprivation = finiteOrNaN(project.deprivation);
    const income = optional("income", { aboveZero: true, expected: "a number of pounds above 0" });
    const risk = optional("risk", { min: 0, max: 1, expected: "a probability from 0 to 1" });
    const lifetimeYears = optional("lifetimeYears", {
      aboveZero: true,
      expected: "a number of years above 0",
    });
    const safeguarded = missing(jobsSafeguarded) ? 0 : jobsSafeguarded;
    const perMillion = 1_000_000 / amount;
    return {
      id,
      amount,
      jobs,
      jobsSafeguarded: safeguarded,
      co2Change,
      income,
      deprivation,
      risk,
      lifetimeYears,
      values: {
        jobsPerPound: (jobs + safeguarded) * perMillion,
        // A share of no jobs is undefined, not 0.
        jobsNoDegree: jobs > 0 ? jobsNoDegree / jobs : Number.NaN,
        payAboveMedian: pay / localMedianPay - 1,
        // Reductions are negative changes; negate so that more reduced is higher.
        co2PerPound: missing(co2Change) ? Number.NaN : -co2Change * perMillion,
        localSpend: localSpendShare,
        opportunityAlignment: opportunityScore,
        deprivation,
      },
    };
  });
}

function checkPositive(method: string, name: string, value: number): void {
  if (!(typeof value === "number" && Number.isFinite(value) && value > 0)) {
    throw new RangeError(`${method}: ${name} must be a number above 0, got ${String(value)}`);
  }
}

function checkElasticity(method: string, elasticity: number): void {
  if (!(typeof elasticity === "number" && Number.isFinite(elasticity) && elasticity >= 0)) {
    throw new RangeError(
      `${method}: elasticity must be a number of 0 or more, got ${String(elasticity)}`,
    );
  }
}

/** A finite number as it is; anything else (null, undefined, NaN, ±Infinity) as NaN. */
function finiteOrNaN(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? value : Number.NaN;
}

/** Whether a value is missing: NaN, which stands for null, undefined and non-finite input. */
function missing(value: number): boolean {
  return Number.isNaN(value);
}

/** The ends of a min-max scale. */
interface Scale {
  minimum: number;
  maximum: number;
}

/** The minimum and maximum of the values that are not NaN; NaN ends when there are none. */
function scaleOf(values: readonly number[]): Scale {
  let minimum = Infinity;
  let maximum = -Infinity;
  for (const value of values) {
    if (missing(value)) continue;
    if (value < minimum) minimum = value;
    if (value > maximum) maximum = value;
  }
  return minimum <= maximum ? { minimum, maximum } : { minimum: Number.NaN, maximum: Number.NaN };
}

/** A value on the 0 to 100 scale, 100 best; 50 when the range is a single value; NaN if missing. */
function scaleValue(value: number, scale: Scale): number {
  if (missing(value)) return Number.NaN;
  const range = scale.maximum - scale.minimum;
  if (range === 0) return 50;
  return (100 * (value - scale.minimum)) / range;
}

/**
 * Each value's percentile rank among the values that are not NaN, from 0 (lowest) to 1
 * (highest): `(below + (equal - 1) / 2) / (n - 1)`, so ties share their mid-rank and a single
 * value is 0.5; NaN for a missing value.
 */
function percentileRanks(values: readonly number[]): number[] {
  const sorted = values.filter((value) => !missing(value)).sort((a, b) => a - b);
  const count = sorted.length;
  return values.map((value) => {
    if (missing(value)) return Number.NaN;
    if (count === 1) return 0.5;
    const below = bisect(sorted, value, false);
    const equal = bisect(sorted, value, true) - below;
    return (below + (equal - 1) / 2) / (count - 1);
  });
}

/** The number of sorted values below `value` (or at or below it, when `inclusive`). */
function bisect(sorted: readonly number[], value: number, inclusive: boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const item = sorted[middle]!;
    if (item < value || (inclusive && item === value)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The median (the mean of the middle two for an even count); NaN when empty. */
function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Ids in code-unit order, independent of the machine's locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
