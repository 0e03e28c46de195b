/**
 * Keyset pagination over a read model: a page after (or before) the sort key of a row,
 * never OFFSET, so page 500 costs what page 1 does. Forward and backward pages, whether
 * rows lie beyond each end of the page, and the count of every row the filter selects.
 */
import type { Sql } from "../database/database.js";
import { ValidationError } from "../errors.js";

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
 * PostgreSQL, concurrently) whether any row lies on the cursor's other side and, with
 * `count`, how many rows the filter selects (0 without: a count reads every match).
 */
export async function keysetPage<Row>(
  sql: Pick<Sql, "query">,
  keyset: Keyset,
  request: KeysetRequest,
  count = true,
): Promise<KeysetPage<Row>> {
  const { keys, descending } = keyset;
  const params = [...keyset.params];
  const where = keyset.where.length > 0 ? keyset.where.join(" AND ") : "true";
  const row = `(${keys.map((key) => key.expr).join(", ")})`;
  const cursor = request.cursor;
  let beyond = "false";
  let past = "true";
  if (cursor) {
    // Cursors are the client's to send back: one of another list's shape is its mistake.
    if (cursor.length !== keys.length) throw new ValidationError("this cursor is not one of this list's: start from its first page");
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
  const total = count ? `(SELECT count(*) FROM ${keyset.from} WHERE ${where})` : "0";
  const [rows, [summary]] = await Promise.all([
    sql.query<Row>(`SELECT ${keyset.select} FROM ${keyset.from} WHERE ${where} AND ${past} ORDER BY ${order} LIMIT ${limit}`, params),
    // Nothing to ask without a count or a cursor.
    count || cursor
      ? sql.query<{ total: string | number; beyond: boolean }>(`SELECT ${total} AS total, ${beyond} AS beyond`, params.slice(0, -1))
      : [{ total: 0, beyond: false }],
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

/** Keyset pages of many parents' lists at once (each account's ledger, each customer's accounts). */
export interface LateralKeyset extends Omit<Keyset, "where" | "params"> {
  /** The column that names a row's parent. */
  parent: string;
}

/**
 * A page of each parent's list, one statement per kind of page (its size and direction),
 * whatever the number of parents: a `LATERAL` join over the parents and their cursors, with
 * each parent's count and whether rows lie on its cursor's other side. What a page of
 * parents with a nested connection costs, through a DataLoader.
 */
export async function lateralPages<Row>(
  sql: Pick<Sql, "query">,
  keyset: LateralKeyset,
  requests: readonly { parent: string; request: KeysetRequest }[],
): Promise<KeysetPage<Row>[]> {
  const groups = new Map<string, number[]>();
  requests.forEach(({ request }, index) => {
    const group = `${request.size}:${request.backward}`;
    const members = groups.get(group);
    if (members) members.push(index);
    else groups.set(group, [index]);
  });
  const pages: KeysetPage<Row>[] = new Array(requests.length);
  await Promise.all(
    [...groups.values()].map(async (members) => {
      const { size, backward } = requests[members[0]!]!.request;
      const { keys, descending } = keyset;
      const row = `(${keys.map((key) => `r.${key.expr}`).join(", ")})`;
      const cursor = `(${keys.map((_, index) => `k.c${index}`).join(", ")})`;
      const later = descending !== backward ? "<" : ">";
      const earlier = later === "<" ? ">=" : "<=";
      const direction = descending !== backward ? "DESC" : "ASC";
      const params: unknown[] = [members.map((index) => requests[index]!.parent)];
      const columns = keys.map((key, position) => {
        params.push(members.map((index) => requests[index]!.request.cursor?.[position] ?? null));
        return `$${params.length}::${key.type}[]`;
      });
      params.push(size + 1);
      const order = keys.map((key) => `r.${key.expr} ${direction}`).join(", ");
      const found = await sql.query<
        Row & { slot: number | string; total: number | string; beyond: boolean; rank_: number | string | null }
      >(
        `SELECT k.slot, c.total, c.beyond, p.*
         FROM unnest($1::text[], ${columns.join(", ")}) WITH ORDINALITY AS k(parent, ${keys.map((_, index) => `c${index}`).join(", ")}, slot)
         CROSS JOIN LATERAL (
           SELECT count(*) AS total, coalesce(bool_or(k.c0 IS NOT NULL AND ${row} ${earlier} ${cursor}), false) AS beyond
           FROM ${keyset.from} r WHERE r.${keyset.parent} = k.parent
         ) c
         LEFT JOIN LATERAL (
           SELECT ${keyset.select}, row_number() OVER (ORDER BY ${order}) AS rank_ FROM ${keyset.from} r
           WHERE r.${keyset.parent} = k.parent AND (k.c0 IS NULL OR ${row} ${later} ${cursor})
           ORDER BY ${order} LIMIT $${params.length}
         ) p ON true
         ORDER BY k.slot, p.rank_`,
        params,
      );
      const bySlot = new Map<number, typeof found>();
      for (const entry of found) {
        const slot = bySlot.get(Number(entry.slot));
        if (slot) slot.push(entry);
        else bySlot.set(Number(entry.slot), [entry]);
      }
      members.forEach((index, position) => {
        const mine = bySlot.get(position + 1) ?? [];
        // A parent without rows comes back as one row of nulls (the LEFT JOIN): the page is empty.
        const rows = mine.filter((entry) => entry.rank_ !== null);
        const more = rows.length > size;
        const page = rows
          .slice(0, size)
          .map(({ slot: _slot, total: _total, beyond: _beyond, rank_: _rank, ...rest }) => rest as unknown as Row);
        if (backward) page.reverse();
        const beyond = mine[0]?.beyond ?? false;
        pages[index] = {
          rows: page,
          hasNextPage: backward ? beyond : more,
          hasPreviousPage: backward ? more : beyond,
          totalCount: Number(mine[0]?.total ?? 0),
        };
      });
    }),
  );
  return pages;
}
