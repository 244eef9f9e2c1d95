import { describe, expect, test } from "vitest";
import { InputError } from "../../core/errors.js";
import { Random } from "../../demo/random.js";
import type { ApprovalBallot } from "./ballots.js";
import { equalShares, greedyBudget } from "./equalShares.js";
import type { EqualSharesOptions } from "./equalShares.js";

// Example 1 of https://equalshares.net/explanation: 11 voters, a budget of 1,100.
//
//   project      cost   voters (1..11)          approvals
//   bike path     700   1 2 3 4 5 6 . . . . 11      7
//   outdoor gym   400   1 2 3 4 5 6 . . . . .       6
//   new park      250   . 2 . 4 5 . 7 . . 10 .      5
//   playground    200   . . . . . . 7 8 9 10 .      4
//   library       100   . . . . . . 7 . 9 10 .      3
const exampleCosts = { bike: 700, gym: 400, park: 250, playground: 200, library: 100 };
const exampleBallots: ApprovalBallot[] = [
  { count: 2, approved: ["bike", "gym"] }, // voters 1 and 3
  { count: 3, approved: ["bike", "gym", "park"] }, // voters 2, 4, 5 (counted together)
  { count: 1, approved: ["bike", "gym"] }, // voter 6
  { count: 1, approved: ["park", "playground", "library"] }, // voter 7
  { count: 1, approved: ["playground"] }, // voter 8
  { count: 1, approved: ["playground", "library"] }, // voter 9
  { count: 1, approved: ["park", "playground", "library"] }, // voter 10
  { count: 1, approved: ["bike"] }, // voter 11
];

function randomElection(random: Random): {
  ballots: ApprovalBallot[];
  costs: Record<string, number>;
  budget: number;
} {
  const projectCount = random.integer(1, 12);
  const costs: Record<string, number> = {};
  for (let project = 0; project < projectCount; project += 1) {
    costs[`p${project}`] = random.integer(1, 500);
  }
  const projects = Object.keys(costs);
  const ballots: ApprovalBallot[] = [];
  const ballotCount = random.integer(0, 25);
  for (let ballot = 0; ballot < ballotCount; ballot += 1) {
    const liking = random.next();
    ballots.push({
      count: random.integer(1, 40),
      approved: projects.filter(() => random.next() < liking),
    });
  }
  const total = projects.reduce((sum, project) => sum + costs[project]!, 0);
  return { ballots, costs, budget: Math.max(1, Math.round(total * random.uniform(0.1, 1.2))) };
}

/**
 * The Method of Equal Shares at a fixed budget, voter by voter, as equalshares.net's JavaScript
 * computes it (every voter expanded, every project priced afresh at every step), with the same
 * rules for ties: a reference for the aggregated, lazily priced implementation.
 */
function referenceEqualShares(
  ballots: readonly ApprovalBallot[],
  costs: Readonly<Record<string, number>>,
  budget: number,
  utilities: "cost" | "approval",
): string[] {
  const voters = ballots.flatMap((ballot) => Array.from({ length: ballot.count }, () => ballot));
  const money = voters.map(() => budget / voters.length);
  const projects = Object.keys(costs).sort();
  const approvers = (project: string): number[] =>
    voters.flatMap((voter, index) => (voter.approved.includes(project) ? [index] : []));
  const selected: string[] = [];
  for (;;) {
    let best: { project: string; key: number; rho: number } | undefined;
    for (const project of projects) {
      if (selected.includes(project)) continue;
      const cost = costs[project]!;
      const supporters = approvers(project).sort((a, b) => money[a]! - money[b]!);
      const available = supporters.reduce((sum, voter) => sum + money[voter]!, 0);
      if (supporters.length === 0 || available < cost * (1 - 1e-10)) continue;
      let paid = 0;
      let rho = money[supporters[supporters.length - 1]!]!;
      for (const [position, voter] of supporters.entries()) {
        const share = (cost - paid) / (supporters.length - position);
        if (money[voter]! >= share) {
          rho = share;
          break;
        }
        paid += money[voter]!;
      }
      const key = utilities === "cost" ? rho / cost : rho;
      const better =
        best === undefined ||
        key < best.key * (1 - 1e-10) ||
        (key <= best.key * (1 + 1e-10) &&
          (cost < costs[best.project]! ||
            (cost === costs[best.project] &&
              approvers(project).length > approvers(best.project).length)));
      if (better) best = { project, key, rho };
    }
    if (best === undefined) return selected;
    selected.push(best.project);
    for (const voter of approvers(best.project)) {
      money[voter] = Math.max(0, money[voter]! - best.rho);
    }
  }
}

