/**
 * What an Apollo Client cache needs to know of Catchup's schema:
 *
 * - `possibleTypes`: every mutation payload implements CommandResult, so fragments on it match;
 * - `typePolicies`: the arguments that say *when* to read (`minPosition`, `minVersion`,
 *   `consistent`) do not split a field's cache entries, and a read by id finds the object
 *   a mutation payload already brought into the cache (no refetch).
 *
 * `new InMemoryCache({ possibleTypes, typePolicies: catchupTypePolicies })`.
 */
import type { FieldPolicy, TypePolicies } from "@apollo/client";
import generated from "./possible-types.js";

export const possibleTypes = generated.possibleTypes;

/** Arguments that say when to read, not what: never part of a cache key. */
export const CONSISTENCY_ARGUMENTS = ["minPosition", "minVersion", "consistent"] as const;

/** A connection's page arguments: each page is its own cache entry. */
const PAGE = ["first", "after", "last", "before"];

/** A read by id of an object the cache may already hold (from a mutation payload, a list). */
const byId = (typename: string): FieldPolicy => ({
  keyArgs: ["id"],
  read(existing, { args, toReference }) {
    return existing ?? (typeof args?.id === "string" ? toReference({ __typename: typename, id: args.id }) : undefined);
  },
});

/** Each root field keyed by its arguments less CONSISTENCY_ARGUMENTS (test/client.test.ts checks it against the schema). */
export const catchupTypePolicies: TypePolicies = {
  Query: {
    fields: {
      account: byId("Account"),
      customer: byId("Customer"),
      product: byId("Product"),
      orderSummary: byId("OrderSummary"),
      customerOrders: { keyArgs: ["customerId", ...PAGE] },
      orders: { keyArgs: ["filter", "search", ...PAGE] },
      products: { keyArgs: ["search", ...PAGE] },
      productBySku: { keyArgs: ["sku"] },
      customerByEmail: { keyArgs: ["email"] },
      history: { keyArgs: ["streamId", ...PAGE] },
      node: { keyArgs: ["id"] },
      shippingDashboard: { keyArgs: [] },
      orderAnalytics: { keyArgs: ["from", "to"] },
      topProducts: { keyArgs: ["first"] },
    },
  },
};
