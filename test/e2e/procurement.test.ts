import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { createUser } from "../../src/api/auth/users.js";
import { seedDemoProcurement } from "../../src/procurement/seedDemo.js";
import { expectPageOk, hasChromium } from "../helpers/browser.js";
import { demoApp, screenshots } from "../helpers/demoApp.js";
import { backendName } from "../helpers/testDatabase.js";

const password = "a long password for the procurement tests";

const demo = demoApp(async (database) => {
  await createUser(database, { email: "buyer@example.org", role: "officer", password });
  await seedDemoProcurement(database);
});

const checkPage = (page: Page, path: string): Promise<void> =>
  expectPageOk(page, `${demo.base}${path}`);

describe.skipIf(!hasChromium)(`procurement pages in Chromium on ${backendName}`, () => {
  test("anyone finds open tenders by place and sees where the money goes; an officer sees the SMEs that could bid", async () => {
    const context = await demo.browser.newContext({
      viewport: { width: 375, height: 800 },
      isMobile: true,
    });
    const page = await context.newPage();
    await checkPage(page, "/procurement");
    const all = await page.locator("tbody tr").count();
    expect(all).toBeGreaterThanOrEqual(15);
    await page.selectOption("#place", "X08000001");
    await page.click("button:has-text('Show tenders')");
    await page.waitForURL(/place=X08000001/);
    const some = await page.locator("tbody tr").count();
    expect(some).toBeLessThan(all);
    await checkPage(page, "/procurement/spend?place=X08000002");
    await expect(page.locator("main").textContent()).resolves.toMatch(/To SMEs/);
    await page.screenshot({ path: `${screenshots}/procurement-spend-phone.png`, fullPage: true });
    const [tender] = await demo.database.query<{ ocid: string }>(
      "select ocid from procurement_processes where tender_end > now() order by tender_end limit 1",
    );
    const path = `/procurement/tenders/${encodeURIComponent(tender!.ocid)}`;
    await checkPage(page, path);
    expect(await page.locator("#matches").count()).toBe(0);
    await page.goto(`${demo.base}/sign-in?next=${encodeURIComponent(path)}`);
    await page.fill("#email", "buyer@example.org");
    await page.fill("#password", password);
    await page.click("button:has-text('Sign in')");
    await page.waitForURL((url) => url.pathname === path);
    await checkPage(page, path);
    expect(await page.locator("#matches").count()).toBe(1);
    await page.screenshot({ path: `${screenshots}/procurement-tender-phone.png`, fullPage: true });
    await context.close();
  });
});
