import type { Observation } from "../core/vocabulary.js";
import { clamp } from "./clamp.js";
import type { DemoDistrict } from "./demoDistricts.js";
import { demoIndicators } from "./demoIndicators.js";
import type { DemoNeighbourhood } from "./demoNeighbourhoods.js";
import { demoYears } from "./demoYears.js";
import { districtArchetypes } from "./districtArchetypes.js";
import type { Random } from "./random.js";
import { roundTo } from "./roundTo.js";

// Year paths, one value per year of `demoYears` (2015 to 2024), relative to the latest year.
// They follow the shape of the UK series: nominal GVA and pay growth with the 2020 fall, the
// employment rate's rise to 2019 and dip in 2020, unemployment falling to 2019 and 2022,
// emissions falling with a 2020 dip, renewables rising (with 2021's still year), wellbeing
// falling in the pandemic years and not fully recovering.
const gvaIndex = cumulativeIndex([2.5, 3.0, 2.6, 2.4, -8.5, 8.8, 5.5, 4.2, 3.0]);
const payIndex = [0.725, 0.74, 0.755, 0.782, 0.804, 0.806, 0.839, 0.879, 0.937, 1];
const employmentRateOffset = [-1.5, -1.0, -0.4, 0.3, 1.1, 0.2, -0.1, 0.5, 0.6, 0];
const unemploymentFactor = [1.35, 1.2, 1.07, 1.0, 0.93, 1.12, 1.1, 0.88, 0.93, 1];
const childPovertyOffset = [-2.6, -2.3, -1.9, -1.5, -1.2, -0.9, -1.9, -0.5, -0.2, 0];
const genderPayGapOffset = [4.2, 3.8, 3.5, 3.0, 2.6, 1.6, 1.9, 1.2, 0.6, 0];
const emissionsIndex = [1.36, 1.3, 1.25, 1.21, 1.16, 1.03, 1.09, 1.05, 1.02, 1];
const renewableIndex = [0.45, 0.47, 0.55, 0.62, 0.7, 0.78, 0.74, 0.85, 0.93, 1];
const lifeSatisfactionOffset = [0.12, 0.14, 0.16, 0.17, 0.16, 0, -0.05, 0.03, 0.01, 0];
const anxietyOffset = [-0.32, -0.3, -0.27, -0.26, -0.22, 0.12, 0.08, 0.05, 0.03, 0];

const latestIndex = demoYears.length - 1;

/** How a district's series is drawn, rounded and summed up for the region. */
interface SeriesSpec {
  id: string;
  /** Decimal places of the published value. */
  decimals: number;
  /** Every value is kept within these bounds. */
  bounds: readonly [number, number];
  /** The series, one value per year, before rounding. */
  draw: (district: DistrictContext, random: Random) => number[];
  /** Half the width of a 95% confidence interval, for survey-based indicators. */
  halfWidth?: (value: number, district: DistrictContext) => number;
  /**
   * How the region's value is made from its districts' values: the population-weighted mean,
   * or the population-weighted harmonic mean (for a density: total people over total area).
   */
  regionMean: "arithmetic" | "harmonic";
}

interface DistrictContext extends DemoDistrict {
  /** Grows as the district shrinks, to size survey confidence intervals; 1 at 100,000 people. */
  samplingFactor: number;
}

// The 95% half-width for a percentage estimated from a sample of about `size` people in a
// district of 100,000 (smaller districts have smaller samples): 1.96 sqrt(p (100 - p) / n).
function proportionHalfWidth(size: number) {
  return (value: number, district: DistrictContext) =>
    1.96 * district.samplingFactor * Math.sqrt((value * (100 - value)) / size);
}

// A series from a latest-year level and a path: each earlier year is the path's value for
// that year applied to the level, plus noise; the latest year is the level itself.
function follow(
  random: Random,
  level: number,
  apply: (level: number, yearIndex: number) => number,
  noise: (value: number) => number,
): number[] {
  return demoYears.map((_, yearIndex) =>
    yearIndex === latestIndex ? level : noise(apply(level, yearIndex)),
  );
}

