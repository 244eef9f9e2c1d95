import { InputError } from "../../core/errors.js";
import { approvalTotals } from "./approval.js";
import type { ApprovalBallot, TallyResult, TieBreakOrder } from "./ballots.js";
import { rankByScore, tieBreakPlaces } from "./tieBreak.js";

/** How a voter values an approved project under the Method of Equal Shares. */
export type EqualSharesUtilities = "cost" | "approval";

/** How the Method of Equal Shares uses the money its first run leaves unspent. */
export type EqualSharesCompletion = "add1-greedy" | "add1" | "none";

/** Options of {@link equalShares}. */
export interface EqualSharesOptions {
  /**
   * `"cost"`: a voter's utility for an approved project is its cost, so each step funds the
   * project with the most effective votes, as equalshares.net and pabutools (`Cost_Sat`) do for
   * approval ballots. `"approval"`: every approved project is worth 1, so each step funds the
   * project with the smallest payment per supporter, which favours cheap projects. Default
   * `"cost"`.
   */
  utilities?: EqualSharesUtilities;
  /**
   * `"add1-greedy"`: raise the voters' virtual budget step by step while the outcome stays
   * within the real budget (add1), then fund the most-approved projects that still fit.
   * `"add1"`: the first part only. `"none"`: one run at the real budget. Default `"add1-greedy"`,
   * equalshares.net's recommendation.
   */
  completion?: EqualSharesCompletion;
  /**
   * How much each round of the add1 completion raises the total virtual budget, in the budget's
   * units; positive and finite. Default budget / 100, so each voter's share grows by 1% of its
   * starting value a round, which does not depend on how the counts are scaled. Pass the number
   * of voters for equalshares.net's one unit of money per voter.
   */
  completionStep?: number;
  /** The most rounds of the add1 completion; a whole number, 0 or more. Default 300. */
  maxCompletionRounds?: number;
  /** The tie-break order of the projects; default the projects in alphabetical order. */
  tieBreak?: TieBreakOrder;
}

/** One project funded by a run of the Method of Equal Shares. */
export interface EqualSharesStep {
  /** The project's id. */
  project: string;
  /** Its cost. */
  cost: number;
  /**
   * The most any supporter paid: each supporter paid the smaller of this and all the money they
   * had left. With cost utilities, cost / rho is the project's effective vote count.
   */
  rho: number;
  /** The total count of the ballots approving the project. */
  supporters: number;
}

/** The working of an equal-shares tally. */
export interface EqualSharesDetails {
  /** The funded projects in the order chosen: the kept run's, then the greedy fill's. */
  selected: string[];
  /** The total cost of the funded projects, summed in that order. */
  spent: number;
  /** The budget, as given. */
  budget: number;
  /** The steps of the run of the Method of Equal Shares whose outcome was kept. */
  steps: EqualSharesStep[];
  /**
   * Each voter's starting share in the run that was kept: the virtual budget over the total
   * count; null when there are no ballots.
   */
  perVoterBudget: number | null;
  /** The projects funded by the greedy fill after add1, in order; a tail of `selected`. */
  filled: string[];
  /** The utilities used. */
  utilities: EqualSharesUtilities;
  /** The outcome of {@link greedyBudget} on the same ballots, for comparison. */
  greedy: GreedyBudget;
}

/** The outcome of {@link greedyBudget}. */
export interface GreedyBudget {
  /** The funded projects, in order of approval. */
  selected: string[];
  /** Their total cost, summed in that order. */
  spent: number;
}

// Keys (payments) this close, relative to their size, are treated as equal, so that rounding
// in the running balances does not decide between projects the arithmetic says are tied; the
// same margin lets supporters whose money adds up to a project's cost, up to rounding, afford it.
const tolerance = 1e-10;

