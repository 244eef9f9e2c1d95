import { ballotLoadBench } from "./ballotLoadBench.js";
import { complexityBench } from "./complexityBench.js";
import { loanBookBench } from "./loanBookBench.js";
import { matchingBench } from "./matchingBench.js";
import { ocdsImportBench } from "./ocdsImportBench.js";
import { portfolioBench } from "./portfolioBench.js";
import { importBench } from "./importBench.js";
import { scorecardBench } from "./scorecardBench.js";
import { scorecardPageBench } from "./scorecardPageBench.js";
import { skillsBench } from "./skillsBench.js";
import { tallyBench } from "./tallyBench.js";

/**
 * `npm run bench [scorecard|complexity|page|import|tally|load|loans|portfolio|ocds|matching|skills]`: runs the benchmarks and prints medians with their
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
  if (only === undefined || only === "portfolio") {
    process.stderr.write("Running the portfolio optimiser benchmark…\n");
    const result = await portfolioBench();
    process.stdout.write(
      `\nPortfolio: ${result.projects.toLocaleString("en-GB")} projects, ${result.families} constraint families (solve, a re-solve per family for its cost, greedy)\n` +
        `  median ${result.medianSeconds.toFixed(2)} s (runs ${result.runs.map((run) => run.toFixed(2)).join(", ")}; target 10 s), ` +
        `status ${result.status}, gap ${(result.gap * 100).toFixed(3)}% (target 0.1%), peak memory ${Math.round(result.peakMemoryMb)} MB: ` +
        `${verdict(result.medianSeconds < 10 && result.gap <= 1e-3)}\n`,
    );
  }
  if (only === undefined || only === "ocds") {
    process.stderr.write("Running the OCDS import benchmark…\n");
    const result = await ocdsImportBench();
    process.stdout.write(
      `\nOCDS import: ${result.releases.toLocaleString("en-GB")} releases (${result.processes.toLocaleString("en-GB")} processes, JSON lines, ${Math.round(result.fileMb)} MB) into the embedded store\n` +
        `  median ${result.medianSeconds.toFixed(1)} s (runs ${result.runs.map((run) => run.toFixed(1)).join(", ")}), ` +
        `${Math.round(result.medianReleasesPerSecond).toLocaleString("en-GB")} releases/s (target 10,000), peak memory ${Math.round(result.peakMemoryMb)} MB (target 500 MB): ` +
        `${verdict(result.medianReleasesPerSecond >= 10_000 && result.peakMemoryMb < 500)}\n`,
    );
  }
  if (only === undefined || only === "matching") {
    process.stderr.write("Running the tender matching benchmark…\n");
    const result = matchingBench();
    process.stdout.write(
      `\nTender matching: ${result.tenders.toLocaleString("en-GB")} tenders x ${result.suppliers.toLocaleString("en-GB")} suppliers, the best ${result.limitPerSupplier} tenders per supplier (CPV codes from ${result.cpvSource})\n` +
        `  median ${result.medianSeconds.toFixed(2)} s (runs ${result.runs.map((run) => run.toFixed(2)).join(", ")}; target 10 s), ` +
        `${result.pairsScored.toLocaleString("en-GB")} of ${result.pairsPossible.toLocaleString("en-GB")} pairs scored, ` +
        `${result.matchesReturned.toLocaleString("en-GB")} matches returned, peak memory ${Math.round(result.peakMemoryMb)} MB: ${verdict(result.medianSeconds < 10)}\n`,
    );
  }
  if (only === undefined || only === "skills") {
    process.stderr.write("Running the skills gap benchmark…\n");
    const result = skillsBench();
    process.stdout.write(
      `\nSkills gap: ${result.places} places x ${result.industries} industries x ${result.occupations} occupations x ${result.levels} levels, ${result.replications.toLocaleString("en-GB")} Monte Carlo replications\n` +
        `  median ${result.medianSeconds.toFixed(2)} s (runs ${result.runs.map((run) => run.toFixed(2)).join(", ")}; target 3 s), ` +
        `set-up ${result.setupSeconds.toFixed(2)} s, point gap within its 5-95% range for ${(result.pointInRangeShare * 100).toFixed(1)}% of levels and occupations, ` +
        `peak memory ${Math.round(result.peakMemoryMb)} MB: ${verdict(result.medianSeconds < 3)}\n`,
    );
  }
  if (only === undefined || only === "loans") {
    process.stderr.write("Running the loan book benchmark…\n");
    const result = loanBookBench();
    process.stdout.write(
      `\nLoan book: ${result.loans.toLocaleString("en-GB")} loans, ${result.instalments.toLocaleString("en-GB")} instalments, revalued on ${result.asOf}\n` +
        `  revalueLoanBook: median ${result.revalue.medianSeconds.toFixed(3)} s (runs ${result.revalue.runs.map((run) => run.toFixed(3)).join(", ")}; target 2 s): ${verdict(result.revalue.medianSeconds < 2)}\n` +
        `  loanSchedule for every loan: median ${result.schedules.medianSeconds.toFixed(2)} s; set-up ${result.setupSeconds.toFixed(1)} s; ` +
        `PAR30 ${(result.par30 ?? 0).toFixed(3)}, PAR90 ${(result.par90 ?? 0).toFixed(3)}; peak memory ${Math.round(result.peakMemoryMb)} MB\n`,
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
  if (only === undefined || only === "tally") {
    const result = await tallyBench(Number(process.env.BENCH_REPEATS ?? 3));
    const runs = (timing: { runs: number[] }): string =>
      timing.runs.map((run) => run.toFixed(2)).join(", ");
    const readShare = result.read.medianSeconds / result.endToEnd.medianSeconds;
    process.stdout.write(
      `\nTally of ${result.ballots.toLocaleString("en-GB")} ranked ballots over ${result.options} options ` +
        `(${result.fileMb.toFixed(1)} MB CSV, ${result.distinctBallots.toLocaleString("en-GB")} distinct ballots, ` +
        `the commonest cast ${result.largestBallotCount.toLocaleString("en-GB")} times)\n` +
        `  read and aggregate (readBallotFile): median ${result.read.medianSeconds.toFixed(2)} s (runs ${runs(result.read)})\n`,
    );
    for (const method of result.methods) {
      process.stdout.write(
        `  ${method.method.padEnd(12)} on the aggregated ballots: median ${(method.medianSeconds * 1000).toFixed(1)} ms (winner ${method.winner ?? "none"})\n`,
      );
    }
    process.stdout.write(
      `  end to end, read + Schulze: median ${result.endToEnd.medianSeconds.toFixed(2)} s (runs ${runs(result.endToEnd)}; target 2 s; ` +
        `reading is ${Math.round(readShare * 100)}% of it), peak memory ${Math.round(result.peakMemoryMb)} MB: ${verdict(result.endToEnd.medianSeconds < 2)}\n` +
        `  worst case, Schulze on ${result.worstCase.distinctBallots.toLocaleString("en-GB")} distinct complete rankings in memory: ` +
        `median ${result.worstCase.medianSeconds.toFixed(2)} s (runs ${runs(result.worstCase)}), peak memory ${Math.round(result.worstCase.peakMemoryMb)} MB\n`,
    );
  }
  if (only === undefined || only === "load") {
    for (const result of ballotLoadBench()) {
      const failed = result.checks.filter((check) => !check.ok);
      const statuses = Object.entries(result.statusCounts)
        .map(([status, count]) => `${status} x ${count}`)
        .join(", ");
      const milliseconds = (value: number): string => `${Math.round(value)} ms`;
      process.stdout.write(
        `\nBallot load test on loopback, ${result.backend} database: ${result.participants.toLocaleString("en-GB")} ballots and ${result.duplicates} duplicates at once over ${result.connections} connections ` +
          `(${result.connectionsAccepted} accepted, up to ${result.peakInFlight} requests in the app at once)\n` +
          `  ${result.wallSeconds.toFixed(2)} s wall, ${Math.round(result.requestsPerSecond)} requests/s, ` +
          `latency p50 ${milliseconds(result.latencyMs.p50)}, p95 ${milliseconds(result.latencyMs.p95)}, ` +
          `p99 ${milliseconds(result.latencyMs.p99)}, max ${milliseconds(result.latencyMs.max)}; statuses ${statuses}; ` +
          `setup ${result.setupSeconds.toFixed(1)} s, peak memory ${Math.round(result.peakMemoryMb)} MB\n`,
      );
      for (const check of result.checks) {
        process.stdout.write(
          check.ok
            ? `  pass: ${check.name} (${check.found})\n`
            : `  !!! FAIL: ${check.name}: found ${check.found}\n`,
        );
      }
      process.stdout.write(
        `  every valid ballot counted once, every duplicate refused, no 5xx: ${verdict(failed.length === 0)}\n`,
      );
      // A failed check is a wrong count, not a slow machine: the run as a whole fails.
      if (failed.length > 0) process.exitCode = 1;
    }
  }
}

await main();
