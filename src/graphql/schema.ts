import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { createPubSub } from "@graphql-yoga/subscription";
import { buildSchema } from "type-graphql";
import { AccountResolver } from "../modules/accounts/graphql/resolver.js";
import { CatalogResolver } from "../modules/catalog/graphql/resolver.js";
import { CustomerResolver } from "../modules/customers/graphql/resolver.js";
import {
  OrderItemFieldsResolver,
  OrderResolver,
  OrderSummaryFieldsResolver,
  ProductSalesFieldsResolver,
} from "../modules/orders/graphql/resolver.js";
import { authChecker } from "./authorization.js";
import { ProjectionResolver } from "./projections.js";
import { SubscriptionResolver } from "./subscriptions.js";

let schema: Promise<GraphQLSchema> | undefined;

/** The executable schema (built once per process). */
export function getSchema(): Promise<GraphQLSchema> {
  schema ??= buildSchema({
    resolvers: [
      CustomerResolver,
      CatalogResolver,
      OrderResolver,
      OrderSummaryFieldsResolver,
      OrderItemFieldsResolver,
      ProductSalesFieldsResolver,
      AccountResolver,
      ProjectionResolver,
      SubscriptionResolver,
    ],
    validate: false,
    emitSchemaFile: false,
    authChecker,
    authMode: "error",
    // Every Catchup subscription has its own `subscribe` over the Notifier; type-graphql still
    // insists on a pub/sub for topic-based ones, so it gets the in-process one it is built for.
    pubSub: createPubSub(),
  });
  return schema;
}

/** The SDL committed as schema.graphql: sorted, so it only changes when the API does. */
export async function printSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await getSchema()))}\n`;
}