const specs: readonly SeriesSpec[] = [
  {
    id: "gva_per_head",
    decimals: 0,
    bounds: [14_000, 60_000],
    regionMean: "arithmetic",
    draw: (district, random) => {
      // City GVA per head is high because workers commute in; growth is faster where
      // productivity is higher.
      const cityPremium = district.archetype === "city" ? 0.12 : 0;
      const level = clamp(
        31_000 * Math.exp(0.25 * district.prosperity + cityPremium + random.uniform(-0.03, 0.03)),
        19_500,
        45_000,
      );
      const drift = 0.004 * district.prosperity + random.uniform(-0.002, 0.002);
      return follow(
        random,
        level,
        (value, index) =>
          value * (gvaIndex[index] as number) * Math.exp(drift * (index - latestIndex)),
        (value) => value * Math.exp(random.normal(0, 0.008)),
      );
    },
  },
  {
    id: "median_weekly_pay",
    decimals: 0,
    bounds: [380, 1000],
    regionMean: "arithmetic",
    draw: (district, random) => {
      const level = clamp(
        700 * Math.exp(0.11 * district.prosperity + random.uniform(-0.02, 0.02)),
        550,
        800,
      );
      return follow(
        random,
        level,
        (value, index) =>
          value *
          (payIndex[index] as number) *
          Math.exp(0.002 * district.prosperity * (index - latestIndex)),
        (value) => value * Math.exp(random.normal(0, 0.012)),
      );
    },
    // The Annual Survey of Hours and Earnings publishes coefficients of variation of about
    // 2% to 5% for district medians.
    halfWidth: (value, district) => value * 1.96 * (0.01 + 0.008 * district.samplingFactor),
  },
  {
    id: "employment_rate",
    decimals: 1,
    bounds: [66, 82],
    regionMean: "arithmetic",
    draw: (district, random) => {
      // Students keep the city's employment rate down.
      const cityEffect = district.archetype === "city" ? -1.8 : 0;
      const level = clamp(
        75.5 +
          2.2 * district.prosperity -
          district.deprivation +
          cityEffect +
          random.uniform(-0.6, 0.6),
        68.5,
        79.5,
      );
      return follow(
        random,
        level,
        (value, index) => value + (employmentRateOffset[index] as number),
        (value) => value + random.normal(0, 0.6),
      );
    },
    halfWidth: proportionHalfWidth(800),
  },
  {
    id: "pay_ratio_80_20",
    decimals: 2,
    bounds: [1.6, 2.8],
    regionMean: "arithmetic",
    draw: (district, random) => {
      // Pay is most unequal in the city and the suburbs; the minimum wage compresses the
      // bottom of the distribution, so the ratio falls over time.
      const placeEffect =
        district.archetype === "city" ? 0.15 : district.archetype === "affluentSuburb" ? 0.06 : 0;
      const level = clamp(
        2.0 +
          placeEffect +
          0.05 * district.prosperity -
          0.03 * district.deprivation +
          random.uniform(-0.05, 0.05),
        1.8,
        2.4,
      );
      return follow(
        random,
        level,
        (value, index) => value + 0.012 * (latestIndex - index),
        (value) => value + random.normal(0, 0.02),
      );
    },
  },
  {
    id: "child_poverty",
    decimals: 1,
    bounds: [12, 45],
    regionMean: "arithmetic",
    draw: (district, random) => {
      const level = clamp(
        27 + 5.5 * district.deprivation - district.prosperity + random.uniform(-1.5, 1.5),
        15,
        39.5,
      );
      return follow(
        random,
        level,
        (value, index) => value + (childPovertyOffset[index] as number),
        (value) => value + random.normal(0, 0.5),
      );
    },
  },
  {
    id: "gender_pay_gap",
    decimals: 1,
    bounds: [0, 30],
    regionMean: "arithmetic",
    draw: (district, random) => {
      // The gap is widest where high-paid jobs are, and in heavy industry.
      const industryEffect = district.archetype === "advancedManufacturing" ? 1.5 : 0;
      const level = clamp(
        12 + 2.5 * district.prosperity + industryEffect + random.uniform(-2, 2),
        5,
        20,
      );
      return follow(
        random,
        level,
        (value, index) => value + (genderPayGapOffset[index] as number),
        (value) => value + random.normal(0, 0.8),
      );
    },
  },
  {
    id: "co2_per_head",
    decimals: 1,
    bounds: [2.5, 9],
    regionMean: "arithmetic",
    draw: (district, random) => {
      const factor = districtArchetypes[district.archetype].emissionsFactor;
      const level = clamp(4.2 * factor * Math.exp(random.uniform(-0.08, 0.08)), 3, 5.7);
      return follow(
        random,
        level,
        (value, index) => value * (emissionsIndex[index] as number),
        (value) => value * Math.exp(random.normal(0, 0.015)),
      );
    },
  },
  {
    id: "renewable_share",
    decimals: 1,
    bounds: [0.5, 99],
    regionMean: "arithmetic",
    draw: (district, random) => {
      const level = random.uniform(...districtArchetypes[district.archetype].renewableSharePercent);
      return follow(
        random,
        level,
        (value, index) => value * (renewableIndex[index] as number),
        (value) => value * Math.exp(random.normal(0, 0.03)),
      );
    },
  },
  {
    id: "green_jobs_share",
    decimals: 1,
    bounds: [0.5, 10],
    regionMean: "arithmetic",
    draw: (district, random) => {
      const bonus = districtArchetypes[district.archetype].greenJobsBonus;
      const level = clamp(3.2 + bonus + random.uniform(-0.4, 0.4), 1.5, 6.5);
      return follow(
        random,
        level,
        (value, index) => value - 0.12 * (latestIndex - index),
        (value) => value + random.normal(0, 0.1),
      );
    },
  },
  {
    id: "life_satisfaction",
    decimals: 2,
    bounds: [7, 7.9],
    regionMean: "arithmetic",
    draw: (district, random) => {
      const ruralEffect = district.archetype === "rural" ? 0.1 : 0;
      const level = clamp(
        7.45 +
          0.08 * district.prosperity -
          0.1 * district.deprivation +
          ruralEffect +
          random.uniform(-0.05, 0.05),
        7.15,
        7.62,
      );
      return follow(
        random,
        level,
        (value, index) => value + (lifeSatisfactionOffset[index] as number),
        (value) => value + random.normal(0, 0.04),
      );
    },
    halfWidth: (_, district) => 0.11 * district.samplingFactor,
  },
  {
    id: "anxiety",
    decimals: 2,
    bounds: [2.6, 3.9],
    regionMean: "arithmetic",
    draw: (district, random) => {
      const cityEffect = district.archetype === "city" ? 0.1 : 0;
      const level = clamp(
        3.15 +
          0.1 * district.deprivation -
          0.05 * district.prosperity +
          cityEffect +
          random.uniform(-0.08, 0.08),
        3.05,
        3.55,
      );
      return follow(
        random,
        level,
        (value, index) => value + (anxietyOffset[index] as number),
        (value) => value + random.normal(0, 0.06),
      );
    },
    halfWidth: (_, district) => 0.22 * district.samplingFactor,
  },
  {
    id: "level4_share",
    decimals: 1,
    bounds: [15, 75],
    regionMean: "arithmetic",
    draw: (district, random) => {
      const level = clamp(44 + 8 * district.skills + random.uniform(-2, 2), 28, 60);
      // Qualifications rise about a point a year, faster where they are already high.
      const rise = 0.95 + 0.15 * district.skills;
      return follow(
        random,
        level,
        (value, index) => value - rise * (latestIndex - index),
        (value) => value + random.normal(0, 0.9),
      );
    },
    halfWidth: proportionHalfWidth(700),
  },
  {
    id: "no_qualifications_share",
    decimals: 1,
    bounds: [1.5, 16],
    regionMean: "arithmetic",
    draw: (district, random) => {
      const level = clamp(6.2 - 1.6 * district.skills + random.uniform(-0.5, 0.5), 3, 10);
      return follow(
        random,
        level,
        (value, index) => value + 0.24 * (latestIndex - index),
        (value) => value + random.normal(0, 0.35),
      );
    },
    halfWidth: proportionHalfWidth(700),
  },
  {
    id: "unemployment_rate",
    decimals: 1,
    bounds: [1.5, 12],
    regionMean: "arithmetic",
    draw: (district, random) => {
      const level = clamp(
        3.9 *
          Math.exp(
            0.3 * district.deprivation - 0.1 * district.prosperity + random.uniform(-0.05, 0.05),
          ),
        2.4,
        7.8,
      );
      return follow(
        random,
        level,
        (value, index) => value * (unemploymentFactor[index] as number),
        (value) => value * Math.exp(random.normal(0, 0.05)),
      );
    },
    halfWidth: proportionHalfWidth(900),
  },
  {
    id: "population_density",
    decimals: 1,
    bounds: [0, 100_000],
    regionMean: "harmonic",
    draw: (district) =>
      district.populationByYear.map((population) => population / district.areaKm2),
  },
];

