import { sic2007Divisions } from "../src/core/sic2007.js";
import { Random } from "../src/demo/random.js";
import {
  qualificationLevels,
  skillsGapForPlaces,
  type IndustryOccupationShare,
  type OccupationLevelShare,
  type PlaceSkillsGap,
  type ReplacementRate,
  type SkillsGapMixes,
  type SkillsGapPlace,
} from "../src/skills/methods/index.js";
import { soc2020SubMajorGroups } from "../src/skills/soc2020.js";

/** What the skills gap benchmark measured. */
export interface SkillsBenchResult {
  places: number;
  industries: number;
  occupations: number;
  levels: number;
  replications: number;
  /** The median time of a whole `skillsGapForPlaces` call, checks included. Target: under 3 s. */
  medianSeconds: number;
  runs: number[];
  /** Drawing the inputs, once. */
  setupSeconds: number;
  /** The share of reported gaps (levels and occupations) whose point value lies in its range. */
  pointInRangeShare: number;
  peakMemoryMb: number;
}

/**
 * The skills gap of 400 places, each with a plan for 80 industries (SIC 2007 divisions), over 25
 * occupations (SOC 2020 sub-major groups) and the 5 qualification levels, with 1,000 Monte Carlo
 * replications of every change, replacement rate and supply (the default spreads). The mixes
 * are seeded and dense: every industry employs every occupation and every occupation has jobs at
 * every level, the slowest case. Times `skillsGapForPlaces` (median of `repeats`). Target: 3 s.
 */
export function skillsBench(repeats = 3): SkillsBenchResult {
  const setupStarted = process.hrtime.bigint();
  const { mixes, places } = benchSkillsInputs(400, 80, 25, 2028);
  const setupSeconds = Number(process.hrtime.bigint() - setupStarted) / 1e9;
  const replications = 1000;
  const runs: number[] = [];
  let result: PlaceSkillsGap[] | undefined;
  for (let repeat = 0; repeat < repeats; repeat++) {
    result = undefined;
    const started = process.hrtime.bigint();
    result = skillsGapForPlaces(mixes, places, {
      years: 5,
      uncertainty: { replications, seed: 1 },
    });
    runs.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  let inRange = 0;
  let ranged = 0;
  for (const place of result!) {
    for (const row of [...place.byLevel, ...place.byOccupation]) {
      ranged++;
      if (row.range !== undefined && row.range[0] <= row.gap && row.gap <= row.range[1]) inRange++;
    }
  }
  const sorted = [...runs].sort((a, b) => a - b);
  return {
    places: places.length,
    industries: places[0]!.plan.length,
    occupations: result![0]!.byOccupation.length,
    levels: qualificationLevels.length,
    replications,
    medianSeconds: sorted[Math.floor(sorted.length / 2)]!,
    runs,
    setupSeconds,
    pointInRangeShare: inRange / ranged,
    peakMemoryMb: process.resourceUsage().maxRSS / 1024,
  };
}

/**
 * Seeded inputs of the benchmark's size: a dense occupation mix per industry (weights u³, so a
 * few occupations dominate), a level mix per occupation centred on a level that rises with its
 * major group's skill, replacement rates of 2% to 5% a year, and per place a baseline of 10 to
 * 5,000 per industry (log-uniform), a planned change of about +3% ± 10%, and a supply at each
 * level of about 1% of the place's employment.
 */
export function benchSkillsInputs(
  placeCount: number,
  industryCount: number,
  occupationCount: number,
  seed: number,
): { mixes: SkillsGapMixes; places: SkillsGapPlace[] } {
  const random = new Random(seed);
  const industries = sic2007Divisions.slice(0, industryCount).map(([code]) => code);
  const occupations = soc2020SubMajorGroups.slice(0, occupationCount).map(([code]) => code);
  const industryOccupation: IndustryOccupationShare[] = industries.flatMap((industry) => {
    const weights = occupations.map(() => random.next() ** 3 + 1e-3);
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    return occupations.map((occupation, index) => ({
      industry,
      occupation,
      share: weights[index]! / total,
    }));
  });
  const occupationLevel: OccupationLevelShare[] = occupations.flatMap((occupation) => {
    // Managers and professionals (1, 2) centre on the top levels, elementary jobs (9) on entry.
    const centre = Math.max(0, Math.min(4, Math.round((9 - Number(occupation[0])) / 2)));
    const weights = qualificationLevels.map((_, level) => Math.exp(-Math.abs(level - centre)));
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    return qualificationLevels.map((level, index) => ({
      occupation,
      level,
      share: weights[index]! / total,
    }));
  });
  const replacement: ReplacementRate[] = occupations.map((occupation) => ({
    occupation,
    rate: random.uniform(0.02, 0.05),
  }));
  const places: SkillsGapPlace[] = Array.from({ length: placeCount }, (_, index) => {
    let employment = 0;
    const plan = industries.map((industry) => {
      const baseline = Math.round(Math.exp(random.uniform(Math.log(10), Math.log(5000))));
      employment += baseline;
      const target = Math.max(0, Math.round(baseline * (1 + random.normal(0.03, 0.1))));
      return { industry, baseline, target };
    });
    const supply = qualificationLevels.map((level) => ({
      level,
      supply: Math.round(employment * random.uniform(0.005, 0.015)),
    }));
    return { placeCode: `P${String(index + 1).padStart(3, "0")}`, plan, supply };
  });
  return { mixes: { industryOccupation, occupationLevel, replacement }, places };
}
