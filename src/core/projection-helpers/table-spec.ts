/** How a projection's rows map to a table, the description the read and write statements are built from. */
import type { QueryOptions } from "../database/database.js";

/**
 * The statements built from table specs (./table-writes.ts, ./table-reads.ts) run with every
 * batch and every read of a view: prepared once per connection.
 */
export const PREPARED: QueryOptions = { prepare: true };

/** A prepared statement that only reads: it needs no transaction begun (see TransactionOptions.lazy). */
export const PREPARED_READ: QueryOptions = { prepare: true, standalone: true };

/** How a row's fields map to a table's columns: field → [column, SQL type]. */
export type TableSpec<Row> = {
  table: string;
  /** Fields of the primary key (or of a unique constraint to upsert on). */
  key: readonly (keyof Row & string)[];
  columns: { readonly [F in keyof Row & string]: readonly [column: string, type: string] };
};

/** Column types whose values come back from the table exactly as a row held them (see KeptRows). */
const KEPT_TYPES = new Set(["text", "integer", "bigint", "timestamptz", "boolean"]);

/**
 * Whether a runner may keep rows of this spec between batches: one key field, and only
 * columns that read back as written (jsonb reorders keys, DATE drops the time, and so on).
 */
export function keepable<Row>(spec: TableSpec<Row>): boolean {
  return spec.key.length === 1 && Object.values<readonly [string, string]>(spec.columns).every(([, type]) => KEPT_TYPES.has(type));
}
