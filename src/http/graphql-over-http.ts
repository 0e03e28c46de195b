/**
 * GraphQL over HTTP at /graphql: Apollo Server, fed by this module rather than by a
 * framework. A request is read (within the body limit and nesting), authenticated (no token:
 * anonymous; a token that does not verify: 401 for the whole request), admitted by the
 * document gate, then handed to Apollo, which finds the admitted document in the gate's
 * cache. One log line and one metric sample per request.
 */
import { randomUUID } from "node:crypto";
import type http from "node:http";
import { ApolloServer, HeaderMap, type HTTPGraphQLRequest } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { getOperationAST, GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import type { App } from "../app.js";
import { actorOf, type Authenticator, type Principal } from "../auth/authenticator.js";
import type { ServerLimits } from "../config.js";
import { UnauthenticatedError } from "../core/errors.js";
import { createContext, type Context, type Services } from "../graphql/context.js";
import { apolloDocumentStore, type DocumentGate } from "../graphql/documents.js";
import { POSITION_HEADER, readPositionOf } from "../graphql/session.js";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "./json.js";
import { readBody, send } from "./respond.js";
import type { WebSocketEndpoint } from "./websocket.js";
import { logRequest } from "./request-log.js";

export interface GraphQLOverHttpOptions {
  app: App;
  schema: GraphQLSchema;
  gate: DocumentGate;
  auth: Authenticator;
  httpServer: http.Server;
  /** Closed with the HTTP server when Apollo drains. */
  ws: WebSocketEndpoint;
  introspection: boolean;
  maxTokens: number;
  limits: Pick<ServerLimits, "maxBodyBytes">;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  format: (errors: readonly GraphQLError[]) => GraphQLFormattedError[];
}

export interface GraphQLOverHttp {
  /** Answers a GraphQL request (POST, or GET with the query in the URL). */
  handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void>;
  /** Stops accepting, waits for requests in flight, closes the WebSocket clients. */
  stop(): Promise<void>;
}

export async function serveGraphQLOverHttp(options: GraphQLOverHttpOptions): Promise<GraphQLOverHttp> {
  const { app, schema, gate, httpServer, ws, introspection, limits, formatError, format } = options;
  const apollo = new ApolloServer<Context>({
    schema,
    introspection,
    // Apollo looks a request's document up in the gate's cache first: what the gate admitted
    // is neither parsed nor validated again.
    documentStore: apolloDocumentStore(gate.cache),
    parseOptions: { maxTokens: options.maxTokens },
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
                throw new GraphQLError(
                  "subscriptions are served over WebSocket (graphql-ws, subprotocol graphql-transport-ws) at this same URL",
                  {
                    extensions: { code: "BAD_REQUEST", http: { status: 400 } },
                  },
                );
              }
            },
            async willSendResponse({ contextValue, operation, operationName, errors, response }) {
              // What the operation wrote, for the client to read after (graphql/session.ts).
              const written = contextValue.session?.extensions();
              if (written && response.body.kind === "single") {
                response.body.singleResult.extensions = { ...response.body.singleResult.extensions, ...written };
              }
              logRequest(app, {
                started,
                requestId: contextValue.requestId,
                actor: contextValue.actor,
                operation: operationName ?? null,
                type: operation?.operation ?? "unknown",
                errors,
                status: response.http.status ?? 200,
              });
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

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    let body: unknown;
    if (req.method === "POST") {
      const raw = await readBody(req, limits.maxBodyBytes);
      if (raw === "aborted") return; // the client went away, or took longer than requestTimeoutMs (Node answered 408)
      if (raw === "too-large") {
        return send(res, 413, {
          errors: [{ message: `request body larger than ${limits.maxBodyBytes} bytes`, extensions: { code: "BAD_REQUEST" } }],
        });
      }
      if (nestsDeeperThan(raw, MAX_JSON_DEPTH)) {
        return send(res, 400, {
          errors: [{ message: `request body nests deeper than ${MAX_JSON_DEPTH} levels`, extensions: { code: "BAD_REQUEST" } }],
        });
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
    // The position the client has seen: every read of the operation waits for it.
    let readPosition: bigint | null;
    try {
      readPosition = await readPositionOf(req.headers[POSITION_HEADER], app.store, `the ${POSITION_HEADER} header`);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      return send(res, 400, { errors: format([error]) });
    }
    const query = req.method === "POST" ? (body as { query?: unknown } | null)?.query : url.searchParams.get("query");
    // Queries read through a replica when there is a healthy one; mutations, and anything not
    // known to be a query, on the primary.
    let services: Services = app;
    if (typeof query === "string") {
      const started = performance.now();
      const admitted = gate.admit(
        query,
        variablesOf(req.method === "POST" ? (body as { variables?: unknown }).variables : url.searchParams.get("variables")),
      );
      if (admitted.errors) {
        logRequest(app, {
          started,
          requestId,
          actor: principal && actorOf(principal),
          operation: null,
          type: "unknown",
          errors: admitted.errors,
          status: 400,
        });
        return send(res, 400, { errors: format(admitted.errors) });
      }
      const operationName =
        req.method === "POST" ? (body as { operationName?: unknown }).operationName : url.searchParams.get("operationName");
      const operation = getOperationAST(admitted.document, typeof operationName === "string" ? operationName : undefined);
      if (operation?.operation === "query") services = app.readServices();
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    const request: HTTPGraphQLRequest = { method: req.method ?? "GET", headers, search: url.search, body };
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: request,
      context: async () => createContext(services, requestId, principal, readPosition),
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

  return { handle, stop: () => apollo.stop() };
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
