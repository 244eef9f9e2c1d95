import { describe, expect, test } from "vitest";
import { InputError } from "../../core/errors.js";
import { Random } from "../../demo/random.js";
import type { PortfolioConstraints, PortfolioProject, PortfolioResult } from "./portfolio.js";
import { greedyPortfolio, portfolio, portfolioViolations } from "./portfolio.js";

// A small pipeline in two places and two sectors. Every project in E1 is left behind and none in
// E2 is, so the left-behind share is E1's share. P3 and P5 are rival bids for one site (they
// exclude each other), and P2 needs P6 (P2 requires P6). Amounts in pounds.
const million = 1_000_000;
const project = (
  id: string,
  place: string,
  sector: string,
  amountMillions: number,
  score: number,
  jobs: number,
  risk: number,
  leftBehind: boolean,
): PortfolioProject => ({
  id,
  place,
  sector,
  amount: amountMillions * million,
  score,
  jobs,
  risk,
  leftBehind,
});
const pipeline: PortfolioProject[] = [
  // id, place, sector, amount in £m, score, jobs, risk, left behind
  project("P1", "E1", "C", 4, 10, 40, 0.05, true),
  project("P2", "E1", "M", 3, 6, 20, 0.1, true),
  project("P3", "E2", "C", 5, 14, 60, 0.02, false),
  project("P4", "E2", "M", 2, 5, 10, 0.08, false),
  project("P5", "E2", "C", 6, 13, 50, 0.04, false),
  project("P6", "E1", "M", 1, 2, 15, 0.15, true),
  project("P7", "E1", "C", 2.5, 6.5, 25, 0.06, true),
];
const pairs: Pick<PortfolioConstraints, "excludes" | "requires"> = {
  excludes: [["P3", "P5"]],
  requires: [["P2", "P6"]],
};
const exact = { relativeGap: 0 };

/**
 * The best portfolio by brute force: every one of the 2^n subsets of whole projects, kept when it
 * meets the constraints (checked here from scratch, not with the module's own checker), and the
 * best score taken. Returns undefined when no non-empty subset is feasible.
 */
function enumerate(
  projects: readonly PortfolioProject[],
  constraints: PortfolioConstraints,
): { objective: number; ids: string[] } | undefined {
  let best: { objective: number; ids: string[] } | undefined;
  for (let mask = 1; mask < 1 << projects.length; mask++) {
    const chosen = projects.filter((_, index) => (mask & (1 << index)) !== 0);
    if (!feasibleByHand(projects, constraints, chosen)) continue;
    const objective = chosen.reduce((sum, project) => sum + project.score, 0);
    if (best === undefined || objective > best.objective + 1e-12) {
      best = { objective, ids: chosen.map((project) => project.id) };
    }
  }
  return best;
}

function feasibleByHand(
  projects: readonly PortfolioProject[],
  constraints: PortfolioConstraints,
  chosen: readonly PortfolioProject[],
): boolean {
  const ids = new Set(chosen.map((project) => project.id));
  const spent = chosen.reduce((sum, project) => sum + project.amount, 0);
  const jobs = chosen.reduce((sum, project) => sum + (project.jobs ?? 0), 0);
  const tolerance = 1e-9 * spent;
  const moneyWhere = (test: (project: PortfolioProject) => boolean) =>
    chosen.filter(test).reduce((sum, project) => sum + project.amount, 0);
  if (typeof constraints.budget === "number") {
    if (spent > constraints.budget * (1 + 1e-12)) return false;
  } else {
    for (const [fund, budget] of Object.entries(constraints.budget)) {
      if (moneyWhere((project) => project.fund === fund) > budget * (1 + 1e-12)) return false;
    }
  }
  const { minShareLeftBehind, minJobShareLeftBehind, maxSharePlace, maxShareSector } = constraints;
  if (minShareLeftBehind !== undefined) {
    if (moneyWhere((project) => project.leftBehind) < minShareLeftBehind * spent - tolerance) {
      return false;
    }
  }
  for (const [fund, floor] of Object.entries(constraints.minShareLeftBehindByFund ?? {})) {
    const fundLeftBehind = moneyWhere((project) => project.fund === fund && project.leftBehind);
    if (fundLeftBehind < floor * moneyWhere((project) => project.fund === fund) - tolerance) {
      return false;
    }
  }
  if (minJobShareLeftBehind !== undefined) {
    const leftBehindJobs = chosen
      .filter((project) => project.leftBehind)
      .reduce((sum, project) => sum + project.jobs!, 0);
    if (leftBehindJobs < minJobShareLeftBehind * jobs - 1e-9 * jobs) return false;
  }
  for (const [cap, key] of [
    [maxSharePlace, "place"],
    [maxShareSector, "sector"],
  ] as const) {
    if (cap === undefined) continue;
    for (const value of new Set(projects.map((project) => project[key]))) {
      const limit = typeof cap === "number" ? cap : cap[value];
      if (limit === undefined) continue;
      if (moneyWhere((project) => project[key] === value) > limit * spent + tolerance) {
        return false;
      }
    }
  }
  if (constraints.maxMeanRisk !== undefined) {
    const weighted = chosen.reduce((sum, project) => sum + project.amount * project.risk!, 0);
    if (weighted > constraints.maxMeanRisk * spent + tolerance) return false;
  }
  for (const [a, b] of constraints.excludes ?? []) if (ids.has(a) && ids.has(b)) return false;
  for (const [a, b] of constraints.requires ?? []) if (ids.has(a) && !ids.has(b)) return false;
  return true;
}

/** The family names in a conflict message: "… together: a 0.5, b and c 0.2 (drop …)". */
function namedFamilies(message: string): string[] {
  const list =
    /together: (.*) \(drop or relax one\)$/.exec(message)?.[1] ??
    /meets (.*) on its own/.exec(message)?.[1] ??
    "";
  return list
    .split(/, | and /)
    .filter((label) => label !== "")
    .map((label) => label.split(" ")[0]!);
}

