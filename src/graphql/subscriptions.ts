/**
 * Read-your-own-writes over graphql-ws: `caughtUp` answers once when the read side has
 * applied a position; `readModelChanged` pushes each change of one row. Both are fed by the
 * Notifier (never by polling), and a client that unsubscribes or disconnects leaves no
 * waiter or listener behind.
 */
import {
  Arg,
  Authorized,
  createUnionType,
  Field,
  ID,
  Int,
  ObjectType,
  Resolver,
  Root,
  Subscription,
  UseMiddleware,
  type ClassType,
} from "type-graphql";
import { checkArguments, inputLimits } from "./limits.js";
import { selects } from "./selection.js";
import { ValidationError } from "../core/errors.js";
import type { RowChange } from "../core/notifier.js";
import { callbackIterator } from "./async-queue.js";
import { ANY_ROLE, authenticated, requireOwner, requireRole } from "../application/authorization.js";
import { MAX_PROJECTIONS, ProjectionName } from "./common.js";
import { ListOf } from "./list-size.js";
import type { Context } from "./context.js";
import { requireWritten } from "./session.js";
import { actorOf } from "../auth/authenticator.js";
import { Lru } from "../core/lru.js";
import type { RowSource } from "./module.js";
import { PositionScalar } from "./scalars.js";

/** Longest a caughtUp subscription may wait, in ms. */
export const MAX_CAUGHT_UP_TIMEOUT_MS = 300_000;

@ObjectType({ description: "The answer of caughtUp." })
export class CaughtUp {
  @Field(() => PositionScalar, { description: "The position asked about." })
  position!: bigint;

  @Field(() => Boolean, { description: "Whether every projection asked about applied every event up to `position` in time." })
  caughtUp!: boolean;

  @ListOf(MAX_PROJECTIONS)
  @Field(() => [ProjectionName], { description: "The projections the answer covers." })
  projections!: ProjectionName[];

  @ListOf(MAX_PROJECTIONS)
  @Field(() => [ProjectionName], { description: "Those still behind `position` when the answer was given (empty when caughtUp)." })
  behind!: ProjectionName[];
}

/**
 * The GraphQL types of the read models whose rows have one by id (each module's RowSource),
 * filled in when the schema is built (./schema.ts), as the Projection enum is.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's object types are classes
export const ROW_TYPES: Function[] = [];
/** Which of ROW_TYPES a pushed row is (set on the row, unseen by clients). */
const ROW_TYPE = Symbol("row type");

export const ReadModelRow = createUnionType({
  name: "ReadModelRow",
  description: "A read-model row, as the query that reads it answers it.",
  types: () => ROW_TYPES as [ClassType, ...ClassType[]],
  resolveType: (row) => (row as { [ROW_TYPE]?: ClassType })[ROW_TYPE],
});

@ObjectType({ description: "One row of a read model has changed." })
export class ReadModelChange {
  @Field(() => ProjectionName, { description: "The read model, as subscribed." })
  projection!: ProjectionName;

  @Field(() => ID, { description: "The row's id, as subscribed." })
  id!: string;

  @Field(() => Int, {
    description: "The stream version the row now reflects (the pushed row's, when there is one; 0 for rows that span streams).",
  })
  version!: number;

  @Field(() => PositionScalar, { description: "Global position of the last event that changed the row." })
  position!: bigint;

  @Field(() => ReadModelRow, {
    nullable: true,
    description:
      "The changed row, read after the change under the rules of the query that reads it (null for read models without rows by id, " +
      "and for a row the caller may not read). A subscriber never receives an older row after a newer one, nor the same version twice.",
  })
  row!: object | null;
}

/**
 * The changes of one row, each with the row as `rows` reads it now, in order: a row no newer
 * than one already pushed is not pushed again (a rebuild replaying it, or a change whose row
 * was read after a later change had landed: that row went out with the earlier message), nor
 * a row gone (a rebuild that has not reached it yet) after one was. Returning it stops the source.
 */
