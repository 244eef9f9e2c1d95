import { InputError } from "../../core/errors.js";
import type {
  LevelCompletions,
  LevelSupply,
  ResidentsByAge,
  SkillsGapInput,
} from "../methods/index.js";
import { readCompletionsFile } from "./completionsFile.js";
import { readIndustryOccupationFile } from "./industryOccupationFile.js";
import { readOccupationLevelFile } from "./occupationLevelFile.js";
import { readPlanFile } from "./planFile.js";
import { readReplacementFile } from "./replacementFile.js";
import { readResidentsFile } from "./residentsFile.js";
import { readSupplyFile } from "./supplyFile.js";

/** The files of `placefirst skills gap`, by their paths. */
export interface SkillsGapPaths {
  /** The sector plan: `industry,baseline,target[,target_low,target_high]`. */
  plan: string;
  /** Industry × occupation shares: `industry,occupation,share`. */
  occupations: string;
  /** Occupation × level shares: `occupation,level,share`. */
  levels: string;
  /** Supply by level: `level,supply[,supply_low,supply_high]`; or `completions`, not both. */
  supply?: string;
  /** Completions a year, to project the supply from: `level,subject,completions`. */
  completions?: string;
  /** Residents by level and age, optional with `completions`: `level,age_band,residents`. */
  residents?: string;
  /** Replacement rates, optional: `occupation,rate[,rate_low,rate_high]`. */
  replacement?: string;
}

/**
 * The skills gap files as read: the method's input with the supply as given (`supply`) or the
 * flows to project it from (`completions` and, optionally, `residents`).
 */
export interface SkillsGapFiles extends Omit<SkillsGapInput, "supply"> {
  /** The supply by level, when a supply file was given. */
  supply?: LevelSupply[];
  /** Completions a year by level and subject, when a completions file was given. */
  completions?: LevelCompletions[];
  /** Residents by level and age band, when a residents file was given. */
  residents?: ResidentsByAge[];
}

/**
 * Reads the skills gap files and checks that they fit together, so that a gap in one is reported
 * where it can be fixed: every industry of the plan has an occupation mix, every occupation it
 * employs has a level mix and, when rates are given, a replacement rate.
 *
 * @throws InputError naming the file, line and column of the first problem in any file, or the
 *   line of the plan or the mix that needs what another file lacks; or when both a supply and a
 *   completions file are given, or neither, or residents without completions.
 */
export async function readSkillsGapFiles(paths: SkillsGapPaths): Promise<SkillsGapFiles> {
  if ((paths.supply === undefined) === (paths.completions === undefined)) {
    throw new InputError(
      "give either the supply by level or the completions to project it from, not both or neither",
    );
  }
  if (paths.residents !== undefined && paths.completions === undefined) {
    throw new InputError("the residents file goes with a completions file, not a supply file", {
      file: paths.residents,
    });
  }
  const plan = await readPlanFile(paths.plan);
  const industryOccupation = await readIndustryOccupationFile(paths.occupations);
  const occupationLevel = await readOccupationLevelFile(paths.levels);
  const supply = paths.supply === undefined ? undefined : await readSupplyFile(paths.supply);
  const completions =
    paths.completions === undefined ? undefined : await readCompletionsFile(paths.completions);
  const residents =
    paths.residents === undefined ? undefined : await readResidentsFile(paths.residents);
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
    ...(supply === undefined ? {} : { supply: supply.map(strip) }),
    ...(completions === undefined ? {} : { completions: completions.map(strip) }),
    ...(residents === undefined ? {} : { residents: residents.map(strip) }),
    ...(replacement === undefined ? {} : { replacement: replacement.map(strip) }),
  };
}
