import { InputError } from "../../core/errors.js";
import type { CopyColumn, Queryable } from "../../store/database.js";
import { BatchWriter } from "./bulkInsert.js";

/**
 * Creates an import's temporary staging table, a `line` column then `columns` (dropped at
 * commit), and returns the writer that streams rows into it.
 */
export async function stageRows(
  transaction: Queryable,
  staged: string,
  columns: readonly CopyColumn[],
): Promise<BatchWriter> {
  const all: CopyColumn[] = [{ name: "line", type: "int4" }, ...columns];
  await transaction.exec(
    `create temp table ${staged} (${all.map((column) => `${column.name} ${column.type}`).join(", ")}) on commit drop`,
  );
  return new BatchWriter(transaction, staged, all);
}

/** The staged rows of an import and how to describe their key in a message. */
export interface StagedRows {
  /** The temporary table holding the rows, with a `line` column. */
  staged: string;
  /** The table they go to. */
  table: string;
  /** The key columns, the target's primary key. */
  keys: readonly string[];
  /** The other columns to copy. */
  values: readonly string[];
  /** The key in words, for the message about a repeated row: "place, industry and period". */
  keyDescription: string;
}

/**
 * Moves staged rows into their table, replacing stored rows with the same key, and stops the
 * import when two rows of the file share a key, naming both lines (otherwise the later row would
 * silently overwrite the earlier). Replacing is a delete of the matching rows then a plain
 * insert: an `on conflict do update` costs three times as much per row on the embedded engine.
 * The primary key itself catches a repeated row; only then are the lines looked up, so a clean
 * file pays for no extra pass.
 */
export async function mergeStaged(
  transaction: Queryable,
  file: string,
  rows: StagedRows,
  datasetId: number,
): Promise<void> {
  const { staged, table, keys, values } = rows;
  const columns = [...keys, ...values].join(", ");
  const matches = keys.map((key) => `${table}.${key} = ${staged}.${key}`).join(" and ");
  await transaction.exec(`delete from ${table} using ${staged} where ${matches}`);
  await transaction.exec("savepoint merge_staged");
  try {
    await transaction.query(
      `insert into ${table} (${columns}, dataset_id) select ${columns}, $1::int4 from ${staged}`,
      [datasetId],
    );
  } catch (error) {
    if ((error as { code?: string }).code !== "23505") throw error;
    await transaction.exec("rollback to savepoint merge_staged");
    const [duplicate] = await transaction.query<{ first: number; second: number }>(
      `select min(line) as first, max(line) as second from ${staged}
       group by ${keys.join(", ")} having count(*) > 1 order by min(line) limit 1`,
    );
    if (duplicate === undefined) throw error;
    throw new InputError(
      `this row repeats the ${rows.keyDescription} of line ${duplicate.first}; each may appear once`,
      { file, line: Number(duplicate.second) },
    );
  }
  await transaction.exec("release savepoint merge_staged");
}
