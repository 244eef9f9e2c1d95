import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { createUser } from "../../src/api/auth/users.js";
import { seedDemoFinance } from "../../src/finance/demo.js";
import { addLenderOfficer } from "../../src/finance/lenders.js";
import { expectPageOk, hasChromium, phonePage, signInAs } from "../helpers/browser.js";
import { demoApp, screenshots } from "../helpers/demoApp.js";
import { backendName } from "../helpers/testDatabase.js";

const password = "a long password for the finance tests";

const demo = demoApp(async (database) => {
  await createUser(database, { email: "bank@example.org", role: "officer", password });
  await createUser(database, { email: "board@example.org", role: "board_member", password });
  await seedDemoFinance(database);
  await addLenderOfficer(database, "ndb", "bank@example.org");
});

const phone = (javaScriptEnabled = true) => phonePage(demo.browser, javaScriptEnabled);
const signIn = (page: Page, email: string, next: string) =>
  signInAs(page, demo.base, { email, password }, next);

const checkPage = (page: Page, path: string): Promise<void> =>
  expectPageOk(page, `${demo.base}${path}`);

describe.skipIf(!hasChromium)(`finance pages in Chromium on ${backendName}`, () => {
  test("the public sees the funding decisions; the board reads the pipeline, funds, portfolio, loans and a project, without forms", async () => {
    const { context, page } = await phone();
    await page.goto(`${demo.base}/finance`);
    expect(new URL(page.url()).pathname).toBe("/finance/decisions");
    await checkPage(page, "/finance/decisions");
    await expect(page.locator("main").textContent()).resolves.toMatch(/committed to \d+ projects/);
    await page.screenshot({ path: `${screenshots}/finance-decisions-phone.png`, fullPage: true });
    const lenders = await page.goto(`${demo.base}/finance/lenders`);
    expect(new URL(page.url()).pathname, "anonymous lenders page").toBe("/sign-in");
    expect(lenders?.status()).toBe(200);

    await signIn(page, "board@example.org", "/finance");
    const [loanProject] = await demo.database.query<{ id: string }>(
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
    await page.goto(`${demo.base}/finance/portfolio`);
    const main = (await page.locator("main").textContent()) ?? "";
    expect(main).toMatch(/fairness floor costs/);
    expect(main).toMatch(/By goal/);
    await page.goto(`${demo.base}/finance/portfolio?mode=funds`);
    await expect(page.locator("main").textContent()).resolves.toMatch(/By fund/);
    await page.goto(`${demo.base}/finance/projects/${loanProject!.id}`);
    await expect(page.locator("main").textContent()).resolves.toMatch(/Promised and delivered/);
    expect(await page.locator("main form").count()).toBe(0);
    await page.screenshot({ path: `${screenshots}/finance-project-phone.png`, fullPage: true });
    await context.close();
  });

  test("a lender's officer records a repayment and moves a project on from its page, on a phone without JavaScript", async () => {
    const { context, page } = await phone(false);
    const [loan] = await demo.database.query<{ id: string; project: string }>(
      `select l.id, l.project_id as project from finance_loans l
       join finance_funds f on f.id = l.fund_id join finance_projects p on p.id = l.project_id
       where f.lender_id = 'ndb' and p.status = 'repaying' order by l.id limit 1`,
    );
    expect(loan, "a repaying loan of the national development bank").toBeDefined();
    const path = `/finance/projects/${loan!.project}`;
    await signIn(page, "bank@example.org", path);
    const received = async () =>
      (
        await demo.database.query<{ total: number }>(
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

    const [proposed] = await demo.database.query<{ id: string }>(
      `select p.id from finance_projects p join finance_funds f on f.id = p.fund_id
       where f.lender_id = 'ndb' and p.status = 'proposed' order by p.id limit 1`,
    );
    const projectPath = `/finance/projects/${proposed!.id}`;
    await page.goto(`${demo.base}${projectPath}`);
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
