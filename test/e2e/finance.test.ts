import { mkdirSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildApp } from "../../src/api/app.js";
import { createUser } from "../../src/api/auth/users.js";
import { loadDemo } from "../../src/data/loadDemo.js";
import { generateDemo } from "../../src/demo/index.js";
import { seedDemoFinance } from "../../src/finance/demo.js";
import { addLenderOfficer } from "../../src/finance/lenders.js";
import type { Database } from "../../src/store/database.js";
import {
  expectPageOk,
  hasChromium,
  launchChromium,
  phonePage,
  signInAs,
} from "../helpers/browser.js";
import { backendName, testDatabase } from "../helpers/testDatabase.js";

const screenshots = "test-results/screenshots";
const password = "a long password for the finance tests";

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base: string;

beforeAll(async () => {
  if (!hasChromium) return;
  database = await testDatabase();
  await loadDemo(database, generateDemo(20261128), 20261128);
  await createUser(database, { email: "bank@example.org", role: "officer", password });
  await createUser(database, { email: "board@example.org", role: "board_member", password });
  await seedDemoFinance(database);
  await addLenderOfficer(database, "ndb", "bank@example.org");
  app = await buildApp({ database });
  base = await app.listen({ port: 0, host: "127.0.0.1" });
  browser = await launchChromium();
  mkdirSync(screenshots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

const phone = (javaScriptEnabled = true) => phonePage(browser, javaScriptEnabled);
const signIn = (page: Page, email: string, next: string) =>
  signInAs(page, base, { email, password }, next);

const checkPage = (page: Page, path: string): Promise<void> => expectPageOk(page, `${base}${path}`);

describe.skipIf(!hasChromium)(`finance pages in Chromium on ${backendName}`, () => {
  test("the public sees the funding decisions; the board reads the pipeline, funds, portfolio, loans and a project, without forms", async () => {
    const { context, page } = await phone();
    await page.goto(`${base}/finance`);
    expect(new URL(page.url()).pathname).toBe("/finance/decisions");
    await checkPage(page, "/finance/decisions");
    await expect(page.locator("main").textContent()).resolves.toMatch(/committed to \d+ projects/);
    await page.screenshot({ path: `${screenshots}/finance-decisions-phone.png`, fullPage: true });
    const lenders = await page.goto(`${base}/finance/lenders`);
    expect(new URL(page.url()).pathname, "anonymous lenders page").toBe("/sign-in");
    expect(lenders?.status()).toBe(200);

    await signIn(page, "board@example.org", "/finance");
    const [loanProject] = await database.query<{ id: string }>(
      "select project_id as id from finance_loans order by id limit 1",
    );
    for (const path of [
      "/finance",
      "/finance/lenders",
      "/finance/loans",
      "/finance/portfolio",
      "/finance/portfolio?mode=funds",
      `/finance/projects/${loanProject!.id}`,
    ]) {
      await checkPage(page, path);
    }
    await page.goto(`${base}/finance/portfolio`);
    const main = (await page.locator("main").textContent()) ?? "";
    expect(main).toMatch(/fairness floor costs/);
    expect(main).toMatch(/By goal/);
    await page.goto(`${base}/finance/portfolio?mode=funds`);
    await expect(page.locator("main").textContent()).resolves.toMatch(/By fund/);
    await page.goto(`${base}/finance/projects/${loanProject!.id}`);
    await expect(page.locator("main").textContent()).resolves.toMatch(/Promised and delivered/);
    expect(await page.locator("main form").count()).toBe(0);
    await page.screenshot({ path: `${screenshots}/finance-project-phone.png`, fullPage: true });
    await context.close();
  });

  test("a lender's officer records a repayment and moves a project on from its page, on a phone without JavaScript", async () => {
    const { context, page } = await phone(false);
    const [loan] = await database.query<{ id: string; project: string }>(
      `select l.id, l.project_id as project from finance_loans l
       join finance_funds f on f.id = l.fund_id join finance_projects p on p.id = l.project_id
       where f.lender_id = 'ndb' and p.status = 'repaying' order by l.id limit 1`,
    );
    expect(loan, "a repaying loan of the national development bank").toBeDefined();
    const path = `/finance/projects/${loan!.project}`;
    await signIn(page, "bank@example.org", path);
    const received = async () =>
      (
        await database.query<{ total: number }>(
          "select coalesce(sum(amount_pence), 0)::float8 as total from finance_repayments where loan_id = $1",
          [loan!.id],
        )
      )[0]!.total;
    const before = await received();
    await page.fill(`#amount-${loan!.id}`, "12.34p");
    await page.click(`form[action*='${loan!.id}'] button`);
    await expect(page.locator(".govuk-error-summary").textContent()).resolves.toMatch(
      /amount in pounds above 0/,
    );
    expect(await received()).toBe(before);
    await page.selectOption(`#kind-${loan!.id}`, "repayment");
    await page.fill(`#amount-${loan!.id}`, "12.34");
    await page.click(`form[action*='${loan!.id}'] button`);
    await page.waitForURL((url) => url.pathname === path);
    expect(await received()).toBe(before + 1234);

    const [proposed] = await database.query<{ id: string }>(
      `select p.id from finance_projects p join finance_funds f on f.id = p.fund_id
       where f.lender_id = 'ndb' and p.status = 'proposed' order by p.id limit 1`,
    );
    const projectPath = `/finance/projects/${proposed!.id}`;
    await page.goto(`${base}${projectPath}`);
    await page.fill("#note", "appraised by the credit committee");
    await page.click("button:has-text('Change status')");
    await page.waitForURL((url) => url.pathname === projectPath);
    await expect(page.locator("h1").textContent()).resolves.toMatch(/appraised/);
    await expect(page.locator("main").textContent()).resolves.toMatch(
      /proposed to appraised, by an officer \(appraised by the credit committee\)/,
    );
    await context.close();
    // The officer's view, with its forms, passes axe too.
    const checked = await phone();
    await signIn(checked.page, "bank@example.org", path);
    await checkPage(checked.page, path);
    await checkPage(checked.page, projectPath);
    await checked.context.close();
  });
});
