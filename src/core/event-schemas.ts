/**
 * Event schema evolution by upcasting. Every event records the version of its type's schema
 * it was written in (`events.schema_version`, 1 for everything written before versions
 * existed). A module that changes an event's shape raises the type's `version` and registers
 * an upcaster from the previous version: a pure function from the old payload to the next.
 * Reads chain them (v1 → v2 → v3) before anyone sees the event, so deciders, projections
 * (rebuilds included) and the audit history only ever see the current shape. Old events are
 * never rewritten: the log keeps what was written, and the chain says what it means today.
 */

/** Turns a payload of version n into one of version n + 1. Pure: no I/O, no clock. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an old shape has no type left in the code
export type Upcaster = (data: any) => object;

/** An event type's schema history. */
export interface EventSchema {
  /** The version appends write (1 when the type never changed). */
  readonly version: number;
  /** `upcasters[n]` turns version n into n + 1, for every n below `version`. */
  readonly upcasters?: Readonly<Record<number, Upcaster>>;
}

/** The event was written by a newer Catchup than this one, in a shape it cannot know. */
export class UnknownSchemaVersionError extends Error {
  constructor(type: string, written: number, known: number) {
    super(`${type} was written in schema version ${written}; this server knows versions up to ${known}: upgrade it`);
    this.name = "UnknownSchemaVersionError";
  }
}

export class EventSchemas {
  private readonly schemas: ReadonlyMap<string, EventSchema>;

  constructor(schemas: Readonly<Record<string, EventSchema>> = {}) {
    for (const [type, schema] of Object.entries(schemas)) {
      if (!Number.isInteger(schema.version) || schema.version < 1) throw new Error(`${type}: schema version must be an integer from 1`);
      for (let version = 1; version < schema.version; version++) {
        if (!schema.upcasters?.[version]) throw new Error(`${type}: no upcaster from version ${version} to ${version + 1}`);
      }
    }
    this.schemas = new Map(Object.entries(schemas));
  }

  /** Whether any type has more than one version (else reads have nothing to do). */
  get evolved(): boolean {
    return [...this.schemas.values()].some((schema) => schema.version > 1);
  }

  /** The version an event of `type` is written in now. */
  versionOf(type: string): number {
    return this.schemas.get(type)?.version ?? 1;
  }

  /** `data`, written in `written`, in the current version of its type. */
  upcast(type: string, written: number, data: object): object {
    const schema = this.schemas.get(type);
    const current = schema?.version ?? 1;
    if (written === current) return data;
    if (written > current || written < 1) throw new UnknownSchemaVersionError(type, written, current);
    let upcast = data;
    for (let version = written; version < current; version++) upcast = schema!.upcasters![version]!(upcast);
    return upcast;
  }
}
