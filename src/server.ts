/**
 * HTTP + WebSocket wiring: GraphQL over HTTP (http/graphql-over-http.ts, Apollo Server) and
 * graphql-ws (http/websocket.ts) on one port and path, and the routes beside them. Every
 * GraphQL document, on either transport, is admitted by one DocumentGate
 * (graphql/documents.ts) before anything else parses or validates it. `/healthz` answers while the process is up; `/readyz` says
 * whether it can serve (http/readiness.ts). A browser opening /graphql gets the GraphiQL
 * playground (playground.ts). `close()` drains: it stops accepting, finishes in-flight
 * requests, closes WebSocket clients, and leaves the App (database, projectors) to the caller.
 */
import { timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { GraphQLError } from "graphql";
import type { App } from "./app.js";
import type { Authenticator } from "./auth/authenticator.js";
import { DEFAULT_LIMITS, DEFAULT_SERVER_LIMITS, type DocumentLimits, type ServerLimits } from "./config.js";
import { DocumentGate } from "./graphql/documents.js";
import { createErrorFormatter } from "./graphql/errors.js";
import { getSchema } from "./graphql/schema.js";
import { serveGraphQLOverHttp } from "./http/graphql-over-http.js";
import { OriginPolicy } from "./http/origins.js";
import { readiness } from "./http/readiness.js";
import { send } from "./http/respond.js";
import { serveWebSocket } from "./http/websocket.js";
import type { Playground } from "./playground.js";

export interface ServerOptions {
  port: number;
  host: string;
  /** Verifies bearer tokens (HTTP Authorization header, graphql-ws connectionParams.authorization). */
  auth: Authenticator;
  /** Answer introspection queries, and suggest names in errors (default true). */
  introspection?: boolean;
  /** What one GraphQL document may ask for (default DEFAULT_LIMITS). */
  limits?: DocumentLimits;
  /** What one client may hold of the server (default DEFAULT_SERVER_LIMITS; unset fields keep their default). */
  server?: Partial<ServerLimits>;
  /** Browser origins allowed besides the server's own (default: any loopback origin). */
  corsOrigins?: readonly string[] | "loopback";
  /** GraphiQL for browsers asking for /graphql (none when unset). */
  playground?: Playground;
  /** Serve GraphQL (default true); a projector-only instance serves /healthz and /readyz alone. */
  graphql?: boolean;
  /** /readyz fails when a projection is more events than this behind the log head. */
  readyMaxLag?: number;
  /** When set, /metrics answers only `Authorization: Bearer <metricsToken>` (401 otherwise); open when unset. */
  metricsToken?: string;
  log?: (message: string, error?: unknown) => void;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startServer(app: App, options: ServerOptions): Promise<RunningServer> {
  const log = options.log ?? ((message, error) => app.log.error({ err: error }, message));
  const limits: ServerLimits = { ...DEFAULT_SERVER_LIMITS, ...options.server };
  const introspection = options.introspection ?? true;
  const schema = await getSchema(app.modules);
  const httpServer = http.createServer({
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    // How often Node looks for requests past those timeouts (its default is 30 s).
    connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs, limits.requestTimeoutMs),
    keepAliveTimeout: limits.keepAliveTimeoutMs,
  });
  // Past it, new connections are refused at once: file descriptors stay for the database.
  httpServer.maxConnections = limits.maxConnections;

  // One error formatter for HTTP and WebSocket alike.
  const formatError = createErrorFormatter({
    debug: app.debugErrors,
    hideSuggestions: !introspection,
    log: (error) => log("internal error", error),
  });
  const format = (errors: readonly GraphQLError[]) => errors.map((error) => formatError(error.toJSON(), error));

  const gate = new DocumentGate(schema, {
    limits: options.limits ?? DEFAULT_LIMITS,
    introspection,
    cacheEntries: limits.documentCacheEntries,
    cacheBytes: limits.documentCacheBytes,
    onMeasured: (work) => app.metrics.documentWork.inc(work),
  });
  app.metrics.documentCache = () => ({ entries: gate.cache.size, bytes: gate.cache.bytes });
  const origins = new OriginPolicy(options.corsOrigins ?? "loopback");
  const ws = serveWebSocket(httpServer, { app, schema, gate, auth: options.auth, origins, limits, format });

  const graphql = await serveGraphQLOverHttp({
    app,
    schema,
    gate,
    auth: options.auth,
    httpServer,
    ws,
    introspection,
    maxTokens: (options.limits ?? DEFAULT_LIMITS).maxTokens,
    limits,
    formatError,
    format,
  });

  httpServer.on("request", (req, res) => {
    void route(req, res).catch((error: unknown) => {
      log("request failed", error);
      if (!res.headersSent)
        send(res, 500, { errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] });
      else res.destroy();
    });
  });

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://localhost");
    } catch {
      // A request target no URL parser reads (`//[::1`): the client's mistake.
      return send(res, 400, { error: "the request target is not a valid path" });
    }
    if (url.pathname === "/healthz") return send(res, 200, { status: "ok" });
    if (url.pathname === "/metrics") {
      if (options.metricsToken !== undefined && !bearerMatches(req.headers.authorization, options.metricsToken)) {
        res.setHeader("www-authenticate", 'Bearer realm="metrics"');
        return send(res, 401, { error: "/metrics needs Authorization: Bearer <CATCHUP_METRICS_TOKEN>" });
      }
      const text = await app.metrics.registry.metrics();
      res.writeHead(200, { "content-type": app.metrics.registry.contentType, "content-length": Buffer.byteLength(text) });
      res.end(text);
      return;
    }
    if (url.pathname === "/readyz") {
      const ready = await readiness(app, options.readyMaxLag ?? 10_000);
      return send(res, ready.ready ? 200 : 503, ready);
    }
    if (url.pathname.startsWith("/playground/") && options.playground) {
      const asset = options.playground.asset(url.pathname.slice("/playground/".length));
      if (!asset) return send(res, 404, { error: "not found" });
      res.writeHead(200, {
        "content-type": asset.type,
        "content-length": asset.body.length,
        "cache-control": "public, max-age=3600",
        "x-content-type-options": "nosniff",
      });
      res.end(asset.body);
      return;
    }
    if (url.pathname !== "/graphql") return send(res, 404, { error: "not found: GraphQL is served at /graphql" });
    if (!origins.permits(req)) {
      return send(res, 403, {
        errors: [
          { message: `origin ${req.headers.origin} may not call this API (CATCHUP_CORS_ORIGINS)`, extensions: { code: "FORBIDDEN" } },
        ],
      });
    }
    if (origins.answer(req, res)) return;
    if (req.method === "GET" && options.playground && options.graphql !== false && (req.headers.accept ?? "").includes("text/html")) {
      const page = options.playground.page();
      // No other site may frame it: the page keeps a token, and a framed click would use it.
      res.writeHead(200, {
        "content-type": "text/html; charset=utf-8",
        "content-length": Buffer.byteLength(page),
        "content-security-policy": "frame-ancestors 'none'",
        "x-frame-options": "DENY",
        "x-content-type-options": "nosniff",
        "referrer-policy": "no-referrer",
      });
      res.end(page);
      return;
    }
    if (options.graphql === false)
      return send(res, 404, { error: "this instance runs projections only (CATCHUP_ROLE=projector): send GraphQL to an API instance" });

    await graphql.handle(req, res, url);
  }

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port, options.host, () => {
      httpServer.off("error", reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;

  return {
    url: `http://${host}:${port}/graphql`,
    port,
    async close() {
      // Apollo's drain plugin stops accepting, waits for in-flight requests and disposes graphql-ws.
      await graphql.stop();
      ws.close();
    },
  };
}

/** Whether an Authorization header carries exactly this bearer token (compared in constant time). */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(header ?? "")?.[1] ?? "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
