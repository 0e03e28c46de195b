/**
 * The event log on PostgreSQL/PGlite. Appends go through the SQL function
 * `catchup_append` (one round trip: version check, events, idempotency record); reads
 * are plain queries. A reader of the global log only sees positions at or below the
 * log's high-water mark (./log-head.ts), so it never skips an event that an earlier
 * transaction commits late. Every event goes in and out through the codec: appends record
 * each type's schema version and seal personal fields; reads open them and upcast the
 * payload to its type's current version (./event-schemas.ts, ./personal-data.ts).
 */
import type { PrismaClient } from "../generated/prisma/client.js";
import { sqlState, type Sql } from "./database/database.js";
import { ConcurrencyError } from "./errors.js";
import { EventSchemas } from "./event-schemas.js";
import type { DomainEvent, EventMetadata, LoggedEvent, RecordedEvent } from "./events.js";
import { LogHead } from "./log-head.js";
import { ForgottenSubjectError, type PersonalData, type Query } from "./personal-data.js";

/** A Prisma client or an interactive transaction of one. */
export type Db = Pick<PrismaClient, "$queryRawUnsafe" | "$executeRawUnsafe">;

export interface AppendRequest {
  streamId: string;
  streamType: string;
  /** The version the events were decided on; 0 for a new stream. */
  expectedVersion: number;
  events: readonly DomainEvent[];
  /**
   * The command, recorded so that a retry with its id gets its result: `actor` who sent it
   * and `fingerprint` what it asked (see CommandRecord); null when there is none to tell.
   */
  command: { id: string; type: string; actor?: string | null; fingerprint?: string | null };
  metadata: EventMetadata;
  /** What must hold of other streams when the events are appended (see AppendGuard). */
  guards?: readonly AppendGuard[];
}

/**
 * A condition on another stream that an append rests on (an order on its customer being
 * registered), checked in the append's own statement: the stream's row is locked (shared)
 * until the append commits, and it must not hold an event of type `absent`. A write to that
 * stream either committed before and is seen, or waits for the append. When it does not hold,
 * nothing is written and the append throws `error()`.
 */
export interface AppendGuard {
  streamId: string;
  absent: string;
  error: () => Error;
}

export interface AppendResult {
  /** The stream's version after the append. */
  version: number;
  /** Global position of the last appended event. */
  position: bigint;
}

/** A stream's folded state as of its event at `version` (global `position`). */
export interface Snapshot<S> {
  state: S;
  version: number;
  position: bigint;
}

/** What a handled command wrote; returned again to a retry with the same commandId. */
export interface CommandRecord {
  commandId: string;
  commandType: string;
  streamId: string;
  version: number;
  position: bigint;
  eventTypes: string[];
  /** Who sent it, and a fingerprint of what it asked; null on records of earlier versions. */
  actor: string | null;
  fingerprint: string | null;
}

/** The command id was recorded by a concurrent append that committed first. */
export class DuplicateCommandError extends Error {
  constructor(readonly commandId: string) {
    super(`command ${commandId} was already handled`);
  }
}

interface LogRow {
  position: bigint;
  stream_id: string;
  stream_type: string;
  version: number;
  type: string;
  data: unknown;
  /** recorded_at in milliseconds since 1970: a number to the driver, cheaper than a timestamp to parse. */
  recorded_ms: number;
  schema_version: number;
}

interface EventRow extends LogRow {
  metadata: unknown;
}

const LOG_COLUMNS =
  "position, stream_id, stream_type, version, type, data, (extract(epoch FROM recorded_at) * 1000)::float8 AS recorded_ms, schema_version";

/** How payloads are written and read: their schemas (upcasters), and their personal fields. */
export interface EventCodec {
  readonly schemas?: EventSchemas;
  readonly personal?: PersonalData;
}

/** A payload as the log holds it, to be read as its type's current shape (see EventStore.decode). */
export interface StoredPayload {
  readonly type: string;
  readonly streamId: string;
  readonly schemaVersion: number;
  data: object;
}
const EVENT_COLUMNS = `${LOG_COLUMNS}, metadata`;

