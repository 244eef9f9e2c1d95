import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { readPipelineFile } from "./projectsFile.js";

function file(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "placefirst-pipeline-")), "projects.csv");
  writeFileSync(path, content);
  return path;
}

const header =
  "id,place,sector,amount,jobs,jobs_no_degree,co2_change,local_spend_share,risk,left_behind";

describe("readPipelineFile", () => {
  test("readPipelineFile reads the columns the issue names, an optional score and extra columns", async () => {
    const projects = await readPipelineFile(
      file(
        `${header},score,pay\nP1,E08000001,28,"£1,200,000",40,30,-500,0.6,0.05,1,72.5,31000\nP2,E08000002,62,800000,12,,,,,0,,\n`,
      ),
    );
    expect(projects).toEqual([
      {
        id: "P1",
        place: "E08000001",
        sector: "28",
        amount: 1_200_000,
        jobs: 40,
        jobsNoDegree: 30,
        co2Change: -500,
        localSpendShare: 0.6,
        risk: 0.05,
        leftBehind: true,
        score: 72.5,
        extra: { pay: 31000 },
        line: 2,
      },
      {
        id: "P2",
        place: "E08000002",
        sector: "62",
        amount: 800_000,
        jobs: 12,
        jobsNoDegree: null,
        co2Change: null,
        localSpendShare: null,
        risk: null,
        leftBehind: false,
        score: null,
        extra: { pay: null },
        line: 3,
      },
    ]);
  });

  test("readPipelineFile names the line, column and value of bad input", async () => {
    const bad = async (row: string): Promise<string> =>
      readPipelineFile(file(`${header}\n${row}\n`)).then(
        () => "no error",
        (error: Error) => error.message,
      );
    expect(await bad("P1,E1,28,-5,1,,,,,0")).toMatch(
      /line 2, column "amount": expected an amount above 0 \(found "-5"\)/,
    );
    expect(await bad("P1,E1,28,100,-1,,,,,0")).toMatch(
      /column "jobs": expected a number of 0 or more/,
    );
    expect(await bad("P1,E1,28,100,1,,,1.5,,0")).toMatch(
      /column "local_spend_share": expected a number from 0 to 1/,
    );
    expect(await bad("P1,E1,28,100,1,,,,,yes")).toMatch(/column "left_behind": expected 0 or 1/);
    expect(await bad("P1,E1,28,100,5,6,,,,0")).toMatch(/no more than the project's 5 jobs/);
    expect(await bad(",E1,28,100,1,,,,,0")).toMatch(/column "id": expected the project's id/);
    expect(
      await readPipelineFile(file(`${header}\nP1,E1,28,100,1,,,,,0\nP1,E1,28,100,1,,,,,0\n`)).then(
        () => "no error",
        (error: Error) => error.message,
      ),
    ).toMatch(/line 3, column "id": the id was used before, on line 2/);
    await expect(readPipelineFile(file("id,place\nP1,E1\n"))).rejects.toThrow(/no column "sector"/);
    await expect(readPipelineFile(file(`${header}\n`))).rejects.toThrow(/no projects/);
  });

  test("readPipelineFile reads the investment project's record columns, and checks their dates and instrument", async () => {
    const recordHeader = `${header},name,applicant,neighbourhood,fund,instrument,co_finance,start_date,end_date,jobs_safeguarded`;
    const [project] = await readPipelineFile(
      file(
        `${recordHeader}\nP1,E1,28,100000,4,,,,,0,Workshop,Ace Ltd,E01000001,place,Loan,"£25,000",2025-04-01,2027-03-31,2\n`,
      ),
    );
    expect(project!.record).toEqual({
      name: "Workshop",
      applicant: "Ace Ltd",
      neighbourhood: "E01000001",
      fund: "place",
      instrument: "loan",
      coFinance: 25_000,
      startDate: "2025-04-01",
      endDate: "2027-03-31",
      jobsSafeguarded: 2,
    });
    expect(project!.extra).toEqual({});
    const bad = async (tail: string): Promise<string> =>
      readPipelineFile(file(`${recordHeader}\nP1,E1,28,100000,4,,,,,0,${tail}\n`)).then(
        () => "no error",
        (error: Error) => error.message,
      );
    expect(await bad(",,,,bond,,,,")).toMatch(
      /column "instrument": expected one of loan, grant, equity, guarantee/,
    );
    expect(await bad(",,,,,,2025-02-30,,")).toMatch(
      /column "start_date": expected a date as YYYY-MM-DD \(found "2025-02-30"\)/,
    );
    expect(await bad(",,,,,,2025-04-01,2025-03-01,")).toMatch(
      /column "end_date": expected a date on or after 2025-04-01/,
    );
    expect(await bad(",,,,,-5,,,")).toMatch(/column "co_finance": expected a number of 0 or more/);
  });
});
