import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { InputError } from "../../core/errors.js";
import { readIndustryOccupationFile } from "./industryOccupationFile.js";
import { readOccupationLevelFile } from "./occupationLevelFile.js";
import { readPlanFile } from "./planFile.js";
import { readReplacementFile } from "./replacementFile.js";
import { parseLevel } from "./skillsCsv.js";
import { readSkillsGapFiles } from "./skillsGapFiles.js";
import { readSupplyFile } from "./supplyFile.js";

const folder = mkdtempSync(join(tmpdir(), "placefirst-skills-files-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function temporaryFile(name: string, content: string): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

/** The InputError a reader rejects with. */
async function readError(reading: Promise<unknown>): Promise<InputError> {
  const error = await reading.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (error instanceof InputError) return error;
  throw error ?? new Error("expected the reader to fail");
}

// The worked example of the method's tests, as the five files.
const planCsv = 'industry,baseline,target\nC,1000,1200\nQ,"2,000",1900\n';
const occupationsCsv = `industry,occupation,share
C,2,0.2
C,5,0.5
C,9,0.3
Q,2,60%
Q,5,0.1
Q,9,0.3
`;
const levelsCsv = `occupation,level,share
2,level 3,0.25
2,6+,0.75
5,1-2,0.2
5,RQF3,0.8
9,Levels 1–2,1
`;
const supplyCsv = "level,supply\nentry,0\n1-2,147\n3,124\n4-5,0\n6+,120\n";
const replacementCsv = "occupation,rate\n2,0.02\n5,3%\n9,0.05\n";

describe("readPlanFile", () => {
  test("readPlanFile reads industries, people with thousands separators, and optional ranges", async () => {
    expect(await readPlanFile(planCsv, "plan.csv")).toEqual([
      { industry: "C", baseline: 1000, target: 1200, line: 2 },
      { industry: "Q", baseline: 2000, target: 1900, line: 3 },
    ]);
    const ranged = await readPlanFile(
      "industry,baseline,target,target_low,target_high\nc,10,20,15,30\n85,5,5,,\n",
      "plan.csv",
    );
    expect(ranged).toEqual([
      { industry: "C", baseline: 10, target: 20, targetLow: 15, targetHigh: 30, line: 2 },
      { industry: "85", baseline: 5, target: 5, line: 3 },
    ]);
  });

  test("readPlanFile rejects a negative number with the file, line, column and value", async () => {
    const error = await readError(readPlanFile("industry,baseline,target\nC,-5,10\n", "plan.csv"));
    expect(error.message).toBe(
      'plan.csv, line 2, column "baseline": expected employment now, a number of people, 0 or more, such as 1200 (found "-5")',
    );
  });

  test("readPlanFile rejects an unknown industry, with a hint for a lost leading zero", async () => {
    expect(
      (await readError(readPlanFile("industry,baseline,target\nZ,1,1\n", "plan.csv"))).message,
    ).toMatch(/expected a SIC 2007 section letter \(A to U\) or two-digit division/);
    expect(
      (await readError(readPlanFile("industry,baseline,target\n1,1,1\n", "plan.csv"))).message,
    ).toMatch(/write 01: did a spreadsheet drop the leading zero\?/);
  });

  test("readPlanFile rejects a repeated industry, and a section with one of its divisions", async () => {
    expect(
      (await readError(readPlanFile("industry,baseline,target\nC,1,1\nC,2,2\n", "plan.csv")))
        .message,
    ).toMatch(/line 3, column "industry": this industry is already in the plan, at line 2/);
    expect(
      (await readError(readPlanFile("industry,baseline,target\nC,1,1\n25,2,2\n", "plan.csv")))
        .message,
    ).toMatch(/line 3.*division 25 is part of section C, which is in the plan too \(line 2\)/);
  });

  test("readPlanFile rejects half a range and a range that does not hold the target", async () => {
    const header = "industry,baseline,target,target_low,target_high\n";
    expect((await readError(readPlanFile(`${header}C,1,10,5,\n`, "plan.csv"))).location.field).toBe(
      "target_high",
    );
    expect((await readError(readPlanFile(`${header}C,1,10,11,12\n`, "plan.csv"))).message).toMatch(
      /expected the low end at or below the value, 10/,
    );
  });

  test("readPlanFile rejects a file with no rows, a missing column, and a missing file", async () => {
    expect(
      (await readError(readPlanFile("industry,baseline,target\n", "plan.csv"))).message,
    ).toMatch(/plan.csv: the file has no rows; expected a row per industry/);
    expect((await readError(readPlanFile("industry,baseline\nC,1\n", "plan.csv"))).message).toMatch(
      /the header has no column "target"/,
    );
    expect((await readError(readPlanFile(join(folder, "absent.csv")))).message).toMatch(
      /absent.csv: there is no such file/,
    );
  });
});

describe("readIndustryOccupationFile", () => {
  test("readIndustryOccupationFile reads shares and percentages", async () => {
    const rows = await readIndustryOccupationFile(occupationsCsv, "io.csv");
    expect(rows).toHaveLength(6);
    expect(rows[3]).toEqual({ industry: "Q", occupation: "2", share: 0.6, line: 5 });
  });

  test("readIndustryOccupationFile names the industry whose shares do not add up to 1, and the sum", async () => {
    const error = await readError(
      readIndustryOccupationFile("industry,occupation,share\nC,2,0.5\nC,5,0.4\n", "io.csv"),
    );
    expect(error.message).toBe(
      'io.csv, line 2, column "share": the shares of industry C\'s occupations add up to 0.9; expected 1 (within 0.005), so that every job is counted once',
    );
  });

  test("readIndustryOccupationFile rejects a bad SOC code, a share above 1, a repeat and an overlap", async () => {
    const header = "industry,occupation,share\n";
    expect(
      (await readError(readIndustryOccupationFile(`${header}C,0,1\n`, "io.csv"))).message,
    ).toMatch(/expected a SOC 2020 major group \(1 to 9\) or sub-major group \(11 to 92\)/);
    expect(
      (await readError(readIndustryOccupationFile(`${header}C,13,1\n`, "io.csv"))).location.value,
    ).toBe("13");
    expect(
      (await readError(readIndustryOccupationFile(`${header}C,2,1.5\n`, "io.csv"))).message,
    ).toMatch(/expected a share from 0 to 1/);
    expect(
      (await readError(readIndustryOccupationFile(`${header}C,2,0.5\nC,2,0.5\n`, "io.csv")))
        .message,
    ).toMatch(/line 3.*industry C already has this occupation, at line 2/);
    expect(
      (await readError(readIndustryOccupationFile(`${header}C,5,0.5\nC,52,0.5\n`, "io.csv")))
        .message,
    ).toMatch(/industry C already has occupation 5 \(line 2\), which overlaps this one/);
  });
});

describe("readOccupationLevelFile", () => {
  test("readOccupationLevelFile reads the level bands however they are written", async () => {
    const rows = await readOccupationLevelFile(levelsCsv, "levels.csv");
    expect(rows.map((row) => row.level)).toEqual(["3", "6+", "1-2", "3", "1-2"]);
  });

  test("readOccupationLevelFile rejects a level that is not a band, listing the bands", async () => {
    const error = await readError(
      readOccupationLevelFile("occupation,level,share\n2,2,1\n", "levels.csv"),
    );
    expect(error.message).toBe(
      'levels.csv, line 2, column "level": expected a qualification level: entry, 1-2, 3, 4-5 or 6+ (RQF bands; "none", "level 3", "RQF 3" and "levels 4-5" are read too) (found "2")',
    );
  });

  test("readOccupationLevelFile rejects a repeated level, counting spellings as one", async () => {
    const error = await readError(
      readOccupationLevelFile("occupation,level,share\n2,3,0.5\n2,Level 3,0.5\n", "levels.csv"),
    );
    expect(error.message).toMatch(/line 3.*occupation 2 already has this level, at line 2/);
  });

  test("readOccupationLevelFile names the occupation whose shares do not add up to 1", async () => {
    const error = await readError(
      readOccupationLevelFile("occupation,level,share\n9,1-2,0.5\n", "levels.csv"),
    );
    expect(error.message).toMatch(/occupation 9's levels add up to 0.5; expected 1/);
  });
});

describe("readReplacementFile and readSupplyFile", () => {
  test("readReplacementFile reads rates and percentages, with optional ranges", async () => {
    expect(await readReplacementFile(replacementCsv, "rates.csv")).toEqual([
      { occupation: "2", rate: 0.02, line: 2 },
      { occupation: "5", rate: 0.03, line: 3 },
      { occupation: "9", rate: 0.05, line: 4 },
    ]);
    expect(
      await readReplacementFile("occupation,rate,rate_low,rate_high\n2,0.02,1%,0.03\n", "r.csv"),
    ).toEqual([{ occupation: "2", rate: 0.02, rateLow: 0.01, rateHigh: 0.03, line: 2 }]);
  });

  test("readReplacementFile rejects a rate above 1 or a repeated occupation", async () => {
    expect(
      (await readError(readReplacementFile("occupation,rate\n2,3\n", "rates.csv"))).message,
    ).toMatch(/expected a yearly rate from 0 to 1, such as 0.035, or a percentage/);
    expect(
      (await readError(readReplacementFile("occupation,rate\n2,0.1\n2,0.1\n", "rates.csv")))
        .message,
    ).toMatch(/this occupation already has a rate, at line 2/);
  });

  test("readSupplyFile reads every level, and rejects a negative supply", async () => {
    const rows = await readSupplyFile(supplyCsv, "supply.csv");
    expect(rows.map((row) => [row.level, row.supply])).toEqual([
      ["entry", 0],
      ["1-2", 147],
      ["3", 124],
      ["4-5", 0],
      ["6+", 120],
    ]);
    expect(
      (await readError(readSupplyFile("level,supply\n3,-1\n", "supply.csv"))).location,
    ).toEqual({ file: "supply.csv", line: 2, field: "supply", value: "-1" });
  });

  test("readSupplyFile rejects a file that leaves a level out, naming it", async () => {
    const error = await readError(
      readSupplyFile("level,supply\nentry,0\n1-2,5\n3,5\n6+,5\n", "supply.csv"),
    );
    expect(error.message).toMatch(
      /^supply.csv: the file has no supply at 4-5; give a row for each/,
    );
  });
});

describe("readSkillsGapFiles", () => {
  const paths = () => ({
    plan: temporaryFile("plan.csv", planCsv),
    occupations: temporaryFile("industry_occupation.csv", occupationsCsv),
    levels: temporaryFile("occupation_level.csv", levelsCsv),
    supply: temporaryFile("supply.csv", supplyCsv),
    replacement: temporaryFile("replacement.csv", replacementCsv),
  });

  test("readSkillsGapFiles reads the five files into the method's input, without line numbers", async () => {
    const input = await readSkillsGapFiles(paths());
    expect(input.plan[0]).toEqual({ industry: "C", baseline: 1000, target: 1200 });
    expect(input.industryOccupation).toHaveLength(6);
    expect(input.occupationLevel).toHaveLength(5);
    expect(input.supply).toHaveLength(5);
    expect(input.replacement).toHaveLength(3);
  });

  test("readSkillsGapFiles rejects an industry of the plan with no occupation mix, at its line", async () => {
    const files = paths();
    files.plan = temporaryFile("plan-f.csv", `${planCsv}F,100,150\n`);
    const error = await readError(readSkillsGapFiles(files));
    expect(error.location).toMatchObject({ file: files.plan, line: 4, value: "F" });
    expect(error.reason).toMatch(
      /^industry F has no occupation mix in .*industry_occupation.csv; add its rows there/,
    );
  });

  test("readSkillsGapFiles rejects an occupation with no level mix, at the line that uses it", async () => {
    const files = paths();
    files.levels = temporaryFile("levels-no-9.csv", levelsCsv.replace("9,Levels 1–2,1\n", ""));
    const error = await readError(readSkillsGapFiles(files));
    expect(error.location).toMatchObject({ file: files.occupations, line: 4, value: "9" });
    expect(error.reason).toMatch(/^occupation 9 has no level mix in .*levels-no-9.csv/);
  });

  test("readSkillsGapFiles rejects an occupation of the plan with no replacement rate", async () => {
    const files = paths();
    files.replacement = temporaryFile("rates-no-5.csv", "occupation,rate\n2,0.02\n9,0.05\n");
    const error = await readError(readSkillsGapFiles(files));
    expect(error.location).toMatchObject({ file: files.replacement, value: "5" });
    expect(error.reason).toMatch(
      /occupation 5, employed by industry C of the plan, has no replacement rate/,
    );
  });

  test("readSkillsGapFiles ignores industries of the matrix the plan does not have", async () => {
    const files = paths();
    files.occupations = temporaryFile("io-national.csv", `${occupationsCsv}F,53,1\n`);
    const input = await readSkillsGapFiles(files);
    expect(input.industryOccupation).toHaveLength(7);
  });
});

describe("parseLevel", () => {
  test("parseLevel reads bands however written, and nothing else", () => {
    const read = [
      "entry",
      "None",
      "Entry level",
      "1-2",
      "1 – 2",
      "RQF 1-2",
      "3",
      "RQF3",
      "level 3",
    ];
    expect(read.map(parseLevel)).toEqual([
      "entry",
      "entry",
      "entry",
      "1-2",
      "1-2",
      "1-2",
      "3",
      "3",
      "3",
    ]);
    expect(["4-5", "Levels 4-5", "6+", "level 6 and above"].map(parseLevel)).toEqual([
      "4-5",
      "4-5",
      "6+",
      "6+",
    ]);
    expect(["2", "4", "7", "", "level", "degree"].map(parseLevel)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
