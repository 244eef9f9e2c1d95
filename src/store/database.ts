/** Something SQL can be sent to: the database itself, or one transaction of it. */
export interface Queryable {
  /** Runs one statement with `$1`-style parameters and returns its rows. */
  query<Row extends object = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
  ): Promise<Row[]>;
  /** Runs a script of several statements without parameters. */
  exec(text: string): Promise<void>;
}

/**
 * A PostgreSQL database: embedded (PGlite, in a folder) or a server (through `pg`). The same SQL
 * runs on both.
 */
export interface Database extends Queryable {
  /** `embedded` for PGlite, `server` for a PostgreSQL server. */
  readonly kind: "embedded" | "server";
  /** Where the data are, for messages: a folder or a server address without its password. */
  readonly description: string;
  /**
   * Runs `work` in one transaction: committed if it resolves, rolled back if it throws, so a
   * failed import leaves the database exactly as it was.
   */
  transaction<T>(work: (transaction: Queryable) => Promise<T>): Promise<T>;
  /** Closes the connection and releases the embedded database's lock. */
  close(): Promise<void>;
}
