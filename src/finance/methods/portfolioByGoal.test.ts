import { describe, expect, test } from "vitest";
import { appraisalCriteria } from "./appraisal.js";
import { criterionGoals, portfolioByGoal, type GoalProject } from "./portfolioByGoal.js";

const project = (overrides: Partial<GoalProject> = {}): GoalProject => ({
  fraction: 1,
  amount: 1_000_000,
  jobs: 10,
  jobsSafeguarded: 2,
  jobsNoDegree: 6,
  co2Change: -50,
  localSpendShare: 0.5,
  leftBehind: true,
  score: 60,
  baseScore: 40,
  contributions: [
    { criterion: "jobsPerPound", contribution: 10 },
    { criterion: "jobsNoDegree", contribution: 10 },
    { criterion: "co2PerPound", contribution: 20 },
  ],
  ...overrides,
});

describe("portfolioByGoal", () => {
  test("portfolioByGoal shares each score over its criteria's goals and adds up the outcomes (worked example)", () => {
    // Score 60 on a base of 40 scales each contribution by 1.5: jobs 15, equality 15,
    // sustainability 30. Half of a second, identical project adds half of everything again.
    const report = portfolioByGoal([project(), project({ fraction: 0.5, leftBehind: false })]);
    const byGoal = Object.fromEntries(report.map((item) => [item.goal, item]));
    expect(byGoal.jobs!.impact).toBeCloseTo(22.5, 12);
    expect(byGoal.equality!.impact).toBeCloseTo(22.5, 12);
    expect(byGoal.sustainability!.impact).toBeCloseTo(45, 12);
    expect(byGoal.prosperity!.impact).toBe(0);
    expect(byGoal.jobs!.measures).toEqual([
      { measure: "jobs created", value: 15 },
      { measure: "jobs safeguarded", value: 3 },
    ]);
    expect(byGoal.equality!.measures).toEqual([
      { measure: "jobs open without a degree", value: 9 },
      { measure: "pounds in left-behind places", value: 1_000_000 },
    ]);
    expect(byGoal.prosperity!.measures).toEqual([
      { measure: "pounds spent with local suppliers", value: 750_000 },
    ]);
    expect(byGoal.sustainability!.measures).toEqual([
      { measure: "tonnes of CO2 cut a year", value: 75 },
    ]);
  });

  test("portfolioByGoal's impacts add up to the sum of the funded scores", () => {
    const projects = [
      project(),
      project({ fraction: 0.3, score: 12, baseScore: 40 }),
      project({
        score: 5,
        baseScore: 5,
        contributions: [
          { criterion: "localSpend", contribution: 3 },
          { criterion: "deprivation", contribution: 2 },
        ],
      }),
    ];
    const total = portfolioByGoal(projects).reduce((sum, item) => sum + item.impact, 0);
    expect(total).toBeCloseTo(60 + 0.3 * 12 + 5, 10);
  });

  test("portfolioByGoal of nothing is zero everywhere, and unknown outcomes count as nothing", () => {
    for (const item of portfolioByGoal([])) {
      expect(item.impact).toBe(0);
      expect(item.measures.every((measure) => measure.value === 0)).toBe(true);
    }
    const unknown = portfolioByGoal([
      project({ co2Change: null, localSpendShare: null, jobsNoDegree: null, baseScore: 0 }),
    ]);
    expect(unknown.every((item) => item.impact === 0)).toBe(true);
    expect(unknown.find((item) => item.goal === "prosperity")!.measures[0]!.value).toBe(0);
  });

  test("criterionGoals gives every appraisal criterion a goal", () => {
    expect(Object.keys(criterionGoals).sort()).toEqual([...appraisalCriteria].sort());
  });
});
