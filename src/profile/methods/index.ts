export { complexity } from "./complexity.js";
export type { ComplexityOptions, ComplexityResult } from "./complexity.js";
export { herfindahlHirschman } from "./herfindahlHirschman.js";
export type { HerfindahlHirschmanOptions } from "./herfindahlHirschman.js";
export { krugmanIndex } from "./krugmanIndex.js";
export { locationQuotient, locationQuotientMatrix, locationQuotients } from "./locationQuotient.js";
export { shannonDiversity } from "./shannonDiversity.js";
export type { ShannonDiversityOptions } from "./shannonDiversity.js";
export { shiftShare } from "./shiftShare.js";
export type {
  ShiftShareInput,
  ShiftShareOptions,
  ShiftShareResult,
  ShiftShareTotals,
} from "./shiftShare.js";
export { strongIndustries } from "./strongIndustries.js";
export type { StrongIndustriesOptions } from "./strongIndustries.js";
export { cooccurrence, proximity } from "./proximity.js";
export { density } from "./density.js";
export { eigenvector } from "./eigenvector.js";
export { rca } from "./rca.js";
export { deprivedAccess } from "./deprivedAccess.js";
export {
  opportunities,
  opportunityCriteria,
  opportunityCriterionLabels,
  opportunityCriterionPolarity,
  opportunityDensityThreshold,
} from "./opportunities.js";
export type {
  OpportunityContribution,
  OpportunityCriterion,
  OpportunityIndustry,
  OpportunityOptions,
  RankedOpportunity,
} from "./opportunities.js";
