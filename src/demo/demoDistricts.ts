import type { DistrictArchetype } from "./districtArchetypes.js";
import { districtArchetypes } from "./districtArchetypes.js";
import { demoYears } from "./demoYears.js";
import type { PlaceNamer } from "./placeNamer.js";
import type { Random } from "./random.js";
import { roundTo } from "./roundTo.js";

/** One generated district, with the hidden traits its indicators are drawn from. */
export interface DemoDistrict {
  /** The GSS-like code, X08000001 to X08000014. */
  code: string;
  /** The fictional name. */
  name: string;
  /** The kind of district it was drawn as. */
  archetype: DistrictArchetype;
  /** Usual residents in the latest year. */
  population: number;
  /** Usual residents in each of `demoYears`. */
  populationByYear: number[];
  /** Land area, km². */
  areaKm2: number;
  /** Latent productivity, in standard deviations from the typical district. */
  prosperity: number;
  /** Latent deprivation, in standard deviations from the typical district. */
  deprivation: number;
  /** Latent qualification level, in standard deviations from the typical district. */
  skills: number;
  /** Employees per usual resident in the latest year. */
  jobsPerResident: number;
}

/**
 * Draws the districts of the demo region: one city, one each of the advanced-manufacturing,
 * port and digital districts, three or four left-behind towns, two affluent suburbs, two or
 * three rural districts and market towns for the rest, 14 in all, in a seeded order.
 *
 * @param random the seeded generator.
 * @param namer the namer shared by all demo places, so names never repeat.
 * @param regionName the region's name, which a rural district may take with a compass point.
 */
export function demoDistricts(
  random: Random,
  namer: PlaceNamer,
  regionName: string,
): DemoDistrict[] {
  const leftBehind = random.integer(3, 4);
  const rural = random.integer(2, 3);
  const marketTowns = 14 - 6 - leftBehind - rural;
  const archetypes: DistrictArchetype[] = [
    "city",
    "advancedManufacturing",
    "port",
    "digital",
    "affluentSuburb",
    "affluentSuburb",
    ...Array.from({ length: leftBehind }, (): DistrictArchetype => "leftBehind"),
    ...Array.from({ length: rural }, (): DistrictArchetype => "rural"),
    ...Array.from({ length: marketTowns }, (): DistrictArchetype => "marketTown"),
  ];
  return random.shuffle(archetypes).map((archetype, index) => {
    const profile = districtArchetypes[archetype];
    const population = Math.round(random.uniform(...profile.population));
    const growth = random.uniform(...profile.populationGrowthPercent) / 100;
    const latestYear = demoYears[demoYears.length - 1] as number;
    return {
      code: `X08${String(index + 1).padStart(6, "0")}`,
      name: namer.district(profile.nameStyle, regionName),
      archetype,
      population,
      populationByYear: demoYears.map((year) =>
        Math.round(population * (1 + growth) ** (year - latestYear)),
      ),
      areaKm2: roundTo(random.uniform(...profile.areaKm2), 1),
      prosperity: profile.prosperity + random.uniform(-0.2, 0.2),
      deprivation: profile.deprivation + random.uniform(-0.2, 0.2),
      skills: profile.skills + random.uniform(-0.2, 0.2),
      jobsPerResident: random.uniform(...profile.jobsPerResident),
    };
  });
}
