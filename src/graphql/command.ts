/** The single path from a mutation resolver to the command pipeline. */
import { handleCommand, type CommandRequest } from "../core/command-pipeline.js";
import type { Command, DecideContext, Decider } from "../core/decider.js";
import type { DomainEvent } from "../core/events.js";
import { Consistency, type CommandInput, type CommandResult } from "./common.js";
import type { Context } from "./context.js";

export async function executeCommand<C extends Command, E extends DomainEvent, S>(
  context: Context,
  decider: Decider<C, E, S, DecideContext>,
  input: CommandInput,
  request: Omit<CommandRequest<C>, "commandId" | "expectedVersion" | "actor" | "correlationId">,
  consistency: Consistency | null,
): Promise<CommandResult> {
  const { app } = context;
  const result = await handleCommand(app.pipeline, decider, {
    ...request,
    commandId: input.commandId,
    expectedVersion: input.expectedVersion,
    correlationId: context.requestId,
    actor: context.actor,
  });
  const caughtUp =
    consistency === Consistency.STRONG ? await app.consistency.caughtUp(app.projector.names, result.position) : null;
  return { ...result, caughtUp };
}
