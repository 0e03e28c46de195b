/** The server home of the database: PostgreSQL through a `pg` pool, migrated on opening. */
import { createHash } from "node:crypto";
import { finished } from "node:stream/promises";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { from as copyFromStdin } from "pg-copy-streams";
import { clients } from "./clients.js";
import { copyStatement, driverValue } from "./driver.js";
import { DatabaseError, describe } from "./errors.js";
import { migrate } from "./migrate.js";
import type { Database, QueryOptions, Sql } from "./types.js";

export async function openPostgres(url: string, poolSize: number, observe: boolean, migrates = true): Promise<Database> {
  const location = redact(url);
  // Connections stay open once made (pg closes idle ones after 10 s by default): a burst
  // that needs them again would otherwise wait for new backends and re-prepare statements
  // (seen as 100–400 ms lag spikes, 10 s after a burst, under a steady load).
  // Non-durable transactions (projection batches) run on connections of their own, whose
  // every commit, an autocommitted statement's too, returns before its WAL reaches the disk:
  // a third of the `poolSize` connections (1 to 8; none when there is only one: then such
  // work begins at once and sets synchronous_commit for its transaction).
  const relaxedSize = poolSize >= 2 ? Math.min(8, Math.max(1, Math.floor(poolSize / 3))) : 0;
  const pool = newPool(url, poolSize - relaxedSize);
  let relaxed: pg.Pool | undefined;
  const relaxedPool = () => (relaxed ??= newPool(url, relaxedSize, "-c synchronous_commit=off"));
  // A replica may be down when the server starts: its follower finds out, and reads go elsewhere.
  if (migrates) {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      await pool.end().catch(() => {});
      throw new DatabaseError(`cannot connect to PostgreSQL at ${location}: ${describe(error)}`);
    }
    try {
      await migrate({
        kind: "postgres",
        exec: (sql) => client.query(sql).then(() => {}),
        rows: (sql) => client.query(sql).then((result) => result.rows),
      });
    } finally {
      client.release();
    }
  }
  const raw: Sql = {
    // Not pool.query: it closes the connection after any error, and a refused statement (a
    // version conflict, a duplicate) then cost the next query a new backend (about 100 ms here).
    async query(text, params = [], options) {
      const connection = await pool.connect();
      let broken: Error | undefined;
      try {
        return (await connection.query(statement(text, params, options))).rows;
      } catch (error) {
        if (!refusedOnly(error)) broken = error as Error;
        throw error;
      } finally {
        connection.release(broken);
      }
    },
    async transaction(work, options) {
      const onRelaxed = options?.durable === false && relaxedSize > 0;
      const connection = await (onRelaxed ? relaxedPool() : pool).connect();
      let begun = false;
      const begin = async () => {
        if (begun) return;
        begun = true;
        await connection.query(options?.durable === false && !onRelaxed ? "BEGIN; SET LOCAL synchronous_commit = off" : "BEGIN");
      };
      let broken: Error | undefined;
      try {
        if (!options?.lazy || !onRelaxed) await begin();
        const result = await work({
          async query(text, params = [], queryOptions) {
            if (!queryOptions?.standalone) await begin();
            return (await connection.query(statement(text, params, queryOptions))).rows;
          },
          async copyFrom(table, columns, data) {
            await begin();
            const copy = connection.query(copyFromStdin(copyStatement(table, columns, "STDIN")));
            copy.end(data);
            await finished(copy);
          },
        });
        if (begun) await connection.query("COMMIT");
        return result;
      } catch (error) {
        if (begun) await connection.query("ROLLBACK").catch(() => {});
        if (!refusedOnly(error)) broken = error as Error;
        throw error;
      } finally {
        connection.release(broken);
      }
    },
  };
  const { prisma, sql, onQuery } = clients(new PrismaPg(pool), raw, observe);
  return {
    kind: "postgres",
    prisma,
    sql,
    onQuery,
    location,
    async close() {
      await prisma.$disconnect();
      await Promise.all([pool.end(), relaxed?.end()]);
    },
  };
}

function newPool(url: string, max: number, options?: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, options, connectionTimeoutMillis: 5000, idleTimeoutMillis: 0 });
  // An idle client that loses its connection emits 'error' on the pool; without a listener
  // that would crash the process. The next query simply gets a fresh connection.
  pool.on("error", () => {});
  // A checked-out client whose connection dies (terminated, server restarted) emits 'error'
  // on itself; its query fails with that error anyway, so the event only needs a listener.
  pool.on("connect", (client) => client.on("error", () => {}));
  return pool;
}

/**
 * Whether the server refused the statement and the connection is as good as before: an error
 * with an SQLSTATE other than a connection failure (08), an operator intervention such as a
 * terminated backend or a shutdown (57P), or an internal error (XX).
 */
function refusedOnly(error: unknown): boolean {
  return error instanceof pg.DatabaseError && typeof error.code === "string" && !/^(08|57P|XX)/.test(error.code);
}

/** Names of prepared statements by their text (a fixed set: see QueryOptions.prepare). */
const statementNames = new Map<string, string>();

/** A query for `pg`: named (prepared once per connection) when asked for. */
function statement(text: string, params: readonly unknown[], options: QueryOptions | undefined): pg.QueryConfig {
  const values = params.map(driverValue);
  if (!options?.prepare) return { text, values };
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `catchup_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return { name, text, values };
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}
