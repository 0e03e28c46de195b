/**
 * Configuration from the environment, validated once at start. Every problem is reported
 * together, by variable name, so an operator fixes them in one pass.
 */
import path from "node:path";

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL connection string; undefined selects the embedded PGlite database. */
  databaseUrl: string | undefined;
  /** PGlite data directory (ignored when databaseUrl is set). */
  dataDir: string;
  /** Connections in the PostgreSQL pool. */
  poolSize: number;
  /** How long STRONG mutations and minPosition/minVersion queries wait, in ms. */
  consistencyTimeoutMs: number;
  /** Show internal error messages to clients. Never on unless asked for. */
  debugErrors: boolean;
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

  const host = env.HOST === undefined || env.HOST === "" ? "127.0.0.1" : env.HOST;
  if (/\s/.test(host)) problems.push(`HOST must be a host name or address, got ${JSON.stringify(host)}`);

  const config: Config = {
    port: integer("PORT", 4000, 0, 65535),
    host,
    databaseUrl,
    dataDir: path.resolve(env.CATCHUP_DATA_DIR || "./data"),
    poolSize: integer("CATCHUP_DB_POOL_SIZE", 10, 1, 1000),
    consistencyTimeoutMs: integer("CATCHUP_CONSISTENCY_TIMEOUT_MS", 5000, 1, 600_000),
    debugErrors: flag("CATCHUP_DEBUG_ERRORS"),
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
