/**
 * A projection: a named read model built from some event types. `apply` writes its rows
 * inside the transaction that also stores the checkpoint, so a batch is applied exactly
 * once or not at all. Rows carry the stream `version` and global `position` they reflect.
 */
import type { Transaction } from "./database/database.js";
import type { LoggedEvent } from "./events.js";
import type { RowChange } from "./notifier.js";

/**
 * The transaction a batch runs in: plain SQL and COPY on one driver connection (Prisma
 * manages the tables' schema; the projector's hot path does without its per-call cost).
 */
export type ProjectionTx = Transaction;

/** A row a batch changed: reported to `readModelChanged` and `minVersion` waiters after commit. */
export type ChangedRow = Omit<RowChange, "projection">;

export interface Projection {
  /** Stable name, as in the GraphQL `Projection` enum (e.g. ACCOUNT_BALANCE). */
  readonly name: string;
  /** The event types it reads; others are skipped without being loaded. */
  readonly eventTypes: readonly string[];
  /** Applies events (in position order) and returns the rows it changed. */
  apply(events: readonly LoggedEvent[], tx: ProjectionTx): Promise<ChangedRow[]>;
  /** Deletes every row the projection owns (for a rebuild). */
  reset(tx: ProjectionTx): Promise<void>;
}