function withRows(
  source: AsyncIterableIterator<RowChange>,
  rows: RowSource | undefined,
  context: Context,
): AsyncIterableIterator<ReadModelChange> {
  let latest = -1;
  const iterator: AsyncIterableIterator<ReadModelChange> = {
    async next() {
      for (;;) {
        const next = await source.next();
        if (next.done) return { done: true, value: undefined };
        const change = next.value;
        if (!rows) return { done: false, value: { ...change, projection: change.projection as ProjectionName, row: null } };
        const row = await sharedRead(rows, context, change);
        if (row ? row.version <= latest : latest >= 0) continue;
        if (row) latest = row.version;
        const typed = row && Object.defineProperty({ ...row }, ROW_TYPE, { value: rows.type(), enumerable: false });
        return {
          done: false,
          value: { ...change, projection: change.projection as ProjectionName, version: row?.version ?? change.version, row: typed },
        };
      }
    },
    async return() {
      await source.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

/**
 * The rows subscribers read after a change, shared: every subscription of one principal to
 * one row reads it once per change (keyed by the change's position), not once each. Without
 * it, a customer's 500 subscriptions to its own account, each selecting `row`, made every
 * deposit wait 45 times longer. Kept while the change is being delivered, per read model.
 */
const SHARED_READ_MS = 50;
const rowReads = new WeakMap<RowSource, Lru<string, Promise<{ version: number } | null>>>();

function sharedRead(rows: RowSource, context: Context, change: RowChange) {
  let reads = rowReads.get(rows);
  if (!reads) rowReads.set(rows, (reads = new Lru({ maxEntries: 1000 })));
  const key = `${actorOf(authenticated(context))}\u0000${change.id}\u0000${change.position}`;
  let read = reads.get(key);
  if (!read) {
    read = rows.read(context, change.id);
    reads.set(key, read);
    // Shared with the subscribers the change reaches at once; one that comes to it later (it
    // was busy sending) reads for itself, as does any after a failed read.
    read.then(
      () => setTimeout(() => reads.delete(key), SHARED_READ_MS).unref(),
      () => reads.delete(key),
    );
  }
  return read;
}

interface CaughtUpArgs {
  position: bigint;
  projections?: ProjectionName[] | null;
  timeoutMs?: number | null;
}

/**
 * Who may follow the rows of a read model, and, for customers, which rows: as its module
 * declares them (RowAccess).
 */
async function authorizeRows(context: Context, projection: ProjectionName, id: string): Promise<void> {
  const { access } = context.services.readModels.get(projection)!;
  const principal = requireRole(context, access.roles);
  if (access.owner && principal.role === "customer") requireOwner(context, await access.owner(context.services.store, id));
}

@Resolver()
@UseMiddleware(inputLimits)
export class SubscriptionResolver {
  @Authorized(ANY_ROLE)
  @Subscription(() => CaughtUp, {
    description:
      "One message once every listed projection (all when none are listed) has applied every event up to `position`, " +
      "or when `timeoutMs` (default: the server's consistency timeout; at most 300000) passes first; then the subscription completes. " +
      "A position beyond the log's head, which no write has reached, is BAD_USER_INPUT at once.",
    subscribe: async ({ args, context }) => {
      const { position, projections, timeoutMs } = args as CaughtUpArgs;
      const { services } = context as Context;
      authenticated(context as Context);
      checkArguments(args);
      if (timeoutMs != null && (timeoutMs < 1 || timeoutMs > MAX_CAUGHT_UP_TIMEOUT_MS)) {
        throw new ValidationError(`timeoutMs must be from 1 to ${MAX_CAUGHT_UP_TIMEOUT_MS}`, { field: "timeoutMs" });
      }
      await requireWritten(position, services.store, "position");
      const names = projections && projections.length > 0 ? [...new Set(projections)] : (services.projector.names as ProjectionName[]);
      return callbackIterator<CaughtUp>((push, end) => {
        const abort = new AbortController();
        void services.consistency.caughtUp(names, position, timeoutMs ?? services.consistency.timeoutMs, abort.signal).then((caughtUp) => {
          if (abort.signal.aborted) return;
          push({ position, caughtUp, projections: names, behind: services.consistency.behind(names, position) as ProjectionName[] });
          end();
        });
        return () => abort.abort();
      });
    },
  })
  caughtUp(
    @Root() answer: CaughtUp,
    @Arg("position", () => PositionScalar, { description: "The position to wait for: a mutation's `position`." }) _position: bigint,
    @Arg("projections", () => [ProjectionName], { nullable: true, description: "The projections to wait for; all when null or empty." })
    _projections: ProjectionName[] | null,
    @Arg("timeoutMs", () => Int, {
      nullable: true,
      description: `How long to wait, in ms: 1 to ${MAX_CAUGHT_UP_TIMEOUT_MS} (BAD_USER_INPUT otherwise). Default: the server's consistency timeout.`,
    })
    _timeoutMs: number | null,
  ): CaughtUp {
    return answer;
  }

  @Authorized(ANY_ROLE)
  @Subscription(() => ReadModelChange, {
    // Its description names what each read model's ids are: written when the schema is built (./schema.ts).
    subscribe: async ({ args, context, info }) => {
      const { projection, id } = args as { projection: ProjectionName; id: string };
      authenticated(context as Context);
      checkArguments(args);
      await authorizeRows(context as Context, projection, id);
      const { notifier, readModels } = (context as Context).services;
      // One row: a client that lags gets its latest version.
      const changes = callbackIterator<RowChange>(
        (push) => notifier.onRowChange(projection, id, push),
        () => "row",
      );
      // The row is read for each change only when the subscription selects it.
      const rows = selects(info.fieldNodes, "row", info.fragments) ? readModels.get(projection)!.row : undefined;
      return withRows(changes, rows, context as Context);
    },
  })
  readModelChanged(
    @Root() change: ReadModelChange,
    @Arg("projection", () => ProjectionName, {
      description: "The read model. Its roles apply: FORBIDDEN for a read model the caller's role may not follow.",
    })
    _projection: ProjectionName,
    @Arg("id", () => ID, {
      description:
        "The row's id; what it names depends on the read model (see above). A customer may follow only its own rows (FORBIDDEN).",
    })
    _id: string,
  ): ReadModelChange {
    return change;
  }
}
