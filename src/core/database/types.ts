/**
 * The contract of the database: how to open one, and what it offers (the Prisma client,
 * plain SQL past Prisma, bulk loads in a transaction).
 */
import type { PGlite } from "@electric-sql/pglite";
import type { PrismaClient } from "../../generated/prisma/client.js";

/** An open PGlite lent to a Database (DatabaseOptions.borrow): `giveBack` is its close. */
export interface BorrowedPGlite {
  pglite: PGlite;
  giveBack(): Promise<void>;
}

export type DatabaseOptions = (
  | {
      kind: "postgres";
      url: string;
      poolSize?: number;
      /** A streaming replica (read-only): opened without migrating; its schema is the primary's. */
      replica?: boolean;
    }
  | {
      kind: "pglite";
      dataDir?: string;
      /** In memory (no dataDir): start from this dump of a data directory (PGlite's dumpDataDir), e.g. one already migrated. */
      from?: Blob;
      /**
       * In memory: a PGlite someone else opened, lent for as long as the database is open
       * (the test suite lends each file one it emptied after the last; see
       * test/support/pglite-pool.ts). `close()` gives it back instead of closing it.
       */
      borrow?: () => Promise<BorrowedPGlite>;
    }
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
  /**
   * The statement needs no transaction around it: a read, or the one statement that is all
   * the work writes (a statement is atomic by itself). In a transaction that begins lazily
   * and has not begun, it runs without beginning one.
   */
  standalone?: boolean;
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
  transaction<T>(work: (tx: Transaction) => Promise<T>, options?: TransactionOptions): Promise<T>;
}

export interface TransactionOptions {
  durable?: boolean;
  /**
   * Begin only when a statement that is not `standalone` is sent
   * (PostgreSQL; PGlite always begins): work whose only write is one statement needs no
   * BEGIN and no COMMIT. Reads before the transaction begins see what was committed when
   * each ran, as they would in a READ COMMITTED transaction.
   */
  lazy?: boolean;
}

/** What runs inside `Sql.transaction`: statements, and bulk loads. */
export interface Transaction extends Pick<Sql, "query"> {
  /**
   * Appends rows to `table` with COPY … FROM STDIN in text format: `data` is one line per
   * row, fields in the order of `columns`, tab-separated, `\N` for NULL, backslash escapes
   * (see copyText in ../projection-helpers/table-writes.ts). Nothing to parse or plan and
   * no JSON to decode: several times cheaper per row than an INSERT of the same rows, for
   * loads of many. Plain inserts: a row whose key exists fails the statement (unique_violation).
   */
  copyFrom(table: string, columns: readonly string[], data: string): Promise<void>;
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
