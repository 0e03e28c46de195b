/** GraphQL types shared by every module: command results, consistency, projections. */
import "reflect-metadata";
import { Field, ID, InputType, Int, InterfaceType, registerEnumType } from "type-graphql";
import { ListOf } from "./list-size.js";
import { PositionScalar } from "./scalars.js";

/** Most events one command writes (a few, in practice): what a client may select of them. */
const MAX_EVENTS_PER_COMMAND = 10;
/** Most projections a list of them may hold, as the document limits count it. */
export const MAX_PROJECTIONS = 50;

export enum Consistency {
  EVENTUAL = "EVENTUAL",
  STRONG = "STRONG",
}
registerEnumType(Consistency, {
  name: "Consistency",
  description:
    "How long a mutation waits: EVENTUAL returns once the events are stored; STRONG also waits until every projection has applied them.",
});

/** Options of every mutation's `consistency` argument. */
export const CONSISTENCY_ARG = { nullable: true, defaultValue: Consistency.EVENTUAL } as const;

/**
 * The read models, by the names clients use: the GraphQL `Projection` enum. Its values come
 * from the modules' read models, filled in when the schema is built (./schema.ts): the enum
 * is read then, not when the types using it are declared.
 */
export const ProjectionName: Record<string, string> = {};
export type ProjectionName = string;
registerEnumType(ProjectionName, { name: "Projection" });

@InterfaceType({
  description:
    "What a command wrote. Each mutation returns a payload implementing it, with the read-model object the command changed; wait for `position` to read your own write elsewhere.",
  // Payloads enter the schema through their mutations, not through this interface.
  autoRegisterImplementations: false,
})
export abstract class CommandResult {
  @Field(() => ID)
  commandId!: string;

  @Field(() => ID, { description: "The stream the command wrote to; for a create command, the new id." })
  streamId!: string;

  @Field(() => Int, { description: "The stream's version after the command." })
  version!: number;

  @Field(() => PositionScalar, { description: "Global position of the command's last event." })
  position!: bigint;

  @ListOf(MAX_EVENTS_PER_COMMAND)
  @Field(() => [String], { description: "Types of the events written, in order." })
  events!: string[];

  @Field(() => Boolean, {
    nullable: true,
    description: "With consistency STRONG: whether every projection applied the write before the timeout. Null with EVENTUAL.",
  })
  caughtUp!: boolean | null;
}

/** Fields every command input accepts. */
@InputType() // a base class only: unreachable from the schema, so not emitted
export abstract class CommandInput {
  @Field(() => ID, {
    nullable: true,
    description: "Idempotency key: a retry with the same id returns the first result and writes nothing.",
  })
  commandId?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "Fail with CONCURRENCY_CONFLICT unless the stream is at this version. Without it, conflicts are retried.",
  })
  expectedVersion?: number | null;
}