/**
 * The constraints with only the named families: a budget not named becomes unlimited (the whole
 * pipeline's money, or the fund's), and a per-fund floor not named is left out.
 */
function keepOnly(
  projects: readonly PortfolioProject[],
  constraints: PortfolioConstraints,
  names: readonly string[],
): PortfolioConstraints {
  const kept = new Set(names);
  const caps = (cap: number | undefined, key: "place" | "sector") =>
    Object.fromEntries(
      [...new Set(projects.map((project) => project[key]))]
        .filter((value) => kept.has(`max-share-${key}:${value}`))
        .map((value) => [value, cap!]),
    );
  const money = (fund?: string) =>
    projects
      .filter((project) => fund === undefined || project.fund === fund)
      .reduce((sum, project) => sum + project.amount, 0);
  const { budget } = constraints;
  const fundFloors = Object.entries(constraints.minShareLeftBehindByFund ?? {}).filter(([fund]) =>
    kept.has(`min-share-left-behind:${fund}`),
  );
  return {
    budget:
      typeof budget === "number"
        ? kept.has("budget")
          ? budget
          : money()
        : Object.fromEntries(
            Object.entries(budget).map(([fund, amount]) => [
              fund,
              kept.has(`budget:${fund}`) ? amount : money(fund),
            ]),
          ),
    ...(kept.has("min-share-left-behind")
      ? { minShareLeftBehind: constraints.minShareLeftBehind! }
      : {}),
    ...(fundFloors.length > 0 ? { minShareLeftBehindByFund: Object.fromEntries(fundFloors) } : {}),
    ...(kept.has("min-job-share-left-behind")
      ? { minJobShareLeftBehind: constraints.minJobShareLeftBehind! }
      : {}),
    maxSharePlace: caps(constraints.maxSharePlace as number | undefined, "place"),
    maxShareSector: caps(constraints.maxShareSector as number | undefined, "sector"),
    ...(kept.has("max-mean-risk") ? { maxMeanRisk: constraints.maxMeanRisk! } : {}),
    excludes: (constraints.excludes ?? []).filter(([a, b]) => kept.has(`excludes:${a},${b}`)),
    requires: (constraints.requires ?? []).filter(([a, b]) => kept.has(`requires:${a},${b}`)),
  };
}

/** A random pipeline of `count` projects in two or three places and three sectors. */
function randomProjects(random: Random, count: number): PortfolioProject[] {
  const places = ["E1", "E2", "E3"].slice(0, random.integer(2, 3));
  return Array.from({ length: count }, (_, index) => ({
    id: `P${index + 1}`,
    place: random.pick(places),
    sector: random.pick(["C", "F", "M"]),
    amount: random.integer(1, 10) * 100_000,
    score: random.integer(1, 30),
    jobs: random.integer(0, 50),
    risk: random.integer(0, 20) / 100,
    leftBehind: random.next() < 0.4,
  }));
}

/**
 * Checks `portfolio` against enumeration on one instance. When some non-empty portfolio is
 * feasible, the solver's optimum must equal the enumerated best and meet every constraint (each
 * floor, checked from the result too), every cost must be 0 or more and bind exactly when
 * positive, and the cost of fairness must be the enumerated gain from dropping every floor.
 * When none is, the solver must throw, naming families that conflict irreducibly: together no
 * portfolio meets them, and without any one of them some portfolio does.
 */
async function matchesEnumeration(
  projects: readonly PortfolioProject[],
  constraints: PortfolioConstraints,
  label: string,
): Promise<PortfolioResult | "infeasible"> {
  const best = enumerate(projects, constraints);
  if (best === undefined) {
    const error = await portfolio(projects, constraints, exact).catch((caught) => caught);
    expect(error, label).toBeInstanceOf(InputError);
    const message = (error as InputError).message;
    if (message.includes("no project can be funded")) {
      const { budget } = constraints;
      const budgetOf = (project: PortfolioProject) =>
        typeof budget === "number" ? budget : budget[project.fund!]!;
      expect(projects.every((project) => project.amount > budgetOf(project))).toBe(true);
      return "infeasible";
    }
    const named = namedFamilies(message);
    expect(named.length, message).toBeGreaterThan(0);
    expect(enumerate(projects, keepOnly(projects, constraints, named))).toBeUndefined();
    for (const name of named) {
      const others = named.filter((other) => other !== name);
      expect(
        enumerate(projects, keepOnly(projects, constraints, others)),
        `${message} without ${name}`,
      ).toBeDefined();
    }
    return "infeasible";
  }
  const result = await portfolio(projects, constraints, exact);
  expect(result.status).toBe("optimal");
  expect(result.objective, label).toBeCloseTo(best.objective, 9);
  const chosen = projects.filter((project) =>
    result.selected.some((item) => item.id === project.id),
  );
  expect(feasibleByHand(projects, constraints, chosen), label).toBe(true);
  if (constraints.minShareLeftBehind !== undefined) {
    expect(result.shareLeftBehind!).toBeGreaterThanOrEqual(constraints.minShareLeftBehind - 1e-12);
  }
  for (const [fund, floor] of Object.entries(constraints.minShareLeftBehindByFund ?? {})) {
    const spending = result.byFund!.find((item) => item.fund === fund)!;
    // A fund that spends nothing meets its floor; one that spends must meet it.
    if (spending.spent === 0) expect(spending.shareLeftBehind).toBeUndefined();
    else expect(spending.shareLeftBehind!, `${label} fund ${fund}`).toBeGreaterThan(floor - 1e-12);
  }
  if (constraints.minJobShareLeftBehind !== undefined && result.jobShareLeftBehind !== undefined) {
    expect(result.jobShareLeftBehind).toBeGreaterThanOrEqual(
      constraints.minJobShareLeftBehind - 1e-12,
    );
  }
  // Every cost is a re-solve without one family, so it is at least 0 (a whole number here,
  // the scores being whole), and a family binds exactly when its cost is positive.
  for (const [family, cost] of Object.entries(result.costs)) {
    expect(cost).toBeGreaterThanOrEqual(0);
    expect(result.binding.includes(family)).toBe(cost > 0);
  }
  if (result.costOfFairness !== undefined) {
    expect(result.costOfFairness).toBeGreaterThanOrEqual(0);
    const unfair = { ...constraints };
    delete unfair.minShareLeftBehind;
    delete unfair.minShareLeftBehindByFund;
    delete unfair.minJobShareLeftBehind;
    const bestUnfair = enumerate(projects, unfair)!;
    expect(result.costOfFairness).toBeCloseTo(bestUnfair.objective - result.objective, 9);
  }
  // The greedy portfolio can never beat the optimum when it is feasible.
  if (result.greedy.feasible) {
    expect(result.greedy.objective).toBeLessThanOrEqual(result.objective + 1e-9);
  }
  return result;
}

