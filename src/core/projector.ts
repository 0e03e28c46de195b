/**
 * Runs projections: one ProjectionRunner per projection, woken by the process's LogWatcher
 * (./log-watcher.ts). A runner takes the log from its checkpoint up to the safe head in
 * batches and commits its rows and checkpoint in one transaction. A range with nothing for
 * it only moves the checkpoint in memory (announced at once, written within a second):
 * losing that write in a crash costs a re-read of events it does not handle, nothing more.
 *
 * A runner whose projection throws stops (state FAILED), and the others go on; a restart
 * resumes it from its checkpoint. The error itself goes to the log (`onFailure`); what is
 * stored and shown (`lastError`, /readyz, PROJECTION_FAILED) is a short reason naming the
 * event, never the error's own text.
 */
import { isConnectionError, type Database } from "./database/database.js";
import type { LoggedEvent } from "./events.js";
import { sqlState, type EventStore } from "./event-store.js";
import { LogReader, LogWatcher } from "./log-watcher.js";
import { Leadership } from "./cluster/leadership.js";
import type { Notifier } from "./notifier.js";
import type { ChangedRow, Projection } from "./projection.js";

export type ProjectionState = "STARTING" | "RUNNING" | "REBUILDING" | "FAILED" | "STOPPED" | "STANDBY";

/** Where runners announce their progress: the Notifier, or a ClusterLink's announcer. */
export type Announcer = Pick<Notifier, "checkpoint" | "publishCheckpoint" | "publishRowChanges" | "publishReplay" | "resetCheckpoint" | "failure" | "publishFailure">;

export interface ProjectionStatus {
  name: string;
  state: ProjectionState;
  position: bigint;
  headPosition: bigint;
  lastError: string | null;
  /** Events applied since this process started the runner (or the rebuild began). */
  eventsApplied: number;
}

export interface ProjectorOptions {
  /** Events per transaction. */
  batchSize?: number;
  /** Head sampling interval when nothing wakes the watcher, in ms. */
  idlePollMs?: number;
  /** Sampling interval while a sample waits for in-flight appends to end, in ms. */
  settlePollMs?: number;
  /** How long a checkpoint that moved over events of other types may stay unwritten, in ms. */
  persistDelayMs?: number;
  /**
   * Several instances on one PostgreSQL: run a projection only while holding its advisory
   * lock (cluster/leadership.ts), standing by otherwise.
   */
  election?: { url: string; retryMs: number; onError?: (error: unknown) => void };
  /** Told each error that stops a projection, with the short reason shown for it (for the log). */
  onFailure?: (projection: string, reason: string, error: unknown) => void;
}

/** How a runner batches and reports (see ProjectorOptions). */
interface RunnerSettings {
  batchSize: number;
  persistDelayMs: number;
  onFailure: (projection: string, reason: string, error: unknown) => void;
}


/** A projection reading at least 1 in DENSE events of the log shares the reader's chunks. */
const DENSE = 8n;
/**
 * The reader's chunks span this many batches of positions; far behind the head, one batch
 * may take up to a chunk's worth of events (see step).
 */
const CHUNK_BATCHES = 4;
/** The widest catch-up window, in batches. */
const MAX_WINDOW_BATCHES = 256n;

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);

const ADVANCE =
  "UPDATE projection_checkpoints SET position = $1, last_error = NULL, failed_at = NULL, updated_at = now() WHERE name = $2 AND position = $3 RETURNING name";

