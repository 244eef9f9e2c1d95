import { InputError } from "../core/errors.js";
import {
  appraiseProjects,
  type AppraisalOptions,
  type AppraisalProject,
  type AppraisedProject,
} from "./methods/appraisal.js";
import type { PortfolioProject } from "./methods/portfolio.js";
import { jobsByLevelTotals } from "./methods/projectLifecycle.js";
import type { PipelineProject } from "./projectsFile.js";

/** A project as the pipeline holds it, read from a file or from the store. */
export type PipelineEntry = Omit<PipelineProject, "line" | "score">;

/** The pipeline's projects in the appraisal's terms; extra columns fill the optional criteria. */
export function toAppraisalProjects(projects: readonly PipelineEntry[]): AppraisalProject[] {
  const ranks = projects.map((project) => project.extra.opportunity_rank ?? null);
  const ranked = ranks.filter((rank): rank is number => rank !== null);
  const worst = ranked.length > 0 ? Math.max(...ranked) : 0;
  return projects.map((project, index) => {
    const rank = ranks[index] ?? null;
    const extra = project.extra;
    const levels = project.record?.jobsByLevel ?? [];
    const meanPay = levels.length > 0 ? jobsByLevelTotals(levels).meanPay : undefined;
    return {
      id: project.id,
      amount: project.amount,
      jobs: project.jobs,
      jobsSafeguarded: project.record?.jobsSafeguarded ?? extra.jobs_safeguarded ?? null,
      jobsNoDegree: project.jobsNoDegree,
      pay: meanPay ?? extra.pay ?? null,
      localMedianPay: extra.local_median_pay ?? null,
      co2Change: project.co2Change,
      localSpendShare: project.localSpendShare,
      // An opportunity rank (1 best) becomes a score: 100 (n - rank) / (n - 1).
      opportunityScore:
        extra.opportunity_score ??
        (rank === null ? null : worst > 1 ? (100 * (worst - rank)) / (worst - 1) : 100),
      deprivation: extra.deprivation ?? null,
      income: extra.income ?? null,
      risk: project.risk,
      lifetimeYears: extra.lifetime_years ?? null,
    };
  });
}

/**
 * Appraises a pipeline, for the command line, the pages and the API alike; a bad weight set or
 * elasticity (the method's RangeError) becomes an input error naming `where`.
 */
export function appraisePipeline(
  projects: readonly PipelineEntry[],
  options: Pick<AppraisalOptions, "weights" | "elasticity"> = {},
  where: { file?: string; field?: string } = { field: "weights" },
): AppraisedProject[] {
  try {
    return appraiseProjects(toAppraisalProjects(projects), {
      ...(options.weights === undefined ? {} : { weights: options.weights }),
      ...(options.elasticity === undefined ? {} : { elasticity: options.elasticity }),
    });
  } catch (error) {
    if (error instanceof RangeError) throw new InputError(error.message, where);
    throw error;
  }
}

/**
 * The pipeline as the portfolio optimiser takes it, each project's impact its appraised score
 * (0 where it has none); a project with `divisible` 1 among its extra columns may be part-funded.
 */
export function portfolioProjects(
  projects: readonly PipelineEntry[],
  scores: ReadonlyMap<string, number | null>,
): PortfolioProject[] {
  return projects.map((project) => {
    const score = scores.get(project.id);
    return {
      id: project.id,
      place: project.place,
      sector: project.sector,
      amount: project.amount,
      score: score != null && Number.isFinite(score) ? Math.max(0, score) : 0,
      jobs: project.jobs,
      ...(project.risk === null ? {} : { risk: project.risk }),
      leftBehind: project.leftBehind,
      ...(project.record?.fund === undefined ? {} : { fund: project.record.fund }),
      ...(project.extra.divisible === 1 ? { divisible: true } : {}),
    };
  });
}

/** The pipeline as the funds would choose from it: each fund's money left and its floor. */
export interface FundBudgets {
  /** The projects still to decide (proposed or appraised) that name a fund. */
  candidates: PipelineEntryWithFund[];
  /** Each fund's budget less what it has committed, in pounds, 0 or more. */
  budget: Record<string, number>;
  /** Each fund's least share of its money for left-behind places. */
  floors: Record<string, number>;
}

/** A pipeline entry with the fund that would pay for it. */
export type PipelineEntryWithFund = PipelineEntry & { fund: string };

/**
 * The portfolio each fund could still choose: the undecided projects that name a fund, each
 * fund's uncommitted budget (in pounds) and its floor for marginalised places.
 */
export function fundBudgets(
  projects: readonly (PipelineEntry & { status: string })[],
  lenders: readonly {
    funds: readonly {
      id: string;
      budgetPence: number;
      committedPence: number;
      minShareMarginalised: number;
    }[];
  }[],
): FundBudgets {
  const funds = lenders.flatMap((lender) => lender.funds);
  const budget: Record<string, number> = {};
  const floors: Record<string, number> = {};
  for (const fund of funds) {
    budget[fund.id] = Math.max(0, fund.budgetPence - fund.committedPence) / 100;
    floors[fund.id] = fund.minShareMarginalised;
  }
  const candidates = projects.flatMap((project) => {
    const fund = project.record?.fund;
    return fund !== undefined &&
      fund in budget &&
      (project.status === "proposed" || project.status === "appraised")
      ? [{ ...project, fund }]
      : [];
  });
  return { candidates, budget, floors };
}
