export { compileReleases, groupByOcid, ocdsMergeRules } from "./compileRelease.js";
export type { CompileOptions, MergeRules } from "./compileRelease.js";
export { readOcdsReleases, readOcdsStream } from "./readOcds.js";
export type { OcdsReadItem, OcdsSource, ReadOcdsOptions } from "./readOcds.js";
export { summariseCompiled } from "./summariseCompiled.js";
export type {
  OcdsAwardSummary,
  OcdsBuyerSummary,
  OcdsContractSummary,
  OcdsGazetteerCode,
  OcdsLotSummary,
  OcdsMoney,
  OcdsSummary,
  OcdsSupplierSummary,
} from "./summariseCompiled.js";
export type {
  CompiledRelease,
  OcdsAddress,
  OcdsAward,
  OcdsClassification,
  OcdsContract,
  OcdsExtraFields,
  OcdsItem,
  OcdsLocation,
  OcdsLot,
  OcdsOrganizationReference,
  OcdsParty,
  OcdsPeriod,
  OcdsRelease,
  OcdsTender,
  OcdsValue,
} from "./types.js";
export { partyScales, releaseTags, validateRelease } from "./validateRelease.js";
export type { ValidationProblem, ValidationResult } from "./validateRelease.js";
