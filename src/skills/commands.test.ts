import { CommanderError } from "commander";
import { describe, expect, test } from "vitest";
import { InputError } from "../core/errors.js";
import { commandHarness } from "../../test/helpers/commandHarness.js";
import { registerSkillsCommands } from "./commands.js";
import type { SkillsGapReport } from "./gapCommand.js";

const { output, temporaryFile, run, commandError } = commandHarness(registerSkillsCommands);

// The worked example of docs/methods/skills-gap.md and the method's tests.
const files = () => [
  "--plan",
  temporaryFile("plan.csv", "industry,baseline,target\nC,1000,1200\nQ,2000,1900\n"),
  "--occupations",
  temporaryFile(
    "industry_occupation.csv",
    "industry,occupation,share\nC,2,0.2\nC,5,0.5\nC,9,0.3\nQ,2,0.6\nQ,5,0.1\nQ,9,0.3\n",
  ),
  "--levels",
  temporaryFile(
    "occupation_level.csv",
    "occupation,level,share\n2,3,0.25\n2,6+,0.75\n5,1-2,0.2\n5,3,0.8\n9,1-2,1\n",
  ),
  "--supply",
  temporaryFile("supply.csv", "level,supply\nentry,0\n1-2,147\n3,124\n4-5,0\n6+,120\n"),
];
const replacement = () => [
  "--replacement",
  temporaryFile("replacement.csv", "occupation,rate\n2,0.02\n5,0.03\n9,0.05\n"),
];

