import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { importOcds } from "../../src/procurement/importOcds.js";
import type { Database } from "../../src/store/database.js";
import { hasSharedData, sharedFile } from "../helpers/sharedData.js";
import { backendName, testDatabase } from "../helpers/testDatabase.js";

if (!hasSharedData) {
  console.warn(
    "Skipping the OCDS import tests on real data: ../shared/data is not beside the project.",
  );
}

const folder = (path: string) =>
  readdirSync(sharedFile(path))
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => join(sharedFile(path), name));

const count = async (database: Database, table: string) =>
  (await database.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;

describe.skipIf(!hasSharedData)(`importOcds on real OCDS data on ${backendName}`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  test("importOcds compiles the worked example's six stage releases into one process with its award and contract", async () => {
    const stages = folder("procurement/ocds_fictional_example_1_1").filter(
      (path) => !path.endsWith("ocds-213czf-000-00001.json"),
    );
    expect(stages).toHaveLength(6);
    const summary = await importOcds(database, stages);
    expect(summary).toMatchObject({ read: 6, stored: 6, duplicates: 0, invalid: 0, processes: 1 });
    const [process] = await database.query<{
      title: string;
      status: string;
      releases: number;
      cpv_codes: string[];
    }>("select title, status, releases, cpv_codes from procurement_processes");
    expect(process!.releases).toBe(6);
    expect(process!.cpv_codes).toEqual(["45233130", "45233162"]);
    const awards = await database.query<{ value_pence: number; value_currency: string }>(
      "select value_pence::float8 as value_pence, value_currency from procurement_awards",
    );
    expect(awards).toEqual([{ value_pence: 1_100_000_000, value_currency: "GBP" }]);
    expect(await count(database, "procurement_contracts")).toBe(1);
    // The package holding all six adds nothing new: every release is a duplicate.
    const again = await importOcds(database, [
      sharedFile("procurement/ocds_fictional_example_1_1/ocds-213czf-000-00001.json"),
    ]);
    expect(again).toMatchObject({ read: 6, stored: 0, duplicates: 6, processes: 0 });
    // The same file a second time is a no-op that says so.
    const twice = await importOcds(database, [stages[0]!]);
    expect(twice.files[0]!.alreadyImported).toBe(true);
    expect(twice.read).toBe(0);
  });

  test("importOcds reads UK Contracts Finder releases and records, and reports the invalid Paraguay release by path", async () => {
    const before = await count(database, "procurement_processes");
    const summary = await importOcds(database, [
      ...folder("procurement/uk_contracts_finder_sample/releases"),
      ...folder("procurement/uk_contracts_finder_sample/records"),
      ...folder("procurement/ocdskit_realdata"),
    ]);
    expect(summary.invalid).toBe(1);
    expect(summary.problems[0]).toMatchObject({
      file: "release-package_1.1-2.json",
      path: expect.stringMatching(/classification/),
    });
    expect(summary.duplicates).toBeGreaterThan(0);
    const processes = await database.query<{ buyer_name: string | null; cpv_codes: string[] }>(
      "select buyer_name, cpv_codes from procurement_processes where ocid like 'ocds-b5fd17-%'",
    );
    expect(processes.length).toBeGreaterThanOrEqual(10);
    expect(processes.some((row) => /met office/i.test(row.buyer_name ?? ""))).toBe(true);
    expect(await count(database, "procurement_processes")).toBe(before + summary.processes);
  });

  test("importOcds stores nothing when a file is not JSON, and refuses a folder or a missing file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "placefirst-ocds-"));
    const good = join(dir, "good.jsonl.gz");
    const release = (id: string) => ({
      ocid: "ocds-test-1",
      id,
      date: `2025-01-0${id}T00:00:00Z`,
      tag: ["tender"],
      initiationType: "tender",
      tender: { id: "t", title: `Tender ${id}`, value: { amount: 1000.5, currency: "GBP" } },
    });
    writeFileSync(
      good,
      gzipSync(`${JSON.stringify(release("1"))}\n${JSON.stringify(release("2"))}\n`),
    );
    const bad = join(dir, "bad.json");
    writeFileSync(bad, '{"releases": [{"ocid": "x",');
    const processes = await count(database, "procurement_processes");
    const releases = await count(database, "procurement_releases");
    await expect(importOcds(database, [good, bad])).rejects.toThrow(/bad\.json/);
    expect(await count(database, "procurement_processes")).toBe(processes);
    expect(await count(database, "procurement_releases")).toBe(releases);
    await expect(importOcds(database, [dir])).rejects.toThrow(/folder/);
    await expect(importOcds(database, [join(dir, "missing.json")])).rejects.toThrow(/cannot read/);
    const summary = await importOcds(database, [good]);
    expect(summary).toMatchObject({ read: 2, stored: 2, processes: 1 });
    const [stored] = await database.query<{ title: string; value_pence: number }>(
      "select title, value_pence::float8 as value_pence from procurement_processes where ocid = 'ocds-test-1'",
    );
    expect(stored).toEqual({ title: "Tender 2", value_pence: 100_050 });
  });
});