export class ProjectionRunner {
  state: ProjectionState = "STOPPED";
  /** Every event at or below this position has been applied (announced as the checkpoint). */
  position = 0n;
  /** The checkpoint as stored; at most `position`, behind it only over events of other types. */
  private persisted = 0n;
  private persistTimer: NodeJS.Timeout | undefined;
  private persistDue = false;
  /** Consecutive failed attempts while the database is unreachable. */
  private outage = 0;
  lastError: string | null = null;
  eventsApplied = 0;
  private readonly types: ReadonlySet<string>;
  private readonly batchSize: number;
  /** Whether at least 1 in DENSE events of the last stretch read was of this projection's types. */
  private dense = true;
  /** Positions a catch-up read of this projection's own types covers (see step). */
  private window: bigint;
  /** While REBUILDING: the head position at which the rebuild counts as done. */
  private rebuildTarget = 0n;
  /**
   * After a rebuild: the checkpoint the projection had before it. Row changes made only by
   * events up to it replay changes already announced (the rows end at the versions that
   * readModelChanged subscribers saw), so they are not announced again: in a cluster each
   * would cross the bus, about four per event of the log.
   */
  private replayedUpTo = 0n;
  /** Up to this position, after a batch failed, events are applied one at a time. */
  private carefulUntil = 0n;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  /** A stop in progress (its loop may still finish a batch); start waits for it. */
  private stopping: Promise<void> | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    readonly projection: Projection,
    private readonly database: Database,
    private readonly store: EventStore,
    private readonly watcher: LogWatcher,
    private readonly reader: LogReader,
    private readonly notifier: Announcer,
    private readonly settings: RunnerSettings,
  ) {
    this.batchSize = settings.batchSize;
    this.window = BigInt(settings.batchSize) * 2n;
    this.types = new Set(projection.eventTypes);
  }

  async start(): Promise<void> {
    await this.stopping;
    if (this.loop) return;
    this.state = "STARTING";
    this.lastError = null;
    const { name } = this.projection;
    // Running again: a failure stored earlier no longer holds (other instances read it).
    const [row] = await this.database.sql.query<{ position: string }>(
      `INSERT INTO projection_checkpoints (name, position) VALUES ($1, 0)
       ON CONFLICT (name) DO UPDATE SET last_error = NULL, failed_at = NULL RETURNING position`,
      [name],
    );
    this.position = this.persisted = BigInt(row!.position);
    this.notifier.publishFailure(name, null);
    this.notifier.publishCheckpoint(name, this.position);
    this.unsubscribe = this.watcher.onAdvance(() => this.wake?.());
    this.state = this.position < this.rebuildTarget ? "REBUILDING" : "RUNNING";
    this.loop = this.run();
  }

  /**
   * Deletes the projection's rows and replays the log into it from position 0. The runner
   * shows REBUILDING until it reaches the head as of now, then RUNNING. Reads of this view
   * wait (minPosition, minVersion) or see partial rows meanwhile; other projections are
   * untouched. Rows it rewrites are announced only past the checkpoint it had (replayedUpTo).
   */
  async rebuild(): Promise<void> {
    await this.stop();
    const { name } = this.projection;
    const had = await this.database.sql.transaction(async (tx) => {
      const [checkpoint] = await tx.query<{ position: string }>("SELECT position FROM projection_checkpoints WHERE name = $1 FOR UPDATE", [name]);
      await this.projection.reset(tx);
      await tx.query(
        `INSERT INTO projection_checkpoints (name, position) VALUES ($1, 0)
         ON CONFLICT (name) DO UPDATE SET position = 0, last_error = NULL, failed_at = NULL, updated_at = now()`,
        [name],
      );
      return checkpoint ? BigInt(checkpoint.position) : 0n;
    });
    this.replayedUpTo = max(this.replayedUpTo, had);
    this.notifier.resetCheckpoint(name);
    // Everything committed now; the safe head may still lag behind it.
    this.rebuildTarget = await this.store.lastPosition();
    this.eventsApplied = 0;
    await this.start();
  }

  private get active(): boolean {
    return this.state === "RUNNING" || this.state === "REBUILDING";
  }

  async stop(): Promise<void> {
    if (this.active || this.state === "STARTING") this.state = "STOPPED";
    this.unsubscribe?.();
    this.wake?.();
    const stopping = (async () => {
      await this.loop;
      this.loop = undefined;
      await this.persist().catch(() => {});
    })();
    this.stopping = stopping;
    await stopping;
    if (this.stopping === stopping) this.stopping = undefined;
  }

  /** Stops running here: another instance runs the projection (or will). */
  async standBy(): Promise<void> {
    await this.stop();
    this.state = "STANDBY";
  }

  status(): ProjectionStatus {
    const { name } = this.projection;
    // Standing by, the checkpoint is the one the running instance announced, and a failure
    // the one it reported.
    const standby = this.state === "STANDBY";
    const failedElsewhere = standby ? this.notifier.failure(name) : undefined;
    return {
      name,
      state: failedElsewhere !== undefined ? "FAILED" : this.state,
      position: standby ? this.notifier.checkpoint(name) : this.position,
      headPosition: this.watcher.head,
      lastError: failedElsewhere ?? this.lastError,
      eventsApplied: this.eventsApplied,
    };
  }

  /**
   * The runner's one loop: every write of its checkpoint (a batch, or a checkpoint that only
   * moved in memory) happens here, one at a time, so their compare-and-set never races.
   */
  private async run(): Promise<void> {
    while (this.active) {
      try {
        if (this.persistDue) {
          this.persistDue = false;
          await this.persist();
        }
        const head = this.watcher.head;
        if (this.position >= head) {
          await new Promise<void>((resolve) => {
            this.wake = resolve;
            if (this.watcher.head > this.position || this.persistDue || !this.active) resolve();
          });
          this.wake = undefined;
          continue;
        }
        await this.step(head);
        this.outage = 0;
      } catch (error) {
        try {
          if (error instanceof CheckpointMoved && this.active) await this.resync();
          else if (isConnectionError(error) && this.active) await this.waitOut();
          else throw error;
        } catch (failure) {
          await this.fail(failure);
        }
      }
    }
  }

  /**
   * The database went away (a lost connection, a restart): wait, with backoff, until the
   * checkpoint can be read again, and go on from it. The batch in flight either committed
   * with its checkpoint or not at all, so the stored checkpoint says which: nothing is
   * skipped or applied twice.
   */
  private async waitOut(): Promise<void> {
    this.lastError = "the database is unavailable; retrying";
    for (;;) {
      this.outage++;
      await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** Math.min(this.outage, 6), 5000)));
      if (!this.active) return;
      try {
        await this.resync();
        this.lastError = null;
        return;
      } catch (retry) {
        if (!isConnectionError(retry)) throw retry;
      }
    }
  }

  /** Applies one batch of events in (position, head], then publishes the new checkpoint. */
  private async step(head: bigint): Promise<void> {
    const { projection } = this;
    // Near the head, runners share one read of everything new (they are usually at the same
    // checkpoint). Far behind it (catching up, rebuilding), a projection whose types fill
    // much of the log, or that finds the stretch already read by another runner, takes the
    // log from the reader's shared chunks; one whose types are rare reads only them, through
    // the type index, in a window of positions that widens over sparse stretches. (An
    // unbounded range would make the index return the whole rest of the log, to be sorted
    // for every batch: quadratic in the log.)
    const catchingUp = head - this.position > BigInt(this.batchSize);
    // Far behind, batches take up to a chunk of events: a rebuild commits a quarter as
    // often and rewrites its aggregate rows (per customer, per product, per day) a quarter
    // as often. Near the head, batchSize keeps each commit, and so the lag, short. After a
    // failed batch, one event at a time finds the event that fails.
    const limit = this.position < this.carefulUntil ? 1 : catchingUp ? this.batchSize * CHUNK_BATCHES : this.batchSize;
    const { reader } = this;
    let upTo: bigint;
    let events: LoggedEvent[];
    if (catchingUp && reader.chunkEnd(this.position) <= head && (this.dense || reader.cached(this.position))) {
      upTo = reader.chunkEnd(this.position);
      events = (await reader.chunk(this.position)).filter((event) => event.position > this.position && this.types.has(event.type));
    } else if (catchingUp) {
      upTo = min(head, this.position + this.window);
      events = await this.store.readAll(this.position, { upTo, limit, types: projection.eventTypes });
      this.adaptWindow(events.length, limit);
    } else {
      const all = await reader.read(this.position, head, this.batchSize);
      // A full read may stop short of the head.
      upTo = all.length === this.batchSize ? all.at(-1)!.position : head;
      events = all.filter((event) => this.types.has(event.type));
    }
    // A full batch may stop short of its range; otherwise the whole range (position, upTo] is done.
    if (events.length > limit) events = events.slice(0, limit);
    const to = events.length === limit ? events.at(-1)!.position : upTo;
    if (catchingUp) this.dense = BigInt(events.length) * DENSE >= to - this.position;
    let changes: ChangedRow[] = [];
    if (events.length === 0) {
      this.persistSoon();
    } else {
      const from = this.persisted;
      // Catching up (a rebuild, a restart), commits need not wait for the disk: rows and
      // checkpoint share the transaction, so a crash loses both and the batch is re-applied.
      try {
        changes = await this.database.sql.transaction(async (tx) => {
          const changed = await projection.apply(events, tx);
          // Compare-and-set: a checkpoint moved by anyone else aborts this batch.
          if ((await tx.query(ADVANCE, [to, projection.name, from], { prepare: true })).length !== 1) throw this.moved(from);
          return changed;
        }, { durable: !catchingUp });
      } catch (error) {
        // Rows this batch inserts as new exist after all: another runner (an instance that
        // ran the projection a moment ago) committed them with its checkpoint, before ours
        // could fail its compare-and-set. Anything else is a fault of the projection.
        if (isUniqueViolation(error) && (await this.storedPosition()) !== from) throw this.moved(from);
        if (error instanceof CheckpointMoved || isConnectionError(error)) throw error;
        // Apply what comes before the failing event, and stop right at it, with its error.
        if (events.length > 1) {
          this.carefulUntil = to;
          return;
        }
        throw new ApplyFailed(events[0]!, error);
      }
      this.persisted = to;
    }
    this.position = to;
    this.eventsApplied += events.length;
    if (this.state === "REBUILDING" && to >= this.rebuildTarget) this.state = "RUNNING";
    if (this.replayedUpTo > 0n) {
      const all = changes.length;
      changes = changes.filter((change) => change.position > this.replayedUpTo);
      if (changes.length < all) this.notifier.publishReplay(projection.name);
      if (to >= this.replayedUpTo) this.replayedUpTo = 0n;
    }
    this.notifier.publishRowChanges(changes.map((change) => ({ projection: projection.name, ...change })));
    this.notifier.publishCheckpoint(projection.name, to);
  }

  /** Widens the catch-up window over sparse stretches of the log, narrows it over dense ones. */
  private adaptWindow(read: number, limit: number): void {
    const batch = BigInt(this.batchSize);
    if (read === limit) this.window = max(batch, this.window / 2n);
    else if (read < limit / 2) this.window = min(batch * MAX_WINDOW_BATCHES, this.window * 2n);
  }

  private moved(from: bigint): Error {
    return new CheckpointMoved(`checkpoint of ${this.projection.name} moved away from ${from}`);
  }

  /**
   * Goes on from the checkpoint as stored. After a lost connection, it tells whether the
   * last batch committed; after a compare-and-set that failed, someone else moved it (an
   * instance that ran the projection before this one took over, or a rebuild): their rows
   * and checkpoint committed together, so continuing from theirs skips and repeats nothing.
   */
  private async resync(): Promise<void> {
    this.position = this.persisted = await this.storedPosition();
    this.persistDue = false;
    // Stored means committed: waiters may count on it (a lower one is ignored).
    this.notifier.publishCheckpoint(this.projection.name, this.position);
  }

  private async storedPosition(): Promise<bigint> {
    const [row] = await this.database.sql.query<{ position: string }>("SELECT position FROM projection_checkpoints WHERE name = $1", [this.projection.name]);
    return BigInt(row!.position);
  }

  /** Asks the loop to write the in-memory checkpoint within persistDelayMs. */
  private persistSoon(): void {
    this.persistTimer ??= setTimeout(() => {
      this.persistTimer = undefined;
      this.persistDue = true;
      this.wake?.();
    }, this.settings.persistDelayMs);
  }

  /** Writes a checkpoint that only moved in memory. */
  private async persist(): Promise<void> {
    clearTimeout(this.persistTimer);
    this.persistTimer = undefined;
    const from = this.persisted;
    const to = this.position;
    if (to <= from) return;
    const rows = await this.database.sql.query(ADVANCE, [to, this.projection.name, from], { prepare: true });
    if (rows.length !== 1) throw this.moved(from);
    this.persisted = to;
  }

  private async fail(error: unknown): Promise<void> {
    const { name } = this.projection;
    const reason =
      error instanceof ApplyFailed
        ? `event ${error.event.position} (${error.event.type}) could not be applied${sqlStateOf(error.cause)}: the error is in the server log`
        : `stopped by an internal error${sqlStateOf(error)}: the error is in the server log`;
    this.state = "FAILED";
    this.lastError = reason;
    this.unsubscribe?.();
    this.settings.onFailure(name, reason, error instanceof ApplyFailed ? error.cause : error);
    await this.persist().catch(() => {});
    this.notifier.publishFailure(name, reason);
    await this.database.sql.query("UPDATE projection_checkpoints SET last_error = $1, failed_at = now() WHERE name = $2", [reason, name]).catch(() => {});
  }
}

