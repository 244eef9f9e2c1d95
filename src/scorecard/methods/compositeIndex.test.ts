import { describe, expect, test } from "vitest";
import { Random } from "../../demo/random.js";
import { aggregate } from "./aggregate.js";
import { applyWeights } from "./applyWeights.js";
import { compositeIndex } from "./compositeIndex.js";
import type {
  Aggregation,
  CompositeInput,
  CompositeOptions,
  GoalSpec,
  Normalisation,
} from "./types.js";

/**
 * The worked example: 3 places, GVA per head (higher is better) and CO2 per head (lower is
 * better), each the only indicator of its goal, equal weights.
 *
 *   place   gva   co2
 *   A       20    4
 *   B       30    8
 *   C       40    6
 */
const example: CompositeInput = {
  placeCount: 3,
  indicatorIds: ["gva", "co2"],
  values: Float64Array.from([20, 4, 30, 8, 40, 6]),
  goals: [
    { id: "prosperity", weight: 1, indicators: [{ id: "gva", polarity: 1, weight: 1 }] },
    { id: "sustainability", weight: 1, indicators: [{ id: "co2", polarity: -1, weight: 1 }] },
  ],
};

function options(
  normalisation: Normalisation["method"] = "minMax",
  aggregation: Aggregation["method"] = "arithmetic",
  extra: Partial<CompositeOptions> = {},
): CompositeOptions {
  return {
    normalisation: { method: normalisation } as Normalisation,
    aggregation: { method: aggregation },
    imputation: { method: "none" },
    minimumCoverage: 0,
    ...extra,
  };
}

function expectClose(actual: ArrayLike<number>, expected: readonly number[], digits = 9): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, index) => {
    if (Number.isNaN(value)) expect(actual[index]).toBeNaN();
    else expect(actual[index]).toBeCloseTo(value, digits);
  });
}

