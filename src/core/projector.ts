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
import type { Database } from "./database/database.js";
import { DeferredWrites } from "./deferred-writes.js";
import { KeptRows } from "./kept-rows.js";
import type { EventStore } from "./event-store.js";
import { LogReader, LogWatcher } from "./log-watcher.js";
import { Leadership } from "./cluster/leadership.js";
import type { Notifier } from "./notifier.js";
import type { ChangedRow, Projection } from "./projection.js";
import { Checkpoint } from "./projection-checkpoint.js";
import { ApplyFailed, failureReason, isUniqueViolation, outageDelayMs, recoveryFor } from "./projection-failures.js";
import { CHUNK_BATCHES, ReadPlanner } from "./projection-reads.js";

export type ProjectionState = "STARTING" | "RUNNING" | "REBUILDING" | "FAILED" | "STOPPED" | "STANDBY";

/** Where runners announce their progress: the Notifier, or a ClusterLink's announcer. */
export type Announcer = Pick<
  Notifier,
  "checkpoint" | "publishCheckpoint" | "publishRowChanges" | "publishReplay" | "resetCheckpoint" | "failure" | "publishFailure"
>;

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
  /** Development only (CATCHUP_DEV_PROJECTION_DELAY_MS): how long each batch waits before it is read and applied, in ms. */
  batchDelayMs?: number;
  /**
   * Events applied catching up (a rebuild, a start far behind) after which a runner, once at
   * the head, refreshes its tables' statistics and visibility map (ReadModel.analyze): 10,000
   * on PostgreSQL, never on PGlite by default.
   */
  analyzeAfter?: number;
}

/** How a runner batches and reports (see ProjectorOptions). */
interface RunnerSettings {
  batchSize: number;
  batchDelayMs: number;
  persistDelayMs: number;
  analyzeAfter: number;
  onFailure: (projection: string, reason: string, error: unknown) => void;
}

const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);

/**
 * One projection's lifecycle (start, stop, rebuild, stand by) and its loop: plan a read
 * (./projection-reads.ts), apply the batch with its checkpoint in one transaction
 * (./projection-checkpoint.ts), announce, and meet failures by the policy of
 * ./projection-failures.ts.
 */
export class ProjectionRunner {
  state: ProjectionState = "STOPPED";
  lastError: string | null = null;
  eventsApplied = 0;
  private readonly checkpoint: Checkpoint;
  private readonly reads: ReadPlanner;
  /** Consecutive failed attempts while the database is unreachable. */
  private outage = 0;
  /** While REBUILDING: the head position at which the rebuild counts as done. */
  private rebuildTarget = 0n;
  /** Events applied catching up since the tables' statistics were last refreshed (see analyze). */
  private unanalyzed = 0;
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
  /** Ends the development delay before a batch (batchDelayMs) at once: a stop need not wait it out. */
  private endDelay: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  /**
   * The lifecycle changes (start, stop, rebuild, stand by) asked for, run one after another:
   * two rebuilds at once ran two loops over one checkpoint (a balance read 107 where its
   * stream said 80; or a loop waited for good on a wake-up the other took).
   */
  private changes: Promise<unknown> = Promise.resolve();
  private unsubscribe: (() => void) | undefined;
  /** Rows of the projection's `keeps` tables, kept between batches (see KeptRows). */
  private readonly kept: KeptRows;

  constructor(
    readonly projection: Projection,
    private readonly database: Database,
    private readonly store: EventStore,
    private readonly watcher: LogWatcher,
    reader: LogReader,
    private readonly notifier: Announcer,
    private readonly settings: RunnerSettings,
  ) {
    this.kept = new KeptRows(new Set(projection.keeps ?? []));
    this.checkpoint = new Checkpoint(database.sql, projection.name, settings.persistDelayMs);
    this.reads = new ReadPlanner(store, reader, projection.eventTypes, settings.batchSize);
  }

  /** Every event at or below this position has been applied (announced as the checkpoint). */
  get position(): bigint {
    return this.checkpoint.position;
  }

  start(): Promise<void> {
    return this.serially(() => this.starting());
  }

  /**
   * Deletes the projection's rows and replays the log into it from position 0. The runner
   * shows REBUILDING until it reaches the head as of now, then RUNNING. Reads of this view
   * wait (minPosition, minVersion) or see partial rows meanwhile; other projections are
   * untouched. Rows it rewrites are announced only past the checkpoint it had (replayedUpTo).
   */
  rebuild(): Promise<void> {
    return this.serially(async () => {
      await this.stopped();
      const had = await this.database.sql.transaction(async (tx) => {
        const previous = await this.checkpoint.reset(tx);
        await this.projection.reset(tx);
        return previous;
      });
      this.replayedUpTo = max(this.replayedUpTo, had);
      this.notifier.resetCheckpoint(this.projection.name);
      // Everything committed now; the safe head may still lag behind it.
      this.rebuildTarget = await this.store.lastPosition();
      this.eventsApplied = 0;
      await this.starting();
    });
  }

