import type { GraphQLResolveInfo } from "graphql";
import type { Principal } from "../auth/authenticator.js";
import { callerOf, type Caller, type CommandServices } from "../application/command.js";
import type { Notifier } from "../core/notifier.js";
import type { Projector } from "../core/projector.js";
import type { Loaders } from "./loaders.js";
import type { CatchupModule, ModuleReadModel } from "./module.js";
import { requireWritten, Session } from "./session.js";

/**
 * What resolvers reach of the running application (the App of ../app.ts provides it): what
 * commands need, and what reads, waits and subscriptions need besides. The kit names what it
 * needs here rather than importing the composition root.
 */
export interface Services extends CommandServices {
  readonly notifier: Notifier;
  readonly projector: Pick<Projector, "names" | "status" | "runner">;
  /** The modules served, and their read models by name. */
  readonly modules: readonly CatchupModule[];
  readonly readModels: ReadonlyMap<string, ModuleReadModel>;
  /** Rebuilds projections, here or on the instance that runs them. */
  rebuild(names: readonly string[]): Promise<void>;
}

/** Per-request (or per-WebSocket-operation) context: the caller of the commands it issues. */
export interface Context extends Caller {
  readonly services: Services;
  readonly loaders: Loaders;
  /** What the operation wrote, and the position its reads wait for (./session.ts). */
  readonly session: Session;
}

export function createContext(
  services: Services,
  requestId: string,
  principal: Principal | null,
  readPosition: bigint | null = null,
): Context {
  // A request's loaders: those of every module, new for each request.
  const loaders = Object.assign({}, ...services.modules.map((module) => module.loaders?.(services.db.sql) ?? {})) as Loaders;
  const session = new Session(readPosition);
  return { ...callerOf(principal, requestId), services, loaders, session, wrote: (position) => session.wrote(position) };
}

/**
 * Waits until each of `projections` has applied the operation's read position and the
 * field's `minPosition`, whichever is higher (nothing to wait for without either): every
 * read of a read model goes through here before it reads.
 */
export async function readAfter(
  context: Context,
  projections: string | readonly string[],
  minPosition: bigint | null | undefined,
  info?: GraphQLResolveInfo,
): Promise<void> {
  if (minPosition != null) await requireWritten(minPosition, context.services.store, "minPosition");
  let position = minPosition ?? null;
  // A nested field reads as of its root field's minPosition too: `customer(id, minPosition: P)
  // { accounts }` shows the accounts as of P, not only the profile.
  for (const floor of [context.session.readPosition, info ? context.session.rootMinPosition(info) : null]) {
    if (floor !== null && (position === null || floor > position)) position = floor;
  }
  return context.services.consistency.requirePosition(projections, position);
}
