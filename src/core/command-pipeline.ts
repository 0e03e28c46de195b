/**
 * The one command pipeline: load the stream, fold it, decide, append with the version the
 * decision was made on. Every mutation goes through `handleCommand`.
 *
 * - Idempotency: a command carries a `commandId`; a second command with the same id, from
 *   the same actor, asking the same (its fingerprint), returns the first one's result and
 *   writes nothing (also when both race: the log's unique command record decides), also
 *   when the first found nothing to do. Any other reuse of the id is DUPLICATE, naming
 *   nothing of the first command. A refused command is not recorded: its id may be sent
 *   again once the cause is gone (a deposit before the withdrawal).
 * - Concurrency: with a client-given `expectedVersion`, a stream at another version is a
 *   ConcurrencyError. Without one, a conflict means another command won the race; the
 *   command is decided again on the new state (bounded retries with jittered backoff).
 * - Where the state lives is the module's WriteModel: event-sourced modules fold their
 *   stream (the default); a state-stored module reads its table and writes it back in the
 *   append's transaction (`persist`), which is also where cross-aggregate reservations
 *   (a unique email) are taken.
 */
import { newId } from "./ids.js";
import type { Command, DecideContext, Decider, SnapshotPolicy } from "./decider.js";
import { ConcurrencyError, DuplicateError, ForbiddenError, ValidationError } from "./errors.js";
import type { PrismaClient, Prisma } from "../generated/prisma/client.js";
import type { DomainEvent } from "./events.js";
import { DuplicateCommandError, type AppendGuard, type CommandRecord, type EventStore } from "./event-store.js";
import { Lru } from "./lru.js";

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
  /**
   * What the caller asked, as it asked it (its input, less the commandId): a retry carries
   * the same. Server-made ids (a new stream's) are not part of it.
   */
  fingerprint?: string | null;
}

/** The state a command is decided on, and the stream version and position it reflects. */
export interface Loaded<S> {
  state: S;
  version: number;
  position: bigint;
  /**
   * The stream holds another kind of entity (an id of the wrong kind): the state is the
   * initial one, so the decider answers as for a missing entity, and nothing may be
   * appended to it (a create command there would mix two kinds in one stream).
   */
  foreign?: boolean;
  /**
   * A kept state, given without reading the stream (`load` with `kept`): another instance
   * may have appended since. Only an append at its version confirms it was current.
   */
  unread?: boolean;
}

export interface StateChange<E, S> {
  streamId: string;
  before: S;
  after: S;
  events: readonly E[];
  /** The stream version after the events. */
  version: number;
  /** Global position of the last event. */
  position: bigint;
}

/** Where a module's write-side state lives. */
export interface WriteModel<E, S> {
  /** The state to decide on; with `kept`, the one kept from the last command here when there is one, unread. */
  load(streamId: string, options?: { kept?: boolean }): Promise<Loaded<S>>;
  /** After an append committed: the state it left, kept for the next command on the stream. */
  keep?(change: StateChange<E, S>): Promise<void>;
  /**
   * Writes what must change atomically with the events, in the append's transaction, right
   * after the append. Throwing a CatchupError (e.g. DUPLICATE) aborts the command and writes
   * nothing; throwing ConcurrencyError has it decided again.
   */
  persist?(tx: Prisma.TransactionClient, change: StateChange<E, S>): Promise<void>;
}

/**
 * Folded stream states kept between commands: the state each append left, and each stream
 * as last read. A command first decides on the kept state without reading the stream; the
 * append's version check confirms it (another instance may have appended since), and
 * anything else is decided again on the stream's tail, read from the kept version on. Holds
 * at most `capacity` streams; the least recently used goes first. States are shared between
 * commands, which is safe because evolve and decide never change a state in place.
 */
export class StreamStates {
  private readonly entries: Lru<string, Kept<unknown>>;

  constructor(capacity = 10_000) {
    this.entries = new Lru({ maxEntries: capacity });
  }

  get size(): number {
    return this.entries.size;
  }

  get<S>(key: string): Kept<S> | undefined {
    return this.entries.get(key) as Kept<S> | undefined;
  }

  set<S>(key: string, entry: Kept<S>): void {
    this.entries.set(key, entry);
  }
}

/**
 * A kept state. `shared`: another writer (an instance) appended to the stream since this
 * process last kept it; its commands read the tail first, until a read finds nothing new.
 */
type Kept<S> = Loaded<S> & { foreign: boolean; shared?: boolean };

/**
 * The default write model: the stream itself, folded with the decider's evolve (from the
 * state kept in `states` when there is one, else from the stream's latest snapshot when the
 * decider takes them). A stream of another type (an id of the wrong kind) loads as the
 * initial state, so the decider answers NOT_FOUND instead of folding foreign events.
 */
