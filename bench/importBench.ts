import { execFileSync, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { sic2007Divisions } from "../src/core/sic2007.js";

/** What one backend measured over the repeats. */
export interface ImportBenchResult {
  backend: "embedded" | "server";
  rows: number;
  fileMb: number;
  repeats: number;
  medianRowsPerSecond: number;
  medianSeconds: number;
  peakMemoryMb: number;
  targetRowsPerSecond: number;
  targetMemoryMb: number;
}

const rowCount = 1_000_000;

/**
 * Writes a 1,000,000-row employment CSV (1,000 places x 88 SIC divisions x 12 years, cut at a
 * million) and the places it names, deterministically.
 */
async function generateFiles(folder: string): Promise<{ places: string; employment: string }> {
  const places = join(folder, "places.csv");
  const placeLines = ["code,name,kind,parent", "B12000001,Bench region,region,"];
  for (let index = 1; index <= 1000; index++) {
    placeLines.push(
      `B08${String(index).padStart(6, "0")},Bench district ${index},district,B12000001`,
    );
  }
  writeFileSync(places, `${placeLines.join("\n")}\n`);
  const employment = join(folder, "employment.csv");
  const stream = createWriteStream(employment);
  stream.write("place,industry,period,employment\n");
  let written = 0;
  let buffer = "";
  outer: for (let year = 2011; year < 2030; year++) {
    for (let place = 1; place <= 1000; place++) {
      for (const [division] of sic2007Divisions) {
        // A deterministic, irregular count: a few hundred jobs, more in low divisions.
        const employees = ((place * 7919 + Number(division) * 104_729 + year * 31) % 2000) + 5;
        buffer += `B08${String(place).padStart(6, "0")},${division},${year},${employees}\n`;
        if (++written % 50_000 === 0) {
          if (!stream.write(buffer)) await once(stream, "drain");
          buffer = "";
        }
        if (written >= rowCount) break outer;
      }
    }
  }
  stream.end(buffer);
  await once(stream, "finish");
  return { places, employment };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Imports the generated file into the embedded store and, where a PostgreSQL server can be had
 * (DATABASE_URL, or Debian's postgresql started on loopback), into the server; each run in a
 * child process. Targets: 50,000 rows/s and 1 GB embedded; 100,000 rows/s and 400 MB server.
 */
export async function importBench(repeats = 3): Promise<ImportBenchResult[]> {
  const folder = mkdtempSync(join(tmpdir(), "placefirst-bench-files-"));
  process.stderr.write(`Generating ${rowCount.toLocaleString("en-GB")} employment rows…\n`);
  const files = await generateFiles(folder);
  const fileMb = statSync(files.employment).size / 1e6;
  const child = new URL("./importChild.js", import.meta.url).pathname;

  let serverUrl = process.env.DATABASE_URL;
  let startedFolder: string | undefined;
  if ((serverUrl === undefined || serverUrl === "") && existsSync("scripts/postgres.sh")) {
    startedFolder = mkdtempSync(join(tmpdir(), "placefirst-bench-pg-"));
    const started = spawnSync("scripts/postgres.sh", ["start", startedFolder], {
      encoding: "utf8",
    });
    serverUrl = started.status === 0 ? started.stdout.trim() : undefined;
    if (serverUrl === undefined)
      process.stderr.write(`No PostgreSQL server: ${started.stderr.trim()}\n`);
  }
  const results: ImportBenchResult[] = [];
  try {
    const backends: { backend: "embedded" | "server"; url: string }[] = [
      { backend: "embedded", url: "" },
    ];
    if (serverUrl !== undefined && serverUrl !== "")
      backends.push({ backend: "server", url: serverUrl });
    for (const { backend, url } of backends) {
      const runs: { seconds: number; rowsPerSecond: number; peakMemoryMb: number; rows: number }[] =
        [];
      for (let repeat = 1; repeat <= repeats; repeat++) {
        process.stderr.write(`Importing into the ${backend} store, run ${repeat} of ${repeats}…\n`);
        const output = execFileSync(process.execPath, [child, files.places, files.employment], {
          env: { ...process.env, DATABASE_URL: url },
          encoding: "utf8",
          maxBuffer: 1024 * 1024,
        });
        runs.push(JSON.parse(output.trim().split("\n").at(-1)!));
      }
      results.push({
        backend,
        rows: runs[0]!.rows,
        fileMb,
        repeats,
        medianRowsPerSecond: median(runs.map((run) => run.rowsPerSecond)),
        medianSeconds: median(runs.map((run) => run.seconds)),
        peakMemoryMb: Math.max(...runs.map((run) => run.peakMemoryMb)),
        targetRowsPerSecond: backend === "server" ? 100_000 : 50_000,
        targetMemoryMb: backend === "server" ? 400 : 1000,
      });
    }
  } finally {
    if (startedFolder !== undefined) spawnSync("scripts/postgres.sh", ["stop", startedFolder]);
  }
  return results;
}
