/**
 * HTTP + WebSocket wiring: Apollo Server on Node's http server (POST/GET /graphql), and
 * graphql-ws on the same port and path for subscriptions. `/healthz` answers while the
 * process is up; `/readyz` says whether it can serve (database, projections, lag). A browser
 * opening /graphql gets the GraphiQL playground (playground.ts). `close()` drains: it stops accepting, finishes in-flight requests, closes
 * WebSocket clients, and leaves the App (database, projectors) to the caller.
 */
import { randomUUID, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, HeaderMap, type HTTPGraphQLRequest } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { GraphQLError, parse, specifiedRules, validate } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { App } from "./app.js";
import { DEFAULT_LIMITS, type QueryLimits } from "./config.js";
import type { Authenticator, Principal } from "./auth/authenticator.js";
import { UnauthenticatedError } from "./core/errors.js";
import { createContext, type Context } from "./graphql/context.js";
import { DocumentCache } from "./graphql/documents.js";
import { createErrorFormatter, errorCode } from "./graphql/errors.js";
import { queryLimitsRule } from "./graphql/limits.js";
import type { Playground } from "./playground.js";
import { getSchema } from "./graphql/schema.js";

export interface ServerOptions {
  port: number;
  host: string;
  /** Verifies bearer tokens (HTTP Authorization header, graphql-ws connectionParams.authorization). */
  auth: Authenticator;
  /** Answer introspection queries (default true). */
  introspection?: boolean;
  /** Query depth and cost limits (default DEFAULT_LIMITS). */
  limits?: QueryLimits;
  /** GraphiQL for browsers asking for /graphql (none when unset). */
  playground?: Playground;
  /** Serve GraphQL (default true); a projector-only instance serves /healthz and /readyz alone. */
  graphql?: boolean;
  /** /readyz fails when a projection is more events than this behind the log head. */
  readyMaxLag?: number;
  /** Largest accepted request body, in bytes. */
  maxBodyBytes?: number;
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
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const schema = await getSchema();
  const httpServer = http.createServer();

  // One error formatter for HTTP and WebSocket alike.
  const formatError = createErrorFormatter({ debug: app.debugErrors, log: (error) => log("internal error", error) });
  const format = (errors: readonly GraphQLError[]) => errors.map((error) => formatError(error.toJSON(), error));

  const limitsRule = queryLimitsRule(options.limits ?? DEFAULT_LIMITS);

