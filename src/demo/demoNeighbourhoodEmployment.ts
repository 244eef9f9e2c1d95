import type { Employment } from "../core/vocabulary.js";
import { sic2007Divisions } from "../core/sic2007.js";
import { apportion } from "./apportion.js";
import type { DemoNeighbourhood } from "./demoNeighbourhoods.js";
import { demoYears } from "./demoYears.js";
import type { Random } from "./random.js";

// How strongly each section's jobs lean towards (positive) or away from (negative) a
// district's more deprived neighbourhoods, per standard deviation of deprivation: offices of
// finance, information and professional services cluster in the better-off centres; shops,
// care, food, warehouses and factories sit nearer where most people on low incomes live.
const sectionLean: Readonly<Record<string, number>> = {
  C: 0.25,
  G: 0.2,
  H: 0.25,
  I: 0.15,
  J: -0.5,
  K: -0.6,
  L: -0.3,
  M: -0.5,
  N: 0.1,
  Q: 0.2,
};

const sectionOf = new Map(sic2007Divisions.map(([code, section]) => [code, section]));

/**
 * Employees by neighbourhood and SIC 2007 division in the latest year: each district's count in
 * a division shared among its neighbourhoods, in proportion to their populations tilted by how
 * deprived each is against its district's other neighbourhoods and by the section's lean
 * (offices away from, shops, care and factories towards the most deprived), with a little noise.
 * The neighbourhoods' counts add up to their district's exactly (largest remainders).
 *
 * @param employment the districts' employment (every year; only the latest is shared out).
 * @param neighbourhoods the neighbourhoods, with their districts and deprivation scores.
 * @param random the seeded generator.
 * @returns one row per neighbourhood and division with a district count, in district order.
 */
export function demoNeighbourhoodEmployment(
  employment: readonly Employment[],
  neighbourhoods: readonly DemoNeighbourhood[],
  random: Random,
): Employment[] {
  const latest = String(demoYears[demoYears.length - 1]);
  const byDistrict = new Map<string, DemoNeighbourhood[]>();
  for (const neighbourhood of neighbourhoods) {
    const own = byDistrict.get(neighbourhood.districtCode) ?? [];
    own.push(neighbourhood);
    byDistrict.set(neighbourhood.districtCode, own);
  }
  // Each neighbourhood's deprivation in standard deviations from its district's mean.
  const standardised = new Map<string, number>();
  for (const own of byDistrict.values()) {
    const scores = own.map((neighbourhood) => neighbourhood.deprivationByYear.at(-1)!);
    const mean = scores.reduce((sum, score) => sum + score, 0) / scores.length;
    const spread = Math.sqrt(
      scores.reduce((sum, score) => sum + (score - mean) ** 2, 0) / scores.length,
    );
    own.forEach((neighbourhood, index) =>
      standardised.set(neighbourhood.code, spread > 0 ? (scores[index]! - mean) / spread : 0),
    );
  }
  const rows: Employment[] = [];
  for (const row of employment) {
    if (row.period !== latest) continue;
    const own = byDistrict.get(row.placeCode);
    if (own === undefined) continue;
    const lean = sectionLean[sectionOf.get(row.industryCode) ?? ""] ?? 0;
    const weights = own.map(
      (neighbourhood) =>
        neighbourhood.population *
        Math.exp(lean * standardised.get(neighbourhood.code)! + random.normal(0, 0.3)),
    );
    const counts = apportion(row.employees, weights);
    own.forEach((neighbourhood, index) =>
      rows.push({
        placeCode: neighbourhood.code,
        industryCode: row.industryCode,
        period: latest,
        employees: counts[index]!,
      }),
    );
  }
  return rows;
}
