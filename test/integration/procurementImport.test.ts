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

describe(`importOcds on generated files on ${backendName}`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  // A tender release of process `index`, or a later award release of it.
  const ocid = (index: number) => `ocds-gen-${String(index).padStart(5, "0")}`;
  const tender = (
    index: number,
    id = "tender",
    title = `Tender ${index}`,
    date = "2025-01-01",
  ) => ({
    ocid: ocid(index),
    id,
    date: `${date}T00:00:00Z`,
    tag: ["tender"],
    initiationType: "tender",
    tender: { id: "t", title, value: { amount: 100 + index, currency: "GBP" } },
  });
  const award = (index: number) => ({
    ocid: ocid(index),
    id: "award",
    date: "2025-06-01T00:00:00Z",
    tag: ["award"],
    initiationType: "tender",
    tender: { id: "t", status: "complete" },
    awards: [{ id: "a", status: "active", value: { amount: 90 + index, currency: "GBP" } }],
  });
  const lines = (releases: readonly object[]) =>
    releases.map((release) => `${JSON.stringify(release)}\n`).join("");

  test("a process compiles the same whether its releases arrive together, far apart or in two files, and is counted once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "placefirst-ocds-"));
    const processes = 5_500;
    const first: object[] = [];
    for (let index = 0; index < processes; index++) first.push(tender(index));
    // Two releases of one instant, in the opposite order to their ids: the one with the later
    // id ("b") is taken last, whichever comes first in the file.
    first.push(
      tender(3, "b", "Tender 3 as amended", "2025-02-01"),
      tender(3, "a", "Tender 3 first", "2025-02-01"),
    );
    // An award long after its tender (which has been compiled and let go by then), the same
    // release twice, and a release of a process the file has already finished with.
    first.push(award(0), tender(2), tender(1));
    const firstFile = join(dir, "first.jsonl");
    writeFileSync(firstFile, lines(first));
    const summary = await importOcds(database, [firstFile]);
    expect(summary).toMatchObject({
      read: processes + 5,
      stored: processes + 3,
      duplicates: 2,
      invalid: 0,
      processes,
    });
    // A second file: an award for a process stored by the first, and a same-instant release
    // whose id sorts before one stored already.
    const secondFile = join(dir, "second.jsonl");
    writeFileSync(secondFile, lines([award(1), tender(4, "0-early", "Tender 4 early id")]));
    const second = await importOcds(database, [secondFile]);
    expect(second).toMatchObject({ read: 2, stored: 2, duplicates: 0, processes: 2 });

    const stored = await database.query<{
      ocid: string;
      title: string;
      status: string | null;
      releases: number;
    }>(
      `select ocid, title, status, releases from procurement_processes
       where ocid = any($1::text[]) order by ocid`,
      [[0, 1, 2, 3, 4].map(ocid)],
    );
    expect(stored).toEqual([
      { ocid: ocid(0), title: "Tender 0", status: "complete", releases: 2 },
      { ocid: ocid(1), title: "Tender 1", status: "complete", releases: 2 },
      { ocid: ocid(2), title: "Tender 2", status: null, releases: 1 },
      { ocid: ocid(3), title: "Tender 3 as amended", status: null, releases: 3 },
      // "tender" sorts after "0-early", so the release first stored is taken last.
      { ocid: ocid(4), title: "Tender 4", status: null, releases: 2 },
    ]);
    const awards = await database.query<{ ocid: string; value_pence: number }>(
      "select ocid, value_pence::float8 as value_pence from procurement_awards order by ocid",
    );
    expect(awards).toEqual([
      { ocid: ocid(0), value_pence: 9_000 },
      { ocid: ocid(1), value_pence: 9_100 },
    ]);
    expect(await count(database, "procurement_processes")).toBe(processes);
    expect(await count(database, "procurement_releases")).toBe(processes + 5);
  });
});
