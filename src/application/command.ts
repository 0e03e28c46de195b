/**
 * The application layer's one way to run a command, for every transport and tool (GraphQL
 * resolvers, the seed script, tests): the caller's command goes through the pipeline with
 * its idempotency key, expected version, actor and fingerprint, is counted and logged, and,
 * with STRONG consistency, returns once every projection has applied it. Modules bind it to
 * their deciders in their commands.ts; nothing here knows GraphQL.
 */
import { createHash, randomUUID } from "node:crypto";
import type { Principal } from "../auth/authenticator.js";
import { handleCommand, type CommandRequest, type PipelineDeps, type WriteModel } from "../core/command-pipeline.js";
import type { Consistency } from "../core/consistency.js";
import { isConnectionError, type Database } from "../core/database/database.js";
import type { Command, DecideContext, Decider } from "../core/decider.js";
import { CatchupError } from "../core/errors.js";
import type { EventStore } from "../core/event-store.js";
import type { DomainEvent } from "../core/events.js";
import type { Projector } from "../core/projector.js";
import type { Logger, Metrics } from "../observability.js";
import { ownerCheck, type HasPrincipal } from "./authorization.js";

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
}

/** The caller a principal makes, in a request of its own unless one is named. */
export function callerOf(principal: Principal | null, requestId: string = randomUUID()): Caller {
  return { principal, actor: principal && `${principal.role}:${principal.subject}`, requestId };
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

export interface RunOptions<E, S, Ctx> {
  /** Lookups the decider needs (besides `now`). */
  context?: Omit<Ctx, "now">;
  /** Where the state lives, when not in the stream alone. */
  model?: WriteModel<E, S>;
  /** The customer a state belongs to: a customer caller must be it (see requireOwner). */
  owner?: (state: S) => string | null | undefined;
}

export async function runCommand<C extends Command, E extends DomainEvent, S, Ctx extends DecideContext>(
  services: CommandServices,
  caller: Caller,
  decider: Decider<C, E, S, Ctx>,
  input: CommandFields,
  request: Omit<CommandRequest<C>, "commandId" | "expectedVersion" | "actor" | "correlationId">,
  consistency: ConsistencyLevel | null | undefined,
  options: RunOptions<E, S, Ctx> = {},
): Promise<CommandOutcome> {
  const command = request.command.type;
  const started = performance.now();
  let result: Awaited<ReturnType<typeof handleCommand>> | undefined;
  let outcome = "ok";
  try {
    result = await handleCommand(
      services.pipeline,
      decider,
      {
        ...request,
        commandId: input.commandId,
        expectedVersion: input.expectedVersion,
        correlationId: caller.requestId,
        actor: caller.actor,
        fingerprint: fingerprint(command, input),
      },
      { context: options.context, model: options.model, authorize: options.owner && ownerCheck(caller, options.owner) },
    );
  } catch (error) {
    outcome = outcomeOf(error);
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
        streamId: result?.streamId ?? request.streamId,
        actor: caller.actor,
        outcome,
        ...done,
        ms: Math.round(seconds * 1e4) / 10,
      },
      result ? "command" : "command refused",
    );
  }
  const caughtUp = consistency === "STRONG" ? await services.consistency.caughtUp(services.projector.names, result.position) : null;
  return { ...result, caughtUp };
}

/** A refused command's outcome, as metrics and logs name it: its code. */
function outcomeOf(error: unknown): string {
  if (error instanceof CatchupError) return error.code;
  return isConnectionError(error) ? "SERVICE_UNAVAILABLE" : "INTERNAL_SERVER_ERROR";
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
