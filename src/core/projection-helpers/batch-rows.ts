/**
 * The rows of a batch: folded in memory and written back with a few set-based statements,
 * so a batch of hundreds of events costs a handful of round trips.
 */
import type { ProjectionTx } from "../projection.js";
import { selectIn } from "./table-reads.js";
import type { TableSpec } from "./table-spec.js";
import { insertRows, upsertRows } from "./table-writes.js";

/**
 * The rows of one table that a batch reads and writes: loaded once, changed in memory, and
 * written back together by `flush`. Rows known not to exist in the table (created by the
 * batch, or asked for by `preload` and not found) are inserted; the others, upserted.
 */
export class BatchRows<Row> {
  private readonly rows = new Map<string, Row>();
  private readonly dirty = new Set<string>();
  /** Keys with no row in the table (yet). */
  private readonly absent = new Set<string>();

  constructor(
    private readonly load: (keys: string[]) => Promise<Row[]>,
    private readonly keyOf: (row: Row) => string,
    private readonly save: (rows: Row[]) => Promise<void>,
    /** Writes rows that are not in the table; `save` does when not given. */
    private readonly insert: (rows: Row[]) => Promise<void> = save,
  ) {}

  /** Loads the rows of these keys that are not in memory yet. */
  async preload(keys: Iterable<string>): Promise<void> {
    const missing = [...new Set(keys)].filter((key) => !this.rows.has(key) && !this.absent.has(key));
    if (missing.length === 0) return;
    for (const row of await this.load(missing)) this.rows.set(this.keyOf(row), row);
    for (const key of missing) if (!this.rows.has(key)) this.absent.add(key);
  }

  get(key: string): Row | undefined {
    return this.rows.get(key);
  }

  /** A row the projection cannot do without; a missing one means the log and the view disagree. */
  require(key: string, what: string): Row {
    const row = this.rows.get(key);
    if (!row) throw new Error(`${what}: no row ${key}`);
    return row;
  }

  set(row: Row): void {
    const key = this.keyOf(row);
    this.rows.set(key, row);
    this.dirty.add(key);
  }

  /**
   * A row that cannot be in the table yet (its stream's first event made it), without a
   * preload to ask: it is inserted, and one that exists after all fails the batch.
   */
  create(row: Row): void {
    this.absent.add(this.keyOf(row));
    this.set(row);
  }

  /** Rows in memory. */
  values(): IterableIterator<Row> {
    return this.rows.values();
  }

  /**
   * A change one statement makes to rows the batch may not have loaded (every order of a
   * customer, say): what is pending is written first, then `statement` runs, and the same
   * change (`next`) is mirrored on the rows in memory it `touches`, so that later events of
   * the batch build on it. Returns what the statement returns.
   */
  async rewrite<Result>(statement: () => Promise<Result>, touches: (row: Row) => boolean, next: (row: Row) => Row): Promise<Result> {
    await this.flush();
    const result = await statement();
    for (const row of [...this.rows.values()]) if (touches(row)) this.rows.set(this.keyOf(row), next(row));
    return result;
  }

  async flush(): Promise<void> {
    if (this.dirty.size === 0) return;
    const fresh: Row[] = [];
    const changed: Row[] = [];
    for (const key of this.dirty) {
      const row = this.rows.get(key)!;
      if (this.absent.delete(key)) fresh.push(row);
      else changed.push(row);
    }
    this.dirty.clear();
    if (fresh.length > 0) await this.insert(fresh);
    if (changed.length > 0) await this.save(changed);
  }
}

/**
 * BatchRows over a table of `spec`, loaded by `field` and keyed by it (or by `keyOf`, for a
 * key that is not the field's string form).
 */
export function tableRows<Row extends object>(
  tx: ProjectionTx,
  spec: TableSpec<Row>,
  field: keyof Row & string,
  keyOf: (row: Row) => string = (row) => String(row[field]),
): BatchRows<Row> {
  return new BatchRows<Row>(
    (keys) => selectIn(tx, spec, field, keys),
    keyOf,
    (rows) => upsertRows(tx, spec, rows),
    (rows) => insertRows(tx, spec, rows),
  );
}