describe("portfolio", () => {
  test("portfolio(pipeline, budget) funds the best portfolio, found by hand and by enumeration", async () => {
    // With £12m, P3 + P5 excluded and P2 needing P6, the best is P1 + P3 + P4 + P6: £4m + £5m +
    // £2m + £1m = £12m exactly, scoring 10 + 14 + 5 + 2 = 31. (P1 + P3 + P7 scores 30.5 for
    // £11.5m; P1 + P2 + P3 would need P6 too, £13m.) Left-behind money is P1 + P6, 5 of 12.
    const constraints: PortfolioConstraints = { budget: 12 * million, ...pairs };
    const result = await portfolio(pipeline, constraints, exact);
    expect(result.status).toBe("optimal");
    expect(result.gap).toBe(0);
    expect(result.selected.map((item) => item.id)).toEqual(["P1", "P3", "P4", "P6"]);
    expect(result.selected.every((item) => item.fraction === 1)).toBe(true);
    expect(result.objective).toBe(31);
    expect(result.spent).toBe(12 * million);
    expect(result.shareLeftBehind).toBeCloseTo(5 / 12, 12);
    // Jobs 40 + 60 + 10 + 15 = 125, of which P1 and P6 create 55.
    expect(result.jobShareLeftBehind).toBeCloseTo(55 / 125, 12);
    // Mean risk (4 × 0.05 + 5 × 0.02 + 2 × 0.08 + 1 × 0.15) / 12 = 0.61 / 12.
    expect(result.meanRisk).toBeCloseTo(0.61 / 12, 12);
    expect(result.bySpending.places).toEqual([
      { key: "E2", spent: 7 * million, share: 7 / 12 },
      { key: "E1", spent: 5 * million, share: 5 / 12 },
    ]);
    expect(result.bySpending.sectors.map((item) => item.key)).toEqual(["C", "M"]);
    expect(enumerate(pipeline, constraints)).toEqual({
      objective: 31,
      ids: ["P1", "P3", "P4", "P6"],
    });
    expect(result.costOfFairness).toBeUndefined();
  });

  test("portfolio(pipeline, constraints) matches enumeration on several constraint settings", async () => {
    const settings: PortfolioConstraints[] = [
      { budget: 12 * million, ...pairs, minShareLeftBehind: 0.5 },
      { budget: 12 * million, ...pairs, minJobShareLeftBehind: 0.6 },
      { budget: 15 * million, ...pairs, maxSharePlace: 0.6, maxShareSector: 0.7 },
      { budget: 12 * million, ...pairs, maxMeanRisk: 0.05 },
      { budget: 20 * million, ...pairs, minShareLeftBehind: 0.4, maxSharePlace: { E2: 0.5 } },
      { budget: 9 * million, minShareLeftBehind: 0.3, maxShareSector: 0.6, maxMeanRisk: 0.07 },
      { budget: 100 * million, ...pairs },
    ];
    for (const constraints of settings) {
      const result = await portfolio(pipeline, constraints, exact);
      const best = enumerate(pipeline, constraints)!;
      expect(result.objective, JSON.stringify(constraints)).toBeCloseTo(best.objective, 9);
      const chosen = pipeline.filter((project) =>
        result.selected.some((item) => item.id === project.id),
      );
      expect(feasibleByHand(pipeline, constraints, chosen)).toBe(true);
    }
  });

  test("portfolio(pipeline, floor) costs the fairness floor by re-solving without it", async () => {
    // A floor of half the money for left-behind projects rules out P1 + P3 + P4 + P6 (5/12). The
    // best that meets it is P1 + P3 + P7: £11.5m, of which £6.5m left behind (0.565), scoring
    // 30.5. The floor costs 31 - 30.5 = 0.5.
    const constraints: PortfolioConstraints = {
      budget: 12 * million,
      ...pairs,
      minShareLeftBehind: 0.5,
    };
    const result = await portfolio(pipeline, constraints, exact);
    expect(result.selected.map((item) => item.id)).toEqual(["P1", "P3", "P7"]);
    expect(result.objective).toBe(30.5);
    expect(result.shareLeftBehind).toBeCloseTo(6.5 / 11.5, 12);
    expect(result.costOfFairness).toBeCloseTo(0.5, 9);
    expect(result.costs["min-share-left-behind"]).toBeCloseTo(0.5, 9);
    const without = await portfolio(pipeline, { budget: 12 * million, ...pairs }, exact);
    expect(result.costOfFairness).toBeCloseTo(without.objective - result.objective, 9);
  });

  test("portfolio(pipeline, constraints) reports the binding families and what each costs", async () => {
    // At P1 + P3 + P7 (above), the budget binds (£0.5m left is less than any other project, and
    // with more money P4 and P6 would come in) and so does the floor. The exclusion does not: P5
    // instead of P3 scores less. Nor does the requirement: P2 without P6 (P1 + P2 + P3, 30) still
    // scores less than 30.5.
    const constraints: PortfolioConstraints = {
      budget: 12 * million,
      ...pairs,
      minShareLeftBehind: 0.5,
    };
    const result = await portfolio(pipeline, constraints, exact);
    expect(result.binding).toEqual(["budget", "min-share-left-behind"]);
    expect(Object.keys(result.costs)).toEqual([
      "budget",
      "min-share-left-behind",
      "excludes:P3,P5",
      "requires:P2,P6",
    ]);
    expect(result.costs["excludes:P3,P5"]).toBe(0);
    expect(result.costs["requires:P2,P6"]).toBe(0);
    // Without the budget, everything the exclusion and floor allow: P1, P2, P3, P4, P6 and P7
    // (£17.5m, £10.5m left behind, 0.6), scoring 43.5; P5 instead of P3 would score less.
    expect(result.costs.budget).toBeCloseTo(43.5 - 30.5, 9);
  });

  test("portfolio(pipeline, floor and cap) holds both when they meet exactly", async () => {
    // Left-behind money is E1's money here, so a floor of 0.5 and a cap of 0.5 on each place
    // force E1 and E2 to spend the same. Within £12m the E1 totals are 1, 2.5, 3.5, 4, 5, 6.5
    // (P2 needs P6) and the E2 totals 2, 5, 6, 7, 8; the only match is £5m each: P1 + P6 and P3,
    // scoring 26.
    const constraints: PortfolioConstraints = {
      budget: 12 * million,
      ...pairs,
      minShareLeftBehind: 0.5,
      maxSharePlace: 0.5,
    };
    const result = await portfolio(pipeline, constraints, exact);
    expect(result.selected.map((item) => item.id)).toEqual(["P1", "P3", "P6"]);
    expect(result.objective).toBe(26);
    expect(result.shareLeftBehind).toBe(0.5);
    expect(enumerate(pipeline, constraints)?.objective).toBe(26);
    // The floor is met exactly but does not bind: E2's cap of 0.5 implies it, so dropping the
    // floor alone gains nothing (and nor does dropping E2's cap, which the floor implies). E1's
    // cap binds: without it P1 + P7 + P3 (£6.5m and £5m) score 30.5. The budget binds too: with
    // more money, P1 + P2 + P6 against P4 + P5 (£8m each) score 36.
    expect(result.binding).toEqual(["budget", "max-share-place:E1"]);
    expect(result.costs["max-share-place:E1"]).toBeCloseTo(30.5 - 26, 9);
    expect(result.costs.budget).toBeCloseTo(36 - 26, 9);
    expect(result.costOfFairness).toBe(0);
  });

  test("portfolio(random small pipelines) matches exhaustive enumeration, with the floors holding", async () => {
    let infeasible = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const random = new Random(seed);
      const count = random.integer(5, 8);
      const projects = randomProjects(random, count);
      const total = projects.reduce((sum, project) => sum + project.amount, 0);
      const constraints: PortfolioConstraints = {
        budget: Math.round(total * random.uniform(0.3, 0.8)),
        ...(random.next() < 0.6 ? { minShareLeftBehind: random.pick([0.2, 0.3, 0.5]) } : {}),
        ...(random.next() < 0.3 ? { minJobShareLeftBehind: random.pick([0.2, 0.4]) } : {}),
        ...(random.next() < 0.5 ? { maxSharePlace: random.pick([0.5, 0.6, 0.8]) } : {}),
        ...(random.next() < 0.4 ? { maxShareSector: random.pick([0.5, 0.7]) } : {}),
        ...(random.next() < 0.4 ? { maxMeanRisk: random.pick([0.08, 0.1, 0.12]) } : {}),
        excludes: [["P1", "P2"]],
        requires: [[`P${count}`, "P3"]],
      };
      if ((await matchesEnumeration(projects, constraints, `seed ${seed}`)) === "infeasible") {
        infeasible++;
      }
    }
    // The random settings should exercise both outcomes, mostly feasible.
    expect(infeasible).toBeLessThan(15);
  });

  test("portfolio(random small pipelines, per-fund floors) matches exhaustive enumeration, with every fund's floor holding", async () => {
    let infeasible = 0;
    let binding = 0;
    for (let seed = 101; seed <= 140; seed++) {
      const random = new Random(seed);
      const count = random.integer(5, 8);
      const funds = ["a", "b", "c"].slice(0, random.integer(2, 3));
      const projects = randomProjects(random, count).map((project) => ({
        ...project,
        fund: random.pick(funds),
      }));
      const budget = Object.fromEntries(
        funds.map((fund) => {
          const money = projects
            .filter((project) => project.fund === fund)
            .reduce((sum, project) => sum + project.amount, 0);
          return [fund, Math.round(Math.max(money, 100_000) * random.uniform(0.3, 0.9))];
        }),
      );
      // A floor on at least one fund, sometimes with the global floor or a place cap as well.
      const floored = funds.filter((fund, index) => index === 0 || random.next() < 0.5);
      const constraints: PortfolioConstraints = {
        budget,
        minShareLeftBehindByFund: Object.fromEntries(
          floored.map((fund) => [fund, random.pick([0.2, 0.4, 0.6])]),
        ),
        ...(random.next() < 0.3 ? { minShareLeftBehind: random.pick([0.2, 0.4]) } : {}),
        ...(random.next() < 0.3 ? { maxSharePlace: random.pick([0.6, 0.8]) } : {}),
        excludes: [["P1", "P2"]],
      };
      const outcome = await matchesEnumeration(projects, constraints, `seed ${seed}`);
      if (outcome === "infeasible") infeasible++;
      else if (outcome.binding.some((name) => name.startsWith("min-share-left-behind:"))) {
        binding++;
      }
    }
    // The per-fund floors should bind in some of the feasible settings, and rule everything out
    // in only a few.
    expect(binding).toBeGreaterThan(5);
    expect(infeasible).toBeLessThan(15);
  });

  test("portfolio(pipeline with a divisible project) funds part of it when that pays", async () => {
    // £10m; A (£6m, score 6) is all or nothing, B (£6m, score 9) may be part-funded. B alone
    // scores 9; A and two thirds of B spend £6m + £4m = £10m and score 6 + 9 × 2/3 = 12.
    const projects: PortfolioProject[] = [
      { id: "A", place: "E1", sector: "C", amount: 6 * million, score: 6, leftBehind: false },
      {
        id: "B",
        place: "E1",
        sector: "C",
        amount: 6 * million,
        score: 9,
        leftBehind: false,
        divisible: true,
      },
    ];
    const result = await portfolio(projects, { budget: 10 * million }, exact);
    expect(result.selected.map((item) => item.id)).toEqual(["A", "B"]);
    expect(result.selected[1]!.fraction).toBeCloseTo(2 / 3, 9);
    expect(result.selected[1]!.amount).toBeCloseTo(4 * million, 0);
    expect(result.objective).toBeCloseTo(12, 9);
    expect(result.spent).toBeCloseTo(10 * million, 0);
    // The greedy ranking takes B first (1.5 per £m against A's 1), then has £4m, too little
    // for A: it scores 9.
    expect(result.greedy.selected).toEqual([
      { id: "B", fraction: 1, amount: 6 * million, score: 9 },
    ]);
    expect(result.greedy.objective).toBe(9);
    // With at least three quarters of B to be funded if any, A and B no longer fit together
    // (£6m + £4.5m), and B alone (9) beats A alone (6).
    const partial = await portfolio(
      [projects[0]!, { ...projects[1]!, minFraction: 0.75 }],
      { budget: 10 * million },
      exact,
    );
    expect(partial.selected).toEqual([{ id: "B", fraction: 1, amount: 6 * million, score: 9 }]);
  });

  test("portfolio(divisible projects in pairs) excludes any part, and requires the other in full", async () => {
    const a: PortfolioProject = {
      id: "A",
      place: "E1",
      sector: "C",
      amount: 6 * million,
      score: 9,
      leftBehind: false,
      divisible: true,
    };
    const b: PortfolioProject = { ...a, id: "B", amount: 4 * million, score: 5, divisible: false };
    // £10m buys all of A and B (14); excluding each other, A alone (9) beats B alone (5), and
    // no part of A may go with B.
    const both = await portfolio([a, b], { budget: 10 * million }, exact);
    expect(both.objective).toBe(14);
    const excluded = await portfolio(
      [a, b],
      { budget: 10 * million, excludes: [["A", "B"]] },
      exact,
    );
    expect(excluded.selected).toEqual([{ id: "A", fraction: 1, amount: 6 * million, score: 9 }]);
    // Only the exclusion binds: with any budget, one of the two is all that may be funded.
    expect(excluded.binding).toEqual(["excludes:A,B"]);
    // With £8m and A requiring B (now scoring 1), B takes £4m and two thirds of A the rest:
    // 1 + 6 = 7. Without the requirement all of A (9) would be better.
    const enabler = { ...b, score: 1 };
    const required = await portfolio(
      [a, enabler],
      { budget: 8 * million, requires: [["A", "B"]] },
      exact,
    );
    expect(required.selected.map((item) => [item.id, item.fraction])).toEqual([
      ["A", expect.closeTo(2 / 3, 9)],
      ["B", 1],
    ]);
    expect(required.objective).toBeCloseTo(7, 9);
    expect(required.costs["requires:A,B"]).toBeCloseTo(9 - 7, 9);
    // A whole project that requires a divisible one needs all of it: C (£4m, 10) requires all
    // of A (£6m), and £8m cannot pay for both, so C is out and all of A (9) is best. Without
    // the requirement, C and two thirds of A would score 10 + 6 = 16.
    const whole: PortfolioProject = { ...b, id: "C", score: 10 };
    const needsAll = await portfolio(
      [a, whole],
      { budget: 8 * million, requires: [["C", "A"]] },
      exact,
    );
    expect(needsAll.selected).toEqual([{ id: "A", fraction: 1, amount: 6 * million, score: 9 }]);
    expect(needsAll.costs["requires:C,A"]).toBeCloseTo(16 - 9, 9);
  });

  test("portfolio(pipeline, budgets per fund) keeps each fund within its budget", async () => {
    // Fund "a" pays for P1-P4 with £6m and fund "b" for P5-P7 with £7m. Within a: P1 + P4 (£6m,
    // 15) beats P3 (£5m, 14); within b: P5 + P6 (£7m, 15) beats P6 + P7 (£3.5m, 8.5) and P5
    // alone (13). Total 30.
    const projects = pipeline.map((project, index) => ({
      ...project,
      fund: index < 4 ? "a" : "b",
    }));
    const constraints: PortfolioConstraints = { budget: { a: 6 * million, b: 7 * million } };
    const result = await portfolio(projects, constraints, exact);
    expect(result.objective).toBe(30);
    expect(result.selected.map((item) => item.id)).toEqual(["P1", "P4", "P5", "P6"]);
    // Fund a's left-behind money is P1's £4m of £6m; fund b's is P6's £1m of £7m.
    expect(result.byFund).toEqual([
      { fund: "a", budget: 6 * million, spent: 6 * million, shareLeftBehind: 4 / 6 },
      { fund: "b", budget: 7 * million, spent: 7 * million, shareLeftBehind: 1 / 7 },
    ]);
    expect(result.binding).toEqual(["budget:a", "budget:b"]);
    expect(enumerate(projects, constraints)?.objective).toBe(30);
  });

  test("portfolio(pipeline, per-fund floors) holds each fund to its own floor, where the global floor does not", async () => {
    // Funds as above: a pays for P1-P4 (£6m), b for P5-P7 (£7m). The best without floors, P1 +
    // P4 + P5 + P6, gives left-behind projects £5m of £13m (0.385), so a global floor of 0.35
    // changes nothing; but fund b gives them only P6's £1m of £7m (0.143).
    const projects = pipeline.map((project, index) => ({
      ...project,
      fund: index < 4 ? "a" : "b",
    }));
    const budget = { a: 6 * million, b: 7 * million };
    const global = await portfolio(projects, { budget, minShareLeftBehind: 0.35 }, exact);
    expect(global.selected.map((item) => item.id)).toEqual(["P1", "P4", "P5", "P6"]);
    expect(global.objective).toBe(30);
    // A floor of 0.35 on fund b rules out P5 with P6 (1/7) and P5 alone (0). Within £7m fund b
    // then has P6 + P7 (£3.5m, all left behind, 8.5) as its best; fund a keeps P1 + P4 (15),
    // which meets a floor of 0.5 on fund a (4/6). 15 + 8.5 = 23.5.
    const constraints: PortfolioConstraints = {
      budget,
      minShareLeftBehind: 0.35,
      minShareLeftBehindByFund: { a: 0.5, b: 0.35 },
    };
    const result = await portfolio(projects, constraints, exact);
    expect(result.selected.map((item) => item.id)).toEqual(["P1", "P4", "P6", "P7"]);
    expect(result.objective).toBe(23.5);
    expect(enumerate(projects, constraints)).toEqual({
      objective: 23.5,
      ids: ["P1", "P4", "P6", "P7"],
    });
    expect(result.byFund).toEqual([
      { fund: "a", budget: 6 * million, spent: 6 * million, shareLeftBehind: 4 / 6 },
      { fund: "b", budget: 7 * million, spent: 3.5 * million, shareLeftBehind: 1 },
    ]);
    // Fund b's floor costs 30 - 23.5 = 6.5; fund a's and the global floor cost nothing. Without
    // fund a's budget, a funds all of P1-P4 (£14m, 35, half left behind): 43.5. Without fund
    // b's, b funds P5 + P6 + P7 (£9.5m, 21.5, 3.5/9.5 = 0.368 left behind): 36.5.
    expect(Object.keys(result.costs)).toEqual([
      "budget:a",
      "budget:b",
      "min-share-left-behind",
      "min-share-left-behind:a",
      "min-share-left-behind:b",
    ]);
    expect(result.costs["min-share-left-behind:b"]).toBeCloseTo(6.5, 9);
    expect(result.costs["min-share-left-behind:a"]).toBe(0);
    expect(result.costs["min-share-left-behind"]).toBe(0);
    expect(result.costs["budget:a"]).toBeCloseTo(43.5 - 23.5, 9);
    expect(result.costs["budget:b"]).toBeCloseTo(36.5 - 23.5, 9);
    expect(result.binding).toEqual(["budget:a", "budget:b", "min-share-left-behind:b"]);
    // The cost of fairness drops every floor, the per-fund ones included.
    expect(result.costOfFairness).toBeCloseTo(6.5, 9);
    // The greedy ranking funds P3 (£5m of fund a) first, then P7 and P6 from fund b: fund a then
    // gives left-behind projects nothing, below its floor of 0.5.
    expect(result.greedy.selected.map((item) => item.id)).toEqual(["P3", "P6", "P7"]);
    expect(result.greedy.violated).toEqual(["min-share-left-behind:a"]);
  });

  test("portfolio(per-fund floor on a fund with no left-behind project) spends nothing from that fund", async () => {
    // Fund a pays for the left-behind P1, P2, P6 and P7 (£6m); fund b for P3, P4 and P5, none
    // left behind (£7m). A fund that spends nothing meets its floor (0 >= 0.3 × 0), so a floor
    // of 0.3 on b is not an error: it keeps b from spending. Fund a's best is P2 + P7 (£5.5m,
    // 12.5): P1 + P6 score 12 and P1 + P7 cost £6.5m.
    const projects = pipeline.map((project) => ({
      ...project,
      fund: project.leftBehind ? "a" : "b",
    }));
    const budget = { a: 6 * million, b: 7 * million };
    const constraints: PortfolioConstraints = { budget, minShareLeftBehindByFund: { b: 0.3 } };
    const result = await portfolio(projects, constraints, exact);
    expect(result.selected.map((item) => item.id)).toEqual(["P2", "P7"]);
    expect(result.objective).toBe(12.5);
    expect(result.byFund![1]).toEqual({
      fund: "b",
      budget: 7 * million,
      spent: 0,
      shareLeftBehind: undefined,
    });
    expect(enumerate(projects, constraints)?.objective).toBe(12.5);
    // Without the floor, b funds P3 + P4 (£7m, 19).
    expect(result.costs["min-share-left-behind:b"]).toBeCloseTo(19, 9);
    // A floor of 0 constrains nothing.
    const zero = await portfolio(projects, { budget, minShareLeftBehindByFund: { b: 0 } }, exact);
    expect(zero.objective).toBe(12.5 + 19);
    // With nothing for fund a, only fund b's projects could be funded, and its floor forbids
    // them: the budget and the floor conflict.
    await expect(
      portfolio(projects, {
        budget: { a: 0, b: 7 * million },
        minShareLeftBehindByFund: { b: 0.3 },
      }),
    ).rejects.toThrow(
      'field "budget.a, minShareLeftBehindByFund": no portfolio meets these constraints together: budget:a 0 and min-share-left-behind:b 0.3 (drop or relax one)',
    );
  });

  test("portfolio(pipeline, conflicting constraints) names the families that conflict", async () => {
    // Every left-behind project is in E1, so 90% of the money to left-behind projects cannot go
    // with at most 20% to E1. The budget and the pairs play no part.
    const constraints: PortfolioConstraints = {
      budget: 12 * million,
      ...pairs,
      minShareLeftBehind: 0.9,
      maxSharePlace: { E1: 0.2 },
    };
    const error = await portfolio(pipeline, constraints).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(
      'field "minShareLeftBehind, maxSharePlace": no portfolio meets these constraints together: min-share-left-behind 0.9 and max-share-place:E1 0.2 (drop or relax one)',
    );
    // Caps of 0.2 on both places leave 60% of any portfolio with nowhere to go: the two caps
    // conflict on their own, and the floor is not needed to explain it.
    await expect(portfolio(pipeline, { ...constraints, maxSharePlace: 0.2 })).rejects.toThrow(
      "no portfolio meets these constraints together: max-share-place:E1 0.2 and max-share-place:E2 0.2 (drop or relax one)",
    );
    // A cap below 1 on the only place rules out everything on its own.
    await expect(
      portfolio(
        pipeline.filter((project) => project.place === "E1"),
        { budget: 12 * million, maxSharePlace: 0.8 },
      ),
    ).rejects.toThrow("no portfolio meets max-share-place:E1 0.8 on its own (relax it)");
    // P7 needs P5, which costs more than the fund P7 is in can pay.
    await expect(
      portfolio(
        [
          { ...pipeline[4]!, fund: "big" },
          { ...pipeline[6]!, fund: "small" },
        ],
        { budget: { big: 1 * million, small: 3 * million }, requires: [["P7", "P5"]] },
      ),
    ).rejects.toThrow(
      "no portfolio meets these constraints together: budget:big 1000000 and requires:P7,P5",
    );
  });

  test("portfolio(bad input) says what was expected, naming the project and field", async () => {
    const budget = { budget: 12 * million };
    const run = (projects: PortfolioProject[], constraints: PortfolioConstraints = budget) =>
      portfolio(projects, constraints);
    const with1 = (change: Partial<PortfolioProject>) => [{ ...pipeline[0]!, ...change }];
    await expect(run(with1({ amount: -5 }))).rejects.toThrow(
      'field "projects[0].amount": project "P1": expected an amount in pounds above 0 (found "-5")',
    );
    await expect(run(with1({ score: Number.NaN }))).rejects.toThrow(/"P1": expected a score/);
    await expect(run([pipeline[0]!, pipeline[0]!])).rejects.toThrow('project id "P1" is repeated');
    await expect(run([])).rejects.toThrow("expected at least one project");
    await expect(portfolio(pipeline, budget, { knownPlaces: ["E1"] })).rejects.toThrow(
      /field "projects\[2\].place": project "P3": expected a known place/,
    );
    await expect(run(pipeline, { ...budget, maxSharePlace: { E9: 0.3 } })).rejects.toThrow(
      'field "maxSharePlace.E9": no project is in the place "E9"',
    );
    await expect(run(pipeline, { ...budget, minShareLeftBehind: 1.5 })).rejects.toThrow(
      'field "minShareLeftBehind": expected a share from 0 to 1 (found "1.5")',
    );
    await expect(run(pipeline, { ...budget, excludes: [["P1", "P99"]] })).rejects.toThrow(
      'field "excludes[0][1]": no project has the id "P99"',
    );
    await expect(run(pipeline, { ...budget, requires: [["P1", "P1"]] })).rejects.toThrow(
      'project "P1" is paired with itself',
    );
    await expect(run(with1({ risk: undefined }), { ...budget, maxMeanRisk: 0.1 })).rejects.toThrow(
      /project "P1": expected risk \(0 or more\) because maxMeanRisk is set/,
    );
    await expect(run(with1({ minFraction: 0.5 }))).rejects.toThrow(
      /no minimum fraction on an indivisible project/,
    );
    await expect(run(with1({ fund: "x" }), { budget: { a: 1 } })).rejects.toThrow(
      /project "P1": expected one of the funds with a budget \(a\)/,
    );
    await expect(run(pipeline, { budget: -1 })).rejects.toThrow("expected a budget in pounds");
    await expect(
      run(pipeline, { ...budget, minShareLeftBehindByFund: { a: 0.5 } }),
    ).rejects.toThrow(
      'field "minShareLeftBehindByFund": expected the budget given per fund, as these floors are per fund',
    );
    const funded = pipeline.map((project) => ({ ...project, fund: "a" }));
    await expect(
      run(funded, { budget: { a: 1 * million }, minShareLeftBehindByFund: { x: 0.5 } }),
    ).rejects.toThrow(
      'field "minShareLeftBehindByFund.x": expected one of the funds with a budget (a) (found "x")',
    );
    await expect(
      run(funded, { budget: { a: 1 * million }, minShareLeftBehindByFund: { a: 1.2 } }),
    ).rejects.toThrow(
      'field "minShareLeftBehindByFund.a": expected a share from 0 to 1 (found "1.2")',
    );
    await expect(portfolio(pipeline, budget, { relativeGap: 0.01 })).rejects.toThrow(
      "expected a relative gap from 0 to 0.001",
    );
  });

  test("portfolio(pipeline, small budget) says no project fits when the budget is below every project", async () => {
    await expect(portfolio(pipeline, { budget: 500_000 })).rejects.toThrow(
      "no project can be funded: the budget (500000) is less than the cheapest project needs (P6: 1000000); raise the budget or allow partial funding",
    );
    // A divisible project with no minimum fraction always fits a positive budget.
    const divisible = pipeline.map((project) => ({ ...project, divisible: true }));
    const result = await portfolio(divisible, { budget: 500_000 }, exact);
    expect(result.spent).toBeCloseTo(500_000, 0);
  });

  test("portfolio(pipeline, floor with no left-behind project) says the floor cannot be met", async () => {
    const noneLeftBehind = pipeline.map((project) => ({ ...project, leftBehind: false }));
    await expect(
      portfolio(noneLeftBehind, { budget: 12 * million, minShareLeftBehind: 0.3 }),
    ).rejects.toThrow(
      "no project is left behind, so no portfolio can give left-behind projects a share of 0.3",
    );
  });

  test("portfolio(one project, zero scores) handles the edge cases", async () => {
    const one = await portfolio([pipeline[0]!], { budget: 5 * million }, exact);
    expect(one.selected).toEqual([{ id: "P1", fraction: 1, amount: 4 * million, score: 10 }]);
    expect(one.binding).toEqual([]);
    expect(one.greedy.objective).toBe(10);
    // Nothing is worth funding: the best impact is 0, whatever is funded.
    const worthless = pipeline.map((project) => ({ ...project, score: 0 }));
    const none = await portfolio(worthless, { budget: 12 * million, ...pairs }, exact);
    expect(none.objective).toBe(0);
    expect(none.binding).toEqual([]);
    expect(none.greedy.selected).toEqual([]);
  });

  test("portfolio(large pipeline) stops at the default gap and reports it", async () => {
    const random = new Random(7);
    const projects: PortfolioProject[] = Array.from({ length: 300 }, (_, index) => ({
      id: `P${index}`,
      place: `E${random.integer(1, 12)}`,
      sector: random.pick(["A", "B", "C", "D"]),
      amount: random.integer(1, 50) * 100_000,
      score: random.uniform(0, 10),
      leftBehind: random.next() < 0.3,
    }));
    const result = await portfolio(projects, {
      budget: 100 * million,
      minShareLeftBehind: 0.4,
      maxSharePlace: 0.15,
    });
    expect(["optimal", "gap"]).toContain(result.status);
    expect(result.gap).toBeLessThanOrEqual(1e-3);
    expect(result.spent).toBeLessThanOrEqual(100 * million);
    expect(result.shareLeftBehind!).toBeGreaterThanOrEqual(0.4 - 1e-9);
    expect(result.bySpending.places.every((place) => place.share <= 0.15 + 1e-9)).toBe(true);
  });
});

