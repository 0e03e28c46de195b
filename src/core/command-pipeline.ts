/**
 * The one command pipeline: load the stream, fold it, decide, append with the version the
 * decision was made on. Every mutation goes through `handleCommand`.
 *
 * - Idempotency: a command carries a `commandId`; a second command with the same id returns
 *   the first one's result and writes nothing (also when both race: the log's unique
 *   command record decides).
 * - Concurrency: with a client-given `expectedVersion`, a stream at another version is a
 *   ConcurrencyError. Without one, a conflict means another command won the race; the
 *   command is decided again on the new state (bounded retries with jittered backoff).
 */
import { randomUUID } from "node:crypto";
import type { Command, DecideContext, Decider } from "./decider.js";
import { ConcurrencyError, ValidationError } from "./errors.js";
import type { DomainEvent } from "./events.js";
import { DuplicateCommandError, type CommandRecord, type EventStore } from "./event-store.js";

export interface CommandResult {
  commandId: string;
  streamId: string;
  /** The stream's version after the command. */
  version: number;
  /** Global position of the command's last event (of the stream's last event if it wrote none). */
  position: bigint;
  /** Types of the events the command wrote. */
  events: string[];
}

export interface CommandRequest<C extends Command> {
  streamId: string;
  command: C;
  commandId?: string | null;
  expectedVersion?: number | null;
  correlationId?: string | null;
  actor?: string | null;
}

export interface PipelineDeps {
  store: EventStore;
  clock: () => Date;
  /** Called after every append that committed, with its last position. */
  onAppended?: (position: bigint) => void;
  /** Attempts before a command that keeps losing races gives up with CONCURRENCY_CONFLICT. */
  maxAttempts?: number;
}

const COMMAND_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export async function handleCommand<C extends Command, E extends DomainEvent, S, Ctx extends DecideContext>(
  deps: PipelineDeps,
  decider: Decider<C, E, S, Ctx>,
  request: CommandRequest<C>,
  context: Omit<Ctx, "now"> = {} as Omit<Ctx, "now">,
): Promise<CommandResult> {
  const { store } = deps;
  const maxAttempts = deps.maxAttempts ?? 50;
  const { expectedVersion } = request;
  if (request.commandId != null && !COMMAND_ID.test(request.commandId)) {
    throw new ValidationError("commandId must be 1 to 128 letters, digits or . _ : -", { field: "commandId" });
  }
  if (expectedVersion != null && (!Number.isInteger(expectedVersion) || expectedVersion < 0)) {
    throw new ValidationError("expectedVersion must be a non-negative integer", { field: "expectedVersion" });
  }
  const commandId = request.commandId ?? randomUUID();

  if (request.commandId != null) {
    const earlier = await store.findCommand(commandId);
    if (earlier) return replay(earlier, request.command);
  }

  for (let attempt = 1; ; attempt++) {
    const history = await store.readStream<E>(request.streamId);
    const version = history.at(-1)?.version ?? 0;
    if (expectedVersion != null && expectedVersion !== version) {
      throw new ConcurrencyError(request.streamId, expectedVersion, version);
    }
    const state = history.reduce(decider.evolve, decider.initialState);
    const events = decider.decide(request.command, state, { ...context, now: deps.clock() } as Ctx);
    if (events.length === 0) {
      return { commandId, streamId: request.streamId, version, position: history.at(-1)?.position ?? 0n, events: [] };
    }
    try {
      const appended = await store.append({
        streamId: request.streamId,
        streamType: decider.streamType,
        expectedVersion: version,
        events,
        command: { id: commandId, type: request.command.type },
        metadata: {
          commandId,
          correlationId: request.correlationId ?? commandId,
          causationId: request.correlationId ?? null,
          actor: request.actor ?? null,
        },
      });
      deps.onAppended?.(appended.position);
      return { commandId, streamId: request.streamId, ...appended, events: events.map((event) => event.type) };
    } catch (error) {
      if (error instanceof DuplicateCommandError) {
        const earlier = await store.findCommand(commandId);
        if (earlier) return replay(earlier, request.command);
      }
      if (!(error instanceof ConcurrencyError) || expectedVersion != null || attempt >= maxAttempts) throw error;
      await sleep(Math.random() * Math.min(2 ** attempt, 50));
    }
  }
}

function replay(earlier: CommandRecord, command: Command): CommandResult {
  if (earlier.commandType !== command.type) {
    throw new ValidationError(`commandId ${earlier.commandId} was already used for a ${earlier.commandType} command`, {
      field: "commandId",
    });
  }
  return {
    commandId: earlier.commandId,
    streamId: earlier.streamId,
    version: earlier.version,
    position: earlier.position,
    events: earlier.eventTypes,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
