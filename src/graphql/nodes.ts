/**
 * Global object identification (Relay): every type whose id is a stream's id implements
 * `Node`, and `node(id)` answers the object of any id. The stream's type (its first event)
 * says which read model holds it: the module's read model whose `streamType` it is, read
 * under the rules of the query that reads it (another customer's object is null, as a
 * missing one), and a role that may not read that read model gets null too (staff: accounts).
 */
import { Arg, Authorized, Ctx, Field, ID, InterfaceType, Query, Resolver, UseMiddleware } from "type-graphql";
import { ANY_ROLE, authenticated } from "../application/authorization.js";
import { readAfter, type Context } from "./context.js";
import { inputLimits } from "./limits.js";
import type { ModuleReadModel } from "./module.js";

/** Which object type a row answered by `node` is (set on the row, unseen by clients). */
const NODE_TYPE = Symbol("node type");

@InterfaceType({
  description: "An object with a global id: the id of its event stream. Query `node(id:)` for any of them.",
  resolveType: (row: { [NODE_TYPE]?: string }) => row[NODE_TYPE],
})
export abstract class Node {
  @Field(() => ID, { description: "The object's id: its event stream's id, unique across every type." })
  id!: string;
}

/**
 * The read model that shows the objects of a stream type (the one whose rows are its
 * streams' ids). Its roles are who may read such a stream at all, by `node` or `history`.
 */
export function objectReadModel(context: Pick<Context, "services">, streamType: string): ModuleReadModel | undefined {
  return [...context.services.readModels.values()].find((model) => model.streamType === streamType && model.row);
}

@Resolver()
@UseMiddleware(inputLimits)
export class NodeResolver {
  @Authorized(ANY_ROLE)
  @Query(() => Node, {
    nullable: true,
    description:
      "The object of a global id (Account, Customer, OrderSummary or Product), from the read model that shows it; " +
      "null for an unknown id, and for another customer's object. Waits for the catchup-position header as other reads do.",
  })
  async node(@Arg("id", () => ID, { description: "A global id, as any Node's id field gives it." }) id: string, @Ctx() context: Context) {
    const { services } = context;
    const origin = await services.store.origin(id);
    if (!origin) return null;
    const readModel = objectReadModel(context, origin.streamType);
    if (!readModel?.row) return null;
    // Who may see it is told by the stream's first event, before any wait or read: a role the
    // read model does not admit, and another customer's object, answer as a missing id does.
    const principal = authenticated(context);
    if (!readModel.access.roles.includes(principal.role)) return null;
    if (principal.role === "customer" && readModel.access.owner && origin.owner !== principal.subject) return null;
    await readAfter(context, readModel.projection.name, null);
    const row = await readModel.row.read(context, id);
    return row && { ...row, [NODE_TYPE]: readModel.row.type().name };
  }
}
