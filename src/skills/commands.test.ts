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

  // The worked example of supplyProjection.test.ts: completions at 1-2, 3 and 6+, residents of
  // 16 to 24 at entry and 4-5.
  const projected = () => [
    ...files().slice(0, 6),
    "--completions",
    temporaryFile(
      "completions.csv",
      "level,subject,completions\n1-2,Construction,40\n1-2,Health and social care,20\nlevel 3,Engineering,30\n3,Health and social care,10\n6+,Nursing,24\n",
    ),
    "--residents",
    temporaryFile(
      "residents.csv",
      "level,age_band,residents\nnone,16-24,90\n3,Aged 16 to 24 years,180\n4-5,16-19,36\n4-5,20–24,54\n6+,25-34,400\n6+,65+,1000\n",
    ),
  ];

  test("skills gap --completions --residents --in-commuting projects the supply and reports it", async () => {
    await run(
      "skills",
      "gap",
      ...projected(),
      ...replacement(),
      "--retention",
      "0.8,6+=0.5",
      "--in-commuting",
      "0.1",
      "--format",
      "json",
    );
    const report = JSON.parse(output.stdout) as SkillsGapReport;
    // Resident supply 40, 240, 160, 40, 60, plus 10% of demand 0, 294, 186, 0, 90.
    expect(
      report.byLevel.map(({ level, demand, supply, inCommuting, gap }) => [
        level,
        demand,
        supply,
        inCommuting,
        gap,
      ]),
    ).toEqual([
      ["entry", 0, 40, 0, -40],
      ["1-2", 294, 269.4, 29.4, 24.6],
      ["3", 186, 178.6, 18.6, 7.4],
      ["4-5", 0, 40, 0, -40],
      ["6+", 90, 69, 9, 21],
    ]);
    const supply = report.supply!;
    expect(supply.source).toBe("projected");
    expect(supply.byLevel[2]).toEqual({
      level: "3",
      source: "completions",
      completions: 40,
      residents: 180,
      entrants: 40,
      retention: 0.8,
      residentSupply: 160,
      inCommuting: 18.6,
      supply: 178.6,
    });
    expect(supply.byLevel.map((row) => row.source)).toEqual([
      "residents",
      "completions",
      "completions",
      "residents",
      "completions",
    ]);
    expect(supply.byLevel[0]!.completions).toBeNull();
    expect(supply.bySubject).toEqual([
      { level: "1-2", subject: "Construction", completions: 40, retention: 0.8, supply: 160 },
      {
        level: "1-2",
        subject: "Health and social care",
        completions: 20,
        retention: 0.8,
        supply: 80,
      },
      { level: "3", subject: "Engineering", completions: 30, retention: 0.8, supply: 120 },
      {
        level: "3",
        subject: "Health and social care",
        completions: 10,
        retention: 0.8,
        supply: 40,
      },
      { level: "6+", subject: "Nursing", completions: 24, retention: 0.5, supply: 60 },
    ]);
    expect(supply.assumptions).toMatchObject({
      years: 5,
      entryAges: "16-24",
      inCommutingShare: 0.1,
    });
    expect(supply.assumptions.retention!.map((row) => row.retention)).toEqual([
      0.8, 0.8, 0.8, 0.8, 0.5,
    ]);
    expect(supply.assumptions.notes.join(" ")).toMatch(/retire are already the replacement demand/);
    expect(report.warnings).toEqual([]);
    expect(output.stderr).toBe("");
  });

  test("skills gap --completions keeps the ranges reproducible, and --supply-spread 0 fixes the supply", async () => {
    const args = [...projected(), ...replacement(), "--uncertainty", "300", "--format", "json"];
    await run("skills", "gap", ...args, "--in-commuting", "20%");
    const first = JSON.parse(output.stdout) as SkillsGapReport;
    output.stdout = "";
    await run("skills", "gap", ...args, "--in-commuting", "20%");
    expect(JSON.parse(output.stdout)).toEqual(first);
    for (const row of first.byLevel) {
      expect(row.range![0]).toBeLessThanOrEqual(row.gap);
      expect(row.gap).toBeLessThanOrEqual(row.range![1]);
    }
    output.stdout = "";
    await run(
      "skills",
      "gap",
      ...args,
      "--in-commuting",
      "1",
      "--change-spread",
      "0.5",
      "--supply-spread",
      "0",
    );
    // Every opening filled from elsewhere: each gap is minus the resident supply, in every draw.
    const all = JSON.parse(output.stdout) as SkillsGapReport;
    expect(all.byLevel.map((row) => row.range)).toEqual(
      all.byLevel.map((row) => [row.gap, row.gap]),
    );
  });

  test("skills gap --completions prints a table, the default retention's warning and where the supply came from", async () => {
    await run("skills", "gap", ...projected(), ...replacement());
    expect(output.stdout.split("\n")[0]).toMatch(
      /^level +expansion +replacement +demand +supply +gap$/,
    );
    expect(output.stdout).toMatch(/\n6\+ +-15 +105 +90 +84 +6\n/);
    expect(output.stderr).toMatch(
      /^warning: no retention was given, so 70% of new entrants are taken to stay and work locally/,
    );
    expect(output.stderr).toMatch(
      /\nSupply projected over 5 years: from completions at 1-2, 3, 6\+; from residents aged 16 to 24 at entry, 4-5; 70% of new entrants staying\.\n$/,
    );
  });

  test("skills gap --by supply and --by supply-subject list where the projected supply comes from", async () => {
    const options = ["--retention", "0.8,6+=0.5", "--in-commuting", "0.1", "--format", "csv"];
    await run("skills", "gap", ...projected(), ...replacement(), ...options, "--by", "supply");
    expect(output.stdout.split("\n").slice(0, 3)).toEqual([
      "level,source,completions,residents,entrants,retention,residentSupply,inCommuting,supply",
      "entry,residents,,90,10,0.8,40,0,40",
      "1-2,completions,60,,60,0.8,240,29.4,269.4",
    ]);
    output.stdout = "";
    await run(
      "skills",
      "gap",
      ...projected(),
      ...replacement(),
      ...options,
      "--by",
      "supply-subject",
    );
    expect(output.stdout.trim().split("\n")).toEqual([
      "level,subject,completions,retention,supply",
      "1-2,Construction,40,0.8,160",
      "1-2,Health and social care,20,0.8,80",
      "3,Engineering,30,0.8,120",
      "3,Health and social care,10,0.8,40",
      "6+,Nursing,24,0.5,60",
    ]);
    // A supply file's figures: the level, its own supply and no in-commuters.
    output.stdout = "";
    await run("skills", "gap", ...files(), "--by", "supply", "--format", "csv");
    expect(output.stdout.split("\n").slice(0, 3)).toEqual([
      "level,residentSupply,inCommuting,supply",
      "entry,0,0,0",
      "1-2,147,0,147",
    ]);
  });

  test("skills gap --supply --in-commuting adds in-commuters to the supply file's figures", async () => {
    await run(
      "skills",
      "gap",
      ...files(),
      ...replacement(),
      "--in-commuting",
      "10%",
      "--format",
      "json",
    );
    const report = JSON.parse(output.stdout) as SkillsGapReport;
    expect(report.byLevel[1]).toMatchObject({ supply: 176.4, inCommuting: 29.4, gap: 117.6 });
    expect(report.supply).toMatchObject({ source: "file", assumptions: { inCommutingShare: 0.1 } });
    expect(report.supply!.byLevel[1]).toEqual({
      level: "1-2",
      residentSupply: 147,
      inCommuting: 29.4,
      supply: 176.4,
    });
    expect(report.supply!.bySubject).toBeUndefined();
    output.stdout = "";
    await run(
      "skills",
      "gap",
      ...files(),
      ...replacement(),
      "--in-commuting",
      "0.1",
      "--format",
      "csv",
    );
    expect(output.stdout.split("\n")[0]).toBe(
      "level,expansion,replacement,demand,supply,inCommuting,gap",
    );
  });

  test("skills gap refuses --supply with --completions, neither, and --residents with --supply", async () => {
    const both = await commandError("skills", "gap", ...projected(), "--supply", "supply.csv");
    expect((both as CommanderError).code).toBe("commander.conflictingOption");
    expect(output.stderr).toMatch(/'--supply <file>' cannot be used with option '--completions/);
    output.stderr = "";
    const neither = await commandError("skills", "gap", ...files().slice(0, 6));
    expect(neither).toBeInstanceOf(CommanderError);
    expect((neither as CommanderError).exitCode).toBe(2);
    expect(output.stderr).toMatch(
      /^error: give the supply: --supply supply.csv, or --completions completions.csv to project it\n/,
    );
    const residents = await commandError(
      "skills",
      "gap",
      ...files(),
      "--residents",
      "residents.csv",
    );
    expect((residents as CommanderError).code).toBe("commander.conflictingOption");
  });

  test("skills gap refuses a bad --retention, --in-commuting or --entry-ages as usage errors", async () => {
    for (const [option, value, message] of [
      ["--retention", "1.5", /expected a share from 0 to 1 for every level/],
      ["--retention", "7=0.5", /shares by level \(entry=0.5, 1-2=0.5/],
      ["--in-commuting", "40", /expected a share of openings from 0 to 1, such as 0.1 or 10%/],
      ["--entry-ages", "24-16", /expected an age band of whole years, such as 16-24/],
    ] as const) {
      output.stderr = "";
      const error = await commandError("skills", "gap", ...projected(), option, value);
      expect((error as CommanderError).code).toBe("commander.invalidArgument");
      expect(output.stderr).toMatch(message);
    }
  });

  test("skills gap names the residents file when its bands leave part of the entry ages out", async () => {
    const args = projected();
    args[9] = temporaryFile("residents-16-19.csv", "level,age_band,residents\nentry,16-19,40\n");
    const error = await commandError("skills", "gap", ...args);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(
      /residents-16-19.csv, field "age_band": the residents at entry cover 4 of the 9 years of the entry ages 16 to 24/,
    );
    // Other entry ages read other bands.
    await run("skills", "gap", ...args, "--entry-ages", "16-19", "--format", "json");
    const report = JSON.parse(output.stdout) as SkillsGapReport;
    // 40 residents over 4 years of age: 10 a year, × 0.7 × 5 = 35.
    expect(report.supply!.byLevel[0]).toMatchObject({ source: "residents", residentSupply: 35 });
  });

  test("skills gap --help explains each file's columns", async () => {
    await commandError("skills", "gap", "--help");
    for (const text of [
      "industry,baseline,target",
      "industry,occupation,share",
      "occupation,level,share",
      "level,supply",
      "occupation,rate",
      "level,subject,completions",
      "level,age_band,residents",
      "--in-commuting",
      "retirements are not subtracted",
      "docs/methods/skills-gap.md",
    ]) {
      expect(output.stdout).toContain(text);
    }
  });
});

