import type { AppraisalCriterion } from "./appraisal.js";

/** The goal of the strategy each appraisal criterion serves. */
export const criterionGoals: Readonly<Record<AppraisalCriterion, PortfolioGoal>> = {
  jobsPerPound: "jobs",
  jobsNoDegree: "equality",
  deprivation: "equality",
  payAboveMedian: "prosperity",
  localSpend: "prosperity",
  opportunityAlignment: "prosperity",
  co2PerPound: "sustainability",
};

/** The goals a portfolio is reported by, in the order of the strategy. */
export const portfolioGoals = ["jobs", "equality", "prosperity", "sustainability"] as const;
/** A goal a portfolio is reported by. */
export type PortfolioGoal = (typeof portfolioGoals)[number];

/** A funded project as the report by goal reads it. */
export interface GoalProject {
  /** The fraction funded, 0 to 1. */
  fraction: number;
  /** The money asked for, in pounds. */
  amount: number;
  jobs: number;
  jobsSafeguarded?: number | null | undefined;
  jobsNoDegree?: number | null | undefined;
  /** Tonnes of CO2 a year; negative is a cut. */
  co2Change?: number | null | undefined;
  localSpendShare?: number | null | undefined;
  leftBehind: boolean;
  /** The appraised score and its base, to share the score out over the criteria. */
  score: number;
  baseScore: number;
  /** Each criterion's contribution to the base score. */
  contributions: readonly { criterion: AppraisalCriterion; contribution: number }[];
}

/** What a portfolio delivers towards one goal. */
export interface GoalReport {
  goal: PortfolioGoal;
  /**
   * The part of the portfolio's impact (the sum of funded scores) that comes from the goal's
   * criteria: each project's score shared over its criteria in proportion to their
   * contributions to its base score, times the fraction funded.
   */
  impact: number;
  /** What it delivers, in the measures' own units (pounds, jobs, tonnes a year). */
  measures: { measure: string; value: number }[];
}

/**
 * A portfolio reported by the goals of the strategy: the impact that comes from each goal's
 * appraisal criteria, and the outcomes behind it (jobs created and kept; jobs open without a
 * degree and money in left-behind places; money spent with local suppliers; CO2 cut a year),
 * each pro rata to the fraction funded. Unknown values count as nothing. The impacts add up to
 * the portfolio's objective when every funded project has a base score above 0.
 */
export function portfolioByGoal(projects: readonly GoalProject[]): GoalReport[] {
  const impact: Record<PortfolioGoal, number> = {
    jobs: 0,
    equality: 0,
    prosperity: 0,
    sustainability: 0,
  };
  let jobs = 0;
  let safeguarded = 0;
  let noDegree = 0;
  let leftBehindMoney = 0;
  let localSpend = 0;
  let co2 = 0;
  for (const project of projects) {
    const f = project.fraction;
    if (project.baseScore > 0 && Number.isFinite(project.score)) {
      const scale = project.score / project.baseScore;
      for (const part of project.contributions) {
        impact[criterionGoals[part.criterion]] += f * part.contribution * scale;
      }
    }
    jobs += f * project.jobs;
    safeguarded += f * (project.jobsSafeguarded ?? 0);
    noDegree += f * (project.jobsNoDegree ?? 0);
    if (project.leftBehind) leftBehindMoney += f * project.amount;
    localSpend += f * project.amount * (project.localSpendShare ?? 0);
    co2 += f * (project.co2Change ?? 0);
  }
  const measures: Record<PortfolioGoal, { measure: string; value: number }[]> = {
    jobs: [
      { measure: "jobs created", value: jobs },
      { measure: "jobs safeguarded", value: safeguarded },
    ],
    equality: [
      { measure: "jobs open without a degree", value: noDegree },
      { measure: "pounds in left-behind places", value: leftBehindMoney },
    ],
    prosperity: [{ measure: "pounds spent with local suppliers", value: localSpend }],
    sustainability: [{ measure: "tonnes of CO2 cut a year", value: -co2 }],
  };
  return portfolioGoals.map((goal) => ({ goal, impact: impact[goal], measures: measures[goal] }));
}
