/**
 * The application layer's one way to run a command, for every transport and tool (GraphQL
 * resolvers, the seed script, tests): the caller's command goes through the pipeline with
 * its idempotency key, expected version, actor and fingerprint, is counted and logged, and,
 * with STRONG consistency, returns once every projection has applied it. Modules bind it to
 * their deciders in their commands.ts; nothing here knows GraphQL.
 */
import { createHash, randomUUID } from "node:crypto";
import { actorOf, type Principal, type Role } from "../auth/authenticator.js";
import { handleCommand, type PipelineDeps, type WriteModel } from "../core/command-pipeline.js";
import type { Consistency } from "../core/consistency.js";
import type { Database } from "../core/database/database.js";
import type { Command, DecideContext, Decider } from "../core/decider.js";
import { codeOf } from "../core/errors.js";
import type { AppendGuard, EventStore } from "../core/event-store.js";
import type { DomainEvent } from "../core/events.js";
import type { Projector } from "../core/projector.js";
import type { Logger, Metrics } from "../observability.js";
import { ownerCheck, requireRole, type HasPrincipal } from "./authorization.js";

/** What running a command needs of the application. */
export interface CommandServices {
  readonly db: Pick<Database, "prisma" | "sql">;
  readonly store: EventStore;
  readonly pipeline: PipelineDeps;
  readonly consistency: Consistency;
  readonly projector: Pick<Projector, "names">;
  readonly metrics: Metrics;
  readonly log: Logger;
}

/** Who issues a command, and in which request (recorded with its events, logged). */
export interface Caller extends HasPrincipal {
  /** "role:subject", recorded as the actor of the events; null without a principal. */
  readonly actor: string | null;
  readonly requestId: string;
  /** Told each position a command of the caller wrote (a request's response reports the highest). */
  wrote?(position: bigint): void;
}

/** The caller a principal makes, in a request of its own unless one is named. */
export function callerOf(principal: Principal | null, requestId: string = randomUUID()): Caller {
  return { principal, actor: principal && actorOf(principal), requestId };
}

/** EVENTUAL returns once the events are stored; STRONG once every projection applied them too. */
export type ConsistencyLevel = "EVENTUAL" | "STRONG";

/** What every command's input may carry besides its own fields. */
export interface CommandFields {
  /** Idempotency key: a retry with the same id returns the first result and writes nothing. */
  readonly commandId?: string | null;
  /** Refuse with CONCURRENCY_CONFLICT unless the stream is at this version. */
  readonly expectedVersion?: number | null;
}

/** What a command wrote (and, with STRONG, whether every projection applied it in time). */
export interface CommandOutcome {
  commandId: string;
  streamId: string;
  version: number;
  position: bigint;
  events: string[];
  caughtUp: boolean | null;
}

/** One command to run: the decider, the stream, the command, and what the caller sent. */
export interface CommandRun<C extends Command, E extends DomainEvent, S, Ctx extends DecideContext> {
  decider: Decider<C, E, S, Ctx>;
  streamId: string;
  command: C;
  /** The caller's input: its commandId and expectedVersion apply, and its fields are the fingerprint. */
  input: CommandFields;
  consistency?: ConsistencyLevel | null;
  /** Lookups the decider needs (besides `now`). */
  context?: Omit<Ctx, "now">;
  /** Where the state lives, when not in the stream alone. */
  model?: WriteModel<E, S>;
  /** What must hold of other streams when the events are appended (see AppendGuard). */
  guards?: readonly AppendGuard[];
  /** The customer a state belongs to: a customer caller must be it (see requireOwner). */
  owner?: (state: S) => string | null | undefined;
}

/** A command of a module (its commands.ts): the mutation of the same name calls it. */
export type CommandHandler<I extends CommandFields> = (
  services: CommandServices,
  caller: Caller,
  input: I,
  consistency?: ConsistencyLevel | null,
) => Promise<CommandOutcome>;

/**
 * A command that only callers of `roles` may issue (UNAUTHENTICATED without a principal,
 * FORBIDDEN for another role), whatever the transport; `handle` checks ownership itself.
 */
export function defineCommand<I extends CommandFields>(roles: readonly Role[], handle: CommandHandler<I>): CommandHandler<I> {
  return async (services, caller, input, consistency) => {
    requireRole(caller, roles);
    return handle(services, caller, input, consistency);
  };
}

export async function runCommand<C extends Command, E extends DomainEvent, S, Ctx extends DecideContext>(
  services: CommandServices,
  caller: Caller,
  run: CommandRun<C, E, S, Ctx>,
): Promise<CommandOutcome> {
  const { decider, streamId, input, owner } = run;
  const command = run.command.type;
  const started = performance.now();
  let result: Awaited<ReturnType<typeof handleCommand>> | undefined;
  let outcome = "ok";
  try {
    result = await handleCommand(
      services.pipeline,
      decider,
      {
        streamId,
        command: run.command,
        commandId: input.commandId,
        expectedVersion: input.expectedVersion,
        correlationId: caller.requestId,
        actor: caller.actor,
        fingerprint: fingerprint(command, input),
      },
      { context: run.context, model: run.model, guards: run.guards, authorize: owner && ownerCheck(caller, owner) },
    );
  } catch (error) {
    outcome = codeOf(error);
    throw error;
  } finally {
    const seconds = (performance.now() - started) / 1000;
    services.metrics.commands.inc({ command, outcome });
    services.metrics.commandSeconds.observe({ command }, seconds);
    const done = result && { version: result.version, position: String(result.position), events: result.events };
    services.log.info(
      {
        requestId: caller.requestId,
        command,
        commandId: result?.commandId ?? input.commandId ?? null,
        streamId: result?.streamId ?? streamId,
        actor: caller.actor,
        outcome,
        ...done,
        ms: Math.round(seconds * 1e4) / 10,
      },
      result ? "command" : "command refused",
    );
  }
  caller.wrote?.(result.position);
  const caughtUp = run.consistency === "STRONG" ? await services.consistency.caughtUp(services.projector.names, result.position) : null;
  return { ...result, caughtUp };
}

/**
 * What a command asked, as the caller asked it: the command's name and its input but for
 * the commandId, keys sorted, absent and null alike. A retry sends the same; another
 * request under the same commandId does not (see handleCommand).
 */
function fingerprint(command: string, input: CommandFields): string {
  const { commandId: _, ...asked } = input as CommandFields & Record<string, unknown>;
  return createHash("sha256")
    .update(`${command}\u0000${canonicalJson(asked)}`)
    .digest("base64url");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, item]) => item != null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
