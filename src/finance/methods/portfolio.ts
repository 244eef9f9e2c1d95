import type { Highs, InitOptions, Model, ModelData } from "highs";
import { InputError, PlacefirstError } from "../../core/errors.js";
import { compensatedSum } from "../../scorecard/methods/index.js";

/** One investment project of the pipeline, as appraised. */
export interface PortfolioProject {
  /** The project's id, unique in the pipeline. */
  id: string;
  /** The place the money goes to (a GSS code, say); `maxSharePlace` caps each place's share. */
  place: string;
  /** The project's sector (a SIC section, say); `maxShareSector` caps each sector's share. */
  sector: string;
  /** The money the project asks for, in pounds (the same unit as the budget): above 0. */
  amount: number;
  /** The appraised impact, 0 or more; the objective is the sum of the funded projects' scores. */
  score: number;
  /**
   * The jobs the project creates, 0 or more. Every project needs it when `minJobShareLeftBehind`
   * is set; otherwise it is only reported.
   */
  jobs?: number;
  /**
   * The project's risk, 0 or more: a probability of default, or a risk grade on any numeric
   * scale that the limit uses too. Every project needs it when `maxMeanRisk` is set.
   */
  risk?: number;
  /** Whether the project is in a left-behind place or one of the most deprived neighbourhoods. */
  leftBehind: boolean;
  /**
   * The fund that would pay for the project. Required, and must name one of the budgets, when
   * `budget` is given per fund; ignored when there is a single budget.
   */
  fund?: string;
  /**
   * Whether the instrument allows partial funding: then any fraction from `minFraction` to 1 may
   * be funded, with the amount, score and jobs pro rata. Default false: all or nothing.
   */
  divisible?: boolean;
  /**
   * The least fraction of a divisible project that may be funded if it is funded at all, from 0
   * to 1; default 0. Only for divisible projects.
   */
  minFraction?: number;
}

/**
 * What a portfolio must meet. Every share is a share of the money the portfolio spends (or of its
 * jobs), from 0 to 1; an absent constraint is not imposed.
 */
export interface PortfolioConstraints {
  /**
   * The money available, in the projects' unit: one budget for the whole pipeline, or a budget
   * per fund (keyed by the projects' `fund`). Each budget is 0 or more.
   */
  budget: number | Readonly<Record<string, number>>;
  /** The least share of the money spent that goes to left-behind projects. */
  minShareLeftBehind?: number;
  /**
   * The least share of each named fund's money spent that goes to that fund's left-behind
   * projects (a development bank's minimum share for marginalised places), keyed by fund. Needs
   * the budget given per fund, and every key must be one of its funds; funds not named have no
   * floor of their own. A fund that spends nothing meets its floor (0 ≥ σ × 0), so a floor above
   * 0 on a fund with no left-behind project keeps that fund from spending at all.
   */
  minShareLeftBehindByFund?: Readonly<Record<string, number>>;
  /** The least share of the jobs created that are created by left-behind projects. */
  minJobShareLeftBehind?: number;
  /**
   * The most any one place may take of the money spent: one cap for every place, or caps for
   * named places (the others uncapped).
   */
  maxSharePlace?: number | Readonly<Record<string, number>>;
  /** The most any one sector may take of the money spent, as for `maxSharePlace`. */
  maxShareSector?: number | Readonly<Record<string, number>>;
  /** The most the amount-weighted mean risk of the money spent may be, on the projects' scale. */
  maxMeanRisk?: number;
  /** Pairs of projects of which at most one may be funded (alternatives, rival bids). */
  excludes?: readonly (readonly [string, string])[];
  /**
   * Pairs `[a, b]`: `a` may be funded (in whole or in part) only if `b` is funded in full (a
   * scheme that needs an enabling project, say).
   */
  requires?: readonly (readonly [string, string])[];
}

/** How hard the solver works. */
export interface PortfolioOptions {
  /**
   * The relative gap at which every solve may stop: it then has a portfolio within this fraction
   * of the best possible impact. Costs are known to the same precision, so a family whose cost
   * is below it is not reported as binding. From 0 (prove every optimum) to 0.001; default 0.001.
   */
  relativeGap?: number;
  /** The longest any one solve may take, in seconds, as a safety net; default 60. */
  timeLimitSeconds?: number;
  /**
   * The places that exist (GSS codes from the store, say). When given, a project or a per-place
   * cap naming any other place is an error.
   */
  knownPlaces?: Iterable<string>;
}

/** One funded project. */
export interface PortfolioSelection {
  /** The project's id. */
  id: string;
  /** The fraction funded: 1 for a whole project, less for part of a divisible one. */
  fraction: number;
  /** The money it gets, `fraction × amount`. */
  amount: number;
  /** The impact it contributes, `fraction × score`. */
  score: number;
}

/** The money spent in one place or sector. */
export interface PortfolioSpending {
  /** The place or sector. */
  key: string;
  /** The money spent there. */
  spent: number;
  /** Its share of all the money spent. */
  share: number;
}

/** The money spent from one fund, when the budget is given per fund. */
export interface PortfolioFundSpending {
  /** The fund, as named in the budget. */
  fund: string;
  /** The fund's budget. */
  budget: number;
  /** The money spent from the fund. */
  spent: number;
  /**
   * The share of the fund's money spent that goes to its left-behind projects; undefined when the
   * fund spends nothing.
   */
  shareLeftBehind: number | undefined;
}

/** The portfolio a greedy ranking would fund, for comparison. */
export interface GreedyPortfolio {
  /**
   * The ranking rule: projects in descending order of score per pound (the benefit-cost ratio),
   * ties broken by score, then by pipeline order.
   */
  rule: "score-per-pound";
  /** The projects funded, in pipeline order. */
  selected: PortfolioSelection[];
  /** The sum of the funded projects' scores. */
  objective: number;
  /** The money spent. */
  spent: number;
  /** Whether the greedy portfolio meets every constraint. */
  feasible: boolean;
  /** The constraint families it breaks (named as in {@link PortfolioResult.binding}). */
  violated: string[];
}

