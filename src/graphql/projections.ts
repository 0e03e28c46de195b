/** Read-side status: `projections` query and `projectionProgress` subscription. */
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  Int,
  Mutation,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
  Root,
  Subscription,
  UseMiddleware,
} from "type-graphql";
import { checkArguments, inputLimits } from "./limits.js";
import { ADMIN, ANY_ROLE, authenticated } from "../application/authorization.js";
import type { ProjectionStatus as RunnerStatus } from "../core/projector.js";
import type { CheckpointEvent } from "../core/notifier.js";
import type { ProjectionState } from "../core/projector.js";
import { callbackIterator } from "./async-queue.js";
import { MAX_PROJECTIONS, ProjectionName } from "./common.js";
import { ListOf } from "./list-size.js";
import type { Context } from "./context.js";
import { PositionScalar } from "./scalars.js";

export enum ProjectionRunState {
  STARTING = "STARTING",
  RUNNING = "RUNNING",
  REBUILDING = "REBUILDING",
  FAILED = "FAILED",
  STOPPED = "STOPPED",
  STANDBY = "STANDBY",
}
registerEnumType(ProjectionRunState, {
  name: "ProjectionState",
  description: "What a projection's runner is doing, as the instance that answers sees it.",
  valuesConfig: {
    STARTING: { description: "Claiming its checkpoint; it runs next." },
    RUNNING: { description: "Applying events as they are written." },
    REBUILDING: {
      description: "Replaying the log after a rebuild, until it reaches the head as of the rebuild; reads may see partial rows.",
    },
    FAILED: { description: "Stopped at an event it could not apply (see lastError); reads that wait on it fail with PROJECTION_FAILED." },
    STOPPED: { description: "Not running on this instance (e.g. shutting down)." },
    STANDBY: { description: "Another instance runs this projection; the position is the checkpoint it announced." },
  },
});

@ObjectType({ description: "Where one projection stands." })
export class ProjectionStatus {
  @Field(() => ProjectionName, { description: "The projection." })
  name!: ProjectionName;

  @Field(() => PositionScalar, { description: "Every event at or below this position has been applied." })
  position!: bigint;

  @Field(() => PositionScalar, { description: "The log's head: the highest position known to be final." })
  headPosition!: bigint;

  @Field(() => Int, { description: "headPosition - position, in positions (0 when caught up; at most 2147483647)." })
  lag!: number;

  @Field(() => ProjectionRunState, { description: "What its runner is doing." })
  state!: ProjectionState;

  @Field(() => String, { nullable: true, description: "Why the projection stopped, when state is FAILED." })
  lastError!: string | null;
}

function toStatus(status: RunnerStatus): ProjectionStatus {
  const lag = status.headPosition > status.position ? status.headPosition - status.position : 0n;
  return { ...status, name: status.name as ProjectionName, lag: lag > 2_147_483_647n ? 2_147_483_647 : Number(lag) };
}

@ObjectType({ description: "A projection's checkpoint has advanced." })
export class ProjectionProgress {
  @Field(() => ProjectionName, { description: "The projection." })
  projection!: ProjectionName;

  @Field(() => PositionScalar, { description: "Its new checkpoint: every event at or below it has been applied." })
  position!: bigint;
}

@Resolver()
@UseMiddleware(inputLimits)
export class ProjectionResolver {
  @Authorized(ANY_ROLE)
  @ListOf(MAX_PROJECTIONS)
  @Query(() => [ProjectionStatus], { description: "The status of every projection, one entry each." })
  projections(@Ctx() { services }: Context): ProjectionStatus[] {
    return services.projector.status().map(toStatus);
  }

  @Authorized(ADMIN)
  @ListOf(MAX_PROJECTIONS)
  @Mutation(() => [ProjectionStatus], {
    description:
      "Deletes the rows of the given projections (all when none are given) and replays the event log into them. " +
      "Returns once each rebuild has begun, on whichever instance runs the projection (SERVICE_UNAVAILABLE when none does, " +
      "e.g. during a failover: retry); follow progress with `projections` or `projectionProgress`. Other projections keep serving.",
  })
  async rebuildProjections(
    @Arg("projections", () => [ProjectionName], { nullable: true, description: "The projections to rebuild; all when null or empty." })
    projections: ProjectionName[] | null,
    @Ctx() { services }: Context,
  ): Promise<ProjectionStatus[]> {
    const names = projections && projections.length > 0 ? [...new Set(projections)] : services.projector.names;
    await services.rebuild(names);
    return names.map((name) => toStatus(services.projector.runner(name).status()));
  }

  @Authorized(ANY_ROLE)
  @Subscription(() => ProjectionProgress, {
    description: "A message each time a projection's checkpoint advances (all projections, or the ones listed).",
    subscribe: ({ args, context }) => {
      const wanted = args.projections as ProjectionName[] | null | undefined;
      authenticated(context as Context);
      checkArguments(args);
      const { notifier } = (context as Context).services;
      // Checkpoints only move forward: a client that lags gets each projection's latest.
      return callbackIterator<CheckpointEvent>(
        (push) =>
          notifier.onCheckpoint((event) => {
            if (!wanted || wanted.length === 0 || wanted.includes(event.projection as ProjectionName)) push(event);
          }),
        (event) => event.projection,
      );
    },
  })
  projectionProgress(
    @Root() event: CheckpointEvent,
    @Arg("projections", () => [ProjectionName], { nullable: true, description: "The projections to follow; all when null or empty." })
    _projections: ProjectionName[] | null,
  ): ProjectionProgress {
    return { projection: event.projection as ProjectionName, position: event.position };
  }
}