/**
 * The observations of the demo region: for every indicator, the region and each district in
 * every year of `demoYears`, and the deprivation score of every neighbourhood in the latest
 * year. District values are drawn from each district's latent traits along UK-shaped year
 * paths, kept within plausible bounds and rounded; the region's value is the
 * population-weighted mean of its districts' published values (a harmonic mean for population
 * density, the share of all neighbourhoods for the deprived share). Survey-based indicators
 * carry a 95% confidence interval; the region's half-width is the root of the sum of the
 * squared weighted district half-widths, as for independent estimates.
 *
 * @param districts the districts, in code order.
 * @param neighbourhoods the neighbourhoods with their deprivation scores.
 * @param regionCode the code of the region.
 * @param random the seeded generator.
 */
export function demoObservations(
  districts: readonly DemoDistrict[],
  neighbourhoods: readonly DemoNeighbourhood[],
  regionCode: string,
  random: Random,
): Observation[] {
  const contexts: DistrictContext[] = districts.map((district) => ({
    ...district,
    samplingFactor: Math.sqrt(100_000 / district.population),
  }));
  const series = new Map<string, DistrictSeries[]>();
  for (const spec of specs) {
    series.set(
      spec.id,
      contexts.map((district) => {
        const values = spec
          .draw(district, random)
          .map((value) => roundTo(clamp(value, ...spec.bounds), spec.decimals));
        const halfWidth = spec.halfWidth;
        return {
          values,
          intervals:
            halfWidth === undefined
              ? undefined
              : values.map((value) => {
                  const width = halfWidth(value, district);
                  return [
                    roundTo(value - width, spec.decimals),
                    roundTo(value + width, spec.decimals),
                  ] as const;
                }),
        };
      }),
    );
  }
  const deprivation = deprivationSeries(districts, neighbourhoods);
  series.set("deprived_neighbourhood_share", deprivation.share);
  series.set("imd_score", deprivation.score);

  const observations: Observation[] = [];
  for (const { id: indicatorId } of demoIndicators) {
    const districtSeries = series.get(indicatorId) as DistrictSeries[];
    const spec = specs.find((candidate) => candidate.id === indicatorId);
    const decimals = spec?.decimals ?? 1;
    demoYears.forEach((year, yearIndex) => {
      let value: number;
      let interval: readonly [number, number] | undefined;
      if (indicatorId === "deprived_neighbourhood_share") {
        value = deprivation.regionShare[yearIndex] as number;
      } else {
        const weights = districts.map((district) => district.populationByYear[yearIndex] as number);
        const values = districtSeries.map((entry) => entry.values[yearIndex] as number);
        const mean =
          spec?.regionMean === "harmonic"
            ? harmonicMean(values, weights)
            : arithmeticMean(values, weights);
        value = roundTo(mean, decimals);
        if (districtSeries.every((entry) => entry.intervals !== undefined)) {
          const total = weights.reduce((sum, weight) => sum + weight, 0);
          let variance = 0;
          districtSeries.forEach((entry, index) => {
            const [lower, upper] = (entry.intervals as (readonly [number, number])[])[
              yearIndex
            ] as [number, number];
            variance += (((weights[index] as number) / total) * (upper - lower)) ** 2 / 4;
          });
          const width = Math.sqrt(variance);
          interval = [roundTo(mean - width, decimals), roundTo(mean + width, decimals)];
        }
      }
      observations.push(observation(regionCode, indicatorId, year, value, interval));
    });
    districts.forEach((district, districtIndex) => {
      const entry = districtSeries[districtIndex] as DistrictSeries;
      demoYears.forEach((year, yearIndex) => {
        observations.push(
          observation(
            district.code,
            indicatorId,
            year,
            entry.values[yearIndex] as number,
            entry.intervals?.[yearIndex],
          ),
        );
      });
    });
    if (indicatorId === "imd_score") {
      const latestYear = demoYears[latestIndex] as number;
      for (const neighbourhood of neighbourhoods) {
        observations.push(
          observation(
            neighbourhood.code,
            indicatorId,
            latestYear,
            neighbourhood.deprivationByYear[latestIndex] as number,
            undefined,
          ),
        );
      }
    }
  }
  return observations;
}

