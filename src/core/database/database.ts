/**
 * The database: one Prisma client over one of two homes with the same schema and SQL.
 * - embedded: PGlite (PostgreSQL compiled to WASM) persisted in a data directory, or in
 *   memory when no directory is given (tests);
 * - server: PostgreSQL through a `pg` pool.
 * Migrations are applied by `openDatabase` before it returns (see ./migrate.ts).
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { finished } from "node:stream/promises";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { from as copyFromStdin } from "pg-copy-streams";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../../generated/prisma/client.js";
import { migrate, type ScriptRunner } from "./migrate.js";

type PrismaAdapter = ConstructorParameters<typeof PrismaClient>[0] extends infer O ? (O extends { adapter?: infer A } ? NonNullable<A> : never) : never;

export type DatabaseOptions = (
  | { kind: "postgres"; url: string; poolSize?: number }
  | { kind: "pglite"; dataDir?: string }
) & {
  /** Emit Prisma's `query` events (see Database.onQuery); off by default, it costs a little per query. */
  observeQueries?: boolean;
};

export interface QueryOptions {
  /**
   * Keep the statement prepared on each connection (PostgreSQL; PGlite ignores it): later
   * calls skip parsing and planning, which for a wide upsert costs more than running it.
   * Only for a statement text from a fixed set (the text names it) whose plan does not hinge
   * on its parameters' values: after five runs PostgreSQL may keep one generic plan.
   */
  prepare?: boolean;
}

/**
 * Plain SQL on the driver, past Prisma: for the few statements on the hot path of every
 * command and every projection step, where Prisma's per-call cost dominates. One statement
 * per call (autocommit); int8 columns come back as strings or numbers, so callers wrap them
 * in BigInt.
 */
export interface Sql {
  query<Row>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<Row[]>;
  /**
   * Runs `work` in one transaction on one connection; commits when it resolves, rolls back
   * when it throws. `durable: false` lets the commit return before its WAL reaches the disk
   * (synchronous_commit off: a crash may lose the whole transaction, never part of it).
   */
  transaction<T>(work: (tx: Transaction) => Promise<T>, options?: { durable?: boolean }): Promise<T>;
}

/** What runs inside `Sql.transaction`: statements, and bulk loads. */
export interface Transaction extends Pick<Sql, "query"> {
  /**
   * Appends rows to `table` with COPY … FROM STDIN in text format: `data` is one line per
   * row, fields in the order of `columns`, tab-separated, `\N` for NULL, backslash escapes
   * (see copyText in ../projection-helpers.ts). Nothing to parse or plan and no JSON to
   * decode: several times cheaper per row than an INSERT of the same rows, for loads of
   * many. Plain inserts: a row whose key exists fails the statement (unique_violation).
   */
  copyFrom(table: string, columns: readonly string[], data: string): Promise<void>;
}

/** The COPY statement that reads rows of `columns` into `table` from `source`. */
function copyStatement(table: string, columns: readonly string[], source: string): string {
  return `COPY "${table}" (${columns.map((column) => `"${column}"`).join(", ")}) FROM ${source}`;
}

export interface Database {
  readonly kind: "postgres" | "pglite";
  readonly prisma: PrismaClient;
  readonly sql: Sql;
  /** Where the data lives, for logs: a redacted URL or a directory. */
  readonly location: string;
  /** Calls `listener` with each SQL statement sent; needs `observeQueries`. Returns an unsubscribe. */
  onQuery(listener: (sql: string) => void): () => void;
  close(): Promise<void>;
}

export class DatabaseError extends Error {
  override name = "DatabaseError";
}

/** SQLSTATEs of a lost or refused connection: 08xxx, admin/crash shutdown, cannot connect now, too many connections. */
const CONNECTION_STATES = /^(08...|57P01|57P02|57P03|53300)$/;
const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH", "P1001", "P1002", "P1017"]);
const CONNECTION_MESSAGES = /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect|terminating connection|server closed the connection|Can't reach database server|the database system is (starting up|shutting down|in recovery)/i;

/**
 * Whether an error means the database could not be reached (a lost or refused connection,
 * a server restarting), rather than that the statement itself failed. Such errors are
 * transient: the work may be retried once the database is back. Looks through the causes
 * that drivers and Prisma wrap errors in.
 */
export function isConnectionError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 6; depth++) {
    if (current instanceof AggregateError && current.errors.some(isConnectionError)) return true;
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown; originalCode?: unknown };
    for (const code of [candidate.code, candidate.originalCode]) {
      if (typeof code === "string" && (CONNECTION_STATES.test(code) || CONNECTION_CODES.has(code))) return true;
    }
    if (typeof candidate.message === "string" && CONNECTION_MESSAGES.test(candidate.message)) return true;
    current = candidate.cause;
  }
  return false;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.kind === "postgres"
    ? openPostgres(options.url, options.poolSize ?? 10, options.observeQueries ?? false)
    : openPGlite(options.dataDir, options.observeQueries ?? false);
}

/**
 * The Prisma client and the plain-SQL executor over one driver, with statement listeners
 * (for both) when asked for.
 */
