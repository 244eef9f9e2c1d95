import pg from "pg";
import { insertUnnest } from "./copyRows.js";
import type { CopyColumn, Database, Queryable } from "./database.js";

// Return bigint counts and numerics as JavaScript numbers, as PGlite does; every count and
// measure Placefirst keeps fits in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (text) => Number(text));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (text) => Number(text));

/** Opens a pool of connections to the PostgreSQL server at `url` (a `postgres://` URL). */
export async function openServer(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection can be ended by the server (a restart, a failover, a dropped database).
  // The pool then discards it and opens another when needed; without a listener the error would
  // end the process.
  pool.on("error", (error) => {
    process.stderr.write(`PostgreSQL closed an idle connection: ${error.message}\n`);
  });
  // Fail now, with the address, rather than on the first query.
  const client = await pool.connect().catch(async (error: Error) => {
    await pool.end();
    throw new Error(`Cannot connect to the PostgreSQL server at ${redact(url)}: ${error.message}`);
  });
  client.release();
  return new ServerDatabase(pool, redact(url));
}

class ServerDatabase implements Database {
  readonly kind = "server";

  constructor(
    private readonly pool: pg.Pool,
    readonly description: string,
  ) {}

  async query<Row extends object>(text: string, params?: readonly unknown[]): Promise<Row[]> {
    const result = await this.pool.query<Row>(text, params === undefined ? undefined : [...params]);
    return result.rows;
  }

  async exec(text: string): Promise<void> {
    await this.pool.query(text);
  }

  copyInto(
    table: string,
    columns: readonly CopyColumn[],
    values: readonly unknown[][],
  ): Promise<void> {
    return insertUnnest(this, table, columns, values);
  }

  async transaction<T>(work: (transaction: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("begin");
      const transaction: Queryable = {
        query: async <Row extends object>(text: string, params?: readonly unknown[]) =>
          (await client.query<Row>(text, params === undefined ? undefined : [...params])).rows,
        exec: async (text) => {
          await client.query(text);
        },
        copyInto: (table, columns, values) => insertUnnest(transaction, table, columns, values),
      };
      const result = await work(transaction);
      await client.query("commit");
      return result;
    } catch (error) {
      await client.query("rollback").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** The URL without its password, safe to print. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}
