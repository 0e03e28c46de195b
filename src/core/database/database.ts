/**
 * The database: one Prisma client over one of two homes with the same schema and SQL.
 * - embedded: PGlite (PostgreSQL compiled to WASM) persisted in a data directory, or in
 *   memory when no directory is given (tests);
 * - server: PostgreSQL through a `pg` pool.
 * Migrations are applied by `openDatabase` before it returns (see ./migrate.ts).
 * This module opens it (./pglite.ts, ./postgres.ts) and re-exports its contract
 * (./types.ts) and errors (./errors.ts).
 */
import { openPGlite } from "./pglite.js";
import { openPostgres } from "./postgres.js";
import type { Database, DatabaseOptions } from "./types.js";

export type { BorrowedPGlite, Database, DatabaseOptions, QueryOptions, Sql, Transaction, TransactionOptions } from "./types.js";
export { DatabaseError, isConnectionError, sqlState } from "./errors.js";

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.kind === "postgres"
    ? openPostgres(options.url, options.poolSize ?? 10, options.observeQueries ?? false, !options.replica)
    : openPGlite(options, options.observeQueries ?? false);
}