describe("equalShares", () => {
  test("equalShares(ballots, costs, budget) funds the minority's projects where greedy does not (equalshares.net example 1)", () => {
    // Each voter starts with 1,100 / 11 = 100. With cost utilities each step funds the project
    // with the most effective votes (cost / ρ):
    // 1. bike path: 7 supporters pay 700 / 7 = 100 each, 7 effective votes (gym 6, park 5, ...).
    //    Voters 1-6 and 11 have nothing left.
    // 2. The gym's supporters have no money; the park's have 200 < 250. Playground: voters 7-10
    //    pay 200 / 4 = 50 (4 effective votes); library: 100 / 3 (3 votes). Playground.
    // 3. Library: voters 7, 9, 10 have 150 >= 100 and pay 33.33 each.
    // 4. Nothing else is affordable. Spent 1,000; the 100 left fits neither the gym nor the park,
    //    so the outcome is exhaustive and add1 has nothing to do.
    // Greedy by approval funds the bike path (7) and the gym (6), 1,100, and nothing for the
    // four voters of the "kids" projects.
    const result = equalShares(exampleBallots, exampleCosts, 1100);
    expect(result.method).toBe("equal-shares");
    expect(result.winner).toBe("bike");
    expect(result.details.selected).toEqual(["bike", "playground", "library"]);
    expect(result.details.spent).toBe(1000);
    expect(result.details.budget).toBe(1100);
    expect(result.details.perVoterBudget).toBe(100);
    expect(result.details.filled).toEqual([]);
    expect(result.details.utilities).toBe("cost");
    expect(
      result.details.steps.map(({ project, cost, supporters }) => [project, cost, supporters]),
    ).toEqual([
      ["bike", 700, 7],
      ["playground", 200, 4],
      ["library", 100, 3],
    ]);
    expect(result.details.steps.map((step) => step.rho)).toEqual([100, 50, 100 / 3]);
    expect(result.ranking).toEqual(["bike", "playground", "library", "gym", "park"]);
    expect(result.ties).toEqual([]);
    expect(result.details.greedy).toEqual({ selected: ["bike", "gym"], spent: 1100 });
  });

  test("equalShares(ballots, costs, budget, {utilities: 'approval'}) funds the cheapest per supporter first", () => {
    // With approval utilities each step funds the smallest payment per supporter, ρ:
    // 1. library 100 / 3 = 33.33 (playground 50, park 50, gym 66.67, bike 100). Voters 7, 9, 10
    //    keep 66.67.
    // 2. park: 250 / 5 = 50, which voters 7 and 10 can pay; playground 200 / 4 = 50. Equal, so
    //    the cheaper, the playground. Voters 7, 9, 10 keep 16.67, voter 8 keeps 50.
    // 3. park: voters 7 and 10 pay their 16.67, voters 2, 4, 5 share 216.67: ρ = 72.22; gym
    //    400 / 6 = 66.67; bike 700 / 7 = 100. The gym. Voters 1-6 keep 33.33.
    // 4. park: 3 × 33.33 + 2 × 16.67 = 133.33 < 250; bike: 6 × 33.33 + 100 = 300 < 700. Stop.
    const result = equalShares(exampleBallots, exampleCosts, 1100, {
      utilities: "approval",
      completion: "none",
    });
    expect(result.details.selected).toEqual(["library", "playground", "gym"]);
    expect(result.details.spent).toBe(700);
    expect(result.details.steps.map((step) => step.rho)).toEqual([100 / 3, 50, 400 / 6]);
    // The tie at step 2 was settled by cost, not by the tie-break order.
    expect(result.ties).toEqual([]);
  });

  test("equalShares(ballots, costs, budget) gives a 30% minority about 30% of the budget", () => {
    // 10 voters share 100, 10 each. Seven approve A (40), B (40) and C (20); three approve D (30).
    // 1. A, B and C all have 7 effective votes; the cheapest, C, goes first: 20 / 7 each.
    // 2. A: the seven have 50 left, 40 / 7 each, 7 votes; D: 30 / 3 each, 3 votes. A.
    // 3. B: the seven have 10 left < 40. D: the three have exactly 30. D.
    // Spent 90; B does not fit in the 10 left, so the outcome is exhaustive.
    // Greedy funds A, B and C (7 approvals each, tie-break order) for 100 and nothing for D.
    const ballots: ApprovalBallot[] = [
      { count: 7, approved: ["A", "B", "C"] },
      { count: 3, approved: ["D"] },
    ];
    const costs = { A: 40, B: 40, C: 20, D: 30 };
    const result = equalShares(ballots, costs, 100);
    expect(result.details.selected).toEqual(["C", "A", "D"]);
    expect(result.details.spent).toBe(90);
    expect(result.ranking).toEqual(["C", "A", "D", "B"]);
    expect(result.details.greedy).toEqual({ selected: ["A", "B", "C"], spent: 100 });
    expect(greedyBudget(ballots, costs, 100)).toEqual({ selected: ["A", "B", "C"], spent: 100 });
  });

  test("equalShares(ballots, costs, budget) completes by add1, raising each voter's share until the outcome is exhaustive", () => {
    // Four voters share 100, 25 each. Voters 1 and 2 approve A (60), voters 3 and 4 B (40).
    // At 25 each only B is affordable (50 >= 40); A needs 60 from two voters, 30 each, which the
    // add1 rounds reach at a virtual budget of 100 + 20 × 1 = 120 (the default step is 1% of
    // the budget). There A and B each have 2 effective votes; B is cheaper and goes first. The
    // outcome costs exactly 100 and is exhaustive.
    const ballots: ApprovalBallot[] = [
      { count: 2, approved: ["A"] },
      { count: 2, approved: ["B"] },
    ];
    const costs = { A: 60, B: 40 };
    const completed = equalShares(ballots, costs, 100);
    expect(completed.details.selected).toEqual(["B", "A"]);
    expect(completed.details.spent).toBe(100);
    expect(completed.details.perVoterBudget).toBe(30);
    const single = equalShares(ballots, costs, 100, { completion: "none" });
    expect(single.details.selected).toEqual(["B"]);
    expect(single.details.perVoterBudget).toBe(25);
    // With a step of 4 per round (one unit per voter, as equalshares.net) the rounds go 104,
    // 108, ... and first reach 120 at the fifth.
    const coarse = equalShares(ballots, costs, 100, { completionStep: 4 });
    expect(coarse.details.perVoterBudget).toBe(30);
    // Capped at 10 rounds, add1 stops at a virtual budget of 110 with only B.
    const capped = equalShares(ballots, costs, 100, { maxCompletionRounds: 10 });
    expect(capped.details.perVoterBudget).toBe(27.5);
    // The greedy fill then funds A, which fits in the 60 left.
    expect(capped.details.steps.map((step) => step.project)).toEqual(["B"]);
    expect(capped.details.selected).toEqual(["B", "A"]);
    expect(capped.details.filled).toEqual(["A"]);
  });

  test("equalShares(ballots, costs, budget) keeps the last outcome within budget when add1 overshoots, then fills greedily", () => {
    // Four voters share 100. Voters 1 and 2 approve A (60), voters 3 and 4 B (60). Neither is
    // affordable at 25 each, nor at any virtual budget up to 119; at 120 both are, and together
    // they cost 120 > 100, so add1 keeps the outcome of the round before, at 119 (29.75 each),
    // which is empty. The greedy fill then funds A (2 approvals, tied with B, first in the
    // tie-break order); B no longer fits.
    const ballots: ApprovalBallot[] = [
      { count: 2, approved: ["A"] },
      { count: 2, approved: ["B"] },
    ];
    const costs = { A: 60, B: 60 };
    const result = equalShares(ballots, costs, 100);
    expect(result.details.steps).toEqual([]);
    expect(result.details.selected).toEqual(["A"]);
    expect(result.details.filled).toEqual(["A"]);
    expect(result.details.spent).toBe(60);
    expect(result.details.perVoterBudget).toBe(29.75);
    expect(result.winner).toBe("A");
    expect(result.ranking).toEqual(["A", "B"]);
    expect(result.ties).toEqual([["A", "B"]]);
    const drawn = equalShares(ballots, costs, 100, { tieBreak: ["B", "A"] });
    expect(drawn.details.selected).toEqual(["B"]);
    const add1Only = equalShares(ballots, costs, 100, { completion: "add1" });
    expect(add1Only.details.selected).toEqual([]);
    expect(add1Only.winner).toBeNull();
    expect(add1Only.ranking).toEqual(["A", "B"]);
  });

  test("equalShares(ballots, costs, budget, {tieBreak}) breaks ties of price, cost and approval by the tie-break order", () => {
    // X and Y are the same: cost 10, approved by all 4 voters, who share 10, so only one of them
    // can be funded.
    const ballots: ApprovalBallot[] = [{ count: 4, approved: ["X", "Y"] }];
    const result = equalShares(ballots, { X: 10, Y: 10 }, 10, { tieBreak: ["Y", "X"] });
    expect(result.details.selected).toEqual(["Y"]);
    expect(result.ties).toEqual([["Y", "X"]]);
    expect(result.ranking).toEqual(["Y", "X"]);
  });

  test("equalShares(ballots, costs, budget) funds every project when everyone approves everything and the budget covers them", () => {
    const costs = { a: 120, b: 80, c: 300, d: 5 };
    const ballots: ApprovalBallot[] = [{ count: 1234, approved: ["a", "b", "c", "d"] }];
    for (const utilities of ["cost", "approval"] as const) {
      const result = equalShares(ballots, costs, 505, { utilities, completion: "none" });
      expect([...result.details.selected].sort()).toEqual(["a", "b", "c", "d"]);
      expect(result.details.spent).toBe(505);
    }
  });

  test("equalShares(ballots, costs, budget) agrees with a voter-by-voter reference (random elections)", () => {
    const random = new Random(4242);
    for (let trial = 0; trial < 150; trial += 1) {
      const { ballots, costs, budget } = randomElection(random);
      const small = ballots.map((ballot) => ({ ...ballot, count: 1 + (ballot.count % 5) }));
      for (const utilities of ["cost", "approval"] as const) {
        const result = equalShares(small, costs, budget, { utilities, completion: "none" });
        expect(result.details.selected).toEqual(
          referenceEqualShares(small, costs, budget, utilities),
        );
      }
    }
  });

  test("equalShares(ballots, costs, budget) never spends more than the budget and ends exhaustive (random elections)", () => {
    const random = new Random(2020);
    for (let trial = 0; trial < 300; trial += 1) {
      const { ballots, costs, budget } = randomElection(random);
      const utilities = random.next() < 0.5 ? "cost" : "approval";
      const result = equalShares(ballots, costs, budget, { utilities });
      const { selected, spent, greedy, steps } = result.details;
      expect(spent).toBeLessThanOrEqual(budget);
      expect(spent).toBe(selected.reduce((sum, project) => sum + costs[project]!, 0));
      expect(new Set(selected).size).toBe(selected.length);
      expect(greedy.spent).toBeLessThanOrEqual(budget);
      expect(steps.map((step) => step.project)).toEqual(selected.slice(0, steps.length));
      // Every approved project left out is too dear for what is left.
      const approved = new Set(ballots.flatMap((ballot) => ballot.approved));
      for (const project of Object.keys(costs)) {
        if (approved.has(project) && !selected.includes(project)) {
          expect(spent + costs[project]!).toBeGreaterThan(budget);
        }
      }
      expect([...result.ranking].sort()).toEqual(Object.keys(costs).sort());
    }
  });

  test("equalShares(ballots, costs, budget) does not change when every count is scaled", () => {
    const random = new Random(77);
    for (let trial = 0; trial < 100; trial += 1) {
      const { ballots, costs, budget } = randomElection(random);
      const base = equalShares(ballots, costs, budget);
      for (const factor of [3, 0.25, 1000]) {
        const scaled = equalShares(
          ballots.map((ballot) => ({ ...ballot, count: ballot.count * factor })),
          costs,
          budget,
        );
        expect(scaled.details.selected).toEqual(base.details.selected);
        expect(scaled.ranking).toEqual(base.ranking);
      }
    }
  });

  test("equalShares(ballots, costs, budget) works on a million voters in a few thousand ballots without expanding them", () => {
    const random = new Random(1);
    const costs: Record<string, number> = {};
    for (let project = 0; project < 60; project += 1) {
      costs[`project-${project}`] = random.integer(10_000, 400_000);
    }
    const projects = Object.keys(costs);
    const ballots: ApprovalBallot[] = [];
    let voters = 0;
    for (let ballot = 0; ballot < 3000; ballot += 1) {
      const count = random.integer(1, 660);
      voters += count;
      ballots.push({ count, approved: projects.filter(() => random.next() < 0.1) });
    }
    expect(voters).toBeGreaterThan(900_000);
    const started = performance.now();
    const result = equalShares(ballots, costs, 3_000_000);
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(result.details.spent).toBeLessThanOrEqual(3_000_000);
    expect(result.details.selected.length).toBeGreaterThan(5);
  });

  test("equalShares(no ballots) funds nothing and ranks every project in one tie", () => {
    const result = equalShares([], { b: 10, a: 20 }, 100);
    expect(result.winner).toBeNull();
    expect(result.ranking).toEqual(["a", "b"]);
    expect(result.ties).toEqual([["a", "b"]]);
    expect(result.details).toMatchObject({ selected: [], spent: 0, perVoterBudget: null });
    expect(equalShares([], {}, 100)).toMatchObject({ winner: null, ranking: [], ties: [] });
  });

  test("equalShares(ballots) never funds a project nobody approves", () => {
    const result = equalShares([{ count: 5, approved: ["a"] }], { a: 10, b: 10 }, 100);
    expect(result.details.selected).toEqual(["a"]);
    expect(result.details.greedy.selected).toEqual(["a"]);
  });

  test("equalShares(ballots, costs, budget) throws an InputError for bad costs, budget, ballots or options", () => {
    const ballots: ApprovalBallot[] = [{ count: 1, approved: ["a"] }];
    for (const cost of [0, -5, Number.NaN, Infinity]) {
      expect(() => equalShares(ballots, { a: cost }, 10)).toThrow(InputError);
    }
    expect(() => equalShares(ballots, { a: 0 }, 10)).toThrow(/project "a" costs 0/);
    for (const budget of [0, -1, Number.NaN, Infinity]) {
      expect(() => equalShares(ballots, { a: 1 }, budget)).toThrow(InputError);
    }
    expect(() => equalShares([{ count: 1, approved: ["z"] }], { a: 1, b: 2 }, 10)).toThrow(
      /"z", which is not an option; expected one of a, b/,
    );
    expect(() => equalShares([{ count: 1, approved: ["a", "a"] }], { a: 1 }, 10)).toThrow(
      /approves "a" twice/,
    );
    expect(() => equalShares([{ count: 0, approved: [] }], { a: 1 }, 10)).toThrow(InputError);
    expect(() => equalShares(ballots, { a: 1 }, 10, { completionStep: 0 })).toThrow(
      /completion step/,
    );
    expect(() => equalShares(ballots, { a: 1 }, 10, { maxCompletionRounds: 1.5 })).toThrow(
      InputError,
    );
    expect(() => equalShares(ballots, { a: 1 }, 10, { tieBreak: ["b"] })).toThrow(InputError);
    const unchecked = { utilities: "welfare" } as unknown as EqualSharesOptions;
    expect(() => equalShares(ballots, { a: 1 }, 10, unchecked)).toThrow(/unknown utilities/);
  });
});

