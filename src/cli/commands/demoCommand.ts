import { generateDemo } from "../../demo/index.js";
import { loadDemo } from "../../data/loadDemo.js";
import { withDatabase } from "../withDatabase.js";

/** `placefirst demo`: loads the fictional demo region. */
export async function runDemo(options: { seed: number }): Promise<void> {
  const summary = await withDatabase("placefirst demo", (database) =>
    loadDemo(database, generateDemo(options.seed), options.seed),
  );
  process.stdout.write(
    `Loaded the fictional demo region "${summary.regionName}": ${summary.places} places, ` +
      `${summary.indicators} indicators, ${summary.observations} observations, ` +
      `${summary.employment} employment rows, ${summary.layouts} hex maps.\n`,
  );
}