/**
 * Chooses projects to fund within a budget from approval ballots by the Method of Equal Shares
 * (Peters and Skowron 2020, "Proportionality and the limits of welfarism", EC '20; Peters,
 * Pierczyński and Skowron 2021, "Proportional participatory budgeting with additive utilities",
 * NeurIPS; https://equalshares.net).
 *
 * The budget is split equally among the voters: with N the total count, each voter starts with
 * B / N (a ballot with count w stands for w voters with identical money, so ballots are never
 * expanded). A project is affordable when its supporters' money adds up to its cost. Its cost
 * is split among its supporters as equally as possible: each pays min(money left, ρ), with ρ the
 * smallest amount for which the payments cover the cost. Each step funds the affordable project
 * with the smallest ρ / cost (cost utilities: the most effective votes, cost / ρ) or the
 * smallest ρ (approval utilities), charges its supporters, and repeats until no project is
 * affordable. Ties, to a relative margin of 10^-10, go to the cheaper project, then the one with
 * more approval, then the one earlier in the tie-break order, as equalshares.net recommends; ties
 * the tie-break order settled are reported in `ties`.
 *
 * One run typically leaves money unspent, so by default the outcome is completed by add1
 * (equalshares.net): the total virtual budget is raised to B + k × step for k = 1, 2, ... and the
 * method rerun, keeping each outcome that costs at most B, and stopping when the kept outcome
 * is exhaustive (no approved project left out fits in what remains of B), when the next outcome
 * would cost more than B, or after `maxCompletionRounds` rounds. Then any money left is filled
 * greedily: the projects left out, most-approved first (ties by the tie-break order), are funded
 * while they fit. A project nobody approves is never funded. The outcome never costs more than B.
 * See docs/methods/approval-and-budgeting.md.
 *
 * The winner is the first project funded (null when none is); the ranking lists the funded
 * projects in order, then the others by approval, highest first, ties by the tie-break order.
 *
 * @param ballots the approval ballots, aggregated with counts.
 * @param costs each project's cost, positive and finite, by project id; the projects are its keys.
 * @param budget the budget, positive and finite, in the costs' units.
 * @param options the utilities, the completion and the tie-break order.
 * @throws InputError when a cost, the budget, the utilities, the completion, its step or its
 *   number of rounds is invalid, a count is not positive and finite, a ballot approves an
 *   unknown project or approves a project twice, or the tie-break order is not a permutation of
 *   the projects.
 */
export function equalShares(
  ballots: readonly ApprovalBallot[],
  costs: Readonly<Record<string, number>>,
  budget: number,
  options: EqualSharesOptions = {},
): TallyResult<EqualSharesDetails> {
  const {
    utilities = "cost",
    completion = "add1-greedy",
    completionStep = budget / 100,
    maxCompletionRounds = 300,
    tieBreak,
  } = options;
  const election = readElection(ballots, costs, budget, tieBreak);
  if (utilities !== "cost" && utilities !== "approval") {
    throw new InputError(`unknown utilities "${String(utilities)}"; expected cost or approval`, {
      field: "utilities",
      value: String(utilities),
    });
  }
  if (completion !== "add1-greedy" && completion !== "add1" && completion !== "none") {
    throw new InputError(
      `unknown completion "${String(completion)}"; expected add1-greedy, add1 or none`,
      { field: "completion", value: String(completion) },
    );
  }
  if (!(completionStep > 0 && completionStep < Infinity)) {
    throw new InputError(
      `the completion step is ${String(completionStep)}; it must be positive and finite`,
      { field: "completionStep", value: String(completionStep) },
    );
  }
  if (!(Number.isInteger(maxCompletionRounds) && maxCompletionRounds >= 0)) {
    throw new InputError(
      `the most completion rounds is ${String(maxCompletionRounds)}; it must be a whole number, 0 or more`,
      { field: "maxCompletionRounds", value: String(maxCompletionRounds) },
    );
  }
  const { projects, projectCosts, totals, weight, places } = election;
  let kept = runEqualShares(election, budget, utilities);
  let keptBudget = budget;
  if (completion !== "none") {
    for (let round = 1; round <= maxCompletionRounds; round += 1) {
      if (isExhaustive(election, kept.selected, kept.spent, budget)) break;
      // Each round's budget is computed afresh from the round number, so no error accumulates.
      const virtualBudget = budget + round * completionStep;
      const next = runEqualShares(election, virtualBudget, utilities);
      if (next.spent > budget) break;
      kept = next;
      keptBudget = virtualBudget;
    }
  }
  const selected = [...kept.selected];
  const ties = [...kept.ties];
  let spent = kept.spent;
  const filled: number[] = [];
  if (completion === "add1-greedy") {
    const fill = fillGreedily(election, selected, spent, budget);
    selected.push(...fill.selected);
    filled.push(...fill.selected);
    spent = fill.spent;
    ties.push(...fill.ties);
  }
  const greedy = fillGreedily(election, [], 0, budget);
  const chosen = new Set(selected);
  const left = projects.map((_, index) => index).filter((index) => !chosen.has(index));
  const rest = rankByScore(
    left.map((index) => projects[index]!),
    left.map((index) => totals[index]!),
    Int32Array.from(left, (index) => places[index]!),
  );
  const ranking = [...selected.map((index) => projects[index]!), ...rest.ranking];
  return {
    method: "equal-shares",
    winner: selected.length === 0 ? null : projects[selected[0]!]!,
    ranking,
    ties: [...ties.map((group) => group.map((index) => projects[index]!)), ...rest.ties],
    details: {
      selected: selected.map((index) => projects[index]!),
      spent,
      budget,
      steps: kept.steps.map((step) => ({
        project: projects[step.project]!,
        cost: projectCosts[step.project]!,
        rho: step.rho,
        supporters: totals[step.project]!,
      })),
      perVoterBudget: weight > 0 ? keptBudget / weight : null,
      filled: filled.map((index) => projects[index]!),
      utilities,
      greedy: {
        selected: greedy.selected.map((index) => projects[index]!),
        spent: greedy.spent,
      },
    },
  };
}

