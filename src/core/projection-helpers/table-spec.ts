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

/**
 * Column types whose values come back from the table exactly as a row held them (see
 * KeptRows), each with the test a value of it passes as the driver gives it back.
 */
const KEPT_TYPES: Readonly<Record<string, (value: unknown) => boolean>> = {
  text: (value) => typeof value === "string",
  integer: (value) => typeof value === "number" && Number.isInteger(value),
  bigint: (value) => typeof value === "bigint",
  timestamptz: (value) => value instanceof Date,
  boolean: (value) => typeof value === "boolean",
};

/**
 * Whether a runner may keep rows of this spec between batches: one key field, and only
 * columns that read back as written (jsonb reorders keys, DATE drops the time, and so on).
 */
export function keepable<Row>(spec: TableSpec<Row>): boolean {
  return (
    spec.key.length === 1 && Object.values<readonly [string, string]>(spec.columns).every(([, type]) => Object.hasOwn(KEPT_TYPES, type))
  );
}

/** Whether every value of `row` is what the table gives back for its column (NULL aside). */
export function readsBack<Row extends object>(spec: TableSpec<Row>, row: Row): boolean {
  for (const field of Object.keys(spec.columns) as (keyof Row & string)[]) {
    const value = row[field];
    if (value === null) continue;
    const type = spec.columns[field][1];
    if (!Object.hasOwn(KEPT_TYPES, type) || !KEPT_TYPES[type]!(value)) return false;
  }
  return true;
}
