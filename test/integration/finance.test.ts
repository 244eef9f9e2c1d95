import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadDemo } from "../../src/data/loadDemo.js";
import { generateDemo } from "../../src/demo/index.js";
import { seedDemoFinance } from "../../src/finance/demo.js";
import { listPipeline, savePipeline } from "../../src/finance/pipeline.js";
import type { PipelineProject } from "../../src/finance/projectsFile.js";
import type { Database } from "../../src/store/database.js";
import { backendName, testDatabase } from "../helpers/testDatabase.js";

describe(`the finance pipeline on ${backendName}`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase();
    await loadDemo(database, generateDemo(20261128), 20261128);
  });
  afterAll(async () => {
    await database.close();
  });

  test("the demo pipeline is stored once, each project in a demo district, flagged as the scorecard flags it", async () => {
    expect(await seedDemoFinance(database)).toBe(true);
    expect(await seedDemoFinance(database)).toBe(false);
    const projects = await listPipeline(database);
    expect(projects).toHaveLength(42);
    expect(projects.every((project) => project.fictional && project.place.startsWith("X08"))).toBe(
      true,
    );
    expect(projects.some((project) => project.leftBehind)).toBe(true);
    expect(projects.some((project) => !project.leftBehind)).toBe(true);
    // Each project's alignment comes from its district's opportunity ranking, 0 to 100.
    const aligned = projects.filter((project) => project.extra.opportunity_score != null);
    expect(aligned.length).toBeGreaterThan(30);
    for (const project of aligned) {
      expect(project.extra.opportunity_score).toBeGreaterThanOrEqual(0);
      expect(project.extra.opportunity_score).toBeLessThanOrEqual(100);
    }
  });

  test("savePipeline replaces a project with the same id, and an unknown place changes nothing", async () => {
    const project: PipelineProject = {
      id: "P800",
      place: "X08000003",
      sector: "62",
      amount: 500_000,
      jobs: 9,
      jobsNoDegree: 2,
      co2Change: null,
      localSpendShare: 0.4,
      risk: 0.1,
      leftBehind: false,
      score: null,
      extra: {},
      line: 2,
    };
    await database.transaction((tx) => savePipeline(tx, [{ ...project, name: "Draft" }]));
    await database.transaction((tx) => savePipeline(tx, [{ ...project, name: "Studio" }]));
    const stored = (await listPipeline(database)).find((p) => p.id === "P800")!;
    expect(stored).toMatchObject({
      name: "Studio",
      place: "X08000003",
      amount: 500_000,
      amountPence: 50_000_000,
      status: "proposed",
    });
    // A funding decision keeps its terms: P001 is a demo loan's project.
    await expect(
      database.transaction((tx) => savePipeline(tx, [{ ...project, id: "P001" }])),
    ).rejects.toThrow(/project P001 is repaying; a funding decision's terms cannot be replaced/);
    await expect(
      database.transaction((tx) =>
        savePipeline(
          tx,
          [
            { ...project, id: "P900" },
            { ...project, id: "P901", place: "E99999999", line: 3 },
          ],
          { file: "projects.csv" },
        ),
      ),
    ).rejects.toThrow(/projects\.csv, line 3, column "place": no stored place has this code/);
    expect((await listPipeline(database)).some((p) => p.id === "P900")).toBe(false);
  });

  test("the finance API appraises the pipeline, chooses a portfolio, and refuses anonymous writes", async () => {
    const { buildApp } = await import("../../src/api/app.js");
    const { createUser, startSession } = await import("../../src/api/auth/users.js");
    const app = await buildApp({ database });
    try {
      const board = await startSession(
        database,
        await createUser(database, {
          email: "board@example.org",
          role: "board_member",
          password: "correct horse battery staple",
        }),
      );
      const boardHeaders = {
        cookie: `pf_session=${board.token}`,
        "x-csrf-token": board.csrfToken,
      };
      expect(
        (await app.inject({ method: "GET", url: "/api/v1/finance/projects" })).statusCode,
      ).toBe(401);
      const listed = await app.inject({
        method: "GET",
        url: "/api/v1/finance/projects",
        headers: boardHeaders,
      });
      expect(listed.statusCode).toBe(200);
      const rows = listed.json() as { project: { id: string }; appraisal: { rank: number } }[];
      expect(rows.length).toBeGreaterThanOrEqual(42);
      expect(rows.some((row) => row.appraisal.rank === 1)).toBe(true);
      const badWeights = await app.inject({
        method: "GET",
        url: `/api/v1/finance/projects?weights=${encodeURIComponent("{not json")}`,
        headers: boardHeaders,
      });
      expect(badWeights.statusCode).toBe(400);
      const page = await app.inject({ method: "GET", url: "/finance" });
      // Before sign-in the CSRF token is the pf_csrf cookie's value, sent back in a header.
      const csrf = page.cookies.find((c) => c.name === "pf_csrf")?.value ?? "";
      const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
      const chosen = await app.inject({
        method: "POST",
        url: "/api/v1/finance/portfolio",
        headers: boardHeaders,
        payload: { budget: 20_000_000, minShareLeftBehind: 0.4, maxSharePlace: 0.3 },
      });
      expect(chosen.statusCode, chosen.body).toBe(200);
      const result = chosen.json() as {
        spent: number;
        shareLeftBehind: number;
        selected: unknown[];
      };
      expect(result.spent).toBeLessThanOrEqual(20_000_000);
      expect(result.shareLeftBehind).toBeGreaterThanOrEqual(0.4 - 1e-9);
      expect(result.selected.length).toBeGreaterThan(0);
      const write = await app.inject({
        method: "POST",
        url: "/api/v1/finance/projects",
        headers: { "x-csrf-token": csrf, cookie },
        payload: { projects: [] },
      });
      expect(write.statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });

  test("the demo loan book revalues today: on-time loans current, late ones in arrears, one written off", async () => {
    const { loanBook } = await import("../../src/finance/loans.js");
    const today = new Date().toISOString().slice(0, 10);
    const book = await loanBook(database, today);
    expect(book.loans).toHaveLength(12);
    const status = book.revaluation.loans.map((loan) => loan.status);
    expect(status.filter((value) => value === "written off")).toHaveLength(1);
    expect(status.filter((value) => value === "in arrears").length).toBeGreaterThanOrEqual(3);
    // The loan that stopped paying five instalments ago is more than 90 days past due, so PAR90
    // is above 0, and PAR30 (which counts it too) is at least as large.
    const { par30, par90 } = book.revaluation.totals;
    expect(par90).toBeGreaterThan(0);
    expect(par30!).toBeGreaterThanOrEqual(par90!);
    // Nothing is in arrears before a loan's first instalment falls due.
    const before = await loanBook(database, "2022-01-01");
    expect(before.revaluation.totals.arrearsPence).toBe(0);
  });
});
