import { describe, expect, test } from "vitest";
import { createUser } from "../../src/api/auth/users.js";
import { demoBoardPlace, seedDemoParticipation } from "../../src/participation/demo.js";
import { seedDemoSkills } from "../../src/skills/demo.js";
import { expectPageOk, hasChromium, phonePage } from "../helpers/browser.js";
import { demoApp, screenshots } from "../helpers/demoApp.js";
import { backendName } from "../helpers/testDatabase.js";

const demo = demoApp(async (database) => {
  const officer = await createUser(database, {
    email: "skills-officer@example.org",
    role: "officer",
    password: "a long password for the skills page tests",
  });
  await seedDemoParticipation(database, { officerUserId: officer.id });
  await seedDemoSkills(database);
});

describe.skipIf(!hasChromium)(`the skills pages in Chromium on ${backendName}`, () => {
  test("a resident reads a place's skills gap on a phone: levels, investments ranked by the consultation, where the supply comes from, downloads", async () => {
    const { context, page } = await phonePage(demo.browser);
    await expectPageOk(page, `${demo.base}/skills`);
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
    // Where the supply comes from: the demo's supply is projected from completions by subject,
    // with residents of 16 to 24 at entry level, a retention and an in-commuting share.
    const supply = page.locator("h2#supply");
    expect(await supply.textContent()).toBe("Where the supply comes from");
    expect(main).toMatch(/fill \d+% of the openings at each level \(the in-commuting share\)/);
    expect(main).toMatch(/already counted in the demand, as the jobs of leavers to be replaced/);
    const bySource = page.locator(
      'table:has(caption:text("Supply over 5 years, by qualification level"))',
    );
    expect(await bySource.locator("tbody tr").count()).toBe(5);
    expect(await bySource.locator("tbody tr").first().textContent()).toContain(
      "residents aged 16-24",
    );
    const bySubject = page.locator('table:has(caption:text("by subject and level"))');
    expect(await bySubject.locator("tbody tr").count()).toBeGreaterThan(20);
    expect(await bySubject.textContent()).toContain("Engineering and manufacturing");
    await page.screenshot({ path: `${screenshots}/skills-place-phone.png`, fullPage: true });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click("text=Download by level (CSV)"),
    ]);
    expect(download.suggestedFilename()).toBe(`${demoBoardPlace}-skills-level.csv`);
    const [subjects] = await Promise.all([
      page.waitForEvent("download"),
      page.click("text=Download the completions by subject (CSV)"),
    ]);
    expect(subjects.suggestedFilename()).toBe(`${demoBoardPlace}-skills-supply-subject.csv`);
    await context.close();
  });

  test("the level table's CSV matches the API's figures", async () => {
    const csv = await (await fetch(`${demo.base}/skills/${demoBoardPlace}/level.csv`)).text();
    const api = (await (
      await fetch(
        `${demo.base}/api/v1/skills/places/${demoBoardPlace}/gap?replications=1000&seed=1`,
      )
    ).json()) as {
      report: {
        byLevel: { level: string; gap: number; range: number[] }[];
        supply: { source: string; byLevel: { level: string; supply: number }[] };
      };
    };
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe("level,expansion,replacement,demand,supply,inCommuting,gap,low,high");
    expect(lines).toHaveLength(6);
    for (const [index, row] of api.report.byLevel.entries()) {
      const fields = lines[index + 1]!.split(",");
      expect(fields[0]).toBe(row.level);
      expect(Number(fields[6])).toBe(row.gap);
      expect([Number(fields[7]), Number(fields[8])]).toEqual(row.range);
    }
    expect(api.report.supply.source).toBe("projected");
    const supply = (await (await fetch(`${demo.base}/skills/${demoBoardPlace}/supply.csv`)).text())
      .trim()
      .split("\n");
    expect(supply[0]).toBe(
      "level,source,completions,residents,entrants,retention,residentSupply,inCommuting,supply",
    );
    for (const [index, row] of api.report.supply.byLevel.entries()) {
      const fields = supply[index + 1]!.split(",");
      expect([fields[0], Number(fields[8])]).toEqual([row.level, row.supply]);
    }
    const missing = await fetch(`${demo.base}/skills/NOWHERE`);
    expect(missing.status).toBe(404);
  });
});
