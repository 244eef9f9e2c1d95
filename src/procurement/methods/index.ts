export { consortiumDefaults, suggestConsortia } from "./consortia.js";
export type {
  Consortium,
  ConsortiumMember,
  ConsortiumOptions,
  ConsortiumSuggestions,
} from "./consortia.js";
export {
  cpvAncestors,
  cpvDivisions,
  cpvIsAncestor,
  cpvLevel,
  cpvSignificantDigits,
  cpvSimilarity,
  cpvSimilarityScale,
  normaliseCpv,
  parseCpv,
} from "./cpv.js";
export type { CpvLevel, ParsedCpv } from "./cpv.js";
export { defaultLm3Shares, lm3Questions, localMultiplier } from "./localMultiplier.js";
export type {
  Lm3GroupTotals,
  Lm3Imputation,
  Lm3Question,
  Lm3Row,
  Lm3RowResult,
  Lm3Shares,
  Lm3Totals,
  LocalMultiplierOptions,
  LocalMultiplierResult,
} from "./localMultiplier.js";
export { lotPlan } from "./lotPlan.js";
export type {
  ContractItem,
  LocalSme,
  LotPlan,
  LotPlanLimit,
  LotPlanOptions,
  PlannedLot,
} from "./lotPlan.js";
export { matchAll } from "./matchAll.js";
export type { MatchAllOptions, MatchAllResult } from "./matchAll.js";
export { OutwardCodeTally, outwardCodePlaces } from "./outwardCodePlaces.js";
export type {
  DirectoryPostcode,
  OutwardCodePlace,
  OutwardCodeTotals,
} from "./outwardCodePlaces.js";
export { sharedNeeds, sharedServices } from "./sharedServices.js";
export type {
  SharedNeed,
  SharedNeedPost,
  SharedServiceGroup,
  SharedServicesOptions,
  SharedServicesResult,
} from "./sharedServices.js";
export { spendShares } from "./spendShares.js";
export type {
  BuyerSpend,
  DivisionSpend,
  ShareChange,
  SpendAward,
  SpendPlace,
  SpendShare,
  SpendSharesResult,
  SpendSummary,
  SpendTrend,
  YearSpend,
} from "./spendShares.js";
export {
  haversineKm,
  matchDefaults,
  matchScore,
  matchSuppliers,
  matchTenders,
  placeScore,
} from "./tenderMatch.js";
export type {
  CapacityMatch,
  Coordinates,
  CpvMatch,
  MatchOptions,
  MatchScore,
  MatchWeights,
  PlaceBasis,
  PlaceMatch,
  PlaceScoreOptions,
  SupplierMatch,
  SupplierToMatch,
  TenderMatch,
  TenderToMatch,
} from "./tenderMatch.js";
