import { InputError } from "../../core/errors.js";
import { compensatedSum } from "../../scorecard/methods/index.js";
import { qualificationLevels, type QualificationLevel } from "./qualificationLevels.js";
import type { LevelSupply } from "./skillsGap.js";

/**
 * The share of new entrants at a level who stay to work locally when none is given: a
 * convention for a first look, not an estimate. It lies between the 58% of new graduate workers
 * employed in their region of study 15 months after graduating, on average over UK regions
 * (40% to 88% by region; Kollydas and Green, WMREDI, "Graduate pathways", from HESA's Graduate
 * Outcomes survey of 2018/19 graduates), which a place smaller than a region keeps less of, and
 * the further education completers, most of whom study near home. Give each level's own share
 * where it is known.
 */
export const defaultRetention = 0.7;

/** The ages whose residents estimate a level's new entrants when it has no completions. */
export const defaultEntryAges: Readonly<AgeRange> = { from: 16, to: 24 };

/** A range of whole years of age, both ends included. */
export interface AgeRange {
  /** The youngest age, a whole number of years, 0 or more. */
  from: number;
  /** The oldest age, a whole number of years, at or above `from`. */
  to: number;
}

/** The qualifications completed each year at one level in one subject by local providers. */
export interface LevelCompletions {
  /** The qualification level. */
  level: QualificationLevel;
  /**
   * The subject, as a label: free text or a sector subject area code ("4", "Engineering and
   * Manufacturing Technologies"). Not interpreted; each level + subject is given once.
   */
  subject: string;
  /** People newly qualified at the level in the subject each year, 0 or more. */
  completions: number;
}

/** The residents of an age band whose highest qualification is at a level. */
export interface ResidentsByAge {
  /** The highest qualification level of the residents. */
  level: QualificationLevel;
  /** The youngest age of the band, in whole years. */
  ageFrom: number;
  /** The oldest age of the band, in whole years, included; undefined for an open band ("65+"). */
  ageTo?: number;
  /** The residents, 0 or more. */
  residents: number;
}

/** Everything {@link projectSupply} needs for one place. */
export interface SupplyProjectionInput {
  /** Completions per year by level and subject from local providers; may leave levels out. */
  completions: readonly LevelCompletions[];
  /**
   * Residents by highest qualification level and age band, optional: the residents of
   * `entryAges` estimate the new entrants of a level without completions. Bands of one level
   * must not overlap.
   */
  residents?: readonly ResidentsByAge[];
}

/** Options of {@link projectSupply}. */
export interface SupplyProjectionOptions {
  /** The horizon in years, 0 or more; default 5. As `years` of the skills gap. */
  years?: number;
  /**
   * The share of new entrants at every level who stay to work locally, 0 to 1; default
   * {@link defaultRetention} (0.7).
   */
  retention?: number;
  /** The share at particular levels, 0 to 1, over `retention`. */
  retentionByLevel?: Readonly<Partial<Record<QualificationLevel, number>>>;
  /**
   * The ages whose residents, divided by the number of years the ages span, estimate one year's
   * new entrants at a level without completions; default {@link defaultEntryAges} (16 to 24).
   */
  entryAges?: AgeRange;
  /**
   * The share of the place's openings filled by people who live elsewhere, 0 to 1; default 0.
   * Not applied here: it is carried into the result for the skills gap, which adds share ×
   * demand to each level's supply.
   */
  inCommutingShare?: number;
}

/** Where a level's new entrants were estimated from. */
export type SupplySource = "completions" | "residents" | "none";

/** The projected supply at one level. People; entrants per year, supply over the horizon. */
export interface ProjectedLevelSupply {
  /** The qualification level. */
  level: QualificationLevel;
  /** What the level's entrants come from: completions win over residents; "none" gives 0. */
  source: SupplySource;
  /** Completions per year summed over the level's subjects; undefined without any rows. */
  completions: number | undefined;
  /** Residents of the entry ages at the level; undefined where no band of the level is in them. */
  residents: number | undefined;
  /** New entrants per year from the source: the completions, or residents / years of age. */
  entrants: number;
  /** The share of entrants who stay to work locally. */
  retention: number;
  /** `retention × entrants × years`: the level's resident supply over the horizon. */
  supply: number;
}

