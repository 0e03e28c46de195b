/**
 * A decider: the pure heart of an event-sourced module. `evolve` folds events into
 * state; `decide` turns a command and the current state into new events or a typed error.
 * Neither does I/O: time and anything looked up elsewhere arrive in `context`.
 */
import type { DomainEvent } from "./events.js";

export interface DecideContext {
  /** The time the command is handled. */
  readonly now: Date;
}

export interface Command<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  readonly data: Data;
}

/**
 * A decider's opt-in to snapshots: its folded state is stored every `every` events, so that a
 * load reads the latest snapshot and only the events after it. `version` is the version of the
 * state's shape: raise it whenever the state's type (or evolve's meaning) changes, and every
 * older snapshot is ignored (the stream stays the truth). The state must survive JSON, and
 * must hold no personal data (a snapshot is not sealed).
 */
export interface SnapshotPolicy {
  readonly every: number;
  readonly version: number;
}

export interface Decider<C extends Command, E extends DomainEvent, S, Ctx extends DecideContext = DecideContext> {
  /** Recorded on every event of the module's streams. */
  readonly streamType: string;
  /** Snapshots of its state (none unless given). */
  readonly snapshot?: SnapshotPolicy;
  readonly initialState: S;
  evolve(state: S, event: E): S;
  /** Throws a CatchupError when the command is not allowed; returns the events otherwise. */
  decide(command: C, state: S, context: Ctx): E[];
}

export function fold<E extends DomainEvent, S>(decider: Pick<Decider<never, E, S>, "evolve" | "initialState">, events: readonly E[]): S {
  return events.reduce(decider.evolve, decider.initialState);
}

/** For the default branch of a switch over a union: a compile error when a case is missing. */
export function unreachable(value: never): never {
  throw new Error(`unhandled case ${JSON.stringify(value, (_, item: unknown) => (typeof item === "bigint" ? String(item) : item))}`);
}
