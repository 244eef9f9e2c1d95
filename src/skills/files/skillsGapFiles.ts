import { InputError } from "../../core/errors.js";
import type { SkillsGapInput } from "../methods/index.js";
import { readIndustryOccupationFile } from "./industryOccupationFile.js";
import { readOccupationLevelFile } from "./occupationLevelFile.js";
import { readPlanFile } from "./planFile.js";
import { readReplacementFile } from "./replacementFile.js";
import { readSupplyFile } from "./supplyFile.js";

/** The files of `placefirst skills gap`, by their paths. */
export interface SkillsGapPaths {
  /** The sector plan: `industry,baseline,target[,target_low,target_high]`. */
  plan: string;
  /** Industry × occupation shares: `industry,occupation,share`. */
  occupations: string;
  /** Occupation × level shares: `occupation,level,share`. */
  levels: string;
  /** Supply by level: `level,supply[,supply_low,supply_high]`. */
  supply: string;
  /** Replacement rates, optional: `occupation,rate[,rate_low,rate_high]`. */
  replacement?: string;
}

/**
 * Reads the skills gap files and checks that they fit together, so that a gap in one is reported
 * where it can be fixed: every industry of the plan has an occupation mix, every occupation it
 * employs has a level mix and, when rates are given, a replacement rate.
 *
 * @throws InputError naming the file, line and column of the first problem in any file, or the
 *   line of the plan or the mix that needs what another file lacks.
 */
export async function readSkillsGapFiles(paths: SkillsGapPaths): Promise<SkillsGapInput> {
  const plan = await readPlanFile(paths.plan);
  const industryOccupation = await readIndustryOccupationFile(paths.occupations);
  const occupationLevel = await readOccupationLevelFile(paths.levels);
  const supply = await readSupplyFile(paths.supply);
  const replacement =
    paths.replacement === undefined ? undefined : await readReplacementFile(paths.replacement);

  const mixed = new Set(industryOccupation.map((row) => row.industry));
  for (const row of plan) {
    if (!mixed.has(row.industry)) {
      throw new InputError(
        `industry ${row.industry} has no occupation mix in ${paths.occupations}; add its rows there (industry,occupation,share), or leave it out of the plan`,
        { file: paths.plan, line: row.line, field: "industry", value: row.industry },
      );
    }
  }
  const planned = new Set(plan.map((row) => row.industry));
  const levelled = new Set(occupationLevel.map((row) => row.occupation));
  const rated = new Set(replacement?.map((row) => row.occupation));
  const checked = new Set<string>();
  for (const row of industryOccupation) {
    if (!planned.has(row.industry) || row.share === 0 || checked.has(row.occupation)) continue;
    checked.add(row.occupation);
    if (!levelled.has(row.occupation)) {
      throw new InputError(
        `occupation ${row.occupation} has no level mix in ${paths.levels}; add its rows there (occupation,level,share)`,
        { file: paths.occupations, line: row.line, field: "occupation", value: row.occupation },
      );
    }
    if (replacement !== undefined && !rated.has(row.occupation)) {
      throw new InputError(
        `occupation ${row.occupation}, employed by industry ${row.industry} of the plan, has no replacement rate; add a row ${row.occupation},<rate> (0 where none leave)`,
        { file: paths.replacement, field: "occupation", value: row.occupation },
      );
    }
  }
  const strip = <Row extends { line: number }>({ line: _line, ...rest }: Row): Omit<Row, "line"> =>
    rest;
  return {
    plan: plan.map(strip),
    industryOccupation: industryOccupation.map(strip),
    occupationLevel: occupationLevel.map(strip),
    supply: supply.map(strip),
    ...(replacement === undefined ? {} : { replacement: replacement.map(strip) }),
  };
}
