import { mkdirSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { buildApp } from "../../src/api/app.js";
import { loadDemo } from "../../src/data/loadDemo.js";
import { generateDemo } from "../../src/demo/index.js";
import type { Database } from "../../src/store/database.js";
import { hasChromium, launchChromium } from "./browser.js";
import { testDatabase } from "./testDatabase.js";

/** Where browser tests save their screenshots, to look at after a run. */
export const screenshots = "test-results/screenshots";

/** The seed of the demo region the browser tests run on. */
const demoSeed = 20261128;

/** What a browser test file runs on: the demo's database, the app serving it, and Chromium. */
export interface DemoApp {
  database: Database;
  app: FastifyInstance;
  browser: Browser;
  /** The app's address, such as http://127.0.0.1:40123. */
  base: string;
}

/**
 * Sets up a browser test file on the fictional demo region: before its tests, a fresh database
 * (embedded, or on the server named by DATABASE_URL) with the demo loaded and `seed` run on it,
 * the app listening on a free port, and Chromium; after them, all of it closed. The returned
 * holder is filled in before the tests run. Where Chromium is missing nothing is set up, as the
 * tests skip.
 */
export function demoApp(seed: (database: Database) => Promise<void> = async () => {}): DemoApp {
  const demo = {} as DemoApp;
  beforeAll(async () => {
    if (!hasChromium) return;
    const database = await testDatabase();
    await loadDemo(database, generateDemo(demoSeed), demoSeed);
    await seed(database);
    const app = await buildApp({ database });
    const base = await app.listen({ port: 0, host: "127.0.0.1" });
    const browser = await launchChromium();
    mkdirSync(screenshots, { recursive: true });
    Object.assign(demo, { database, app, browser, base });
  });
  afterAll(async () => {
    await demo.browser?.close();
    await demo.app?.close();
    await demo.database?.close();
  });
  return demo;
}
