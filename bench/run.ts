import { complexityBench } from "./complexityBench.js";
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
  if (only === undefined || only === "complexity") {
    process.stderr.write("Running the economic complexity benchmark…\n");
    const result = complexityBench();
    process.stdout.write(
      "\nEconomic complexity, the full set (RCA, M, ECI, PCI, proximity, density, COI, COG)\n",
    );
    const targets: Record<string, number> = { "3000x1000": 0.5, "10000x1000": 2 };
    for (const size of result.sizes) {
      const target = targets[`${size.places}x${size.industries}`];
      process.stdout.write(
        `  ${size.places} x ${size.industries} (${Math.round(size.presenceShare * 100)}% present): median ${size.medianSeconds.toFixed(2)} s, peak memory ${Math.round(size.peakMemoryMb)} MB${
          target === undefined
            ? ""
            : ` (target ${target} s, 1 GB): ${verdict(size.medianSeconds < target && size.peakMemoryMb < 1000)}`
        }\n`,
      );
    }
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