/**
 * Chooses projects to fund within a budget greedily by approval, the usual rule of
 * participatory budgeting and Pabulib's "greedy" for approval ballots: projects in order of
 * total approval, highest first (ties by the tie-break order), each funded when its cost fits in
 * what is left of the budget and skipped otherwise, later cheaper projects still being
 * considered. A project nobody approves is never funded. The outcome never costs more than the
 * budget.
 *
 * @param ballots the approval ballots, aggregated with counts.
 * @param costs each project's cost, positive and finite, by project id.
 * @param budget the budget, positive and finite, in the costs' units.
 * @param tieBreak the tie-break order of the projects; default alphabetical.
 * @throws InputError as {@link equalShares} does.
 */
export function greedyBudget(
  ballots: readonly ApprovalBallot[],
  costs: Readonly<Record<string, number>>,
  budget: number,
  tieBreak?: TieBreakOrder,
): GreedyBudget {
  const election = readElection(ballots, costs, budget, tieBreak);
  const { selected, spent } = fillGreedily(election, [], 0, budget);
  return { selected: selected.map((index) => election.projects[index]!), spent };
}

/** The ballots and projects, checked and indexed. */
interface Election {
  projects: string[];
  projectCosts: Float64Array;
  /** Each project's total approval. */
  totals: Float64Array;
  /** The total count of the ballots. */
  weight: number;
  /** Each ballot's count. */
  counts: Float64Array;
  /** For each project, the indexes of the ballots approving it. */
  supporters: Int32Array[];
  /** Each project's place in the tie-break order. */
  places: Int32Array;
}

function readElection(
  ballots: readonly ApprovalBallot[],
  costs: Readonly<Record<string, number>>,
  budget: number,
  tieBreak: TieBreakOrder | undefined,
): Election {
  const projects = Object.keys(costs);
  const places = tieBreakPlaces(projects, tieBreak);
  if (!(typeof budget === "number" && budget > 0 && budget < Infinity)) {
    throw new InputError(`the budget is ${String(budget)}; it must be positive and finite`, {
      field: "budget",
      value: String(budget),
    });
  }
  const projectCosts = new Float64Array(projects.length);
  for (const [index, project] of projects.entries()) {
    const cost = costs[project];
    if (!(typeof cost === "number" && cost > 0 && cost < Infinity)) {
      throw new InputError(
        `project "${project}" costs ${String(cost)}; a cost must be positive and finite`,
        { field: `costs.${project}`, value: String(cost) },
      );
    }
    projectCosts[index] = cost;
  }
  const { approved, totals, weight } = approvalTotals(ballots, projects);
  const supportCounts = new Int32Array(projects.length);
  for (const indexes of approved) for (const project of indexes) supportCounts[project]! += 1;
  const supporters = Array.from(supportCounts, (size) => new Int32Array(size));
  const filledTo = new Int32Array(projects.length);
  for (const [ballot, indexes] of approved.entries()) {
    for (const project of indexes) {
      supporters[project]![filledTo[project]!] = ballot;
      filledTo[project]! += 1;
    }
  }
  const counts = Float64Array.from(ballots, (ballot) => ballot.count);
  return { projects, projectCosts, totals, weight, counts, supporters, places };
}