/** The optimal portfolio, what binds it, and what the binding constraints cost. */
export interface PortfolioResult {
  /**
   * "optimal" when the solver proved the optimum (a relative gap under 10⁻⁶); "gap" when it
   * stopped with a portfolio within `gap` of the best possible (at the gap tolerance or the
   * time limit).
   */
  status: "optimal" | "gap";
  /** The proven relative gap, `|bound − objective| / |objective|` as HiGHS computes it. */
  gap: number;
  /** The projects funded, in pipeline order. */
  selected: PortfolioSelection[];
  /** The sum of the funded projects' scores (pro rata for part-funded ones). */
  objective: number;
  /** The money spent. */
  spent: number;
  /** The money spent from each fund, in the budget's order, when the budget is given per fund. */
  byFund?: PortfolioFundSpending[];
  /** The share of the money spent that goes to left-behind projects; undefined if none is spent. */
  shareLeftBehind: number | undefined;
  /** The share of the jobs created that left-behind projects create; undefined if no jobs. */
  jobShareLeftBehind: number | undefined;
  /** The amount-weighted mean risk of the money spent; undefined when no funded project has one. */
  meanRisk: number | undefined;
  /** The money spent by place and by sector, largest first. */
  bySpending: { places: PortfolioSpending[]; sectors: PortfolioSpending[] };
  /**
   * The constraint families that bind: dropping the family alone (re-solving without it) gains
   * more impact than the solver's gap tolerance. Families are named "budget" (or
   * "budget:<fund>"), "min-share-left-behind", "min-share-left-behind:<fund>",
   * "min-job-share-left-behind",
   * "max-share-place:<place>", "max-share-sector:<sector>", "max-mean-risk", "excludes:<a>,<b>"
   * and "requires:<a>,<b>".
   */
  binding: string[];
  /**
   * For every constraint family, the impact it costs: the objective of the portfolio re-solved
   * without that family alone, minus this objective. 0 or more.
   */
  costs: Record<string, number>;
  /**
   * The impact the left-behind floors cost together (the money floor, the per-fund floors and the
   * jobs floor): the objective re-solved without all of them, minus this objective; undefined
   * when no floor is set.
   */
  costOfFairness: number | undefined;
  /** The greedy ranking's portfolio under the same budgets, for comparison. */
  greedy: GreedyPortfolio;
}

/**
 * Chooses the projects to fund from a pipeline by mixed-integer programming, solved exactly (or
 * to a proven gap of at most 0.1%) with HiGHS compiled to WebAssembly (Huangfu and Hall 2018,
 * "Parallelizing the dual revised simplex method", Mathematical Programming Computation 10(1)).
 * With x_i the fraction of project i funded (0 or 1 unless it is divisible), a_i its amount, s_i
 * its score and T = sum_i a_i x_i the money spent, it maximises sum_i s_i x_i subject to
 *
 *     sum_{i in fund f} a_i x_i <= B_f                  for each fund's budget
 *     sum_{i left behind} a_i x_i >= sigma T            the money floor
 *     sum_{i in f, left behind} a_i x_i >= sigma_f sum_{i in f} a_i x_i   each fund's floor
 *     sum_{i left behind} j_i x_i >= sigma_J sum_i j_i x_i   the jobs floor
 *     sum_{i in place p} a_i x_i <= c_p T               for each place (and likewise sector)
 *     sum_i r_i a_i x_i <= rho T                        the mean-risk limit
 *     y_a + y_b <= 1    (excludes a, b)      y_a <= x_b    (a requires b in full)
 *
 * where y_i is 1 when project i is funded at all. Each share constraint on the money spent is a
 * ratio, linearised exactly by multiplying out the (non-negative) denominator T. Money and jobs
 * are scaled to at most 1 inside the model. See docs/methods/portfolio.md.
 *
 * The empty portfolio meets every share constraint trivially (0 >= 0), so "infeasible" means
 * that no non-empty portfolio meets the constraints together. Then an irreducible conflicting
 * set of constraint families (one that conflicts, but not without any one of its members) is
 * found by a deletion filter (Chinneck and Dravnieks 1991, "Locating
 * minimal infeasible constraint sets in linear programs", ORSA Journal on Computing 3(2)) and
 * reported in the error.
 *
 * Each constraint family is then dropped in turn and the programme re-solved from the optimum,
 * which stays feasible without it; the gain is the family's cost and the family binds when the
 * gain exceeds the gap tolerance. The cost of fairness drops every left-behind floor at once.
 * Finally the greedy ranking's portfolio ({@link greedyPortfolio}) is reported for comparison.
 *
 * @param projects the pipeline.
 * @param constraints the budgets and the constraint families to impose.
 * @param options the gap tolerance, the time limit and the known places.
 * @returns the optimal portfolio, its binding constraints and their costs, and the greedy one.
 * @throws InputError for a bad project or constraint (naming the project and field), a budget too
 *   small for any project, or constraints that no portfolio meets together (naming them).
 * @throws PlacefirstError when the solver fails or stops without a portfolio.
 */
export async function portfolio(
  projects: readonly PortfolioProject[],
  constraints: PortfolioConstraints,
  options: PortfolioOptions = {},
): Promise<PortfolioResult> {
  const problem = checkProblem(projects, constraints, options);
  const relativeGap = options.relativeGap ?? 1e-3;
  if (!(Number.isFinite(relativeGap) && relativeGap >= 0 && relativeGap <= 1e-3)) {
    throw new InputError("expected a relative gap from 0 to 0.001", {
      field: "relativeGap",
      value: String(options.relativeGap),
    });
  }
  const timeLimit = options.timeLimitSeconds ?? 60;
  if (!(timeLimit > 0)) {
    throw new InputError("expected a time limit above 0 seconds", {
      field: "timeLimitSeconds",
      value: String(options.timeLimitSeconds),
    });
  }
  const highs = await loadSolver();
  const built = buildModel(problem, highs);
  const model = highs.createModel(built.data);
  try {
    model.options.set({ ...solverOptions, mip_rel_gap: relativeGap, time_limit: timeLimit });
    const best = solve(highs, model, built, problem, undefined);
    if (best === "infeasible") {
      throw new PlacefirstError("portfolio: the solver found the empty portfolio infeasible");
    }
    if (!best.fractions.some((fraction) => fraction > 0)) {
      if (!best.proven) {
        throw new PlacefirstError(
          `portfolio: the solver found no portfolio within the time limit of ${timeLimit} s`,
        );
      }
      // The empty portfolio is always feasible, so an empty optimum means either that nothing
      // is worth funding (every score 0) or that the constraints rule out every project.
      if (!nonEmptyFeasible(highs, built, problem, timeLimit, new Set())) {
        throw conflictError(findConflict(highs, built, problem, timeLimit));
      }
    }
    // Re-solves start from the optimum, which stays feasible when a family is dropped; presolve
    // and the feasibility-jump heuristic only slow them down then.
    model.options.set({ presolve: "off", mip_heuristic_run_feasibility_jump: false });
    const resolveWithout = (dropped: readonly number[]): number => {
      for (const family of dropped) {
        model.changeRowBounds(built.familyRows[family]!, -highs.infinity, highs.infinity);
      }
      const relaxed = solve(highs, model, built, problem, best.columns);
      for (const family of dropped) {
        const row = built.familyRows[family]!;
        model.changeRowBounds(row, built.data.rowLower[row]!, built.data.rowUpper[row]!);
      }
      if (relaxed === "infeasible") {
        throw new PlacefirstError("portfolio: a relaxed programme was found infeasible");
      }
      return Math.max(0, relaxed.objective - best.objective);
    };
    const costs: Record<string, number> = {};
    const binding: string[] = [];
    // Dropping a family can gain up to the gap tolerance by chance, as the re-solve may close
    // the gap the first solve left; only larger gains count as binding. The absolute part is
    // HiGHS's mip_abs_gap (10⁻⁶ of the largest score, as scores are scaled to at most 1).
    const tolerance = relativeGap * Math.abs(best.objective) + 2e-6 * problem.scoreScale;
    problem.families.forEach((family, index) => {
      const cost = resolveWithout([index]);
      costs[family.name] = cost;
      if (cost > tolerance) binding.push(family.name);
    });
    const floors = problem.families.flatMap((family, index) => (family.fairness ? [index] : []));
    const costOfFairness = floors.length === 0 ? undefined : resolveWithout(floors);
    return {
      status: best.gap < 1e-6 ? "optimal" : "gap",
      gap: best.gap,
      ...describe(problem, best.fractions),
      binding,
      costs,
      costOfFairness,
      greedy: greedyFor(problem),
    };
  } finally {
    model.dispose();
  }
}

