/**
 * The composition root: one database, one event store, one notifier, the projections, and
 * the command pipeline, wired together. The HTTP/WebSocket server (server.ts) serves an App.
 */
import type { Config } from "./config.js";
import { StreamStates, type PipelineDeps } from "./core/command-pipeline.js";
import { Consistency } from "./core/consistency.js";
import { openDatabase, type Database, type DatabaseOptions } from "./core/database/database.js";
import { EventStore } from "./core/event-store.js";
import { ServiceUnavailableError } from "./core/errors.js";
import { Notifier } from "./core/notifier.js";
import { Projector, type ProjectorOptions } from "./core/projector.js";
import { PostgresBus, RedisBus } from "./core/cluster/bus.js";
import { ClusterLink } from "./core/cluster/link.js";
import { openSubscriptions } from "./graphql/async-queue.js";
import { Metrics, silentLogger, type Logger } from "./observability.js";
import type { Services } from "./graphql/context.js";
import { readModelsOf, type CatchupModule, type ModuleReadModel } from "./graphql/module.js";
import { MODULES } from "./modules/index.js";

export interface App extends Services {
  readonly db: Database;
  /** This instance's part in a deployment of several (see ClusterOptions). */
  readonly role: Role;
  readonly store: EventStore;
  readonly notifier: Notifier;
  readonly consistency: Consistency;
  readonly projector: Projector;
  readonly pipeline: PipelineDeps;
  /** The modules served (MODULES unless given), and their read models by name. */
  readonly modules: readonly CatchupModule[];
  readonly readModels: ReadonlyMap<string, ModuleReadModel>;
  readonly debugErrors: boolean;
  /** Structured logs (pino); silent unless given. */
  readonly log: Logger;
  readonly metrics: Metrics;
  /**
   * Rebuilds projections: here when this instance runs them, else by asking, through the
   * cluster bus, the instance that does.
   */
  rebuild(names: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

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

export interface AppOptions {
  database: DatabaseOptions;
  /** The modules to serve (default: every module, MODULES). */
  modules?: readonly CatchupModule[];
  consistencyTimeoutMs?: number;
  debugErrors?: boolean;
  projector?: ProjectorOptions;
  /** Start projections right away (default true). */
  startProjections?: boolean;
  /** Run as one of several instances sharing the PostgreSQL database. */
  cluster?: ClusterOptions;
  log?: Logger;
}

export function databaseOptions(config: Config): DatabaseOptions {
  return config.databaseUrl
    ? { kind: "postgres", url: config.databaseUrl, poolSize: config.poolSize }
    : { kind: "pglite", dataDir: config.dataDir };
}

export async function createApp(options: AppOptions): Promise<App> {
  const db = await openDatabase(options.database);
  const store = new EventStore(db.prisma, db.sql);
  const notifier = new Notifier();
  const { cluster } = options;
  if (cluster && options.database.kind !== "postgres") {
    await db.close();
    throw new Error("several instances need PostgreSQL (DATABASE_URL): the embedded database is one process's");
  }
  const log = cluster?.log ?? (() => {});
  let link: ClusterLink | undefined;
  if (cluster && options.database.kind === "postgres") {
    const bus =
      cluster.bus === "redis"
        ? new RedisBus(cluster.redisUrl ?? "redis://127.0.0.1:6379", (error) => log("cluster bus (Redis)", error))
        : new PostgresBus(options.database.url, (error) => log("cluster bus", error));
    link = new ClusterLink(bus, notifier, (error) => log("cluster bus", error));
  }
  const appLog = options.log ?? silentLogger;
  const modules = options.modules ?? MODULES;
  const readModels = new Map(readModelsOf(modules).map((readModel) => [readModel.projection.name, readModel]));
  // Every read model runs on its own runner, with its own checkpoint.
  const projector = new Projector(db, store, link?.announcer ?? notifier, [...readModels.values()].map((readModel) => readModel.projection), {
    onFailure: (projection, reason, error) => appLog.error({ err: error, projection, reason }, "projection failed"),
    ...options.projector,
    election:
      cluster && cluster.role !== "api" && options.database.kind === "postgres"
        ? { url: options.database.url, retryMs: cluster.failoverMs, onError: (error) => log("projection leadership", error) }
        : undefined,
  });
  let poller: NodeJS.Timeout | undefined;

  /**
   * Asks, through the bus, the instances that run these projections to rebuild them, and
   * resolves once each rebuild has begun (its reset came back): a request nobody takes up
   * (no instance runs the projection, a failover in progress) fails, not silently.
   */
  const rebuildElsewhere = async (names: readonly string[], timeoutMs: number): Promise<void> => {
    const waiting = new Set(names);
    let begun!: () => void;
    const allBegun = new Promise<void>((resolve) => (begun = resolve));
    const stop = notifier.onReset((projection) => {
      if (waiting.delete(projection) && waiting.size === 0) begun();
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      if (link) {
        await link.requestRebuild([...names]);
        await Promise.race([allBegun, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
      }
      if (waiting.size > 0) {
        const missing = [...waiting];
        throw new ServiceUnavailableError(`no instance began rebuilding ${missing.join(", ")} within ${timeoutMs} ms: none runs it right now (starting, or taking over from one that stopped); retry shortly`, {
          projections: missing,
        });
      }
    } finally {
      clearTimeout(timer);
      stop();
    }
  };

  const app: App = {
    db,
    role: cluster?.role ?? "all",
    store,
    notifier,
    consistency: new Consistency(notifier, options.consistencyTimeoutMs ?? 5000),
    projector,
    modules,
    readModels,
    pipeline: {
      db: db.prisma,
      store,
      clock: () => new Date(),
      states: new StreamStates(),
      onAppended: (position) => {
        if (projector.leading.length > 0) projector.watcher.poke();
        link?.appended(position);
      },
    },
    debugErrors: options.debugErrors ?? false,
    log: appLog,
    metrics: new Metrics({ projections: () => projector.status(), head: () => store.head.position, openSubscriptions }),
    async rebuild(names) {
      const here = names.filter((name) => projector.leading.includes(name));
      await Promise.all(here.map((name) => projector.runner(name).rebuild()));
      const elsewhere = names.filter((name) => !here.includes(name));
      if (elsewhere.length > 0) await rebuildElsewhere(elsewhere, options.consistencyTimeoutMs ?? 5000);
    },
    async close() {
      clearInterval(poller);
      await projector.stop();
      await link?.close();
      await db.close();
    },
  };
  try {
    if (link) {
      await link.start({
        // Only an instance that runs projections needs to look at the log's head.
        appended: () => {
          if (projector.leading.length > 0) projector.watcher.poke();
        },
        rebuild: (names) => {
          for (const name of names.filter((candidate) => projector.leading.includes(candidate))) {
            projector.runner(name).rebuild().catch((error: unknown) => log(`rebuild of ${name}`, error));
          }
        },
      });
      // Checkpoints and failures as stored, now and every second: an instance that starts
      // (or whose bus reconnects) while the projectors are idle learns where they are
      // without waiting for their next announcement. (What this instance runs, it knows.)
      const load = () =>
        db.sql
          .query<{ name: string; position: string; last_error: string | null; failed: boolean }>(
            "SELECT name, position, last_error, failed_at IS NOT NULL AS failed FROM projection_checkpoints",
          )
          .then((rows) => {
            for (const row of rows) {
              notifier.publishCheckpoint(row.name, BigInt(row.position));
              if (!projector.leading.includes(row.name)) notifier.publishFailure(row.name, row.failed ? (row.last_error ?? "failed") : null);
            }
          })
          .catch(() => {});
      await load();
      poller = setInterval(() => {
        void load();
        void link!.countPeers().catch(() => {});
      }, 1000);
      poller.unref();
    }
    if (options.startProjections ?? true) {
      if (cluster?.role === "api") await projector.standBy();
      else await projector.start();
    }
  } catch (error) {
    clearInterval(poller);
    await link?.close().catch(() => {});
    await db.close();
    throw error;
  }
  return app;
}
