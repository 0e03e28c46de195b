/**
 * `npm start`: read the configuration, open the database (applying migrations), start the
 * projections and the server, and shut all of it down cleanly on SIGINT/SIGTERM.
 */
import { createApp, databaseOptions, masterKeysOf } from "./app.js";
import { Authenticator, DEVELOPMENT_CUSTOMER } from "./auth/authenticator.js";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { reportCatchUp } from "./catch-up-progress.js";
import { announceServer } from "./core/database/data-dir-lock.js";
import { DatabaseError } from "./core/database/database.js";
import { MigrationError } from "./core/database/migrate.js";
import { createLogger } from "./observability.js";
import { createPlayground } from "./playground.js";
import { startServer } from "./server.js";

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) return fail(error.message);
    throw error;
  }

  const log = createLogger(config.logLevel);
  let app;
  try {
    app = await createApp({
      database: databaseOptions(config),
      masterKeys: masterKeysOf(config),
      // Started once the server listens (below): a long catch-up does not delay serving.
      startProjections: false,
      replicas: { urls: config.readDatabaseUrls, maxLagMs: config.readMaxLagMs, checkEveryMs: config.readCheckMs },
      consistencyTimeoutMs: config.consistencyTimeoutMs,
      debugErrors: config.debugErrors,
      projector: config.projectionDelayMs > 0 ? { batchDelayMs: config.projectionDelayMs } : undefined,
      log,
      // On PostgreSQL, every instance is ready to share the database with others.
      cluster:
        config.databaseUrl && config.bus !== "none"
          ? {
              role: config.role,
              bus: config.bus,
              redisUrl: config.redisUrl,
              failoverMs: config.failoverMs,
              log: (message, error) => log.warn({ err: error }, message),
            }
          : undefined,
    });
  } catch (error) {
    if (error instanceof DatabaseError || error instanceof MigrationError) return fail(error.message);
    throw error;
  }

  const auth = new Authenticator(config.auth);
  // The playground needs introspection; in development its header editor starts with an admin token.
  const playground = config.introspection
    ? createPlayground({
        defaultHeaders: auth.development
          ? { authorization: `Bearer ${await auth.issue({ role: "admin", subject: "dev-admin" }, "30d")}` }
          : undefined,
      })
    : undefined;
  let server;
  try {
    server = await startServer(app, {
      port: config.port,
      host: config.host,
      auth,
      introspection: config.introspection,
      limits: config.limits,
      server: config.server,
      corsOrigins: config.corsOrigins,
      graphql: config.role !== "projector",
      playground,
      metricsToken: config.metricsToken,
    });
  } catch (error) {
    await app.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") return fail(`port ${config.port} on ${config.host} is already in use; set PORT to another port`);
    if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") return fail(`cannot listen on HOST=${config.host}: ${code}`);
    if (code === "EACCES") return fail(`no permission to listen on port ${config.port}`);
    throw error;
  }

  // The scripts find this server through its data directory's lock, whatever its PORT.
  if (app.db.kind === "pglite" && !config.databaseUrl) announceServer(config.dataDir, server.url);
  const database = app.db.kind === "pglite" ? `embedded PGlite in ${app.db.location}` : `PostgreSQL at ${app.db.location}`;
  const role =
    config.role === "all"
      ? ""
      : config.role === "api"
        ? " as an API-only instance"
        : " as a projector instance (no GraphQL: /healthz and /readyz only)";
  log.info(
    { url: server.url, database: app.db.location, role: config.role, auth: auth.development ? "development" : "configured" },
    "serving",
  );
  const replicas = app.replicas
    ? `, reading through ${app.replicas.replicas.length} replica${app.replicas.replicas.length === 1 ? "" : "s"}`
    : "";
  console.log(`Catchup is serving GraphQL at ${server.url} (HTTP and WebSocket), on ${database}${replicas}${role}`);
  if (playground && config.role !== "projector") console.log(`Playground: open ${server.url} in a browser`);
  if (auth.development) await printDevelopmentTokens(auth);

  // A long catch-up (a restart after many writes, or after `npm run seed` in its own process) shows its progress.
  const head = await app.store.lastPosition();
  try {
    await app.startProjections();
  } catch (error) {
    await server.close();
    await app.close();
    throw error;
  }
  const stopReport = reportCatchUp(() => app.projector.status(), head, log);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: draining connections, stopping projections, closing the database`);
    const force = setTimeout(() => {
      console.error("shutdown took longer than 10 s; exiting anyway");
      process.exit(1);
    }, 10_000);
    force.unref();
    stopReport();
    await server.close();
    await app.close();
    log.info("stopped");
    log.flush();
    console.log("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

/** Development mode: say so, and print a token per role to paste into a client. */
async function printDevelopmentTokens(auth: Authenticator): Promise<void> {
  const lines = [
    "Authentication is in DEVELOPMENT mode: tokens are signed with a public secret (set CATCHUP_JWT_SECRET or CATCHUP_JWT_JWKS_URL in production).",
    "Development tokens, valid 30 days (send as the header  Authorization: Bearer <token>):",
  ];
  const principals = [
    { role: "admin", subject: "dev-admin" },
    { role: "staff", subject: "dev-staff" },
    { role: "customer", subject: DEVELOPMENT_CUSTOMER },
  ] as const;
  for (const principal of principals) lines.push(`  ${principal.role.padEnd(8)} ${await auth.issue(principal, "30d")}`);
  lines.push(`  (the customer token acts as customer id "${DEVELOPMENT_CUSTOMER}": registerCustomer with it first)`);
  console.log(lines.join("\n"));
}

function fail(message: string): void {
  console.error(`catchup: ${message}`);
  process.exitCode = 1;
}

await main();
