import { importOcds } from "../src/procurement/importOcds.js";
import { openDatabase } from "../src/store/openDatabase.js";

/**
 * One measured OCDS import into an existing embedded store folder, in a process of its own so
 * that its peak memory is its own. Prints one JSON line.
 */
async function run(path: string, folder: string): Promise<void> {
  const database = await openDatabase({ dataDir: folder, purpose: "bench" });
  try {
    const started = process.hrtime.bigint();
    const summary = await importOcds(database, [path], {
      onProgress: ({ releases }) => {
        if (releases % 100_000 === 0) {
          const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
          const memory = process.memoryUsage();
          const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;
          process.stderr.write(
            `  ${releases} releases read, ${elapsed.toFixed(1)} s, resident ${mb(memory.rss)} (JavaScript heap ${mb(memory.heapUsed)} of ${mb(memory.heapTotal)}, buffers ${mb(memory.arrayBuffers)})\n`,
          );
        }
      },
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    process.stdout.write(
      `${JSON.stringify({
        seconds,
        stored: summary.stored,
        processes: summary.processes,
        peakMemoryMb: process.resourceUsage().maxRSS / 1024,
      })}\n`,
    );
  } finally {
    await database.close();
  }
}

await run(process.argv[2]!, process.argv[3]!);
