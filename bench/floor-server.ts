/**
 * The floors over GraphQL: a bare Apollo Server (standalone, no type-graphql, no loaders, no
 * waiting, no authentication) with plain `pg`:
 * - orderSummary(id): the row by primary key;
 * - orders(search, first): the first page of an order search, as Catchup finds it (the newest
 *   201 matches, ranked when they are all the matches, else newest first) with the page's
 *   order summaries, in one statement;
 * - depositMoney(accountId, amountCents): one INSERT of an event row, in autocommit (one round
 *   trip), into a table of the events table's columns and indexes (`floor_events`, so that
 *   Catchup's projector, on the same database, never sees these rows).
 * Prints its URL like Catchup does, so bench/support.ts can start it the same way.
 */
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import pg from "pg";
import { textSearch } from "../src/core/projection-helpers/text-search.js";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const typeDefs = `#graphql
  type OrderItem { productId: ID! productName: String! quantity: Int! unitPriceCents: Int! }
  type OrderSummary {
    id: ID! customerId: ID! customerName: String! customerEmail: String! items: [OrderItem!]! itemCount: Int!
    productNames: [String!]! totalCents: Int! status: String! createdAt: String! shippedAt: String version: Int! position: String!
  }
  type OrderNode { id: ID! status: String! totalCents: Int! customerName: String! createdAt: String! }
  type OrderEdge { node: OrderNode! cursor: String! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type OrderConnection { edges: [OrderEdge!]! pageInfo: PageInfo! }
  type Query { orderSummary(id: ID!): OrderSummary, orders(search: String!, first: Int!): OrderConnection! }
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
    async orders(_: unknown, { search, first }: { search: string; first: number }) {
      const parsed = textSearch(search);
      if (parsed === "nothing") return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
      const params: unknown[] = [];
      const query = parsed.query((value) => `$${params.push(value)}`);
      const { rows } = await pool.query<{
        id: string;
        status: string;
        totalCents: number;
        customerName: string;
        createdAt: Date;
        score: number | null;
      }>(
        `WITH newest AS MATERIALIZED (
           SELECT order_id, created_at, document FROM order_search WHERE document @@ ${query}
           ORDER BY created_at DESC, order_id DESC LIMIT 201
         ), page AS (
           SELECT order_id, created_at, CASE WHEN m.ranked THEN ts_rank(document, ${query}) END AS score
           FROM newest, (SELECT NOT EXISTS (SELECT 1 FROM newest OFFSET 200) AS ranked) m
           ORDER BY score DESC NULLS LAST, created_at DESC, order_id DESC LIMIT $${params.push(first + 1)}
         )
         SELECT s.id, s.status, s.total_cents AS "totalCents", s.customer_name AS "customerName", s.created_at AS "createdAt", page.score
         FROM page JOIN order_summaries s ON s.id = page.order_id
         ORDER BY page.score DESC NULLS LAST, page.created_at DESC, page.order_id DESC`,
        params,
      );
      const edges = rows.slice(0, first).map((row) => ({
        node: { ...row, createdAt: row.createdAt.toISOString() },
        cursor: Buffer.from(JSON.stringify([row.score, row.createdAt, row.id])).toString("base64url"),
      }));
      return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
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
