import { buildApp } from "../src/api/app.js";
import { loadDemo } from "../src/data/loadDemo.js";
import { generateDemo } from "../src/demo/index.js";
import { seedFramework } from "../src/scorecard/frameworkStore.js";
import { shippedFrameworks } from "../src/scorecard/shippedFrameworks.js";
import { openDatabase } from "../src/store/openDatabase.js";

/** Times `GET /scorecard/:code` for one demo district through the whole app (in-memory PGlite). */
export async function scorecardPageBench(
  requests = 30,
): Promise<{ medianMs: number; requests: number }> {
  const database = await openDatabase({ inMemory: true });
  try {
    await loadDemo(database, generateDemo(20261128), 20261128);
    await seedFramework(database, "demo", shippedFrameworks.demo!);
    const app = await buildApp({ database });
    const url = "/scorecard/X08000002";
    // Warm the template cache and the JIT first.
    for (let index = 0; index < 5; index++) await app.inject({ method: "GET", url });
    const times: number[] = [];
    for (let index = 0; index < requests; index++) {
      const started = process.hrtime.bigint();
      const response = await app.inject({ method: "GET", url });
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`);
    }
    await app.close();
    times.sort((a, b) => a - b);
    return { medianMs: times[Math.floor(times.length / 2)]!, requests };
  } finally {
    await database.close();
  }
}
