export { aggregate } from "./aggregate.js";
export { applyWeights } from "./applyWeights.js";
export { compensatedSum } from "./compensatedSum.js";
export { compositeIndex } from "./compositeIndex.js";
export { dirichletVariate, gammaVariate } from "./gammaVariate.js";
export { impute } from "./impute.js";
export { meanAndDeviation } from "./meanAndDeviation.js";
export type { MeanAndDeviation } from "./meanAndDeviation.js";
export { normalise } from "./normalise.js";
export { rankScores, rankScoresInto } from "./rankScores.js";
export { rankUncertainty } from "./rankUncertainty.js";
export type {
  UncertainAssumption,
  UncertaintyOptions,
  UncertaintyResult,
} from "./rankUncertainty.js";
export type {
  Aggregation,
  CompositeInput,
  CompositeOptions,
  CompositeResult,
  GoalSpec,
  Imputation,
  IndicatorSpec,
  Normalisation,
  WeightScheme,
} from "./types.js";
export { decoupling } from "./decoupling.js";
export type { Decoupling, DecouplingState, TapioState } from "./decoupling.js";
export { defaultLeftBehindRules, leftBehind } from "./leftBehind.js";
export type {
  LeftBehindInput,
  LeftBehindOptions,
  LeftBehindReason,
  LeftBehindResult,
  LeftBehindRule,
} from "./leftBehind.js";
export { similarPlaces, standardise } from "./similarPlaces.js";
export type { Neighbour, SimilarPlacesOptions, Standardised } from "./similarPlaces.js";
export { trend } from "./trend.js";
export type { Trend, TrendOptions, TrendPoint } from "./trend.js";
