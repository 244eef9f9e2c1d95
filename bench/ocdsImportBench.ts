import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { cpSync, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../src/store/openDatabase.js";

/** What the OCDS import benchmark measured. */
export interface OcdsImportBenchResult {
  releases: number;
  processes: number;
  fileMb: number;
  runs: number[];
  medianSeconds: number;
  medianReleasesPerSecond: number;
  peakMemoryMb: number;
}

// Real CPV 2008 codes across several divisions, for the generated tenders.
const cpvCodes = [
  "45210000",
  "45233140",
  "72000000",
  "79410000",
  "90910000",
  "85311000",
  "30192000",
  "50700000",
  "71240000",
  "44110000",
  "33140000",
  "55520000",
] as const;

/**
 * Writes `count` OCDS releases as JSON lines, deterministically: a tender release for each
 * contracting process, and for every third process an award release too, each with a buyer or
 * supplier party, CPV items, values and delivery postcodes, like a Contracts Finder export.
 */
export async function writeBenchReleases(path: string, count: number): Promise<number> {
  const stream = createWriteStream(path);
  let buffer = "";
  let written = 0;
  let processes = 0;
  for (let index = 0; written < count; index++) {
    processes++;
    const ocid = `ocds-bench-${String(index).padStart(8, "0")}`;
    const value = 5_000 + ((index * 7919) % 2_000_000);
    const buyer = `GB-BUYER-${index % 500}`;
    buffer += `${JSON.stringify({
      ocid,
      id: `${ocid}-tender`,
      date: `2025-0${1 + (index % 9)}-1${index % 10}T10:00:00Z`,
      tag: ["tender"],
      initiationType: "tender",
      parties: [
        {
          id: buyer,
          name: `Bench buyer ${index % 500}`,
          roles: ["buyer"],
          address: { postalCode: "BV1 2AB", region: "Bench" },
        },
      ],
      buyer: { id: buyer, name: `Bench buyer ${index % 500}` },
      tender: {
        id: `T${index}`,
        title: `Bench tender ${index} for works and services`,
        status: "active",
        value: { amount: value, currency: "GBP" },
        tenderPeriod: { endDate: "2026-12-31T12:00:00Z" },
        items: [
          {
            id: "1",
            description: "Works",
            classification: { scheme: "CPV", id: cpvCodes[index % cpvCodes.length] },
            deliveryAddresses: [{ postalCode: "BV2 3CD", region: "Bench" }],
          },
        ],
      },
    })}\n`;
    written++;
    if (index % 3 === 0 && written < count) {
      const supplier = `GB-COH-${index % 20_000}`;
      buffer += `${JSON.stringify({
        ocid,
        id: `${ocid}-award`,
        date: `2025-1${index % 3}-01T10:00:00Z`,
        tag: ["award"],
        initiationType: "tender",
        parties: [
          {
            id: supplier,
            name: `Bench supplier ${index % 20_000}`,
            roles: ["supplier"],
            details: { scale: index % 2 === 1 ? "sme" : "large" },
            address: { postalCode: "BV3 4EF" },
          },
        ],
        awards: [
          {
            id: `A${index}`,
            date: "2025-10-01T00:00:00Z",
            status: "active",
            value: { amount: value, currency: "GBP" },
            suppliers: [{ id: supplier, name: `Bench supplier ${index % 20_000}` }],
          },
        ],
      })}\n`;
      written++;
    }
    if (buffer.length > 1 << 20) {
      if (!stream.write(buffer)) await once(stream, "drain");
      buffer = "";
    }
  }
  stream.end(buffer);
  await once(stream, "finish");
  return processes;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Imports a generated file of 1,000,000 OCDS releases (JSON lines) into an embedded store that
 * exists already (created and migrated beforehand, as a working store is: creating one costs
 * PGlite more memory than any import), each run in a child process on a fresh copy so that its
 * peak memory is its own. Targets: 10,000 releases per second or more, peak memory under 500 MB.
 */
export async function ocdsImportBench(
  releases = 1_000_000,
  repeats = 3,
): Promise<OcdsImportBenchResult> {
  const folder = mkdtempSync(join(tmpdir(), "placefirst-bench-ocds-"));
  try {
    const path = join(folder, "releases.jsonl");
    process.stderr.write(`Generating ${releases.toLocaleString("en-GB")} OCDS releases…\n`);
    const processes = await writeBenchReleases(path, releases);
    const child = new URL("./ocdsImportChild.js", import.meta.url).pathname;
    const template = join(folder, "store");
    await (await openDatabase({ dataDir: template, purpose: "bench" })).close();
    const measured: { seconds: number; peakMemoryMb: number }[] = [];
    for (let repeat = 0; repeat < repeats; repeat++) {
      process.stderr.write(`Importing, run ${repeat + 1} of ${repeats}…\n`);
      const store = join(folder, `store-${repeat}`);
      cpSync(template, store, { recursive: true });
      const output = execFileSync(process.execPath, [child, path, store], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      });
      measured.push(JSON.parse(output.trim().split("\n").at(-1)!) as (typeof measured)[number]);
      rmSync(store, { recursive: true, force: true });
    }
    const seconds = measured.map((run) => run.seconds);
    return {
      releases,
      processes,
      fileMb: statSync(path).size / 1e6,
      runs: seconds,
      medianSeconds: median(seconds),
      medianReleasesPerSecond: releases / median(seconds),
      peakMemoryMb: Math.max(...measured.map((run) => run.peakMemoryMb)),
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
