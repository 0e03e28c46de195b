/**
 * Runs projections. One LogWatcher per process samples the log's safe head (woken by
 * local appends, with a slow poll as fallback) and wakes one ProjectionRunner per
 * projection; each reads its own event types from its checkpoint up to the safe head, in
 * batches, and commits rows + checkpoint in one transaction.
 *
 * A runner whose projection throws stops (state FAILED, error stored and shown), and the
 * others go on; a restart resumes it from its checkpoint.
 */
import type { Database } from "./database/database.js";
import type { EventStore } from "./event-store.js";
import type { Notifier } from "./notifier.js";
import type { ChangedRow, Projection } from "./projection.js";

export type ProjectionState = "STARTING" | "RUNNING" | "REBUILDING" | "FAILED" | "STOPPED";

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
}

/** Batches are short, but on PGlite they queue behind other work on its one connection. */
const TX_OPTIONS = { maxWait: 30_000, timeout: 60_000 };

/** Watches the log's safe head and tells listeners when it moves. */
export class LogWatcher {
  private readonly listeners = new Set<(head: bigint) => void>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private sampling = false;
  private resample = false;

  constructor(
    private readonly store: EventStore,
    private readonly options: { idlePollMs: number; settlePollMs: number },
  ) {}

  get head(): bigint {
    return this.store.head.position;
  }

  start(): void {
    this.running = true;
    this.poke();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
  }

  onAdvance(listener: (head: bigint) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Something was appended: sample now (coalesced with a sample already running). */
  poke(): void {
    if (!this.running) return;
    if (this.sampling) {
      this.resample = true;
      return;
    }
    clearTimeout(this.timer);
    void this.sample();
  }

  private async sample(): Promise<void> {
    this.sampling = true;
    const before = this.store.head.position;
    try {
      const head = await this.store.head.refresh();
      if (head > before) for (const listener of this.listeners) listener(head);
    } catch {
      // The database is unreachable for now; the next poll tries again.
    } finally {
      this.sampling = false;
    }
    if (!this.running) return;
    if (this.resample) {
      this.resample = false;
      void this.sample();
      return;
    }
    const delay = this.store.head.unsettled ? this.options.settlePollMs : this.options.idlePollMs;
    this.timer = setTimeout(() => void this.sample(), delay);
  }
}

export class ProjectionRunner {
  state: ProjectionState = "STOPPED";
  position = 0n;
  lastError: string | null = null;
  eventsApplied = 0;
  /** While REBUILDING: the head position at which the rebuild counts as done. */
  private rebuildTarget = 0n;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private unsubscribe: (() => void) | undefined;

  private readonly db: Database["prisma"];

  constructor(
    readonly projection: Projection,
    private readonly database: Database,
    private readonly store: EventStore,
    private readonly watcher: LogWatcher,
    private readonly notifier: Notifier,
    private readonly batchSize: number,
  ) {
    this.db = database.prisma;
  }

  async start(): Promise<void> {
    if (this.loop) return;
    this.state = "STARTING";
    this.lastError = null;
    const { name } = this.projection;
    await this.db.$executeRawUnsafe(
      "INSERT INTO projection_checkpoints (name, position) VALUES ($1, 0) ON CONFLICT (name) DO NOTHING",
      name,
    );
    const [row] = await this.db.$queryRawUnsafe<{ position: bigint }[]>(
      "SELECT position FROM projection_checkpoints WHERE name = $1",
      name,
    );
    this.position = BigInt(row!.position);
    this.notifier.publishCheckpoint(name, this.position);
    this.unsubscribe = this.watcher.onAdvance(() => this.wake?.());
    this.state = this.position < this.rebuildTarget ? "REBUILDING" : "RUNNING";
    this.loop = this.run();
  }

