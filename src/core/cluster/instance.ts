/**
 * This instance's part in a deployment of several on one PostgreSQL: the bus link through
 * which projection progress, appends and rebuild requests travel between instances, the
 * election that decides which instance runs a projection, the stored checkpoints polled so
 * that an idle instance knows where the projectors are, and rebuilds asked of whichever
 * instance runs a projection.
 */
import type { Database } from "../database/database.js";
import { ServiceUnavailableError } from "../errors.js";
import type { Notifier } from "../notifier.js";
import type { Projector, ProjectorOptions } from "../projector.js";
import { PostgresBus, RedisBus } from "./bus.js";
import { ClusterLink } from "./link.js";

/** all: API and projections; api: GraphQL only; projector: projections only. */
export type Role = "all" | "api" | "projector";

/** Several instances on one PostgreSQL (README "Running more than one instance"). */
export interface ClusterOptions {
  /** all: API and projections; api: GraphQL only; projector: projections only. */
  role: Role;
  /** How checkpoints, changed rows and appends reach the other instances. */
  bus: "postgres" | "redis";
  redisUrl?: string;
  /** How often standbys try for a projection's lock (and the holder checks its own), in ms. */
  failoverMs: number;
  log?: (message: string, error?: unknown) => void;
}

export class ClusterInstance {
  readonly link: ClusterLink;
  private readonly log: (message: string, error?: unknown) => void;
  private poller: NodeJS.Timeout | undefined;

  constructor(
    readonly options: ClusterOptions,
    private readonly databaseUrl: string,
    private readonly notifier: Notifier,
  ) {
    const log = (this.log = options.log ?? (() => {}));
    const bus =
      options.bus === "redis"
        ? new RedisBus(options.redisUrl ?? "redis://127.0.0.1:6379", (error) => log("cluster bus (Redis)", error))
        : new PostgresBus(databaseUrl, (error) => log("cluster bus", error));
    this.link = new ClusterLink(bus, notifier, (error) => log("cluster bus", error));
  }

  /** How this instance's projector takes part in the election (none on an API-only instance). */
  get election(): ProjectorOptions["election"] {
    if (this.options.role === "api") return undefined;
    return { url: this.databaseUrl, retryMs: this.options.failoverMs, onError: (error) => this.log("projection leadership", error) };
  }

  /**
   * Joins the others: appends made elsewhere wake this instance's projectors, rebuilds asked
   * of it run, and the stored checkpoints and failures are read now and every second (an
   * instance that starts, or whose bus reconnects, while the projectors are idle learns where
   * they are without waiting for their next announcement; what it runs itself, it knows).
   */
  async start(db: Database, projector: Projector): Promise<void> {
    await this.link.start({
      // Only an instance that runs projections needs to look at the log's head.
      appended: () => {
        if (projector.leading.length > 0) projector.watcher.poke();
      },
      rebuild: (names) => {
        for (const name of names.filter((candidate) => projector.leading.includes(candidate))) {
          projector
            .runner(name)
            .rebuild()
            .catch((error: unknown) => this.log(`rebuild of ${name}`, error));
        }
      },
    });
    const load = () =>
      db.sql
        .query<{ name: string; position: string; last_error: string | null; failed: boolean }>(
          "SELECT name, position, last_error, failed_at IS NOT NULL AS failed FROM projection_checkpoints",
        )
        .then((rows) => {
          for (const row of rows) {
            this.notifier.publishCheckpoint(row.name, BigInt(row.position));
            if (!projector.leading.includes(row.name))
              this.notifier.publishFailure(row.name, row.failed ? (row.last_error ?? "failed") : null);
          }
        })
        .catch(() => {});
    await load();
    this.poller = setInterval(() => {
      void load();
      void this.link.countPeers().catch(() => {});
    }, 1000);
    this.poller.unref();
  }

  /**
   * Asks, through the bus, the instances that run these projections to rebuild them, and
   * resolves once each rebuild has begun (its reset came back): a request nobody takes up
   * (no instance runs the projection, a failover in progress) fails, not silently.
   */
  async rebuildElsewhere(names: readonly string[], timeoutMs: number): Promise<void> {
    const waiting = new Set(names);
    let begun!: () => void;
    const allBegun = new Promise<void>((resolve) => (begun = resolve));
    const stop = this.notifier.onReset((projection) => {
      if (waiting.delete(projection) && waiting.size === 0) begun();
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      await this.link.requestRebuild([...names]);
      await Promise.race([allBegun, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
      if (waiting.size > 0) {
        const missing = [...waiting];
        throw new ServiceUnavailableError(
          `no instance began rebuilding ${missing.join(", ")} within ${timeoutMs} ms: none runs it right now (starting, or taking over from one that stopped); retry shortly`,
          {
            projections: missing,
          },
        );
      }
    } finally {
      clearTimeout(timer);
      stop();
    }
  }

  async close(): Promise<void> {
    clearInterval(this.poller);
    await this.link.close();
  }
}
