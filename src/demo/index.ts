export type { DemoData, DemoLayout } from "./demoData.js";
export { demoIndicators } from "./demoIndicators.js";
export { generateDemo } from "./generateDemo.js";
export type { HexJson, HexJsonHex } from "./hexJson.js";
export { Random } from "./random.js";
