/** The single path from a mutation resolver to the command pipeline. */
import { createHash } from "node:crypto";
import { handleCommand, type CommandRequest, type WriteModel } from "../core/command-pipeline.js";
import type { Command, DecideContext, Decider } from "../core/decider.js";
import type { DomainEvent } from "../core/events.js";
import { ownerCheck } from "./authorization.js";
import { errorCode } from "./errors.js";
import { Consistency, type CommandInput, type CommandResult } from "./common.js";
import type { Context } from "./context.js";

export interface ExecuteOptions<E, S, Ctx> {
  /** Lookups the decider needs (besides `now`). */
  context?: Omit<Ctx, "now">;
  /** Where the state lives, when not in the stream alone. */
  model?: WriteModel<E, S>;
  /** The customer a state belongs to: a customer caller must be it (see requireOwner). */
  owner?: (state: S) => string | null | undefined;
}

export async function executeCommand<C extends Command, E extends DomainEvent, S, Ctx extends DecideContext>(
  context: Context,
  decider: Decider<C, E, S, Ctx>,
  input: CommandInput,
  request: Omit<CommandRequest<C>, "commandId" | "expectedVersion" | "actor" | "correlationId">,
  consistency: Consistency | null,
  options: ExecuteOptions<E, S, Ctx> = {},
): Promise<CommandResult> {
  const { app } = context;
  const command = request.command.type;
  const started = performance.now();
  let result: Awaited<ReturnType<typeof handleCommand>> | undefined;
  let outcome = "ok";
  try {
    result = await handleCommand(
      app.pipeline,
      decider,
      {
        ...request,
        commandId: input.commandId,
        expectedVersion: input.expectedVersion,
        correlationId: context.requestId,
        actor: context.actor,
        fingerprint: fingerprint(command, input),
      },
      { context: options.context, model: options.model, authorize: options.owner && ownerCheck(context, options.owner) },
    );
  } catch (error) {
    outcome = errorCode(error);
    throw error;
  } finally {
    const seconds = (performance.now() - started) / 1000;
    app.metrics.commands.inc({ command, outcome });
    app.metrics.commandSeconds.observe({ command }, seconds);
    const done = result && { version: result.version, position: String(result.position), events: result.events };
    app.log.info(
      { requestId: context.requestId, command, commandId: result?.commandId ?? input.commandId ?? null, streamId: result?.streamId ?? request.streamId, actor: context.actor, outcome, ...done, ms: Math.round(seconds * 1e4) / 10 },
      result ? "command" : "command refused",
    );
  }
  const caughtUp =
    consistency === Consistency.STRONG ? await app.consistency.caughtUp(app.projector.names, result.position) : null;
  return { ...result, caughtUp };
}

/**
 * What a mutation asked, as the client asked it: the command's name and its input but for
 * the commandId, keys sorted, absent and null alike. A retry sends the same; another
 * request under the same commandId does not (see handleCommand).
 */
function fingerprint(command: string, input: CommandInput): string {
  const { commandId: _, ...asked } = input as CommandInput & Record<string, unknown>;
  return createHash("sha256").update(`${command}\u0000${canonicalJson(asked)}`).digest("base64url");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, item]) => item != null).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