/** A compare-and-set of the checkpoint found it moved by someone else. */
class CheckpointMoved extends Error {}

/** The projection threw applying this event (alone in its batch). */
class ApplyFailed extends Error {
  constructor(
    readonly event: LoggedEvent,
    override readonly cause: unknown,
  ) {
    super(`applying ${event.type} at ${event.position}`);
  }
}

/** " (SQLSTATE xxxxx)" for a database error, else nothing: a code, never the database's words. */
function sqlStateOf(error: unknown): string {
  const code = sqlState(error);
  return code ? ` (SQLSTATE ${code})` : "";
}

const isUniqueViolation = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === "23505";

/** All projections of a process, sharing one LogWatcher. */
export class Projector {
  readonly watcher: LogWatcher;
  readonly runners: ProjectionRunner[];
  private leadership: Leadership | undefined;
  /** Runs no projection at all (an API-only instance). */
  private passive = false;

  constructor(
    db: Database,
    store: EventStore,
    notifier: Announcer,
    projections: readonly Projection[],
    options: ProjectorOptions = {},
  ) {
    this.watcher = new LogWatcher(store, { idlePollMs: options.idlePollMs ?? 1000, settlePollMs: options.settlePollMs ?? 5 });
    const batchSize = options.batchSize ?? 500;
    const reader = new LogReader(store, BigInt(batchSize * CHUNK_BATCHES));
    this.runners = projections.map(
      (projection) =>
        new ProjectionRunner(projection, db, store, this.watcher, reader, notifier, {
          batchSize,
          persistDelayMs: options.persistDelayMs ?? 1000,
          onFailure: options.onFailure ?? (() => {}),
        }),
    );
    const { election } = options;
    if (election) {
      this.leadership = new Leadership(election.url, this.names, {
        retryMs: election.retryMs,
        onAcquire: (name) => void this.runner(name).start().catch(election.onError),
        onLose: (name) => void this.runner(name).standBy(),
        onError: election.onError,
      });
    }
  }

  /** Projections this instance runs now (all of them without an election, none on an API-only instance). */
  get leading(): readonly string[] {
    if (this.passive) return [];
    return this.leadership ? this.names.filter((name) => this.leadership!.leading.has(name)) : this.names;
  }

  /** Shows every projection as run elsewhere (an API-only instance). */
  async standBy(): Promise<void> {
    this.passive = true;
    await Promise.all(this.runners.map((runner) => runner.standBy()));
    this.watcher.start();
  }

  get names(): string[] {
    return this.runners.map((runner) => runner.projection.name);
  }

  async start(): Promise<void> {
    if (this.leadership) {
      await Promise.all(this.runners.map((runner) => runner.standBy()));
      await this.leadership.start();
    } else {
      await Promise.all(this.runners.map((runner) => runner.start()));
    }
    this.watcher.start();
  }

  async stop(): Promise<void> {
    this.watcher.stop();
    await this.leadership?.stop();
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }

  status(): ProjectionStatus[] {
    return this.runners.map((runner) => runner.status());
  }

  runner(name: string): ProjectionRunner {
    const runner = this.runners.find((candidate) => candidate.projection.name === name);
    if (!runner) throw new Error(`unknown projection ${name}`);
    return runner;
  }
}
