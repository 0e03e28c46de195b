/**
 * The failure policy of projection runners. A checkpoint moved by someone else is resynced
 * from the stored one; a lost database is waited out with backoff; a batch that fails is
 * applied again one event at a time, and the event that fails alone stops the projection
 * (FAILED) with a short reason naming the event, never the error's own text (which goes to
 * the server log only).
 */
import { isConnectionError, sqlState } from "./database/database.js";
import type { LoggedEvent } from "./events.js";
import { CheckpointMoved } from "./projection-checkpoint.js";

/** The projection threw applying this event (alone in its batch). */
export class ApplyFailed extends Error {
  constructor(
    readonly event: LoggedEvent,
    override readonly cause: unknown,
  ) {
    super(`applying ${event.type} at ${event.position}`);
  }
}

/** What a runner does about an error its loop caught. */
export type Recovery = "resync" | "wait out" | "stop";

export function recoveryFor(error: unknown): Recovery {
  // A deadlock or a serialization failure is another writer's doing (two runners of one
  // projection during a failover's overlap write the same rows and checkpoint, in whatever
  // order one statement's WITHs take): the batch rolled back, and the stored checkpoint says
  // where to go on from, as after a moved one.
  if (error instanceof CheckpointMoved || CONFLICTS.has(sqlState(error) ?? "")) return "resync";
  return isConnectionError(error) ? "wait out" : "stop";
}

/** deadlock_detected, serialization_failure. */
const CONFLICTS = new Set(["40P01", "40001"]);

/** How long to wait before the `attempt`-th retry while the database is unreachable (ms). */
export function outageDelayMs(attempt: number): number {
  return Math.min(100 * 2 ** Math.min(attempt, 6), 5000);
}

/**
 * Rows a batch inserts as new exist after all: another runner (an instance that ran the
 * projection a moment ago) may have committed them with its checkpoint, before ours could
 * fail its compare-and-set.
 */
export const isUniqueViolation = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === "23505";

/** What is stored and shown for a stopped projection: the event, and a SQLSTATE at most. */
export function failureReason(error: unknown): string {
  return error instanceof ApplyFailed
    ? `event ${error.event.position} (${error.event.type}) could not be applied${sqlStateOf(error.cause)}: the error is in the server log`
    : `stopped by an internal error${sqlStateOf(error)}: the error is in the server log`;
}

/** " (SQLSTATE xxxxx)" for a database error, else nothing: a code, never the database's words. */
function sqlStateOf(error: unknown): string {
  const code = sqlState(error);
  return code ? ` (SQLSTATE ${code})` : "";
}
