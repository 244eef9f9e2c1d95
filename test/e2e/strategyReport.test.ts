import { describe, expect, test } from "vitest";
import { seedDemoFinance } from "../../src/finance/demo.js";
import { demoBoardPlace, seedDemoParticipation } from "../../src/participation/demo.js";
import { seedDemoProcurement } from "../../src/procurement/seedDemo.js";
import { seedFramework } from "../../src/scorecard/frameworkStore.js";
import { shippedFrameworks } from "../../src/scorecard/shippedFrameworks.js";
import { seedDemoSkills } from "../../src/skills/demo.js";
import { seedDemoStrategy } from "../../src/strategy/demo.js";
import { printStrategyReport, standaloneReportHtml } from "../../src/strategy/reportCommand.js";
import { expectPageOk, hasChromium, phonePage } from "../helpers/browser.js";
import { demoApp, screenshots } from "../helpers/demoApp.js";
import { backendName } from "../helpers/testDatabase.js";

/** The report's sections, in order, by their headings. */
const sections = [
  "Summary",
  "How the priorities were set",
  "The scorecard",
  "Strengths and opportunities",
  "The skills plan",
  "The investment portfolio and its fairness",
  "The procurement plan",
  "Objectives and actions",
];

const demo = demoApp(async (database) => {
  await seedFramework(database, "demo", shippedFrameworks.demo!);
  await seedDemoParticipation(database);
  await seedDemoFinance(database);
  await seedDemoProcurement(database);
  await seedDemoSkills(database);
  await seedDemoStrategy(database);
});

describe.skipIf(!hasChromium)(`the strategy report in Chromium on ${backendName}`, () => {
  test("a resident reads the demo strategy's report on a phone: every section filled and sourced", async () => {
    const { context, page } = await phonePage(demo.browser);
    await expectPageOk(page, `${demo.base}/strategy/${demoBoardPlace}`);
    await page.click(`a[href="/strategy/${demoBoardPlace}/report"]`);
    await page.waitForLoadState("load");
    await expectPageOk(page, page.url());
    expect(await page.locator("section.pf-report-section > h2").allTextContents()).toEqual(
      sections,
    );
    for (const section of await page.locator("section.pf-report-section").all()) {
      const heading = await section.locator("h2").textContent();
      // Filled: a table, a chart or a list, and no "nothing here" line.
      expect(await section.locator("table, svg, ul, ol").count(), heading!).toBeGreaterThan(0);
      expect(await section.locator(".pf-missing").count(), heading!).toBe(0);
    }
    const figures = page.locator(".pf-report-figure");
    expect(await figures.count()).toBeGreaterThanOrEqual(sections.length);
    for (const figure of await figures.all()) {
      expect(await figure.locator(".pf-source").textContent()).toMatch(/^Source: .+\./);
    }
    // Every figure of the demo says it is fictional, and the map is there with its list.
    const sources = await page.locator(".pf-source").allTextContents();
    expect(sources.filter((text) => /fictional/.test(text)).length).toBeGreaterThan(
      sources.length / 2,
    );
    expect(await page.locator("#scorecard ~ .pf-report-figure .pf-report-map svg").count()).toBe(1);
    await page.screenshot({ path: `${screenshots}/strategy-report-phone.png`, fullPage: true });
    await context.close();
  });

  test("printStrategyReport(base, place) prints the report to a tagged A4 PDF of several pages", async () => {
    const pdf = await printStrategyReport(demo.base, demoBoardPlace);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = pdf.toString("latin1");
    const pages = text.match(/\/Type\s*\/Page(?![s\w])/g) ?? [];
    // A section a page at least, the first one also holding the contents.
    expect(pages.length).toBeGreaterThanOrEqual(sections.length);
    // The outline's entries (the headings) are written as plain PDF strings: each section's
    // heading is there, and the title names the place.
    const strings = pdfStrings(text);
    for (const heading of sections) {
      expect(strings.some((value) => value.startsWith(heading))).toBe(true);
    }
    expect(strings.some((value) => value.includes("Demmerbridge"))).toBe(true);
  });

  test("standaloneReportHtml(database, place) is the report with its styles inlined and no script", async () => {
    const html = await standaloneReportHtml(demo.database, demoBoardPlace);
    expect(html).toMatch(/<style>[^<]*\.govuk-table/);
    expect(html).not.toMatch(/<link rel="stylesheet"/);
    expect(html).not.toMatch(/<script[^>]*src=/);
    expect(html).not.toMatch(/href="\/(?!\/)/);
    for (const heading of sections) expect(html).toContain(`>${heading}</h2>`);
  });

  test("the report of a place without a strategy is not found", async () => {
    const response = await demo.app.inject({ url: "/strategy/X08000003/report" });
    expect(response.statusCode).toBe(404);
    await expect(printStrategyReport(demo.base, "X08000003")).rejects.toThrow(/no strategy report/);
  });
});

/**
 * The literal strings of a PDF's objects outside compressed streams, such as the outline's
 * titles and the document's title: `(text)` with its escapes, or UTF-16 in `<FEFF…>` hex.
 */
function pdfStrings(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/\((?:\\.|[^\\)])*\)/g)) {
    found.push(match[0].slice(1, -1).replace(/\\(.)/g, "$1"));
  }
  for (const match of text.matchAll(/<FEFF([0-9A-Fa-f]*)>/g)) {
    const hex = match[1]!;
    let value = "";
    for (let index = 0; index + 4 <= hex.length; index += 4) {
      value += String.fromCharCode(parseInt(hex.slice(index, index + 4), 16));
    }
    found.push(value);
  }
  return found;
}
