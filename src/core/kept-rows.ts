/**
 * Rows a projection runner keeps between its batches, so that a batch need not read back
 * what the batches before it wrote (ACCOUNT_BALANCE reads every account it books: one round
 * trip of each batch, a third of a STRONG write's wait).
 *
 * Why a kept row is the row in the table: it is what this runner read or wrote there, and
 * every batch ends with the checkpoint's compare-and-set in the same statement or
 * transaction as its writes. Had anything else written the projection's tables since (another
 * runner, in a failover's overlap; a rebuild), it would have moved the checkpoint: the batch
 * then fails as a whole, and the runner forgets what it kept before going on (resync).
 * Only tables a projection declares (`keeps`) are kept, and they must be written through the
 * table helpers (upsertRows, insertRows); any other statement that writes one drops it.
 *
 * A batch sees the kept rows through a KeptBatch: what it reads and writes is kept only once
 * the batch has committed (`commit`); a failed batch leaves the kept rows as they were, which
 * is what the tables hold after its rollback. Rows are copied in and out: a projection may
 * change the rows it is given.
 */
import { Lru } from "./lru.js";

/** Kept rows per table, at most `capacity` each (the least recently used go first). */
export class KeptRows {
  private readonly tables = new Map<string, Lru<string, object>>();

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

  /** @internal */
  table(table: string): Lru<string, object> {
    let rows = this.tables.get(table);
    if (!rows) this.tables.set(table, (rows = new Lru<string, object>({ maxEntries: this.capacity })));
    return rows;
  }

  /** @internal */
  drop(table: string): void {
    this.tables.delete(table);
  }
}

export class KeptBatch {
  /** What the batch read or wrote, by table and key: kept once it commits. */
  private readonly seen = new Map<string, Map<string, object>>();
  /** Tables written otherwise than through the helpers: their kept rows go at commit. */
  private readonly dropped = new Set<string>();

  constructor(private readonly kept: KeptRows) {}

  /** Whether rows of `table` may be kept (and have not been dropped in this batch). */
  keeps(table: string): boolean {
    return this.kept.keeps.has(table) && !this.dropped.has(table);
  }

  /** A copy of the kept row of `key`, or undefined when the batch must read it. */
  get<Row extends object>(table: string, key: string): Row | undefined {
    if (!this.keeps(table)) return undefined;
    const row = this.seen.get(table)?.get(key) ?? this.kept.table(table).get(key);
    return row === undefined ? undefined : (structuredClone(row) as Row);
  }

  /** Rows as the batch read them from the table, or as it wrote them there. */
  saw<Row extends object>(table: string, keyOf: (row: Row) => string, rows: readonly Row[]): void {
    if (!this.keeps(table)) return;
    let seen = this.seen.get(table);
    if (!seen) this.seen.set(table, (seen = new Map()));
    for (const row of rows) seen.set(keyOf(row), structuredClone(row));
  }

  /** A statement wrote `table` in a way these rows cannot follow: keep none of it. */
  drop(table: string): void {
    if (!this.kept.keeps.has(table)) return;
    this.dropped.add(table);
    this.seen.delete(table);
  }

  /** The batch committed: what it read and wrote is the table's now. */
  commit(): void {
    for (const table of this.dropped) this.kept.drop(table);
    for (const [table, rows] of this.seen) {
      const kept = this.kept.table(table);
      for (const [key, row] of rows) kept.set(key, row);
    }
  }
}

/** The tables a statement may write (INSERT INTO, UPDATE, DELETE FROM, TRUNCATE), by name. */
export function writtenTables(text: string): string[] {
  const NAME = String.raw`(?:"[^"]+"|[a-z_][a-z0-9_]*)`;
  const tables: string[] = [];
  const name = (quoted: string) => (quoted.startsWith('"') ? quoted.slice(1, -1) : quoted.toLowerCase());
  for (const match of text.matchAll(new RegExp(String.raw`\b(?:insert\s+into|update|delete\s+from)\s+(?:only\s+)?(${NAME})`, "gi")))
    tables.push(name(match[1]!));
  for (const match of text.matchAll(new RegExp(String.raw`\btruncate\s+(?:table\s+)?(?:only\s+)?(${NAME}(?:\s*,\s*${NAME})*)`, "gi")))
    for (const part of match[1]!.split(/\s*,\s*/)) tables.push(name(part));
  return tables;
}
