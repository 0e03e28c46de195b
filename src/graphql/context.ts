import type { App } from "../app.js";

/** Per-request (or per-WebSocket-operation) context. */
export interface Context {
  app: App;
  requestId: string;
  /** Who is calling, when known (authentication comes later). */
  actor: string | null;
}
