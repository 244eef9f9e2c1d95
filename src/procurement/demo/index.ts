export type { DemoBuyerKind } from "./demoBuyers.js";
export { demoBuyerKinds } from "./demoBuyers.js";
export type { DemoCpvCode, DemoCpvDivision, DemoProcurementCategory } from "./demoCpvCodes.js";
export { demoCpvCodes, demoCpvDivisions } from "./demoCpvCodes.js";
export type { DemoDistrictPoint, ProcurementDemoDistrict } from "./demoDistrictPoints.js";
export { demoPostcodeArea } from "./demoPostcodes.js";
export { demoOcidPrefix } from "./demoReleases.js";
export type { DemoSharedNeedPost } from "./demoSharedNeeds.js";
export { elsewhereRegion, otherSupplierIdPrefix, registerIdPrefix } from "./demoSuppliers.js";
export { generateProcurementDemo } from "./generateProcurementDemo.js";
export type {
  ProcurementDemo,
  ProcurementDemoBuyer,
  ProcurementDemoOptions,
  ProcurementDemoOutcode,
} from "./generateProcurementDemo.js";
