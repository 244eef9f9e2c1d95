import { generateDemo } from "../../demo/index.js";
import { seedDemoFinance } from "../../finance/demo.js";
import { seedDemoProcurement } from "../../procurement/seedDemo.js";
import { seedDemoSkills } from "../../skills/demo.js";
import { seedDemoStrategy } from "../../strategy/demo.js";
import { seedDemoParticipation } from "../../participation/demo.js";
import { seedFramework } from "../../scorecard/frameworkStore.js";
import { shippedFrameworks } from "../../scorecard/shippedFrameworks.js";
import { loadDemo } from "../../data/loadDemo.js";
import { withDatabase } from "../withDatabase.js";

/** `placefirst demo`: loads the fictional demo region. */
export async function runDemo(options: { seed: number }): Promise<void> {
  const summary = await withDatabase("placefirst demo", async (database) => {
    const loaded = await loadDemo(database, generateDemo(options.seed), options.seed);
    await seedFramework(database, "demo", shippedFrameworks.demo!);
    await seedDemoParticipation(database);
    await seedDemoFinance(database);
    await seedDemoProcurement(database);
    await seedDemoSkills(database);
    await seedDemoStrategy(database);
    return loaded;
  });
  process.stdout.write(
    `Loaded the fictional demo region "${summary.regionName}": ${summary.places} places, ` +
      `${summary.indicators} indicators, ${summary.observations} observations, ` +
      `${summary.employment} employment rows, ${summary.layouts} hex maps.\n`,
  );
}
