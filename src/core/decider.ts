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

export interface Decider<C extends Command, E extends DomainEvent, S, Ctx extends DecideContext = DecideContext> {
  /** Recorded on every event of the module's streams. */
  readonly streamType: string;
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
