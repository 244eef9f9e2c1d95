/**
 * The shapes the composite-index methods share: the framework of goals and indicators, the
 * method choices of the OECD/JRC Handbook on Constructing Composite Indicators (2008), and the
 * result. Types only; see `docs/methods/composite-index.md` for the formulas.
 */

/** One indicator as a framework uses it. */
export interface IndicatorSpec {
  /** The indicator's id, as in {@link CompositeInput.indicatorIds}. */
  id: string;
  /** 1 when a higher value is better, -1 when a lower value is better. */
  polarity: 1 | -1;
  /** The indicator's weight within its goal; relative to its siblings, non-negative. */
  weight: number;
  /**
   * The value the place aims for, in the indicator's units; needed by the `distanceToTarget`
   * normalisation, which gives 100 at or beyond it. Must not be zero.
   */
  target?: number;
  /**
   * The goalposts of the `goalposts` normalisation, in the indicator's units: the two ends of the
   * scale that map to 0 and 100 (which is which follows the polarity, so their order does not
   * matter). They must differ.
   */
  goalposts?: { lower: number; upper: number };
}

/**
 * A goal (a pillar or sub-index): either indicators or sub-goals, never both, nesting to any
 * depth. Each goal is aggregated from its children with their weights.
 */
export interface GoalSpec {
  /** The goal's id; unique among the framework's goals and indicators. */
  id: string;
  /** The goal's weight within its parent (or among the top-level goals); non-negative. */
  weight: number;
  /** The sub-goals, when the goal is made of goals. */
  goals?: readonly GoalSpec[];
  /** The indicators, when the goal is made of indicators. */
  indicators?: readonly IndicatorSpec[];
}

/**
 * How raw values are brought onto a common scale (Handbook, step 5 "Normalisation", table 3).
 * Every method reverses indicators of polarity -1, so a higher normalised value is always better.
 *
 * - `minMax`: 0 for the worst place given, 100 for the best; a constant indicator gives 50.
 * - `zScore`: (x - mean) / sample standard deviation; a constant indicator gives 0.
 * - `rank`: fractional (average) rank among the places, scaled so the best is 100 and the worst
 *   0; ties share the average of their ranks; one place or all tied gives 50.
 * - `distanceToReference`: 100 * (1 + polarity * (x - r) / |r|) where r is the reference place's
 *   value: the reference scores 100 and, for polarity 1, a place at twice its value 200.
 * - `distanceToTarget`: 100 * (1 - relative shortfall from the target), clamped to 0..100: 100
 *   at or beyond the target, 0 at a shortfall as large as the target itself.
 * - `goalposts`: (x - lower) / (upper - lower) * 100 clamped to 0..100, reversed for polarity
 *   -1, as the UNDP Human Development Index and the OECD Better Life Index do.
 */
export type Normalisation =
  | { method: "minMax" }
  | { method: "zScore" }
  | { method: "rank" }
  | {
      method: "distanceToReference";
      /** The 0-based row of the reference place among the places given. */
      referenceIndex: number;
    }
  | { method: "distanceToTarget" }
  | { method: "goalposts" };

/**
 * How a goal's children (indicators or sub-goals) are combined (Handbook, step 6).
 *
 * - `arithmetic`: the weighted mean; fully compensatory.
 * - `geometric`: the weighted geometric mean; partly compensatory. Normalised values are first
 *   made positive (see `docs/methods/composite-index.md`).
 * - `mazziottaPareto`: the Mazziotta-Pareto Index (Mazziotta and Pareto 2016): each child is
 *   standardised across places to mean 100 and standard deviation 10, then the weighted mean is
 *   penalised by the place's imbalance, M - S * cv.
 */
export type Aggregation =
  { method: "arithmetic" } | { method: "geometric" } | { method: "mazziottaPareto" };

/**
 * How missing raw values are filled before normalisation: `none` leaves them missing (the
 * aggregation skips them and renormalises the weights); `mean` and `median` use the other
 * places' observed values of the same indicator.
 */
export type Imputation = { method: "none" } | { method: "mean" } | { method: "median" };

/**
 * Where the weights come from: `explicit` keeps the framework's; `equal` sets every goal and
 * indicator to 1; `priority` overrides the weight of every goal or indicator its set names (a
 * priority weight set from the participation capability) and keeps the others.
 */
export type WeightScheme =
  | { method: "explicit" }
  | { method: "equal" }
  | {
      method: "priority";
      /** `{ goal_or_indicator_id: weight }`; weights non-negative. */
      weights: Readonly<Record<string, number>>;
    };

/** The method choices of one composite index. */
export interface CompositeOptions {
  /** How raw values are brought onto a common scale. */
  normalisation: Normalisation;
  /** How each goal, and the overall score, combine their children. */
  aggregation: Aggregation;
  /** How missing raw values are filled before normalisation. */
  imputation: Imputation;
  /**
   * The share (0 to 1) of the framework's indicators a place needs an observed value for; below
   * it the place is screened out: it takes no part in imputation or normalisation and gets NaN
   * scores and ranks. 0 scores every place that has any value.
   */
  minimumCoverage: number;
}

/** The data of a composite index: places by indicators, and the framework. */
export interface CompositeInput {
  /** The number of places (rows). */
  placeCount: number;
  /** The indicators (columns); may include indicators the framework does not use. */
  indicatorIds: readonly string[];
  /** Raw values, row-major `placeCount` x `indicatorIds.length`; NaN (or any non-finite) = missing. */
  values: Float64Array;
  /** The framework's top-level goals. */
  goals: readonly GoalSpec[];
}

/** The scores and ranks of a composite index. */
export interface CompositeResult {
  /** The overall score per place; NaN for places below the minimum coverage. */
  scores: Float64Array;
  /** 1 is best; NaN without a score; ties share the lowest rank ("1224" competition ranking). */
  ranks: Float64Array;
  /** Every goal id, at every level, to its score per place (NaN without a score). */
  goalScores: ReadonlyMap<string, Float64Array>;
  /** The share (0 to 1) of the framework's indicators each place has an observed value for. */
  coverage: Float64Array;
  /**
   * `placeCount` x `indicatorIds.length`, row-major: the values after imputation, polarity and
   * normalisation (before the geometric or Mazziotta-Pareto rescaling); NaN where missing and
   * not imputed, for places below the minimum coverage, and for indicators the framework does
   * not use.
   */
  normalised: Float64Array;
}
