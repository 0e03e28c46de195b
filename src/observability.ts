/**
 * What an operator sees: structured JSON logs (pino) and Prometheus metrics (prom-client).
 *
 * Logs: one line per GraphQL request (request id, operation name and type, outcome, error
 * codes, duration) and one per command (request id, command, command id, stream, outcome,
 * position, duration), plus lifecycle and internal errors. Level: CATCHUP_LOG_LEVEL.
 *
 * Metrics at GET /metrics: commands by type and outcome with a latency histogram, GraphQL
 * requests by operation type and outcome with a latency histogram, each projection's
 * checkpoint, lag behind the log head and state, the head itself, open subscriptions, and
 * Node's process metrics.
 */
import type { ReplicaStatus } from "./core/replicas.js";
import pino, { type Logger } from "pino";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { ProjectionStatus } from "./core/projector.js";

export type { Logger };

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Logs to stdout through an asynchronous destination: a line per request must not
 * make the request wait for the pipe (synchronous writes cost 30 % of orderSummary's
 * throughput). `flush()` writes what is buffered (main.ts calls it on shutdown).
 */
export function createLogger(level: LogLevel = "info"): Logger & { flush(): void } {
  const destination = pino.destination({ dest: 1, sync: false });
  const logger = pino({ level, base: { service: "catchup" }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
  return Object.assign(logger, { flush: () => destination.flushSync() });
}

/** A logger that writes nothing (tests, tools). */
export const silentLogger: Logger = pino({ level: "silent" });

const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const STATES = ["STARTING", "RUNNING", "REBUILDING", "FAILED", "STOPPED", "STANDBY"] as const;

export interface MetricsSources {
  projections(): ProjectionStatus[];
  head(): bigint;
  openSubscriptions(): number;
  /** The read replicas (none unless CATCHUP_READ_DATABASE_URL is set). */
  replicas?(): ReplicaStatus[];
}

export class Metrics {
  readonly registry = new Registry();
  readonly commands: Counter<"command" | "outcome">;
  readonly commandSeconds: Histogram<"command">;
  readonly requests: Counter<"type" | "outcome">;
  readonly requestSeconds: Histogram<"type">;
  readonly documentWork: Counter;
  /** Queries and subscriptions by where they read: a replica's name, or "primary". */
  readonly reads: Counter<"target">;
  /** Replicas taken out of rotation or back, by replica and the state entered. */
  readonly replicaTransitions: Counter<"replica" | "state">;
  /** The size of the admitted-document cache (set by the server that owns it). */
  documentCache: () => { entries: number; bytes: number } = () => ({ entries: 0, bytes: 0 });

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: "catchup_" });
    this.commands = new Counter({
      name: "catchup_commands_total",
      help: "Commands handled, by command type and outcome (ok or the error code).",
      labelNames: ["command", "outcome"],
      registers,
    });
    this.commandSeconds = new Histogram({
      name: "catchup_command_duration_seconds",
      help: "Time to decide and append a command (STRONG waits excluded).",
      labelNames: ["command"],
      buckets: SECONDS,
      registers,
    });
    this.requests = new Counter({
      name: "catchup_graphql_requests_total",
      help: "GraphQL requests over HTTP and WebSocket, by operation type and outcome.",
      labelNames: ["type", "outcome"],
      registers,
    });
    this.requestSeconds = new Histogram({
      name: "catchup_graphql_request_duration_seconds",
      help: "GraphQL request duration over HTTP.",
      labelNames: ["type"],
      buckets: SECONDS,
      registers,
    });
    this.documentWork = new Counter({
      name: "catchup_graphql_document_work_total",
      help: "Selections the document limits examined in documents not seen before (linear in their size, whatever their shape).",
      registers,
    });
    this.reads = new Counter({
      name: "catchup_reads_total",
      help: "Queries and subscriptions, by the database they read: a replica (host:port/db) or the primary.",
      labelNames: ["target"],
      registers,
    });
    this.replicaTransitions = new Counter({
      name: "catchup_replica_transitions_total",
      help: "Changes of a read replica's state: healthy (in rotation), lagging or down (out of rotation).",
      labelNames: ["replica", "state"],
      registers,
    });
    const replicas = () => sources.replicas?.() ?? [];
    new Gauge({
      name: "catchup_replica_lag_seconds",
      help: "Each read replica's replay lag behind the primary's WAL, at the last check.",
      labelNames: ["replica"],
      registers,
      collect() {
        for (const replica of replicas()) this.set({ replica: replica.name }, replica.lagMs / 1000);
      },
    });
    new Gauge({
      name: "catchup_replica_lag_bytes",
      help: "Each read replica's replay lag behind the primary's WAL, in bytes, at the last check.",
      labelNames: ["replica"],
      registers,
      collect() {
        for (const replica of replicas()) this.set({ replica: replica.name }, replica.lagBytes);
      },
    });
    new Gauge({
      name: "catchup_replica_in_rotation",
      help: "1 while a read replica serves reads (healthy), 0 while it lags too far or is down.",
      labelNames: ["replica"],
      registers,
      collect() {
        for (const replica of replicas()) this.set({ replica: replica.name }, replica.state === "healthy" ? 1 : 0);
      },
    });
    const documentCache = () => this.documentCache();
    new Gauge({
      name: "catchup_graphql_document_cache_entries",
      help: "Admitted GraphQL documents kept for reuse.",
      registers,
      collect() {
        this.set(documentCache().entries);
      },
    });
    new Gauge({
      name: "catchup_graphql_document_cache_bytes",
      help: "Bytes of the texts of the documents kept (their syntax trees take tens of times that).",
      registers,
      collect() {
        this.set(documentCache().bytes);
      },
    });
    new Gauge({
      name: "catchup_projection_position",
      help: "The global position each projection has applied everything up to.",
      labelNames: ["projection"],
      registers,
      collect() {
        for (const status of sources.projections()) this.set({ projection: status.name }, Number(status.position));
      },
    });
    new Gauge({
      name: "catchup_projection_lag_events",
      help: "How many positions each projection is behind the log head.",
      labelNames: ["projection"],
      registers,
      collect() {
        const head = sources.head();
        for (const status of sources.projections())
          this.set({ projection: status.name }, Number(head > status.position ? head - status.position : 0n));
      },
    });
    new Gauge({
      name: "catchup_projection_state",
      help: "1 for each projection's current state (RUNNING, STANDBY, REBUILDING, FAILED, …).",
      labelNames: ["projection", "state"],
      registers,
      collect() {
        for (const status of sources.projections())
          for (const state of STATES) this.set({ projection: status.name, state }, status.state === state ? 1 : 0);
      },
    });
    new Gauge({
      name: "catchup_log_head_position",
      help: "The log's safe head as this instance last sampled it.",
      registers,
      collect() {
        this.set(Number(sources.head()));
      },
    });
    new Gauge({
      name: "catchup_subscriptions_open",
      help: "Open GraphQL subscriptions on this instance.",
      registers,
      collect() {
        this.set(sources.openSubscriptions());
      },
    });
  }
}
