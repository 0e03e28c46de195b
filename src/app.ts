/**
 * The composition root: one database, one event store, one notifier, the projections, and
 * the command pipeline, wired together. The HTTP/WebSocket server (server.ts) serves an App.
 */
import fs from "node:fs";
import path from "node:path";
import { createHash, randomBytes } from "node:crypto";
import type { Config } from "./config.js";
import { StreamStates, type PipelineDeps } from "./core/command-pipeline.js";
import { Consistency } from "./core/consistency.js";
import { openDatabase, type Database, type DatabaseOptions } from "./core/database/database.js";
import { EventSchemas } from "./core/event-schemas.js";
import { EventStore } from "./core/event-store.js";
import { DataKeys, parseMasterKey, PersonalData } from "./core/personal-data.js";
import { ServiceUnavailableError } from "./core/errors.js";
import { Notifier } from "./core/notifier.js";
import { Projector, type ProjectorOptions } from "./core/projector.js";
import { ReadReplicas, Replica } from "./core/replicas.js";
import { ClusterInstance, type ClusterOptions, type Role } from "./core/cluster/instance.js";
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
  /** The read replicas, when configured (AppOptions.replicas). */
  readonly replicas: ReadReplicas | undefined;
  /**
   * What a query or subscription reads through: a healthy replica's database, notifier and
   * waits (the next in turn), else this app's own (the primary). Commands, the event store and
   * `consistent: true` reads stay on the primary either way.
   */
  readServices(): Services;
  /**
   * Starts the projections (runs them, or stands by for them on an API-only instance), unless
   * `startProjections: false` deferred it: main.ts serves first, so that a long catch-up (on
   * PGlite, in this thread) does not hold the start back.
   */
  startProjections(): Promise<void>;
  close(): Promise<void>;
}

export type { ClusterOptions, Role };

export interface AppOptions {
  database: DatabaseOptions;
  /** The modules to serve (default: every module, MODULES). */
  modules?: readonly CatchupModule[];
  consistencyTimeoutMs?: number;
  debugErrors?: boolean;
  projector?: ProjectorOptions;
  /** Start projections right away (default true; else call App.startProjections). */
  startProjections?: boolean;
  /** Run as one of several instances sharing the PostgreSQL database. */
  cluster?: ClusterOptions;
  log?: Logger;
  /**
   * The master keys customers' data keys are wrapped under: the first wraps, all unwrap
   * (see masterKeysOf). Default: UNCONFIGURED_MASTER_KEY, public, for tests and benches.
   */
  masterKeys?: readonly Buffer[];
  /** Load streams from the snapshots deciders opt in to, and take them (default true). */
  snapshots?: boolean;
  /** Streaming replicas of the PostgreSQL database to read from (README "Read replicas"). */
  replicas?: { urls: readonly string[]; maxLagMs?: number; checkEveryMs?: number; poolSize?: number };
}

/** The master key of apps created without one (tests, benches): public, so it protects nothing. */
export const UNCONFIGURED_MASTER_KEY = createHash("sha256").update("catchup: no master key configured").digest();

/**
 * The configured master keys; in development without CATCHUP_MASTER_KEY, the one kept in
 * `<dataDir>/master.key`, made on first use (a fresh data directory gets a fresh key).
 */
