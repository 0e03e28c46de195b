/**
 * HTTP + WebSocket wiring: Apollo Server on Node's http server (POST/GET /graphql), and
 * graphql-ws on the same port and path (http/websocket.ts). Every GraphQL document, on
 * either transport, is admitted by one DocumentGate (graphql/documents.ts) before anything
 * else parses or validates it. `/healthz` answers while the process is up; `/readyz` says
 * whether it can serve (http/readiness.ts). A browser opening /graphql gets the GraphiQL
 * playground (playground.ts). `close()` drains: it stops accepting, finishes in-flight
 * requests, closes WebSocket clients, and leaves the App (database, projectors) to the caller.
 */
import { randomUUID, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, HeaderMap, type HTTPGraphQLRequest } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { GraphQLError } from "graphql";
import type { App } from "./app.js";
import type { Authenticator, Principal } from "./auth/authenticator.js";
import { DEFAULT_LIMITS, DEFAULT_SERVER_LIMITS, type DocumentLimits, type ServerLimits } from "./config.js";
import { UnauthenticatedError } from "./core/errors.js";
import { createContext, type Context } from "./graphql/context.js";
import { apolloDocumentStore, DocumentGate } from "./graphql/documents.js";
import { createErrorFormatter, errorCode } from "./graphql/errors.js";
import { getSchema } from "./graphql/schema.js";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "./http/json.js";
import { OriginPolicy } from "./http/origins.js";
import { readiness } from "./http/readiness.js";
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
  const schema = await getSchema();
  const httpServer = http.createServer({
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    // How often Node looks for requests past those timeouts (its default is 30 s).
    connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs, limits.requestTimeoutMs),
  });

  // One error formatter for HTTP and WebSocket alike.
  const formatError = createErrorFormatter({ debug: app.debugErrors, hideSuggestions: !introspection, log: (error) => log("internal error", error) });
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

  const apollo = new ApolloServer<Context>({
    schema,
    introspection,
    // Apollo looks a request's document up in the gate's cache first: what the gate admitted
    // is neither parsed nor validated again.
    documentStore: apolloDocumentStore(gate.cache),
    parseOptions: { maxTokens: (options.limits ?? DEFAULT_LIMITS).maxTokens },
    hideSchemaDetailsFromClientErrors: !introspection,
    // Every request carries its document, so that every document passes the gate.
    persistedQueries: false,
    // Apollo's CSRF prevention (the default, kept explicit): a GET or a simple POST must carry
    // a content type other than the simple ones, or an apollo-require-preflight header.
    csrfPrevention: true,
    // main.ts owns SIGINT/SIGTERM and stops everything in order; Apollo must not stop itself.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: app.debugErrors,
    formatError,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      {
        async requestDidStart() {
          const started = performance.now();
          return {
            // Subscriptions are served over graphql-ws; over HTTP, graphql-js would run one as
            // a query and fail it as an internal error.
            async didResolveOperation({ operation }) {
              if (operation?.operation === "subscription") {
                throw new GraphQLError("subscriptions are served over WebSocket (graphql-ws, subprotocol graphql-transport-ws) at this same URL", {
                  extensions: { code: "BAD_REQUEST", http: { status: 400 } },
                });
              }
            },
            async willSendResponse({ contextValue, operation, operationName, errors, response }) {
              logRequest(app, { started, requestId: contextValue.requestId, actor: contextValue.actor, operation: operationName ?? null, type: operation?.operation ?? "unknown", errors, status: response.http.status ?? 200 });
            },
          };
        },
      },
      ApolloServerPluginLandingPageDisabled(),
      // No field sets cache hints (reads are live views): without this, Apollo's default
      // cache-control plugin wraps every field resolver of every request.
      ApolloServerPluginCacheControlDisabled(),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await ws.dispose();
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  httpServer.on("request", (req, res) => {
    void route(req, res).catch((error: unknown) => {
      log("request failed", error);
      if (!res.headersSent) send(res, 500, { errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] });
      else res.destroy();
    });
  });

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
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
      res.writeHead(200, { "content-type": asset.type, "content-length": asset.body.length, "cache-control": "public, max-age=3600" });
      res.end(asset.body);
      return;
    }
    if (url.pathname !== "/graphql") return send(res, 404, { error: "not found: GraphQL is served at /graphql" });
    if (!origins.permits(req)) {
      return send(res, 403, { errors: [{ message: `origin ${req.headers.origin} may not call this API (CATCHUP_CORS_ORIGINS)`, extensions: { code: "FORBIDDEN" } }] });
    }
    if (origins.answer(req, res)) return;
    if (req.method === "GET" && options.playground && options.graphql !== false && (req.headers.accept ?? "").includes("text/html")) {
      const page = options.playground.page();
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(page) });
      res.end(page);
      return;
    }
    if (options.graphql === false) return send(res, 404, { error: "this instance runs projections only (CATCHUP_ROLE=projector): send GraphQL to an API instance" });

    let body: unknown;
    if (req.method === "POST") {
      const raw = await readBody(req, limits.maxBodyBytes);
      if (raw === "aborted") return; // the client went away, or took longer than requestTimeoutMs (Node answered 408)
      if (raw === "too-large") {
        return send(res, 413, { errors: [{ message: `request body larger than ${limits.maxBodyBytes} bytes`, extensions: { code: "BAD_REQUEST" } }] });
      }
      if (nestsDeeperThan(raw, MAX_JSON_DEPTH)) {
        return send(res, 400, { errors: [{ message: `request body nests deeper than ${MAX_JSON_DEPTH} levels`, extensions: { code: "BAD_REQUEST" } }] });
      }
      try {
        body = raw.length === 0 ? {} : JSON.parse(raw);
      } catch {
        return send(res, 400, { errors: [{ message: "request body is not valid JSON", extensions: { code: "BAD_REQUEST" } }] });
      }
    }
    // The caller's X-Request-Id when it is a sensible one, else a new id; echoed back, logged.
    const given = req.headers["x-request-id"];
    const requestId = typeof given === "string" && /^[\x21-\x7e]{1,128}$/.test(given) ? given : randomUUID();
    res.setHeader("x-request-id", requestId);
    // A request without a token is anonymous (it may introspect; every field needs a role);
    // one with a token that does not verify is refused whole.
    let principal: Principal | null;
    try {
      principal = await options.auth.authenticate(req.headers.authorization);
    } catch (error) {
      if (!(error instanceof UnauthenticatedError)) throw error;
      res.setHeader("www-authenticate", 'Bearer error="invalid_token"');
      return send(res, 401, { errors: [{ message: error.message, extensions: { code: error.code } }] });
    }
    const query = req.method === "POST" ? (body as { query?: unknown } | null)?.query : url.searchParams.get("query");
    if (typeof query === "string") {
      const started = performance.now();
      const admitted = gate.admit(query, variablesOf(req.method === "POST" ? (body as { variables?: unknown }).variables : url.searchParams.get("variables")));
      if (admitted.errors) {
        logRequest(app, { started, requestId, actor: principal && `${principal.role}:${principal.subject}`, operation: null, type: "unknown", errors: admitted.errors, status: 400 });
        return send(res, 400, { errors: format(admitted.errors) });
      }
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    const request: HTTPGraphQLRequest = { method: req.method ?? "GET", headers, search: url.search, body };
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: request,
      context: async () => createContext(app, requestId, principal),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === "complete") {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
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
      await apollo.stop();
      ws.close();
    },
  };
}