/**
 * The portfolio a greedy ranking funds: projects with a positive score in descending order of
 * score per pound (the benefit-cost ratio; ties by score, then pipeline order), each taken in
 * full while its fund's budget lasts. A divisible project that no longer fits in full takes what
 * is left of its fund, if that is at least its minimum fraction. A project is skipped when a
 * project it excludes is already funded, or when a project it requires is not already funded in
 * full (the ranking never goes back). The share floors and caps and the risk limit cannot be
 * checked one project at a time, so the greedy ranking ignores them; `feasible` and `violated`
 * say whether the result meets them.
 *
 * @param projects the pipeline.
 * @param constraints the budgets and constraints, as for {@link portfolio}.
 * @returns the greedy portfolio.
 * @throws InputError for bad input, as {@link portfolio} does.
 */
export function greedyPortfolio(
  projects: readonly PortfolioProject[],
  constraints: PortfolioConstraints,
): GreedyPortfolio {
  return greedyFor(checkProblem(projects, constraints, {}));
}

/**
 * The constraint families a given portfolio breaks, named as in {@link PortfolioResult.binding}.
 * Shares and the mean risk are compared with a tolerance of 10⁻⁹ of the money spent (or jobs).
 *
 * @param projects the pipeline.
 * @param constraints the budgets and constraints, as for {@link portfolio}.
 * @param selection the projects funded and their fractions (1 when omitted); projects not listed
 *   are not funded.
 * @returns the names of the families broken, in the order the families are listed in the docs.
 * @throws InputError for bad input, an unknown project or a fraction outside [0, 1].
 */
export function portfolioViolations(
  projects: readonly PortfolioProject[],
  constraints: PortfolioConstraints,
  selection: readonly { id: string; fraction?: number }[],
): string[] {
  const problem = checkProblem(projects, constraints, {});
  const fractions = new Float64Array(problem.projects.length);
  selection.forEach((item, position) => {
    const index = problem.indexById.get(item.id);
    if (index === undefined) {
      throw new InputError(`no project has the id "${item.id}"`, {
        field: `selection[${position}].id`,
      });
    }
    const fraction = item.fraction ?? 1;
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new InputError(`project "${item.id}": expected a fraction from 0 to 1`, {
        field: `selection[${position}].fraction`,
        value: String(item.fraction),
      });
    }
    fractions[index] = fraction;
  });
  return violations(problem, fractions);
}

// ---------------------------------------------------------------------------------------------
// The solver, loaded once.

type HighsLoader = (options?: InitOptions) => Promise<Highs>;

let solverPromise: Promise<Highs> | undefined;

/**
 * HiGHS, loaded on first use and shared. highs ships CommonJS typings for its ES-module build,
 * so TypeScript sees the namespace where Node's loader gives the function; both are handled.
 */
function loadSolver(): Promise<Highs> {
  solverPromise ??= import("highs")
    .then((module) => {
      const exported: unknown = module.default;
      const load = (
        typeof exported === "function" ? exported : (exported as { default: unknown }).default
      ) as HighsLoader;
      return load();
    })
    .catch((error: unknown) => {
      // A failed load is not cached, so that a later call can try again.
      solverPromise = undefined;
      throw error;
    });
  return solverPromise;
}

const inf = Number.POSITIVE_INFINITY;

/**
 * Options for every solve. HiGHS accepts a row as met within its feasibility tolerances, 10⁻⁷
 * for LPs and 10⁻⁶ for MIPs by default; on money scaled to the largest amount that could let a
 * budget be overspent by £10 on a pipeline of £10m projects, so both are tightened to 10⁻⁹.
 */
const solverOptions = {
  output_flag: false,
  primal_feasibility_tolerance: 1e-9,
  mip_feasibility_tolerance: 1e-9,
} as const;

/** The largest value; a loop rather than `Math.max(...values)`, which overflows on long lists. */
function largest(values: readonly number[]): number {
  let result = Number.NEGATIVE_INFINITY;
  for (const value of values) if (value > result) result = value;
  return result;
}

// ---------------------------------------------------------------------------------------------
// Checking and normalising the input.

interface Project {
  id: string;
  place: string;
  sector: string;
  amount: number;
  score: number;
  jobs: number | undefined;
  risk: number | undefined;
  leftBehind: boolean;
  /** The index of its fund in `Problem.funds`. */
  fund: number;
  divisible: boolean;
  minFraction: number;
}

type FamilySpec =
  | { kind: "budget"; fund: number }
  | { kind: "minShareLeftBehind"; share: number }
  | { kind: "minShareLeftBehindByFund"; fund: number; share: number }
  | { kind: "minJobShareLeftBehind"; share: number }
  | { kind: "maxSharePlace"; place: string; share: number }
  | { kind: "maxShareSector"; sector: string; share: number }
  | { kind: "maxMeanRisk"; risk: number }
  | { kind: "excludes"; first: number; second: number }
  | { kind: "requires"; project: number; required: number };

interface Family {
  /** The family's name, as reported: "max-share-place:E08000001". */
  name: string;
  /** The name with its limit, for messages: "max-share-place:E08000001 0.2". */
  label: string;
  /** The constraint property it comes from, for error locations. */
  field: string;
  /** Whether it is one of the left-behind floors. */
  fairness: boolean;
  spec: FamilySpec;
}

