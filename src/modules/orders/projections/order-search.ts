/**
 * ORDER_SEARCH: every order, for staff's list (filtered by status, customer and creation
 * time) and full-text search over order ids, customer names and emails, and product names.
 * A row keeps the words it is found by; the `document` column (tsvector, GIN-indexed) is
 * generated from them by the database (see the migration `…_order_search`). Like
 * ORDER_SUMMARY it keeps its own copy of customer and product names, from their events: an
 * email change rewrites the customer's rows, a rename the rows that list the product.
 */
import { displayName, FORGOTTEN } from "../../customers/customer.js";
import type { Sql } from "../../../core/database/database.js";
import { unreachable } from "../../../core/decider.js";
import type { LoggedEvent } from "../../../core/events.js";
import { tableRows } from "../../../core/projection-helpers/batch-rows.js";
import { ChangeLog, continuedStreams } from "../../../core/projection-helpers/batch.js";
import { keysetPage, type Keyset, type KeysetPage, type KeysetRequest } from "../../../core/projection-helpers/keyset.js";
import type { TableSpec } from "../../../core/projection-helpers/table-spec.js";
import { defineProjection } from "../../../core/projection.js";
import { ORDER_EVENT_TYPES, type OrderEvent } from "../order.js";
import { lastNameChanges, NAME_EVENT_TYPES, nameCopies, nameTables, type NamedOrderEvent } from "./name-copies.js";
import { refuseUnindexed, textSearch } from "../../../core/projection-helpers/text-search.js";
import { ValidationError } from "../../../core/errors.js";

export const ORDER_SEARCH = "ORDER_SEARCH";

type Event = NamedOrderEvent;

export interface OrderSearchRow {
  orderId: string;
  customerId: string;
  status: string;
  createdAt: Date;
  customerName: string;
  customerEmail: string;
  /** The product name of each of the order's lines, by product id. */
  products: Record<string, string>;
  /** The same names in product id order, as one text (the document's C part). */
  productNames: string;
  version: number;
  position: bigint;
}

const ORDERS: TableSpec<OrderSearchRow> = {
  table: "order_search",
  key: ["orderId"],
  columns: {
    orderId: ["order_id", "text"],
    customerId: ["customer_id", "text"],
    status: ["status", "text"],
    createdAt: ["created_at", "timestamptz"],
    customerName: ["customer_name", "text"],
    customerEmail: ["customer_email", "text"],
    products: ["products", "jsonb"],
    productNames: ["product_names", "text"],
    version: ["version", "integer"],
    position: ["position", "bigint"],
  },
};

export const orderSearchProjection = defineProjection<Event>()({
  name: ORDER_SEARCH,
  eventTypes: [...ORDER_EVENT_TYPES, ...NAME_EVENT_TYPES],
  tables: ["order_search", ...nameTables("order_search")],

  async apply(events, tx) {
    const log = new ChangeLog();
    const orders = tableRows<OrderSearchRow>(tx, ORDERS, "orderId");
    await orders.preload(
      continuedStreams(
        events.filter((event) => event.streamType === "Order"),
        "OrderCreated",
      ),
    );
    const { customers, products } = await nameCopies(tx, "order_search", events);
    const isLast = lastNameChanges(events);

    /** A change to the orders of a customer or of a product, by one statement (BatchRows.rewrite). */
    const rewrite = async (
      event: LoggedEvent<Event>,
      statement: string,
      value: string,
      touches: (row: OrderSearchRow) => boolean,
      patch: (row: OrderSearchRow) => Partial<OrderSearchRow>,
    ) => {
      const rows = await orders.rewrite(
        () => tx.query<{ id: string; version: number }>(statement, [event.streamId, value, event.position]),
        touches,
        (row) => ({ ...row, ...patch(row), position: event.position }),
      );
      for (const row of rows) log.add(row.id, row.version, event.position);
    };
    const productName = (productId: string, named: string) => products.get(productId)?.name ?? named;

    for (const event of events) {
      const stamp = { version: event.version, position: event.position };
      switch (event.type) {
        case "CustomerRegistered":
          customers.create({ id: event.streamId, name: displayName(event.data), email: event.data.email });
          break;
        case "CustomerForgotten":
          customers.set({ id: event.streamId, name: FORGOTTEN, email: FORGOTTEN });
          await rewrite(
            event,
            `UPDATE order_search SET customer_name = $2, customer_email = $2, position = $3
             WHERE customer_id = $1 RETURNING order_id AS id, version`,
            FORGOTTEN,
            (row) => row.customerId === event.streamId,
            () => ({ customerName: FORGOTTEN, customerEmail: FORGOTTEN }),
          );
          break;
        case "CustomerEmailChanged": {
          customers.set({ ...customers.require(event.streamId, "CustomerEmailChanged"), email: event.data.email });
          if (!isLast(event)) break;
          await rewrite(
            event,
            `UPDATE order_search SET customer_email = $2, position = $3 WHERE customer_id = $1 RETURNING order_id AS id, version`,
            event.data.email,
            (row) => row.customerId === event.streamId,
            () => ({ customerEmail: event.data.email }),
          );
          break;
        }
        case "ProductAdded":
          products.create({ id: event.streamId, name: event.data.name });
          break;
        case "ProductRenamed": {
          products.set({ id: event.streamId, name: event.data.name });
          if (!isLast(event)) break;
          await rewrite(
            event,
            `UPDATE order_search o SET products = renamed.products, product_names = renamed.names, position = $3
             FROM (
               SELECT s.order_id, s.products || jsonb_build_object($1::text, $2::text) AS products,
                      (SELECT string_agg(CASE WHEN key = $1 THEN $2 ELSE value END, ' ' ORDER BY key COLLATE "C")
                       FROM jsonb_each_text(s.products)) AS names
               FROM order_search s WHERE s.products ? $1
             ) AS renamed
             WHERE o.order_id = renamed.order_id
             RETURNING o.order_id AS id, o.version`,
            event.data.name,
            (row) => event.streamId in row.products,
            (row) => named({ ...row.products, [event.streamId]: event.data.name }),
          );
          break;
        }
        case "OrderCreated": {
          const customer = customers.require(event.data.customerId, `OrderCreated ${event.streamId} at ${event.position}: customer`);
          orders.create({
            orderId: event.streamId,
            customerId: event.data.customerId,
            status: "CREATED",
            createdAt: event.recordedAt,
            customerName: customer.name,
            customerEmail: customer.email,
            ...named(Object.fromEntries(event.data.items.map((item) => [item.productId, productName(item.productId, item.productName)]))),
            ...stamp,
          });
          log.add(event.streamId, event.version, event.position);
          break;
        }
        case "OrderItemAdded":
        case "OrderItemRemoved":
        case "OrderShipped":
        case "OrderCancelled": {
          const row = orders.require(event.streamId, `${event.type} at ${event.position}: order`);
          orders.set({ ...row, ...orderChange(row, event, productName), ...stamp });
          log.add(event.streamId, event.version, event.position);
          break;
        }
        default:
          unreachable(event);
      }
    }
    await orders.flush();
    await customers.flush();
    await products.flush();
    return log.changes;
  },
});