describe("greedyBudget", () => {
  test("greedyBudget(ballots, costs, budget) skips a project that no longer fits and goes on to cheaper ones", () => {
    // By approval: A (5, cost 70), B (4, 50), C (3, 30). A fits (70); B does not (120 > 100);
    // C does (100).
    const ballots: ApprovalBallot[] = [
      { count: 3, approved: ["A", "B", "C"] },
      { count: 1, approved: ["A", "B"] },
      { count: 1, approved: ["A"] },
    ];
    expect(greedyBudget(ballots, { A: 70, B: 50, C: 30 }, 100)).toEqual({
      selected: ["A", "C"],
      spent: 100,
    });
  });

  test("greedyBudget(ballots, costs, budget) never spends more than the budget (random elections)", () => {
    const random = new Random(5);
    for (let trial = 0; trial < 300; trial += 1) {
      const { ballots, costs, budget } = randomElection(random);
      const { selected, spent } = greedyBudget(ballots, costs, budget);
      expect(spent).toBeLessThanOrEqual(budget);
      expect(spent).toBe(selected.reduce((sum, project) => sum + costs[project]!, 0));
    }
  });

  test("greedyBudget(ballots, costs, budget, tieBreak) orders equal approval by the tie-break order", () => {
    const ballots: ApprovalBallot[] = [{ count: 2, approved: ["A", "B"] }];
    expect(greedyBudget(ballots, { A: 6, B: 6 }, 10).selected).toEqual(["A"]);
    expect(greedyBudget(ballots, { A: 6, B: 6 }, 10, ["B", "A"]).selected).toEqual(["B"]);
  });
});
