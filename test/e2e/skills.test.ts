import { mkdirSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildApp } from "../../src/api/app.js";
import { loadDemo } from "../../src/data/loadDemo.js";
import { generateDemo } from "../../src/demo/index.js";
import { demoBoardPlace, seedDemoParticipation } from "../../src/participation/demo.js";
import { seedDemoSkills } from "../../src/skills/demo.js";
import type { Database } from "../../src/store/database.js";
import { createUser } from "../../src/api/auth/users.js";
import { expectPageOk, hasChromium, launchChromium, phonePage } from "../helpers/browser.js";
import { backendName, testDatabase } from "../helpers/testDatabase.js";

const screenshots = "test-results/screenshots";

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base: string;

beforeAll(async () => {
  if (!hasChromium) return;
  database = await testDatabase();
  await loadDemo(database, generateDemo(20261128), 20261128);
  const officer = await createUser(database, {
    email: "skills-officer@example.org",
    role: "officer",
    password: "a long password for the skills page tests",
  });
  await seedDemoParticipation(database, { officerUserId: officer.id });
  await seedDemoSkills(database);
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

describe.skipIf(!hasChromium)(`the skills pages in Chromium on ${backendName}`, () => {
  test("a resident reads a place's skills gap on a phone: levels, investments ranked by the consultation, downloads", async () => {
    const { context, page } = await phonePage(browser);
    await expectPageOk(page, `${base}/skills`);
    await page.click(`a[href="/skills/${demoBoardPlace}"]`);
    await page.waitForLoadState("load");
    await expectPageOk(page, page.url());
    const main = (await page.locator("main").textContent()) ?? "";
    expect(await page.locator("#fictional-notice").count()).toBe(1);
    expect(main).toMatch(/Openings at level 2 or below: \d+%; at level 3: \d+%/);
    expect(await page.locator("table").first().locator("tbody tr").count()).toBe(5);
    expect(await page.locator("svg[role=img]").count()).toBe(1);
    // The ranking names the consultation whose weights it uses, and links to it.
    const consultation = page.locator('a[href^="/participation/consultations/"]');
    expect(await consultation.textContent()).toBe("Which skills gaps should we close first?");
    expect(await page.locator("ol.govuk-list--number li").count()).toBeGreaterThan(3);
    await page.screenshot({ path: `${screenshots}/skills-place-phone.png`, fullPage: true });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click("text=Download by level (CSV)"),
    ]);
    expect(download.suggestedFilename()).toBe(`${demoBoardPlace}-skills-level.csv`);
    await context.close();
  });

  test("the level table's CSV matches the API's figures", async () => {
    const csv = await (await fetch(`${base}/skills/${demoBoardPlace}/level.csv`)).text();
    const api = (await (
      await fetch(`${base}/api/v1/skills/places/${demoBoardPlace}/gap?replications=1000&seed=1`)
    ).json()) as { report: { byLevel: { level: string; gap: number; range: number[] }[] } };
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe("level,expansion,replacement,demand,supply,gap,low,high");
    expect(lines).toHaveLength(6);
    for (const [index, row] of api.report.byLevel.entries()) {
      const fields = lines[index + 1]!.split(",");
      expect(fields[0]).toBe(row.level);
      expect(Number(fields[5])).toBe(row.gap);
      expect([Number(fields[6]), Number(fields[7])]).toEqual(row.range);
    }
    const missing = await fetch(`${base}/skills/NOWHERE`);
    expect(missing.status).toBe(404);
  });
});
