import type { Employment, Indicator, Observation, Place } from "../core/vocabulary.js";
import type { DemoIndustryAttributes } from "./demoIndustryAttributes.js";
import type { HexJson } from "./hexJson.js";

/** A named hexagon map of the demo places. */
export interface DemoLayout {
  /** A stable identifier: `demo-districts` or `demo-neighbourhoods`. */
  id: string;
  /** The name shown to people. */
  name: string;
  /** The layout itself, one hexagon per place. */
  hexjson: HexJson;
}

/**
 * Everything the demo generator makes: a fictional region with its districts and neighbourhoods,
 * indicators and ten years of observations, employment by SIC 2007 division, and two hexagon
 * maps. Every place is marked `fictional: true`.
 */
export interface DemoData {
  /** The fictional region's name. */
  regionName: string;
  /** The region, then its districts, then their neighbourhoods. */
  places: Place[];
  /** The indicators observed, grouped by goal. */
  indicators: Indicator[];
  /**
   * One observation per indicator, district or region and year 2015 to 2024, plus the
   * deprivation score of every neighbourhood in the latest year.
   */
  observations: Observation[];
  /** Employees per district, SIC 2007 division and year 2015 to 2024 (zeros included). */
  employment: Employment[];
  /**
   * Employees per neighbourhood and SIC 2007 division in the latest year, adding up to each
   * district's figures.
   */
  neighbourhoodEmployment: Employment[];
  /** The district map and the neighbourhood map. */
  layouts: DemoLayout[];
  /** Fictional pay, qualification mix, growth and emissions intensity of every SIC division. */
  industryAttributes: DemoIndustryAttributes[];
}