describe("placefirst skills import", () => {
  const place = () => [
    "--place",
    "T1",
    "--plan",
    temporaryFile("plan.csv", "industry,baseline,target\nC,1000,1200\n"),
  ];

  test("skills import refuses --supply with --completions, and the projection's options with --supply, as usage errors", async () => {
    const both = await commandError(
      "skills",
      "import",
      ...place(),
      "--supply",
      "supply.csv",
      "--completions",
      "completions.csv",
    );
    expect((both as CommanderError).code).toBe("commander.conflictingOption");
    for (const [option, value] of [
      ["--residents", "residents.csv"],
      ["--retention", "0.7"],
      ["--entry-ages", "16-24"],
    ] as const) {
      const error = await commandError(
        "skills",
        "import",
        ...place(),
        "--supply",
        "supply.csv",
        option,
        value,
      );
      expect((error as CommanderError).code).toBe("commander.conflictingOption");
    }
  });

  test("skills import reads --retention, --in-commuting and --entry-ages as skills gap does", async () => {
    for (const [option, value, message] of [
      ["--retention", "0.7,6+=2", /expected a share from 0 to 1 for every level/],
      ["--in-commuting", "125%", /expected a share of openings from 0 to 1/],
      ["--entry-ages", "sixteen", /expected an age band of whole years/],
    ] as const) {
      output.stderr = "";
      const error = await commandError(
        "skills",
        "import",
        ...place(),
        "--completions",
        "completions.csv",
        option,
        value,
      );
      expect((error as CommanderError).code).toBe("commander.invalidArgument");
      expect(output.stderr).toMatch(message);
    }
  });

  test("skills import refuses --retention without --completions and --in-commuting without a place before opening the store", async () => {
    const retention = await commandError("skills", "import", ...place(), "--retention", "0.7");
    expect(retention).toBeInstanceOf(InputError);
    expect((retention as InputError).message).toMatch(/give --completions with them/);
    const commuting = await commandError(
      "skills",
      "import",
      "--occupations",
      "io.csv",
      "--in-commuting",
      "0.1",
    );
    expect((commuting as InputError).message).toMatch(/the in-commuting share is a place's/);
    const withoutSupply = await commandError("skills", "import", ...place());
    expect((withoutSupply as InputError).message).toMatch(
      /give --place, --plan and --supply \(or --completions to project the supply\)/,
    );
  });

  test("skills import --help names the projection's files and options", async () => {
    await commandError("skills", "import", "--help");
    for (const text of [
      "--completions <file>",
      "level,subject,completions",
      "--residents <file>",
      "--retention <shares>",
      "--entry-ages <band>",
      "--in-commuting <share>",
      "--completions completions.csv --residents residents.csv",
    ]) {
      expect(output.stdout).toContain(text);
    }
  });
});
