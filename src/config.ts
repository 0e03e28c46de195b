/**
 * Configuration from the environment, validated once at start. Every problem is reported
 * together, by variable name, so an operator fixes them in one pass.
 */
import path from "node:path";
import { parseMasterKey } from "./core/personal-data.js";
import { DEVELOPMENT_MAX_LIFETIME_S, type AuthOptions } from "./auth/authenticator.js";

/** What one GraphQL document may ask for (graphql/documents.ts). Every bound is a setting (README "Security"). */
export interface DocumentLimits {
  /** Bytes of the document's text (UTF-8). */
  maxBytes: number;
  /** Lexical tokens (punctuators, names, values); comments are not tokens. */
  maxTokens: number;
  /** How deeply selections nest, fragments followed. */
  maxDepth: number;
  /** Fields an operation may resolve at most: each counted once per item of every list above it. */
  maxCost: number;
  /** Fields in one selection set, fragments expanded. */
  maxWidth: number;
  /** Times one field with a selection of its own may be selected in one selection set (graphql-js compares each pair). */
  maxRepeats: number;
  /** Aliases written in the document. */
  maxAliases: number;
  /** Directives written in the document. */
  maxDirectives: number;
}

export const DEFAULT_LIMITS: DocumentLimits = {
  maxBytes: 32 * 1024,
  maxTokens: 5000,
  maxDepth: 10,
  maxCost: 50_000,
  maxWidth: 100,
  maxRepeats: 25,
  maxAliases: 100,
  maxDirectives: 50,
};

