import type { Place } from "../core/vocabulary.js";
import type { DemoData } from "./demoData.js";
import { demoDistricts } from "./demoDistricts.js";
import { demoEmployment } from "./demoEmployment.js";
import { demoIndicators } from "./demoIndicators.js";
import { demoIndustryAttributes } from "./demoIndustryAttributes.js";
import { demoLayouts } from "./demoLayouts.js";
import { demoNeighbourhoodEmployment } from "./demoNeighbourhoodEmployment.js";
import { demoNeighbourhoods } from "./demoNeighbourhoods.js";
import { demoObservations } from "./demoObservations.js";
import { PlaceNamer } from "./placeNamer.js";
import { Random } from "./random.js";

const regionCode = "X12000001";

/**
 * Generates the demo place: a fictional English region of 14 districts and about 200
 * neighbourhoods, with 17 indicators observed from 2015 to 2024, employees in each SIC 2007
 * division, and hexagon maps of the districts and neighbourhoods. It has a city, an
 * advanced-manufacturing district, a port, a digital cluster and three or four left-behind
 * towns, so that every part of the workbench has something to find.
 *
 * The generator is pure: the same seed gives the same data, byte for byte, on every machine,
 * and nothing is read from the clock, the network or `Math.random`. Every place is marked
 * fictional and codes start with X, which the ONS does not use. See docs/methods/demo.md.
 *
 * @param seed any safe integer; the default gives the demo everyone sees.
 */
export function generateDemo(seed = 20261128): DemoData {
  const random = new Random(seed);
  // Each part draws from its own stream, so changing one part leaves the others as they were.
  const namer = new PlaceNamer(random.fork());
  const districtRandom = random.fork();
  const neighbourhoodRandom = random.fork();
  const employmentRandom = random.fork();
  const observationRandom = random.fork();
  const layoutRandom = random.fork();
  const attributeRandom = random.fork();
  const neighbourhoodEmploymentRandom = random.fork();

  const regionName = namer.region();
  const districts = demoDistricts(districtRandom, namer, regionName);
  const neighbourhoods = demoNeighbourhoods(districts, neighbourhoodRandom, namer);

  const employment = demoEmployment(districts, employmentRandom);
  const places: Place[] = [
    {
      code: regionCode,
      name: regionName,
      kind: "region",
      parentCode: null,
      population: districts.reduce((sum, district) => sum + district.population, 0),
      fictional: true,
    },
    ...districts.map((district): Place => ({
      code: district.code,
      name: district.name,
      kind: "district",
      parentCode: regionCode,
      population: district.population,
      fictional: true,
    })),
    ...neighbourhoods.map((neighbourhood): Place => ({
      code: neighbourhood.code,
      name: neighbourhood.name,
      kind: "neighbourhood",
      parentCode: neighbourhood.districtCode,
      population: neighbourhood.population,
      fictional: true,
    })),
  ];

  return {
    regionName,
    places,
    indicators: demoIndicators.map((indicator) => ({ ...indicator })),
    observations: demoObservations(districts, neighbourhoods, regionCode, observationRandom),
    employment,
    neighbourhoodEmployment: demoNeighbourhoodEmployment(
      employment,
      neighbourhoods,
      neighbourhoodEmploymentRandom,
    ),
    layouts: demoLayouts(districts, neighbourhoods, regionCode, layoutRandom),
    industryAttributes: demoIndustryAttributes(attributeRandom),
  };
}
