import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { createUser } from "../../src/api/auth/users.js";
import { listBoards } from "../../src/participation/boards.js";
import { seedDemoParticipation } from "../../src/participation/demo.js";
import { createInvitations } from "../../src/participation/participants.js";
import { accessibilityViolations, hasChromium } from "../helpers/browser.js";
import { demoApp, screenshots } from "../helpers/demoApp.js";
import { backendName } from "../helpers/testDatabase.js";

const officerPassword = "a long officer password for tests";

let invitation: string | undefined;

const demo = demoApp(async (database) => {
  const officer = await createUser(database, {
    email: "officer@example.org",
    role: "officer",
    password: officerPassword,
  });
  await seedDemoParticipation(database, { officerUserId: officer.id });
  const [board] = await listBoards(database);
  [invitation] = await database.transaction<string[]>((tx) =>
    createInvitations(tx, {
      boardId: board!.id,
      constituency: "young-people",
      label: "A school",
      count: 1,
      createdBy: officer.id,
    }),
  );
});

async function fitsPhone(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

describe.skipIf(!hasChromium)(`participation pages in Chromium on ${backendName}`, () => {
  test("the participation pages pass axe and fit a phone", async () => {
    const context = await demo.browser.newContext({
      viewport: { width: 375, height: 800 },
      isMobile: true,
    });
    const page = await context.newPage();
    const consultations = await demo.database.query<{ id: number; kind: string }>(
      "select id, kind from consultations order by id",
    );
    const paths = [
      "/participation",
      "/participation/register",
      ...consultations.map((c) => `/participation/consultations/${c.id}`),
      ...consultations
        .filter((c) => c.kind !== "ranked")
        .map((c) => `/participation/consultations/${c.id}/results`),
      `/participation/consultations/${consultations[0]!.id}/receipt`,
    ];
    for (const path of paths) {
      const response = await page.goto(`${demo.base}${path}`);
      expect(response?.status(), path).toBe(200);
      expect(await accessibilityViolations(page), `axe on ${path}`).toEqual([]);
      expect(await fitsPhone(page), `width of ${path}`).toBeLessThanOrEqual(1);
    }
    // The weight sets the priority budgets made weigh the scorecard and the opportunities.
    for (const [path, text] of [
      ["/scorecard?weights=scorecard-goals", /scorecard-goals, version 1/],
      [
        "/profile/X08000002/opportunities?weights=opportunity-priorities",
        /opportunity-priorities, version 1/,
      ],
    ] as const) {
      const response = await page.goto(`${demo.base}${path}`);
      expect(response?.status(), path).toBe(200);
      await expect(page.locator("main").textContent()).resolves.toMatch(text);
      expect(await accessibilityViolations(page), `axe on ${path}`).toEqual([]);
    }
    // An officer sees the moderation forms for comments and proposals.
    await page.goto(
      `${demo.base}/sign-in?next=/participation/consultations/${consultations.at(-1)!.id}`,
    );
    await page.fill("#email", "officer@example.org");
    await page.fill("#password", officerPassword);
    await page.click("button:has-text('Sign in')");
    await page.waitForURL(/\/participation\/consultations\/\d+$/);
    expect(await page.locator("form[action*='/hide']").count()).toBe(3);
    expect(await page.locator("button:has-text('Accept')").count()).toBe(1);
    expect(await accessibilityViolations(page), "axe on the officer's view").toEqual([]);
    expect(await fitsPhone(page)).toBeLessThanOrEqual(1);
    await page.goto(`${demo.base}/participation/consultations/new`);
    expect(await accessibilityViolations(page), "axe on the new consultation form").toEqual([]);
    expect(await fitsPhone(page)).toBeLessThanOrEqual(1);
    await context.close();
  });

  test("a resident with an invitation code registers, votes on a phone without JavaScript, and changes the ballot with the receipt", async () => {
    const context = await demo.browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 375, height: 800 },
      isMobile: true,
    });
    const page = await context.newPage();
    await page.goto(`${demo.base}/participation`);
    await page.click("text=Which sector should the strategy back first?");
    await expect(page.locator("#take-part").textContent()).resolves.toMatch(/register/);
    expect(await fitsPhone(page)).toBeLessThanOrEqual(1);
    const consultationUrl = page.url();

    await page.goto(`${demo.base}/participation/register`);
    await page.fill("#email", "young.voter@example.org");
    await page.fill("#password", "short");
    await page.fill("#code", invitation!);
    await page.click("button:has-text('Register')");
    await expect(page.locator(".govuk-error-summary").textContent()).resolves.toMatch(
      /at least 12 characters/,
    );
    await page.fill("#password", "a long enough password");
    await page.fill("#code", invitation!.toLowerCase().replaceAll("-", " "));
    await page.click("button:has-text('Register')");
    await expect(page.locator("h1").textContent()).resolves.toMatch(/You are registered/);
    await expect(page.locator("main").textContent()).resolves.toMatch(/You can vote now/);

    await page.goto(consultationUrl);
    const selects = page.locator("form#ballot select");
    expect(await selects.count()).toBe(5);
    // Two options share first place; the rest are left unranked.
    await selects.nth(0).selectOption("1");
    await selects.nth(1).selectOption("1");
    await selects.nth(2).selectOption("2");
    await page.screenshot({ path: `${screenshots}/vote-phone.png`, fullPage: true });
    await page.click("button:has-text('Cast my ballot')");
    await expect(page.locator("h1").textContent()).resolves.toMatch(/Ballot cast/);
    const receipt = (await page.locator(".pf-receipt").textContent())!.trim();
    expect(receipt).toMatch(/^[A-Za-z0-9_-]{20,}$/);

    // A second ballot without the receipt is refused; with it, it replaces the first.
    await page.goto(consultationUrl);
    await selects.nth(3).selectOption("1");
    await page.click("button:has-text('Change my ballot')");
    await expect(page.locator(".govuk-error-summary").textContent()).resolves.toMatch(
      /already voted/,
    );
    await selects.nth(3).selectOption("1");
    await page.fill("#receipt", receipt);
    await page.click("button:has-text('Change my ballot')");
    await expect(page.locator("h1").textContent()).resolves.toMatch(/Ballot changed/);

    await page.goto(consultationUrl);
    await page.fill("#body", "Health care jobs are close to where people live.");
    await page.click("button:has-text('Add the comment')");
    await expect(page.locator("#comments + ul").textContent()).resolves.toMatch(
      /Young people[\s\S]*Health care jobs are close/,
    );

    await page.goto(`${consultationUrl}/receipt`);
    await page.fill("#receipt", receipt);
    await page.click("button:has-text('Check')");
    await expect(page.locator("#receipt-found").textContent()).resolves.toMatch(
      /Your ballot is recorded/,
    );
    await page.fill("#receipt", "not-a-receipt");
    await page.click("button:has-text('Check')");
    await expect(page.locator(".govuk-error-summary").textContent()).resolves.toMatch(/No ballot/);
    await context.close();
  });

  test("a published result shows turnout, warnings, the recount command and a verified audit log, on a phone", async () => {
    const context = await demo.browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 375, height: 800 },
      isMobile: true,
    });
    const page = await context.newPage();
    const [closed] = await demo.database.query<{ id: number }>(
      "select id from consultations where kind = 'points' order by id",
    );
    await page.goto(`${demo.base}/participation/consultations/${closed!.id}/results`);
    expect(await fitsPhone(page)).toBeLessThanOrEqual(1);
    await expect(page.locator("main").textContent()).resolves.toMatch(/verified/);
    await expect(page.locator("main").textContent()).resolves.toMatch(/equal voice/);
    await expect(page.locator("#fictional-notice").textContent()).resolves.toMatch(/fictional/);
    expect(await page.locator("table").first().locator("tbody tr").count()).toBe(7);
    await page.screenshot({ path: `${screenshots}/result-phone.png`, fullPage: true });
    const csv = await page.request.get(
      `${demo.base}/participation/consultations/${closed!.id}/ballots.csv`,
    );
    expect((await csv.text()).split("\n")[0]).toBe(
      "count,pay,skillsAccess,deprivedAccess,emissions,growth,foundational,complexityGain",
    );
    const [budget] = await demo.database.query<{ id: number }>(
      "select id from consultations where kind = 'budgeting'",
    );
    await page.goto(`${demo.base}/participation/consultations/${budget!.id}/results`);
    await expect(page.locator("main").textContent()).resolves.toMatch(/greedy method/);
    await context.close();
  });

  test("an officer closes the open consultation from its page and the board's decision form appears", async () => {
    const context = await demo.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const [open] = await demo.database.query<{ id: number }>(
      "select id from consultations where kind = 'ranked'",
    );
    await page.goto(`${demo.base}/sign-in?next=/participation/consultations/${open!.id}`);
    await page.fill("#email", "officer@example.org");
    await page.fill("#password", officerPassword);
    await page.click("button:has-text('Sign in')");
    await page.locator("input[id^=hide-reason-]").last().fill("Off topic");
    await page.locator("button:has-text('Hide')").last().click();
    await expect(page.locator("#comments + ul").textContent()).resolves.toMatch(
      /Hidden by a moderator: Off topic/,
    );
    await page.click("button:has-text('Close and count now')");
    await page.waitForURL(/\/results$/);
    await expect(page.locator("h1").textContent()).resolves.toMatch(/back first/);
    await expect(page.locator("main").textContent()).resolves.toMatch(
      /Schulze method from 91 ballots/,
    );
    expect(await page.locator("form[action$='/decision']").count()).toBe(1);

    // The officer opens a new consultation from the form; a mistake is named first.
    await page.goto(`${demo.base}/participation/consultations/new`);
    await page.fill("#title", "Which evening bus route?");
    await page.fill("#question", "Tick the routes you would use.");
    await page.check("#kind-approval");
    await page.fill("#opensAt", "2026-01-05T09:00");
    await page.fill("#closesAt", "2036-01-05T09:00");
    await page.fill("#options", "Ring road to the estate");
    await page.click("button:has-text('Open the consultation')");
    await expect(page.locator(".govuk-error-summary").textContent()).resolves.toMatch(
      /at least two options/,
    );
    await page.fill("#options", "Ring road to the estate\nTown centre to the college");
    await page.click("button:has-text('Open the consultation')");
    await expect(page.locator("h1").textContent()).resolves.toBe("Which evening bus route?");
    await expect(page.locator("main").textContent()).resolves.toMatch(/open/);
    await context.close();
  });
});