interface Problem {
  projects: Project[];
  indexById: Map<string, number>;
  /** The budgets: one unnamed fund for a single budget. */
  funds: { name: string | undefined; budget: number }[];
  families: Family[];
  /** The largest score, or 1 when every score is 0; scores are divided by it in the model. */
  scoreScale: number;
}

function checkProblem(
  projects: readonly PortfolioProject[],
  constraints: PortfolioConstraints,
  options: PortfolioOptions,
): Problem {
  if (!Array.isArray(projects) || projects.length === 0) {
    throw new InputError("expected at least one project", { field: "projects" });
  }
  const funds = checkBudget(constraints.budget);
  const fundIndex = new Map(funds.map((fund, index) => [fund.name, index]));
  const knownPlaces = options.knownPlaces === undefined ? undefined : new Set(options.knownPlaces);
  const indexById = new Map<string, number>();
  const checked = projects.map((project, index): Project => {
    const where = (field: string, value: unknown) => ({
      field: `projects[${index}].${field}`,
      value: String(value),
    });
    const { id } = project;
    if (!(typeof id === "string" && id !== "")) {
      throw new InputError("expected a project id (a non-empty string)", where("id", id));
    }
    if (indexById.has(id)) throw new InputError(`project id "${id}" is repeated`, where("id", id));
    indexById.set(id, index);
    const fail = (field: string, value: unknown, expected: string): never => {
      throw new InputError(`project "${id}": expected ${expected}`, where(field, value));
    };
    for (const field of ["place", "sector"] as const) {
      const value = project[field];
      if (!(typeof value === "string" && value !== "")) fail(field, value, `a ${field} code`);
    }
    if (knownPlaces !== undefined && !knownPlaces.has(project.place)) {
      fail("place", project.place, "a known place");
    }
    if (!(Number.isFinite(project.amount) && project.amount > 0)) {
      fail("amount", project.amount, "an amount in pounds above 0");
    }
    if (!(Number.isFinite(project.score) && project.score >= 0)) {
      fail("score", project.score, "a score of 0 or more");
    }
    const optional = (field: "jobs" | "risk", needed: boolean, reason: string) => {
      const value = project[field];
      if (value === undefined || value === null) {
        if (needed) fail(field, value, `${field} (0 or more) because ${reason} is set`);
        return undefined;
      }
      if (!(Number.isFinite(value) && value >= 0)) fail(field, value, `${field} of 0 or more`);
      return value;
    };
    const jobs = optional(
      "jobs",
      constraints.minJobShareLeftBehind !== undefined,
      "minJobShareLeftBehind",
    );
    const risk = optional("risk", constraints.maxMeanRisk !== undefined, "maxMeanRisk");
    if (typeof project.leftBehind !== "boolean") {
      fail("leftBehind", project.leftBehind, "leftBehind true or false");
    }
    const divisible = project.divisible ?? false;
    if (typeof divisible !== "boolean") fail("divisible", divisible, "divisible true or false");
    const minFraction = project.minFraction ?? 0;
    if (!(Number.isFinite(minFraction) && minFraction >= 0 && minFraction <= 1)) {
      fail("minFraction", project.minFraction, "a minimum fraction from 0 to 1");
    }
    if (!divisible && project.minFraction !== undefined) {
      fail("minFraction", project.minFraction, "no minimum fraction on an indivisible project");
    }
    let fund = 0;
    if (funds[0]!.name !== undefined) {
      const found = fundIndex.get(project.fund);
      if (found === undefined) {
        fail(
          "fund",
          project.fund,
          `one of the funds with a budget (${[...fundIndex.keys()].join(", ")})`,
        );
      }
      fund = found!;
    }
    return {
      id,
      place: project.place,
      sector: project.sector,
      amount: project.amount,
      score: project.score,
      jobs,
      risk,
      leftBehind: project.leftBehind,
      fund,
      divisible,
      minFraction,
    };
  });
  checkAffordable(checked, funds);
  const families = checkFamilies(checked, indexById, funds, constraints, knownPlaces);
  const maxScore = largest(checked.map((project) => project.score));
  return { projects: checked, indexById, funds, families, scoreScale: maxScore > 0 ? maxScore : 1 };
}

function checkBudget(budget: PortfolioConstraints["budget"]): Problem["funds"] {
  const checkOne = (value: unknown, field: string): number => {
    if (!(typeof value === "number" && Number.isFinite(value) && value >= 0)) {
      throw new InputError("expected a budget in pounds, 0 or more", {
        field,
        value: String(value),
      });
    }
    return value;
  };
  if (typeof budget === "number") return [{ name: undefined, budget: checkOne(budget, "budget") }];
  if (budget === null || typeof budget !== "object" || Object.keys(budget).length === 0) {
    throw new InputError("expected a budget, or a budget for each fund", {
      field: "budget",
      value: String(budget),
    });
  }
  return Object.entries(budget).map(([name, value]) => ({
    name,
    budget: checkOne(value, `budget.${name}`),
  }));
}

/** The least money a project can be funded with: all of it, or its minimum fraction. */
function leastSpend(project: Project): number {
  return project.divisible ? project.minFraction * project.amount : project.amount;
}

/** Throws when no project at all fits its fund's budget, with a message saying so. */
function checkAffordable(projects: readonly Project[], funds: Problem["funds"]): void {
  const fits = (project: Project) => {
    const budget = funds[project.fund]!.budget;
    return project.divisible && project.minFraction === 0
      ? budget > 0
      : leastSpend(project) <= budget;
  };
  if (projects.some(fits)) return;
  const cheapest = funds.flatMap((fund, index) => {
    const own = projects.filter((project) => project.fund === index);
    if (own.length === 0) return [];
    const least = own.reduce((a, b) => (leastSpend(b) < leastSpend(a) ? b : a));
    const name = fund.name === undefined ? "the budget" : `the budget of fund "${fund.name}"`;
    return [
      `${name} (${fund.budget}) is less than the cheapest project needs (${least.id}: ${leastSpend(least)})`,
    ];
  });
  throw new InputError(
    `no project can be funded: ${cheapest.join("; ")}; raise the budget or allow partial funding`,
    { field: "budget" },
  );
}

function checkShare(value: unknown, field: string): number {
  if (!(typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 1)) {
    throw new InputError("expected a share from 0 to 1", { field, value: String(value) });
  }
  return value;
}