  const wsServer = new WebSocketServer({ server: httpServer, path: "/graphql", maxPayload: maxBodyBytes });
  // A WebSocket authenticates once, in connection_init; its operations run as that principal.
  const principals = new WeakMap<object, Principal>();
  const documents = new DocumentCache();
  const wsCleanup = useServer(
    {
      schema,
      async onConnect(ctx) {
        try {
          const principal = await options.auth.authenticate(ctx.connectionParams?.authorization);
          if (principal) {
            principals.set(ctx, principal);
            return true;
          }
        } catch (error) {
          if (!(error instanceof UnauthenticatedError)) throw error;
        }
        ctx.extra.socket.close(4401, "Unauthorized");
        return false;
      },
      // Parse and validate here (with the same rules as HTTP), so that a bad document gets
      // the same coded errors over WebSocket as over HTTP; a valid one is kept for next time.
      onSubscribe(_ctx, _id, payload) {
        let document = documents.get(payload.query);
        if (!document) {
          try {
            document = parse(payload.query);
          } catch (error) {
            return [coded(error as GraphQLError, "GRAPHQL_PARSE_FAILED")];
          }
          const errors = validate(schema, document, [...specifiedRules, limitsRule]);
          if (errors.length > 0) return errors.map((error) => coded(error, "GRAPHQL_VALIDATION_FAILED"));
          documents.add(payload.query, document);
        }
        return { schema, document, variableValues: payload.variables, operationName: payload.operationName };
      },
      context: (ctx): Context => createContext(app, randomUUID(), principals.get(ctx) ?? null),
      onError: (_ctx, _id, _payload, errors) => format(errors),
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: format(result.errors) } : undefined),
    },
    wsServer,
  );

  const apollo = new ApolloServer<Context>({
    schema,
    introspection: options.introspection ?? true,
    validationRules: [limitsRule],
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
        // One log line and one metric sample per HTTP request.
        async requestDidStart() {
          const started = performance.now();
          return {
            async willSendResponse({ contextValue, operation, operationName, errors, response }) {
              const type = operation?.operation ?? "unknown";
              const codes = [...new Set((errors ?? []).map(errorCode))];
              const outcome = codes.length === 0 ? "ok" : codes.length === 1 ? codes[0]! : "errors";
              const seconds = (performance.now() - started) / 1000;
              app.metrics.requests.inc({ type, outcome });
              app.metrics.requestSeconds.observe({ type }, seconds);
              app.log.info(
                { requestId: contextValue.requestId, operation: operationName ?? null, type, actor: contextValue.actor, outcome, codes, status: response.http.status ?? 200, ms: Math.round(seconds * 1e4) / 10 },
                "graphql",
              );
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
              await wsCleanup.dispose();
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
      const readiness = await ready(app, options.readyMaxLag ?? 10_000);
      return send(res, readiness.ready ? 200 : 503, readiness);
    }
    if (url.pathname.startsWith("/playground/") && options.playground) {
      const asset = options.playground.asset(url.pathname.slice("/playground/".length));
      if (!asset) return send(res, 404, { error: "not found" });
      res.writeHead(200, { "content-type": asset.type, "content-length": asset.body.length, "cache-control": "public, max-age=3600" });
      res.end(asset.body);
      return;
    }
    if (url.pathname !== "/graphql") return send(res, 404, { error: "not found: GraphQL is served at /graphql" });
    if (req.method === "GET" && options.playground && options.graphql !== false && (req.headers.accept ?? "").includes("text/html")) {
      const page = options.playground.page();
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(page) });
      res.end(page);
      return;
    }
    if (options.graphql === false) return send(res, 404, { error: "this instance runs projections only (CATCHUP_ROLE=projector): send GraphQL to an API instance" });

    let body: unknown;
    if (req.method === "POST") {
      const raw = await readBody(req, maxBodyBytes);
      if (raw === "too-large") {
        return send(res, 413, { errors: [{ message: `request body larger than ${maxBodyBytes} bytes`, extensions: { code: "BAD_REQUEST" } }] });
      }
      try {
        body = raw.length === 0 ? {} : JSON.parse(raw);
      } catch {
        return send(res, 400, { errors: [{ message: "request body is not valid JSON", extensions: { code: "BAD_REQUEST" } }] });
      }
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
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
      wsServer.close();
    },
  };
}

interface Readiness {
  ready: boolean;
  database: "reachable" | "unreachable";
  projections: { name: string; state: string; behind: number }[];
  problems: string[];
}

/**
 * /readyz: ready to serve when the database answers within a second (its migrations were
 * applied before the server started), and every projection runs and is at most `maxLag`
 * events behind the log head.
 */
async function ready(app: App, maxLag: number): Promise<Readiness> {
  const problems: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  const reachable = await Promise.race([
    app.db.sql.query("SELECT 1").then(() => true, () => false),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 1000))),
  ]);
  clearTimeout(timer);
  if (!reachable) problems.push("the database does not answer");
  const projections = app.projector.status().map((status) => ({
    name: status.name,
    state: status.state,
    behind: Number(status.headPosition > status.position ? status.headPosition - status.position : 0n),
    lastError: status.lastError,
  }));
  for (const projection of projections) {
    if (!["RUNNING", "REBUILDING", "STANDBY"].includes(projection.state)) problems.push(`${projection.name} is ${projection.state}${projection.lastError ? `: ${projection.lastError}` : ""}`);
    else if (projection.lastError) problems.push(`${projection.name}: ${projection.lastError}`);
    else if (projection.behind > maxLag) problems.push(`${projection.name} is ${projection.behind} events behind (at most ${maxLag})`);
  }
  return {
    ready: problems.length === 0,
    database: reachable ? "reachable" : "unreachable",
    projections: projections.map(({ name, state, behind }) => ({ name, state, behind })),
    problems,
  };
}

/** The error with an extensions.code (graphql-js leaves parse and validation errors uncoded). */
function coded(error: GraphQLError, code: string): GraphQLError {
  if (error.extensions?.code) return error;
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, extensions: { ...error.extensions, code } });
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string | "too-large"> {
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
    req.on("error", reject);
  });
}

/** Whether an Authorization header carries exactly this bearer token (compared in constant time). */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(header ?? "")?.[1] ?? "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