export function eventSourced<E extends DomainEvent, S>(
  store: EventStore,
  decider: Pick<Decider<never, E, S>, "evolve" | "initialState" | "streamType" | "snapshot">,
  persist?: WriteModel<E, S>["persist"],
  states?: StreamStates,
): WriteModel<E, S> {
  const policy = decider.snapshot;
  const keyOf = (streamId: string) => `${decider.streamType}\u0000${streamId}`;
  return {
    async load(streamId, options) {
      const key = keyOf(streamId);
      const held = states?.get<S>(key);
      if (held && !held.shared && options?.kept) return { ...held, unread: true };
      const kept: Kept<S> | undefined = held ?? (policy && (await fromSnapshot<S>(store, decider.streamType, policy, streamId)));
      const tail = await store.readStream<E>(streamId, (kept?.version ?? 0) + 1);
      if (kept && tail.length === 0) {
        if (held?.shared) states?.set<S>(key, { ...held, shared: false });
        return kept;
      }
      const last = tail.at(-1);
      const foreign = kept ? kept.foreign : tail.length > 0 && tail[0]!.streamType !== decider.streamType;
      const loaded: Kept<S> = {
        state: foreign ? decider.initialState : tail.reduce(decider.evolve, kept?.state ?? decider.initialState),
        version: last?.version ?? kept?.version ?? 0,
        position: last?.position ?? kept?.position ?? 0n,
        foreign,
        shared: held !== undefined,
      };
      if (loaded.version > 0) states?.set(key, loaded);
      // A snapshot when the fold crossed a multiple of `every` (not of a foreign stream).
      if (policy && !foreign && Math.floor(loaded.version / policy.every) > Math.floor((kept?.version ?? 0) / policy.every)) {
        const { state, version, position } = loaded;
        await store.writeSnapshot({ streamId, streamType: decider.streamType, stateVersion: policy.version, state, version, position });
      }
      return loaded;
    },
    async keep({ streamId, after, events, version, position }) {
      const key = keyOf(streamId);
      states?.set<S>(key, { state: after, version, position, foreign: false, shared: states.get<S>(key)?.shared });
      // A snapshot when the append crossed a multiple of `every`. The command has committed:
      // a snapshot that fails is taken at a later crossing, and fails nothing now.
      if (policy && Math.floor(version / policy.every) > Math.floor((version - events.length) / policy.every)) {
        const snapshot = { streamId, streamType: decider.streamType, stateVersion: policy.version, state: after, version, position };
        await store.writeSnapshot(snapshot).catch(() => {});
      }
    },
    persist,
  };
}

/** The stream's latest snapshot of the policy's state shape, as a kept state; undefined when there is none. */
async function fromSnapshot<S>(
  store: EventStore,
  streamType: string,
  policy: SnapshotPolicy,
  streamId: string,
): Promise<Kept<S> | undefined> {
  const snapshot = await store.readSnapshot<S>(streamId, streamType, policy.version);
  return snapshot ? { ...snapshot, foreign: false } : undefined;
}

export interface PipelineDeps {
  db: PrismaClient;
  store: EventStore;
  clock: () => Date;
  /** Called after every append that committed, with its last position. */
  onAppended?: (position: bigint) => void;
  /** Attempts before a command that keeps losing races gives up with CONCURRENCY_CONFLICT. */
  maxAttempts?: number;
  /** Folded states kept between commands (none: every command folds its whole stream). */
  states?: StreamStates;
  /** Read and take the snapshots deciders opt in to (default true; false: fold whole streams, as for a benchmark's baseline). */
  snapshots?: boolean;
}