/** A stream's type and owner, as its first event names them (EventStore.origin). */
export interface StreamOrigin {
  streamType: string;
  /** The customer it belongs to (a customer's stream: the customer itself), or null. */
  owner: string | null;
}

export class EventStore {
  readonly head: LogHead;

  readonly schemas: EventSchemas;
  readonly personal: PersonalData | undefined;

  /**
   * The primary's clients, which the store reads and writes through: `db` runs appends inside
   * a caller's Prisma transaction; everything else goes through `sql`, straight to the driver.
   * Reads that must see the write side as it is (`consistent: true`, history) use these too,
   * also on an instance that reads its projections from a replica.
   */
  constructor(
    readonly db: PrismaClient,
    readonly sql: Sql,
    codec: EventCodec = {},
  ) {
    this.schemas = codec.schemas ?? new EventSchemas();
    this.personal = codec.personal?.declared ? codec.personal : undefined;
    this.head = new LogHead(async () => {
      const [row] = await sql.query<{ head: bigint; fence: string; xmin: string; appending: string | null }>(
        "SELECT head, fence, xmin, appending FROM catchup_log_head()",
      );
      return {
        head: BigInt(row!.head),
        fence: BigInt(row!.fence),
        xmin: BigInt(row!.xmin),
        appending: row!.appending === null ? null : row!.appending === "" ? [] : row!.appending.split(",").map(Number),
      };
    });
  }

  /**
   * Appends atomically, or not at all. Throws ConcurrencyError when the stream is not at
   * `expectedVersion`, DuplicateCommandError when `command.id` was recorded meanwhile.
   * Pass `tx` to append inside a caller's transaction (state-stored modules).
   */
  async append(request: AppendRequest, tx?: Db): Promise<AppendResult> {
    const events = await this.encode(request, tx);
    const { command, guards = [] } = request;
    const text =
      guards.length > 0
        ? "SELECT version, position FROM catchup_append($1, $2, $3::integer, $4::jsonb, $5, $6, $7, $8, $9::jsonb)"
        : "SELECT version, position FROM catchup_append($1, $2, $3::integer, $4::jsonb, $5, $6, $7, $8)";
    const params = [
      request.streamId,
      request.streamType,
      request.expectedVersion,
      JSON.stringify(events),
      command.id,
      command.type,
      command.actor ?? null,
      command.fingerprint ?? null,
      ...(guards.length > 0 ? [JSON.stringify(guards.map(({ streamId, absent }) => ({ streamId, absent })))] : []),
    ];
    try {
      const [row] = tx
        ? await tx.$queryRawUnsafe<{ version: number; position: bigint }[]>(text, ...params)
        : await this.sql.query<{ version: number; position: bigint }>(text, params, { prepare: true });
      return { version: Number(row!.version), position: BigInt(row!.position) };
    } catch (error) {
      switch (sqlState(error)) {
        case "CUCON":
          throw new ConcurrencyError(request.streamId, request.expectedVersion);
        case "CUDUP":
          throw new DuplicateCommandError(request.command.id);
        case "CUGRD": {
          const index = Number(/guard (\d+) does not hold/.exec(String((error as Error).message))?.[1]);
          throw guards[index]?.error() ?? error;
        }
        default:
          throw error;
      }
    }
  }

  /** The events as the log stores them: each type's schema version, personal fields sealed. */
  private async encode(request: AppendRequest, tx?: Db) {
    const { personal, schemas } = this;
    const query: Query | undefined = tx ? (text, params) => tx.$queryRawUnsafe(text, ...params) : undefined;
    let payloads: readonly object[] = request.events.map((event) => event.data);
    if (personal) {
      try {
        payloads = await personal.seal(request.streamId, request.events, query);
      } catch (error) {
        // Forgotten since the command was decided: the stream has moved on (decide again).
        if (error instanceof ForgottenSubjectError) throw new ConcurrencyError(request.streamId, request.expectedVersion);
        throw error;
      }
    }
    return request.events.map((event, index) => ({
      type: event.type,
      data: payloads[index],
      metadata: request.metadata,
      schemaVersion: schemas.versionOf(event.type),
    }));
  }

