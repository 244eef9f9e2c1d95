export { levelPhrase, levelTwoOrBelow, qualificationLevels } from "./qualificationLevels.js";
export type { QualificationLevel } from "./qualificationLevels.js";
export { rankInvestments, defaultInvestmentWeights } from "./rankInvestments.js";
export type {
  InvestmentRankingOptions,
  InvestmentWeights,
  RankedInvestment,
} from "./rankInvestments.js";
export {
  accessibleShare,
  defaultSpreads,
  gapPercentiles,
  shareSumTolerance,
  skillsGap,
  skillsGapForPlaces,
} from "./skillsGap.js";
export type {
  AccessibleShare,
  IndustryOccupationShare,
  LevelGap,
  LevelSupply,
  OccupationGap,
  OccupationLevelGap,
  OccupationLevelShare,
  PlaceSkillsGap,
  PlanRow,
  ReplacementRate,
  SkillsGapInput,
  SkillsGapMixes,
  SkillsGapOptions,
  SkillsGapPlace,
  SkillsGapResult,
  SkillsGapUncertainty,
} from "./skillsGap.js";
export {
  ageBandLabel,
  defaultEntryAges,
  defaultRetention,
  projectSupply,
} from "./supplyProjection.js";
export type {
  AgeRange,
  LevelCompletions,
  ProjectedLevelSupply,
  ProjectedSubjectSupply,
  ResidentsByAge,
  SupplyProjection,
  SupplyProjectionInput,
  SupplyProjectionOptions,
  SupplySource,
} from "./supplyProjection.js";