/** A request's variables (an object, or on GET its JSON), for the gate's pricing; null when there are none to read. */
function variablesOf(given: unknown): Record<string, unknown> | null {
  let value = given;
  if (typeof given === "string") {
    try {
      value = JSON.parse(given);
    } catch {
      return null; // Apollo refuses it
    }
  }
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** One log line and one metric sample per HTTP GraphQL request. */
function logRequest(
  app: App,
  request: { started: number; requestId: string; actor: string | null; operation: string | null; type: string; errors: readonly unknown[] | undefined; status: number },
): void {
  const codes = [...new Set((request.errors ?? []).map(errorCode))];
  const outcome = codes.length === 0 ? "ok" : codes.length === 1 ? codes[0]! : "errors";
  const seconds = (performance.now() - request.started) / 1000;
  app.metrics.requests.inc({ type: request.type, outcome });
  app.metrics.requestSeconds.observe({ type: request.type }, seconds);
  app.log.info(
    { requestId: request.requestId, operation: request.operation, type: request.type, actor: request.actor, outcome, codes, status: request.status, ms: Math.round(seconds * 1e4) / 10 },
    "graphql",
  );
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string | "too-large" | "aborted"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(tooLarge ? "too-large" : Buffer.concat(chunks).toString("utf8")));
    req.on("close", () => {
      if (!req.complete) resolve("aborted");
    });
    req.on("error", reject);
  });
}

/** Whether an Authorization header carries exactly this bearer token (compared in constant time). */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(header ?? "")?.[1] ?? "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