function checkFamilies(
  projects: readonly Project[],
  indexById: ReadonlyMap<string, number>,
  funds: Problem["funds"],
  constraints: PortfolioConstraints,
  knownPlaces: ReadonlySet<string> | undefined,
): Family[] {
  const families: Family[] = funds.map((fund, index) => {
    const name = fund.name === undefined ? "budget" : `budget:${fund.name}`;
    return {
      name,
      label: `${name} ${fund.budget}`,
      field: fund.name === undefined ? "budget" : `budget.${fund.name}`,
      fairness: false,
      spec: { kind: "budget", fund: index },
    };
  });
  if (constraints.minShareLeftBehind !== undefined) {
    const share = checkShare(constraints.minShareLeftBehind, "minShareLeftBehind");
    if (share > 0 && !projects.some((project) => project.leftBehind)) {
      throw new InputError(
        `no project is left behind, so no portfolio can give left-behind projects a share of ${share}`,
        { field: "minShareLeftBehind", value: String(share) },
      );
    }
    families.push({
      name: "min-share-left-behind",
      label: `min-share-left-behind ${share}`,
      field: "minShareLeftBehind",
      fairness: true,
      spec: { kind: "minShareLeftBehind", share },
    });
  }
  if (constraints.minShareLeftBehindByFund !== undefined) {
    families.push(...checkFundFloors(constraints.minShareLeftBehindByFund, funds));
  }
  if (constraints.minJobShareLeftBehind !== undefined) {
    const share = checkShare(constraints.minJobShareLeftBehind, "minJobShareLeftBehind");
    // A portfolio creating no jobs meets the jobs floor (0 >= 0), so the floor is impossible
    // only when every project creates jobs and no left-behind one does; other conflicts are
    // found by the solver.
    const impossible =
      projects.every((project) => project.jobs! > 0) &&
      !projects.some((project) => project.leftBehind);
    if (share > 0 && impossible) {
      throw new InputError(
        `no project is left behind, so no portfolio can give left-behind projects a share of ${share} of the jobs`,
        { field: "minJobShareLeftBehind", value: String(share) },
      );
    }
    families.push({
      name: "min-job-share-left-behind",
      label: `min-job-share-left-behind ${share}`,
      field: "minJobShareLeftBehind",
      fairness: true,
      spec: { kind: "minJobShareLeftBehind", share },
    });
  }
  const caps = (
    cap: number | Readonly<Record<string, number>> | undefined,
    field: "maxSharePlace" | "maxShareSector",
  ) => {
    if (cap === undefined) return;
    const key = field === "maxSharePlace" ? "place" : "sector";
    const present = [...new Set(projects.map((project) => project[key]))];
    let limits: [string, number][];
    if (typeof cap === "number") {
      const share = checkShare(cap, field);
      limits = present.map((value) => [value, share]);
    } else {
      const presentSet = new Set(present);
      limits = [];
      for (const [value, share] of Object.entries(cap)) {
        checkShare(share, `${field}.${value}`);
        const known = key === "place" && knownPlaces?.has(value) === true;
        if (!presentSet.has(value) && !known) {
          throw new InputError(`no project is in the ${key} "${value}"`, {
            field: `${field}.${value}`,
          });
        }
        // A cap on a known place with no project in the pipeline constrains nothing.
        if (presentSet.has(value)) limits.push([value, share]);
      }
    }
    for (const [value, share] of limits) {
      const name = `max-share-${key}:${value}`;
      families.push({
        name,
        label: `${name} ${share}`,
        field,
        fairness: false,
        spec:
          key === "place"
            ? { kind: "maxSharePlace", place: value, share }
            : { kind: "maxShareSector", sector: value, share },
      });
    }
  };
  caps(constraints.maxSharePlace, "maxSharePlace");
  caps(constraints.maxShareSector, "maxShareSector");
  if (constraints.maxMeanRisk !== undefined) {
    const risk = constraints.maxMeanRisk;
    if (!(Number.isFinite(risk) && risk >= 0)) {
      throw new InputError("expected a mean-risk limit of 0 or more", {
        field: "maxMeanRisk",
        value: String(risk),
      });
    }
    families.push({
      name: "max-mean-risk",
      label: `max-mean-risk ${risk}`,
      field: "maxMeanRisk",
      fairness: false,
      spec: { kind: "maxMeanRisk", risk },
    });
  }
  const pairs = (field: "excludes" | "requires") => {
    const list = constraints[field] ?? [];
    if (!Array.isArray(list)) {
      throw new InputError("expected a list of pairs of project ids", { field });
    }
    const seen = new Set<string>();
    list.forEach((pair: readonly [string, string], position) => {
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw new InputError("expected a pair of project ids", {
          field: `${field}[${position}]`,
          value: JSON.stringify(pair),
        });
      }
      const [first, second] = pair.map((id, side) => {
        const index = indexById.get(id);
        if (index === undefined) {
          throw new InputError(`no project has the id "${id}"`, {
            field: `${field}[${position}][${side}]`,
            value: String(id),
          });
        }
        return index;
      }) as [number, number];
      if (first === second) {
        throw new InputError(`project "${pair[0]}" is paired with itself`, {
          field: `${field}[${position}]`,
        });
      }
      // "Not both" is symmetric, so an exclusion is named with its ids in pipeline order.
      const [a, b] = field === "excludes" && second < first ? [second, first] : [first, second];
      const name = `${field}:${projects[a]!.id},${projects[b]!.id}`;
      if (seen.has(name)) return;
      seen.add(name);
      families.push({
        name,
        label: name,
        field,
        fairness: false,
        spec:
          field === "excludes"
            ? { kind: "excludes", first: a, second: b }
            : { kind: "requires", project: a, required: b },
      });
    });
  };
  pairs("excludes");
  pairs("requires");
  return families;
}

/**
 * The per-fund floors, in the budget's order of funds. No fund needs a left-behind project: a
 * fund that spends nothing meets its floor, so a floor there only keeps the fund from spending,
 * and the solver finds any conflict that causes.
 */
function checkFundFloors(floors: unknown, funds: Problem["funds"]): Family[] {
  const field = "minShareLeftBehindByFund";
  if (floors === null || typeof floors !== "object" || Array.isArray(floors)) {
    throw new InputError("expected a share for each named fund", { field, value: String(floors) });
  }
  if (funds[0]!.name === undefined) {
    throw new InputError("expected the budget given per fund, as these floors are per fund", {
      field,
    });
  }
  const shares = new Map<string, number>();
  for (const [name, value] of Object.entries(floors)) {
    if (!funds.some((fund) => fund.name === name)) {
      const names = funds.map((fund) => fund.name).join(", ");
      throw new InputError(`expected one of the funds with a budget (${names})`, {
        field: `${field}.${name}`,
        value: name,
      });
    }
    shares.set(name, checkShare(value, `${field}.${name}`));
  }
  return funds.flatMap((fund, index): Family[] => {
    const share = shares.get(fund.name!);
    if (share === undefined) return [];
    const name = `min-share-left-behind:${fund.name}`;
    return [
      {
        name,
        label: `${name} ${share}`,
        field,
        fairness: true,
        spec: { kind: "minShareLeftBehindByFund", fund: index, share },
      },
    ];
  });
}

