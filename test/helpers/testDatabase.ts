import { randomBytes } from "node:crypto";
import type { Database } from "../../src/store/database.js";
import { openDatabase } from "../../src/store/openDatabase.js";
import { openServer } from "../../src/store/server.js";

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or, when DATABASE_URL is
 * set, a new database on that server that is dropped again on close. The same tests so run
 * against both backends.
 */
export async function testDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url === undefined || url === "") return openDatabase({ inMemory: true });
  const name = `placefirst_test_${randomBytes(6).toString("hex")}`;
  const admin = await openServer(url);
  await admin.exec(`create database ${name}`);
  await admin.close();
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const database = await openDatabase({ url: testUrl.toString() });
  const close = database.close.bind(database);
  return Object.assign(database, {
    async close(): Promise<void> {
      await close();
      const cleanup = await openServer(url);
      await cleanup.exec(`drop database if exists ${name} with (force)`);
      await cleanup.close();
    },
  });
}

/** Which backend the tests run on, for test names. */
export const backendName =
  process.env.DATABASE_URL !== undefined && process.env.DATABASE_URL !== ""
    ? "PostgreSQL server"
    : "embedded PGlite";
