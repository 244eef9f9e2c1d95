import type { CopyColumn, Queryable } from "../../store/database.js";

/**
 * Collects rows column by column and appends them to a table in batches with
 * {@link Queryable.copyInto}, so a large file streams through in bounded memory.
 */
export class BatchWriter {
  private columnsData: unknown[][];
  private count = 0;

  constructor(
    private readonly transaction: Queryable,
    private readonly table: string,
    private readonly columns: readonly CopyColumn[],
    private readonly batchSize = 20_000,
  ) {
    this.columnsData = columns.map(() => []);
  }

  /** Adds one row, values in column order; flushes when the batch is full. */
  async add(row: readonly unknown[]): Promise<void> {
    for (let index = 0; index < row.length; index++) this.columnsData[index]!.push(row[index]);
    this.count++;
    if (this.count >= this.batchSize) await this.flush();
  }

  /** Sends the rows collected so far. */
  async flush(): Promise<void> {
    if (this.count === 0) return;
    const values = this.columnsData;
    this.columnsData = this.columns.map(() => []);
    this.count = 0;
    await this.transaction.copyInto(this.table, this.columns, values);
  }
}
