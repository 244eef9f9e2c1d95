import { apportion } from "./apportion.js";
import { clamp } from "./clamp.js";
import type { DemoDistrict } from "./demoDistricts.js";
import { demoYears } from "./demoYears.js";
import { districtArchetypes } from "./districtArchetypes.js";
import type { PlaceNamer } from "./placeNamer.js";
import type { Random } from "./random.js";
import { roundTo } from "./roundTo.js";

/** One generated neighbourhood and its deprivation score over time. */
export interface DemoNeighbourhood {
  /** The GSS-like code, X01000001 upwards, numbered district by district. */
  code: string;
  /** The fictional name. */
  name: string;
  /** The code of its district. */
  districtCode: string;
  /** Usual residents in the latest year. */
  population: number;
  /**
   * A deprivation score in the manner of the English Index of Multiple Deprivation (higher is
   * more deprived, about 2 to 80), one per year of `demoYears`, to one decimal place.
   */
  deprivationByYear: number[];
}

/**
 * Splits each district into neighbourhoods of about 10,000 people (the size of a middle layer
 * super output area): 196 to 204 in all, shared out by population with at least five per
 * district, whose populations add up to the district's exactly. Each gets a deprivation score
 * around its district's level: the spread within a district is drawn by stratified sampling of
 * a logistic distribution, so every district has its full range of neighbourhoods however few
 * it has.
 *
 * @param districts the districts, in code order.
 * @param random the seeded generator.
 * @param namer the namer shared by all demo places.
 */
export function demoNeighbourhoods(
  districts: readonly DemoDistrict[],
  random: Random,
  namer: PlaceNamer,
): DemoNeighbourhood[] {
  const total = random.integer(196, 204);
  const counts = apportion(
    total,
    districts.map((district) => district.population),
  ).map((count) => Math.max(5, count));
  const neighbourhoods: DemoNeighbourhood[] = [];
  const latestYear = demoYears[demoYears.length - 1] as number;
  districts.forEach((district, districtIndex) => {
    const count = counts[districtIndex] as number;
    const populations = apportion(
      district.population,
      Array.from({ length: count }, () => random.uniform(0.8, 1.25)),
    );
    const typical = 21 * Math.exp(0.5 * district.deprivation);
    const spread = districtArchetypes[district.archetype].deprivationSpread;
    // Stratified draws of a logistic deviate with scale 0.5 (standard deviation about 0.9).
    const deviates = random.shuffle(
      Array.from({ length: count }, (_, index) => {
        const u = (index + random.uniform(0.25, 0.75)) / count;
        return 0.5 * Math.log(u / (1 - u));
      }),
    );
    // Deprivation has been deepening in the left-behind towns and easing in the suburbs.
    const trend =
      district.archetype === "leftBehind"
        ? random.uniform(0.004, 0.008)
        : district.archetype === "affluentSuburb"
          ? random.uniform(-0.006, -0.002)
          : random.uniform(-0.003, 0.003);
    for (let index = 0; index < count; index += 1) {
      const latest = clamp(typical * Math.exp(spread * (deviates[index] as number)), 2, 80);
      neighbourhoods.push({
        code: `X01${String(neighbourhoods.length + 1).padStart(6, "0")}`,
        name: namer.neighbourhood(district.name),
        districtCode: district.code,
        population: populations[index] as number,
        deprivationByYear: demoYears.map((year) =>
          year === latestYear
            ? roundTo(latest, 1)
            : roundTo(
                clamp(
                  latest * Math.exp(trend * (year - latestYear) + random.normal(0, 0.02)),
                  2,
                  80,
                ),
                1,
              ),
        ),
      });
    }
  });
  return neighbourhoods;
}
