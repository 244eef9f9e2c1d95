import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importFile } from "../src/data/importFile.js";
import { openDatabase } from "../src/store/openDatabase.js";
import { testDatabase } from "../test/helpers/testDatabase.js";

/**
 * One measured import, in a process of its own so that its peak memory is its own: imports the
 * places file, then times the employment file. Prints one JSON line. The backend follows
 * DATABASE_URL: a fresh database on the server, or a fresh embedded folder.
 */
async function run(placesPath: string, employmentPath: string): Promise<void> {
  const server = process.env.DATABASE_URL !== undefined && process.env.DATABASE_URL !== "";
  const database = server
    ? await testDatabase()
    : await openDatabase({
        dataDir: mkdtempSync(join(tmpdir(), "placefirst-bench-")),
        purpose: "bench",
      });
  try {
    await importFile(database, { kind: "places", path: placesPath });
    const started = process.hrtime.bigint();
    const summary = await importFile(database, { kind: "employment", path: employmentPath });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    process.stdout.write(
      `${JSON.stringify({
        backend: server ? "server" : "embedded",
        rows: summary.rows,
        seconds,
        rowsPerSecond: summary.rows / seconds,
        peakMemoryMb: process.resourceUsage().maxRSS / 1024,
      })}\n`,
    );
  } finally {
    await database.close();
  }
}

const [placesPath, employmentPath] = process.argv.slice(2);
await run(placesPath!, employmentPath!);
