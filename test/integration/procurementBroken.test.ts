import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { importOcds, type OcdsImportSummary } from "../../src/procurement/importOcds.js";
import type { Database } from "../../src/store/database.js";
import { hasSharedData, sharedFile } from "../helpers/sharedData.js";
import { backendName, testDatabase } from "../helpers/testDatabase.js";

// The importer writes releases in batches of 500 inside its transaction: a broken file with more
// good releases than that before the break has written some of them when it fails, so these
// tests see whether the failure takes them back out.
const pastOneBatch = 600;

/** A valid OCDS 1.1 release of a tender with one lot, with the given fields added or replaced. */
function release(
  ocid: string,
  id: string,
  fields: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    ocid,
    id,
    date: "2025-01-02T09:00:00Z",
    tag: ["tender"],
    initiationType: "tender",
    buyer: { id: "GB-EXAMPLE-1", name: "Example Borough Council" },
    tender: {
      id: `${ocid}-tender`,
      title: `Tender ${ocid}`,
      value: { amount: 1000, currency: "GBP" },
      lots: [{ id: "1", title: "Lot 1", value: { amount: 600, currency: "GBP" } }],
    },
    ...fields,
  };
}

/** A release of an award and its contract to one supplier, their values in `currency`. */
function awardRelease(ocid: string, id: string, currency = "GBP"): Record<string, unknown> {
  const value = { amount: 900, currency };
  return release(ocid, id, {
    date: "2025-02-01T09:00:00Z",
    tag: ["award", "contract"],
    awards: [
      {
        id: "a1",
        status: "active",
        value,
        suppliers: [{ id: "GB-COH-00000001", name: "Anyco Ltd" }],
      },
    ],
    contracts: [{ id: "c1", awardID: "a1", status: "active", value }],
  });
}

const jsonLines = (values: readonly unknown[]) =>
  values.map((value) => JSON.stringify(value)).join("\n") + "\n";

/** The 1-based line of `text` on which `needle` first appears. */
function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  if (index === -1) throw new Error(`${needle} is not in the text`);
  return text.slice(0, index).split("\n").length;
}

/** The gzip of `text` without its last `bytes` bytes. */
function cutGzip(text: string, bytes: number): Buffer {
  const packed = gzipSync(text);
  return packed.subarray(0, packed.length - bytes);
}

/** The tables an OCDS import writes: `datasets` and every `procurement_` table. */
async function importTables(database: Database): Promise<string[]> {
  const rows = await database.query<{ name: string }>(
    `select table_name as name from information_schema.tables
     where table_schema = current_schema() and table_type = 'BASE TABLE'
       and (table_name = 'datasets' or table_name like 'procurement\\_%')
     order by table_name`,
  );
  return rows.map((row) => row.name);
}

/** Each import table's row count and an md5 of all its rows, in a fixed order. */
async function snapshot(
  database: Database,
): Promise<Record<string, { rows: number; checksum: string }>> {
  const result: Record<string, { rows: number; checksum: string }> = {};
  for (const table of await importTables(database)) {
    const [row] = await database.query<{ rows: number; checksum: string }>(
      `select count(*)::int as rows,
         md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as checksum
       from ${table} t`,
    );
    result[table] = row!;
  }
  return result;
}

/**
 * Runs an import that must fail, and returns its error after checking that it is an InputError
 * and that every import table is exactly as it was before.
 */
