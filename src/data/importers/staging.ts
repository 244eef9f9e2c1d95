import { InputError } from "../../core/errors.js";
import type { Queryable } from "../../store/database.js";

/**
 * Stops an import when two rows of the file share a key, naming both lines; otherwise the later
 * row would silently overwrite the earlier one.
 */
export async function rejectDuplicates(
  transaction: Queryable,
  file: string,
  staged: string,
  keys: readonly string[],
  keyDescription: string,
): Promise<void> {
  const list = keys.join(", ");
  const [duplicate] = await transaction.query<{ first: number; second: number }>(
    `select min(line) as first, max(line) as second from ${staged}
     group by ${list} having count(*) > 1 order by min(line) limit 1`,
  );
  if (duplicate !== undefined) {
    throw new InputError(
      `this row repeats the ${keyDescription} of line ${duplicate.first}; each may appear once`,
      { file, line: Number(duplicate.second) },
    );
  }
}

/**
 * Moves staged rows into their table, replacing stored rows with the same key. Replacing is a
 * delete of the matching rows then a plain insert: an `on conflict do update` costs three times
 * as much per row on the embedded engine, and most imports replace nothing.
 */
export async function mergeStaged(
  transaction: Queryable,
  staged: string,
  table: string,
  keys: readonly string[],
  values: readonly string[],
  datasetId: number,
): Promise<void> {
  const columns = [...keys, ...values].join(", ");
  const matches = keys.map((key) => `${table}.${key} = ${staged}.${key}`).join(" and ");
  await transaction.exec(`delete from ${table} using ${staged} where ${matches}`);
  await transaction.query(
    `insert into ${table} (${columns}, dataset_id) select ${columns}, $1::int4 from ${staged}`,
    [datasetId],
  );
}
