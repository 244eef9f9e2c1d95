import type { OutputFormat } from "../core/formatRows.js";
import { withResidentsFile } from "./files/residentsFile.js";
import { readSkillsGapFiles } from "./files/skillsGapFiles.js";
import {
  projectSupply,
  skillsGap,
  type AgeRange,
  type QualificationLevel,
  type SkillsGapInput,
  type SupplyProjection,
} from "./methods/index.js";
import {
  accessibleSentence,
  skillsGapReport,
  skillsReportRows,
  type SkillsReportView,
} from "./report.js";

export type { SkillsGapReport } from "./report.js";

/** Options of `placefirst skills gap`, as commander parses them. */
export interface SkillsGapCommandOptions {
  /** The sector plan CSV. */
  plan: string;
  /** The industry × occupation CSV. */
  occupations: string;
  /** The occupation × level CSV. */
  levels: string;
  /** The supply CSV; or `completions`, not both. */
  supply?: string;
  /** The completions CSV, to project the supply from. */
  completions?: string;
  /** The residents CSV, with `completions`. */
  residents?: string;
  /** With `completions`: the share of new entrants who stay, for every level and by level. */
  retention?: RetentionOption;
  /** With `completions`: the ages whose residents estimate a level's entrants; default 16-24. */
  entryAges?: AgeRange;
  /** The share of openings filled by in-commuters, 0 to 1; default none. */
  inCommuting?: number;
  /** The replacement rates CSV; without it only new jobs count. */
  replacement?: string;
  /** The horizon in years; default 5. */
  years: number;
  /** Monte Carlo replications; without it, no ranges. */
  uncertainty?: number;
  /** The seed of the draws; default 1. */
  seed: number;
  /** The relative spread of a plan row's change without its own range; default 0.5. */
  changeSpread?: number;
  /** The relative spread of a replacement rate without its own range; default 0.25. */
  replacementSpread?: number;
  /** The relative spread of a level's supply without its own range; default 0.25. */
  supplySpread?: number;
  /** What a table or CSV lists. */
  by: SkillsReportView;
  /** The output format. */
  format: OutputFormat;
}

/** `--retention` as parsed: a share for every level, and shares for particular levels. */
export interface RetentionOption {
  /** The share at every level not in `byLevel`, 0 to 1; default the method's (0.7). */
  all?: number;
  /** The share at particular levels, 0 to 1. */
  byLevel: Partial<Record<QualificationLevel, number>>;
}

/**
 * `placefirst skills gap`: reads the files, projects the supply when given completions, computes
 * the gap and prints it. Warnings go to standard error, and in a table the accessible share and
 * where the supply came from too.
 */
export async function runSkillsGap(options: SkillsGapCommandOptions): Promise<void> {
  const files = await readSkillsGapFiles({
    plan: options.plan,
    occupations: options.occupations,
    levels: options.levels,
    ...(options.supply === undefined ? {} : { supply: options.supply }),
    ...(options.completions === undefined ? {} : { completions: options.completions }),
    ...(options.residents === undefined ? {} : { residents: options.residents }),
    ...(options.replacement === undefined ? {} : { replacement: options.replacement }),
  });
  let projection: SupplyProjection | undefined;
  const { completions, residents } = files;
  if (completions !== undefined) {
    projection = withResidentsFile(options.residents, () =>
      projectSupply(
        { completions, ...(residents === undefined ? {} : { residents }) },
        {
          years: options.years,
          ...(options.retention?.all === undefined ? {} : { retention: options.retention.all }),
          ...(options.retention === undefined
            ? {}
            : { retentionByLevel: options.retention.byLevel }),
          ...(options.entryAges === undefined ? {} : { entryAges: options.entryAges }),
          ...(options.inCommuting === undefined ? {} : { inCommutingShare: options.inCommuting }),
        },
      ),
    );
  }
  const input: SkillsGapInput = {
    plan: files.plan,
    industryOccupation: files.industryOccupation,
    occupationLevel: files.occupationLevel,
    ...(files.replacement === undefined ? {} : { replacement: files.replacement }),
    // readSkillsGapFiles gives either a supply file's rows or the completions projected above.
    supply: projection?.supply ?? files.supply!,
    ...(options.inCommuting === undefined ? {} : { inCommutingShare: options.inCommuting }),
  };
  const result = skillsGap(input, {
    years: options.years,
    ...(options.uncertainty === undefined
      ? {}
      : {
          uncertainty: {
            replications: options.uncertainty,
            seed: options.seed,
            ...(options.changeSpread === undefined ? {} : { changeSpread: options.changeSpread }),
            ...(options.replacementSpread === undefined
              ? {}
              : { replacementSpread: options.replacementSpread }),
            ...(options.supplySpread === undefined ? {} : { supplySpread: options.supplySpread }),
          },
        }),
  });
  const report = skillsGapReport(result, undefined, projection);
  for (const warning of report.warnings) process.stderr.write(`warning: ${warning}\n`);
  if (options.format === "json") {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  process.stdout.write(skillsReportRows(report, options.by, options.format));
  if (options.format === "table") {
    process.stderr.write(`${accessibleSentence(report)}\n`);
    if (projection !== undefined) process.stderr.write(`${projectionSentence(projection)}\n`);
  }
}

/** Where the projected supply of each level came from, as a sentence. */
function projectionSentence(projection: SupplyProjection): string {
  const { from, to } = projection.entryAges;
  const levelsFrom = (source: string) =>
    projection.byLevel.filter((row) => row.source === source).map((row) => row.level);
  const parts = [
    ["completions", "from completions"],
    ["residents", `from residents aged ${from} to ${to}`],
    ["none", "no completions or residents"],
  ]
    .map(([source, phrase]) => [levelsFrom(source!), phrase] as const)
    .filter(([levels]) => levels.length > 0)
    .map(([levels, phrase]) => `${phrase} at ${levels.join(", ")}`);
  const retentions = [...new Set(projection.byLevel.map((row) => row.retention))];
  const retention =
    retentions.length === 1
      ? `${Math.round(retentions[0]! * 100)}% of new entrants staying`
      : `retention ${projection.byLevel.map((row) => `${row.level} ${Math.round(row.retention * 100)}%`).join(", ")}`;
  const commuting =
    projection.inCommutingShare > 0
      ? `; in-commuters fill ${Math.round(projection.inCommutingShare * 100)}% of openings`
      : "";
  return `Supply projected over ${projection.years} years: ${parts.join("; ")}; ${retention}${commuting}.`;
}
