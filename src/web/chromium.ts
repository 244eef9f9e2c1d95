import { existsSync } from "node:fs";
import type { Browser, BrowserType } from "playwright-core";
import { PlacefirstError } from "../core/errors.js";

/**
 * The Chromium that prints reports and runs the browser tests: `CHROMIUM_PATH`, else Debian's
 * (`apt-get install chromium`). Playwright's own browser downloads are never used.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Launches headless Chromium (Playwright gives it a fresh, empty profile) without the background
 * networking that a closed network refuses. playwright-core is loaded only here, when needed.
 *
 * @throws PlacefirstError naming what to install when Chromium or playwright-core is missing.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new PlacefirstError(
      `Chromium is needed to print a PDF and there is none at ${chromiumPath}: install it (on Debian or Ubuntu, apt-get install chromium) or set CHROMIUM_PATH to its executable.`,
    );
  }
  let chromium: BrowserType;
  try {
    ({ chromium } = await import("playwright-core"));
  } catch {
    throw new PlacefirstError(
      "playwright-core is needed to print a PDF: install it with npm install playwright-core.",
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
