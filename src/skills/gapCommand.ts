import { formatRows, type OutputFormat } from "../core/formatRows.js";
import { readSkillsGapFiles } from "./files/skillsGapFiles.js";
import {
  levelPhrase,
  rankInvestments,
  skillsGap,
  type QualificationLevel,
  type SkillsGapResult,
} from "./methods/index.js";
import { soc2020GroupName } from "./soc2020.js";

/** Options of `placefirst skills gap`, as commander parses them. */
export interface SkillsGapCommandOptions {
  /** The sector plan CSV. */
  plan: string;
  /** The industry × occupation CSV. */
  occupations: string;
  /** The occupation × level CSV. */
  levels: string;
  /** The supply CSV. */
  supply: string;
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
  by: "level" | "occupation" | "occupation-level" | "investments";
  /** The output format. */
  format: OutputFormat;
}

/** What `placefirst skills gap --format json` prints. People to one decimal, shares to three. */
export interface SkillsGapReport {
  years: number;
  byLevel: {
    level: QualificationLevel;
    expansion: number;
    replacement: number;
    demand: number;
    released: number;
    supply: number;
    gap: number;
    range?: [number, number];
  }[];
  byOccupation: {
    occupation: string;
    name: string | null;
    employment: number;
    expansion: number;
    replacement: number;
    demand: number;
    released: number;
    supply: number;
    gap: number;
    range?: [number, number];
  }[];
  byOccupationLevel: {
    occupation: string;
    level: QualificationLevel;
    demand: number;
    supply: number;
    gap: number;
  }[];
  accessibleShare: {
    level2orBelow: number | null;
    level3: number | null;
    levelsWithoutOpenings: QualificationLevel[];
  };
  /** The shortfalls by occupation and level, largest first, with reasons. */
  investments: {
    rank: number;
    occupation: string;
    level: QualificationLevel;
    gap: number;
    reason: string;
  }[];
  uncertainty?: SkillsGapResult["uncertainty"];
  warnings: string[];
}

/** The result as `placefirst skills gap` reports it: people to one decimal, shares to three. */
export function skillsGapReport(result: SkillsGapResult): SkillsGapReport {
  const people = (value: number): number => round(value, 1);
  const range = (value: [number, number] | undefined) =>
    value === undefined ? {} : { range: [people(value[0]), people(value[1])] as [number, number] };
  return {
    years: result.years,
    byLevel: result.byLevel.map((row) => ({
      level: row.level,
      expansion: people(row.expansion),
      replacement: people(row.replacement),
      demand: people(row.demand),
      released: people(row.released),
      supply: people(row.supply),
      gap: people(row.gap),
      ...range(row.range),
    })),
    byOccupation: result.byOccupation.map((row) => ({
      occupation: row.occupation,
      name: soc2020GroupName(row.occupation) ?? null,
      employment: people(row.employment),
      expansion: people(row.expansion),
      replacement: people(row.replacement),
      demand: people(row.demand),
      released: people(row.released),
      supply: people(row.supply),
      gap: people(row.gap),
      ...range(row.range),
    })),
    byOccupationLevel: result.byOccupationLevel.map((row) => ({
      occupation: row.occupation,
      level: row.level,
      demand: people(row.demand),
      supply: people(row.supply),
      gap: people(row.gap),
    })),
    accessibleShare: {
      level2orBelow: shareOrNull(result.accessibleShare.level2orBelow),
      level3: shareOrNull(result.accessibleShare.level3),
      levelsWithoutOpenings: result.accessibleShare.levelsWithoutOpenings,
    },
    investments: rankInvestments(result.byOccupationLevel, {
      occupationNames: Object.fromEntries(
        result.byOccupation.flatMap((row) => {
          const name = soc2020GroupName(row.occupation);
          return name === undefined ? [] : [[row.occupation, name]];
        }),
      ),
    }).map((entry) => ({
      rank: entry.rank,
      occupation: entry.occupation,
      level: entry.level,
      gap: people(entry.gap),
      reason: entry.reason,
    })),
    ...(result.uncertainty === undefined ? {} : { uncertainty: result.uncertainty }),
    warnings: result.warnings,
  };
}

/**
 * `placefirst skills gap`: reads the five files, computes the gap and prints it. Warnings go to
 * standard error, and in a table the accessible share too.
 */
export async function runSkillsGap(options: SkillsGapCommandOptions): Promise<void> {
  const input = await readSkillsGapFiles({
    plan: options.plan,
    occupations: options.occupations,
    levels: options.levels,
    supply: options.supply,
    ...(options.replacement === undefined ? {} : { replacement: options.replacement }),
  });
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
  const report = skillsGapReport(result);
  for (const warning of report.warnings) process.stderr.write(`warning: ${warning}\n`);
  if (options.format === "json") {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  process.stdout.write(reportRows(report, options.by, options.format));
  if (options.format === "table") process.stderr.write(`${accessibleSentence(report)}\n`);
}

/** The chosen view of the report as a table or CSV. */
function reportRows(
  report: SkillsGapReport,
  view: SkillsGapCommandOptions["by"],
  format: "csv" | "table",
): string {
  const ranged = report.uncertainty !== undefined;
  const low = (row: { range?: [number, number] }) => row.range?.[0] ?? null;
  const high = (row: { range?: [number, number] }) => row.range?.[1] ?? null;
  const keys = <Key extends string>(names: readonly Key[]) => names.map((key) => ({ key }));
  switch (view) {
    case "level": {
      const rows = report.byLevel.map((row) => ({ ...row, low: low(row), high: high(row) }));
      const columns = ["level", "expansion", "replacement", "demand", "supply", "gap"] as const;
      return formatRows(
        rows,
        keys([...columns, ...(ranged ? (["low", "high"] as const) : [])]),
        format,
      );
    }
    case "occupation": {
      const rows = report.byOccupation.map((row) => ({ ...row, low: low(row), high: high(row) }));
      const columns = ["occupation", "name", "employment", "demand", "supply", "gap"] as const;
      return formatRows(
        rows,
        keys([...columns, ...(ranged ? (["low", "high"] as const) : [])]),
        format,
      );
    }
    case "occupation-level":
      return formatRows(
        report.byOccupationLevel,
        keys(["occupation", "level", "demand", "supply", "gap"] as const),
        format,
      );
    case "investments":
      return formatRows(
        report.investments,
        keys(["rank", "occupation", "level", "gap", "reason"] as const),
        format,
      );
  }
}

/** The accessible-share check as a sentence. */
function accessibleSentence(report: SkillsGapReport): string {
  const { level2orBelow, level3, levelsWithoutOpenings } = report.accessibleShare;
  if (level2orBelow === null || level3 === null) return "The plan creates no openings.";
  const percent = (share: number) => `${Math.round(share * 100)}%`;
  const without =
    levelsWithoutOpenings.length === 0
      ? "every level has openings"
      : `no openings at ${levelsWithoutOpenings.map(levelPhrase).join(", ")}`;
  return `Openings at level 2 or below: ${percent(level2orBelow)}; at level 3: ${percent(level3)}; ${without}.`;
}

function shareOrNull(share: number | undefined): number | null {
  return share === undefined ? null : round(share, 3);
}

function round(value: number, digits: number): number {
  // Adding 0 turns -0 into 0, which JSON would print as 0 anyway but a table as "-0".
  return Number(value.toFixed(digits)) + 0;
}
