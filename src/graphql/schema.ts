import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { createPubSub } from "@graphql-yoga/subscription";
import { buildSchema } from "type-graphql";
import { authChecker } from "./authorization.js";
import { PROJECTION_VALUES, ProjectionName } from "./common.js";
import { readModelsOf, type CatchupModule } from "./module.js";
import { HistoryResolver } from "./history.js";
import { NodeResolver } from "./nodes.js";
import { ProjectionResolver } from "./projections.js";
import { ROW_TYPES, SubscriptionResolver } from "./subscriptions.js";

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql takes resolver classes as Function
type ResolverClass = Function;

const schemas = new WeakMap<readonly CatchupModule[], Promise<GraphQLSchema>>();

/**
 * The executable schema of a list of modules: the kit's own resolvers (projections,
 * subscriptions) and each module's, with the `Projection` enum made of the modules' read
 * models. Built once per list (type-graphql keeps its types per process: serve one list).
 */
export function getSchema(modules: readonly CatchupModule[]): Promise<GraphQLSchema> {
  let schema = schemas.get(modules);
  if (!schema) {
    schema = build(modules);
    schemas.set(modules, schema);
  }
  return schema;
}

async function build(modules: readonly CatchupModule[]): Promise<GraphQLSchema> {
  const readModels = readModelsOf(modules);
  for (const key of Object.keys(ProjectionName)) delete ProjectionName[key];
  for (const key of Object.keys(PROJECTION_VALUES)) delete PROJECTION_VALUES[key];
  for (const { projection, description } of readModels) {
    ProjectionName[projection.name] = projection.name;
    PROJECTION_VALUES[projection.name] = { description };
  }
  ROW_TYPES.splice(0, ROW_TYPES.length, ...new Set(readModels.flatMap(({ row }) => (row ? [row.type()] : []))));
  const resolvers = [
    ProjectionResolver,
    SubscriptionResolver,
    NodeResolver,
    HistoryResolver,
    ...modules.flatMap((module) => module.resolvers),
  ] as [ResolverClass, ...ResolverClass[]];
  const schema = await buildSchema({
    resolvers,
    validate: false,
    emitSchemaFile: false,
    authChecker,
    authMode: "error",
    // Every Catchup subscription has its own `subscribe` over the Notifier; type-graphql still
    // insists on a pub/sub for topic-based ones, so it gets the in-process one it is built for.
    pubSub: createPubSub(),
  });
  describeRoots(schema);
  const readModelChanged = schema.getSubscriptionType()?.getFields().readModelChanged;
  if (readModelChanged) {
    const ids = readModels.map(({ projection, access }) => `${projection.name} by ${access.rowIds}`).join("; ");
    readModelChanged.description =
      `A message each time one row of a read model changes: ${ids}. ` +
      "A subscriber that reads slowly gets the row's latest change, not every one.";
  }
  return schema;
}

/** What every field of the root types shares (type-graphql takes no description for them). */
function describeRoots(schema: GraphQLSchema): void {
  const limits =
    "String arguments are at most 1000 characters, ids at most 128, lists at most 100 entries, " +
    "with no NUL character or lone UTF-16 surrogate (BAD_USER_INPUT); fields state tighter limits.";
  const query = schema.getQueryType();
  if (query)
    query.description =
      "Reads of the read models (projections). Each waits for its minPosition, and for the catchup-position request header. " +
      `UNAUTHENTICATED without a token, FORBIDDEN for a role the field does not admit. ${limits}`;
  const mutation = schema.getMutationType();
  if (mutation)
    mutation.description =
      "Commands, and rebuildProjections. A command writes events to one stream and returns its payload, or null with an error " +
      "whose extensions.code says why (BAD_USER_INPUT, NOT_FOUND, INVALID_STATE, INSUFFICIENT_FUNDS, DUPLICATE, CONCURRENCY_CONFLICT, " +
      "FORBIDDEN, UNAUTHENTICATED). The response's extensions.catchup.position is the highest position the operation wrote. " +
      limits;
  const subscription = schema.getSubscriptionType();
  if (subscription)
    subscription.description = `Pushes over graphql-ws, at the same URL as queries, fed by the read side as it advances. ${limits}`;
}

/** The SDL committed as schema.graphql: sorted, so it only changes when the API does. */
export async function printSdl(modules: readonly CatchupModule[]): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await getSchema(modules)))}\n`;
}