interface Run {
  /** Project indexes, in order of funding. */
  selected: number[];
  /** Their total cost, summed in that order. */
  spent: number;
  steps: { project: number; rho: number }[];
  /** The groups of tied projects the tie-break order separated, as project indexes. */
  ties: number[][];
}

/**
 * One run of the Method of Equal Shares with a given total virtual budget. Money is kept per
 * ballot: all the voters of a ballot have the same money throughout, so a ballot with count w and
 * money m each holds w·m.
 *
 * A project's price can only rise as voters spend (Peters, Pierczyński and Skowron 2021; the
 * speed-up equalshares.net describes), so each step looks at projects in order of their last
 * price and stops once the last price of the next exceeds the best price found.
 */
function runEqualShares(
  election: Election,
  virtualBudget: number,
  utilities: EqualSharesUtilities,
): Run {
  const { projectCosts, totals, weight, counts, supporters, places } = election;
  const run: Run = { selected: [], spent: 0, steps: [], ties: [] };
  if (weight <= 0) return run;
  const money = new Float64Array(counts.length).fill(virtualBudget / weight);
  // The key a step minimises: ρ / cost with cost utilities, ρ with approval utilities.
  const keyOf = (project: number, rho: number): number =>
    utilities === "cost" ? rho / projectCosts[project]! : rho;
  // A lower bound on each remaining project's key: its key when every supporter pays equally.
  const lastKeys = new Map<number, number>();
  for (let project = 0; project < projectCosts.length; project += 1) {
    if (totals[project]! > 0) {
      lastKeys.set(project, keyOf(project, projectCosts[project]! / totals[project]!));
    }
  }
  const scratch = new Int32Array(counts.length);
  for (;;) {
    const order = [...lastKeys.keys()].sort((a, b) => lastKeys.get(a)! - lastKeys.get(b)!);
    let bestKey = Infinity;
    const priced: { project: number; key: number; rho: number }[] = [];
    for (const project of order) {
      if (lastKeys.get(project)! > bestKey * (1 + tolerance)) break;
      const cost = projectCosts[project]!;
      // Money only goes down within a run, so a project once unaffordable stays so; and a
      // project that no longer fits in the virtual budget cannot be paid for either (this
      // only removes projects that rounding would otherwise let through).
      const rho = price(cost, supporters[project]!, counts, money, totals[project]!, scratch);
      if (rho === undefined || run.spent + cost > virtualBudget) {
        lastKeys.delete(project);
        continue;
      }
      const key = keyOf(project, rho);
      lastKeys.set(project, key);
      priced.push({ project, key, rho });
      if (key < bestKey) bestKey = key;
    }
    if (priced.length === 0) return run;
    const tied = priced.filter((entry) => entry.key <= bestKey * (1 + tolerance));
    const chosen = breakTie(tied);
    run.selected.push(chosen.project);
    run.spent += projectCosts[chosen.project]!;
    run.steps.push({ project: chosen.project, rho: chosen.rho });
    lastKeys.delete(chosen.project);
    for (const ballot of supporters[chosen.project]!) {
      const left = money[ballot]!;
      money[ballot] = left > chosen.rho ? left - chosen.rho : 0;
    }
  }

  // Of projects with equal keys: the cheapest, then the most approved, then the tie-break order.
  function breakTie<Entry extends { project: number }>(tied: Entry[]): Entry {
    const cheapest = Math.min(...tied.map((entry) => projectCosts[entry.project]!));
    const cheap = tied.filter((entry) => projectCosts[entry.project] === cheapest);
    const most = Math.max(...cheap.map((entry) => totals[entry.project]!));
    const popular = cheap.filter((entry) => totals[entry.project] === most);
    popular.sort((a, b) => places[a.project]! - places[b.project]!);
    if (popular.length > 1) run.ties.push(popular.map((entry) => entry.project));
    return popular[0]!;
  }
}