// ---------------------------------------------------------------------------------------------
// The model.

interface BuiltModel {
  data: ModelData & { rowLower: Float64Array; rowUpper: Float64Array; colCost: Float64Array };
  /** The row of each family, in `Problem.families` order. */
  familyRows: number[];
  /** The column of the money spent, T. */
  spendColumn: number;
  /** Whether any column is integer. */
  integer: boolean;
}

/**
 * The mixed-integer programme as HiGHS's sparse row-wise model. Columns: x_i for each project
 * (binary, or continuous in [0, 1] when divisible), an indicator y_i for each divisible project
 * that needs one (a minimum fraction, an exclusion, or requiring another), the money spent T and,
 * with a jobs floor, the jobs created J. Money is divided by the largest amount, jobs by the
 * largest number of jobs, and scores by the largest score, so that coefficients are at most 1.
 */
function buildModel(problem: Problem, highs: Highs): BuiltModel {
  const { projects, families } = problem;
  const count = projects.length;
  const moneyScale = largest(projects.map((project) => project.amount));
  const money = projects.map((project) => project.amount / moneyScale);
  const hasJobsFloor = families.some((family) => family.spec.kind === "minJobShareLeftBehind");
  const jobsScale = Math.max(1, largest(projects.map((project) => project.jobs ?? 0)));

  // Which projects need a separate "funded at all" indicator.
  const needsIndicator = new Array<boolean>(count).fill(false);
  for (const family of families) {
    if (family.spec.kind === "excludes") {
      needsIndicator[family.spec.first] = true;
      needsIndicator[family.spec.second] = true;
    } else if (family.spec.kind === "requires") {
      needsIndicator[family.spec.project] = true;
    }
  }
  const indicator = new Int32Array(count);
  let columns = count;
  projects.forEach((project, index) => {
    indicator[index] =
      project.divisible && (needsIndicator[index] || project.minFraction > 0) ? columns++ : index;
  });
  const spendColumn = columns++;
  const jobsColumn = hasJobsFloor ? columns++ : -1;

  const colCost = new Float64Array(columns);
  const colLower = new Float64Array(columns);
  const colUpper = new Float64Array(columns).fill(1);
  const integrality = new Int32Array(columns);
  projects.forEach((project, index) => {
    colCost[index] = project.score / problem.scoreScale;
    if (!project.divisible) integrality[index] = 1;
    if (indicator[index] !== index) integrality[indicator[index]!] = 1;
  });
  colUpper[spendColumn] = highs.infinity;
  if (jobsColumn >= 0) colUpper[jobsColumn] = highs.infinity;

  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const addRow = (entries: [number, number][], lower: number, upper: number): number => {
    entries.sort((a, b) => a[0] - b[0]);
    for (const [column, value] of entries) {
      if (value === 0) continue;
      indices.push(column);
      values.push(value);
    }
    starts.push(indices.length);
    rowLower.push(Number.isFinite(lower) ? lower : -highs.infinity);
    rowUpper.push(Number.isFinite(upper) ? upper : highs.infinity);
    return rowLower.length - 1;
  };
  const sumOver = (
    include: (project: Project) => boolean,
    weight: (index: number) => number,
  ): [number, number][] =>
    projects.flatMap((project, index) => (include(project) ? [[index, weight(index)]] : []));

  // T = sum_i a_i x_i, and J = sum_i j_i x_i with a jobs floor.
  addRow(
    [
      ...sumOver(
        () => true,
        (index) => money[index]!,
      ),
      [spendColumn, -1],
    ],
    0,
    0,
  );
  if (jobsColumn >= 0) {
    const jobs = (index: number) => projects[index]!.jobs! / jobsScale;
    addRow([...sumOver(() => true, jobs), [jobsColumn, -1]], 0, 0);
  }
  // x_i <= y_i, and x_i >= m_i y_i for a minimum fraction.
  projects.forEach((project, index) => {
    const y = indicator[index]!;
    if (y === index) return;
    addRow(
      [
        [index, 1],
        [y, -1],
      ],
      -inf,
      0,
    );
    if (project.minFraction > 0)
      addRow(
        [
          [index, 1],
          [y, -project.minFraction],
        ],
        0,
        inf,
      );
  });

  const familyRows = families.map((family) => {
    const spec = family.spec;
    switch (spec.kind) {
      case "budget": {
        const budget = problem.funds[spec.fund]!.budget / moneyScale;
        if (problem.funds.length === 1) return addRow([[spendColumn, 1]], -inf, budget);
        return addRow(
          sumOver(
            (project) => project.fund === spec.fund,
            (index) => money[index]!,
          ),
          -inf,
          budget,
        );
      }
      case "minShareLeftBehind":
        return addRow(
          [
            ...sumOver(
              (project) => project.leftBehind,
              (index) => money[index]!,
            ),
            [spendColumn, -spec.share],
          ],
          0,
          inf,
        );
      case "minShareLeftBehindByFund":
        // sum_{i in f} (1[i left behind] - sigma_f) a_i x_i >= 0, the fund's share multiplied
        // out by the fund's (non-negative) money spent, as for the global floor.
        return addRow(
          sumOver(
            (project) => project.fund === spec.fund,
            (index) => ((projects[index]!.leftBehind ? 1 : 0) - spec.share) * money[index]!,
          ),
          0,
          inf,
        );
      case "minJobShareLeftBehind":
        return addRow(
          [
            ...sumOver(
              (project) => project.leftBehind,
              (index) => projects[index]!.jobs! / jobsScale,
            ),
            [jobsColumn, -spec.share],
          ],
          0,
          inf,
        );
      case "maxSharePlace":
      case "maxShareSector": {
        const inGroup =
          spec.kind === "maxSharePlace"
            ? (project: Project) => project.place === spec.place
            : (project: Project) => project.sector === spec.sector;
        return addRow(
          [...sumOver(inGroup, (index) => money[index]!), [spendColumn, -spec.share]],
          -inf,
          0,
        );
      }
      case "maxMeanRisk":
        return addRow(
          [
            ...sumOver(
              () => true,
              (index) => projects[index]!.risk! * money[index]!,
            ),
            [spendColumn, -spec.risk],
          ],
          -inf,
          0,
        );
      case "excludes":
        return addRow(
          [
            [indicator[spec.first]!, 1],
            [indicator[spec.second]!, 1],
          ],
          -inf,
          1,
        );
      case "requires":
        return addRow(
          [
            [indicator[spec.project]!, 1],
            [spec.required, -1],
          ],
          -inf,
          0,
        );
    }
  });

  const rows = rowLower.length;
  return {
    data: {
      numCols: columns,
      numRows: rows,
      sense: highs.constants.objectiveSense.maximize,
      colCost,
      colLower,
      colUpper,
      rowLower: Float64Array.from(rowLower),
      rowUpper: Float64Array.from(rowUpper),
      matrix: {
        format: "csr",
        numRows: rows,
        numCols: columns,
        starts: Int32Array.from(starts),
        indices: Int32Array.from(indices),
        values: Float64Array.from(values),
      },
      integrality,
    },
    familyRows,
    spendColumn,
    integer: integrality.some((type) => type === 1),
  };
}

