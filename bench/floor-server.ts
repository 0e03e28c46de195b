/**
 * The floor for a query: a bare Apollo Server (standalone, no type-graphql, no loaders, no
 * waiting) resolving orderSummary(id) by primary key with plain `pg`. Prints its URL like
 * Catchup does, so bench/support.ts can start it the same way.
 */
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const typeDefs = `#graphql
  type OrderItem { productId: ID! productName: String! quantity: Int! unitPriceCents: Int! }
  type OrderSummary {
    id: ID! customerId: ID! customerName: String! customerEmail: String! items: [OrderItem!]! itemCount: Int!
    productNames: [String!]! totalCents: Int! status: String! createdAt: String! shippedAt: String version: Int! position: String!
  }
  type Query { orderSummary(id: ID!): OrderSummary }
`;
const resolvers = {
  Query: {
    async orderSummary(_: unknown, { id }: { id: string }) {
      const { rows } = await pool.query(
        `SELECT id, customer_id AS "customerId", customer_name AS "customerName", customer_email AS "customerEmail", items,
                item_count AS "itemCount", product_names AS "productNames", total_cents AS "totalCents", status,
                created_at AS "createdAt", shipped_at AS "shippedAt", version, position
         FROM order_summaries WHERE id = $1`,
        [id],
      );
      const row = rows[0];
      return row ? { ...row, createdAt: row.createdAt.toISOString(), shippedAt: row.shippedAt?.toISOString() ?? null } : null;
    },
  },
};
const server = new ApolloServer({ typeDefs, resolvers, stopOnTerminationSignals: false });
const { url } = await startStandaloneServer(server, { listen: { port: 0, host: "127.0.0.1" } });
console.log(`floor serving GraphQL at ${url.replace(/\/$/, "")}/`);
const stop = async () => {
  await server.stop();
  await pool.end();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
