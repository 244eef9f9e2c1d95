import { formatRows } from "../core/formatRows.js";
import {
  ageBandLabel,
  levelPhrase,
  rankInvestments,
  type QualificationLevel,
  type RankedInvestment,
  type SkillsGapResult,
  type SupplyProjection,
  type SupplySource,
} from "./methods/index.js";
import { soc2020GroupName } from "./soc2020.js";

/**
 * What a table or CSV of the skills gap lists: the gap by level, occupation, or both; the
 * investment list; or where the supply comes from, by level (`supply`) and, when projected, by
 * subject (`supply-subject`).
 */
export type SkillsReportView =
  "level" | "occupation" | "occupation-level" | "investments" | "supply" | "supply-subject";

/** The views of {@link SkillsReportView}. */
export const skillsReportViews: readonly SkillsReportView[] = [
  "level",
  "occupation",
  "occupation-level",
  "investments",
  "supply",
  "supply-subject",
];

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
    /** The part of `supply` that is in-commuters; only with an in-commuting share. */
    inCommuting?: number;
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
  /** Where the supply came from: only when it was projected or has in-commuters. */
  supply?: SupplyReport;
  warnings: string[];
}

/**
 * The supply section of {@link SkillsGapReport}: the supply of each level as the residents' part
 * (given in a file, or projected from completions or residents) plus the in-commuters, with the
 * assumptions. People to one decimal, completions and entrants a year to one decimal, shares to
 * three.
 */
export interface SupplyReport {
  /** "projected" from completions (and residents), or "file": the supply file's figures. */
  source: "projected" | "file";
  byLevel: {
    level: QualificationLevel;
    /** What the level's entrants come from; only when projected. */
    source?: SupplySource;
    /** Completions a year over the level's subjects; null without any. Only when projected. */
    completions?: number | null;
    /** Residents of the entry ages at the level; null without any. Only when projected. */
    residents?: number | null;
    /** New entrants a year; only when projected. */
    entrants?: number;
    /** The share of entrants who stay to work locally; only when projected. */
    retention?: number;
    /** The supply of people living in the place over the horizon. */
    residentSupply: number;
    /** The openings filled by people living elsewhere: in-commuting share × demand. */
    inCommuting: number;
    /** `residentSupply + inCommuting`, the `supply` of `byLevel`. */
    supply: number;
  }[];
  /** Each subject of the levels projected from completions; only when projected. */
  bySubject?: {
    level: QualificationLevel;
    subject: string;
    completions: number;
    retention: number;
    supply: number;
  }[];
  assumptions: {
    /** The horizon in years. */
    years: number;
    /** The retention at each level, lowest first; only when projected. */
    retention?: { level: QualificationLevel; retention: number }[];
    /** The ages whose residents estimate entrants, such as "16-24"; only when projected. */
    entryAges?: string;
    /** The share of openings filled by in-commuters. */
    inCommutingShare: number;
    /** The formulas and what they leave out, in words. */
    notes: string[];
  };
}

/**
 * The result as `placefirst skills gap` reports it: people to one decimal, shares to three. The
 * investment list is `investments` when given (ranked by a weight set), else the shortfalls
 * ranked by size. With `projection` (the supply projected for `result`) or an in-commuting share
 * in `result`, the report has a `supply` section.
 */
export function skillsGapReport(
  result: SkillsGapResult,
  investments?: readonly RankedInvestment[],
  projection?: SupplyProjection,
): SkillsGapReport {
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
      ...(row.inCommuting === undefined ? {} : { inCommuting: people(row.inCommuting) }),
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
    investments: (
      investments ??
      rankInvestments(result.byOccupationLevel, {
        occupationNames: Object.fromEntries(
          result.byOccupation.flatMap((row) => {
            const name = soc2020GroupName(row.occupation);
            return name === undefined ? [] : [[row.occupation, name]];
          }),
        ),
      })
    ).map((entry) => ({
      rank: entry.rank,
      occupation: entry.occupation,
      level: entry.level,
      gap: people(entry.gap),
      reason: entry.reason,
    })),
    ...(result.uncertainty === undefined ? {} : { uncertainty: result.uncertainty }),
    ...(projection === undefined && result.inCommutingShare === undefined
      ? {}
      : { supply: supplyReport(result, projection) }),
    warnings: [...(projection?.warnings ?? []), ...result.warnings],
  };
}