  stop(): Promise<void> {
    return this.serially(() => this.stopped());
  }

  /** Stops running here: another instance runs the projection (or will). */
  standBy(): Promise<void> {
    return this.serially(async () => {
      await this.stopped();
      this.state = "STANDBY";
    });
  }

  /** Runs `change` once every change asked for before it is done, whether it failed or not. */
  private serially<T>(change: () => Promise<T>): Promise<T> {
    const done = this.changes.then(change, change);
    this.changes = done.catch(() => {});
    return done;
  }

  private async starting(): Promise<void> {
    if (this.loop) return;
    this.state = "STARTING";
    this.lastError = null;
    // What was kept before a stop may not be what the tables hold now.
    this.kept.clear();
    const { name } = this.projection;
    // Running again: a failure stored earlier no longer holds (other instances read it).
    const position = await this.checkpoint.claim();
    this.notifier.publishFailure(name, null);
    this.notifier.publishCheckpoint(name, position);
    this.unsubscribe = this.watcher.onAdvance(() => this.wake?.());
    this.state = position < this.rebuildTarget ? "REBUILDING" : "RUNNING";
    this.loop = this.run();
  }

  private get active(): boolean {
    return this.state === "RUNNING" || this.state === "REBUILDING";
  }

  private async stopped(): Promise<void> {
    if (this.active || this.state === "STARTING") this.state = "STOPPED";
    this.unsubscribe?.();
    this.wake?.();
    this.endDelay?.();
    await this.loop;
    this.loop = undefined;
    await this.checkpoint.persist().catch(() => {});
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
        if (this.checkpoint.due) await this.checkpoint.persist();
        if (this.position >= this.watcher.head) {
          await new Promise<void>((resolve) => {
            this.wake = resolve;
            if (this.watcher.head > this.position || this.checkpoint.due || !this.active) resolve();
          });
          this.wake = undefined;
          continue;
        }
        if (this.settings.batchDelayMs > 0) {
          // Development only: a read right after a write sees the projection behind it. A stop cuts it short.
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, this.settings.batchDelayMs);
            this.endDelay = () => (clearTimeout(timer), resolve());
            if (!this.active) this.endDelay(); // a stop came while the checkpoint was persisted
          });
          this.endDelay = undefined;
          if (!this.active) continue;
        }
        await this.step(this.watcher.head);
        this.outage = 0;
        // Between batches of a catch-up, let the event loop turn: on PGlite, which runs in this
        // thread, a catch-up would otherwise hold back requests and timers until it is done.
        if (this.position < this.watcher.head) await new Promise((resolve) => setImmediate(resolve));
      } catch (error) {
        try {
          const recovery = this.active ? recoveryFor(error) : "stop";
          if (recovery === "resync") await this.resync();
          else if (recovery === "wait out") await this.waitOut();
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
      await new Promise((resolve) => setTimeout(resolve, outageDelayMs(this.outage)));
      if (!this.active) return;
      try {
        await this.resync();
        this.lastError = null;
        return;
      } catch (retry) {
        if (recoveryFor(retry) !== "wait out") throw retry;
      }
    }
  }

  /** Applies one batch of events in (position, head], then publishes the new checkpoint. */
  private async step(head: bigint): Promise<void> {
    const { projection, checkpoint } = this;
    const { events, to, catchingUp } = await this.reads.next(this.position, head, this.position < this.carefulUntil);
    let changes: ChangedRow[] = [];
    if (events.length === 0) {
      checkpoint.movedInMemory(to, () => this.wake?.());
    } else {
      const from = checkpoint.persisted;
      const kept = this.kept.batch();
      // No commit waits for the disk (synchronous_commit off): rows and checkpoint share the
      // transaction, so a crash of PostgreSQL loses both or neither, and the runner re-applies
      // the batch from the log, which is durable. At the head this is a STRONG write's wait: the
      // flush was a third of it. Across such a crash a read model can step back to its last
      // flushed checkpoint; waits go by checkpoints, so `minPosition` and the session position
      // then wait for the re-application instead of reading the older rows.
      try {
        changes = await this.database.sql.transaction(
          async (tx) => {
            // The batch's row writes wait, and go with its checkpoint in one statement.
            const writes = new DeferredWrites(tx, kept);
            const changed = await projection.apply(events, writes);
            await checkpoint.advance({ query: (text, params, options) => writes.conclude(text, params, options) }, to);
            return changed;
          },
          // Begun only if a write must go before the checkpoint: often the batch's writes and its
          // checkpoint are one statement, atomic by itself (no BEGIN, no COMMIT).
          { durable: false, lazy: true },
        );
      } catch (error) {
        if (isUniqueViolation(error) && (await checkpoint.stored()) !== from) throw checkpoint.moved(from);
        // A moved checkpoint or a lost database is not the projection's fault: the loop recovers.
        if (recoveryFor(error) !== "stop") throw error;
        // Apply what comes before the failing event, and stop right at it, with its error.
        if (events.length > 1) {
          this.carefulUntil = to;
          return;
        }
        throw new ApplyFailed(events[0]!, error);
      }
      checkpoint.committed(to);
      kept.commit();
    }
    this.eventsApplied += events.length;
    if (catchingUp) this.unanalyzed += events.length;
    if (this.state === "REBUILDING" && to >= this.rebuildTarget) this.state = "RUNNING";
    if (to >= head && this.unanalyzed >= this.settings.analyzeAfter) this.analyze();
    this.announce(changes, to);
  }

  /**
   * Caught up after many events (a rebuild, a start far behind): until autovacuum comes by,
   * the planner's statistics describe the tables as they were (or nothing at all), counts
   * read the heap, and GIN indexes keep megabytes of pending entries for every search to
   * scan (search took twice as long). One VACUUM (ANALYZE), beside the loop; should it
   * fail, the next catch-up tries again.
   */
  private analyze(): void {
    this.unanalyzed = 0;
    this.projection.analyze?.(this.database.sql).catch(() => {});
  }

  /** Tells subscribers what the batch changed (but for rows a rebuild only replayed) and the new checkpoint. */
  private announce(changes: ChangedRow[], to: bigint): void {
    const { name } = this.projection;
    if (this.replayedUpTo > 0n) {
      const all = changes.length;
      changes = changes.filter((change) => change.position > this.replayedUpTo);
      if (changes.length < all) this.notifier.publishReplay(name);
      if (to >= this.replayedUpTo) this.replayedUpTo = 0n;
    }
    this.notifier.publishRowChanges(changes.map((change) => ({ projection: name, ...change })));
    this.notifier.publishCheckpoint(name, to);
  }

  /** Goes on from the checkpoint as stored (see Checkpoint.resync); stored means committed, so waiters may count on it. */
  private async resync(): Promise<void> {
    // Something else moved the checkpoint, so it may have written the tables too.
    this.kept.clear();
    this.notifier.publishCheckpoint(this.projection.name, await this.checkpoint.resync());
  }

  private async fail(error: unknown): Promise<void> {
    const { name } = this.projection;
    const reason = failureReason(error);
    this.state = "FAILED";
    this.lastError = reason;
    this.kept.clear();
    this.unsubscribe?.();
    this.settings.onFailure(name, reason, error instanceof ApplyFailed ? error.cause : error);
    // Stored before waiters are told: one failed with PROJECTION_FAILED finds the reason in the
    // checkpoint's row (other instances' status, the next start) as well.
    await this.checkpoint.persist().catch(() => {});
    await this.checkpoint.markFailed(reason).catch(() => {});
    this.notifier.publishFailure(name, reason);
  }
}

/** All projections of a process, sharing one LogWatcher. */
export class Projector {
  readonly watcher: LogWatcher;
  readonly runners: ProjectionRunner[];
  private leadership: Leadership | undefined;
  /** Runs no projection at all (an API-only instance). */
  private passive = false;

  constructor(db: Database, store: EventStore, notifier: Announcer, projections: readonly Projection[], options: ProjectorOptions = {}) {
    this.watcher = new LogWatcher(store, { idlePollMs: options.idlePollMs ?? 1000, settlePollMs: options.settlePollMs ?? 5 });
    const batchSize = options.batchSize ?? 500;
    const reader = new LogReader(store, BigInt(batchSize * CHUNK_BATCHES));
    this.runners = projections.map(
      (projection) =>
        new ProjectionRunner(projection, db, store, this.watcher, reader, notifier, {
          batchSize,
          batchDelayMs: options.batchDelayMs ?? 0,
          persistDelayMs: options.persistDelayMs ?? 1000,
          // Not by default on PGlite: it runs on the server's thread, which a VACUUM of a big
          // table would hold for seconds (requests time out meanwhile).
          analyzeAfter: options.analyzeAfter ?? (db.kind === "postgres" ? 10_000 : Infinity),
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
