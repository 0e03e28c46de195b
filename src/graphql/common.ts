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
  valuesConfig: {
    EVENTUAL: { description: "Return once the events are stored. caughtUp is null; read your write with minPosition or minVersion." },
    STRONG: {
      description:
        "Also wait until every projection has applied the write, at most the server's consistency timeout (5 s by default). " +
        "caughtUp says whether they did; the write stands either way.",
    },
  },
});

/** Options of every mutation's `consistency` argument. */
export const CONSISTENCY_ARG = {
  nullable: true,
  defaultValue: Consistency.EVENTUAL,
  description: "EVENTUAL (default) returns once the write is stored; STRONG also waits for every projection to apply it.",
} as const;

/**
 * The read models, by the names clients use: the GraphQL `Projection` enum. Its values come
 * from the modules' read models, filled in when the schema is built (./schema.ts): the enum
 * is read then, not when the types using it are declared.
 */
export const ProjectionName: Record<string, string> = {};
export type ProjectionName = string;
/** The descriptions of the `Projection` enum's values, filled in with its values (./schema.ts). */
export const PROJECTION_VALUES: Record<string, { description?: string }> = {};
registerEnumType(ProjectionName, {
  name: "Projection",
  description: "A read model (projection): tables built from the event log, each with its own checkpoint.",
  valuesConfig: PROJECTION_VALUES,
});

@InterfaceType({
  description:
    "What a command wrote. Each mutation returns a payload implementing it, with the read-model object the command changed; wait for `position` to read your own write elsewhere.",
  // Payloads enter the schema through their mutations, not through this interface.
  autoRegisterImplementations: false,
})
export abstract class CommandResult {
  @Field(() => ID, { description: "The command's idempotency key: the input's commandId, or a new id when it gave none." })
  commandId!: string;

  @Field(() => ID, { description: "The stream the command wrote to: the id of the object it changed; for a create command, the new id." })
  streamId!: string;

  @Field(() => Int, { description: "The stream's version after the command." })
  version!: number;

  @Field(() => PositionScalar, {
    description:
      "Global position of the command's last event (with no events, of the stream's last one): " +
      "pass it as minPosition, or as the catchup-position header, to read this write.",
  })
  position!: bigint;

  @ListOf(MAX_EVENTS_PER_COMMAND)
  @Field(() => [String], { description: "The type names of the events written, in order. Empty when the command changed nothing." })
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
    description:
      "Idempotency key: 1 to 128 ASCII letters, digits or . _ : - (default: a new id). A retry with the same id, by the same caller and " +
      "with the same input, returns the first result and writes nothing; any other use of the id is DUPLICATE. Use a new random id per command.",
  })
  commandId?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "Fail with CONCURRENCY_CONFLICT unless the stream is at this version (0 for a stream not yet written). " +
      "A non-negative integer. Without it, a command that loses a race is decided again on the new state.",
  })
  expectedVersion?: number | null;
}
