/**
 * Mutation payloads: each mutation returns its own type implementing CommandResult, with
 * the read-model object the command changed as one more field (`account`, `order`,
 * `customer`, `product`). That field resolves only when selected, once its projection has
 * applied the write's position (and the operation's read position, if higher), under the
 * same row rules as the query that reads the object, so that a normalized client cache
 * (Apollo's) updates from the mutation's response itself.
 */
import { Ctx, FieldResolver, ObjectType, Resolver, Root, type ClassType } from "type-graphql";
import type { CommandOutcome } from "../application/command.js";
import { CommandResult } from "./common.js";
import { readAfter, type Context } from "./context.js";
import type { RowSource } from "./module.js";

export interface PayloadEntity<Row extends { version: number }> {
  /** The payload field's name ("account"). */
  field: string;
  /** The projection the object is read from, once it has applied the write. */
  projection: string;
  /** Its rows: their GraphQL type, and how the caller may read one (the read model's RowSource). */
  rows: RowSource<Row>;
}

/**
 * The payload types of a module's mutations that change one kind of object, by name
 * (`DepositMoneyPayload`, …), and the resolver class that adds the object's field to them.
 */
export function commandPayloads<Name extends string, Row extends { version: number }>(
  names: readonly Name[],
  entity: PayloadEntity<Row>,
): { types: Record<Name, ClassType<CommandResult>>; resolvers: ClassType[] } {
  const types = {} as Record<Name, ClassType<CommandResult>>;
  const resolvers: ClassType[] = [];
  for (const name of names) {
    @ObjectType(name, { implements: CommandResult, description: `What ${mutationOf(name)} wrote, and the ${entity.field} it changed.` })
    class Payload extends CommandResult {}

    @Resolver(() => Payload)
    class PayloadResolver {
      @FieldResolver(entity.rows.type, {
        name: entity.field,
        nullable: true,
        description: `The ${entity.field} as ${entity.projection} shows it once it has applied this write (null if the caller may not read it).`,
      })
      async entity(@Root() outcome: CommandOutcome, @Ctx() context: Context): Promise<Row | null> {
        await readAfter(context, entity.projection, outcome.position);
        return entity.rows.read(context, outcome.streamId);
      }
    }
    types[name] = Payload;
    resolvers.push(PayloadResolver);
  }
  return { types, resolvers };
}

/** "DepositMoneyPayload" -> "depositMoney". */
function mutationOf(payload: string): string {
  const base = payload.replace(/Payload$/, "");
  return base.charAt(0).toLowerCase() + base.slice(1);
}
