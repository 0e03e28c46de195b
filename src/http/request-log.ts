/** The request log: one line and one metric sample per GraphQL request, whatever its transport. */
import type { App } from "../app.js";
import { errorCode } from "../graphql/errors.js";

/**
 * One log line and one metric sample per GraphQL request: over HTTP (with its status), and
 * over WebSocket (graphql-ws: a query's or mutation's answer, a subscription's start, a refusal).
 */
export function logRequest(
  app: App,
  request: {
    started: number;
    requestId: string;
    actor: string | null;
    operation: string | null;
    type: string;
    errors: readonly unknown[] | undefined;
    status?: number;
    transport?: "ws";
  },
): void {
  const codes = [...new Set((request.errors ?? []).map(errorCode))];
  const outcome = codes.length === 0 ? "ok" : codes.length === 1 ? codes[0]! : "errors";
  const seconds = (performance.now() - request.started) / 1000;
  app.metrics.requests.inc({ type: request.type, outcome });
  app.metrics.requestSeconds.observe({ type: request.type }, seconds);
  app.log.info(
    {
      requestId: request.requestId,
      operation: request.operation,
      type: request.type,
      actor: request.actor,
      outcome,
      codes,
      ...(request.status !== undefined && { status: request.status }),
      ...(request.transport && { transport: request.transport }),
      ms: Math.round(seconds * 1e4) / 10,
    },
    "graphql",
  );
}
