import { mkdirSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildApp } from "../../src/api/app.js";
import { createUser } from "../../src/api/auth/users.js";
import { loadDemo } from "../../src/data/loadDemo.js";
import { generateDemo } from "../../src/demo/index.js";
import { seedDemoProcurement } from "../../src/procurement/seedDemo.js";
import type { Database } from "../../src/store/database.js";
import { expectPageOk, hasChromium, launchChromium } from "../helpers/browser.js";
import { backendName, testDatabase } from "../helpers/testDatabase.js";

const screenshots = "test-results/screenshots";
const password = "a long password for the procurement tests";

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base: string;

beforeAll(async () => {
  if (!hasChromium) return;
  database = await testDatabase();
  await loadDemo(database, generateDemo(20261128), 20261128);
  await createUser(database, { email: "buyer@example.org", role: "officer", password });
  await seedDemoProcurement(database);
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

const checkPage = (page: Page, path: string): Promise<void> => expectPageOk(page, `${base}${path}`);

describe.skipIf(!hasChromium)(`procurement pages in Chromium on ${backendName}`, () => {
  test("anyone finds open tenders by place and sees where the money goes; an officer sees the SMEs that could bid", async () => {
    const context = await browser.newContext({
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
    const [tender] = await database.query<{ ocid: string }>(
      "select ocid from procurement_processes where tender_end > now() order by tender_end limit 1",
    );
    const path = `/procurement/tenders/${encodeURIComponent(tender!.ocid)}`;
    await checkPage(page, path);
    expect(await page.locator("#matches").count()).toBe(0);
    await page.goto(`${base}/sign-in?next=${encodeURIComponent(path)}`);
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