describe("greedyPortfolio", () => {
  test("greedyPortfolio(pipeline, constraints) ranks by score per pound and checks the rest after", () => {
    // Score per £m: P3 2.8, P7 2.6, P1 2.5, P4 2.5 (P1 first, scoring more), P5 2.17, P2 2, P6 2.
    // With £12m: P3 (£5m), P7 (£2.5m), P1 (£4m), leaving £0.5m; nothing else fits. 30.5.
    const result = greedyPortfolio(pipeline, { budget: 12 * million, ...pairs });
    expect(result.rule).toBe("score-per-pound");
    expect(result.selected.map((item) => item.id)).toEqual(["P1", "P3", "P7"]);
    expect(result.objective).toBe(30.5);
    expect(result.spent).toBe(11.5 * million);
    expect(result.feasible).toBe(true);
    // With £20m, P5 is skipped (P3 is in), and P2 is skipped because P6, ranked after it by
    // pipeline order, is not yet funded: P3, P7, P1, P4, P6 cost £14.5m. A cap of 0.3 per sector
    // is not checked on the way and is broken by C (£11.5m of £14.5m; M has £3m, 0.21).
    const capped = greedyPortfolio(pipeline, {
      budget: 20 * million,
      ...pairs,
      maxShareSector: 0.3,
    });
    expect(capped.selected.map((item) => item.id)).toEqual(["P1", "P3", "P4", "P6", "P7"]);
    expect(capped.feasible).toBe(false);
    expect(capped.violated).toEqual(["max-share-sector:C"]);
  });
});

