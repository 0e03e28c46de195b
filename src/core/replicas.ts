/**
 * Reads from PostgreSQL streaming replicas, with waits as exact as on the primary.
 *
 * Why a replica's checkpoint is exact: a projection's rows and its checkpoint commit in one
 * transaction on the primary, and a replica replays transactions whole and in commit order.
 * So when a replica shows checkpoint ≥ P for a projection, it holds every row that projection
 * wrote for events up to P, and it keeps holding them (replay only moves forward). A read that
 * waits there, on the replica it reads from, cannot be stale.
 *
 * How waiters on a replica learn of replay: a replica cannot LISTEN, so each Replica has a
 * follower. The primary's notifier (its own projectors, or the cluster bus) is the cue: when a
 * checkpoint advances there, the follower reads the replica's `projection_checkpoints` (one
 * statement for every projection) and publishes what it finds on the replica's own Notifier,
 * on which the replica's Consistency waits, exactly as the primary's does. While the replica
 * is behind what was cued, it reads again after 1, 2, 4, 8, then every 10 ms: one loop per replica,
 * shared by every waiter, running only while something cued has not been replayed. Row changes
 * (readModelChanged, minVersion) and replays are held back until the replica's checkpoint has
 * passed their position, then published on the replica's notifier.
 *
 * Lag and failure: every `checkEveryMs` the replica's replay is compared with the primary's WAL
 * (lag in bytes, and in ms since the last replayed transaction when behind). A replica that
 * lags more than `maxLagMs`, or does not answer, is out of rotation until it is healthy again;
 * reads then go to another replica, else to the primary.
 */
import type { Database, Sql } from "./database/database.js";
import { Consistency } from "./consistency.js";
import { Notifier, type RowChange } from "./notifier.js";

export type ReplicaState = "healthy" | "lagging" | "down";

export interface ReplicaStatus {
  name: string;
  state: ReplicaState;
  /** Replay lag in ms (0 when it has replayed everything the primary had written at the last check). */
  lagMs: number;
  lagBytes: number;
}

export interface ReplicaOptions {
  /** Out of rotation above this replay lag (ms). */
  maxLagMs: number;
  /** How often lag and health are checked (ms). */
  checkEveryMs: number;
  /** Told of each change of state. */
  onStateChange?: (status: ReplicaStatus, previous: ReplicaState) => void;
}

const MAX_POLL_DELAY_MS = 10;

/** One replica: its database, and the notifier and waits that follow its replay. */
export class Replica {
  readonly notifier = new Notifier();
  readonly consistency: Consistency;
  state: ReplicaState = "down";
  lagMs = 0;
  lagBytes = 0;
  /** Per projection: the highest position the primary announced (the replica must reach it). */
  private readonly cued = new Map<string, bigint>();
  /** Row changes and replays announced by the primary, until the replica has replayed them. */
  private held: { projection: string; position: bigint; changes?: RowChange[] }[] = [];
  private polling = false;
  private readonly stops: (() => void)[] = [];
  private closed = false;

  constructor(
    readonly name: string,
    readonly db: Database,
    private readonly primary: Notifier,
    timeoutMs: number,
  ) {
    this.consistency = new Consistency(this.notifier, timeoutMs);
  }

  /** Starts following the primary's cues (once). */
  follow(projections: readonly string[]): void {
    if (this.stops.length > 0) return;
    for (const projection of projections) this.cue(projection, this.primary.checkpoint(projection));
    this.stops.push(
      this.primary.onCheckpoint(({ projection, position }) => this.cue(projection, position)),
      this.primary.onReset((projection) => {
        // A rebuild: the replica's checkpoint will go back to 0 and up again (see poll).
        this.cued.delete(projection);
        this.poke();
      }),
      this.primary.onFailure((projection) => this.notifier.publishFailure(projection, this.primary.failure(projection) ?? null)),
      this.primary.onRowChanges((changes) => {
        // Per projection: its changes, held until the replica has replayed the highest of them.
        const byProjection = new Map<string, { projection: string; position: bigint; changes: RowChange[] }>();
        for (const change of changes) {
          const entry = byProjection.get(change.projection);
          if (!entry) byProjection.set(change.projection, { projection: change.projection, position: change.position, changes: [change] });
          else {
            entry.changes.push(change);
            if (change.position > entry.position) entry.position = change.position;
          }
        }
        this.held.push(...byProjection.values());
        this.poke();
      }),
      this.primary.onReplays((projection) => {
        this.held.push({ projection, position: this.primary.checkpoint(projection) });
        this.poke();
      }),
    );
  }

  private cue(projection: string, position: bigint): void {
    if (position > (this.cued.get(projection) ?? 0n)) this.cued.set(projection, position);
    this.poke();
  }

  /** Whether something announced has not been seen replayed yet. */
  private get behind(): boolean {
    for (const [projection, position] of this.cued) if (this.notifier.checkpoint(projection) < position) return true;
    return this.held.length > 0;
  }

