import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { createUser } from "../../src/api/auth/users.js";
import { seedDemoFinance } from "../../src/finance/demo.js";
import { demoBoardPlace, seedDemoParticipation } from "../../src/participation/demo.js";
import { seedDemoStrategy } from "../../src/strategy/demo.js";
import { expectPageOk, hasChromium, phonePage, signInAs } from "../helpers/browser.js";
import { demoApp, screenshots } from "../helpers/demoApp.js";
import { backendName } from "../helpers/testDatabase.js";

const password = "a long password for the strategy page tests";

const demo = demoApp(async (database) => {
  const officer = await createUser(database, {
    email: "strategy-officer@example.org",
    role: "officer",
    password,
  });
  await seedDemoParticipation(database, { officerUserId: officer.id });
  await seedDemoFinance(database);
  await seedDemoStrategy(database);
});

const submitInPlace = async (page: Page, button: string): Promise<number | undefined> => {
  const [response] = await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST"),
    page.locator(button).first().click(),
  ]);
  await page.waitForLoadState("load");
  return response.status();
};

describe.skipIf(!hasChromium)(`the strategy pages in Chromium on ${backendName}`, () => {
  test("a resident reads the demo strategy, its monitoring and its actions on a phone", async () => {
    const { context, page } = await phonePage(demo.browser);
    await expectPageOk(page, `${demo.base}/strategy`);
    await page.click(`a[href="/strategy/${demoBoardPlace}"]`);
    await page.waitForLoadState("load");
    await expectPageOk(page, page.url());
    const main = (await page.locator("main").textContent()) ?? "";
    expect(main).toMatch(/Adopted by the local strategy board/);
    expect(await page.locator("#fictional-notice").count()).toBe(1);
    // Every objective has a status tag, and the counts add up to the objectives.
    const table = page.locator('[aria-label="Objectives and their status"] table');
    const objectives = await table.locator("tbody tr").count();
    expect(objectives).toBeGreaterThanOrEqual(5);
    expect(await table.locator("tbody .govuk-tag").count()).toBe(objectives);
    // The contract the buyers committed to let in lots.
    expect(
      await page.locator('[aria-label="Contracts to be let in lots"] tbody tr').textContent(),
    ).toMatch(/Building services for the council's estate/);
    expect(main).toMatch(/jobs promised/);
    // The sectors it backs: the best-ranked opportunities.
    expect(main).toMatch(/The strategy backs these industries/);
    await page.screenshot({ path: `${screenshots}/strategy-phone.png`, fullPage: true });
    await expectPageOk(page, `${demo.base}/strategy/${demoBoardPlace}/monitoring`);
    expect(await page.locator("figure svg[role=img]").count()).toBe(objectives);
    await expectPageOk(page, `${demo.base}/strategy/${demoBoardPlace}/actions`);
    expect(await page.locator("form").count()).toBe(0);
    await context.close();
  });

  test("an officer records progress on an action on a phone without JavaScript", async () => {
    const { context, page } = await phonePage(demo.browser, false);
    await signInAs(
      page,
      demo.base,
      { email: "strategy-officer@example.org", password },
      `/strategy/${demoBoardPlace}/actions`,
    );
    const card = page.locator(".govuk-summary-card", { hasText: "Real living wage" });
    await card.locator("select").selectOption("in-progress");
    await card.locator("input[name=note]").fill("Two contracts so far include it.");
    expect(
      await submitInPlace(page, ".govuk-summary-card:has-text('Real living wage') button"),
    ).toBe(303);
    const updated = page.locator(".govuk-summary-card", { hasText: "Real living wage" });
    expect(await updated.textContent()).toMatch(/in progress: Two contracts so far include it\./);
    // No note: the error is summarised and nothing is recorded.
    expect(
      await submitInPlace(page, ".govuk-summary-card:has-text('Real living wage') button"),
    ).toBe(400);
    expect(await page.locator(".govuk-error-summary").textContent()).toMatch(
      /say what has happened/,
    );
    await context.close();
  });
});
