import { resolve } from "node:path";
import type { Database } from "./database.js";
import { openEmbedded } from "./embedded.js";
import { migrate } from "./migrate.js";
import { openServer } from "./server.js";

/** Options for {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** A `postgres://` URL; default `DATABASE_URL`. When set, the server is used. */
  url?: string;
  /** The embedded database's folder; default `PLACEFIRST_DATA_DIR`, else `./.placefirst`. */
  dataDir?: string;
  /** Keep an embedded database in memory (tests), whatever `url` and `DATABASE_URL` say. */
  inMemory?: boolean;
  /** Who holds the embedded database, shown to a second process that tries to open it. */
  purpose?: string;
  /** Apply pending migrations; default true. */
  migrate?: boolean;
}

/**
 * Opens Placefirst's database, the server when `DATABASE_URL` is set and the embedded one
 * otherwise, and brings its schema up to date.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const url =
    options.inMemory === true ? undefined : (options.url ?? nonEmpty(process.env.DATABASE_URL));
  const database =
    url !== undefined
      ? await openServer(url)
      : await openEmbedded({
          dataDir: options.inMemory === true ? undefined : defaultDataDir(options.dataDir),
          purpose: options.purpose,
        });
  if (options.migrate !== false) {
    try {
      await migrate(database);
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  return database;
}

/** The embedded database folder this process uses. */
export function defaultDataDir(dataDir?: string): string {
  return resolve(dataDir ?? nonEmpty(process.env.PLACEFIRST_DATA_DIR) ?? ".placefirst");
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
