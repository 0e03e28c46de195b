/**
 * The audit trail: `history(streamId)` pages through a stream's events as the log holds them,
 * with who issued each command and under which request. Read from the log itself, never a
 * projection, so it needs no wait and cannot lag.
 */
import { GraphQLJSONObject } from "graphql-scalars";
import { Arg, Args, Authorized, Ctx, Field, ID, Int, ObjectType, Query, Resolver, UseMiddleware } from "type-graphql";
import { ANY_ROLE, authenticated, mayRead } from "../application/authorization.js";
import { actorOf, type Principal } from "../auth/authenticator.js";
import type { EventMetadata } from "../core/events.js";
import { keysetPage } from "../core/projection-helpers/keyset.js";
import type { Context } from "./context.js";
import { inputLimits } from "./limits.js";
import { objectReadModel } from "./nodes.js";
import { ConnectionList, connectionOf, keysetRequest, listScope, PageArgs, PageInfo, pageRequest } from "./pagination.js";
import { DateTimeScalar, PositionScalar } from "./scalars.js";

@ObjectType({ description: "One event of a stream, as the log records it." })
export class StreamEvent {
  @Field(() => String, { description: "The event type, in the past tense (MoneyDeposited, OrderShipped, …)." })
  type!: string;

  @Field(() => String, { description: "What the stream holds: Account, Customer, Order or Product." })
  streamType!: string;

  @Field(() => Int, { description: "The event's version in its stream, from 1." })
  version!: number;

  @Field(() => PositionScalar, { description: "The event's global position in the log." })
  position!: bigint;

  @Field(() => DateTimeScalar, { description: "When the transaction that appended it started (millisecond precision)." })
  recordedAt!: Date;

  @Field(() => String, {
    nullable: true,
    description:
      'Who issued the command, as "role:subject" (null when unknown). A customer sees the subject only of its own commands: ' +
      'anyone else\'s reads as the role alone ("staff", "admin").',
  })
  actor!: string | null;

  @Field(() => String, { description: "The command that produced the event (its idempotency key)." })
  commandId!: string;

  @Field(() => String, { description: "The request that caused the command (the X-Request-Id header, or one the server made)." })
  correlationId!: string;

  @Field(() => String, { nullable: true, description: "The message that directly caused the command, when known." })
  causationId!: string | null;

  @Field(() => Int, {
    description:
      "The version of its type's schema the event was written in. `data` is always in the current version (older ones are upcast).",
  })
  schemaVersion!: number;

  @Field(() => GraphQLJSONObject, {
    description:
      'The event\'s payload, as its type defines it today. Once a customer is forgotten (forgetCustomer), its personal fields read as the placeholder "[forgotten]" (and null where a field may be null).',
  })
  data!: object;
}

@ObjectType({ description: "An event and its cursor." })
export class StreamEventEdge {
  @Field(() => String, { description: "Opaque cursor of this event: pass it as `after` (or `before`) for the events after (before) it." })
  cursor!: string;

  @Field(() => StreamEvent, { description: "The event." })
  node!: StreamEvent;
}

@ObjectType({ description: "A page of a stream's events, oldest first (a Relay connection)." })
export class StreamEventConnection {
  @ConnectionList()
  @Field(() => [StreamEventEdge], { description: "The page's events in version order, each with its cursor." })
  edges!: StreamEventEdge[];

  @Field(() => PageInfo, { description: "Whether events precede or follow this page, and the cursors of its ends." })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: "How many events the stream holds (its version)." })
  totalCount!: number;
}

const BY_VERSION = { version: "int" } as const;

interface EventRow {
  type: string;
  streamId: string;
  streamType: string;
  schemaVersion: number;
  version: number;
  position: string;
  recordedAt: Date | string;
  data: object;
  metadata: EventMetadata;
}

@Resolver()
@UseMiddleware(inputLimits)
export class HistoryResolver {
  @Authorized(ANY_ROLE)
  @Query(() => StreamEventConnection, {
    nullable: true,
    description:
      "A stream's events, oldest first, read from the log (no read model: it never waits and never lags): the audit trail of " +
      "an account, customer, order or product. Admin reads every stream, staff every one but accounts' (as `account` reads " +
      "none); a customer, only its own customer, account and order streams: any other id answers null, as an unknown one does.",
  })
  async history(
    @Arg("streamId", () => ID, { description: "The stream: an account's, customer's, order's or product's id." }) streamId: string,
    @Args(() => PageArgs) pageArgs: PageArgs,
    @Ctx() context: Context,
  ): Promise<StreamEventConnection | null> {
    const scope = listScope("history", streamId);
    const page = pageRequest(pageArgs, BY_VERSION, scope);
    const origin = await context.services.store.origin(streamId);
    if (!origin) return null;
    // A stream belongs to the customer its first event names (a customer's own stream names
    // itself); a role the stream's read model does not admit reads none (staff: accounts).
    if (!mayRead(context, origin.owner ?? "")) return null;
    const principal = authenticated(context);
    if (!(objectReadModel(context, origin.streamType)?.access.roles.includes(principal.role) ?? true)) return null;
    const rows = await keysetPage<EventRow>(
      // The log on the primary (the store's): never a replica, which may lag.
      context.services.store.sql,
      {
        select: `type, stream_id AS "streamId", stream_type AS "streamType", version, position::text AS position,
                 recorded_at AS "recordedAt", data, metadata, schema_version AS "schemaVersion"`,
        from: "events",
        where: ["stream_id = $1"],
        params: [streamId],
        keys: [{ expr: "version", type: "integer" }],
        descending: false,
      },
      keysetRequest(page, BY_VERSION),
    );
    await context.services.store.decode(rows.rows);
    return connectionOf(
      rows,
      BY_VERSION,
      scope,
      (row) => ({ version: String(row.version) }),
      (row): StreamEvent => ({
        type: row.type,
        streamType: row.streamType,
        version: row.version,
        position: BigInt(row.position),
        recordedAt: new Date(row.recordedAt),
        actor: actorAs(principal, row.metadata.actor ?? null),
        commandId: row.metadata.commandId,
        correlationId: row.metadata.correlationId,
        causationId: row.metadata.causationId ?? null,
        schemaVersion: row.schemaVersion,
        data: row.data,
      }),
    );
  }
}

/** The actor ("role:subject") as `principal` may see it: a customer learns who else acted only by role. */
function actorAs(principal: Principal, actor: string | null): string | null {
  if (actor === null || principal.role !== "customer" || actor === actorOf(principal)) return actor;
  return actor.split(":", 1)[0]!;
}