export function masterKeysOf(config: Pick<Config, "masterKeys" | "dataDir">): readonly Buffer[] {
  if (config.masterKeys) return config.masterKeys;
  const file = path.join(config.dataDir, "master.key");
  fs.mkdirSync(config.dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, `${randomBytes(32).toString("base64")}\n`, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return [parseMasterKey(fs.readFileSync(file, "utf8"))];
}

export function databaseOptions(config: Config): DatabaseOptions {
  return config.databaseUrl
    ? { kind: "postgres", url: config.databaseUrl, poolSize: config.poolSize }
    : { kind: "pglite", dataDir: config.dataDir };
}

export async function createApp(options: AppOptions): Promise<App> {
  const db = await openDatabase(options.database);
  const modules = options.modules ?? MODULES;
  const store = new EventStore(db.prisma, db.sql, {
    schemas: new EventSchemas(Object.assign({}, ...modules.map((module) => module.events?.schemas ?? {}))),
    personal: new PersonalData(
      new DataKeys((text, params) => db.sql.query(text, params), options.masterKeys ?? [UNCONFIGURED_MASTER_KEY]),
      new Map(modules.flatMap((module) => Object.entries(module.events?.personal ?? {}))),
    ),
  });
  const notifier = new Notifier();
  if (options.cluster && options.database.kind !== "postgres") {
    await db.close();
    throw new Error("several instances need PostgreSQL (DATABASE_URL): the embedded database is one process's");
  }
  const cluster =
    options.cluster && options.database.kind === "postgres"
      ? new ClusterInstance(options.cluster, options.database.url, notifier)
      : undefined;
  const log = options.log ?? silentLogger;
  const readModels = new Map(readModelsOf(modules).map((readModel) => [readModel.projection.name, readModel]));
  // Every read model runs on its own runner, with its own checkpoint.
  const projector = new Projector(
    db,
    store,
    cluster?.link.announcer ?? notifier,
    [...readModels.values()].map((readModel) => readModel.projection),
    {
      onFailure: (projection, reason, error) => log.error({ err: error, projection, reason }, "projection failed"),
      ...options.projector,
      election: cluster?.election,
    },
  );
  const timeoutMs = options.consistencyTimeoutMs ?? 5000;
  const replicaUrls = options.database.kind === "postgres" && options.cluster?.role !== "projector" ? (options.replicas?.urls ?? []) : [];
  const readReplicas =
    replicaUrls.length > 0
      ? new ReadReplicas(
          await Promise.all(
            replicaUrls.map(async (url) => {
              const replicaDb = await openDatabase({
                kind: "postgres",
                url,
                replica: true,
                poolSize: options.replicas?.poolSize ?? poolSizeOf(options),
              });
              return new Replica(replicaDb.location, replicaDb, notifier, timeoutMs);
            }),
          ),
          db.sql,
          {
            maxLagMs: options.replicas?.maxLagMs ?? 5000,
            checkEveryMs: options.replicas?.checkEveryMs ?? 1000,
            onStateChange: (status, previous) => {
              app.metrics.replicaTransitions.inc({ replica: status.name, state: status.state });
              const message =
                status.state === "healthy"
                  ? "read replica back in rotation"
                  : `read replica out of rotation: ${status.state === "down" ? "it does not answer" : `${status.lagMs} ms behind`}`;
              (status.state === "healthy" ? log.info.bind(log) : log.warn.bind(log))(
                { replica: status.name, previous, ...status },
                message,
              );
            },
          },
        )
      : undefined;
  /** Per replica, the services a read through it gets (built once). */
  const replicaServices = new Map<Replica, Services>();

  const app: App = {
    db,
    role: options.cluster?.role ?? "all",
    store,
    notifier,
    consistency: new Consistency(notifier, timeoutMs),
    projector,
    modules,
    readModels,
    pipeline: {
      db: db.prisma,
      store,
      clock: () => new Date(),
      states: new StreamStates(),
      snapshots: options.snapshots ?? true,
      onAppended: (position) => {
        if (projector.leading.length > 0) projector.watcher.poke();
        cluster?.link.appended(position);
      },
    },
    debugErrors: options.debugErrors ?? false,
    log,
    metrics: new Metrics({
      projections: () => projector.status(),
      head: () => store.head.position,
      openSubscriptions,
      replicas: () => readReplicas?.status() ?? [],
    }),
    replicas: readReplicas,
    readServices() {
      const replica = readReplicas?.pick();
      if (!replica) {
        if (readReplicas) app.metrics.reads.inc({ target: "primary" });
        return app;
      }
      app.metrics.reads.inc({ target: replica.name });
      let services = replicaServices.get(replica);
      if (!services) {
        services = { ...app, db: replica.db, notifier: replica.notifier, consistency: replica.consistency };
        replicaServices.set(replica, services);
      }
      return services;
    },
    async rebuild(names) {
      const here = names.filter((name) => projector.leading.includes(name));
      await Promise.all(here.map((name) => projector.runner(name).rebuild()));
      const elsewhere = names.filter((name) => !here.includes(name));
      if (elsewhere.length === 0) return;
      if (!cluster) throw new ServiceUnavailableError(`${elsewhere.join(", ")} do not run on this instance`, { projections: elsewhere });
      await cluster.rebuildElsewhere(elsewhere, timeoutMs);
    },
    async startProjections() {
      if (options.cluster?.role === "api") await projector.standBy();
      else await projector.start();
    },
    async close() {
      await readReplicas?.close();
      await projector.stop();
      await cluster?.close();
      await db.close();
    },
  };
  try {
    for (const module of modules) await module.start?.(app);
    await cluster?.start(db, projector);
    if (options.startProjections ?? true) await app.startProjections();
    await readReplicas?.start(projector.names);
  } catch (error) {
    await readReplicas?.close().catch(() => {});
    await cluster?.close().catch(() => {});
    await db.close();
    throw error;
  }
  return app;
}

function poolSizeOf(options: AppOptions): number {
  return options.database.kind === "postgres" ? (options.database.poolSize ?? 10) : 10;
}