interface Solved {
  /** The fraction of each project funded, cleaned of solver noise. */
  fractions: Float64Array;
  /** The solver's column values, to start re-solves from. */
  columns: Float64Array;
  /** The sum of the funded projects' scores, in the scores' own unit. */
  objective: number;
  /** The proven relative gap. */
  gap: number;
  /** Whether the solver finished (within the gap tolerance) rather than hit a limit. */
  proven: boolean;
}

/** Runs the model (from a known feasible solution, if given) and reads the portfolio. */
function solve(
  highs: Highs,
  model: Model,
  built: BuiltModel,
  problem: Problem,
  start: Float64Array | undefined,
): Solved | "infeasible" {
  // HiGHS counts its time limit over every run of a model unless the clocks are reset.
  model.zeroAllClocks();
  if (start !== undefined) model.setSolution({ colValue: start });
  const { modelStatus } = model.run();
  const status = (name: keyof Highs["constants"]["modelStatus"]) =>
    modelStatus === highs.constants.modelStatus[name];
  if (status("infeasible")) return "infeasible";
  const hasSolution =
    status("optimal") ||
    ((status("timeLimit") || status("iterationLimit") || status("interrupted")) &&
      Number(model.info.get("primal_solution_status")) === 2);
  if (!hasSolution) {
    throw new PlacefirstError(
      `portfolio: the solver stopped without a portfolio (HiGHS model status ${modelStatus})`,
    );
  }
  const columns = model.getSolution().colValue;
  const fractions = new Float64Array(problem.projects.length);
  problem.projects.forEach((project, index) => {
    fractions[index] = cleanFraction(columns[index]!, project.divisible);
  });
  // HiGHS reports an infinite MIP gap for a programme with no integer column (an LP).
  let gap = 0;
  if (built.integer) {
    const reported = Number(model.info.get("mip_gap"));
    gap = status("optimal") && !(Number.isFinite(reported) && reported > 0) ? 0 : reported;
  }
  return {
    fractions,
    columns,
    objective: compensatedSum(
      problem.projects.map((project, index) => project.score * fractions[index]!),
    ),
    gap,
    proven: status("optimal"),
  };
}

/**
 * A solver value as a fraction funded. Integer columns come back within HiGHS's integrality
 * tolerance of 0 or 1 and are rounded; continuous ones within its feasibility tolerance of their
 * bounds, and are snapped to 0 or 1 within 10⁻⁹.
 */
function cleanFraction(value: number, divisible: boolean): number {
  if (!divisible) return value >= 0.5 ? 1 : 0;
  if (value < 1e-9) return 0;
  return value > 1 - 1e-9 ? 1 : value;
}

// ---------------------------------------------------------------------------------------------
// Infeasibility: is there a non-empty portfolio, and which families conflict if not.

/**
 * Whether some non-empty portfolio meets every family not in `dropped`: the programme is
 * re-solved maximising the money spent, which is positive exactly when one exists.
 */
function nonEmptyFeasible(
  highs: Highs,
  built: BuiltModel,
  problem: Problem,
  timeLimit: number,
  dropped: ReadonlySet<number>,
): boolean {
  const colCost = new Float64Array(built.data.numCols);
  colCost[built.spendColumn] = 1;
  const rowLower = Float64Array.from(built.data.rowLower);
  const rowUpper = Float64Array.from(built.data.rowUpper);
  for (const family of dropped) {
    rowLower[built.familyRows[family]!] = -highs.infinity;
    rowUpper[built.familyRows[family]!] = highs.infinity;
  }
  const model = highs.createModel({ ...built.data, colCost, rowLower, rowUpper });
  try {
    model.options.set({ ...solverOptions, time_limit: timeLimit, mip_rel_gap: 0.5 });
    const solved = solve(highs, model, built, problem, undefined);
    // Spending is homogeneous in the shares, so when any non-empty portfolio is feasible the
    // most that can be spent is a sizeable fraction of a project or a budget, far above noise.
    // A solve stopped by the time limit with nothing spent yet proves nothing, and is taken as
    // feasible so that the family is kept in the conflict rather than wrongly cleared.
    if (solved === "infeasible") return false;
    return !solved.proven || solved.fractions.some((fraction) => fraction > 1e-6);
  } catch (error) {
    // Likewise a solve that stops without any answer.
    if (error instanceof PlacefirstError) return true;
    throw error;
  } finally {
    model.dispose();
  }
}

/**
 * An irreducible set of conflicting families by the deletion filter: drop each family in turn;
 * if the rest still admit no portfolio, leave it dropped, otherwise put it back. The families
 * left conflict, and dropping any one of them resolves the conflict. The budgets come first, so
 * the filter prefers to name the policy constraints that can be relaxed.
 */
function findConflict(highs: Highs, built: BuiltModel, problem: Problem, timeLimit: number) {
  const dropped = new Set<number>();
  problem.families.forEach((_, index) => {
    dropped.add(index);
    if (nonEmptyFeasible(highs, built, problem, timeLimit, dropped)) dropped.delete(index);
  });
  return problem.families.filter((_, index) => !dropped.has(index));
}

function conflictError(conflict: readonly Family[]): InputError {
  const labels = conflict.map((family) => family.label);
  const field = [...new Set(conflict.map((family) => family.field))].join(", ");
  if (labels.length === 1) {
    return new InputError(`no portfolio meets ${labels[0]} on its own (relax it)`, { field });
  }
  const listed = `${labels.slice(0, -1).join(", ")} and ${labels[labels.length - 1]}`;
  return new InputError(
    `no portfolio meets these constraints together: ${listed} (drop or relax one)`,
    { field },
  );
}

// ---------------------------------------------------------------------------------------------
// Describing a portfolio, checking it, and the greedy ranking.