/** The projected supply of one subject at one level, for a level whose source is completions. */
export interface ProjectedSubjectSupply {
  level: QualificationLevel;
  /** The subject, as given. */
  subject: string;
  /** Completions per year. */
  completions: number;
  /** The level's retention. */
  retention: number;
  /** `retention × completions × years`. */
  supply: number;
}

/** What {@link projectSupply} finds for one place. */
export interface SupplyProjection {
  /** The horizon in years. */
  years: number;
  /**
   * The resident supply at each of the five levels, for the skills gap's `supply`. No level has
   * its own range, so the skills gap's supply spread applies to each.
   */
  supply: LevelSupply[];
  /** The in-commuting share, for the skills gap's `inCommutingShare`; 0 when none was given. */
  inCommutingShare: number;
  /** Every level, lowest first. */
  byLevel: ProjectedLevelSupply[];
  /** Every subject of the levels whose source is completions, level by level, as given. */
  bySubject: ProjectedSubjectSupply[];
  /** The ages whose residents estimate entrants. */
  entryAges: AgeRange;
  /** Legal but suspicious inputs, each saying how to fix it. */
  warnings: string[];
}

/**
 * The people newly qualified at each level over the horizon who will be available to work in the
 * place: the supply side of the skills gap, projected from the flows that make it.
 *
 * For each level L, with completions per year c_Ls in subject s, retention ρ_L and Y years:
 *
 *     entrants_L = Σ_s c_Ls                        when the level has completions
 *                = R_L / (a₁ − a₀ + 1)              else, from the R_L residents aged a₀ to a₁
 *                = 0                                else (with a warning)
 *     supply_L   = ρ_L · entrants_L · Y
 *
 * Completions win over residents: they count the new qualifications themselves, by subject,
 * while residents of the entry ages hold the level they have reached so far, some of them on
 * their way to a higher one. Residents of the entry ages divided by the years they span are one
 * year's cohort at the level, the entry cohort, in the steady state.
 *
 * Nobody is taken away for ageing out: the people who retire are the replacement demand of the
 * skills gap (its replacement rates), so subtracting them from the supply too would count them
 * twice. Residents of other ages are therefore not used.
 *
 * In-commuting is not applied here, as it depends on demand: the share is returned for
 * `skillsGap`, which adds share × demand_L to the supply of each level L, in each Monte Carlo
 * replication too. See docs/methods/skills-gap.md, "Projected supply".
 *
 * @throws InputError for an unknown level, a blank subject, negative or non-finite completions or
 *   residents, a level and subject given twice, overlapping age bands of a level, a retention or
 *   in-commuting share outside 0 to 1, bad entry ages, or a negative horizon.
 */
