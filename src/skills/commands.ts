import { InvalidArgumentError, Option, type Command } from "commander";
import { outputFormats } from "../core/formatRows.js";
import type { SkillsGapCommandOptions } from "./gapCommand.js";

/** What `placefirst skills gap --by` can list in a table or CSV. */
export const skillsGapViews = ["level", "occupation", "occupation-level", "investments"] as const;

/**
 * Adds the skills commands to the `placefirst` program: `skills gap`. The command's code is
 * loaded only when it runs.
 */
export function registerSkillsCommands(program: Command): void {
  const skills = program
    .command("skills")
    .description("the skills a sector plan needs, by occupation and qualification level");
  skills
    .command("gap")
    .description(
      "demand for each qualification level and occupation over the horizon (new jobs plus replacements) against local supply, with the gaps and the check that every level gets openings",
    )
    .requiredOption(
      "--plan <file>",
      "sector plan CSV: industry,baseline,target[,target_low,target_high]",
    )
    .requiredOption("--occupations <file>", "industry x occupation CSV: industry,occupation,share")
    .requiredOption("--levels <file>", "occupation x level CSV: occupation,level,share")
    .requiredOption("--supply <file>", "supply CSV: level,supply[,supply_low,supply_high]")
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
  replacement.csv          occupation,rate   the share of the occupation's jobs refilled each
                           year (retirements, exits), applied to baseline employment. Optional
                           rate_low,rate_high. Without it only new jobs count (with a warning).

Demand per industry and occupation = (target - baseline) x share + baseline x share x rate x
years, netted over industries and floored at 0 per occupation (losses beyond replacement are
reported as "released"), then split to levels; gap = demand - supply (negative: a surplus).
With --uncertainty each change, rate and supply is drawn from a triangular distribution over its
range and each gap gets its 5th and 95th percentiles. The accessible share is the share of
openings at level 2 or below, and at level 3. See docs/methods/skills-gap.md.

The JSON output is { "years", "byLevel", "byOccupation", "byOccupationLevel",
"accessibleShare": { "level2orBelow", "level3", "levelsWithoutOpenings" }, "investments",
"uncertainty", "warnings" }; people to one decimal.

Examples:
  placefirst skills gap --plan plan.csv --occupations industry_occupation.csv --levels occupation_level.csv --supply supply.csv --replacement replacement.csv
  placefirst skills gap --plan plan.csv --occupations io.csv --levels ol.csv --supply supply.csv --years 10 --uncertainty 1000 --seed 1 --format json
  placefirst skills gap --plan plan.csv --occupations io.csv --levels ol.csv --supply supply.csv --by occupation --format csv`,
    )
    .action(async (options: SkillsGapCommandOptions) => {
      const { runSkillsGap } = await import("./gapCommand.js");
      await runSkillsGap(options);
    });
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