describe("portfolioViolations", () => {
  test("portfolioViolations(pipeline, constraints, selection) lists the families a portfolio breaks", () => {
    const constraints: PortfolioConstraints = {
      budget: 12 * million,
      ...pairs,
      minShareLeftBehind: 0.5,
      maxMeanRisk: 0.05,
    };
    // P2 + P3 + P5: £14m over budget, P3 and P5 together, P2 without P6, left-behind 3/14, and
    // mean risk (0.3 + 0.1 + 0.24) / 14 = 0.046, within the limit.
    expect(
      portfolioViolations(pipeline, constraints, [{ id: "P2" }, { id: "P3" }, { id: "P5" }]),
    ).toEqual(["budget", "min-share-left-behind", "excludes:P3,P5", "requires:P2,P6"]);
    expect(portfolioViolations(pipeline, constraints, [])).toEqual([]);
    expect(() => portfolioViolations(pipeline, constraints, [{ id: "P0" }])).toThrow(
      'no project has the id "P0"',
    );
  });

  test("portfolioViolations(pipeline, per-fund floors, selection) checks each fund's floor on its own money", () => {
    const projects = pipeline.map((project, index) => ({
      ...project,
      fund: index < 4 ? "a" : "b",
    }));
    const constraints: PortfolioConstraints = {
      budget: { a: 6 * million, b: 7 * million },
      minShareLeftBehindByFund: { a: 0.5, b: 0.35 },
    };
    // Fund a: P1 + P4, 4/6 left behind. Fund b: P5 + P6, 1/7.
    const chosen = [{ id: "P1" }, { id: "P4" }, { id: "P5" }, { id: "P6" }];
    expect(portfolioViolations(projects, constraints, chosen)).toEqual(["min-share-left-behind:b"]);
    // Half of P5 (£3m) with P6 gives 1/4 left behind, still too little; a sixth (£1m) gives 1/2.
    expect(
      portfolioViolations(projects, constraints, [{ id: "P5", fraction: 0.5 }, { id: "P6" }]),
    ).toEqual(["min-share-left-behind:b"]);
    expect(
      portfolioViolations(projects, constraints, [{ id: "P5", fraction: 1 / 6 }, { id: "P6" }]),
    ).toEqual([]);
    // A fund that spends nothing meets its floor.
    expect(portfolioViolations(projects, constraints, [{ id: "P6" }])).toEqual([]);
  });
});
