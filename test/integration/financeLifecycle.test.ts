import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildApp } from "../../src/api/app.js";
import { createUser, startSession, type User } from "../../src/api/auth/users.js";
import { loadDemo } from "../../src/data/loadDemo.js";
import { generateDemo } from "../../src/demo/index.js";
import { seedDemoFinance } from "../../src/finance/demo.js";
import { addLenderOfficer } from "../../src/finance/lenders.js";
import { loanSchedule } from "../../src/finance/methods/loanSchedule.js";
import type { Database } from "../../src/store/database.js";
import { backendName, testDatabase } from "../helpers/testDatabase.js";

describe(`lenders, funds, the project's life and the loan book's movements on ${backendName}`, () => {
  let database: Database;
  let app: FastifyInstance;
  const users: Record<string, User> = {};

  beforeAll(async () => {
    database = await testDatabase();
    await loadDemo(database, generateDemo(20261128), 20261128);
    for (const [name, role] of [
      ["bank", "officer"],
      ["other", "officer"],
      ["board", "board_member"],
      ["admin", "admin"],
      ["resident", "participant"],
    ] as const) {
      users[name] = await createUser(database, {
        email: `${name}@example.org`,
        role,
        password: "correct horse battery staple",
      });
    }
    await seedDemoFinance(database);
    await addLenderOfficer(database, "ndb", "bank@example.org");
    app = await buildApp({ database });
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  async function as(name: string) {
    const session = await startSession(database, users[name]!);
    const headers = { cookie: `pf_session=${session.token}`, "x-csrf-token": session.csrfToken };
    return {
      get: (url: string) => app.inject({ method: "GET", url, headers }),
      post: (url: string, payload: object) => app.inject({ method: "POST", url, headers, payload }),
    };
  }

  const count = async (table: string) =>
    (await database.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;

  // A place-based fund project in the first demo district, with its record in full.
  const district = "X08000001";
  const newProject = (id: string, extra: object = {}) => ({
    id,
    name: "Test workshop",
    place: district,
    sector: "28",
    amount: 400_000,
    jobs: 12,
    jobsNoDegree: 9,
    risk: 0.05,
    applicant: "Test Engineering Ltd (fictional)",
    fund: "place",
    instrument: "loan",
    coFinance: 100_000,
    startDate: "2024-01-01",
    endDate: "2026-12-31",
    jobsSafeguarded: 4,
    jobsByLevel: [
      { level: "1-2", jobs: 5, annualPay: 24_000 },
      { level: "3", jobs: 4, annualPay: 29_000 },
      { level: "6+", jobs: 3, annualPay: 45_000 },
    ],
    ...extra,
  });

  test("the lenders' funds are read by the board but not by the public, whose view is the decisions", async () => {
    const anonymous = await app.inject({ method: "GET", url: "/api/v1/finance/lenders" });
    expect(anonymous.statusCode).toBe(401);
    const resident = await (await as("resident")).get("/api/v1/finance/lenders");
    expect(resident.statusCode).toBe(403);
    const board = await (await as("board")).get("/api/v1/finance/lenders");
    expect(board.statusCode).toBe(200);
    const lenders = board.json() as {
      id: string;
      funds: { id: string; budgetPence: number; committedPence: number }[];
    }[];
    expect(lenders.map((lender) => lender.id).sort()).toEqual(["bcf", "brb", "ndb"]);
    for (const fund of lenders.flatMap((lender) => lender.funds)) {
      expect(fund.committedPence).toBeLessThanOrEqual(fund.budgetPence);
    }
    const decisions = await app.inject({ method: "GET", url: "/api/v1/finance/decisions" });
    expect(decisions.statusCode).toBe(200);
    const rows = decisions.json() as { status: string; amountPence: number }[];
    expect(rows.length).toBeGreaterThanOrEqual(12);
    expect(rows.every((row) => !["proposed", "appraised"].includes(row.status))).toBe(true);
    expect(rows.every((row) => Number.isInteger(row.amountPence))).toBe(true);
    expect((await app.inject({ method: "GET", url: "/api/v1/finance/projects" })).statusCode).toBe(
      401,
    );
  });

  test("POST projects checks the neighbourhood, the fund's mandate and jobs by level, writes nothing on a bad one, and only the lender's officers write to its fund", async () => {
    const bank = await as("bank");
    const before = await count("finance_projects");
    const [outside] = await database.query<{ code: string }>(
      "select code from places where kind = 'neighbourhood' and parent_code <> $1 limit 1",
      [district],
    );
    const wrongPlace = await bank.post("/api/v1/finance/projects", {
      projects: [newProject("T1"), newProject("T2", { neighbourhood: outside!.code })],
    });
    expect(wrongPlace.statusCode).toBe(400);
    expect(wrongPlace.json().message).toMatch(
      /line 2, column "neighbourhood".*inside the project's place/,
    );
    const levels = await bank.post("/api/v1/finance/projects", {
      projects: [newProject("T1", { jobs: 13, jobsNoDegree: 10 })],
    });
    expect(levels.json().message).toMatch(/jobs by level add up to 12; expected the project's 13/);
    const mandate = await bank.post("/api/v1/finance/projects", {
      projects: [newProject("T1", { instrument: "equity", fund: "green" })],
    });
    expect(mandate.statusCode).toBe(403);
    const equityGreen = await (
      await as("admin")
    ).post("/api/v1/finance/projects", {
      projects: [newProject("T1", { fund: "green" })],
    });
    expect(equityGreen.json().message).toMatch(/mandate covers only the sectors/);
    expect(await count("finance_projects")).toBe(before);
    const other = await (
      await as("other")
    ).post("/api/v1/finance/projects", {
      projects: [newProject("T1")],
    });
    expect(other.statusCode).toBe(403);
    const stored = await bank.post("/api/v1/finance/projects", { projects: [newProject("T1")] });
    expect(stored.statusCode, stored.body).toBe(200);
    const detail = (await bank.get("/api/v1/finance/projects/T1")).json() as {
      project: { amountPence: number; coFinancePence: number; status: string; record: object };
      events: { toStatus: string }[];
    };
    expect(detail.project).toMatchObject({
      amountPence: 40_000_000,
      coFinancePence: 10_000_000,
      status: "proposed",
    });
    expect(detail.project.record).toMatchObject({
      applicant: "Test Engineering Ltd (fictional)",
      jobsSafeguarded: 4,
      jobsByLevel: [
        { level: "1-2", jobs: 5, annualPay: 24_000 },
        { level: "3", jobs: 4, annualPay: 29_000 },
        { level: "6+", jobs: 3, annualPay: 45_000 },
      ],
    });
    expect(detail.events.map((event) => event.toStatus)).toEqual(["proposed"]);
  });

  test("a project moves one step at a time, approval fits the fund's budget, and a decision's terms are then fixed", async () => {
    const bank = await as("bank");
    const skip = await bank.post("/api/v1/finance/projects/T1/status", { status: "approved" });
    expect(skip.statusCode).toBe(400);
    expect(skip.json().message).toMatch(/can move only to appraised/);
    expect(
      (await bank.post("/api/v1/finance/projects/T1/status", { status: "appraised" })).statusCode,
    ).toBe(200);
    // A fund too small for the project refuses to approve it.
    const admin = await as("admin");
    expect(
      (
        await admin.post("/api/v1/finance/funds", {
          id: "tiny",
          lenderId: "ndb",
          name: "Tiny fund",
          budgetPence: 100_000,
          instruments: ["loan"],
        })
      ).statusCode,
    ).toBe(201);
    await bank.post("/api/v1/finance/projects", {
      projects: [newProject("T2", { fund: "tiny" })],
    });
    await bank.post("/api/v1/finance/projects/T2/status", { status: "appraised" });
    const over = await bank.post("/api/v1/finance/projects/T2/status", { status: "approved" });
    expect(over.statusCode).toBe(400);
    expect(over.json().message).toMatch(/would commit £400,000 of the fund's £1,000 budget/);
    const approved = await bank.post("/api/v1/finance/projects/T1/status", {
      status: "approved",
      note: "board meeting of 3 March",
    });
    expect(approved.statusCode).toBe(200);
    const replaced = await bank.post("/api/v1/finance/projects", { projects: [newProject("T1")] });
    expect(replaced.statusCode).toBe(409);
    const other = await (
      await as("other")
    ).post("/api/v1/finance/projects/T1/status", {
      status: "contracted",
    });
    expect(other.statusCode).toBe(403);
  });

  test("a loan is contracted, paid out, repaid to the penny and closed; each refusal leaves the book as it was", async () => {
    const bank = await as("bank");
    const tooMuch = await bank.post("/api/v1/finance/loans", {
      projectId: "T1",
      principalPence: 40_000_001,
      rateBps: 450,
      months: 12,
      type: "annuity",
      startDate: "2024-01-15",
    });
    expect(tooMuch.json().message).toMatch(/no more than the 40000000 pence/);
    const created = await bank.post("/api/v1/finance/loans", {
      projectId: "T1",
      principalPence: 30_000_000,
      rateBps: 450,
      months: 12,
      type: "annuity",
      startDate: "2024-01-15",
    });
    expect(created.statusCode, created.body).toBe(201);
    const loanId = (created.json() as { id: string }).id;
    const move = (kind: string, amountPence: number, date = "2024-02-01") =>
      bank.post(`/api/v1/finance/loans/${loanId}/movements`, { kind, amountPence, date });
    const before = await count("finance_disbursements");
    const over = await move("disbursement", 30_000_001);
    expect(over.statusCode).toBe(400);
    expect(await count("finance_disbursements")).toBe(before);
    const early = await move("disbursement", 100, "2023-12-31");
    expect(early.json().message).toMatch(/on or after the loan's start, 2024-01-15/);
    expect((await move("disbursement", 20_000_000)).statusCode).toBe(201);
    expect((await move("disbursement", 10_000_000)).statusCode).toBe(201);
    const total = loanSchedule({
      principalPence: 30_000_000,
      rateBps: 450,
      months: 12,
      type: "annuity",
      startDate: "2024-01-15",
    }).instalments.reduce((sum, row) => sum + row.paymentPence, 0);
    const overpaid = await move("repayment", total + 1, "2025-02-01");
    expect(overpaid.json().message).toMatch(new RegExp(`at most the ${total} pence left to pay`));
    const other = await (
      await as("other")
    ).post(`/api/v1/finance/loans/${loanId}/movements`, {
      kind: "repayment",
      amountPence: 100,
      date: "2025-02-01",
    });
    expect(other.statusCode).toBe(403);
    const repaid = await move("repayment", total, "2025-02-01");
    expect(repaid.statusCode, repaid.body).toBe(201);
    expect(repaid.json()).toMatchObject({ status: "repaid", arrearsPence: 0, outstandingPence: 0 });
    const detail = (await bank.get("/api/v1/finance/projects/T1")).json() as {
      project: { status: string };
      events: { toStatus: string; byRole: string | null }[];
      loans: { disbursedPence: number }[];
    };
    expect(detail.project.status).toBe("closed");
    expect(detail.events.map((event) => event.toStatus)).toEqual([
      "proposed",
      "appraised",
      "approved",
      "contracted",
      "disbursing",
      "repaying",
      "closed",
    ]);
    expect(detail.events.at(-1)!.byRole).toBe("officer");
    expect(detail.loans[0]!.disbursedPence).toBe(30_000_000);
    const after = await move("repayment", 1, "2025-03-01");
    expect(after.json().message).toMatch(/closed; nothing more can be recorded/);
  });

  test("outcomes are reported once contracted, and the project shows the latest beside what it promised", async () => {
    const bank = await as("bank");
    const proposed = await bank.post("/api/v1/finance/projects/T2/outcomes", {
      reportedOn: "2025-01-01",
      jobs: 3,
    });
    expect(proposed.json().message).toMatch(/nothing to report until it is contracted/);
    for (const [reportedOn, jobs] of [
      ["2025-01-01", 4],
      ["2025-07-01", 10],
    ] as const) {
      const reported = await bank.post("/api/v1/finance/projects/T1/outcomes", {
        reportedOn,
        jobs,
        co2Change: -20,
      });
      expect(reported.statusCode, reported.body).toBe(201);
    }
    const future = await bank.post("/api/v1/finance/projects/T1/outcomes", {
      reportedOn: "2999-01-01",
      jobs: 1,
    });
    expect(future.statusCode).toBe(400);
    const detail = (await (await as("board")).get("/api/v1/finance/projects/T1")).json() as {
      project: { jobs: number };
      delivered: { jobs: { value: number; reportedOn: string } };
    };
    expect(detail.project.jobs).toBe(12);
    expect(detail.delivered.jobs).toEqual({ value: 10, reportedOn: "2025-07-01" });
  });

  test("writing off all that is outstanding writes the project off", async () => {
    const bank = await as("bank");
    const [project] = await database.query<{ id: string }>(
      `select p.id from finance_projects p join finance_funds f on f.id = p.fund_id
       where p.status = 'approved' and f.lender_id = 'ndb' and coalesce(p.instrument, 'loan') = 'loan'
       order by p.id limit 1`,
    );
    expect(project).toBeDefined();
    const created = await bank.post("/api/v1/finance/loans", {
      projectId: project!.id,
      principalPence: 1_000_000,
      rateBps: 500,
      months: 24,
      type: "bullet",
      startDate: "2024-06-01",
    });
    expect(created.statusCode, created.body).toBe(201);
    const url = `/api/v1/finance/loans/${(created.json() as { id: string }).id}/movements`;
    await bank.post(url, { kind: "disbursement", amountPence: 1_000_000, date: "2024-06-01" });
    const tooMuch = await bank.post(url, {
      kind: "write-off",
      amountPence: 1_000_001,
      date: "2025-01-01",
    });
    expect(tooMuch.json().message).toMatch(/at most the 1000000 pence outstanding/);
    const written = await bank.post(url, {
      kind: "write-off",
      amountPence: 1_000_000,
      date: "2025-01-01",
    });
    expect(written.json()).toMatchObject({ status: "written off" });
    const [row] = await database.query<{ status: string }>(
      "select status from finance_projects where id = $1",
      [project!.id],
    );
    expect(row!.status).toBe("written off");
  });

  test("the portfolio by fund chooses among undecided projects within each fund's money left and floor", async () => {
    const board = await as("board");
    const lenders = (await board.get("/api/v1/finance/lenders")).json() as {
      funds: {
        id: string;
        budgetPence: number;
        committedPence: number;
        minShareMarginalised: number;
      }[];
    }[];
    const response = await board.post("/api/v1/finance/portfolio", { byFund: true });
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json() as {
      selected: { id: string }[];
      byFund: { fund: string; budget: number; spent: number; shareLeftBehind?: number }[];
    };
    for (const fund of lenders.flatMap((lender) => lender.funds)) {
      const row = result.byFund.find((item) => item.fund === fund.id)!;
      expect(row.budget).toBeCloseTo(Math.max(0, fund.budgetPence - fund.committedPence) / 100, 6);
      expect(row.spent).toBeLessThanOrEqual(row.budget + 1e-6);
      if (row.spent > 0) {
        expect(row.shareLeftBehind!).toBeGreaterThanOrEqual(fund.minShareMarginalised - 1e-9);
      }
    }
    const statuses = await database.query<{ id: string; status: string }>(
      "select id, status from finance_projects where id = any($1::text[])",
      [result.selected.map((item) => item.id)],
    );
    expect(statuses.every((row) => ["proposed", "appraised"].includes(row.status))).toBe(true);
    const noBudget = await board.post("/api/v1/finance/portfolio", {});
    expect(noBudget.statusCode).toBe(400);
  });
});
