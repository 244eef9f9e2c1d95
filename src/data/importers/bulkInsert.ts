import type { CopyColumn, Queryable } from "../../store/database.js";

/**
 * Collects rows column by column and appends them to a table in batches with
 * {@link Queryable.copyInto}, so a large file streams through in bounded memory. One batch is
 * written while the next is read: with a server the parsing and the database then work at once.
 */
export class BatchWriter {
  private columnsData: unknown[][];
  private count = 0;
  private inFlight: Promise<void> | undefined;
  private failure: unknown;

  constructor(
    private readonly transaction: Queryable,
    private readonly table: string,
    private readonly columns: readonly CopyColumn[],
    private readonly batchSize = 20_000,
  ) {
    this.columnsData = columns.map(() => []);
  }

  /** Adds one row, values in column order; sends the batch when it is full. */
  async add(row: readonly unknown[]): Promise<void> {
    for (let index = 0; index < row.length; index++) this.columnsData[index]!.push(row[index]);
    this.count++;
    if (this.count >= this.batchSize) await this.send();
  }

  /** Sends the rows collected so far and waits until every batch is written. */
  async flush(): Promise<void> {
    await this.send();
    await this.inFlight;
    this.throwFailure();
  }

  private async send(): Promise<void> {
    // At most one batch in flight: wait for the previous one before sending the next.
    await this.inFlight;
    this.throwFailure();
    if (this.count === 0) return;
    const values = this.columnsData;
    this.columnsData = this.columns.map(() => []);
    this.count = 0;
    // Keep the failure to throw from the next call, so it is never an unhandled rejection.
    this.inFlight = this.transaction.copyInto(this.table, this.columns, values).catch((error) => {
      this.failure = error;
    });
  }

  private throwFailure(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}
