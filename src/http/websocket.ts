/**
 * GraphQL over WebSocket (graphql-ws, on the HTTP server's port and path). A connection
 * authenticates once, in connection_init (without a valid token it is closed with 4401),
 * and its operations run as that principal until the token expires (then it is closed with
 * 4401, and the client connects again with a fresh token).
 * What one client may hold is bounded: connections per principal (past it, the connection
 * is closed with 1013 "Try Again Later"), operations running per connection (past it, the
 * operation is refused with TOO_MANY_SUBSCRIPTIONS), message size (1009: graphql-ws keeps
 * a subscribe message for the subscription's life, so this bounds what each one holds),
 * messages per second and messages being handled at once (1008). Documents pass
 * the same gate as over HTTP, and browsers' Origin the same policy (403 on the upgrade).
 */
import { randomUUID } from "node:crypto";
import type http from "node:http";
import { getOperationAST, GraphQLError, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocket, WebSocketServer } from "ws";
import type { App } from "../app.js";
import { actorOf, type Authenticator, type Principal } from "../auth/authenticator.js";
import { UnauthenticatedError } from "../core/errors.js";
import { createContext, type Context } from "../graphql/context.js";
import { readPositionOf } from "../graphql/session.js";
import type { DocumentGate } from "../graphql/documents.js";
import type { ServerLimits } from "../config.js";
import type { OriginPolicy } from "./origins.js";
import { logRequest } from "./request-log.js";

/** Longest operation id a client may choose (graphql-ws sets none): it is kept as long as the operation. */
const MAX_OPERATION_ID_LENGTH = 128;

/** Close codes: 4401 as graphql-ws uses it; 1013 is the standard "Try Again Later". */
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_TOO_MANY_CONNECTIONS = 1013;

export interface WebSocketOptions {
  app: App;
  schema: GraphQLSchema;
  gate: DocumentGate;
  auth: Authenticator;
  origins: OriginPolicy;
  limits: Pick<ServerLimits, "maxMessageBytes" | "maxSubscriptionsPerConnection" | "maxConnectionsPerPrincipal" | "maxMessagesPerSecond">;
  /** Formats errors as HTTP responses do. */
  format: (errors: readonly GraphQLError[]) => GraphQLFormattedError[];
}

export interface WebSocketEndpoint {
  /** Completes every subscription and closes every connection. */
  dispose(): Promise<void>;
  /** Stops accepting connections. */
  close(): void;
}

