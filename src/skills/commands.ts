import { InvalidArgumentError, Option, type Command } from "commander";
import { outputFormats } from "../core/formatRows.js";
import type { SkillsGapCommandOptions } from "./gapCommand.js";
import { qualificationLevels } from "./methods/qualificationLevels.js";
import type { SkillsImportOptions } from "./importCommand.js";
import type { SkillsPlanOptions } from "./planCommand.js";

/** What `placefirst skills gap --by` can list in a table or CSV. */
export const skillsGapViews = [
  "level",
  "occupation",
  "occupation-level",
  "investments",
  "supply",
  "supply-subject",
] as const;

/**
 * Adds the skills commands to the `placefirst` program: `skills gap`. The command's code is
 * loaded only when it runs.
 */
export function registerSkillsCommands(program: Command): void {
  const skills = program
    .command("skills")
    .description("the skills a sector plan needs, by occupation and qualification level");
  addSupplyOptions(
    skills
      .command("gap")
      .description(
        "demand for each qualification level and occupation over the horizon (new jobs plus replacements) against local supply, with the gaps and the check that every level gets openings",
      )
      .requiredOption(
        "--plan <file>",
        "sector plan CSV: industry,baseline,target[,target_low,target_high]",
      )
      .requiredOption(
        "--occupations <file>",
        "industry x occupation CSV: industry,occupation,share",
      )
      .requiredOption("--levels <file>", "occupation x level CSV: occupation,level,share"),
    {
      completions:
        "instead of --supply, project it from completions CSV: level,subject,completions",
      inCommuting:
        "the share of openings filled by people living elsewhere, 0 to 1 or a percentage (default 0)",
    },
  )
    .option("--replacement <file>", "replacement rates CSV: occupation,rate[,rate_low,rate_high]")
    .option("--years <n>", "the horizon in years, over which jobs are replaced", years, 5)
    .option(
      "--uncertainty <n>",
      "Monte Carlo replications, for a 5-95% range on every gap",
      replications,
    )
    .option("--seed <n>", "the seed of the Monte Carlo draws", seed, 1)
    .option(
      "--change-spread <r>",
      "with --uncertainty: the relative spread of a plan row's change without its own range (default 0.5, ±50%)",
      spread,
    )
    .option(
      "--replacement-spread <r>",
      "with --uncertainty: the relative spread of a rate without its own range (default 0.25)",
      spread,
    )
    .option(
      "--supply-spread <r>",
      "with --uncertainty: the relative spread of a supply without its own range (default 0.25)",
      spread,
    )
    .addOption(
      new Option("--by <view>", "table and csv: what to list (json gives everything)")
        .choices(skillsGapViews)
        .default("level"),
    )
    .addOption(
      new Option("--format <format>", "output format").choices(outputFormats).default("table"),
    )
    .addHelpText(
      "after",
      `
Files (CSV with a header; names matched case-insensitively; extra columns ignored):
  plan.csv                 industry,baseline,target   employment in each industry now and planned
                           at the horizon (people). industry: a SIC 2007 section (C) or division
                           (25), not both a section and its divisions. Optional target_low,
                           target_high: the target's plausible range for --uncertainty.
  industry_occupation.csv  industry,occupation,share   the share of each industry's jobs in each
                           occupation: SOC 2020 major (5) or sub-major (52) groups; each
                           industry's shares sum to 1 (0.25 or 25%). May cover more industries.
  occupation_level.csv     occupation,level,share   the share of each occupation's jobs at each
                           RQF level band: entry, 1-2, 3, 4-5, 6+ ("level 3", "RQF3", "none"
                           read too); each occupation's shares sum to 1.
  supply.csv               level,supply   people newly qualified at each level over the horizon
                           and available locally; all five levels, 0 where none. Optional
                           supply_low,supply_high.
  completions.csv          level,subject,completions   instead of supply.csv: people qualified
                           each year by local providers at each level in each subject (a label:
                           free text or a sector subject area code, "all" for a total). Levels
                           may be left out.
  residents.csv            level,age_band,residents   with completions.csv: residents by highest
                           level and age band (16-24, 25-34, ..., 65+). Those of the entry ages
                           estimate the new entrants of a level without completions.
  replacement.csv          occupation,rate   the share of the occupation's jobs refilled each
                           year (retirements, exits), applied to baseline employment. Optional
                           rate_low,rate_high. Without it only new jobs count (with a warning).

Demand per industry and occupation = (target - baseline) x share + baseline x share x rate x
years, netted over industries and floored at 0 per occupation (losses beyond replacement are
reported as "released"), then split to levels; gap = demand - supply (negative: a surplus).
With --completions, supply = retention x new entrants a year x years, where a level's entrants
are its completions (summed over subjects), or where it has none, its residents of the entry ages
divided by the years they span; retirements are not subtracted, as they are the replacement
demand. --in-commuting c adds c x demand to each level's supply (with --supply too, whose
figures should then leave in-commuters out).
With --uncertainty each change, rate and supply is drawn from a triangular distribution over its
range and each gap gets its 5th and 95th percentiles. The accessible share is the share of
openings at level 2 or below, and at level 3. See docs/methods/skills-gap.md.

The JSON output is { "years", "byLevel", "byOccupation", "byOccupationLevel",
"accessibleShare": { "level2orBelow", "level3", "levelsWithoutOpenings" }, "investments",
"uncertainty", "supply", "warnings" }; people to one decimal. "supply", with --completions or
--in-commuting, gives each level's resident supply and in-commuters, and when projected its
source, completions, entrants and retention, the supply by subject and the assumptions.

Examples:
  placefirst skills gap --plan plan.csv --occupations industry_occupation.csv --levels occupation_level.csv --supply supply.csv --replacement replacement.csv
  placefirst skills gap --plan plan.csv --occupations io.csv --levels ol.csv --supply supply.csv --years 10 --uncertainty 1000 --seed 1 --format json
  placefirst skills gap --plan plan.csv --occupations io.csv --levels ol.csv --supply supply.csv --by occupation --format csv
  placefirst skills gap --plan plan.csv --occupations io.csv --levels ol.csv --completions completions.csv --residents residents.csv --retention 0.7,6+=0.5 --in-commuting 0.1 --format json`,
    )
    .action(async (options: SkillsGapCommandOptions, command: Command) => {
      if (options.supply === undefined && options.completions === undefined) {
        command.error(
          "error: give the supply: --supply supply.csv, or --completions completions.csv to project it",
          { exitCode: 2, code: "placefirst.usage" },
        );
      }
      const { runSkillsGap } = await import("./gapCommand.js");
      await runSkillsGap(options);
    });
  registerSkillsImport(skills);
  registerSkillsPlan(skills);
}