function orderChange(
  row: OrderSearchRow,
  event: LoggedEvent<Exclude<OrderEvent, { type: "OrderCreated" }>>,
  productName: (productId: string, named: string) => string,
): Partial<OrderSearchRow> {
  switch (event.type) {
    case "OrderItemAdded":
      return named({ ...row.products, [event.data.productId]: productName(event.data.productId, event.data.productName) });
    case "OrderItemRemoved": {
      const { [event.data.productId]: _, ...products } = row.products;
      return named(products);
    }
    case "OrderShipped":
      return { status: "SHIPPED" };
    case "OrderCancelled":
      return { status: "CANCELLED" };
    default:
      return unreachable(event);
  }
}

/** A row's products and their names as one text, in product id order (as the rename statement orders them). */
function named(products: Record<string, string>): Pick<OrderSearchRow, "products" | "productNames"> {
  const ids = Object.keys(products).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { products, productNames: ids.map((id) => products[id]).join(" ") };
}

/** What a list of orders is narrowed to; every field is optional. */
export interface OrderListFilter {
  status?: string | null;
  customerId?: string | null;
  /** Created at or after. */
  createdFrom?: Date | null;
  /** Created before. */
  createdTo?: Date | null;
  /** Full-text search (websearch syntax; the last word also matches as a prefix). */
  search?: string | null;
}

/** The key of a row in the list: newest first, or best match first when searching. */
export interface OrderListKey {
  orderId: string;
  createdAt: Date;
  /** The match's rank, as PostgreSQL prints the real (only when searching). */
  rank?: string;
}

/**
 * A search that matches more orders than this lists them newest first, not best first.
 * Ranking reads every match before the first page (a common word or a short prefix matches
 * tens of thousands of orders, that differ little in rank), while newest first walks the
 * creation index and stops at the page's end.
 */
export const MOST_RANKED = 200;

/**
 * A page after a best-match cursor stays in best-match order while at most this many orders
 * match (the search may have grown since the first page); past it, the cursor is refused.
 * Cursors are not signed, so without this bound a forged best-match cursor of a common word
 * had PostgreSQL rank every order (700 ms on 50,000).
 */
export const MOST_RANKED_BY_CURSOR = 5 * MOST_RANKED;

/**
 * A page of orders, newest first, narrowed by `filter`. With a search: best match first
 * (then newest) when at most MOST_RANKED orders match, else newest first; `ranked` says
 * which, and a page after a cursor keeps its order (pass `ranked` as the cursor had it). A
 * search without a word matches nothing.
 */
export function orderListPage(...args: Parameters<typeof listPage>): ReturnType<typeof listPage> {
  return refuseUnindexed(() => listPage(...args));
}