const COMMAND_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export async function handleCommand<C extends Command, E extends DomainEvent, S, Ctx extends DecideContext>(
  deps: PipelineDeps,
  decider: Decider<C, E, S, Ctx>,
  request: CommandRequest<C>,
  options: {
    context?: Omit<Ctx, "now">;
    model?: WriteModel<E, S>;
    /**
     * Throws when the caller may not act on this state (not its owner): checked on every
     * state the command is decided on, and on the stream of an earlier command whose
     * result a repeated commandId would return.
     */
    authorize?: (state: S) => void;
    /** What must hold of other streams when the events are appended (see AppendGuard). */
    guards?: readonly AppendGuard[];
  } = {},
): Promise<CommandResult> {
  const { store } = deps;
  const model =
    options.model ?? eventSourced(store, deps.snapshots === false ? { ...decider, snapshot: undefined } : decider, undefined, deps.states);
  const maxAttempts = deps.maxAttempts ?? 50;
  const { expectedVersion, streamId } = request;
  if (request.commandId != null && !COMMAND_ID.test(request.commandId)) {
    throw new ValidationError("commandId must be 1 to 128 letters, digits or . _ : -", { field: "commandId" });
  }
  if (expectedVersion != null && (!Number.isInteger(expectedVersion) || expectedVersion < 0)) {
    throw new ValidationError("expectedVersion must be a non-negative integer", { field: "expectedVersion" });
  }
  const commandId = request.commandId ?? newId();

  const { authorize } = options;
  const replayed = async (earlier: CommandRecord): Promise<CommandResult> => {
    if (!(await isRetry(earlier))) {
      throw new DuplicateError("this commandId was already used for another command: give each new command a new id", {
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
  };
  /**
   * Whether the command recorded under the id is this one again. A record of an earlier
   * version knows neither actor nor fingerprint: it counts only for the same command on the
   * same stream, by a caller that may act on that stream.
   */
  const isRetry = async (earlier: CommandRecord): Promise<boolean> => {
    if (earlier.commandType !== request.command.type) return false;
    if (earlier.actor !== null || earlier.fingerprint !== null) {
      return earlier.actor === (request.actor ?? null) && earlier.fingerprint === (request.fingerprint ?? null);
    }
    if (earlier.streamId !== streamId) return false;
    try {
      authorize?.((await model.load(earlier.streamId)).state);
      return true;
    } catch (error) {
      if (error instanceof ForbiddenError) return false;
      throw error;
    }
  };

  if (request.commandId != null) {
    const earlier = await store.findCommand(commandId);
    if (earlier) return replayed(earlier);
  }

  // The first try decides on the state kept from the last command here, without reading the
  // stream: an append at its version confirms it was current. Whatever else it leads to (a
  // refusal, nothing to write, another version than the caller expects, a conflict) is
  // decided again on the stream as read, so no answer but a write rests on an unread state.
  let kept = true;
  for (let attempt = 1; ;) {
    const { state, version, position, foreign, unread } = await model.load(streamId, { kept });
    kept = false;
    let events: readonly E[];
    try {
      authorize?.(state);
      if (expectedVersion != null && expectedVersion !== version) {
        throw new ConcurrencyError(streamId, expectedVersion, version);
      }
      events = decider.decide(request.command, state, { ...options.context, now: deps.clock() } as Ctx);
    } catch (error) {
      if (unread) continue;
      throw error;
    }
    if (unread && (events.length === 0 || foreign)) continue;
    if (events.length === 0) {
      // Nothing to do: recorded under a caller's id, so that its retry replays this answer
      // (deciding again, after another's change, it would write: a price set back).
      const result = { commandId, streamId, version, position, events: [] };
      if (request.commandId == null) return result;
      const { actor = null, fingerprint = null } = request;
      let outcome: "recorded" | "moved";
      try {
        outcome = await store.recordCommand({
          commandId,
          commandType: request.command.type,
          streamId,
          version,
          position,
          actor,
          fingerprint,
        });
      } catch (error) {
        const earlier = error instanceof DuplicateCommandError ? await store.findCommand(commandId) : null;
        if (earlier) return replayed(earlier);
        throw error;
      }
      if (outcome === "recorded") return result;
      // The stream moved since: decide again, as after a lost race.
      if (expectedVersion != null || attempt >= maxAttempts) throw new ConcurrencyError(streamId, version);
      attempt++;
      continue;
    }
    if (foreign) throw new DuplicateError(`the id ${streamId} already names something other than a ${decider.streamType}`, { field: "id" });

    const append = {
      streamId,
      streamType: decider.streamType,
      expectedVersion: version,
      events,
      command: { id: commandId, type: request.command.type, actor: request.actor ?? null, fingerprint: request.fingerprint ?? null },
      metadata: {
        commandId,
        correlationId: request.correlationId ?? commandId,
        causationId: request.correlationId ?? null,
        actor: request.actor ?? null,
      },
      guards: options.guards,
    };
    try {
      const { persist } = model;
      const after = events.reduce(decider.evolve, state);
      const appended = persist
        ? await deps.db.$transaction(async (tx) => {
            const appended = await store.append(append, tx);
            await persist(tx, { streamId, before: state, after, events, ...appended });
            return appended;
          }, TX_OPTIONS)
        : await store.append(append);
      deps.onAppended?.(appended.position);
      await model.keep?.({ streamId, before: state, after, events, ...appended });
      return { commandId, streamId, ...appended, events: events.map((event) => event.type) };
    } catch (error) {
      if (error instanceof DuplicateCommandError) {
        const earlier = await store.findCommand(commandId);
        if (earlier) return replayed(earlier);
      }
      // An unread state was behind: decide again on the stream, at once (no race was lost).
      if (error instanceof ConcurrencyError && unread) continue;
      if (!(error instanceof ConcurrencyError) || expectedVersion != null || attempt >= maxAttempts) throw error;
      await sleep(Math.random() * Math.min(2 ** attempt, 50));
      attempt++;
    }
  }
}

/** On PGlite, transactions queue behind each other on its one connection. */
const TX_OPTIONS = { maxWait: 30_000, timeout: 30_000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
