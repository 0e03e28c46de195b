/**
 * A projection's checkpoint: where it is in the log, in memory (every event at or below
 * `position` has been applied, and waiters are told so) and as stored in
 * `projection_checkpoints` (`persisted`, at most `position`). Every write of the stored
 * checkpoint is a compare-and-set from the last one this process wrote: a checkpoint moved
 * by anyone else (an instance that ran the projection a moment ago, a rebuild) is
 * CheckpointMoved, never overwritten. A batch advances it in the transaction that writes its
 * rows; a checkpoint that moved only over events of other types is written within a delay.
 */
import type { Sql } from "./database/database.js";

/** The compare-and-set, raising CUMOV when the checkpoint moved: it may end a statement of a batch's writes. */
const ADVANCE = "SELECT catchup_advance_checkpoint($1, $2, $3) AS name";

/** A compare-and-set of the checkpoint found it moved by someone else. */
export class CheckpointMoved extends Error {}

export class Checkpoint {
  /** Every event at or below this position has been applied (announced as the checkpoint). */
  position = 0n;
  /** The checkpoint as stored; at most `position`, behind it only over events of other types. */
  persisted = 0n;
  private timer: NodeJS.Timeout | undefined;
  /** Whether the delayed write is due (the runner's loop does it: see persist). */
  due = false;

  constructor(
    private readonly sql: Sql,
    readonly name: string,
    private readonly persistDelayMs: number,
  ) {}

  /** Reads the stored checkpoint (creating it at 0) and clears a failure stored with it. */
  async claim(): Promise<bigint> {
    const [row] = await this.sql.query<{ position: string }>(
      `INSERT INTO projection_checkpoints (name, position) VALUES ($1, 0)
       ON CONFLICT (name) DO UPDATE SET last_error = NULL, failed_at = NULL RETURNING position`,
      [this.name],
    );
    this.position = this.persisted = BigInt(row!.position);
    return this.position;
  }

  /**
   * In a rebuild's transaction (`tx`, which also deletes the rows): sets the stored
   * checkpoint to 0, returning the one it had.
   */
  async reset(tx: Pick<Sql, "query">): Promise<bigint> {
    const [checkpoint] = await tx.query<{ position: string }>("SELECT position FROM projection_checkpoints WHERE name = $1 FOR UPDATE", [
      this.name,
    ]);
    await tx.query(
      `INSERT INTO projection_checkpoints (name, position) VALUES ($1, 0)
       ON CONFLICT (name) DO UPDATE SET position = 0, last_error = NULL, failed_at = NULL, updated_at = now()`,
      [this.name],
    );
    return checkpoint ? BigInt(checkpoint.position) : 0n;
  }

  /**
   * In a batch's transaction (or alone, for a checkpoint that moved in memory): moves the stored checkpoint from `persisted` to `to`, or throws
   * CheckpointMoved, failing the statement it is part of (with the batch's writes: see
   * DeferredWrites.conclude), so that rows are never written without their checkpoint.
   */
  async advance(tx: Pick<Sql, "query">, to: bigint): Promise<void> {
    const from = this.persisted;
    try {
      await tx.query(ADVANCE, [this.name, from, to], { prepare: true, standalone: true });
    } catch (error) {
      if ((error as { code?: unknown } | null)?.code === "CUMOV") throw this.moved(from);
      throw error;
    }
  }

  /** After the batch's transaction committed. */
  committed(to: bigint): void {
    this.position = this.persisted = to;
  }

  /** The checkpoint moved in memory only (over events of other types): write it within the delay, calling `wake` when due. */
  movedInMemory(to: bigint, wake: () => void): void {
    this.position = to;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.due = true;
      wake();
    }, this.persistDelayMs);
  }

  /** Writes a checkpoint that only moved in memory. */
  async persist(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.due = false;
    const to = this.position;
    if (to <= this.persisted) return;
    await this.advance(this.sql, to);
    this.persisted = to;
  }

  /**
   * Goes on from the checkpoint as stored: after a lost connection it tells whether the last
   * batch committed; after a compare-and-set that failed, someone else moved it, and their
   * rows and checkpoint committed together, so continuing from theirs skips and repeats nothing.
   */
  async resync(): Promise<bigint> {
    this.position = this.persisted = await this.stored();
    this.due = false;
    return this.position;
  }

  async stored(): Promise<bigint> {
    const [row] = await this.sql.query<{ position: string }>("SELECT position FROM projection_checkpoints WHERE name = $1", [this.name]);
    return BigInt(row!.position);
  }

  /** Stores why the projection stopped (other instances and /readyz read it). */
  async markFailed(reason: string): Promise<void> {
    await this.sql.query("UPDATE projection_checkpoints SET last_error = $1, failed_at = now() WHERE name = $2", [reason, this.name]);
  }

  moved(from: bigint): CheckpointMoved {
    return new CheckpointMoved(`checkpoint of ${this.name} moved away from ${from}`);
  }
}
