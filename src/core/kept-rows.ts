/**
 * Rows a projection runner keeps between its batches, so that a batch need not read back
 * what the batches before it wrote (ACCOUNT_BALANCE reads every account it books: one round
 * trip of each batch, a third of a STRONG write's wait).
 *
 * Why a kept row is the row in the table: it is what this runner read or wrote there, and
 * every batch ends with the checkpoint's compare-and-set in the same statement or
 * transaction as its writes. Had another runner written the projection's tables since (a
 * failover's overlap; a rebuild elsewhere), it would have moved the checkpoint: the batch then
 * fails as a whole, and the runner forgets what it kept before going on (resync). So a kept
 * table has one writer, its runner: a change made to it by hand or by a migration while a
 * runner keeps rows must move the checkpoint too (a rebuild does), or be followed by a restart.
 *
 * Within a batch, the kept rows are dropped (conservatively) whenever they might not follow:
 * a statement that is not a helper's read, a write that is not a helper's, a table read or
 * written through another spec than before, a row whose values are not of its columns' types.
 * Only tables a projection declares (`keeps`) with specs that read back exactly (`keepable`)
 * are kept.
 *
 * A batch sees the kept rows through a KeptBatch: what it reads and writes is kept only once
 * the batch has committed (`commit`); a failed batch leaves the kept rows as they were, which
 * is what the tables hold after its rollback. Rows are copied in and out: a projection may
 * change the rows it is given.
 */
import { Lru } from "./lru.js";
import { readsBack, type TableSpec } from "./projection-helpers/table-spec.js";

interface KeptTable {
  /** The spec its rows were read and written through: another one drops the table. */
  spec: TableSpec<never>;
  rows: Lru<string, object>;
}

/** Kept rows per table, at most `capacity` each (the least recently used go first). */
export class KeptRows {
  private readonly tables = new Map<string, KeptTable>();

  constructor(
    readonly keeps: ReadonlySet<string>,
    private readonly capacity = 10_000,
  ) {}

  /** The view of one batch. */
  batch(): KeptBatch {
    return new KeptBatch(this);
  }

  /** Forgets every kept row (the tables may have changed behind the runner). */
  clear(): void {
    this.tables.clear();
  }

  /** @internal The kept rows of `spec`'s table: none when they were kept through another spec. */
  rowsOf(spec: TableSpec<never>): Lru<string, object> | undefined {
    const kept = this.tables.get(spec.table);
    return kept?.spec === spec ? kept.rows : undefined;
  }

  /** @internal */
  keep(spec: TableSpec<never>, rows: Iterable<[string, object]>): void {
    let kept = this.tables.get(spec.table);
    if (kept?.spec !== spec) this.tables.set(spec.table, (kept = { spec, rows: new Lru({ maxEntries: this.capacity }) }));
    for (const [key, row] of rows) kept.rows.set(key, row);
  }

  /** @internal */
  drop(table: string): void {
    this.tables.delete(table);
  }
}

export class KeptBatch {
  /** What the batch read or wrote, by table: its spec, and its rows by key; kept once it commits. */
  private readonly seen = new Map<string, { spec: TableSpec<never>; rows: Map<string, object> }>();
  /** Tables whose kept rows may not follow what the batch did: they go at commit. */
  private readonly dropped = new Set<string>();
  private droppedAll = false;

  constructor(private readonly kept: KeptRows) {}

  /** Whether rows of the spec's table may be kept (and have not been dropped in this batch). */
  keeps(spec: TableSpec<never>): boolean {
    return this.kept.keeps.has(spec.table) && !this.droppedAll && !this.dropped.has(spec.table);
  }

  /** A copy of the kept row of `key`, or undefined when the batch must read it. */
  get<Row extends object>(spec: TableSpec<Row>, key: string): Row | undefined {
    const table = spec as TableSpec<never>;
    if (!this.keeps(table)) return undefined;
    const seen = this.seen.get(spec.table);
    if (seen && seen.spec !== table) return this.drop(spec.table);
    const row = seen?.rows.get(key) ?? this.kept.rowsOf(table)?.get(key);
    return row === undefined ? undefined : (structuredClone(row) as Row);
  }

  /**
   * Rows as the batch read them from the table, or as it wrote them there. A row whose values
   * are not what the table gives back for its columns (a number in a bigint column, a string
   * in a timestamptz one) drops the table instead.
   */
  saw<Row extends object>(spec: TableSpec<Row>, rows: readonly Row[]): void {
    const table = spec as TableSpec<never>;
    if (!this.keeps(table)) return;
    let seen = this.seen.get(spec.table);
    if (seen && seen.spec !== table) return void this.drop(spec.table);
    if (!rows.every((row) => readsBack(spec, row))) return void this.drop(spec.table);
    if (!seen) this.seen.set(spec.table, (seen = { spec: table, rows: new Map() }));
    const field = spec.key[0]!;
    for (const row of rows) seen.rows.set(String(row[field]), structuredClone(row));
  }

  /** The batch wrote `table` otherwise than through the helpers: keep none of it. */
  drop(table: string): undefined {
    this.dropped.add(table);
    this.seen.delete(table);
    return undefined;
  }

  /** The batch ran a statement that may have written anything: keep nothing of any table. */
  dropAll(): void {
    this.droppedAll = true;
    this.seen.clear();
  }

  /** The batch committed: what it read and wrote is the table's now. */
  commit(): void {
    if (this.droppedAll) return this.kept.clear();
    for (const table of this.dropped) this.kept.drop(table);
    for (const { spec, rows } of this.seen.values()) this.kept.keep(spec, rows);
  }
}