export function projectSupply(
  input: SupplyProjectionInput,
  options: SupplyProjectionOptions = {},
): SupplyProjection {
  const years = options.years ?? 5;
  if (!(Number.isFinite(years) && years >= 0)) {
    throw new InputError("the horizon must be a number of years, 0 or more", {
      field: "years",
      value: String(years),
    });
  }
  const retention = retentionOfLevels(options);
  const entryAges = checkEntryAges(options.entryAges ?? defaultEntryAges);
  const inCommutingShare = options.inCommutingShare ?? 0;
  checkShare(inCommutingShare, "the in-commuting share", "inCommutingShare", "0.1");

  const completionsByLevel = groupCompletions(input.completions);
  const residentsByLevel = entryResidents(input.residents ?? [], entryAges);

  const byLevel: ProjectedLevelSupply[] = [];
  const bySubject: ProjectedSubjectSupply[] = [];
  const withoutSource: QualificationLevel[] = [];
  for (const level of qualificationLevels) {
    const rows = completionsByLevel.get(level);
    const completions =
      rows === undefined ? undefined : compensatedSum(rows.map((row) => row.completions));
    const residents = residentsByLevel.get(level);
    const levelRetention = retention.get(level)!;
    let source: SupplySource;
    let entrants: number;
    if (completions !== undefined) {
      source = "completions";
      entrants = completions;
      for (const row of rows!) {
        bySubject.push({
          level,
          subject: row.subject,
          completions: row.completions,
          retention: levelRetention,
          supply: levelRetention * row.completions * years,
        });
      }
    } else if (residents !== undefined) {
      source = "residents";
      entrants = residents / (entryAges.to - entryAges.from + 1);
    } else {
      source = "none";
      entrants = 0;
      withoutSource.push(level);
    }
    byLevel.push({
      level,
      source,
      completions,
      residents,
      entrants,
      retention: levelRetention,
      supply: levelRetention * entrants * years,
    });
  }

  const warnings: string[] = [];
  if (withoutSource.length > 0) {
    warnings.push(
      `no completions${input.residents === undefined ? "" : ` and no residents aged ${entryAges.from} to ${entryAges.to}`} at ${withoutSource.join(", ")}, so the supply there is taken as 0 (plus any in-commuting); give completions at each level, 0 where there are none`,
    );
  }
  if (options.retention === undefined) {
    const defaulted = byLevel
      .filter((row) => row.entrants > 0 && options.retentionByLevel?.[row.level] === undefined)
      .map((row) => row.level);
    if (defaulted.length > 0) {
      const where = options.retentionByLevel === undefined ? "" : ` for ${defaulted.join(", ")}`;
      warnings.push(
        `no retention was given${where}, so ${defaultRetention * 100}% of new entrants${where === "" ? "" : " there"} are taken to stay and work locally, a convention; give the share that stays (HESA's Graduate Outcomes for graduates, say)`,
      );
    }
  }
  return {
    years,
    supply: byLevel.map((row) => ({ level: row.level, supply: row.supply })),
    inCommutingShare,
    byLevel,
    bySubject,
    entryAges: { ...entryAges },
    warnings,
  };
}

/** Each level's retention: its own, else the one for every level, else the default. */
function retentionOfLevels(options: SupplyProjectionOptions): Map<QualificationLevel, number> {
  const all = options.retention ?? defaultRetention;
  checkShare(all, "the retention", "retention");
  const byLevel = options.retentionByLevel ?? {};
  for (const [level, share] of Object.entries(byLevel)) {
    if (!(qualificationLevels as readonly string[]).includes(level)) {
      throw new InputError(`expected a level among ${qualificationLevels.join(", ")}`, {
        field: "retentionByLevel",
        value: level,
      });
    }
    if (share !== undefined) checkShare(share, `the retention at ${level}`, "retentionByLevel");
  }
  return new Map(qualificationLevels.map((level) => [level, byLevel[level] ?? all]));
}

function checkShare(share: number, what: string, field: string, example = "0.7"): void {
  if (!(Number.isFinite(share) && share >= 0 && share <= 1)) {
    throw new InputError(`${what} must be a share from 0 to 1, such as ${example}`, {
      field,
      value: String(share),
    });
  }
}

function checkEntryAges(ages: AgeRange): AgeRange {
  if (!(
    Number.isInteger(ages.from) &&
    Number.isInteger(ages.to) &&
    ages.from >= 0 &&
    ages.to >= ages.from
  )) {
    throw new InputError(
      "the entry ages must be whole years, the youngest 0 or more and the oldest at or above it, such as 16 to 24",
      { field: "entryAges", value: `${ages.from} to ${ages.to}` },
    );
  }
  return ages;
}

function checkLevel(level: string): void {
  if (!(qualificationLevels as readonly string[]).includes(level)) {
    throw new InputError(`expected a level among ${qualificationLevels.join(", ")}`, {
      field: "level",
      value: level,
    });
  }
}

