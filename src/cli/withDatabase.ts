import type { Database } from "../store/database.js";
import { openDatabase } from "../store/openDatabase.js";

/**
 * Opens the store for one command and closes it afterwards, whatever happens. The embedded
 * database is locked meanwhile; a second process gets a message saying who holds it.
 */
export async function withDatabase<T>(
  purpose: string,
  work: (database: Database) => Promise<T>,
): Promise<T> {
  const database = await openDatabase({ purpose });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}
