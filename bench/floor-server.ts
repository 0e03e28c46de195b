/**
 * The floors over GraphQL: a bare Apollo Server (standalone, no type-graphql, no loaders, no
 * waiting, no authentication) with plain `pg`:
 * - orderSummary(id): the row by primary key;
 * - depositMoney(accountId, amountCents): one INSERT of an event row, in autocommit (one round
 *   trip), into a table of the events table's columns and indexes (`floor_events`, so that
 *   Catchup's projector, on the same database, never sees these rows).
 * Prints its URL like Catchup does, so bench/support.ts can start it the same way.
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
  type Mutation { depositMoney(accountId: ID!, amountCents: Int!): String }
`;
await pool.query(`CREATE TABLE IF NOT EXISTS floor_events (
  position BIGSERIAL PRIMARY KEY, stream_id TEXT NOT NULL, stream_type TEXT NOT NULL, version INTEGER NOT NULL, type TEXT NOT NULL,
  data JSONB NOT NULL, metadata JSONB NOT NULL, recorded_at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE (stream_id, version))`);
await pool.query("CREATE INDEX IF NOT EXISTS floor_events_type_position_idx ON floor_events (type, position)");
const resolvers = {
  Mutation: {
    async depositMoney(_: unknown, { accountId, amountCents }: { accountId: string; amountCents: number }) {
      const id = crypto.randomUUID();
      const { rows } = await pool.query<{ position: string }>(
        `INSERT INTO floor_events (stream_id, stream_type, version, type, data, metadata) VALUES ($1, 'Account', 1, 'MoneyDeposited', $2, $3)
         RETURNING position::text`,
        [
          id,
          JSON.stringify({ accountId, amountCents }),
          JSON.stringify({ commandId: id, correlationId: id, causationId: null, actor: null }),
        ],
      );
      return rows[0]!.position;
    },
  },
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
