/**
 * Read-your-own-writes over graphql-ws: `caughtUp` answers once when the read side has
 * applied a position; `readModelChanged` pushes each change of one row. Both are fed by the
 * Notifier (never by polling), and a client that unsubscribes or disconnects leaves no
 * waiter or listener behind.
 */
import { Arg, Authorized, Field, ID, Int, ObjectType, Resolver, Root, Subscription, UseMiddleware } from "type-graphql";
import { checkArguments, inputLimits } from "./limits.js";
import { ValidationError } from "../core/errors.js";
import type { RowChange } from "../core/notifier.js";
import { callbackIterator } from "./async-queue.js";
import { ANY_ROLE, authenticated, requireOwner, requireRole } from "../application/authorization.js";
import { MAX_PROJECTIONS, ProjectionName } from "./common.js";
import { ListOf } from "./list-size.js";
import type { Context } from "./context.js";
import { PositionScalar } from "./scalars.js";

/** Longest a caughtUp subscription may wait, in ms. */
export const MAX_CAUGHT_UP_TIMEOUT_MS = 300_000;

@ObjectType()
export class CaughtUp {
  @Field(() => PositionScalar)
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

@ObjectType()
export class ReadModelChange {
  @Field(() => ProjectionName)
  projection!: ProjectionName;

  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: "The stream version the row now reflects (0 for rows that span streams)." })
  version!: number;

  @Field(() => PositionScalar)
  position!: bigint;
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
      "or when `timeoutMs` (default: the server's consistency timeout; at most 300000) passes first; then the subscription completes.",
    subscribe: ({ args, context }) => {
      const { position, projections, timeoutMs } = args as CaughtUpArgs;
      const { services } = context as Context;
      authenticated(context as Context);
      checkArguments(args);
      if (timeoutMs != null && (timeoutMs < 1 || timeoutMs > MAX_CAUGHT_UP_TIMEOUT_MS)) {
        throw new ValidationError(`timeoutMs must be from 1 to ${MAX_CAUGHT_UP_TIMEOUT_MS}`, { field: "timeoutMs" });
      }
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
    @Arg("position", () => PositionScalar) _position: bigint,
    @Arg("projections", () => [ProjectionName], { nullable: true }) _projections: ProjectionName[] | null,
    @Arg("timeoutMs", () => Int, { nullable: true }) _timeoutMs: number | null,
  ): CaughtUp {
    return answer;
  }

  @Authorized(ANY_ROLE)
  @Subscription(() => ReadModelChange, {
    // Its description names what each read model's ids are: written when the schema is built (./schema.ts).
    subscribe: async ({ args, context }) => {
      const { projection, id } = args as { projection: ProjectionName; id: string };
      authenticated(context as Context);
      checkArguments(args);
      await authorizeRows(context as Context, projection, id);
      const { notifier } = (context as Context).services;
      // One row: a client that lags gets its latest version.
      return callbackIterator<RowChange>(
        (push) => notifier.onRowChange(projection, id, push),
        () => "row",
      );
    },
  })
  readModelChanged(
    @Root() change: RowChange,
    @Arg("projection", () => ProjectionName) _projection: ProjectionName,
    @Arg("id", () => ID) _id: string,
  ): ReadModelChange {
    return { ...change, projection: change.projection as ProjectionName };
  }
}