async function failedImport(database: Database, paths: readonly string[]): Promise<InputError> {
  const before = await snapshot(database);
  const error: unknown = await importOcds(database, paths).then(
    () => new Error("the import did not fail"),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(InputError);
  expect(await snapshot(database)).toEqual(before);
  return error as InputError;
}

const storedReleases = async (database: Database, ocids: readonly string[]) =>
  (
    await database.query<{ ocid: string; release_id: string }>(
      `select ocid, release_id from procurement_releases where ocid = any($1::text[])
       order by ocid, release_id`,
      [ocids],
    )
  ).map((row) => `${row.ocid}/${row.release_id}`);

const storedProcesses = async (database: Database, ocids: readonly string[]) =>
  (
    await database.query<{ ocid: string }>(
      "select ocid from procurement_processes where ocid = any($1::text[]) order by ocid",
      [ocids],
    )
  ).map((row) => row.ocid);

const unknownCurrency = (code: string) =>
  `"${code}" is not a code of the currency codelist (ISO 4217, such as GBP)`;

describe(`importOcds on broken OCDS files on ${backendName}`, () => {
  let database: Database;
  let folder: string;
  const file = (name: string, content: string | Uint8Array) => {
    const path = join(folder, name);
    writeFileSync(path, content);
    return path;
  };

  beforeAll(async () => {
    database = await testDatabase();
    folder = mkdtempSync(join(tmpdir(), "placefirst-ocds-broken-"));
    // Something in every table first, so that "as before" is not "empty".
    const baseline = await importOcds(database, [
      file(
        "baseline.jsonl",
        jsonLines([
          release("ocds-base-1", "r1"),
          awardRelease("ocds-base-1", "r2"),
          release("ocds-base-2", "r1"),
        ]),
      ),
    ]);
    expect(baseline).toMatchObject({ stored: 3, invalid: 0, processes: 2 });
    const tables = await snapshot(database);
    for (const table of [
      "datasets",
      "procurement_releases",
      "procurement_processes",
      "procurement_lots",
      "procurement_awards",
      "procurement_award_suppliers",
      "procurement_contracts",
    ]) {
      expect(tables[table]?.rows, table).toBeGreaterThan(0);
    }
  });

  afterAll(async () => {
    await database?.close();
    if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  });

  // Good releases for a broken file: new processes, and new releases of a stored one.
  const goodReleases = (count: number) =>
    Array.from({ length: count }, (_, index) =>
      index % 10 === 0
        ? release("ocds-base-2", `update-${index}`, { tag: ["tenderUpdate"] })
        : release(`ocds-bulk-${index}`, "r1"),
    );

  test("importOcds(JSON lines with invalid JSON after 600 good lines) throws an InputError naming the file and line, and stores nothing", async () => {
    const lines = jsonLines(goodReleases(pastOneBatch));
    const path = file(
      "midway.jsonl",
      `${lines}{"ocid": "ocds-bad-1", "id": oops}\n${JSON.stringify(release("ocds-late", "r1"))}\n`,
    );
    // A good file before the broken one is taken back out too: one transaction for both.
    const other = file("other.jsonl", jsonLines([release("ocds-other-1", "r1")]));
    const error = await failedImport(database, [other, path]);
    expect(error.location).toMatchObject({ file: "midway.jsonl", line: pastOneBatch + 1 });
    expect(error.message).toBe(
      `midway.jsonl, line ${pastOneBatch + 1}: malformed JSON: unexpected "o" at column 30`,
    );
  });

  test("importOcds(a release package with invalid JSON in its middle) throws an InputError naming the file and line, and stores nothing", async () => {
    const releases = goodReleases(pastOneBatch);
    // A missing comma after the id of the 551st release: the parser stops at the next field.
    const text = JSON.stringify({ uri: "https://example.org/package", releases }, null, 2).replace(
      '"id": "ocds-bulk-551-tender",',
      '"id": "ocds-bulk-551-tender"',
    );
    const line = lineOf(text, '"id": "ocds-bulk-551-tender"') + 1;
    const error = await failedImport(database, [file("package.json", text)]);
    expect(error.location).toMatchObject({ file: "package.json", line });
    expect(error.message).toMatch(
      new RegExp(`^package\\.json, line ${line}: malformed JSON: unexpected string "title"`),
    );
  });

  test("importOcds(a gzipped file cut short) throws an InputError naming the file and the byte where it ends, and stores nothing", async () => {
    const text = jsonLines(goodReleases(pastOneBatch));
    // Cut inside the trailer (every release can still be read) and inside the compressed data.
    for (const cut of [4, 2000]) {
      const packed = cutGzip(text, cut);
      const name = `cut-${cut}.jsonl.gz`;
      const error = await failedImport(database, [file(name, packed)]);
      expect(error.location).toMatchObject({ file: name });
      expect(error.message).toBe(
        `${name}: the gzip data is damaged or cut short ` +
          `(unexpected end of file at byte ${packed.length} of the compressed file)`,
      );
    }
  });

  test("importOcds(JSON lines with a release without ocid, a string amount and an unknown currency) reports each with where and why, and stores the good releases", async () => {
    const path = file(
      "mixed.jsonl",
      jsonLines([
        release("ocds-mixed-1", "r1"),
        { ...release("ocds-mixed-x", "r1"), ocid: undefined },
        release("ocds-mixed-2", "r1"),
        // An update of a good release, with its amount as a string: the update alone is left out.
        release("ocds-mixed-2", "r2", {
          tag: ["tenderUpdate"],
          tender: { id: "t", title: "Changed", value: { amount: "1000", currency: "GBP" } },
        }),
        awardRelease("ocds-mixed-3", "r1", "XXY"),
        release("ocds-mixed-4", "r1"),
      ]),
    );
    const summary = await importOcds(database, [path]);
    expect(summary).toMatchObject<Partial<OcdsImportSummary>>({
      read: 6,
      stored: 3,
      invalid: 3,
      duplicates: 0,
      processes: 3,
    });
    expect(summary.problems).toEqual([
      {
        file: "mixed.jsonl",
        line: 2,
        ocid: undefined,
        path: "ocid",
        message: "must be a non-empty string",
      },
      {
        file: "mixed.jsonl",
        line: 4,
        ocid: "ocds-mixed-2",
        path: "tender.value.amount",
        message: "must be a number",
      },
      ...["awards[0].value.currency", "contracts[0].value.currency"].map((problemPath) => ({
        file: "mixed.jsonl",
        line: 5,
        ocid: "ocds-mixed-3",
        path: problemPath,
        message: unknownCurrency("XXY"),
      })),
    ]);
    const ocids = ["ocds-mixed-1", "ocds-mixed-2", "ocds-mixed-3", "ocds-mixed-4"];
    expect(await storedReleases(database, ocids)).toEqual([
      "ocds-mixed-1/r1",
      "ocds-mixed-2/r1",
      "ocds-mixed-4/r1",
    ]);
    expect(await storedProcesses(database, ocids)).toEqual([
      "ocds-mixed-1",
      "ocds-mixed-2",
      "ocds-mixed-4",
    ]);
    // The process is compiled from its good release only: not the bad update's title.
    const [process] = await database.query<{ title: string; value_pence: number }>(
      `select title, value_pence::float8 as value_pence from procurement_processes
       where ocid = 'ocds-mixed-2'`,
    );
    expect(process).toEqual({ title: "Tender ocds-mixed-2", value_pence: 100_000 });
    const awards = await database.query(
      "select 1 from procurement_awards where ocid = 'ocds-mixed-3'",
    );
    expect(awards).toEqual([]);
  });

  test("importOcds(a release package whose first and third releases are bad) stores the second and reports the others at their lines", async () => {
    const text = JSON.stringify(
      {
        uri: "https://example.org/package",
        releases: [
          { ...release("ocds-package-x", "r-without-ocid"), ocid: undefined },
          release("ocds-package-1", "r1"),
          release("ocds-package-2", "r1", {
            tender: { id: "t", title: "Pounds", value: { amount: 1000, currency: "POUNDS" } },
          }),
        ],
      },
      null,
      2,
    );
    const summary = await importOcds(database, [file("releases.json", text)]);
    expect(summary).toMatchObject({ read: 3, stored: 1, invalid: 2, processes: 1 });
    // A release's line is that of its opening brace, the line before its first field.
    expect(summary.problems).toEqual([
      {
        file: "releases.json",
        line: lineOf(text, '"id": "r-without-ocid"') - 1,
        ocid: undefined,
        path: "ocid",
        message: "must be a non-empty string",
      },
      {
        file: "releases.json",
        line: lineOf(text, '"ocid": "ocds-package-2"') - 1,
        ocid: "ocds-package-2",
        path: "tender.value.currency",
        message: unknownCurrency("POUNDS"),
      },
    ]);
    const ocids = ["ocds-package-1", "ocds-package-2"];
    expect(await storedReleases(database, ocids)).toEqual(["ocds-package-1/r1"]);
    expect(await storedProcesses(database, ocids)).toEqual(["ocds-package-1"]);
  });
});

if (!hasSharedData) {
  console.warn(
    "Skipping the OCDS import tests on broken copies of real files: ../shared/data is not beside the project.",
  );
}

describe.skipIf(!hasSharedData)(
  `importOcds on broken copies of real Contracts Finder releases on ${backendName}`,
  () => {
    let database: Database;
    let folder: string;
    // One release of each process in the sample (each is published twice, as a release and in a
    // package of 1.0-era shape), as JSON lines.
    let releases: Record<string, unknown>[];
    beforeAll(async () => {
      database = await testDatabase();
      folder = mkdtempSync(join(tmpdir(), "placefirst-ocds-broken-real-"));
      const directory = sharedFile("procurement/uk_contracts_finder_sample/releases");
      const byOcid = new Map<string, Record<string, unknown>>();
      for (const name of readdirSync(directory).sort()) {
        if (!name.endsWith(".json")) continue;
        const value = JSON.parse(readFileSync(join(directory, name), "utf8")) as Record<
          string,
          unknown
        >;
        if (!byOcid.has(value.ocid as string)) byOcid.set(value.ocid as string, value);
      }
      releases = [...byOcid.values()];
      expect(releases.length).toBeGreaterThanOrEqual(10);
    });
    afterAll(async () => {
      await database?.close();
      if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
    });

    test("importOcds(real releases, three of them broken) reports the three by ocid, path and why, and stores the rest", async () => {
      const broken = releases.map((value) => structuredClone(value));
      const tender = (index: number) =>
        broken[index]!.tender as { value: { amount: unknown; currency: unknown } };
      delete broken[1]!.ocid;
      tender(3).value.amount = String(tender(3).value.amount);
      tender(5).value.currency = "XXY";
      const path = join(folder, "contracts-finder.jsonl");
      writeFileSync(path, jsonLines(broken));
      const summary = await importOcds(database, [path]);
      expect(summary).toMatchObject({
        read: releases.length,
        stored: releases.length - 3,
        invalid: 3,
        processes: releases.length - 3,
      });
      expect(summary.problems).toEqual([
        {
          file: "contracts-finder.jsonl",
          line: 2,
          ocid: undefined,
          path: "ocid",
          message: "must be a non-empty string",
        },
        {
          file: "contracts-finder.jsonl",
          line: 4,
          ocid: releases[3]!.ocid,
          path: "tender.value.amount",
          message: "must be a number",
        },
        {
          file: "contracts-finder.jsonl",
          line: 6,
          ocid: releases[5]!.ocid,
          path: "tender.value.currency",
          message: unknownCurrency("XXY"),
        },
      ]);
      const bad = [1, 3, 5].map((index) => releases[index]!.ocid as string);
      expect(await storedProcesses(database, bad)).toEqual([]);
      const good = releases
        .map((value) => value.ocid as string)
        .filter((ocid) => !bad.includes(ocid))
        .sort();
      expect(await storedProcesses(database, good)).toEqual(good);
    });

    test("importOcds(real releases with invalid JSON midway, or gzipped and cut short) throws an InputError with the line or byte, and stores nothing", async () => {
      const lines = jsonLines(releases).split("\n");
      // A trailing comma, as a hand edit leaves one, after five good lines.
      const brokenLine = '{"ocid": "ocds-b5fd17-broken", "tag": ["tender"], }';
      lines.splice(5, 0, brokenLine);
      const invalid = join(folder, "invalid.jsonl");
      writeFileSync(invalid, lines.join("\n"));
      const error = await failedImport(database, [invalid]);
      expect(error.location).toMatchObject({ file: "invalid.jsonl", line: 6 });
      expect(error.message).toBe(
        `invalid.jsonl, line 6: malformed JSON: unexpected right brace "}" at column ${brokenLine.length}`,
      );

      const packed = cutGzip(jsonLines(releases), 16);
      const cut = join(folder, "cut.jsonl.gz");
      writeFileSync(cut, packed);
      const cutError = await failedImport(database, [cut]);
      expect(cutError.message).toBe(
        `cut.jsonl.gz: the gzip data is damaged or cut short ` +
          `(unexpected end of file at byte ${packed.length} of the compressed file)`,
      );
    });
  },
);