/** The supply section: the given or projected supply of each level, and the in-commuters. */
function supplyReport(
  result: SkillsGapResult,
  projection: SupplyProjection | undefined,
): SupplyReport {
  const people = (value: number): number => round(value, 1);
  const share = result.inCommutingShare ?? 0;
  const notes: string[] = [];
  if (projection !== undefined) {
    const { from, to } = projection.entryAges;
    notes.push(
      `supply = retention × new entrants a year × ${projection.years} years; a level's entrants are its completions, or where it has none, its residents aged ${from} to ${to} divided by the ${to - from + 1} years of age`,
      "nobody is subtracted for ageing out: the people who retire are already the replacement demand",
    );
  }
  notes.push(
    share > 0
      ? `people living elsewhere fill ${round(share * 100, 1)}% of each level's openings: ${share} × demand is added to its supply`
      : "no in-commuting: every opening is for people living in the place",
  );
  return {
    source: projection === undefined ? "file" : "projected",
    byLevel: result.byLevel.map((row, index) => {
      const inCommuting = row.inCommuting ?? 0;
      const projected = projection?.byLevel[index];
      return {
        level: row.level,
        ...(projected === undefined
          ? {}
          : {
              source: projected.source,
              completions:
                projected.completions === undefined ? null : people(projected.completions),
              residents: projected.residents === undefined ? null : people(projected.residents),
              entrants: people(projected.entrants),
              retention: round(projected.retention, 3),
            }),
        residentSupply: people(row.supply - inCommuting),
        inCommuting: people(inCommuting),
        supply: people(row.supply),
      };
    }),
    ...(projection === undefined
      ? {}
      : {
          bySubject: projection.bySubject.map((row) => ({
            level: row.level,
            subject: row.subject,
            completions: people(row.completions),
            retention: round(row.retention, 3),
            supply: people(row.supply),
          })),
        }),
    assumptions: {
      years: result.years,
      ...(projection === undefined
        ? {}
        : {
            retention: projection.byLevel.map((row) => ({
              level: row.level,
              retention: round(row.retention, 3),
            })),
            entryAges: ageBandLabel({
              ageFrom: projection.entryAges.from,
              ageTo: projection.entryAges.to,
            }),
          }),
      inCommutingShare: share,
      notes,
    },
  };
}

/** The chosen view of the report as a table or CSV. */
export function skillsReportRows(
  report: SkillsGapReport,
  view: SkillsReportView,
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
      const commuting = report.byLevel.some((row) => row.inCommuting !== undefined);
      return formatRows(
        rows,
        keys([
          ...columns.slice(0, 5),
          ...(commuting ? (["inCommuting"] as const) : []),
          ...columns.slice(5),
          ...(ranged ? (["low", "high"] as const) : []),
        ]),
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
    case "supply": {
      // Without a supply section the supply is a file's, with no in-commuters.
      const rows: SupplyReport["byLevel"] =
        report.supply?.byLevel ??
        report.byLevel.map((row) => ({
          level: row.level,
          residentSupply: row.supply,
          inCommuting: 0,
          supply: row.supply,
        }));
      const projected = report.supply?.source === "projected";
      return formatRows(
        rows,
        keys([
          "level",
          ...(projected
            ? (["source", "completions", "residents", "entrants", "retention"] as const)
            : []),
          "residentSupply",
          "inCommuting",
          "supply",
        ] as const),
        format,
      );
    }
    case "supply-subject":
      return formatRows(
        report.supply?.bySubject ?? [],
        keys(["level", "subject", "completions", "retention", "supply"] as const),
        format,
      );
  }
}

/** The accessible-share check as a sentence. */
export function accessibleSentence(report: SkillsGapReport): string {
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
