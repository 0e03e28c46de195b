import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { masterKeysOf } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";

/** Any 32 bytes, as base64. */
const KEY = Buffer.alloc(32, 7).toString("base64");

describe("loadConfig", () => {
  it("has the documented defaults", () => {
    expect(loadConfig({})).toMatchObject({
      port: 4000,
      host: "127.0.0.1",
      databaseUrl: undefined,
      consistencyTimeoutMs: 5000,
      debugErrors: false,
    });
    expect(loadConfig({}).dataDir).toMatch(/\/data$/);
  });

  it("reports every bad variable by name, at once", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "80x", DATABASE_URL: "mysql://x", CATCHUP_DEBUG_ERRORS: "maybe", CATCHUP_CONSISTENCY_TIMEOUT_MS: "0" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    expect(problems).toMatch(/PORT must be an integer from 0 to 65535, got "80x"/);
    expect(problems).toMatch(/DATABASE_URL must be a postgresql:\/\/ connection string/);
    expect(problems).toMatch(/CATCHUP_DEBUG_ERRORS must be 1\/true or 0\/false/);
    expect(problems).toMatch(/CATCHUP_CONSISTENCY_TIMEOUT_MS must be an integer from 1/);
  });

  it("rejects an out-of-range port", () => {
    expect(() => loadConfig({ PORT: "70000" })).toThrow(/PORT must be an integer from 0 to 65535/);
  });

  it("refuses production without a way to verify tokens, and turns introspection off there", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(
      /CATCHUP_JWT_SECRET \(or CATCHUP_JWT_JWKS_URL\) is required when NODE_ENV=production/,
    );
    const production = loadConfig({ NODE_ENV: "production", CATCHUP_JWT_SECRET: "x".repeat(32), CATCHUP_MASTER_KEY: KEY });
    expect(production).toMatchObject({ production: true, introspection: false, auth: { secret: "x".repeat(32) } });
    expect(
      loadConfig({
        NODE_ENV: "production",
        CATCHUP_MASTER_KEY: KEY,
        CATCHUP_JWT_JWKS_URL: "https://id.example/jwks.json",
        CATCHUP_INTROSPECTION: "1",
      }),
    ).toMatchObject({ introspection: true });
    expect(loadConfig({})).toMatchObject({ production: false, introspection: true, auth: { secret: undefined, jwksUrl: undefined } });
  });

  it("needs a master key in production; takes it as base64 or hex, with previous ones for a rotation", () => {
    expect(() => loadConfig({ NODE_ENV: "production", CATCHUP_JWT_SECRET: "x".repeat(32) })).toThrow(
      /CATCHUP_MASTER_KEY is required when NODE_ENV=production/,
    );
    expect(loadConfig({}).masterKeys).toBeUndefined();
    const hex = "ab".repeat(32);
    const keys = loadConfig({ CATCHUP_MASTER_KEY: KEY, CATCHUP_PREVIOUS_MASTER_KEYS: `${hex}, ${KEY}` }).masterKeys!;
    expect(keys.map((key) => key.toString("base64"))).toEqual([KEY, Buffer.from(hex, "hex").toString("base64"), KEY]);
    for (const bad of ["short", "x".repeat(44), "ab".repeat(31), `${KEY}A`]) {
      expect(() => loadConfig({ CATCHUP_MASTER_KEY: bad })).toThrow(/CATCHUP_MASTER_KEY: a master key is 32 random bytes/);
    }
    expect(() => loadConfig({ CATCHUP_PREVIOUS_MASTER_KEYS: KEY })).toThrow(/CATCHUP_PREVIOUS_MASTER_KEYS needs CATCHUP_MASTER_KEY/);
  });

  it("takes read replicas of a PostgreSQL primary, comma-separated, with their lag bound and check interval", () => {
    expect(loadConfig({})).toMatchObject({ readDatabaseUrls: [], readMaxLagMs: 5000, readCheckMs: 1000 });
    const config = loadConfig({
      DATABASE_URL: "postgresql://p/db",
      CATCHUP_READ_DATABASE_URL: "postgresql://r1/db, postgres://r2/db",
      CATCHUP_READ_MAX_LAG_MS: "250",
      CATCHUP_READ_CHECK_MS: "100",
    });
    expect(config).toMatchObject({ readDatabaseUrls: ["postgresql://r1/db", "postgres://r2/db"], readMaxLagMs: 250, readCheckMs: 100 });
    expect(() => loadConfig({ CATCHUP_READ_DATABASE_URL: "postgresql://r1/db" })).toThrow(/CATCHUP_READ_DATABASE_URL needs DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: "postgresql://p/db", CATCHUP_READ_DATABASE_URL: "mysql://user:secret@r1/db" })).toThrow(
      /CATCHUP_READ_DATABASE_URL must be postgresql:\/\/ connection strings/,
    );
    expect(() => loadConfig({ DATABASE_URL: "postgresql://p/db", CATCHUP_READ_DATABASE_URL: "mysql://user:secret@r1/db" })).not.toThrow(
      /secret/,
    );
  });

  it("takes a development projection delay, and refuses it in production", () => {
    expect(loadConfig({})).toMatchObject({ projectionDelayMs: 0 });
    expect(loadConfig({ CATCHUP_DEV_PROJECTION_DELAY_MS: "250" })).toMatchObject({ projectionDelayMs: 250 });
    expect(() => loadConfig({ CATCHUP_DEV_PROJECTION_DELAY_MS: "-5" })).toThrow(
      /CATCHUP_DEV_PROJECTION_DELAY_MS must be an integer from 0 to 60000/,
    );
    expect(() =>
      loadConfig({
        NODE_ENV: "production",
        CATCHUP_JWT_SECRET: "x".repeat(32),
        CATCHUP_MASTER_KEY: KEY,
        CATCHUP_DEV_PROJECTION_DELAY_MS: "100",
      }),
    ).toThrow(/CATCHUP_DEV_PROJECTION_DELAY_MS is for development only/);
    expect(
      loadConfig({
        NODE_ENV: "production",
        CATCHUP_JWT_SECRET: "x".repeat(32),
        CATCHUP_MASTER_KEY: KEY,
        CATCHUP_DEV_PROJECTION_DELAY_MS: "0",
      }),
    ).toMatchObject({
      projectionDelayMs: 0,
    });
  });

  it("checks the authentication settings", () => {
    expect(() => loadConfig({ CATCHUP_JWT_SECRET: "short" })).toThrow(/CATCHUP_JWT_SECRET must be at least 32 characters/);
    expect(() => loadConfig({ CATCHUP_JWT_SECRET: "x".repeat(32), CATCHUP_JWT_JWKS_URL: "https://a/b" })).toThrow(/not both/);
    expect(() => loadConfig({ CATCHUP_JWT_JWKS_URL: "ftp://a/b" })).toThrow(/CATCHUP_JWT_JWKS_URL must be an http/);
  });

  it("takes an optional /metrics token, long enough and without spaces", () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ CATCHUP_METRICS_TOKEN: "scrape-0123456789abcdef" }).metricsToken).toBe("scrape-0123456789abcdef");
    expect(() => loadConfig({ CATCHUP_METRICS_TOKEN: "short" })).toThrow(/CATCHUP_METRICS_TOKEN must be at least 16 printable characters/);
    expect(() => loadConfig({ CATCHUP_METRICS_TOKEN: "with a space 0123456789" })).toThrow(/CATCHUP_METRICS_TOKEN/);
  });

  it("checks the instance role and the cluster bus", () => {
    expect(loadConfig({})).toMatchObject({ role: "all", bus: "postgres", redisUrl: "redis://127.0.0.1:6379", failoverMs: 1000 });
    expect(loadConfig({ DATABASE_URL: "postgresql://x/y", CATCHUP_ROLE: "api", CATCHUP_BUS: "redis" })).toMatchObject({
      role: "api",
      bus: "redis",
    });
    expect(() => loadConfig({ CATCHUP_ROLE: "projector" })).toThrow(/CATCHUP_ROLE=projector needs DATABASE_URL/);
    expect(() => loadConfig({ CATCHUP_ROLE: "leader" })).toThrow(/CATCHUP_ROLE must be one of all, api, projector, got "leader"/);
    expect(() => loadConfig({ CATCHUP_BUS: "kafka" })).toThrow(/CATCHUP_BUS must be one of postgres, redis, none/);
    expect(() => loadConfig({ DATABASE_URL: "postgresql://x/y", CATCHUP_ROLE: "api", CATCHUP_BUS: "none" })).toThrow(
      /CATCHUP_BUS=none means a single instance/,
    );
    expect(() => loadConfig({ CATCHUP_FAILOVER_MS: "10" })).toThrow(/CATCHUP_FAILOVER_MS must be an integer from 50/);
  });

  it("takes CORS origins as exact origins: none by default in production, loopback ones in development", () => {
    expect(loadConfig({}).corsOrigins).toBe("loopback");
    expect(loadConfig({ NODE_ENV: "production", CATCHUP_JWT_SECRET: "x".repeat(32), CATCHUP_MASTER_KEY: KEY }).corsOrigins).toEqual([]);
    expect(loadConfig({ CATCHUP_CORS_ORIGINS: "https://app.example, http://localhost:5173" }).corsOrigins).toEqual([
      "https://app.example",
      "http://localhost:5173",
    ]);
    for (const bad of ["*", "https://app.example/", "https://app.example/path", "app.example", "ftp://app.example"]) {
      expect(() => loadConfig({ CATCHUP_CORS_ORIGINS: bad }), bad).toThrow(/CATCHUP_CORS_ORIGINS must list exact origins/);
    }
  });

  it("takes every document and server limit from the environment, each with its default", () => {
    const config = loadConfig({
      CATCHUP_MAX_QUERY_BYTES: "65536",
      CATCHUP_MAX_QUERY_TOKENS: "8000",
      CATCHUP_MAX_QUERY_WIDTH: "150",
      CATCHUP_MAX_QUERY_ALIASES: "20",
      CATCHUP_MAX_QUERY_DIRECTIVES: "10",
      CATCHUP_MAX_SUBSCRIPTIONS_PER_CONNECTION: "10",
      CATCHUP_MAX_CONNECTIONS_PER_PRINCIPAL: "5",
      CATCHUP_DOCUMENT_CACHE_BYTES: "2048",
      CATCHUP_REQUEST_TIMEOUT_MS: "5000",
      CATCHUP_KEEP_ALIVE_TIMEOUT_MS: "75000",
    });
    expect(config.limits).toEqual({
      maxBytes: 65536,
      maxTokens: 8000,
      maxDepth: 10,
      maxCost: 50_000,
      maxWidth: 150,
      maxRepeats: 25,
      maxAliases: 20,
      maxDirectives: 10,
    });
    expect(config.server).toEqual({
      maxBodyBytes: 1024 * 1024,
      maxMessageBytes: 64 * 1024,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 5000,
      keepAliveTimeoutMs: 75_000,
      maxSubscriptionsPerConnection: 10,
      maxConnectionsPerPrincipal: 5,
      maxMessagesPerSecond: 100,
      maxConnections: 10_000,
      documentCacheEntries: 1000,
      documentCacheBytes: 2048,
    });
    expect(() => loadConfig({ CATCHUP_MAX_QUERY_TOKENS: "10" })).toThrow(/CATCHUP_MAX_QUERY_TOKENS must be an integer from 100/);
    expect(loadConfig({}).server.keepAliveTimeoutMs).toBe(65_000);
    expect(() => loadConfig({ CATCHUP_KEEP_ALIVE_TIMEOUT_MS: "10" })).toThrow(/CATCHUP_KEEP_ALIVE_TIMEOUT_MS must be an integer from 1000/);
  });

  it("accepts tokens for a day at most once authentication is configured (30 days in development, where anyone can sign one)", () => {
    expect(loadConfig({ CATCHUP_JWT_SECRET: "x".repeat(32) }).auth.maxLifetimeS).toBe(86_400);
    expect(loadConfig({}).auth.maxLifetimeS).toBe(30 * 86_400);
    expect(loadConfig({ CATCHUP_JWT_SECRET: "x".repeat(32), CATCHUP_JWT_MAX_LIFETIME_S: "3600" }).auth.maxLifetimeS).toBe(3600);
  });
});

describe("masterKeysOf", () => {
  it("takes the configured keys; in development makes one under the data directory once, readable only by its owner", () => {
    const configured = [Buffer.alloc(32, 1)];
    expect(masterKeysOf({ masterKeys: configured, dataDir: "/nonexistent" })).toBe(configured);
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "catchup-key-")), "data");
    const [made] = masterKeysOf({ masterKeys: undefined, dataDir });
    expect(made!.length).toBe(32);
    expect(fs.statSync(path.join(dataDir, "master.key")).mode & 0o777).toBe(0o600);
    expect(masterKeysOf({ masterKeys: undefined, dataDir })[0]!.equals(made!)).toBe(true);
    fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });
});