describe("placefirst skills gap", () => {
  test("skills gap --format json prints the worked example's gaps, shares and investments", async () => {
    await run("skills", "gap", ...files(), ...replacement(), "--format", "json");
    const report = JSON.parse(output.stdout) as SkillsGapReport;
    expect(report.years).toBe(5);
    expect(
      report.byLevel.map(({ level, demand, supply, gap }) => [level, demand, supply, gap]),
    ).toEqual([
      ["entry", 0, 0, 0],
      ["1-2", 294, 147, 147],
      ["3", 186, 124, 62],
      ["4-5", 0, 0, 0],
      ["6+", 90, 120, -30],
    ]);
    expect(report.byLevel[0]!.range).toBeUndefined();
    expect(
      report.byOccupation.map(({ occupation, name, demand, gap }) => [
        occupation,
        name,
        demand,
        gap,
      ]),
    ).toEqual([
      ["2", "Professional occupations", 120, -20],
      ["5", "Skilled trades occupations", 195, 71.5],
      ["9", "Elementary occupations", 255, 127.5],
    ]);
    expect(report.accessibleShare).toEqual({
      level2orBelow: 0.516,
      level3: 0.326,
      levelsWithoutOpenings: ["entry", "4-5"],
    });
    expect(report.investments[0]).toEqual({
      rank: 1,
      occupation: "9",
      level: "1-2",
      gap: 127.5,
      reason:
        "a shortfall of 128 people at levels 1-2 in occupation 9 (Elementary occupations), 100% of the largest gap",
    });
    expect(report.warnings).toEqual([]);
    expect(output.stderr).toBe("");
  });

  test("skills gap --uncertainty 500 --seed 1 adds a reproducible range around each gap", async () => {
    await run(
      "skills",
      "gap",
      ...files(),
      ...replacement(),
      "--uncertainty",
      "500",
      "--format",
      "json",
    );
    const first = JSON.parse(output.stdout) as SkillsGapReport;
    output.stdout = "";
    await run(
      "skills",
      "gap",
      ...files(),
      ...replacement(),
      "--uncertainty",
      "500",
      "--format",
      "json",
    );
    expect(JSON.parse(output.stdout)).toEqual(first);
    expect(first.uncertainty).toMatchObject({ replications: 500, seed: 1, percentiles: [5, 95] });
    for (const row of [...first.byLevel, ...first.byOccupation]) {
      expect(row.range![0]).toBeLessThanOrEqual(row.gap);
      expect(row.gap).toBeLessThanOrEqual(row.range![1]);
    }
    output.stdout = "";
    await run(
      "skills",
      "gap",
      ...files(),
      ...replacement(),
      "--uncertainty",
      "500",
      "--change-spread",
      "0",
      "--replacement-spread",
      "0",
      "--supply-spread",
      "0",
      "--format",
      "json",
    );
    const fixed = JSON.parse(output.stdout) as SkillsGapReport;
    expect(fixed.byLevel.map((row) => row.range)).toEqual(
      fixed.byLevel.map((row) => [row.gap, row.gap]),
    );
  });

  test("skills gap prints a table by level, the accessible share and the warnings on standard error", async () => {
    await run("skills", "gap", ...files());
    expect(output.stdout.split("\n")[0]).toMatch(
      /^level +expansion +replacement +demand +supply +gap$/,
    );
    expect(output.stdout).toMatch(/\n1-2 +48 +0 +48 +147 +-99\n/);
    expect(output.stderr).toMatch(/^warning: no replacement rates were given/);
    expect(output.stderr).toMatch(
      /Openings at level 2 or below: 40%; at level 3: 60%; no openings at entry level, levels 4-5, level 6 and above\.\n$/,
    );
  });

  test("skills gap --by occupation --format csv lists occupations with their range", async () => {
    await run(
      "skills",
      "gap",
      ...files(),
      ...replacement(),
      "--by",
      "occupation",
      "--uncertainty",
      "200",
      "--format",
      "csv",
    );
    const lines = output.stdout.trim().split("\n");
    expect(lines[0]).toBe("occupation,name,employment,demand,supply,gap,low,high");
    expect(lines[1]).toMatch(/^2,Professional occupations,1400,120,140,-20,-?\d/);
    expect(lines).toHaveLength(4);
  });

  test("skills gap --by investments and --by occupation-level list the cells", async () => {
    await run(
      "skills",
      "gap",
      ...files(),
      ...replacement(),
      "--by",
      "investments",
      "--format",
      "csv",
    );
    expect(output.stdout.split("\n").slice(0, 2)).toEqual([
      "rank,occupation,level,gap,reason",
      '1,9,1-2,127.5,"a shortfall of 128 people at levels 1-2 in occupation 9 (Elementary occupations), 100% of the largest gap"',
    ]);
    output.stdout = "";
    await run(
      "skills",
      "gap",
      ...files(),
      ...replacement(),
      "--by",
      "occupation-level",
      "--format",
      "csv",
    );
    expect(output.stdout).toContain("\n5,3,156,104,52\n");
  });

  test("skills gap names the file and line of an industry of the plan with no occupation mix", async () => {
    const args = files();
    args[1] = temporaryFile("plan-f.csv", "industry,baseline,target\nC,1000,1200\nF,10,20\n");
    const error = await commandError("skills", "gap", ...args);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(
      /plan-f.csv, line 3, column "industry": industry F has no occupation mix in .*industry_occupation.csv/,
    );
  });

  test("skills gap refuses a bad --years or a missing file option as usage errors", async () => {
    const years = await commandError("skills", "gap", ...files(), "--years", "five");
    expect(years).toBeInstanceOf(CommanderError);
    expect(output.stderr).toMatch(/expected a number of years from 0 to 100/);
    const missing = await commandError("skills", "gap", "--plan", "plan.csv");
    expect((missing as CommanderError).code).toBe("commander.missingMandatoryOptionValue");
  });

  test("skills gap --help explains each file's columns", async () => {
    await commandError("skills", "gap", "--help");
    for (const text of [
      "industry,baseline,target",
      "industry,occupation,share",
      "occupation,level,share",
      "level,supply",
      "occupation,rate",
      "docs/methods/skills-gap.md",
    ]) {
      expect(output.stdout).toContain(text);
    }
  });
});
