import type { Employment } from "../core/vocabulary.js";
import { foundationalDivisions } from "../core/sic2007.js";
import { clamp } from "./clamp.js";
import type { DemoDistrict } from "./demoDistricts.js";
import { demoYears } from "./demoYears.js";
import { districtArchetypes } from "./districtArchetypes.js";
import { divisionBaseline } from "./divisionBaseline.js";
import type { Random } from "./random.js";

// The foundational economy's smallest share of any district's employees before trends: the
// care, health, education, retail, food, utilities, housing and transport every place needs.
const minimumFoundationalShare = 0.4;

// Employees per usual resident stay within this band in every year.
const jobsPerResidentBand = [0.405, 0.495] as const;

const isFoundational = divisionBaseline.map(([code]) => foundationalDivisions.has(code));

/**
 * Employees by SIC 2007 division for each district and year. Each district starts from the
 * regional baseline shares, scaled by its kind (a port has many times the usual share in water
 * transport and warehousing) and a little noise; where the foundational divisions fall below
 * 40% of the total they are scaled up to it. The latest year's total is the district's
 * population times its jobs per resident; earlier years follow each division's trend and 2020
 * shock, with a specialised cluster growing by 1% a year. Counts are whole numbers; divisions
 * that the baseline leaves empty, and division 99 outside the city, are zero.
 *
 * @param districts the districts, in code order.
 * @param random the seeded generator.
 * @returns one row per district, year and division, in that order.
 */
export function demoEmployment(districts: readonly DemoDistrict[], random: Random): Employment[] {
  const rows: Employment[] = [];
  const latestYear = demoYears[demoYears.length - 1] as number;
  for (const district of districts) {
    const profile = districtArchetypes[district.archetype];
    const weights = divisionBaseline.map(([code, share]) => {
      if (share === 0 || (code === "99" && district.archetype !== "city")) return 0;
      const multiplier = profile.sectorMultipliers[code] ?? 1;
      return share * multiplier * Math.exp(clamp(random.normal(0, 0.15), -0.35, 0.35));
    });
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    const foundational = weights.reduce(
      (sum, weight, index) => sum + (isFoundational[index] ? weight : 0),
      0,
    );
    const foundationalShare = foundational / total;
    // Scale the foundational divisions by k so that k F / (k F + (1 - F)) is the minimum.
    const foundationalScale =
      foundationalShare >= minimumFoundationalShare
        ? 1
        : (minimumFoundationalShare * (1 - foundationalShare)) /
          (foundationalShare * (1 - minimumFoundationalShare));
    const scaled = weights.map((weight, index) =>
      isFoundational[index] ? weight * foundationalScale : weight,
    );
    const scaledTotal = scaled.reduce((sum, weight) => sum + weight, 0);
    const latestEmployees = district.population * district.jobsPerResident;

    demoYears.forEach((year, yearIndex) => {
      const counts = divisionBaseline.map(([code, , trend, change2020], index) => {
        const weight = scaled[index] as number;
        if (weight === 0) return 0;
        const yearlyTrend = profile.cluster.includes(code) ? 1 : trend;
        const shock = year === 2020 ? change2020 : year === 2021 ? change2020 / 2 : 0;
        const noise = year === latestYear ? 0 : random.normal(0, 0.015);
        return (
          ((latestEmployees * weight) / scaledTotal) *
          Math.exp((yearlyTrend / 100) * (year - latestYear) + noise) *
          (1 + shock / 100)
        );
      });
      const yearTotal = counts.reduce((sum, count) => sum + count, 0);
      const population = district.populationByYear[yearIndex] as number;
      const ratio = yearTotal / population;
      const rescale = clamp(ratio, ...jobsPerResidentBand) / ratio;
      divisionBaseline.forEach(([code], index) => {
        const count = (counts[index] as number) * rescale;
        rows.push({
          placeCode: district.code,
          industryCode: code,
          period: String(year),
          employees: count === 0 ? 0 : Math.max(1, Math.round(count)),
        });
      });
    });
  }
  return rows;
}