  /**
   * Payloads as their types read today, in place: personal fields opened (or their
   * placeholders, once forgotten), then upcast from the version they were written in.
   */
  async decode<T extends StoredPayload>(rows: T[]): Promise<T[]> {
    await this.personal?.open(rows);
    for (const row of rows) row.data = this.schemas.upcast(row.type, row.schemaVersion, row.data);
    return rows;
  }

  /** The events of one stream from `fromVersion` on, in version order. */
  async readStream<E extends DomainEvent = DomainEvent>(streamId: string, fromVersion = 1): Promise<RecordedEvent<E>[]> {
    const rows = await this.sql.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND version >= $2 ORDER BY version`,
      [streamId, fromVersion],
      { prepare: true },
    );
    return this.decode(rows.map(toRecorded<E>));
  }

  /**
   * What a stream is and whose, from its first event, or null when there is no such stream:
   * its type, and the customer its creation names (`data.customerId`: an order's or
   * account's customer, a customer's own id; null for streams no customer owns). Read
   * without opening personal data (a customer id is the subject data is sealed under, never
   * sealed itself), so that authorization costs the same for every stream, whoever's it is.
   */
  async origin(streamId: string): Promise<StreamOrigin | null> {
    const [row] = await this.sql.query<StreamOrigin>(
      `SELECT stream_type AS "streamType", CASE WHEN jsonb_typeof(data -> 'customerId') = 'string' THEN data ->> 'customerId' END AS owner
       FROM events WHERE stream_id = $1 AND version = 1`,
      [streamId],
      { prepare: true },
    );
    return row ?? null;
  }

  /**
   * Events with `after < position <= upTo`, in position order, at most `limit`, optionally
   * only of some types. `upTo` must not exceed the log's safe position (see LogHead); the
   * default is the safe position as of now. Without their metadata: this is how projections
   * read the log, and none needs it (a rebuild would decode it for every event).
   */
  async readAll(after: bigint, options: { limit?: number; upTo?: bigint; types?: readonly string[] } = {}): Promise<LoggedEvent[]> {
    const upTo = options.upTo ?? (await this.head.refresh());
    if (upTo <= after) return [];
    const limit = options.limit ?? 1000;
    const rows = options.types
      ? await this.sql.query<LogRow>(
          `SELECT ${LOG_COLUMNS} FROM events WHERE position > $1 AND position <= $2 AND type = ANY($3::text[])
           ORDER BY position LIMIT $4`,
          [after, upTo, options.types, limit],
        )
      : await this.sql.query<LogRow>(
          `SELECT ${LOG_COLUMNS} FROM events WHERE position > $1 AND position <= $2 ORDER BY position LIMIT $3`,
          [after, upTo, limit],
        );
    return this.decode(rows.map(toLogged));
  }

  /** The position of the last committed event (0 for an empty log); may be above the safe head. */
  async lastPosition(): Promise<bigint> {
    const [row] = await this.sql.query<{ last: bigint | null }>("SELECT max(position) AS last FROM events");
    return BigInt(row?.last ?? 0n);
  }

  /** The stream's latest snapshot taken in state shape `stateVersion` by a decider of `streamType`, or null. */
  async readSnapshot<S>(streamId: string, streamType: string, stateVersion: number): Promise<Snapshot<S> | null> {
    const [row] = await this.sql.query<{ state: S; version: number; position: bigint }>(
      "SELECT state, version, position FROM snapshots WHERE stream_id = $1 AND stream_type = $2 AND state_version = $3",
      [streamId, streamType, stateVersion],
      { prepare: true },
    );
    return row ? { state: row.state, version: Number(row.version), position: BigInt(row.position) } : null;
  }

  /** Keeps a snapshot of the stream at `version`, unless a newer one of the same shape is kept already. */
  async writeSnapshot(snapshot: Snapshot<unknown> & { streamId: string; streamType: string; stateVersion: number }): Promise<void> {
    await this.sql.query(
      `INSERT INTO snapshots (stream_id, stream_type, version, position, state_version, state) VALUES ($1, $2, $3, $4, $5, $6::jsonb)
       ON CONFLICT (stream_id) DO UPDATE SET stream_type = EXCLUDED.stream_type, version = EXCLUDED.version, position = EXCLUDED.position,
         state_version = EXCLUDED.state_version, state = EXCLUDED.state, taken_at = now()
       WHERE snapshots.version < EXCLUDED.version OR snapshots.state_version <> EXCLUDED.state_version`,
      [snapshot.streamId, snapshot.streamType, snapshot.version, snapshot.position, snapshot.stateVersion, JSON.stringify(snapshot.state)],
      { prepare: true },
    );
  }

  /**
   * Records a command that wrote nothing (at `version`, there was nothing to do), so that a
   * retry with its id replays that answer instead of deciding again on a stream that may
   * have moved since. Only while the stream is still at `version`, under a shared lock on
   * its row: a write to the stream (a forget, which erases its commands' fingerprints)
   * either committed before, and the answer is "moved" (decide again), or comes after.
   * DuplicateCommandError when the id is taken.
   */
  async recordCommand(record: Omit<CommandRecord, "eventTypes">): Promise<"recorded" | "moved"> {
    const [row] = await this.sql.query<{ current: boolean; recorded: boolean }>(
      `WITH current AS (SELECT 1 FROM streams WHERE stream_id = $3 AND version = $4 FOR SHARE),
       recorded AS (
         INSERT INTO commands (command_id, command_type, stream_id, version, "position", event_types, actor, fingerprint)
         SELECT $1, $2, $3, $4, $5, '{}', $6, $7 WHERE $4 = 0 OR EXISTS (SELECT 1 FROM current)
         ON CONFLICT (command_id) DO NOTHING RETURNING 1
       )
       SELECT $4 = 0 OR EXISTS (SELECT 1 FROM current) AS current, EXISTS (SELECT 1 FROM recorded) AS recorded`,
      [record.commandId, record.commandType, record.streamId, record.version, record.position, record.actor, record.fingerprint],
    );
    if (row!.recorded) return "recorded";
    if (!row!.current) return "moved";
    throw new DuplicateCommandError(record.commandId);
  }

  async findCommand(commandId: string): Promise<CommandRecord | null> {
    const [row] = await this.sql.query<{
      command_id: string;
      command_type: string;
      stream_id: string;
      version: number;
      position: bigint;
      event_types: string[];
      actor: string | null;
      fingerprint: string | null;
    }>(
      "SELECT command_id, command_type, stream_id, version, position, event_types, actor, fingerprint FROM commands WHERE command_id = $1",
      [commandId],
    );
    return row
      ? {
          commandId: row.command_id,
          commandType: row.command_type,
          streamId: row.stream_id,
          version: row.version,
          position: BigInt(row.position),
          eventTypes: row.event_types,
          actor: row.actor,
          fingerprint: row.fingerprint,
        }
      : null;
  }
}

/** A logged event, its payload still as stored (see decode). */
type Undecoded<T> = T & StoredPayload;

function toLogged<E extends DomainEvent>(row: LogRow): Undecoded<LoggedEvent<E>> {
  return {
    type: row.type,
    data: row.data,
    streamId: row.stream_id,
    streamType: row.stream_type,
    version: Number(row.version),
    position: BigInt(row.position),
    recordedAt: new Date(row.recorded_ms),
    schemaVersion: Number(row.schema_version),
  } as unknown as Undecoded<LoggedEvent<E>>;
}

function toRecorded<E extends DomainEvent>(row: EventRow): Undecoded<RecordedEvent<E>> {
  return { ...toLogged<E>(row), metadata: row.metadata as EventMetadata };
}