interface DistrictSeries {
  values: number[];
  intervals: (readonly [number, number])[] | undefined;
}

function observation(
  placeCode: string,
  indicatorId: string,
  year: number,
  value: number,
  interval: readonly [number, number] | undefined,
): Observation {
  return {
    placeCode,
    indicatorId,
    period: String(year),
    value,
    lower: interval?.[0] ?? null,
    upper: interval?.[1] ?? null,
    status: "ok",
    note: null,
  };
}

// The share of each district's neighbourhoods among the region's most deprived tenth, and the
// population-weighted mean score, year by year. The most deprived tenth is the round(N / 10)
// highest-scoring of the region's N neighbourhoods, ties going to the lower code.
function deprivationSeries(
  districts: readonly DemoDistrict[],
  neighbourhoods: readonly DemoNeighbourhood[],
): { share: DistrictSeries[]; score: DistrictSeries[]; regionShare: number[] } {
  const mostDeprivedCount = Math.round(neighbourhoods.length / 10);
  const share: DistrictSeries[] = districts.map(() => ({ values: [], intervals: undefined }));
  const score: DistrictSeries[] = districts.map(() => ({ values: [], intervals: undefined }));
  const regionShare: number[] = [];
  demoYears.forEach((_, yearIndex) => {
    const ranked = neighbourhoods
      .slice()
      .sort(
        (a, b) =>
          (b.deprivationByYear[yearIndex] as number) - (a.deprivationByYear[yearIndex] as number) ||
          (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
      );
    const mostDeprived = new Set(ranked.slice(0, mostDeprivedCount).map((entry) => entry.code));
    districts.forEach((district, districtIndex) => {
      const own = neighbourhoods.filter((entry) => entry.districtCode === district.code);
      const deprivedCount = own.filter((entry) => mostDeprived.has(entry.code)).length;
      share[districtIndex]?.values.push(roundTo((100 * deprivedCount) / own.length, 1));
      score[districtIndex]?.values.push(
        roundTo(
          arithmeticMean(
            own.map((entry) => entry.deprivationByYear[yearIndex] as number),
            own.map((entry) => entry.population),
          ),
          1,
        ),
      );
    });
    regionShare.push(roundTo((100 * mostDeprivedCount) / neighbourhoods.length, 1));
  });
  return { share, score, regionShare };
}

function arithmeticMean(values: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  let weightSum = 0;
  values.forEach((value, index) => {
    sum += (weights[index] as number) * value;
    weightSum += weights[index] as number;
  });
  return sum / weightSum;
}

function harmonicMean(values: readonly number[], weights: readonly number[]): number {
  let inverseSum = 0;
  let weightSum = 0;
  values.forEach((value, index) => {
    inverseSum += (weights[index] as number) / value;
    weightSum += weights[index] as number;
  });
  return weightSum / inverseSum;
}

function cumulativeIndex(growthPercent: readonly number[]): number[] {
  // Work back from the latest year, which is 1.
  const index = [1];
  for (let step = growthPercent.length - 1; step >= 0; step -= 1) {
    index.unshift((index[0] as number) / (1 + (growthPercent[step] as number) / 100));
  }
  return index;
}