  /**
   * Deletes the projection's rows and replays the log into it from position 0. The runner
   * shows REBUILDING until it reaches the head as of now, then RUNNING. Reads of this view
   * wait (minPosition) or see partial rows meanwhile; other projections are untouched.
   */
  async rebuild(): Promise<void> {
    await this.stop();
    const { name } = this.projection;
    await this.db.$transaction(async (tx) => {
      await this.projection.reset(tx);
      await tx.$executeRawUnsafe(
        `INSERT INTO projection_checkpoints (name, position) VALUES ($1, 0)
         ON CONFLICT (name) DO UPDATE SET position = 0, last_error = NULL, failed_at = NULL, updated_at = now()`,
        name,
      );
    }, TX_OPTIONS);
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
    await this.loop;
    this.loop = undefined;
  }

  status(): ProjectionStatus {
    return {
      name: this.projection.name,
      state: this.state,
      position: this.position,
      headPosition: this.watcher.head,
      lastError: this.lastError,
      eventsApplied: this.eventsApplied,
    };
  }

  private async run(): Promise<void> {
    while (this.active) {
      const head = this.watcher.head;
      if (this.position >= head) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          if (this.watcher.head > this.position || !this.active) resolve();
        });
        this.wake = undefined;
        continue;
      }
      try {
        await this.step(head);
      } catch (error) {
        await this.fail(error);
      }
    }
  }

  /** Applies one batch of events in (position, head], then publishes the new checkpoint. */
  private async step(head: bigint): Promise<void> {
    const { projection } = this;
    const from = this.position;
    const events = await this.store.readAll(from, { upTo: head, limit: this.batchSize, types: projection.eventTypes });
    // A full batch may stop short of the head; otherwise the whole range (position, head] is done.
    const to = events.length === this.batchSize ? events.at(-1)!.position : head;
    const advance =
      "UPDATE projection_checkpoints SET position = $1, last_error = NULL, failed_at = NULL, updated_at = now() WHERE name = $2 AND position = $3";
    const moved = () => new Error(`checkpoint of ${projection.name} moved away from ${from}`);
    let changes: ChangedRow[] = [];
    if (events.length === 0) {
      // Nothing of ours in the range: one statement moves the checkpoint, no transaction needed.
      const rows = await this.database.sql.query(`${advance} RETURNING name`, [to, projection.name, from]);
      if (rows.length !== 1) throw moved();
    } else {
      changes = await this.db.$transaction(async (tx) => {
        const changed = await projection.apply(events, tx);
        // Compare-and-set: a checkpoint moved by anyone else aborts this batch.
        if ((await tx.$executeRawUnsafe(advance, to, projection.name, from)) !== 1) throw moved();
        return changed;
      }, TX_OPTIONS);
    }
    this.position = to;
    this.eventsApplied += events.length;
    if (this.state === "REBUILDING" && to >= this.rebuildTarget) this.state = "RUNNING";
    this.notifier.publishRowChanges(changes.map((change) => ({ projection: projection.name, ...change })));
    this.notifier.publishCheckpoint(projection.name, to);
  }

  private async fail(error: unknown): Promise<void> {
    this.state = "FAILED";
    this.lastError = error instanceof Error ? error.message : String(error);
    this.unsubscribe?.();
    await this.db
      .$executeRawUnsafe(
        "UPDATE projection_checkpoints SET last_error = $1, failed_at = now() WHERE name = $2",
        this.lastError,
        this.projection.name,
      )
      .catch(() => {});
  }
}

/** All projections of a process, sharing one LogWatcher. */
export class Projector {
  readonly watcher: LogWatcher;
  readonly runners: ProjectionRunner[];

  constructor(
    db: Database,
    store: EventStore,
    notifier: Notifier,
    projections: readonly Projection[],
    options: ProjectorOptions = {},
  ) {
    this.watcher = new LogWatcher(store, { idlePollMs: options.idlePollMs ?? 1000, settlePollMs: options.settlePollMs ?? 5 });
    this.runners = projections.map(
      (projection) => new ProjectionRunner(projection, db, store, this.watcher, notifier, options.batchSize ?? 500),
    );
  }

  get names(): string[] {
    return this.runners.map((runner) => runner.projection.name);
  }

  async start(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.start()));
    this.watcher.start();
  }

  async stop(): Promise<void> {
    this.watcher.stop();
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