function describe(problem: Problem, fractions: Float64Array) {
  const { projects, funds } = problem;
  const selected: PortfolioSelection[] = [];
  projects.forEach((project, index) => {
    const fraction = fractions[index]!;
    if (fraction > 0) {
      selected.push({
        id: project.id,
        fraction,
        amount: fraction * project.amount,
        score: fraction * project.score,
      });
    }
  });
  const money = projects.map((project, index) => project.amount * fractions[index]!);
  const total = (include: (project: Project) => boolean, values: readonly number[]) =>
    compensatedSum(values.map((value, index) => (include(projects[index]!) ? value : 0)));
  const spent = total(() => true, money);
  const jobs = projects.map((project, index) => (project.jobs ?? Number.NaN) * fractions[index]!);
  const jobsTotal = total((project) => project.jobs !== undefined, jobs);
  const riskMoney = total((project) => project.risk !== undefined, money);
  const riskWeighted = total(
    (project) => project.risk !== undefined,
    money.map((value, index) => value * (projects[index]!.risk ?? 0)),
  );
  const spending = (key: "place" | "sector"): PortfolioSpending[] => {
    const sums = new Map<string, number[]>();
    projects.forEach((project, index) => {
      if (money[index]! > 0) {
        const list = sums.get(project[key]) ?? [];
        list.push(money[index]!);
        sums.set(project[key], list);
      }
    });
    return [...sums]
      .map(([name, list]) => {
        const amount = compensatedSum(list);
        return { key: name, spent: amount, share: amount / spent };
      })
      .sort((a, b) => b.spent - a.spent || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  };
  return {
    selected,
    objective: compensatedSum(projects.map((project, index) => project.score * fractions[index]!)),
    spent,
    ...(funds[0]!.name === undefined
      ? {}
      : {
          byFund: funds.map((fund, fundIndex): PortfolioFundSpending => {
            const fundSpent = total((project) => project.fund === fundIndex, money);
            const leftBehind = total(
              (project) => project.fund === fundIndex && project.leftBehind,
              money,
            );
            return {
              fund: fund.name!,
              budget: fund.budget,
              spent: fundSpent,
              shareLeftBehind: fundSpent > 0 ? leftBehind / fundSpent : undefined,
            };
          }),
        }),
    shareLeftBehind: spent > 0 ? total((project) => project.leftBehind, money) / spent : undefined,
    jobShareLeftBehind:
      jobsTotal > 0
        ? total((project) => project.leftBehind && project.jobs !== undefined, jobs) / jobsTotal
        : undefined,
    meanRisk: riskMoney > 0 ? riskWeighted / riskMoney : undefined,
    bySpending: { places: spending("place"), sectors: spending("sector") },
  };
}

/** The families a portfolio breaks, with a tolerance of 10⁻⁹ of the money spent (or jobs). */
function violations(problem: Problem, fractions: Float64Array): string[] {
  const { projects } = problem;
  const money = projects.map((project, index) => project.amount * fractions[index]!);
  const sum = (include: (project: Project, index: number) => boolean, values: readonly number[]) =>
    compensatedSum(values.map((value, index) => (include(projects[index]!, index) ? value : 0)));
  const spent = sum(() => true, money);
  const jobs = projects.map((project, index) => (project.jobs ?? 0) * fractions[index]!);
  const jobsTotal = sum(() => true, jobs);
  const slack = 1e-9 * spent;
  const broken = (family: Family): boolean => {
    const spec = family.spec;
    switch (spec.kind) {
      case "budget": {
        const budget = problem.funds[spec.fund]!.budget;
        return sum((project) => project.fund === spec.fund, money) > budget * (1 + 1e-9);
      }
      case "minShareLeftBehind":
        return sum((project) => project.leftBehind, money) < spec.share * spent - slack;
      case "minShareLeftBehindByFund": {
        const inFund = (project: Project) => project.fund === spec.fund;
        const leftBehind = sum((project) => inFund(project) && project.leftBehind, money);
        return leftBehind < spec.share * sum(inFund, money) - slack;
      }
      case "minJobShareLeftBehind":
        return (
          sum((project) => project.leftBehind, jobs) < spec.share * jobsTotal - 1e-9 * jobsTotal
        );
      case "maxSharePlace":
        return sum((project) => project.place === spec.place, money) > spec.share * spent + slack;
      case "maxShareSector":
        return sum((project) => project.sector === spec.sector, money) > spec.share * spent + slack;
      case "maxMeanRisk": {
        const weighted = sum(
          () => true,
          money.map((value, index) => value * (projects[index]!.risk ?? 0)),
        );
        return weighted > spec.risk * spent + slack * Math.max(1, spec.risk);
      }
      case "excludes":
        return fractions[spec.first]! > 0 && fractions[spec.second]! > 0;
      case "requires":
        return fractions[spec.project]! > 0 && fractions[spec.required]! < 1 - 1e-9;
    }
  };
  return problem.families.filter(broken).map((family) => family.name);
}

function greedyFor(problem: Problem): GreedyPortfolio {
  const { projects, families } = problem;
  const excluded = new Map<number, number[]>();
  const required = new Map<number, number[]>();
  const link = (map: Map<number, number[]>, from: number, to: number) =>
    map.set(from, [...(map.get(from) ?? []), to]);
  for (const family of families) {
    if (family.spec.kind === "excludes") {
      link(excluded, family.spec.first, family.spec.second);
      link(excluded, family.spec.second, family.spec.first);
    } else if (family.spec.kind === "requires") {
      link(required, family.spec.project, family.spec.required);
    }
  }
  const order = projects
    .map((project, index) => ({ project, index }))
    .filter(({ project }) => project.score > 0)
    .sort(
      (a, b) =>
        b.project.score / b.project.amount - a.project.score / a.project.amount ||
        b.project.score - a.project.score ||
        a.index - b.index,
    );
  const remaining = problem.funds.map((fund) => fund.budget);
  const fractions = new Float64Array(projects.length);
  for (const { project, index } of order) {
    if ((excluded.get(index) ?? []).some((other) => fractions[other]! > 0)) continue;
    if ((required.get(index) ?? []).some((other) => fractions[other]! < 1)) continue;
    const left = remaining[project.fund]!;
    let fraction = 0;
    // A relative tolerance keeps a project that exactly exhausts the budget in.
    if (project.amount <= left * (1 + 1e-12)) fraction = 1;
    else if (project.divisible) {
      const part = left / project.amount;
      if (part > 0 && part >= project.minFraction) fraction = part;
    }
    if (fraction === 0) continue;
    fractions[index] = fraction;
    remaining[project.fund] = Math.max(0, left - fraction * project.amount);
  }
  const summary = describe(problem, fractions);
  const violated = violations(problem, fractions);
  return {
    rule: "score-per-pound",
    selected: summary.selected,
    objective: summary.objective,
    spent: summary.spent,
    feasible: violated.length === 0,
    violated,
  };
}
