/** The event envelope (docs/architecture.md, "The event envelope"). Domain modules define `data` per event type. */

/** An event as a decider emits it: a type tag and its payload. */
export interface DomainEvent<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  readonly data: Data;
}

export interface EventMetadata {
  /** The command that produced the event; also its idempotency key. */
  readonly commandId: string;
  /** Shared by everything one request caused. */
  readonly correlationId: string;
  /** The message that directly caused this one (for a command: the request), if known. */
  readonly causationId: string | null;
  /** Who issued the command, if known. */
  readonly actor: string | null;
}

/**
 * An event as the log stores it, as projections read it. `position` is global; `version`
 * counts from 1 per stream.
 */
export type LoggedEvent<E extends DomainEvent = DomainEvent> = E & {
  readonly streamId: string;
  readonly streamType: string;
  readonly version: number;
  readonly position: bigint;
  readonly recordedAt: Date;
};

/** A logged event with the metadata of the command that produced it (a stream as read back). */
export type RecordedEvent<E extends DomainEvent = DomainEvent> = LoggedEvent<E> & { readonly metadata: EventMetadata };