function years(value: string): number {
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number) || number < 0 || number > 100) {
    throw new InvalidArgumentError("expected a number of years from 0 to 100, such as 5");
  }
  return number;
}

function replications(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 10_000_000) {
    throw new InvalidArgumentError("expected a whole number from 1 to 10,000,000, such as 1000");
  }
  return number;
}

function seed(value: string): number {
  const number = Number(value);
  if (value.trim() === "" || !Number.isSafeInteger(number) || number < 0) {
    throw new InvalidArgumentError("expected a whole number of 0 or more");
  }
  return number;
}

function spread(value: string): number {
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number) || number < 0) {
    throw new InvalidArgumentError("expected a relative spread of 0 or more, such as 0.25 (±25%)");
  }
  return number;
}

/** A share from 0 to 1, as "0.1" or "10%"; undefined for anything else. */
function share(value: string): number | undefined {
  const match = /^(\d+\.?\d*|\.\d+)\s*(%?)$/.exec(value.trim());
  if (match === null) return undefined;
  const number = match[2] === "%" ? Number(match[1]) / 100 : Number(match[1]);
  return number <= 1 ? number : undefined;
}

function inCommuting(value: string): number {
  const number = share(value);
  if (number === undefined) {
    throw new InvalidArgumentError("expected a share of openings from 0 to 1, such as 0.1 or 10%");
  }
  return number;
}

