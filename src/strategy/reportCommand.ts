import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { withDatabase } from "../cli/withDatabase.js";
import { NotFoundError, PlacefirstError } from "../core/errors.js";
import type { Database } from "../store/database.js";
import { launchChromium } from "../web/chromium.js";
import { govukFrontendDist, staticDir } from "../web/paths.js";
import { renderPage } from "../web/render.js";
import { reportFields, reportTemplate } from "./pages.js";
import { strategyReport } from "./report.js";

/** The options of `placefirst strategy report`. */
export interface StrategyReportCommandOptions {
  /** The place's code, such as "E08000021". */
  place: string;
  /** The file to write: `.pdf` prints the page with Chromium, `.html` writes it standalone. */
  out: string;
  /** The strategy version; default the adopted one, else the latest draft. */
  version?: number;
}

const progress = (text: string): void => {
  process.stderr.write(`${text}\n`);
};

/**
 * The stylesheets the report needs, as one block to inline: GOV.UK Frontend's (without its web
 * fonts, which a file cannot load; the text falls back to Arial as GOV.UK pages do) and
 * Placefirst's.
 */
async function inlineStylesheets(): Promise<string> {
  const govuk = await readFile(join(govukFrontendDist, "govuk", "govuk-frontend.min.css"), "utf8");
  const own = await readFile(join(staticDir, "placefirst.css"), "utf8");
  return `${govuk.replace(/@font-face\{[^}]*\}/g, "")}\n${own}`.replace(/<\/style/gi, "<\\/style");
}

/**
 * A place's strategy report as one self-contained HTML page: the same template as
 * `/strategy/CODE/report`, with its styles inlined and no navigation, footer, scripts or links
 * to the service's other pages.
 *
 * @throws NotFoundError for an unknown place, a place without a strategy or an unknown version.
 */
export async function standaloneReportHtml(
  database: Database,
  placeCode: string,
  version?: number,
): Promise<string> {
  const report = await strategyReport(database, placeCode, version);
  return renderPage(reportTemplate, {
    title: `Strategy report: ${report.strategy.title}, ${report.place.name}`,
    path: `/strategy/${placeCode}/report`,
    ...reportFields(report),
    standalone: true,
    inlineCss: await inlineStylesheets(),
  });
}

/**
 * Prints the report page of a running Placefirst app to an A4 PDF with headless Chromium, its
 * print stylesheet applied, tagged (so its text and headings stay readable to assistive
 * technology) and with the section headings as its outline.
 *
 * @param baseUrl the app's address, such as "http://127.0.0.1:41234".
 * @throws NotFoundError when the page answers 404 (an unknown place or no strategy).
 */
export async function printStrategyReport(
  baseUrl: string,
  placeCode: string,
  version?: number,
): Promise<Buffer> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const query = version === undefined ? "" : `?version=${version}`;
    const url = `${baseUrl}/strategy/${encodeURIComponent(placeCode)}/report${query}`;
    const response = await page.goto(url, { waitUntil: "load" });
    if (response === null || !response.ok()) {
      const status = response?.status();
      throw status === 404
        ? new NotFoundError(`There is no strategy report for ${placeCode}.`)
        : new PlacefirstError(`The report page answered ${status ?? "nothing"}.`);
    }
    // Links to the service's other pages would point at this short-lived server: print them
    // as text.
    await page.evaluate(() => {
      document.querySelectorAll("a[href^='/']").forEach((link) => link.removeAttribute("href"));
    });
    return await page.pdf({
      format: "A4",
      printBackground: true,
      tagged: true,
      outline: true,
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate:
        '<div style="font-size: 8px; width: 100%; text-align: center; color: #505a5f"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
    });
  } finally {
    await browser.close();
  }
}

/**
 * `placefirst strategy report`: writes a place's strategy report as a PDF (the report page served
 * in-process on an ephemeral local port and printed by headless Chromium) or a standalone HTML
 * page. Progress goes to standard error.
 */
export async function runStrategyReport(options: StrategyReportCommandOptions): Promise<void> {
  const started = Date.now();
  const pdf = options.out.toLowerCase().endsWith(".pdf");
  await withDatabase("placefirst strategy report", async (database) => {
    progress(`Gathering the strategy report for ${options.place}…`);
    if (!pdf) {
      const html = await standaloneReportHtml(database, options.place, options.version);
      await writeFile(options.out, html);
      return;
    }
    // Fail on an unknown place or missing strategy before starting a server and a browser.
    const { placeStrategy } = await import("./service.js");
    await placeStrategy(database, options.place, options.version);
    const { buildApp } = await import("../api/app.js");
    const app = await buildApp({ database, logger: false });
    try {
      const base = await app.listen({ port: 0, host: "127.0.0.1" });
      progress("Printing it with headless Chromium…");
      const buffer = await printStrategyReport(base, options.place, options.version);
      await writeFile(options.out, buffer);
    } finally {
      await app.close();
    }
  });
  progress(`Wrote ${options.out} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
