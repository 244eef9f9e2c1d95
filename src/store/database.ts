/** Something SQL can be sent to: the database itself, or one transaction of it. */
export interface Queryable {
  /** Runs one statement with `$1`-style parameters and returns its rows. */
  query<Row extends object = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
  ): Promise<Row[]>;
  /** Runs a script of several statements without parameters. */
  exec(text: string): Promise<void>;
  /**
   * Appends rows to a table as fast as the backend allows (COPY on the embedded engine, one
   * `unnest` insert on a server). `values` holds one array per column, all of the same length.
   */
  copyInto(
    table: string,
    columns: readonly CopyColumn[],
    values: readonly unknown[][],
  ): Promise<void>;
}

/** A column of {@link Queryable.copyInto}: its name and PostgreSQL type. */
export interface CopyColumn {
  name: string;
  type: "text" | "float8" | "int4" | "int8" | "int2" | "bool";
  /**
   * The column's own type when the values are given as its text (`type` "text"): "timestamptz",
   * "text[]" (an array literal such as `{"a","b"}`), …. COPY reads the text as the column's type
   * by itself; the server's insert from arrays casts it.
   */
  cast?: string;
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