/** `--retention 0.7`, `--retention 6+=0.5` or both, `--retention 0.7,6+=0.5,4-5=60%`. */
function retention(value: string): NonNullable<SkillsGapCommandOptions["retention"]> {
  const parsed: NonNullable<SkillsGapCommandOptions["retention"]> = { byLevel: {} };
  const expected = `expected a share from 0 to 1 for every level (0.7 or 70%), shares by level (${qualificationLevels.map((level) => `${level}=0.5`).join(", ")}), or both, separated by commas`;
  for (const part of value.split(",")) {
    const [left, right] = part.split("=").map((text) => text.trim());
    if (right === undefined) {
      const all = share(left!);
      if (all === undefined || parsed.all !== undefined) throw new InvalidArgumentError(expected);
      parsed.all = all;
      continue;
    }
    const level = qualificationLevels.find((candidate) => candidate === left);
    const number = share(right);
    if (level === undefined || number === undefined || level in parsed.byLevel) {
      throw new InvalidArgumentError(expected);
    }
    parsed.byLevel[level] = number;
  }
  return parsed;
}

function entryAges(value: string): NonNullable<SkillsGapCommandOptions["entryAges"]> {
  const match = /^\s*(\d{1,3})\s*[-\u2013]\s*(\d{1,3})\s*$/.exec(value);
  const from = Number(match?.[1]);
  const to = Number(match?.[2]);
  if (match === null || from > to || to > 120) {
    throw new InvalidArgumentError(
      "expected an age band of whole years, such as 16-24, the youngest first",
    );
  }
  return { from, to };
}

/**
 * `placefirst skills import`: a place's plan and supply (totals, or the inputs to project it
 * from), and the shared mixes, into the store.
 */
function registerSkillsImport(skills: Command): void {
  addSupplyOptions(
    skills
      .command("import")
      .description(
        "store a place's sector plan and supply, and the occupation and level mixes, replacement rates and pay every place shares; all or nothing",
      )
      .option(
        "--place <code>",
        "the place whose plan and supply these are (with --plan, and --supply or --completions)",
      )
      .option(
        "--plan <file>",
        "sector plan CSV: industry,baseline,target[,target_low,target_high]",
      ),
    {
      completions:
        "instead of --supply, store the inputs to project it from: completions CSV: level,subject,completions",
      inCommuting:
        "with --place: the share of openings filled by people living elsewhere, 0 to 1 or a percentage (default 0)",
    },
  )
    .option("--years <n>", "the plan's horizon in years, 1 to 30", years, 5)
    .option("--source <text>", "where the plan came from, shown with it (default: its file name)")
    .option("--occupations <file>", "industry x occupation CSV: industry,occupation,share")
    .option("--levels <file>", "occupation x level CSV: occupation,level,share")
    .option("--replacement <file>", "replacement rates CSV: occupation,rate[,rate_low,rate_high]")
    .option("--pay <file>", "pay CSV: occupation,pay (median gross annual pay in pounds)")
    .addHelpText(
      "after",
      `
The files are those of \`placefirst skills gap\` (see its --help), plus pay. The occupation and
level mixes given replace the stored ones whole; rates and pay replace those of the occupations
named. A place's plan comes with its supply: the totals by level (--supply), or the completions,
residents, retention and entry ages to project it from (--completions), which the pages then
project over the plan's horizon and show; the in-commuting share goes with either. They replace
the place's plan and supply, whichever kind it had. After storing, the gap of every place with a
plan is computed again: if any no longer fits together (an industry of a plan without an
occupation mix, an occupation without a level mix), nothing is stored and the error says what is
missing. The same files and options twice change nothing.

The pages at /skills and the API (GET /api/v1/skills/places/CODE/gap) then show the gap.

Examples:
  placefirst skills import --occupations industry_occupation.csv --levels occupation_level.csv --replacement replacement.csv --pay pay.csv
  placefirst skills import --place E08000003 --plan plan.csv --supply supply.csv --years 5 --source "officers' plan, March 2027"
  placefirst skills import --place E08000003 --plan plan.csv --completions completions.csv --residents residents.csv --retention 0.7,6+=0.5 --in-commuting 0.15`,
    )
    .action(async (options: SkillsImportOptions) => {
      const { runSkillsImport } = await import("./importCommand.js");
      await runSkillsImport(options);
    });
}

