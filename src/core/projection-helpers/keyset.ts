/**
 * Keyset pagination over a read model: a page after (or before) the sort key of a row,
 * never OFFSET, so page 500 costs what page 1 does. Forward and backward pages, whether
 * rows lie beyond each end of the page, and the count of every row the filter selects.
 */
import type { Sql } from "../database/database.js";

export interface Keyset {
  /** The select list, e.g. `order_id AS "orderId", created_at AS "createdAt"`. */
  select: string;
  /** The FROM clause (a table, or a join). */
  from: string;
  /** Filter conditions, ANDed; they name parameters `$1…` of `params`. */
  where: readonly string[];
  params: readonly unknown[];
  /**
   * The sort key, most significant first: SQL expressions, each with the type a cursor's
   * value is cast to, all in one direction, and unique together (end with the row's id).
   */
  keys: readonly { expr: string; type: string }[];
  /** The view lists rows by descending key (newest first), else ascending. */
  descending: boolean;
}

/** Which page: `size` rows after `cursor` (forward) or before it (backward); a cursor is a key's values. */
export interface KeysetRequest {
  size: number;
  backward: boolean;
  cursor: readonly unknown[] | null;
}

export interface KeysetPage<Row> {
  /** The page's rows, in the view's order. */
  rows: Row[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** Rows the filter selects, on every page. */
  totalCount: number;
}

/**
 * One page of `keyset`, its `size + 1`-th row telling whether more follow, and beside it (on
 * PostgreSQL, concurrently) the count and whether any row precedes the cursor.
 */
export async function keysetPage<Row>(sql: Pick<Sql, "query">, keyset: Keyset, request: KeysetRequest): Promise<KeysetPage<Row>> {
  const { keys, descending } = keyset;
  const params = [...keyset.params];
  const where = keyset.where.length > 0 ? keyset.where.join(" AND ") : "true";
  const row = `(${keys.map((key) => key.expr).join(", ")})`;
  const cursor = request.cursor;
  let beyond = "false";
  let past = "true";
  if (cursor) {
    if (cursor.length !== keys.length) throw new Error(`a cursor of ${cursor.length} values for a key of ${keys.length}`);
    const values = `(${keys.map((key, index) => `$${params.push(cursor[index]) && params.length}::${key.type}`).join(", ")})`;
    // Forward pages take the rows after the cursor in the view's order; backward pages, those before it.
    const later = descending !== request.backward ? "<" : ">";
    const earlier = later === "<" ? ">=" : "<=";
    past = `${row} ${later} ${values}`;
    beyond = `EXISTS (SELECT 1 FROM ${keyset.from} WHERE ${where} AND ${row} ${earlier} ${values})`;
  }
  const direction = descending !== request.backward ? "DESC" : "ASC";
  const order = keys.map((key) => `${key.expr} ${direction}`).join(", ");
  const limit = `$${params.push(request.size + 1)}`;
  const [rows, [summary]] = await Promise.all([
    sql.query<Row>(`SELECT ${keyset.select} FROM ${keyset.from} WHERE ${where} AND ${past} ORDER BY ${order} LIMIT ${limit}`, params),
    sql.query<{ total: string | number; beyond: boolean }>(
      `SELECT (SELECT count(*) FROM ${keyset.from} WHERE ${where}) AS total, ${beyond} AS beyond`,
      params.slice(0, -1),
    ),
  ]);
  const more = rows.length > request.size;
  const page = rows.slice(0, request.size);
  if (request.backward) page.reverse();
  return {
    rows: page,
    hasNextPage: request.backward ? summary!.beyond : more,
    hasPreviousPage: request.backward ? more : summary!.beyond,
    totalCount: Number(summary!.total),
  };
}
