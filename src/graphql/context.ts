import type { App } from "../app.js";
import { createLoaders, type Loaders } from "./loaders.js";

/** Per-request (or per-WebSocket-operation) context. */
export interface Context {
  app: App;
  requestId: string;
  /** Who is calling, when known (authentication comes later). */
  actor: string | null;
  loaders: Loaders;
}

export function createContext(app: App, requestId: string): Context {
  return { app, requestId, actor: null, loaders: createLoaders(app.db.sql) };
}