describe("compositeIndex", () => {
  test("compositeIndex(example, minMax, arithmetic) averages the min-max scores", () => {
    // gva: (x - 20) / 20 * 100 = 0, 50, 100; co2 (lower is better): (8 - x) / 4 * 100 = 100, 0, 50
    // overall: (0 + 100) / 2 = 50, (50 + 0) / 2 = 25, (100 + 50) / 2 = 75
    const result = compositeIndex(example, options());
    expectClose(result.normalised, [0, 100, 50, 0, 100, 50]);
    expectClose(result.goalScores.get("prosperity")!, [0, 50, 100]);
    expectClose(result.goalScores.get("sustainability")!, [100, 0, 50]);
    expectClose(result.scores, [50, 25, 75]);
    expect(Array.from(result.ranks)).toEqual([2, 3, 1]);
    expect(Array.from(result.coverage)).toEqual([1, 1, 1]);
  });

  test("compositeIndex(example, zScore, arithmetic) averages the z-scores", () => {
    // gva: mean 30, sample sd 10: -1, 0, 1; co2: mean 6, sample sd 2, reversed: 1, -1, 0
    // overall: 0, -0.5, 0.5
    const result = compositeIndex(example, options("zScore"));
    expectClose(result.normalised, [-1, 1, 0, -1, 1, 0]);
    expectClose(result.scores, [0, -0.5, 0.5]);
    expect(Array.from(result.ranks)).toEqual([2, 3, 1]);
  });

  test("compositeIndex(example, rank, arithmetic) averages the scaled ranks", () => {
    // gva ranks 1, 2, 3 -> 0, 50, 100; co2 reversed: 4 best -> 100, 8 worst -> 0, 6 -> 50
    const result = compositeIndex(example, options("rank"));
    expectClose(result.scores, [50, 25, 75]);
  });

  test("compositeIndex(example, distanceToReference, arithmetic) measures from the reference place", () => {
    // reference B: gva 100 x / 30 = 66.67, 100, 133.33;
    // co2 100 (1 - (x - 8) / 8) = 150, 100, 125; overall 108.33, 100, 129.17
    const result = compositeIndex(example, {
      ...options(),
      normalisation: { method: "distanceToReference", referenceIndex: 1 },
    });
    expectClose(result.scores, [(200 / 3 + 150) / 2, 100, (400 / 3 + 125) / 2]);
  });

  test("compositeIndex(example, distanceToTarget, arithmetic) caps each indicator at its target", () => {
    // gva target 30: 100 * 20 / 30 = 66.67, 100, 100; co2 target 6 (lower is better):
    // 4 -> 100, 8 is 1/3 over -> 66.67, 6 -> 100; overall 83.33, 83.33, 100
    const input: CompositeInput = {
      ...example,
      goals: [
        {
          id: "prosperity",
          weight: 1,
          indicators: [{ id: "gva", polarity: 1, weight: 1, target: 30 }],
        },
        {
          id: "sustainability",
          weight: 1,
          indicators: [{ id: "co2", polarity: -1, weight: 1, target: 6 }],
        },
      ],
    };
    const result = compositeIndex(input, options("distanceToTarget"));
    expectClose(result.scores, [250 / 3, 250 / 3, 100]);
    expect(Array.from(result.ranks)).toEqual([2, 2, 1]);
  });

  test("compositeIndex(example, goalposts, arithmetic) scales between the goalposts", () => {
    // gva goalposts 0..50: 40, 60, 80; co2 goalposts 0..10 reversed: 60, 20, 40; overall 50, 40, 60
    const input: CompositeInput = {
      ...example,
      goals: [
        {
          id: "prosperity",
          weight: 1,
          indicators: [{ id: "gva", polarity: 1, weight: 1, goalposts: { lower: 0, upper: 50 } }],
        },
        {
          id: "sustainability",
          weight: 1,
          indicators: [{ id: "co2", polarity: -1, weight: 1, goalposts: { lower: 0, upper: 10 } }],
        },
      ],
    };
    expectClose(compositeIndex(input, options("goalposts")).scores, [50, 40, 60]);
  });

  test("compositeIndex(example, minMax, geometric) shifts 0..100 onto 1..100 before the geometric mean", () => {
    // 1 + 0.99 y: gva 1, 50.5, 100; co2 100, 1, 50.5
    // overall sqrt(1 * 100) = 10, sqrt(50.5 * 1) = 7.1063, sqrt(100 * 50.5) = 71.0634
    const result = compositeIndex(example, options("minMax", "geometric"));
    expectClose(result.goalScores.get("prosperity")!, [1, 50.5, 100]);
    expectClose(result.scores, [10, Math.sqrt(50.5), Math.sqrt(5050)]);
    expect(Array.from(result.ranks)).toEqual([2, 3, 1]);
    // The normalised matrix is reported before the shift.
    expectClose(result.normalised, [0, 100, 50, 0, 100, 50]);
  });

  test("compositeIndex(example, zScore, geometric) uses 100 + 10 z", () => {
    // gva 90, 100, 110; co2 110, 90, 100; overall sqrt(9900), sqrt(9000), sqrt(11000)
    const result = compositeIndex(example, options("zScore", "geometric"));
    expectClose(result.scores, [Math.sqrt(9900), Math.sqrt(9000), Math.sqrt(11000)]);
  });

  test("compositeIndex(example, minMax, mazziottaPareto) standardises to mean 100, sd 10 and penalises imbalance", () => {
    // gva min-max 0, 50, 100: mean 50, population sd sqrt(5000 / 3) = 40.82, so
    // 100 + 10 (y - 50) / 40.82 = 87.75, 100, 112.25 (10 sqrt(1.5) = 12.247); co2: 112.25, 87.75, 100.
    // Each goal has one indicator, so the goal scores are these; restandardising them changes
    // nothing. A: M = 100, S^2 = 150, MPI = 100 - 150/100 = 98.5.
    // B: M = 100 - 12.247/2 = 93.876, S^2 = 37.5, MPI = 93.876 - 37.5/93.876.
    // C: M = 106.124, S^2 = 37.5, MPI = 106.124 - 37.5/106.124.
    const step = 10 * Math.sqrt(1.5);
    const result = compositeIndex(example, options("minMax", "mazziottaPareto"));
    expectClose(result.goalScores.get("prosperity")!, [100 - step, 100, 100 + step]);
    expectClose(result.goalScores.get("sustainability")!, [100 + step, 100 - step, 100]);
    const low = 100 - step / 2;
    const high = 100 + step / 2;
    expectClose(result.scores, [98.5, low - 37.5 / low, high - 37.5 / high]);
    expect(Array.from(result.ranks)).toEqual([2, 3, 1]);
  });

  test("compositeIndex(nested framework) aggregates every level and reports every goal", () => {
    const random = new Random(2);
    const placeCount = 12;
    const indicatorIds = ["a", "b", "c", "d", "e"];
    const values = Float64Array.from({ length: placeCount * 5 }, () => random.uniform(0, 50));
    const goals: GoalSpec[] = [
      {
        id: "economy",
        weight: 2,
        goals: [
          {
            id: "output",
            weight: 1,
            indicators: [
              { id: "a", polarity: 1, weight: 1 },
              { id: "b", polarity: -1, weight: 3 },
            ],
          },
          { id: "work", weight: 3, indicators: [{ id: "c", polarity: 1, weight: 1 }] },
        ],
      },
      {
        id: "planet",
        weight: 1,
        indicators: [
          { id: "d", polarity: -1, weight: 1 },
          { id: "e", polarity: 1, weight: 1 },
        ],
      },
    ];
    for (const method of ["arithmetic", "geometric"] as const) {
      const result = compositeIndex(
        { placeCount, indicatorIds, values, goals },
        options("minMax", method),
      );
      expect([...result.goalScores.keys()]).toEqual(["economy", "output", "work", "planet"]);
      // With the shift onto 1..100 for the geometric mean, as documented.
      const shifted = (value: number) => (method === "geometric" ? 1 + 0.99 * value : value);
      for (let place = 0; place < placeCount; place += 1) {
        const row = (column: number) => shifted(result.normalised[place * 5 + column]!);
        const aggregation: Aggregation = { method };
        const output = aggregate([row(0), row(1)], [1, 3], aggregation);
        const work = aggregate([row(2)], [1], aggregation);
        const economy = aggregate([output, work], [1, 3], aggregation);
        const planet = aggregate([row(3), row(4)], [1, 1], aggregation);
        const overall = aggregate([economy, planet], [2, 1], aggregation);
        expect(result.goalScores.get("output")![place]).toBeCloseTo(output, 9);
        expect(result.goalScores.get("economy")![place]).toBeCloseTo(economy, 9);
        expect(result.goalScores.get("planet")![place]).toBeCloseTo(planet, 9);
        expect(result.scores[place]).toBeCloseTo(overall, 9);
      }
    }
  });

  test("compositeIndex(nested framework, mazziottaPareto) restandardises each goal before its parent", () => {
    const random = new Random(6);
    const placeCount = 9;
    const indicatorIds = ["a", "b", "c"];
    const values = Float64Array.from({ length: placeCount * 3 }, () => random.uniform(0, 50));
    const goals: GoalSpec[] = [
      {
        id: "economy",
        weight: 1,
        goals: [
          {
            id: "output",
            weight: 1,
            indicators: [
              { id: "a", polarity: 1, weight: 1 },
              { id: "b", polarity: 1, weight: 2 },
            ],
          },
          { id: "work", weight: 1, indicators: [{ id: "c", polarity: -1, weight: 1 }] },
        ],
      },
    ];
    const result = compositeIndex(
      { placeCount, indicatorIds, values, goals },
      options("minMax", "mazziottaPareto"),
    );
    // Mean 100 and population standard deviation 10 across places.
    const standardise = (column: number[]): number[] => {
      const mean = column.reduce((sum, value) => sum + value, 0) / column.length;
      const sd = Math.sqrt(
        column.reduce((sum, value) => sum + (value - mean) ** 2, 0) / column.length,
      );
      return column.map((value) => 100 + (10 * (value - mean)) / sd);
    };
    const column = (index: number) =>
      standardise(
        Array.from({ length: placeCount }, (_, place) => result.normalised[place * 3 + index]!),
      );
    const [a, b, c] = [column(0), column(1), column(2)];
    const mpi: Aggregation = { method: "mazziottaPareto" };
    const output = a.map((_, place) => aggregate([a[place]!, b[place]!], [1, 2], mpi));
    const work = c;
    const outputStandardised = standardise(output);
    const workStandardised = standardise(work);
    const economy = output.map((_, place) =>
      aggregate([outputStandardised[place]!, workStandardised[place]!], [1, 1], mpi),
    );
    expectClose(result.goalScores.get("output")!, output);
    expectClose(result.goalScores.get("economy")!, economy);
    // The overall score aggregates the one top-level goal, restandardised: a single child.
    expectClose(result.scores, standardise(economy));
  });

  test("compositeIndex(places below the minimum coverage) screens them out of scores and normalisation", () => {
    // Place D has 1 of 3 indicators (coverage 1/3 < 0.5) and an extreme value that would stretch
    // the min-max scale of x if it took part.
    const input: CompositeInput = {
      placeCount: 4,
      indicatorIds: ["x", "y", "z"],
      values: Float64Array.from([0, 1, 1, 10, 2, 2, 20, NaN, 3, 1000, NaN, NaN]),
      goals: [
        {
          id: "all",
          weight: 1,
          indicators: [
            { id: "x", polarity: 1, weight: 1 },
            { id: "y", polarity: 1, weight: 1 },
            { id: "z", polarity: 1, weight: 1 },
          ],
        },
      ],
    };
    const result = compositeIndex(input, options("minMax", "arithmetic", { minimumCoverage: 0.5 }));
    expectClose(result.coverage, [1, 1, 2 / 3, 1 / 3]);
    // x over A, B, C: 0, 50, 100; y over A, B: 0, 100; z: 0, 50, 100.
    // A: 0; B: (50 + 100 + 50) / 3; C: y missing, so (100 + 100) / 2 = 100.
    expectClose(result.scores, [0, 200 / 3, 100, NaN]);
    expect(Array.from(result.ranks)).toEqual([3, 2, 1, NaN]);
    expectClose(result.normalised.subarray(9, 12), [NaN, NaN, NaN]);
    expect(result.goalScores.get("all")![3]).toBeNaN();
  });

  test("compositeIndex(missing values, mean imputation) fills from the other places' raw values", () => {
    // y is missing for C; the mean of A and B's raw y (1 and 3) is 2, so y = 1, 3, 2 -> 0, 100, 50.
    const input: CompositeInput = {
      placeCount: 3,
      indicatorIds: ["x", "y"],
      values: Float64Array.from([0, 1, 10, 3, 20, NaN]),
      goals: [
        {
          id: "all",
          weight: 1,
          indicators: [
            { id: "x", polarity: 1, weight: 1 },
            { id: "y", polarity: 1, weight: 1 },
          ],
        },
      ],
    };
    const imputed = compositeIndex(input, {
      ...options(),
      imputation: { method: "mean" },
    });
    expectClose(imputed.normalised, [0, 0, 50, 100, 100, 50]);
    expectClose(imputed.scores, [0, 75, 75]);
    // Coverage counts observed values, before imputation.
    expectClose(imputed.coverage, [1, 1, 0.5]);
    // Without imputation C's missing y is skipped: its score is its x, 100.
    const skipped = compositeIndex(input, options());
    expectClose(skipped.scores, [0, 75, 100]);
  });

  test("compositeIndex(no places) returns empty results", () => {
    const result = compositeIndex(
      { ...example, placeCount: 0, values: new Float64Array(0) },
      options(),
    );
    expect(result.scores.length).toBe(0);
    expect(result.ranks.length).toBe(0);
    expect(result.goalScores.get("prosperity")!.length).toBe(0);
  });

  test("compositeIndex(one place) scores it 50 under min-max and ranks it 1", () => {
    const result = compositeIndex(
      { ...example, placeCount: 1, values: Float64Array.from([20, 4]) },
      options(),
    );
    expectClose(result.scores, [50]);
    expect(Array.from(result.ranks)).toEqual([1]);
  });

  test("compositeIndex(all missing) gives every place NaN and coverage 0", () => {
    const result = compositeIndex(
      { ...example, values: new Float64Array(6).fill(NaN) },
      options("minMax", "arithmetic", { imputation: { method: "median" } }),
    );
    expectClose(result.scores, [NaN, NaN, NaN]);
    expectClose(result.ranks, [NaN, NaN, NaN]);
    expectClose(result.coverage, [0, 0, 0]);
  });

  test("compositeIndex(a constant indicator) gives finite scores for every method", () => {
    const input: CompositeInput = {
      ...example,
      values: Float64Array.from([20, 5, 30, 5, 40, 5]),
    };
    for (const normalisation of ["minMax", "zScore", "rank"] as const) {
      for (const aggregation of ["arithmetic", "geometric", "mazziottaPareto"] as const) {
        const result = compositeIndex(input, options(normalisation, aggregation));
        expect(Array.from(result.scores).every(Number.isFinite)).toBe(true);
        expect(Array.from(result.ranks)).toEqual([3, 2, 1]);
      }
    }
  });

  test("compositeIndex(identical places) ties them at the lowest shared rank", () => {
    const input: CompositeInput = {
      ...example,
      placeCount: 4,
      values: Float64Array.from([20, 4, 30, 8, 40, 6, 30, 8]),
    };
    for (const aggregation of ["arithmetic", "geometric", "mazziottaPareto"] as const) {
      const ranks = compositeIndex(input, options("minMax", aggregation)).ranks;
      expect(ranks[1]).toBe(ranks[3]);
      expect(Array.from(ranks)).toEqual([2, 3, 1, 3]);
    }
  });

  test("compositeIndex(zeros, geometric) gives finite positive scores rather than 0", () => {
    // A is worst on gva (min-max 0) yet best on co2; the shift keeps its co2 in the score.
    const result = compositeIndex(example, options("minMax", "geometric"));
    expect(result.scores[0]).toBeGreaterThan(1);
  });

  test("compositeIndex(x rescaled to a x + b) keeps the ranks under minMax and zScore", () => {
    const random = new Random(31);
    const placeCount = 30;
    const indicatorIds = ["a", "b", "c"];
    const values = Float64Array.from({ length: placeCount * 3 }, () => random.normal(10, 3));
    const goals: GoalSpec[] = [
      {
        id: "goal",
        weight: 1,
        indicators: [
          { id: "a", polarity: 1, weight: 1 },
          { id: "b", polarity: -1, weight: 2 },
          { id: "c", polarity: 1, weight: 1 },
        ],
      },
    ];
    const rescaled = values.map((value, index) => (index % 3 === 1 ? 250 * value + 17 : value));
    for (const normalisation of ["minMax", "zScore"] as const) {
      for (const aggregation of ["arithmetic", "geometric", "mazziottaPareto"] as const) {
        const before = compositeIndex(
          { placeCount, indicatorIds, values, goals },
          options(normalisation, aggregation),
        );
        const after = compositeIndex(
          { placeCount, indicatorIds, values: rescaled, goals },
          options(normalisation, aggregation),
        );
        expect(Array.from(after.ranks)).toEqual(Array.from(before.ranks));
      }
    }
  });

  test("compositeIndex(every polarity reversed) reverses the order", () => {
    const reversed: CompositeInput = {
      ...example,
      goals: example.goals.map((goal) => ({
        ...goal,
        indicators: goal.indicators!.map((indicator) => ({
          ...indicator,
          polarity: (indicator.polarity === 1 ? -1 : 1) as 1 | -1,
        })),
      })),
    };
    // The min-max scores become 100 minus themselves: 50, 75, 25.
    const result = compositeIndex(reversed, options());
    expectClose(result.scores, [50, 75, 25]);
    expect(Array.from(result.ranks)).toEqual([2, 1, 3]);
  });

  test("compositeIndex(equal weights) gives the plain mean of the normalised values", () => {
    const random = new Random(14);
    const values = Float64Array.from({ length: 10 * 4 }, () => random.uniform(0, 9));
    const input: CompositeInput = {
      placeCount: 10,
      indicatorIds: ["a", "b", "c", "d"],
      values,
      goals: applyWeights(
        [
          {
            id: "goal",
            weight: 5,
            indicators: ["a", "b", "c", "d"].map((id, index) => ({
              id,
              polarity: 1 as const,
              weight: index + 1,
            })),
          },
        ],
        { method: "equal" },
      ),
    };
    const result = compositeIndex(input, options());
    for (let place = 0; place < 10; place += 1) {
      const row = Array.from(result.normalised.subarray(place * 4, place * 4 + 4));
      expect(result.scores[place]).toBeCloseTo(row.reduce((sum, value) => sum + value, 0) / 4, 9);
    }
  });

  test("compositeIndex(weights times c) gives the same scores", () => {
    const scaled = (goals: readonly GoalSpec[], factor: number): GoalSpec[] =>
      goals.map((goal) => ({
        ...goal,
        weight: goal.weight * factor,
        indicators: goal.indicators!.map((indicator) => ({
          ...indicator,
          weight: indicator.weight * factor,
        })),
      }));
    for (const aggregation of ["arithmetic", "geometric", "mazziottaPareto"] as const) {
      const before = compositeIndex(example, options("minMax", aggregation));
      const after = compositeIndex(
        { ...example, goals: scaled(example.goals, 12.5) },
        options("minMax", aggregation),
      );
      expectClose(after.scores, Array.from(before.scores), 9);
    }
  });

  test("compositeIndex(indicators the framework does not use) leaves them NaN in the normalised matrix", () => {
    const input: CompositeInput = {
      placeCount: 2,
      indicatorIds: ["unused", "gva"],
      values: Float64Array.from([1, 10, 2, 20]),
      goals: [{ id: "g", weight: 1, indicators: [{ id: "gva", polarity: 1, weight: 1 }] }],
    };
    expectClose(compositeIndex(input, options()).normalised, [NaN, 0, NaN, 100]);
  });

  test("compositeIndex(malformed input) throws a RangeError saying what is wrong", () => {
    expect(() => compositeIndex({ ...example, values: new Float64Array(5) }, options())).toThrow(
      /expected 3 places x 2 indicators/,
    );
    expect(() => compositeIndex({ ...example, goals: [] }, options())).toThrow(/no goals/);
    expect(() =>
      compositeIndex(
        {
          ...example,
          goals: [{ id: "g", weight: 1, indicators: [{ id: "nope", polarity: 1, weight: 1 }] }],
        },
        options(),
      ),
    ).toThrow(/"nope" is not among/);
    expect(() =>
      compositeIndex(
        {
          ...example,
          goals: [{ id: "gva", weight: 1, indicators: [{ id: "gva", polarity: 1, weight: 1 }] }],
        },
        options(),
      ),
    ).toThrow(/used twice/);
    expect(() =>
      compositeIndex(
        {
          ...example,
          goals: [
            {
              id: "g",
              weight: 1,
              goals: [],
              indicators: [{ id: "gva", polarity: 1, weight: 1 }],
            },
          ],
        },
        options(),
      ),
    ).toThrow(/either goals or indicators/);
    expect(() =>
      compositeIndex(example, options("minMax", "arithmetic", { minimumCoverage: 1.5 })),
    ).toThrow(/minimumCoverage/);
    expect(() => compositeIndex(example, options("distanceToTarget"))).toThrow(/target/);
  });
});
