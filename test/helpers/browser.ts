import { expect } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { chromiumPath } from "../../src/web/chromium.js";

export { chromiumPath, launchChromium } from "../../src/web/chromium.js";

/** True when Chromium is installed; browser tests skip with a message otherwise. */
export const hasChromium = existsSync(chromiumPath);

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

/**
 * Runs axe-core on the page (which needs JavaScript enabled) and returns the violations, each
 * described for a failure message: impact, rule and the first elements at fault.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const result = await (
      window as unknown as {
        axe: {
          run: (context: Document) => Promise<{
            violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe.run(document);
    return result.violations.map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(" "))
          .join(", ")}`,
    );
  });
}

/**
 * Opens a page and expects it to answer 200, pass axe and fit its viewport's width (no sideways
 * scrolling on a phone).
 */
export async function expectPageOk(page: Page, url: string): Promise<void> {
  const response = await page.goto(url);
  expect(response?.status(), url).toBe(200);
  expect(await accessibilityViolations(page), `axe on ${url}`).toEqual([]);
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    `width of ${url}`,
  ).toBeLessThanOrEqual(1);
}

/**
 * A phone-sized page (375 x 800) in a new context. axe runs as a script in the page, so pages it
 * checks need JavaScript; forms are used with it off to show they work without it.
 */
export async function phonePage(
  browser: Browser,
  javaScriptEnabled = true,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    javaScriptEnabled,
    viewport: { width: 375, height: 800 },
    isMobile: true,
  });
  return { context, page: await context.newPage() };
}

/** Signs in through the sign-in form of the app at `base` and waits to land on `next`. */
export async function signInAs(
  page: Page,
  base: string,
  credentials: { email: string; password: string },
  next: string,
): Promise<void> {
  await page.goto(`${base}/sign-in?next=${encodeURIComponent(next)}`);
  await page.fill("#email", credentials.email);
  await page.fill("#password", credentials.password);
  await page.click("button:has-text('Sign in')");
  await page.waitForURL((url) => url.pathname === next.split("?")[0]);
}
