import type { GoalSpec, IndicatorSpec, WeightScheme } from "./types.js";

/**
 * Sets the weights of a framework's goals and indicators, at every level, by a scheme:
 *
 * - `explicit`: the weights as written.
 * - `equal`: every goal and indicator weighs 1, so siblings weigh alike at every level (the
 *   Handbook's "equal weighting" within each goal).
 * - `priority`: a priority weight set `{ goal_or_indicator_id: weight }`, such as the
 *   participation capability produces, overrides the weight of every goal or indicator it
 *   names; the others keep theirs.
 *
 * Weights are relative within each goal (only their ratios matter), so a set need not sum to
 * anything in particular.
 *
 * @param goals The framework's top-level goals.
 * @param scheme The scheme.
 * @returns A new tree; the input is not changed.
 * @throws RangeError when a priority weight is negative or not finite, or names an id the
 *   framework does not have (most likely a typing error or a set made for another framework).
 */
export function applyWeights(goals: readonly GoalSpec[], scheme: WeightScheme): GoalSpec[] {
  let weightOf: (id: string, weight: number) => number;
  switch (scheme.method) {
    case "explicit":
      weightOf = (_id, weight) => weight;
      break;
    case "equal":
      weightOf = () => 1;
      break;
    case "priority": {
      const priorities = scheme.weights;
      for (const [id, weight] of Object.entries(priorities)) {
        if (!Number.isFinite(weight) || weight < 0) {
          throw new RangeError(
            `applyWeights: the priority weight of "${id}" is ${weight}; weights must be non-negative`,
          );
        }
      }
      const known = new Set<string>();
      collectIds(goals, known);
      const unknown = Object.keys(priorities).filter((id) => !known.has(id));
      if (unknown.length > 0) {
        throw new RangeError(
          `applyWeights: the priority weight set names ${unknown.map((id) => `"${id}"`).join(", ")}, ` +
            "which the framework does not have",
        );
      }
      weightOf = (id, weight) => (Object.hasOwn(priorities, id) ? priorities[id]! : weight);
      break;
    }
    default: {
      const unknown: never = scheme;
      throw new RangeError(`applyWeights: unknown method ${JSON.stringify(unknown)}`);
    }
  }
  const copyIndicator = (indicator: IndicatorSpec): IndicatorSpec => ({
    ...indicator,
    ...(indicator.goalposts === undefined ? {} : { goalposts: { ...indicator.goalposts } }),
    weight: weightOf(indicator.id, indicator.weight),
  });
  const copyGoal = (goal: GoalSpec): GoalSpec => {
    const copy: GoalSpec = { ...goal, weight: weightOf(goal.id, goal.weight) };
    if (goal.goals !== undefined) copy.goals = goal.goals.map(copyGoal);
    if (goal.indicators !== undefined) copy.indicators = goal.indicators.map(copyIndicator);
    return copy;
  };
  return goals.map(copyGoal);
}

function collectIds(goals: readonly GoalSpec[], into: Set<string>): void {
  for (const goal of goals) {
    into.add(goal.id);
    for (const indicator of goal.indicators ?? []) into.add(indicator.id);
    if (goal.goals !== undefined) collectIds(goal.goals, into);
  }
}
