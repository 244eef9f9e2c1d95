import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { backendName, testDatabase } from "../../test/helpers/testDatabase.js";
import { ConflictError } from "../core/errors.js";
import type { Database } from "./database.js";
import { openEmbedded } from "./embedded.js";
import { migrate, migrations } from "./migrate.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => {
  await database.close();
});

describe(`the store on ${backendName}`, () => {
  test("migrate() has applied every migration once, and a second run applies none", async () => {
    const applied = await database.query<{ id: string }>(
      "select id from schema_migrations order by id",
    );
    expect(applied.map((row) => row.id)).toEqual(migrations.map((migration) => migration.id));
    expect(await migrate(database)).toEqual([]);
  });

  test("the industries table holds the 21 SIC 2007 sections and 88 divisions, codes as text", async () => {
    const [counts] = await database.query<{ sections: number; divisions: number }>(
      `select count(*) filter (where level = 'section')::int as sections,
              count(*) filter (where level = 'division')::int as divisions from industries`,
    );
    expect(counts).toEqual({ sections: 21, divisions: 88 });
    const [crop] = await database.query<{ code: string; parent: string }>(
      `select code, parent_code as parent from industries where code = '01'`,
    );
    expect(crop).toEqual({ code: "01", parent: "A" });
  });

  test("transaction() commits what resolves and rolls back what throws", async () => {
    await database.transaction(async (transaction) => {
      await transaction.query(
        "insert into places (code, name, kind) values ('T1', 'Kept', 'custom')",
      );
    });
    await expect(
      database.transaction(async (transaction) => {
        await transaction.query(
          "insert into places (code, name, kind) values ('T2', 'Lost', 'custom')",
        );
        throw new Error("stop");
      }),
    ).rejects.toThrow("stop");
    const rows = await database.query<{ code: string }>(
      "select code from places where code like 'T%' order by code",
    );
    expect(rows.map((row) => row.code)).toEqual(["T1"]);
  });

  test("copyInto() keeps quotes, commas, line breaks, tabs, backslashes, empty texts and nulls apart", async () => {
    await database.exec("create table copy_probe (label text, amount float8, flag bool)");
    const labels = ['say "hi", then go', "two\nlines", "", null, "ünïcödé £\t\\N \\. \r"];
    await database.transaction((transaction) =>
      transaction.copyInto(
        "copy_probe",
        [
          { name: "label", type: "text" },
          { name: "amount", type: "float8" },
          { name: "flag", type: "bool" },
        ],
        [labels, [1.5, null, 0, -2e-7, 3], [true, false, null, true, false]],
      ),
    );
    const rows = await database.query<{
      label: string | null;
      amount: number | null;
      flag: boolean | null;
    }>("select label, amount, flag from copy_probe order by amount nulls first");
    expect(rows).toEqual([
      { label: "two\nlines", amount: null, flag: false },
      { label: null, amount: -2e-7, flag: true },
      { label: "", amount: 0, flag: null },
      { label: 'say "hi", then go', amount: 1.5, flag: true },
      { label: "ünïcödé £\t\\N \\. \r", amount: 3, flag: false },
    ]);
  });
});

describe("the embedded database's folder lock", () => {
  test("openEmbedded(folder) refuses a second opening of the same folder until the first closes", async () => {
    const folder = mkdtempSync(join(tmpdir(), "placefirst-lock-"));
    const first = await openEmbedded({ dataDir: folder, purpose: "first test" });
    await expect(openEmbedded({ dataDir: folder, purpose: "second" })).rejects.toThrow(
      ConflictError,
    );
    await expect(openEmbedded({ dataDir: folder, purpose: "second" })).rejects.toThrow(
      /in use by process \d+ \(first test\)/,
    );
    await first.close();
    const second = await openEmbedded({ dataDir: folder, purpose: "second" });
    await second.close();
  });
});