function clients(adapter: PrismaAdapter, raw: Sql, observe: boolean): Pick<Database, "prisma" | "sql" | "onQuery"> {
  if (!observe) {
    return {
      prisma: new PrismaClient({ adapter }),
      sql: raw,
      onQuery: () => {
        throw new Error("open the database with observeQueries: true to listen to queries");
      },
    };
  }
  const listeners = new Set<(sql: string) => void>();
  const observed = (query: Sql["query"]): Sql["query"] => (text, params, options) => {
    for (const listener of listeners) listener(text);
    return query(text, params, options);
  };
  const prisma = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  prisma.$on("query", (event) => {
    for (const listener of listeners) listener(event.query);
  });
  return {
    prisma: prisma as unknown as PrismaClient,
    sql: {
      query: observed(raw.query),
      transaction: (work, options) =>
        raw.transaction(
          (tx) =>
            work({
              query: observed(tx.query),
              copyFrom(table, columns, data) {
                for (const listener of listeners) listener(copyStatement(table, columns, "STDIN"));
                return tx.copyFrom(table, columns, data);
              },
            }),
          options,
        ),
    },
    onQuery(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

async function openPostgres(url: string, poolSize: number, observe: boolean): Promise<Database> {
  const location = redact(url);
  // Connections stay open once made (pg closes idle ones after 10 s by default): a burst
  // that needs them again would otherwise wait for new backends and re-prepare statements
  // (seen as 100–400 ms lag spikes, 10 s after a burst, under a steady load).
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000, idleTimeoutMillis: 0 });
  // An idle client that loses its connection emits 'error' on the pool; without a listener
  // that would crash the process. The next query simply gets a fresh connection.
  pool.on("error", () => {});
  // A checked-out client whose connection dies (terminated, server restarted) emits 'error'
  // on itself; its query fails with that error anyway, so the event only needs a listener.
  pool.on("connect", (client) => client.on("error", () => {}));
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
  const raw: Sql = {
    query: (text, params = [], options) => pool.query(statement(text, params, options)).then((result) => result.rows),
    async transaction(work, options) {
      const connection = await pool.connect();
      try {
        await connection.query(options?.durable === false ? "BEGIN; SET LOCAL synchronous_commit = off" : "BEGIN");
        const result = await work({
          query: (text, params = [], queryOptions) => connection.query(statement(text, params, queryOptions)).then((r) => r.rows),
          async copyFrom(table, columns, data) {
            const copy = connection.query(copyFromStdin(copyStatement(table, columns, "STDIN")));
            copy.end(data);
            await finished(copy);
          },
        });
        await connection.query("COMMIT");
        return result;
      } catch (error) {
        await connection.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        connection.release();
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
      await pool.end();
    },
  };
}

async function openPGlite(dataDir: string | undefined, observe: boolean): Promise<Database> {
  let releaseLock = () => {};
  let pglite: PGlite;
  if (dataDir === undefined) {
    pglite = await PGlite.create();
  } else {
    fs.mkdirSync(dataDir, { recursive: true });
    releaseLock = lockDataDir(dataDir);
    try {
      pglite = await PGlite.create(path.join(dataDir, "pgdata"));
    } catch (error) {
      releaseLock();
      throw new DatabaseError(`cannot open the embedded database in ${dataDir}: ${describe(error)}`);
    }
  }
  const runner: ScriptRunner = {
    kind: "pglite",
    exec: (sql) => pglite.exec(sql).then(() => {}),
    rows: (sql) => pglite.query<Record<string, unknown>>(sql).then((result) => result.rows),
  };
  try {
    await migrate(runner);
  } catch (error) {
    await pglite.close();
    releaseLock();
    throw error;
  }
  // pglite-prisma-adapter is typed against an older @prisma/driver-adapter-utils than the
  // client; the runtime interface is the same (verified by the whole test suite).
  const raw: Sql = {
    query: (text, params = []) => pglite.query(text, params.map(driverValue) as unknown[]).then((result) => result.rows as never[]),
    transaction: (work) =>
      pglite.transaction((tx) =>
        work({
          query: (text, params = []) => tx.query(text, params.map(driverValue) as unknown[]).then((result) => result.rows as never[]),
          // PGlite reads COPY data from a Blob it exposes as /dev/blob.
          copyFrom: (table, columns, data) => tx.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([data]) }).then(() => {}),
        }),
      ),
  };
  const { prisma, sql, onQuery } = clients(new PrismaPGlite(pglite) as unknown as PrismaAdapter, raw, observe);
  return {
    kind: "pglite",
    prisma,
    sql,
    onQuery,
    location: dataDir ?? "(in memory)",
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      releaseLock();
    },
  };
}

/**
 * A PGlite data directory may be opened by one process only; a second one would corrupt
 * it. The lock is a file holding the owner's pid; a lock left by a dead process is taken
 * over.
 */
function lockDataDir(dataDir: string): () => void {
  const lockFile = path.join(dataDir, "catchup.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      return () => fs.rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new DatabaseError(`cannot lock the data directory ${dataDir}: ${describe(error)}`);
      }
      const owner = Number(fs.readFileSync(lockFile, "utf8").trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new DatabaseError(
          `the data directory ${dataDir} is in use by another Catchup process (pid ${owner}); ` +
            `stop it, or set CATCHUP_DATA_DIR to another directory`,
        );
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new DatabaseError(`cannot lock the data directory ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Drivers take 64-bit integers as decimal strings. */
const driverValue = (value: unknown) => (typeof value === "bigint" ? value.toString() : value);

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

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.message;
  return String(error);
}