/** What one client may hold of a server (server.ts, http/). Every bound is a setting (README "Security"). */
export interface ServerLimits {
  /** Largest HTTP request body, in bytes. */
  maxBodyBytes: number;
  /**
   * Largest WebSocket message, in bytes. graphql-ws holds a subscribe message for as long
   * as its subscription lasts (twice: the frame and its text), so this bounds what each
   * subscription holds.
   */
  maxMessageBytes: number;
  /** Time a client has to send a request's headers, in ms. */
  headersTimeoutMs: number;
  /** Time a client has to send a whole request, body included, in ms (a trickled body is cut off). */
  requestTimeoutMs: number;
  /**
   * How long an idle keep-alive connection stays open, in ms: longer than the idle timeout of
   * the load balancers in front (60 s is common), so that they, and clients, close first and
   * never reuse a connection the server is closing (their request would fail with ECONNRESET).
   */
  keepAliveTimeoutMs: number;
  /** Operations one WebSocket connection may have running at once. */
  maxSubscriptionsPerConnection: number;
  /** WebSocket connections one principal (a token's role and subject) may hold. */
  maxConnectionsPerPrincipal: number;
  /**
   * Messages one WebSocket connection may send per second, on average (a burst of five
   * seconds' worth passes): past it, the connection is closed with 1008. graphql-ws handles
   * every message at once, pings before connection_init too: unbounded, one socket held
   * the event loop (others waited 2-3.5 s) and, never reading, grew the heap by 250 MB.
   */
  maxMessagesPerSecond: number;
  /** TCP connections the server holds at once (HTTP and WebSocket): past it, new ones are refused. */
  maxConnections: number;
  /** Admitted GraphQL documents kept for reuse: how many, and the bytes of their texts. */
  documentCacheEntries: number;
  documentCacheBytes: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  maxBodyBytes: 1024 * 1024,
  maxMessageBytes: 64 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 65_000,
  maxSubscriptionsPerConnection: 50,
  maxConnectionsPerPrincipal: 10,
  maxMessagesPerSecond: 100,
  maxConnections: 10_000,
  documentCacheEntries: 1000,
  documentCacheBytes: 1024 * 1024,
};

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL connection string; undefined selects the embedded PGlite database. */
  databaseUrl: string | undefined;
  /** PGlite data directory (ignored when databaseUrl is set). */
  dataDir: string;
  /** Connections in the PostgreSQL pool. */
  poolSize: number;
  /**
   * Streaming replicas of DATABASE_URL that queries, waits and subscriptions read from
   * (CATCHUP_READ_DATABASE_URL, comma-separated); empty: everything on the primary.
   */
  readDatabaseUrls: readonly string[];
  /** A replica further behind than this (ms) is out of rotation until it catches up. */
  readMaxLagMs: number;
  /** How often replicas' lag and health are checked (ms). */
  readCheckMs: number;
  /** How long STRONG mutations and minPosition/minVersion queries wait, in ms. */
  consistencyTimeoutMs: number;
  /** Show internal error messages to clients. Never on unless asked for. */
  debugErrors: boolean;
  /** NODE_ENV=production: authentication must be configured, introspection is off by default. */
  production: boolean;
  /** Token verification; neither secret nor jwksUrl set means development mode (see auth/). */
  auth: AuthOptions;
  /** Answer introspection queries (and suggest names in error messages). */
  introspection: boolean;
  /** What one GraphQL document may ask for. */
  limits: DocumentLimits;
  /** What one client may hold of the server: bodies, timeouts, WebSocket connections and subscriptions, cached documents. */
  server: ServerLimits;
  /** Browser origins allowed to call the API (CORS, WebSocket upgrade): exact origins, or any loopback origin. */
  corsOrigins: readonly string[] | "loopback";
  /** all | api | projector (README "Running more than one instance"). */
  role: "all" | "api" | "projector";
  /** How instances tell each other about progress: postgres (LISTEN/NOTIFY), redis, or none (one instance only). */
  bus: "postgres" | "redis" | "none";
  redisUrl: string;
  /** How often standbys try to take over a projection, in ms. */
  failoverMs: number;
  /** When set, /metrics answers only `Authorization: Bearer <this>`. */
  metricsToken: string | undefined;
  /**
   * Development only: each projection batch waits this long before it is applied, so that
   * reads show the staleness PostgreSQL shows under load (README "Read your own writes").
   */
  projectionDelayMs: number;
  /**
   * The master keys data keys are wrapped under (CATCHUP_MASTER_KEY, then any
   * CATCHUP_PREVIOUS_MASTER_KEYS during a rotation); undefined in development without one:
   * the server then makes one under dataDir (see masterKeysOf). Required in production.
   */
  masterKeys: readonly Buffer[] | undefined;
  /** pino level of the JSON logs on stdout. */
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join("\n  - ")}`);
    this.name = "ConfigError";
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];

  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
      return fallback;
    }
    return value;
  };

  const flag = (name: string): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === "" || raw === "0" || raw === "false") return false;
    if (raw === "1" || raw === "true") return true;
    problems.push(`${name} must be 1/true or 0/false, got ${JSON.stringify(raw)}`);
    return false;
  };

  const databaseUrl = env.DATABASE_URL === "" ? undefined : env.DATABASE_URL;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\/[^\s]+$/.test(databaseUrl)) {
    problems.push("DATABASE_URL must be a postgresql:// connection string (unset it to use the embedded database)");
  }

  const readDatabaseUrls = (env.CATCHUP_READ_DATABASE_URL ?? "")
    .split(",")
    .map((url) => url.trim())
    .filter((url) => url !== "");
  for (const url of readDatabaseUrls) {
    if (!/^postgres(ql)?:\/\/[^\s]+$/.test(url))
      problems.push(
        `CATCHUP_READ_DATABASE_URL must be postgresql:// connection strings, comma-separated; got ${JSON.stringify(url.replace(/\/\/[^@/]*@/, "//…@"))}`,
      );
  }
  if (readDatabaseUrls.length > 0 && databaseUrl === undefined) {
    problems.push("CATCHUP_READ_DATABASE_URL needs DATABASE_URL: replicas are of a PostgreSQL primary");
  }

  const host = env.HOST === undefined || env.HOST === "" ? "127.0.0.1" : env.HOST;
  if (/\s/.test(host)) problems.push(`HOST must be a host name or address, got ${JSON.stringify(host)}`);

  const production = env.NODE_ENV === "production";
  const optional = (name: string): string | undefined => (env[name] === undefined || env[name] === "" ? undefined : env[name]);
  const auth: AuthOptions = {
    secret: optional("CATCHUP_JWT_SECRET"),
    jwksUrl: optional("CATCHUP_JWT_JWKS_URL"),
    issuer: optional("CATCHUP_JWT_ISSUER"),
    audience: optional("CATCHUP_JWT_AUDIENCE"),
    // A token signed with the public development secret proves nothing: its lifetime is moot.
    maxLifetimeS: integer(
      "CATCHUP_JWT_MAX_LIFETIME_S",
      (optional("CATCHUP_JWT_SECRET") ?? optional("CATCHUP_JWT_JWKS_URL")) ? 86_400 : DEVELOPMENT_MAX_LIFETIME_S,
      60,
      366 * 86_400,
    ),
  };
  if (auth.secret !== undefined && auth.secret.length < 32) problems.push("CATCHUP_JWT_SECRET must be at least 32 characters");
  if (auth.secret !== undefined && auth.jwksUrl !== undefined) problems.push("set CATCHUP_JWT_SECRET or CATCHUP_JWT_JWKS_URL, not both");
  if (auth.jwksUrl !== undefined && !/^https?:\/\/\S+$/.test(auth.jwksUrl)) problems.push("CATCHUP_JWT_JWKS_URL must be an http(s):// URL");
  if (production && auth.secret === undefined && auth.jwksUrl === undefined) {
    problems.push(
      "CATCHUP_JWT_SECRET (or CATCHUP_JWT_JWKS_URL) is required when NODE_ENV=production: without it anyone could sign tokens with the public development secret",
    );
  }
  const metricsToken = optional("CATCHUP_METRICS_TOKEN");
  if (metricsToken !== undefined && !/^[\x21-\x7e]{16,}$/.test(metricsToken)) {
    problems.push("CATCHUP_METRICS_TOKEN must be at least 16 printable characters without spaces");
  }
  const introspection =
    env.CATCHUP_INTROSPECTION === undefined || env.CATCHUP_INTROSPECTION === "" ? !production : flag("CATCHUP_INTROSPECTION");

  const choice = <T extends string>(name: string, values: readonly T[], fallback: T): T => {
    const raw = optional(name);
    if (raw === undefined) return fallback;
    if ((values as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name} must be one of ${values.join(", ")}, got ${JSON.stringify(raw)}`);
    return fallback;
  };
  const corsOrigins = origins(optional("CATCHUP_CORS_ORIGINS"), production, problems);

  const role = choice("CATCHUP_ROLE", ["all", "api", "projector"] as const, "all");
  if (role !== "all" && env.CATCHUP_BUS === "none")
    problems.push(`CATCHUP_ROLE=${role} needs a bus: CATCHUP_BUS=none means a single instance`);
  if (role !== "all" && databaseUrl === undefined)
    problems.push(`CATCHUP_ROLE=${role} needs DATABASE_URL: several instances share one PostgreSQL database`);
  const redisUrl = optional("CATCHUP_REDIS_URL") ?? "redis://127.0.0.1:6379";
  if (!/^rediss?:\/\/\S+$/.test(redisUrl)) problems.push("CATCHUP_REDIS_URL must be a redis:// URL");

  const projectionDelayMs = integer("CATCHUP_DEV_PROJECTION_DELAY_MS", 0, 0, 60_000);
  if (production && projectionDelayMs > 0) {
    problems.push("CATCHUP_DEV_PROJECTION_DELAY_MS is for development only: it is refused when NODE_ENV=production");
  }

  const masterKeys = keys(optional("CATCHUP_MASTER_KEY"), optional("CATCHUP_PREVIOUS_MASTER_KEYS"), problems);
  if (production && masterKeys === undefined) {
    problems.push(
      "CATCHUP_MASTER_KEY is required when NODE_ENV=production: it protects every customer's personal data (generate one with `openssl rand -base64 32`)",
    );
  }

  const config: Config = {
    port: integer("PORT", 4000, 0, 65535),
    host,
    databaseUrl,
    dataDir: path.resolve(env.CATCHUP_DATA_DIR || "./data"),
    poolSize: integer("CATCHUP_DB_POOL_SIZE", 10, 1, 1000),
    readDatabaseUrls,
    readMaxLagMs: integer("CATCHUP_READ_MAX_LAG_MS", 5000, 10, 3_600_000),
    readCheckMs: integer("CATCHUP_READ_CHECK_MS", 1000, 50, 60_000),
    consistencyTimeoutMs: integer("CATCHUP_CONSISTENCY_TIMEOUT_MS", 5000, 1, 600_000),
    projectionDelayMs,
    debugErrors: flag("CATCHUP_DEBUG_ERRORS"),
    production,
    masterKeys,
    auth,
    introspection,
    limits: {
      maxBytes: integer("CATCHUP_MAX_QUERY_BYTES", DEFAULT_LIMITS.maxBytes, 1024, 1024 * 1024),
      maxTokens: integer("CATCHUP_MAX_QUERY_TOKENS", DEFAULT_LIMITS.maxTokens, 100, 100_000),
      maxDepth: integer("CATCHUP_MAX_QUERY_DEPTH", DEFAULT_LIMITS.maxDepth, 2, 100),
      maxCost: integer("CATCHUP_MAX_QUERY_COST", DEFAULT_LIMITS.maxCost, 10, 10_000_000),
      maxWidth: integer("CATCHUP_MAX_QUERY_WIDTH", DEFAULT_LIMITS.maxWidth, 10, 10_000),
      maxRepeats: integer("CATCHUP_MAX_QUERY_REPEATS", DEFAULT_LIMITS.maxRepeats, 1, 10_000),
      maxAliases: integer("CATCHUP_MAX_QUERY_ALIASES", DEFAULT_LIMITS.maxAliases, 0, 10_000),
      maxDirectives: integer("CATCHUP_MAX_QUERY_DIRECTIVES", DEFAULT_LIMITS.maxDirectives, 0, 10_000),
    },
    server: {
      maxBodyBytes: integer("CATCHUP_MAX_BODY_BYTES", DEFAULT_SERVER_LIMITS.maxBodyBytes, 1024, 64 * 1024 * 1024),
      maxMessageBytes: integer("CATCHUP_MAX_MESSAGE_BYTES", DEFAULT_SERVER_LIMITS.maxMessageBytes, 1024, 64 * 1024 * 1024),
      headersTimeoutMs: integer("CATCHUP_HEADERS_TIMEOUT_MS", DEFAULT_SERVER_LIMITS.headersTimeoutMs, 100, 600_000),
      requestTimeoutMs: integer("CATCHUP_REQUEST_TIMEOUT_MS", DEFAULT_SERVER_LIMITS.requestTimeoutMs, 100, 600_000),
      keepAliveTimeoutMs: integer("CATCHUP_KEEP_ALIVE_TIMEOUT_MS", DEFAULT_SERVER_LIMITS.keepAliveTimeoutMs, 1000, 600_000),
      maxSubscriptionsPerConnection: integer(
        "CATCHUP_MAX_SUBSCRIPTIONS_PER_CONNECTION",
        DEFAULT_SERVER_LIMITS.maxSubscriptionsPerConnection,
        1,
        100_000,
      ),
      maxConnectionsPerPrincipal: integer(
        "CATCHUP_MAX_CONNECTIONS_PER_PRINCIPAL",
        DEFAULT_SERVER_LIMITS.maxConnectionsPerPrincipal,
        1,
        100_000,
      ),
      maxMessagesPerSecond: integer("CATCHUP_MAX_MESSAGES_PER_SECOND", DEFAULT_SERVER_LIMITS.maxMessagesPerSecond, 1, 1_000_000),
      maxConnections: integer("CATCHUP_MAX_CONNECTIONS", DEFAULT_SERVER_LIMITS.maxConnections, 10, 1_000_000),
      documentCacheEntries: integer("CATCHUP_DOCUMENT_CACHE_ENTRIES", DEFAULT_SERVER_LIMITS.documentCacheEntries, 1, 1_000_000),
      documentCacheBytes: integer("CATCHUP_DOCUMENT_CACHE_BYTES", DEFAULT_SERVER_LIMITS.documentCacheBytes, 1024, 1024 * 1024 * 1024),
    },
    corsOrigins,
    role,
    bus: choice("CATCHUP_BUS", ["postgres", "redis", "none"] as const, "postgres"),
    redisUrl,
    failoverMs: integer("CATCHUP_FAILOVER_MS", 1000, 50, 60_000),
    metricsToken,
    logLevel: choice("CATCHUP_LOG_LEVEL", ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const, "info"),
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/**
 * CATCHUP_CORS_ORIGINS: a comma-separated list of exact origins (`https://app.example.com`,
 * `http://localhost:5173`). Unset: none in production, any loopback origin in development.
 */
function origins(raw: string | undefined, production: boolean, problems: string[]): readonly string[] | "loopback" {
  if (raw === undefined) return production ? [] : "loopback";
  const list = raw
    .split(",")
    .map((origin) => origin.trim())
    .filter((origin) => origin !== "");
  for (const origin of list) {
    let exact: boolean;
    try {
      const url = new URL(origin);
      exact = (url.protocol === "http:" || url.protocol === "https:") && url.origin === origin;
    } catch {
      exact = false;
    }
    if (!exact)
      problems.push(
        `CATCHUP_CORS_ORIGINS must list exact origins such as https://app.example.com (scheme, host, port; no path or wildcard), got ${JSON.stringify(origin)}`,
      );
  }
  return list;
}

/** CATCHUP_MASTER_KEY first, then the comma-separated CATCHUP_PREVIOUS_MASTER_KEYS. */
function keys(current: string | undefined, previous: string | undefined, problems: string[]): readonly Buffer[] | undefined {
  if (current === undefined) {
    if (previous !== undefined) problems.push("CATCHUP_PREVIOUS_MASTER_KEYS needs CATCHUP_MASTER_KEY (the key to wrap with from now on)");
    return undefined;
  }
  const parsed: Buffer[] = [];
  for (const [name, text] of [
    ["CATCHUP_MASTER_KEY", current],
    ...(previous ?? "")
      .split(",")
      .filter((key) => key.trim())
      .map((key) => ["CATCHUP_PREVIOUS_MASTER_KEYS", key]),
  ] as const) {
    try {
      parsed.push(parseMasterKey(text));
    } catch (error) {
      problems.push(`${name}: ${(error as Error).message}`);
    }
  }
  return parsed;
}