async function listPage(
  sql: Sql,
  filter: OrderListFilter,
  request: KeysetRequest,
  options: {
    /** Count every row the filter selects (totalCount). */
    count?: boolean;
    /** The order of the page a cursor came from; unset, the search decides. */
    ranked?: boolean;
    mostRanked?: number;
    mostRankedByCursor?: number;
  } = {},
): Promise<KeysetPage<OrderListKey> & { ranked: boolean }> {
  const { count = true, mostRanked = MOST_RANKED, mostRankedByCursor = MOST_RANKED_BY_CURSOR } = options;
  let { ranked } = options;
  const params: unknown[] = [];
  const where: string[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  if (filter.status != null) where.push(`status = ${param(filter.status)}`);
  if (filter.customerId != null) where.push(`customer_id = ${param(filter.customerId)}`);
  if (filter.createdFrom != null) where.push(`created_at >= ${param(filter.createdFrom)}::timestamptz`);
  if (filter.createdTo != null) where.push(`created_at < ${param(filter.createdTo)}::timestamptz`);
  const search = filter.search == null ? null : textSearch(filter.search, { ids: true });
  if (search === "nothing") where.push("false");
  const newest: Keyset["keys"] = [
    { expr: "created_at", type: "timestamptz" },
    { expr: "order_id", type: "text" },
  ];
  const from = "order_search";
  let rank = "";
  if (search !== null && search !== "nothing") {
    const query = search.query(param);
    where.push(`document @@ ${query}`);
    rank = `ts_rank(document, ${query})`;
    // The first page forward, as a search box asks for it: which order, and the page, in one statement.
    if (ranked === undefined && request.cursor === null && !request.backward) {
      return firstSearchPage(sql, { where, params, rank, size: request.size, count, most: mostRanked });
    }
    if (ranked === undefined) ranked = await fewMatches(sql, from, where, params, mostRanked);
    else if (ranked && !(await fewMatches(sql, from, where, params, mostRankedByCursor))) {
      throw new ValidationError(
        `this search now matches more than ${mostRankedByCursor.toLocaleString("en")} orders, too many to page in best-match order: start again from its first page`,
        { field: request.backward ? "before" : "after" },
      );
    }
  } else {
    ranked = false;
  }
  const keyset: Keyset = ranked
    ? {
        select: `order_id AS "orderId", created_at AS "createdAt", ${rank}::text AS rank`,
        from,
        where,
        params,
        keys: [{ expr: rank, type: "real" }, ...newest],
        descending: true,
      }
    : { select: `order_id AS "orderId", created_at AS "createdAt"`, from, where, params, keys: newest, descending: true };
  return { ...(await keysetPage<OrderListKey>(sql, keyset, request, count)), ranked };
}

/**
 * The first page of a search, forward: the newest `most + 1` matches (the planner walks the
 * creation index while matches are common, and reads the few from the text index when they
 * are rare); ranked when they are all the matches, else the newest of them.
 */
async function firstSearchPage(
  sql: Sql,
  search: { where: readonly string[]; params: readonly unknown[]; rank: string; size: number; count: boolean; most: number },
): Promise<KeysetPage<OrderListKey> & { ranked: boolean }> {
  const { where, rank, size, most } = search;
  const params = [...search.params, most + 1, most, size + 1];
  const [limit, few, pageLimit] = [params.length - 2, params.length - 1, params.length].map((index) => `$${index}`);
  const [rows, counted] = await Promise.all([
    sql.query<OrderListKey & { ranked: boolean }>(
      `WITH newest AS MATERIALIZED (
         SELECT order_id, created_at, document FROM order_search WHERE ${where.join(" AND ")}
         ORDER BY created_at DESC, order_id DESC LIMIT ${limit}
       )
       SELECT order_id AS "orderId", created_at AS "createdAt", score::text AS rank, ranked FROM (
         SELECT order_id, created_at, CASE WHEN m.ranked THEN ${rank} END AS score, m.ranked
         FROM newest, (SELECT NOT EXISTS (SELECT 1 FROM newest OFFSET ${few}) AS ranked) m
       ) page
       ORDER BY score DESC NULLS LAST, created_at DESC, order_id DESC LIMIT ${pageLimit}`,
      params,
    ),
    search.count
      ? sql.query<{ total: string | number }>(`SELECT count(*) AS total FROM order_search WHERE ${where.join(" AND ")}`, search.params)
      : [{ total: 0 }],
  ]);
  const ranked = rows[0]?.ranked ?? true;
  return {
    rows: rows.slice(0, size).map(({ ranked: _, rank, ...row }) => (ranked ? { ...row, rank: rank! } : row)),
    hasNextPage: rows.length > size,
    hasPreviousPage: false,
    totalCount: Number(counted[0]!.total),
    ranked,
  };
}

/**
 * Whether at most `most` orders match: whether there is a match after the newest `most` (the
 * planner walks the creation index while matches are common, and reads the few from the
 * text index when they are rare).
 */
async function fewMatches(sql: Sql, from: string, where: readonly string[], params: readonly unknown[], most: number): Promise<boolean> {
  const [row] = await sql.query<{ more: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM ${from} WHERE ${where.join(" AND ")}
       ORDER BY created_at DESC, order_id DESC OFFSET $${params.length + 1} LIMIT 1) AS more`,
    [...params, most],
  );
  return !row!.more;
}
