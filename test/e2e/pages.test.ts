import { describe, expect, test } from "vitest";
import { createUser } from "../../src/api/auth/users.js";
import { listPlaces } from "../../src/data/service.js";
import { accessibilityViolations, hasChromium } from "../helpers/browser.js";
import { demoApp, screenshots } from "../helpers/demoApp.js";
import { backendName } from "../helpers/testDatabase.js";

const adminPassword = "a long admin password for tests";

if (!hasChromium) {
  console.warn("Skipping browser tests: Chromium is not installed (apt-get install chromium).");
}

let district: string;
let region: string;
let neighbourhood: string;

const demo = demoApp(async (database) => {
  await createUser(database, {
    email: "admin@example.org",
    role: "admin",
    password: adminPassword,
  });
  const places = await listPlaces(database);
  region = places.find((place) => place.kind === "region")!.code;
  district = places.find((place) => place.kind === "district")!.code;
  neighbourhood = places.find((place) => place.kind === "neighbourhood")!.code;
});

describe.skipIf(!hasChromium)(`pages in Chromium on ${backendName}`, () => {
  const pages = (): { name: string; path: string; heading: RegExp }[] => [
    { name: "home", path: "/", heading: /Placefirst/ },
    { name: "places", path: "/places", heading: /Places/ },
    { name: "region", path: `/places/${region}`, heading: /.+/ },
    { name: "district", path: `/places/${district}`, heading: /.+/ },
    { name: "neighbourhood", path: `/places/${neighbourhood}`, heading: /.+/ },
    { name: "data", path: "/data", heading: /Data and sources/ },
    { name: "sign-in", path: "/sign-in", heading: /Sign in/ },
    { name: "scorecard", path: "/scorecard", heading: /People and places first/ },
    { name: "scorecard-place", path: `/scorecard/${district}`, heading: /scorecard/ },
    { name: "profile", path: "/profile", heading: /Profile/ },
    { name: "frameworks", path: "/scorecard/frameworks", heading: /Scorecard frameworks/ },
    { name: "profile-place", path: `/profile/${district}`, heading: /profile/ },
    { name: "opportunities", path: `/profile/${district}/opportunities`, heading: /could grow/ },
    { name: "strategy", path: "/strategy", heading: /Strategy/ },
    { name: "not-found", path: "/no-such-page", heading: /Page not found/ },
  ];

  test("every page renders, passes axe, and says the demo is fictional", async () => {
    const context = await demo.browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    for (const { name, path, heading } of pages()) {
      const response = await page.goto(`${demo.base}${path}`);
      expect(response?.status(), path).toBe(name === "not-found" ? 404 : 200);
      await expect(page.locator("h1").first().textContent()).resolves.toMatch(heading);
      expect(await accessibilityViolations(page), `axe on ${path}`).toEqual([]);
      if (
        [
          "home",
          "region",
          "district",
          "neighbourhood",
          "places",
          "scorecard",
          "scorecard-place",
        ].includes(name)
      ) {
        await expect(page.locator("#fictional-notice").textContent()).resolves.toMatch(
          /fictional demo region/,
        );
      }
      await page.screenshot({ path: `${screenshots}/${name}.png`, fullPage: name !== "district" });
    }
    await context.close();
  });

  test("a district page shows a chart and a table for each indicator, and employment by industry", async () => {
    const context = await demo.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${demo.base}/places/${district}`);
    const panels = page.locator("section.pf-indicator");
    expect(await panels.count()).toBeGreaterThanOrEqual(15);
    const first = panels.first();
    expect(await first.locator("svg[role=img]").count()).toBe(1);
    expect(await first.locator("table tbody tr").count()).toBe(10);
    expect(await page.locator("#employment ~ .pf-chart svg").count()).toBe(1);
    expect(await page.locator("details table tbody tr").count()).toBeGreaterThanOrEqual(80);
    const csv = await page.request.get(`${demo.base}/places/${district}/employment.csv`);
    expect(csv.headers()["content-type"]).toMatch(/text\/csv/);
    expect((await csv.text()).split("\n")[0]).toBe(
      "place,industry,industry_name,period,employment,foundational",
    );
    await context.close();
  });

  test("a region page sums its districts' employment and says so", async () => {
    const context = await demo.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${demo.base}/places/${region}`);
    await expect(page.locator("#employment ~ p").first().textContent()).resolves.toMatch(
      /The sum of the 14 places within/,
    );
    expect(await page.locator("#employment ~ .pf-chart svg").count()).toBe(1);
    await context.close();
  });

  test("the home page's hex map links every district, and the list gives the same links", async () => {
    const context = await demo.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(demo.base);
    const districts = (await listPlaces(demo.database, { kind: "district" })).map(
      (place) => `/places/${place.code}`,
    );
    const mapLinks = await page
      .locator(".pf-map svg a")
      .evaluateAll((links) => links.map((link) => link.getAttribute("href")));
    expect(mapLinks.sort()).toEqual([...districts].sort());
    const listLinks = await page
      .locator("#place-list + .pf-table-scroll a")
      .evaluateAll((links) => links.map((link) => link.getAttribute("href")));
    expect(listLinks).toEqual(expect.arrayContaining(districts));
    await context.close();
  });

  test("signing in and out works without JavaScript, and a wrong password is refused", async () => {
    const context = await demo.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${demo.base}/sign-in`);
    await page.fill("#email", "admin@example.org");
    await page.fill("#password", "not the password");
    await page.click("button:has-text('Sign in')");
    await expect(page.locator(".govuk-error-summary").textContent()).resolves.toMatch(/not right/);
    await page.fill("#password", adminPassword);
    await page.click("button:has-text('Sign in')");
    await expect(page.locator(".govuk-service-navigation").textContent()).resolves.toMatch(
      /admin@example.org/,
    );
    await page.goto(`${demo.base}/admin/users`);
    await expect(page.locator("h1").textContent()).resolves.toBe("Users");
    await page.click("button:has-text('Sign out')");
    await expect(page.locator(".govuk-service-navigation").textContent()).resolves.toMatch(
      /Sign in/,
    );
    const response = await page.goto(`${demo.base}/admin/users`);
    expect(response?.url()).toMatch(/\/sign-in\?next=%2Fadmin%2Fusers$/);
    await context.close();
  });

  test("an officer edits a framework in the browser: a mistake is named, a good one is saved", async () => {
    const context = await demo.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${demo.base}/sign-in?next=/scorecard/frameworks/edit`);
    await page.fill("#email", "admin@example.org");
    await page.fill("#password", adminPassword);
    await page.click("button:has-text('Sign in')");
    await expect(page.locator("h1").textContent()).resolves.toBe("Add a framework");
    await page.fill("#id", "two-goals");
    await page.fill(
      "#definition",
      '{ "name": "Two goals", "places": { "kind": "district" }, "goals": [ { "id": "pay", "indicators": [ { "id": "median_weekly_pay" } ] }, { "id": "planet", "indicators": [ { "id": "co2_per_head", "weight": -2 } ] } ] }',
    );
    await page.click("button:has-text('Save the framework')");
    await expect(page.locator(".govuk-error-summary").textContent()).resolves.toMatch(
      /a weight cannot be negative/,
    );
    await page.fill(
      "#definition",
      "name: Two goals\nplaces: { kind: district }\ngoals:\n  - id: pay\n    indicators: [{ id: median_weekly_pay }]\n  - id: planet\n    indicators: [{ id: co2_per_head }]\n",
    );
    await page.click("button:has-text('Save the framework')");
    await expect(page.locator("h1").textContent()).resolves.toBe("Two goals");
    await page.waitForLoadState();
    expect(await page.locator("table tbody tr").count()).toBeGreaterThanOrEqual(14);
    await context.close();
  });

  test("the place page fits a phone screen without sideways scrolling", async () => {
    const context = await demo.browser.newContext({
      viewport: { width: 375, height: 800 },
      isMobile: true,
    });
    const page = await context.newPage();
    await page.goto(`${demo.base}/places/${district}`);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: `${screenshots}/district-phone.png` });
    await context.close();
  });
});
