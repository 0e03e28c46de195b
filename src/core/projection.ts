/**
 * A projection: a named read model built from some event types. `apply` writes its rows
 * inside the transaction that also stores the checkpoint, so a batch is applied exactly
 * once or not at all. Rows carry the stream `version` and global `position` they reflect.
 */
import type { Transaction } from "./database/database.js";
import type { DomainEvent, LoggedEvent } from "./events.js";
import type { KeptBatch } from "./kept-rows.js";
import type { RowChange } from "./notifier.js";

/**
 * The transaction a batch runs in: plain SQL and COPY on one driver connection (Prisma
 * manages the tables' schema; the projector's hot path does without its per-call cost).
 */
export type ProjectionTx = Transaction & {
  /**
   * Queues a write of `table` whose only parameter, `$1`, is `param`, to be sent with the
   * batch's next statements (see DeferredWrites); writes helpers send at once without it.
   * `kept`: the caller (a table helper) tells `kept` what it wrote; otherwise a kept table is dropped.
   */
  defer?(table: string, text: string, param: string, kept?: boolean): Promise<void>;
  /** The rows the runner keeps between batches (see KeptRows), that the table helpers read and write through. */
  kept?: KeptBatch;
};

/** A row a batch changed: reported to `readModelChanged` and `minVersion` waiters after commit. */
export type ChangedRow = Omit<RowChange, "projection">;

export interface Projection {
  /** Stable name, as in the GraphQL `Projection` enum (e.g. ACCOUNT_BALANCE). */
  readonly name: string;
  /** The event types it reads; others are skipped without being loaded. */
  readonly eventTypes: readonly string[];
  /**
   * Tables whose rows the runner keeps between batches (see KeptRows): those a batch reads
   * back by key (selectIn) and writes only through upsertRows or insertRows.
   */
  readonly keeps?: readonly string[];
  /** Applies events (in position order) and returns the rows it changed. */
  apply(events: readonly LoggedEvent[], tx: ProjectionTx): Promise<ChangedRow[]>;
  /** Deletes every row the projection owns (for a rebuild). */
  reset(tx: ProjectionTx): Promise<void>;
  /** Vacuums and analyzes its tables (after a rebuild or a long catch-up: see ProjectorOptions.analyzeAfter). */
  analyze?(sql: Pick<ProjectionTx, "query">): Promise<void>;
}

/** A projection built with defineProjection: it names the tables it owns. */
export interface ReadModel extends Projection {
  /** Every table the projection writes: a rebuild empties them, tests compare them. */
  readonly tables: readonly string[];
}

/** The types of E that `T` leaves out (never when it lists them all). */
type Unlisted<E extends DomainEvent, T extends readonly string[]> = Exclude<E["type"], T[number]>;

/**
 * A projection over the events of union E (usually a module's event union, or part of it,
 * with others'): `eventTypes` must list every type of E and nothing else (a compile error
 * names what is missing), `apply` receives the batch typed as E, so its switches can be
 * exhaustive, and `reset` empties `tables`. Usage: `defineProjection<AccountEvent>()({ … })`.
 */
export function defineProjection<E extends DomainEvent>() {
  return <const T extends readonly E["type"][]>(definition: {
    name: string;
    eventTypes: T & (Unlisted<E, T> extends never ? unknown : { missing: Unlisted<E, T> });
    tables: readonly string[];
    keeps?: readonly string[];
    apply(events: readonly LoggedEvent<E>[], tx: ProjectionTx): Promise<ChangedRow[]>;
  }): ReadModel => {
    const { name, eventTypes, tables, keeps } = definition;
    return {
      name,
      eventTypes,
      tables,
      keeps,
      // The runner hands a projection only events of its types: of E, by the check above.
      apply: (events, tx) => definition.apply(events as readonly LoggedEvent<E>[], tx),
      async reset(tx) {
        await tx.query(`TRUNCATE ${tables.map((table) => `"${table}"`).join(", ")}`);
      },
      async analyze(sql) {
        // VACUUM, not only ANALYZE: it also sets the visibility map (index-only counts) and
        // merges what waits in GIN indexes' pending lists (which every search scans).
        await sql.query(`VACUUM (ANALYZE) ${tables.map((table) => `"${table}"`).join(", ")}`);
      },
    };
  };
}