  private poke(): void {
    if (this.polling || this.closed) return;
    this.polling = true;
    void this.poll();
  }

  private async poll(): Promise<void> {
    let delay = 0;
    while (!this.closed) {
      try {
        await this.readCheckpoints();
      } catch {
        // Unreachable: the health check takes it out of rotation; cues keep it trying.
        delay = Math.max(delay, MAX_POLL_DELAY_MS);
      }
      // Done in the same turn as the last check of `behind`: a cue after it starts a new poll.
      if (!this.behind) break;
      delay = Math.min(Math.max(1, delay * 2), MAX_POLL_DELAY_MS);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    this.polling = false;
  }

  /** Publishes the replica's checkpoints on its notifier, then what it now holds of the held changes. */
  private async readCheckpoints(): Promise<void> {
    const rows = await this.db.sql.query<{ name: string; position: string }>(
      "SELECT name, position::text AS position FROM projection_checkpoints",
    );
    for (const row of rows) {
      const position = BigInt(row.position);
      if (position < this.notifier.checkpoint(row.name)) this.notifier.resetCheckpoint(row.name); // rebuilt since
      this.notifier.publishCheckpoint(row.name, position);
    }
    const ready = this.held.filter((entry) => this.notifier.checkpoint(entry.projection) >= entry.position);
    if (ready.length === 0) return;
    this.held = this.held.filter((entry) => !ready.includes(entry));
    for (const entry of ready) {
      if (entry.changes) this.notifier.publishRowChanges(entry.changes);
      else this.notifier.publishReplay(entry.projection);
    }
  }

  /** Measures replay lag against the primary's WAL position, read just before. */
  async check(primary: Sql, options: Pick<ReplicaOptions, "maxLagMs" | "onStateChange">): Promise<void> {
    const previous = this.state;
    try {
      const [{ lsn: primaryLsn }] = (await primary.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn")) as [{ lsn: string }];
      const [row] = await withTimeout(
        this.db.sql.query<{ recovering: boolean; replayed: string | null; since_ms: number | null }>(
          `SELECT pg_is_in_recovery() AS recovering, pg_last_wal_replay_lsn()::text AS replayed,
                  (extract(epoch FROM now() - pg_last_xact_replay_timestamp()) * 1000)::float8 AS since_ms`,
        ),
        options.maxLagMs,
      );
      if (!row?.recovering || row.replayed === null) throw new Error("not a streaming replica");
      this.lagBytes = Math.max(0, Number(lsnValue(primaryLsn) - lsnValue(row.replayed)));
      this.lagMs = this.lagBytes === 0 ? 0 : Math.max(0, Math.round(row.since_ms ?? 0));
      this.state = this.lagMs > options.maxLagMs ? "lagging" : "healthy";
    } catch {
      this.state = "down";
    }
    if (this.state !== previous) {
      // Waits pinned to a replica that stopped answering end now (SERVICE_UNAVAILABLE): the retry goes elsewhere.
      this.notifier.publishUnavailable(this.state === "down" ? `read replica ${this.name} does not answer` : null);
      options.onStateChange?.(this.status(), previous);
      if (this.state === "healthy") this.poke();
    }
  }

  status(): ReplicaStatus {
    return { name: this.name, state: this.state, lagMs: this.lagMs, lagBytes: this.lagBytes };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const stop of this.stops.splice(0)) stop();
    await this.db.close();
  }
}

/** The replicas of one instance, checked on a timer, and the choice of one for each read. */
export class ReadReplicas {
  private next = 0;
  private timer: NodeJS.Timeout | undefined;
  private started = false;

  constructor(
    readonly replicas: readonly Replica[],
    private readonly primary: Sql,
    private readonly options: ReplicaOptions,
  ) {}

  async start(projections: readonly string[]): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const replica of this.replicas) replica.follow(projections);
    await this.checkAll();
    const tick = () => {
      this.timer = setTimeout(() => void this.checkAll().finally(() => this.timer && tick()), this.options.checkEveryMs);
      this.timer.unref();
    };
    tick();
  }

  checkAll(): Promise<unknown> {
    return Promise.all(this.replicas.map((replica) => replica.check(this.primary, this.options)));
  }

  /** A healthy replica for the next read, in turn; null when none is (read from the primary). */
  pick(): Replica | null {
    for (let tried = 0; tried < this.replicas.length; tried++) {
      const replica = this.replicas[this.next++ % this.replicas.length]!;
      if (replica.state === "healthy") return replica;
    }
    return null;
  }

  status(): ReplicaStatus[] {
    return this.replicas.map((replica) => replica.status());
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await Promise.all(this.replicas.map((replica) => replica.close()));
  }
}

/** A WAL position ("16/B374D848") as a number of bytes. */
function lsnValue(lsn: string): bigint {
  const [high, low] = lsn.split("/") as [string, string];
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))),
  ]).finally(() => clearTimeout(timer));
}