/**
 * The price ρ of a project: the smallest amount such that, each supporter paying the smaller of
 * ρ and their money, the payments cover the cost; undefined when the supporters' money falls
 * short of the cost (beyond rounding).
 */
function price(
  cost: number,
  projectSupporters: Int32Array,
  counts: Float64Array,
  money: Float64Array,
  supportWeight: number,
  scratch: Int32Array,
): number | undefined {
  let available = 0;
  let least = Infinity;
  for (const ballot of projectSupporters) {
    const held = money[ballot]!;
    available += counts[ballot]! * held;
    if (held < least) least = held;
  }
  if (available < cost * (1 - tolerance)) return undefined;
  // When every supporter can pay an equal share, that share is the price.
  const equal = cost / supportWeight;
  if (least >= equal) return equal;
  // Otherwise the poorest pay all they have, in order, until the rest can share what is left.
  const size = projectSupporters.length;
  scratch.set(projectSupporters);
  const sorted = scratch.subarray(0, size).sort((a, b) => money[a]! - money[b]!);
  // suffix[k]: the count of the supporters from position k on, summed from the end.
  const suffix = new Float64Array(size + 1);
  for (let position = size - 1; position >= 0; position -= 1) {
    suffix[position] = suffix[position + 1]! + counts[sorted[position]!]!;
  }
  let remaining = cost;
  for (let position = 0; position < size; position += 1) {
    const ballot = sorted[position]!;
    const share = remaining / suffix[position]!;
    if (money[ballot]! >= share) return share;
    remaining -= counts[ballot]! * money[ballot]!;
  }
  // Only rounding gets here: everyone pays all they have.
  return money[sorted[size - 1]!]!;
}

/** Whether no approved project left out fits in what is left of the budget. */
function isExhaustive(
  { projectCosts, totals }: Election,
  selected: readonly number[],
  spent: number,
  budget: number,
): boolean {
  const chosen = new Set(selected);
  for (let project = 0; project < projectCosts.length; project += 1) {
    if (chosen.has(project) || !(totals[project]! > 0)) continue;
    if (spent + projectCosts[project]! <= budget) return false;
  }
  return true;
}

/**
 * Funds the approved projects not yet selected, most-approved first (ties by the tie-break
 * order), each one that still fits.
 */
function fillGreedily(
  { projects, projectCosts, totals, places }: Election,
  selected: readonly number[],
  spentBefore: number,
  budget: number,
): { selected: number[]; spent: number; ties: number[][] } {
  const chosen = new Set(selected);
  const candidates = projects
    .map((_, index) => index)
    .filter((index) => !chosen.has(index) && totals[index]! > 0);
  candidates.sort((a, b) => totals[b]! - totals[a]! || places[a]! - places[b]!);
  const added: number[] = [];
  const ties: number[][] = [];
  let spent = spentBefore;
  // The tie-break order decides which of a group of equally approved projects is looked at
  // first; report each such group of which any was funded (the groups funding nothing are ranked,
  // and reported, with the projects left out).
  let group: number[] = [];
  let groupFunded = 0;
  const closeGroup = (): void => {
    if (group.length > 1 && groupFunded > 0) ties.push(group);
  };
  for (const project of candidates) {
    if (group.length > 0 && totals[group[0]!] !== totals[project]) {
      closeGroup();
      group = [];
      groupFunded = 0;
    }
    group.push(project);
    if (spent + projectCosts[project]! <= budget) {
      added.push(project);
      spent += projectCosts[project]!;
      groupFunded += 1;
    }
  }
  closeGroup();
  return { selected: added, spent, ties };
}
