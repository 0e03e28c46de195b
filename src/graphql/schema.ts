import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { createPubSub } from "@graphql-yoga/subscription";
import { buildSchema } from "type-graphql";
import { authChecker } from "./authorization.js";
import { ProjectionName } from "./common.js";
import { readModelsOf, type CatchupModule } from "./module.js";
import { ProjectionResolver } from "./projections.js";
import { ROW_TYPES, SubscriptionResolver } from "./subscriptions.js";

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
  for (const { projection } of readModels) ProjectionName[projection.name] = projection.name;
  ROW_TYPES.splice(0, ROW_TYPES.length, ...new Set(readModels.flatMap(({ row }) => (row ? [row.type()] : []))));
  const schema = await buildSchema({
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql takes resolver classes as Function
    resolvers: [ProjectionResolver, SubscriptionResolver, ...modules.flatMap((module) => module.resolvers)] as [Function, ...Function[]],
    validate: false,
    emitSchemaFile: false,
    authChecker,
    authMode: "error",
    // Every Catchup subscription has its own `subscribe` over the Notifier; type-graphql still
    // insists on a pub/sub for topic-based ones, so it gets the in-process one it is built for.
    pubSub: createPubSub(),
  });
  const readModelChanged = schema.getSubscriptionType()?.getFields().readModelChanged;
  if (readModelChanged) {
    const ids = readModels.map(({ projection, access }) => `${projection.name} by ${access.rowIds}`).join("; ");
    readModelChanged.description = `A message each time one row of a read model changes: ${ids}.`;
  }
  return schema;
}

/** The SDL committed as schema.graphql: sorted, so it only changes when the API does. */
export async function printSdl(modules: readonly CatchupModule[]): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await getSchema(modules)))}\n`;
}
