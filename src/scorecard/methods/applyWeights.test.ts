import { describe, expect, test } from "vitest";
import { applyWeights } from "./applyWeights.js";
import type { GoalSpec } from "./types.js";

const framework: readonly GoalSpec[] = [
  {
    id: "prosperity",
    weight: 2,
    goals: [
      {
        id: "productivity",
        weight: 3,
        indicators: [{ id: "gva_per_head", polarity: 1, weight: 4 }],
      },
      {
        id: "pay",
        weight: 1,
        indicators: [
          { id: "median_pay", polarity: 1, weight: 2 },
          { id: "low_pay_share", polarity: -1, weight: 1, goalposts: { lower: 0, upper: 50 } },
        ],
      },
    ],
  },
  { id: "sustainability", weight: 1, indicators: [{ id: "co2", polarity: -1, weight: 5 }] },
];

function weightsOf(goals: readonly GoalSpec[]): Record<string, number> {
  const weights: Record<string, number> = {};
  const visit = (list: readonly GoalSpec[]): void => {
    for (const goal of list) {
      weights[goal.id] = goal.weight;
      for (const indicator of goal.indicators ?? []) weights[indicator.id] = indicator.weight;
      if (goal.goals !== undefined) visit(goal.goals);
    }
  };
  visit(goals);
  return weights;
}

describe("applyWeights", () => {
  test("applyWeights(goals, explicit) returns an equal copy", () => {
    const result = applyWeights(framework, { method: "explicit" });
    expect(result).toEqual(framework);
    expect(result).not.toBe(framework);
    expect(result[0]!.goals![1]!.indicators![1]!.goalposts).not.toBe(
      framework[0]!.goals![1]!.indicators![1]!.goalposts,
    );
  });

  test("applyWeights(goals, equal) sets every goal and indicator at every level to 1", () => {
    const weights = weightsOf(applyWeights(framework, { method: "equal" }));
    expect(Object.values(weights)).toEqual(Array(Object.keys(weights).length).fill(1));
    expect(Object.keys(weights)).toHaveLength(8);
  });

  test("applyWeights(goals, priority) overrides the ids it names and keeps the others", () => {
    const result = applyWeights(framework, {
      method: "priority",
      weights: { sustainability: 3, pay: 0, co2: 2 },
    });
    expect(weightsOf(result)).toEqual({
      prosperity: 2,
      productivity: 3,
      gva_per_head: 4,
      pay: 0,
      median_pay: 2,
      low_pay_share: 1,
      sustainability: 3,
      co2: 2,
    });
    expect(weightsOf(framework).sustainability).toBe(1);
  });

  test("applyWeights(goals, priority) throws for an id the framework does not have", () => {
    expect(() =>
      applyWeights(framework, { method: "priority", weights: { prosperty: 2 } }),
    ).toThrow(/"prosperty"/);
  });

  test("applyWeights(goals, priority) throws for a negative weight", () => {
    expect(() =>
      applyWeights(framework, { method: "priority", weights: { prosperity: -1 } }),
    ).toThrow(/non-negative/);
  });

  test("applyWeights([], equal) returns an empty list", () => {
    expect(applyWeights([], { method: "equal" })).toEqual([]);
  });
});
