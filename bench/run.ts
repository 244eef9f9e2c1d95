import { importBench } from "./importBench.js";

/**
 * `npm run bench`: runs the benchmarks and prints medians with their targets. Benchmarks are
 * measured here, never asserted in tests, because shared machines are noisy.
 */
async function main(): Promise<void> {
  const only = process.argv[2];
  if (only === undefined || only === "import") {
    const results = await importBench(Number(process.env.BENCH_REPEATS ?? 3));
    process.stdout.write("\nImport of a 1,000,000-row employment CSV\n");
    process.stdout.write(
      "backend   rows       file MB  median s  median rows/s  target rows/s  peak MB  target MB  verdict\n",
    );
    for (const result of results) {
      const ok =
        result.medianRowsPerSecond >= result.targetRowsPerSecond &&
        result.peakMemoryMb <= result.targetMemoryMb;
      process.stdout.write(
        [
          result.backend.padEnd(8),
          String(result.rows).padStart(9),
          result.fileMb.toFixed(1).padStart(9),
          result.medianSeconds.toFixed(2).padStart(9),
          Math.round(result.medianRowsPerSecond).toLocaleString("en-GB").padStart(14),
          result.targetRowsPerSecond.toLocaleString("en-GB").padStart(14),
          Math.round(result.peakMemoryMb).toString().padStart(8),
          result.targetMemoryMb.toString().padStart(10),
          ok ? "  meets target" : "  MISSES target",
        ].join(" ") + "\n",
      );
    }
  }
}

await main();