/** `placefirst skills plan`: a place's sector plan from the store, as a plan file. */
function registerSkillsPlan(skills: Command): void {
  skills
    .command("plan")
    .description(
      "a sector plan for a place from its stored employment: the latest year as the baseline, a trend carried on and chosen industries' jobs added, printed as the plan file",
    )
    .requiredOption("--place <code>", "the place")
    .option("--years <n>", "the plan's horizon in years", years, 5)
    .option(
      "--trend-from <year>",
      "carry on the yearly change from this year to the latest (default: no trend, targets start at the baseline)",
    )
    .option(
      "--chosen <consultation>",
      "a closed consultation (its number) whose ranking names the industries the board chose to back, keyed sic-CODE",
      consultationNumber,
    )
    .option("--top <n>", "with --chosen: how many of its first industries to take", count, 3)
    .option(
      "--jobs-each <n>",
      "with --chosen: the jobs added in each chosen industry over the horizon",
      jobs,
    )
    .option(
      "--add <jobs>",
      "jobs added (or lost, below 0) over the horizon in chosen industries, such as the opportunities the board chose: 62=500,72=120",
    )
    .addOption(
      new Option("--format <format>", "output format").choices(outputFormats).default("csv"),
    )
    .addHelpText(
      "after",
      `
For each SIC division (or section, where the place has no divisions) with employment in the
latest year: target = max(0, baseline + (baseline - earlier) / span x years + added), where the
trend term is 0 without --trend-from. An industry named in --add without employment starts at
0. With --chosen, the first --top industries of the board's ranked consultation each get
--jobs-each jobs; an industry also named in --add keeps the number given there. The CSV is the
plan file of \`placefirst skills gap --plan\` and \`skills import --plan\`.

Examples:
  placefirst skills plan --place X08000002 --trend-from 2019 --add 62=300,86=150 > plan.csv
  placefirst skills plan --place X08000002 --trend-from 2019 --chosen 5 --top 2 --jobs-each 200 > plan.csv
  placefirst skills import --place X08000002 --plan plan.csv --supply supply.csv --source "trend and chosen sectors"`,
    )
    .action(async (options: SkillsPlanOptions) => {
      const { runSkillsPlan } = await import("./planCommand.js");
      await runSkillsPlan(options);
    });
}

function consultationNumber(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new InvalidArgumentError("expected a consultation's number, such as 4");
  }
  return number;
}

function count(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 100) {
    throw new InvalidArgumentError("expected a whole number from 1 to 100");
  }
  return number;
}

function jobs(value: string): number {
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number)) {
    throw new InvalidArgumentError("expected a number of jobs, such as 200");
  }
  return number;
}

/**
 * Adds the options that give a place's supply to a command: a `--supply` file of totals, or the
 * `--completions`, `--residents`, `--retention` and `--entry-ages` it is projected from (the two
 * kinds exclude each other), and the `--in-commuting` share. `texts` says what the completions
 * and the share are for in this command.
 */
function addSupplyOptions(
  command: Command,
  texts: { completions: string; inCommuting: string },
): Command {
  return command
    .addOption(
      new Option(
        "--supply <file>",
        "supply CSV: level,supply[,supply_low,supply_high]; or --completions",
      ).conflicts("completions"),
    )
    .option("--completions <file>", texts.completions)
    .addOption(
      new Option(
        "--residents <file>",
        "with --completions: residents CSV: level,age_band,residents",
      ).conflicts("supply"),
    )
    .addOption(
      new Option(
        "--retention <shares>",
        "with --completions: the share of new entrants who stay to work locally, 0.7 (the default) or 70%, and by level: 0.7,6+=0.5",
      )
        .argParser(retention)
        .conflicts("supply"),
    )
    .addOption(
      new Option(
        "--entry-ages <band>",
        "with --completions: the ages whose residents estimate a level's new entrants (default 16-24)",
      )
        .argParser(entryAges)
        .conflicts("supply"),
    )
    .option("--in-commuting <share>", texts.inCommuting, inCommuting);
}
