import { migrate } from "../../store/migrate.js";
import { openDatabase } from "../../store/openDatabase.js";

/** `placefirst db migrate`. */
export async function runMigrate(): Promise<void> {
  const database = await openDatabase({ purpose: "placefirst db migrate", migrate: false });
  try {
    const applied = await migrate(database);
    process.stdout.write(
      applied.length === 0
        ? `The database (${database.description}) is up to date.\n`
        : `Applied ${applied.length} migration(s) to ${database.description}: ${applied.join(", ")}.\n`,
    );
  } finally {
    await database.close();
  }
}