export function serveWebSocket(httpServer: http.Server, options: WebSocketOptions): WebSocketEndpoint {
  const { app, schema, gate, auth, limits } = options;
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: "/graphql",
    maxPayload: limits.maxMessageBytes,
    verifyClient: ({ req }: { req: http.IncomingMessage }, done: (allowed: boolean, status?: number, message?: string) => void) =>
      done(options.origins.permits(req), 403, "Origin not allowed (CATCHUP_CORS_ORIGINS)"),
  });
  // A client that breaks the WebSocket protocol (a frame over maxPayload, an invalid one)
  // makes ws emit an error on its socket and close it (1009, 1002): the client's mistake,
  // which graphql-ws would log as an internal error of the server, stack and all. Its
  // listener is registered through socket.once in its own connection handler, after this one.
  wsServer.on("connection", (socket) => {
    const once = socket.once.bind(socket);
    socket.once = ((event: string, listener: (...args: unknown[]) => void) =>
      once(
        event,
        event === "error" ? (error: unknown) => void (isProtocolError(error) || listener(error)) : listener,
      )) as typeof socket.once;
    // graphql-ws handles every message at once, as it comes (a ping before connection_init
    // too), and logs each send that fails as an internal error, stack and all: one socket
    // that sent pings and reset wrote 105,883 of them (25 MB) in 3 s and held the event loop.
    // Its messages go through a gate here (graphql-ws's listener is registered after this
    // one), and a send to a peer that is gone fails quietly.
    const on = socket.on.bind(socket);
    socket.on = ((event: string, listener: (...args: unknown[]) => unknown) =>
      on(event, event === "message" ? gated(socket, listener, messageLimits) : listener)) as typeof socket.on;
    const send = socket.send.bind(socket) as (...args: unknown[]) => void;
    socket.send = ((...args: unknown[]) => {
      const callback = args.at(-1);
      if (typeof callback !== "function") return send(...args);
      send(...args.slice(0, -1), (error?: Error) => callback(socket.readyState === WebSocket.OPEN ? error : undefined));
    }) as typeof socket.send;
  });
  const messageLimits = {
    perSecond: limits.maxMessagesPerSecond,
    // The operations a connection may run are each a message being handled for their life.
    inFlight: limits.maxSubscriptionsPerConnection + IN_FLIGHT_MARGIN,
  };
  const principals = new WeakMap<object, Principal>();
  /** Queries and mutations running, to be logged with their answer. */
  const requests = new WeakMap<Context, Omit<Parameters<typeof logRequest>[1], "errors">>();
  const expiries = new WeakMap<object, NodeJS.Timeout>();
  const connections = new ConnectionCounter(limits.maxConnectionsPerPrincipal);

  const cleanup = useServer(
    {
      schema,
      async onConnect(ctx) {
        let principal: Principal | null = null;
        try {
          principal = await auth.authenticate(ctx.connectionParams?.authorization);
        } catch (error) {
          if (!(error instanceof UnauthenticatedError)) throw error;
        }
        // Every operation needs a principal: a connection without one is refused whole.
        if (!principal) {
          ctx.extra.socket.close(CLOSE_UNAUTHORIZED, "Unauthorized");
          return false;
        }
        // Closed while its token was checked: onClose has run already, nothing to count.
        if (ctx.extra.socket.readyState !== WebSocket.OPEN) return false;
        if (!connections.take(ctx, principal)) {
          ctx.extra.socket.close(
            CLOSE_TOO_MANY_CONNECTIONS,
            `Too many connections: at most ${limits.maxConnectionsPerPrincipal} per token`,
          );
          return false;
        }
        principals.set(ctx, principal);
        // A connection lasts as long as its token: at its expiry it is closed with 4401, and
        // the client connects again with a fresh one (its subscriptions with it).
        if (principal.expiresAt !== undefined) expiries.set(ctx, closeAt(ctx.extra.socket, principal.expiresAt));
        return true;
      },
      onClose(ctx) {
        connections.release(ctx);
        clearTimeout(expiries.get(ctx));
      },
      async onSubscribe(ctx, id, payload) {
        const started = performance.now();
        // Past its token's expiry (its timer not run yet), a connection runs nothing more.
        const expiresAt = principals.get(ctx)?.expiresAt;
        if (expiresAt !== undefined && Date.now() >= expiresAt) {
          ctx.extra.socket.close(CLOSE_UNAUTHORIZED, "the token has expired");
          return [new GraphQLError("the token has expired", { extensions: { code: "UNAUTHENTICATED" } })];
        }
        if (id.length > MAX_OPERATION_ID_LENGTH) {
          return [
            new GraphQLError(`an operation id has at most ${MAX_OPERATION_ID_LENGTH} characters`, { extensions: { code: "BAD_REQUEST" } }),
          ];
        }
        // graphql-ws registers the operation before asking: it counts itself.
        if (Object.keys(ctx.subscriptions).length > limits.maxSubscriptionsPerConnection) {
          return [
            new GraphQLError(
              `this connection already runs ${limits.maxSubscriptionsPerConnection} operations, the most it may: complete one first`,
              {
                extensions: { code: "TOO_MANY_SUBSCRIPTIONS" },
              },
            ),
          ];
        }
        const admitted = gate.admit(payload.query, payload.variables);
        if (admitted.errors) return [...admitted.errors];
        const { document } = admitted;
        // The position the client has seen (graphql/session.ts): every read waits for it.
        let readPosition: bigint | null;
        try {
          const given = (payload.extensions as { catchup?: { position?: unknown } } | null | undefined)?.catchup?.position;
          readPosition = await readPositionOf(given, app.store, "extensions.catchup.position");
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        // graphql-ws keeps the subscribe message for as long as the subscription lasts: keep
        // in it no more than it needs (the cached document's text instead of the client's
        // copy, the variables the operation declares, no extensions).
        const kept = payload as { query: string; variables?: Record<string, unknown> | null; extensions?: unknown };
        kept.query = document.loc?.source.body ?? payload.query;
        kept.variables = declaredVariables(document, payload.operationName, payload.variables);
        delete kept.extensions;
        // Queries and subscriptions read through a replica when there is a healthy one.
        const operation = getOperationAST(document, payload.operationName ?? undefined);
        const services = operation?.operation === "mutation" || !operation ? app : app.readServices();
        const principal = principals.get(ctx) ?? null;
        const contextValue: Context = createContext(services, randomUUID(), principal, readPosition);
        const type = operation?.operation ?? "unknown";
        const request = {
          started,
          requestId: contextValue.requestId,
          actor: principal && actorOf(principal),
          operation: operation?.name?.value ?? null,
          type,
        };
        // A query or mutation is logged with its answer; a subscription as it starts (it may last hours).
        if (type === "subscription") logRequest(app, { ...request, errors: undefined, transport: "ws" });
        else requests.set(contextValue, request);
        return { schema, document, variableValues: kept.variables, operationName: payload.operationName, contextValue };
      },
      onError: (ctx, _id, payload, errors) => {
        const principal = principals.get(ctx);
        logRequest(app, {
          started: performance.now(),
          requestId: randomUUID(),
          actor: principal ? actorOf(principal) : null,
          operation: payload.operationName ?? null,
          type: "unknown",
          errors,
          transport: "ws",
        });
        return options.format(errors);
      },
      onNext: (_ctx, _id, _payload, args, result) => {
        const request = requests.get(args.contextValue as Context);
        if (request) {
          requests.delete(args.contextValue as Context);
          logRequest(app, { ...request, errors: result.errors, transport: "ws" });
        }
        // What the operation wrote, for the client to read after (graphql/session.ts).
        const written = (args.contextValue as Context).session.extensions();
        if (!result.errors && !written) return undefined;
        return {
          ...result,
          ...(result.errors && { errors: options.format(result.errors) }),
          ...(written && { extensions: { ...result.extensions, ...written } }),
        };
      },
    },
    wsServer,
  );
  return {
    dispose: async () => cleanup.dispose(),
    close: () => wsServer.close(),
  };
}

