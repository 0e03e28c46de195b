import type { App } from "../app.js";
import type { Principal } from "../auth/authenticator.js";
import { createLoaders, type Loaders } from "./loaders.js";

/** Per-request (or per-WebSocket-operation) context. */
export interface Context {
  app: App;
  requestId: string;
  /** The authenticated caller; null when the request carried no token. */
  principal: Principal | null;
  /** Recorded as the actor of the events a command writes ("role:subject"). */
  actor: string | null;
  loaders: Loaders;
}

export function createContext(app: App, requestId: string, principal: Principal | null): Context {
  return { app, requestId, principal, actor: principal && `${principal.role}:${principal.subject}`, loaders: createLoaders(app.db.sql) };
}