/** The completions of each level, checked, in the order given. */
function groupCompletions(
  completions: readonly LevelCompletions[],
): Map<QualificationLevel, LevelCompletions[]> {
  const groups = new Map<QualificationLevel, LevelCompletions[]>();
  const seen = new Set<string>();
  for (const row of completions) {
    checkLevel(row.level);
    const subject = row.subject.trim();
    if (subject === "") {
      throw new InputError(`the completions at ${row.level} need a subject`, { field: "subject" });
    }
    if (!(Number.isFinite(row.completions) && row.completions >= 0)) {
      throw new InputError(
        `the completions in ${subject} at ${row.level} must be a number a year, 0 or more`,
        { field: "completions", value: String(row.completions) },
      );
    }
    const key = `${row.level}\u0000${subject}`;
    if (seen.has(key)) {
      throw new InputError(`the completions in ${subject} at ${row.level} are given twice`, {
        field: "subject",
        value: subject,
      });
    }
    seen.add(key);
    let group = groups.get(row.level);
    if (group === undefined) {
      group = [];
      groups.set(row.level, group);
    }
    group.push({ level: row.level, subject, completions: row.completions });
  }
  return groups;
}

/**
 * The residents of the entry ages at each level: the sum over the level's bands that lie within
 * them, which must cover every year of them. Levels with no band within them are left out.
 */
function entryResidents(
  residents: readonly ResidentsByAge[],
  entryAges: AgeRange,
): Map<QualificationLevel, number> {
  const bandsByLevel = new Map<QualificationLevel, ResidentsByAge[]>();
  for (const row of residents) {
    checkLevel(row.level);
    const band = ageBandLabel(row);
    if (!(
      Number.isInteger(row.ageFrom) &&
      row.ageFrom >= 0 &&
      (row.ageTo === undefined || (Number.isInteger(row.ageTo) && row.ageTo >= row.ageFrom))
    )) {
      throw new InputError(
        "an age band must be whole years, the youngest 0 or more and the oldest at or above it",
        { field: "ageBand", value: band },
      );
    }
    if (!(Number.isFinite(row.residents) && row.residents >= 0)) {
      throw new InputError(
        `the residents aged ${band} at ${row.level} must be a number of people, 0 or more`,
        { field: "residents", value: String(row.residents) },
      );
    }
    let bands = bandsByLevel.get(row.level);
    if (bands === undefined) {
      bands = [];
      bandsByLevel.set(row.level, bands);
    }
    const overlapping = bands.find(
      (other) =>
        row.ageFrom <= (other.ageTo ?? Infinity) && other.ageFrom <= (row.ageTo ?? Infinity),
    );
    if (overlapping !== undefined) {
      throw new InputError(
        `the residents at ${row.level} aged ${band} overlap those aged ${ageBandLabel(overlapping)}; give each age once`,
        { field: "ageBand", value: band },
      );
    }
    bands.push(row);
  }
  const result = new Map<QualificationLevel, number>();
  const span = entryAges.to - entryAges.from + 1;
  for (const [level, bands] of bandsByLevel) {
    const inside = bands.filter(
      (band) =>
        band.ageFrom >= entryAges.from && band.ageTo !== undefined && band.ageTo <= entryAges.to,
    );
    if (inside.length === 0) continue;
    const covered = compensatedSum(inside.map((band) => band.ageTo! - band.ageFrom + 1));
    if (covered !== span) {
      throw new InputError(
        `the residents at ${level} cover ${covered} of the ${span} years of the entry ages ${entryAges.from} to ${entryAges.to}; give bands that cover them all, or other entry ages`,
        { field: "ageBand", value: inside.map(ageBandLabel).join(", ") },
      );
    }
    result.set(level, compensatedSum(inside.map((band) => band.residents)));
  }
  return result;
}

/** An age band as written in files: "16-24", or "65+" when open. */
export function ageBandLabel(band: { ageFrom: number; ageTo?: number | undefined }): string {
  return band.ageTo === undefined ? `${band.ageFrom}+` : `${band.ageFrom}-${band.ageTo}`;
}
