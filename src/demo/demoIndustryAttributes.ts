import { sic2007Divisions } from "../core/sic2007.js";
import type { Random } from "./random.js";
import { roundTo } from "./roundTo.js";

/** The attributes of one industry in the demo. */
export interface DemoIndustryAttributes {
  industryCode: string;
  /** Median gross weekly pay, £. */
  medianPay: number;
  /** Share of jobs open to people without a degree, 0 to 1. */
  nonGraduateShare: number;
  /** National employment growth over five years, a fraction. */
  growth: number;
  /** Greenhouse gas emissions per £ million of output, tCO2e. */
  emissionsIntensity: number;
}

// Typical values by SIC section, of the order ONS's ASHE (pay), the Labour Force Survey
// (qualifications), BRES (growth) and the ONS environmental accounts (emissions intensity)
// publish for the UK; the demo varies each division around its section's values.
const sectionBase: Record<
  string,
  [pay: number, nonGraduate: number, growth: number, emissions: number]
> = {
  A: [480, 0.85, -0.02, 600],
  B: [850, 0.75, -0.1, 900],
  C: [680, 0.72, 0, 250],
  D: [900, 0.55, 0.02, 2500],
  E: [650, 0.75, 0.03, 700],
  F: [700, 0.8, 0.06, 80],
  G: [450, 0.85, 0.01, 40],
  H: [620, 0.82, 0.04, 450],
  I: [330, 0.88, 0.05, 50],
  J: [850, 0.4, 0.12, 15],
  K: [900, 0.45, 0.04, 10],
  L: [600, 0.6, 0.03, 10],
  M: [800, 0.4, 0.08, 15],
  N: [500, 0.78, 0.05, 40],
  O: [650, 0.55, 0.02, 40],
  P: [580, 0.35, 0.03, 40],
  Q: [560, 0.55, 0.08, 40],
  R: [450, 0.65, 0.04, 40],
  S: [420, 0.75, 0.02, 40],
  T: [300, 0.9, 0, 10],
  U: [700, 0.4, 0, 10],
};

/**
 * Plausible, fictional attributes for every SIC 2007 division: pay, the share of jobs open to
 * people without a degree, growth and emissions intensity, varied around typical values of
 * each section.
 */
export function demoIndustryAttributes(random: Random): DemoIndustryAttributes[] {
  return sic2007Divisions.map(([code, section]) => {
    const [pay, nonGraduate, growth, emissions] = sectionBase[section]!;
    return {
      industryCode: code,
      medianPay: Math.round(pay * (1 + 0.1 * random.normal())),
      nonGraduateShare: roundTo(
        Math.min(0.97, Math.max(0.1, nonGraduate + 0.05 * random.normal())),
        3,
      ),
      growth: roundTo(growth + 0.03 * random.normal(), 3),
      emissionsIntensity: roundTo(emissions * Math.exp(0.3 * random.normal()), 1),
    };
  });
}
