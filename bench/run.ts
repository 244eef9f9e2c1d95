import { importBench } from "./importBench.js";
import { scorecardBench } from "./scorecardBench.js";
import { scorecardPageBench } from "./scorecardPageBench.js";

/**
 * `npm run bench [import|scorecard|page]`: runs the benchmarks and prints medians with their
 * targets. Benchmarks are measured here, never asserted in tests, because shared machines are
 * noisy.
 */
async function main(): Promise<void> {
  const only = process.argv[2];
  const verdict = (ok: boolean): string => (ok ? "meets target" : "MISSES target");
  if (only === undefined || only === "scorecard") {
    process.stderr.write("Running the scorecard Monte Carlo benchmark…\n");
    const result = scorecardBench();
    process.stdout.write(
      `\nScorecard uncertainty: ${result.places} places x ${result.indicators} indicators x ${result.replications.toLocaleString("en-GB")} replications with ranks and sensitivity\n` +
        `  median ${result.medianSeconds.toFixed(2)} s (runs ${result.runs.map((run) => run.toFixed(2)).join(", ")}; target 5 s), ` +
        `peak memory ${Math.round(result.peakMemoryMb)} MB (target 500 MB): ${verdict(result.medianSeconds < 5 && result.peakMemoryMb < 500)}\n`,
    );
  }
  if (only === undefined || only === "page") {
    process.stderr.write("Timing the scorecard page of one place on the demo…\n");
    const result = await scorecardPageBench();
    process.stdout.write(
      `\nScorecard page of one demo district: median ${result.medianMs.toFixed(1)} ms over ${result.requests} requests (target 100 ms): ${verdict(result.medianMs < 100)}\n`,
    );
  }
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
          `  ${verdict(ok)}`,
        ].join(" ") + "\n",
      );
    }
  }
}

await main();