/** The variables the operation to run declares, from those given (the rest is dropped). */
function declaredVariables(
  document: DocumentNode,
  operationName: string | null | undefined,
  given: Record<string, unknown> | null | undefined,
): Record<string, unknown> | undefined {
  if (!given) return undefined;
  const operation = getOperationAST(document, operationName);
  const declared = new Set((operation?.variableDefinitions ?? []).map((definition) => definition.variable.name.value));
  return Object.fromEntries(Object.entries(given).filter(([name]) => declared.has(name)));
}

/** The longest delay setTimeout takes (about 24.8 days; development tokens live 30). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Closes `socket` with 4401 once `expiresAt` has passed; the timer, to clear on close. */
function closeAt(socket: { close(code: number, reason: string): void }, expiresAt: number): NodeJS.Timeout {
  const timer = setTimeout(
    () => {
      if (Date.now() >= expiresAt) socket.close(CLOSE_UNAUTHORIZED, "the token has expired");
      else timer.refresh();
    },
    Math.min(Math.max(0, expiresAt - Date.now()), MAX_TIMER_MS),
  );
  timer.unref();
  return timer;
}

/** Open connections per principal, each counted once until it closes. */
class ConnectionCounter {
  private readonly open = new Map<string, number>();
  private readonly keys = new WeakMap<object, string>();

  constructor(private readonly max: number) {}

  /** Counts the connection in, unless its principal already holds `max`. */
  take(connection: object, principal: Principal): boolean {
    const key = actorOf(principal);
    const count = this.open.get(key) ?? 0;
    if (count >= this.max) return false;
    this.open.set(key, count + 1);
    this.keys.set(connection, key);
    return true;
  }

  release(connection: object): void {
    const key = this.keys.get(connection);
    if (key === undefined) return;
    this.keys.delete(connection);
    const count = this.open.get(key)! - 1;
    if (count === 0) this.open.delete(key);
    else this.open.set(key, count);
  }
}

/** Messages being handled at once past the operations a connection may run (a burst of pings, subscribes refused). */
const IN_FLIGHT_MARGIN = 100;

/** Closes a connection that sends too much: 1008, the standard "policy violation". */
export const CLOSE_TOO_MANY_MESSAGES = 1008;

/**
 * A message listener that lets through at most `perSecond` messages a second on average (a
 * bucket of five seconds' worth), with at most `inFlight` being handled at once (graphql-ws
 * handles a subscribe for its subscription's life; a ping until its pong is sent, which a
 * peer that never reads holds up). Past either, the connection is closed with 1008 and the
 * message dropped.
 */
function gated(socket: WebSocket, listener: (...args: unknown[]) => unknown, limits: { perSecond: number; inFlight: number }) {
  const burst = limits.perSecond * 5;
  let tokens = burst;
  let refilled = performance.now();
  let inFlight = 0;
  return (...args: unknown[]): void => {
    const now = performance.now();
    tokens = Math.min(burst, tokens + ((now - refilled) / 1000) * limits.perSecond);
    refilled = now;
    if (tokens < 1 || inFlight >= limits.inFlight) {
      if (socket.readyState === WebSocket.OPEN) {
        socket.close(CLOSE_TOO_MANY_MESSAGES, tokens < 1 ? "Too many messages" : "Too many messages waiting to be handled");
      }
      return;
    }
    tokens--;
    inFlight++;
    // graphql-ws's listener catches its own errors; a rejection here would be one it let through.
    const done = () => void inFlight--;
    Promise.resolve(listener(...args)).then(done, done);
  };
}

/** An error ws raises for a peer that broke the protocol (its codes all start WS_ERR_). */
function isProtocolError(error: unknown): boolean {
  return typeof (error as { code?: unknown } | null)?.code === "string" && (error as { code: string }).code.startsWith("WS_ERR_");
}
