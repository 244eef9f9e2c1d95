import { extname } from "node:path";
import { InvalidArgumentError, type Command } from "commander";
import { InputError } from "../core/errors.js";
import type { StrategyReportCommandOptions } from "./reportCommand.js";

/** The files `placefirst strategy report --out` can write, by extension. */
export const reportFormats = [".pdf", ".html"] as const;

/**
 * Adds the strategy commands to the `placefirst` program: `strategy report`. The command's code
 * (the store, the web app and the browser) is loaded only when it runs.
 */
export function registerStrategyCommands(program: Command): void {
  const strategy = program
    .command("strategy")
    .description("a place's strategy: priorities, objectives, actions and how they are doing");
  strategy
    .command("report")
    .description(
      "write a place's strategy report, the page /strategy/CODE/report, as a PDF printed by headless Chromium or as a standalone HTML page",
    )
    .requiredOption("--place <code>", "the place's code, such as X08000002")
    .requiredOption(
      "--out <file>",
      "the file to write: report.pdf (A4, printed by Chromium) or report.html (self-contained)",
    )
    .option(
      "--version <n>",
      "the strategy version (default: the adopted one, else the latest draft)",
      version,
    )
    .addHelpText(
      "after",
      `
The report gathers, for the place, each capability's figures with their source and date:
the strategy's summary and adoption; how its priorities were set (the weight set, the
consultation's turnout and representation by constituency); the scorecard (score, rank,
goals, the left-behind flag and the hex map of the places scored); strengths and opportunities
(profile); the skills plan; the funded projects, their jobs and the share in left-behind
places (finance); the procurement commitments against the SME and local shares of awarded
value; and the objectives and actions with their status. See docs/strategy.md.

The PDF is printed from the page served in this process on a local port by the Chromium at
CHROMIUM_PATH (default /usr/bin/chromium; on Debian or Ubuntu, apt-get install chromium).
The HTML file inlines its styles and needs no script or network.

Examples:
  placefirst strategy report --place X08000002 --out report.pdf
  placefirst strategy report --place X08000002 --out report.html --version 1`,
    )
    .action(async (options: StrategyReportCommandOptions) => {
      const extension = extname(options.out).toLowerCase();
      if (!(reportFormats as readonly string[]).includes(extension)) {
        throw new InputError(
          `expected a file ending in ${reportFormats.join(" or ")}, such as report.pdf`,
          { field: "--out", value: options.out },
        );
      }
      const { runStrategyReport } = await import("./reportCommand.js");
      await runStrategyReport(options);
    });
}

function version(value: string): number {
  const number = Number(value);
  if (value.trim() === "" || !Number.isInteger(number) || number < 1) {
    throw new InvalidArgumentError("expected a version number of 1 or more");
  }
  return number;
}
