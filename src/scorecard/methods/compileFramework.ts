import type { GoalSpec, IndicatorSpec } from "./types.js";

/**
 * A framework flattened for fast scoring. Nodes are numbered: the framework's indicators (the
 * leaves) first, 0 to `leaves.length - 1`, then the goals, goal g being node
 * `leaves.length + g`.
 */
export interface CompiledFramework {
  /** The framework's indicators, depth first in the order written. */
  leaves: readonly IndicatorSpec[];
  /** The column of each leaf in the input's `indicatorIds`. */
  leafColumns: Int32Array;
  /** The goal ids, every goal after its sub-goals (post-order), so goals can be scored in order. */
  goalIds: readonly string[];
  /** The goal indices in the order written (pre-order), for reporting. */
  goalsAsWritten: Int32Array;
  /** The child nodes of each goal. */
  goalChildren: readonly Int32Array[];
  /** The nodes of the top-level goals. */
  rootChildren: Int32Array;
  /** The weight of every node in its parent, indexed by node. */
  weights: Float64Array;
}

/**
 * Checks a framework against the indicators given and flattens it for scoring.
 *
 * @param goals The framework's top-level goals.
 * @param indicatorIds The input's indicator columns.
 * @returns The compiled framework.
 * @throws RangeError for an empty framework or goal, a goal with both or neither of goals and
 *   indicators, an id used twice, an indicator not among `indicatorIds`, a bad polarity, or a
 *   negative or non-finite weight.
 */
export function compileFramework(
  goals: readonly GoalSpec[],
  indicatorIds: readonly string[],
): CompiledFramework {
  if (goals.length === 0) throw new RangeError("compositeIndex: the framework has no goals");
  const columnOf = new Map<string, number>();
  indicatorIds.forEach((id, column) => {
    if (!columnOf.has(id)) columnOf.set(id, column);
  });
  const seen = new Set<string>();
  const claim = (id: string): void => {
    if (seen.has(id)) {
      throw new RangeError(`compositeIndex: the id "${id}" is used twice in the framework`);
    }
    seen.add(id);
  };
  const checkWeight = (id: string, weight: number): void => {
    if (!Number.isFinite(weight) || weight < 0) {
      throw new RangeError(`compositeIndex: the weight of "${id}" is ${weight}; it must be >= 0`);
    }
  };

  const leaves: IndicatorSpec[] = [];
  const leafColumns: number[] = [];
  const leafWeights: number[] = [];
  const goalIds: string[] = [];
  const goalWeights: number[] = [];
  const goalChildren: { leaves: number[]; goals: number[] }[] = [];
  const asWritten: number[] = [];
  // Goals get their numbers after their sub-goals (post-order); the pre-order position is
  // remembered through a placeholder filled in once the goal is numbered.
  const visit = (goal: GoalSpec): number => {
    claim(goal.id);
    checkWeight(goal.id, goal.weight);
    const hasGoals = goal.goals !== undefined;
    const hasIndicators = goal.indicators !== undefined;
    if (hasGoals === hasIndicators) {
      throw new RangeError(
        `compositeIndex: the goal "${goal.id}" must hold either goals or indicators, not both or neither`,
      );
    }
    const writtenSlot = asWritten.length;
    asWritten.push(-1);
    const children = { leaves: [] as number[], goals: [] as number[] };
    if (goal.indicators !== undefined) {
      if (goal.indicators.length === 0) {
        throw new RangeError(`compositeIndex: the goal "${goal.id}" has no indicators`);
      }
      for (const indicator of goal.indicators) {
        claim(indicator.id);
        checkWeight(indicator.id, indicator.weight);
        if (indicator.polarity !== 1 && indicator.polarity !== -1) {
          throw new RangeError(
            `compositeIndex: the polarity of "${indicator.id}" is ${String(indicator.polarity)}; it must be 1 or -1`,
          );
        }
        const column = columnOf.get(indicator.id);
        if (column === undefined) {
          throw new RangeError(
            `compositeIndex: the indicator "${indicator.id}" is not among the input's indicators`,
          );
        }
        children.leaves.push(leaves.length);
        leaves.push(indicator);
        leafColumns.push(column);
        leafWeights.push(indicator.weight);
      }
    } else {
      if (goal.goals!.length === 0) {
        throw new RangeError(`compositeIndex: the goal "${goal.id}" has no sub-goals`);
      }
      for (const subGoal of goal.goals!) children.goals.push(visit(subGoal));
    }
    const index = goalIds.length;
    goalIds.push(goal.id);
    goalWeights.push(goal.weight);
    goalChildren.push(children);
    asWritten[writtenSlot] = index;
    return index;
  };
  const topGoals = goals.map(visit);

  const leafCount = leaves.length;
  const weights = new Float64Array(leafCount + goalIds.length);
  weights.set(leafWeights, 0);
  weights.set(goalWeights, leafCount);
  return {
    leaves,
    leafColumns: Int32Array.from(leafColumns),
    goalIds,
    goalsAsWritten: Int32Array.from(asWritten),
    goalChildren: goalChildren.map((children) =>
      Int32Array.from([...children.leaves, ...children.goals.map((goal) => leafCount + goal)]),
    ),
    rootChildren: Int32Array.from(topGoals, (goal) => leafCount + goal),
    weights,
  };
}
