import type { Principal } from "../auth/authenticator.js";
import type { PipelineDeps } from "../core/command-pipeline.js";
import type { Consistency } from "../core/consistency.js";
import type { Database } from "../core/database/database.js";
import type { EventStore } from "../core/event-store.js";
import type { Notifier } from "../core/notifier.js";
import type { Projector } from "../core/projector.js";
import type { Logger, Metrics } from "../observability.js";
import type { Loaders } from "./loaders.js";
import type { CatchupModule, ModuleReadModel } from "./module.js";

/**
 * What resolvers reach of the running application (the App of ../app.ts provides it). The
 * kit names what it needs here rather than importing the composition root.
 */
export interface Services {
  readonly db: Pick<Database, "sql" | "prisma">;
  readonly store: EventStore;
  readonly pipeline: PipelineDeps;
  readonly consistency: Consistency;
  readonly notifier: Notifier;
  readonly projector: Pick<Projector, "names" | "status" | "runner">;
  readonly metrics: Metrics;
  readonly log: Logger;
  /** The modules served, and their read models by name. */
  readonly modules: readonly CatchupModule[];
  readonly readModels: ReadonlyMap<string, ModuleReadModel>;
  /** Rebuilds projections, here or on the instance that runs them. */
  rebuild(names: readonly string[]): Promise<void>;
}

/** Per-request (or per-WebSocket-operation) context. */
export interface Context {
  app: Services;
  requestId: string;
  /** The authenticated caller; null when the request carried no token. */
  principal: Principal | null;
  /** Recorded as the actor of the events a command writes ("role:subject"). */
  actor: string | null;
  loaders: Loaders;
}

export function createContext(app: Services, requestId: string, principal: Principal | null): Context {
  // A request's loaders: those of every module, new for each request.
  const loaders = Object.assign({}, ...app.modules.map((module) => module.loaders?.(app.db.sql) ?? {})) as Loaders;
  return { app, requestId, principal, actor: principal && `${principal.role}:${principal.subject}`, loaders };
}
