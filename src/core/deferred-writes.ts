/**
 * A projection batch's transaction whose row writes wait, so that a batch's writes and its
 * checkpoint go to the database as one statement: one round trip where each was one.
 *
 * An upsert or an insert of rows sent as one JSON parameter (`defer`, as upsertRows and
 * insertRows use it) is queued. Queued writes are sent together, each as a data-modifying
 * WITH of one statement, before any other statement runs (`query`, `copyFrom`: a read sees
 * every write queued before it), or with the statement that ends the batch (`conclude`: the
 * checkpoint's compare-and-set). The statements of one WITH all see the same snapshot, so
 * two writes to one table never share a statement (the second would not see the first's
 * rows), and a concluding statement must not read what the writes write.
 */
import type { QueryOptions, Transaction } from "./database/database.js";
import type { KeptBatch } from "./kept-rows.js";
import { PREPARED, PREPARED_READ } from "./projection-helpers/table-spec.js";

interface Write {
  table: string;
  /** A statement whose only parameter is `$1`. */
  text: string;
  param: string;
}

export class DeferredWrites implements Transaction {
  private pending: Write[] = [];

  constructor(
    private readonly tx: Transaction,
    /** The rows the runner keeps: a statement or write that may change them drops them. */
    readonly kept?: KeptBatch,
  ) {}

  /**
   * Queues a write of `table` whose only parameter, `$1`, is `param`. Unless the caller tells
   * the kept rows what it wrote (`kept`, as the table helpers do), the table's kept rows go.
   */
  async defer(table: string, text: string, param: string, kept = false): Promise<void> {
    if (!kept) this.kept?.drop(table);
    if (this.pending.some((write) => write.table === table)) await this.flush();
    this.pending.push({ table, text, param });
  }

  async query<Row>(text: string, params: readonly unknown[] = [], options?: QueryOptions): Promise<Row[]> {
    // Only the table helpers' reads (PREPARED_READ: statements that only read) keep what is kept.
    if (options !== PREPARED_READ) this.kept?.dropAll();
    await this.flush();
    return this.tx.query<Row>(text, params, options);
  }

  async copyFrom(table: string, columns: readonly string[], data: string): Promise<void> {
    this.kept?.drop(table);
    await this.flush();
    return this.tx.copyFrom(table, columns, data);
  }

  /**
   * Runs `text` in one statement with the queued writes; it must not read the tables they
   * write. With `standalone`, in a transaction that begins lazily and has not begun (nothing
   * was written before), that one statement is the whole transaction: no BEGIN, no COMMIT.
   */
  async conclude<Row>(text: string, params: readonly unknown[] = [], options?: QueryOptions): Promise<Row[]> {
    const writes = this.take();
    if (writes.length === 0) return this.tx.query<Row>(text, params, options);
    const shifted = text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + writes.length}`);
    return this.tx.query<Row>(`${withClause(writes)} ${shifted}`, [...writes.map((write) => write.param), ...params], {
      prepare: true,
      standalone: options?.standalone,
    });
  }

  /** Sends the queued writes. */
  async flush(): Promise<void> {
    const writes = this.take();
    if (writes.length === 1) await this.tx.query(writes[0]!.text, [writes[0]!.param], PREPARED);
    else if (writes.length > 1)
      await this.tx.query(
        `${withClause(writes)} SELECT 1`,
        writes.map((write) => write.param),
        PREPARED,
      );
  }

  private take(): Write[] {
    const writes = this.pending;
    this.pending = [];
    return writes;
  }
}

/** `WITH w1 AS (…$1…), w2 AS (…$2…)`: the writes, their parameters numbered in order. */
function withClause(writes: readonly Write[]): string {
  return `WITH ${writes.map((write, index) => `w${index + 1} AS (${write.text.replace(/\$1(?!\d)/g, `$${index + 1}`)})`).join(", ")}`;
}
