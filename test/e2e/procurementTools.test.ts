import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { createUser } from "../../src/api/auth/users.js";
import { seedDemoProcurement } from "../../src/procurement/seedDemo.js";
import {
  accessibilityViolations,
  expectPageOk,
  hasChromium,
  phonePage,
  signInAs,
} from "../helpers/browser.js";
import { demoApp, screenshots } from "../helpers/demoApp.js";
import { backendName } from "../helpers/testDatabase.js";

const password = "a long password for the procurement tool tests";

/** The register entry linked to the supplier's account. */
let supplierId: string;

const demo = demoApp(async (database) => {
  await seedDemoProcurement(database);
  await createUser(database, { email: "buyer@example.org", role: "officer", password });
  const firm = await createUser(database, {
    email: "firm@example.org",
    role: "supplier",
    password,
  });
  // A firm that has not asked to share training, so that posting it adds a need.
  const [entry] = await database.query<{ id: string }>(
    `select id from procurement_suppliers
     where id not in (select supplier_id from procurement_shared_needs where need = 'training')
     order by id limit 1`,
  );
  supplierId = entry!.id;
  await database.query("update procurement_suppliers set user_id = $1 where id = $2", [
    firm.id,
    supplierId,
  ]);
});

const phone = (javaScriptEnabled = true) => phonePage(demo.browser, javaScriptEnabled);
const signIn = (page: Page, email: string, next: string) =>
  signInAs(page, demo.base, { email, password }, next);

/** Clicks a button that posts a form back to the same address, and waits for the new page. */
async function submitInPlace(page: Page, button: string): Promise<number | undefined> {
  const [response] = await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST"),
    page.click(button),
  ]);
  await page.waitForLoadState("load");
  return response.status();
}

const fitsWidth = async (page: Page): Promise<number> =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe.skipIf(!hasChromium)(
  `the lot planner and shared services in Chromium on ${backendName}`,
  () => {
    test("the lot planner and its plan pass axe on a phone, and its errors are summarised", async () => {
      const { context, page } = await phone();
      await signIn(page, "buyer@example.org", "/procurement/lots");
      await expectPageOk(page, `${demo.base}/procurement/lots`);
      expect(await submitInPlace(page, "button:has-text('Plan the lots')")).toBe(200);
      expect(await page.locator("#before-after").count()).toBe(1);
      expect(await accessibilityViolations(page), "axe on the plan").toEqual([]);
      expect(await fitsWidth(page)).toBeLessThanOrEqual(1);
      await page.fill("#items", "Cleaning; 90910000; 40000\nPainting 45442100 30000");
      expect(await submitInPlace(page, "button:has-text('Plan the lots')")).toBe(400);
      expect(await page.locator(".govuk-error-summary").textContent()).toContain("Line 2");
      expect(await accessibilityViolations(page), "axe on the errors").toEqual([]);
      await context.close();
    });

    test("an officer plans the lots of a contract on a phone without JavaScript and sees before and after", async () => {
      const { context, page } = await phone(false);
      await signIn(page, "buyer@example.org", "/procurement/lots");
      expect(await page.inputValue("#items")).toContain("Grounds maintenance; 77310000; 120000");
      await page.fill(
        "#items",
        [
          "Building cleaning; 90910000; 240000",
          "Electrical installation work; 45310000; 150000",
          "Plumbing and heating repairs; 45330000; 90000",
          "Security services; 79710000; 110000",
          "Building surveying; 71300000; 35000",
        ].join("\n"),
      );
      await page.fill("#maxLots", "4");
      await page.fill("#minLotValue", "20000");
      expect(await submitInPlace(page, "button:has-text('Plan the lots')")).toBe(200);
      const before = page.locator("#before-after tbody tr").nth(0);
      const after = page.locator("#before-after tbody tr").nth(1);
      expect(await before.textContent()).toContain("Before: as one lot");
      expect(await after.textContent()).toContain("After: in lots as planned");
      const lots = await page.locator(".govuk-summary-card").count();
      expect(lots).toBeGreaterThanOrEqual(2);
      expect(lots).toBeLessThanOrEqual(4);
      expect(await page.locator("main").textContent()).toMatch(/SMEs that could take it on/);
      expect(await page.inputValue("#maxLots")).toBe("4");
      expect(await fitsWidth(page)).toBeLessThanOrEqual(1);
      await page.screenshot({ path: `${screenshots}/procurement-lots-phone.png`, fullPage: true });
      await context.close();
    });

    test("the shared-services pages pass axe for a supplier and for an officer", async () => {
      const supplier = await phone();
      await signIn(supplier.page, "firm@example.org", "/procurement/shared");
      await expectPageOk(supplier.page, `${demo.base}/procurement/shared`);
      await supplier.context.close();
      const officer = await phone();
      await signIn(officer.page, "buyer@example.org", "/procurement/shared");
      await expectPageOk(officer.page, `${demo.base}/procurement/shared`);
      expect(await officer.page.locator(".pf-shared-group").count()).toBeGreaterThanOrEqual(5);
      await officer.page.screenshot({
        path: `${screenshots}/procurement-shared-officer-phone.png`,
        fullPage: true,
      });
      await officer.context.close();
    });

    test("a linked supplier posts a need on a phone without JavaScript, then withdraws it", async () => {
      const { context, page } = await phone(false);
      await signIn(page, "firm@example.org", "/procurement/shared");
      await page.check("input[name=need][value=training]");
      await page.fill("#note", "Could share a trainer for forklift tickets");
      await page.click("button:has-text('Post the need')");
      await page.waitForURL(/done=posted&need=training/);
      expect(await page.locator(".govuk-notification-banner").textContent()).toContain(
        "Your need for Training is posted",
      );
      expect(await page.locator("#posts + dl").textContent()).toContain(
        "Could share a trainer for forklift tickets",
      );
      const [stored] = await demo.database.query<{ note: string }>(
        "select note from procurement_shared_needs where supplier_id = $1 and need = 'training'",
        [supplierId],
      );
      expect(stored?.note).toBe("Could share a trainer for forklift tickets");
      expect(await fitsWidth(page)).toBeLessThanOrEqual(1);
      await page.screenshot({
        path: `${screenshots}/procurement-shared-phone.png`,
        fullPage: true,
      });
      await page.getByRole("button", { name: "Withdraw your need for Training" }).click();
      await page.waitForURL(/done=withdrawn&need=training/);
      expect(
        await demo.database.query(
          "select 1 from procurement_shared_needs where supplier_id = $1 and need = 'training'",
          [supplierId],
        ),
      ).toHaveLength(0);
      await context.close();
    });
  },
);
