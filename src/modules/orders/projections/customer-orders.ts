/**
 * CUSTOMER_ORDERS: each customer's orders, newest first, with the customer's order count
 * and lifetime total (orders not cancelled). The list's nodes are OrderSummary rows, loaded
 * by id through the request's DataLoader.
 */
import { unreachable } from "../../../core/decider.js";
import { tableRows } from "../../../core/projection-helpers/batch-rows.js";
import { ChangeLog, continuedStreams } from "../../../core/projection-helpers/batch.js";
import type { TableSpec } from "../../../core/projection-helpers/table-spec.js";
import { keysetPage, type KeysetPage, type KeysetRequest } from "../../../core/projection-helpers/keyset.js";
import { defineProjection } from "../../../core/projection.js";
import type { Sql } from "../../../core/database/database.js";
import { addLine, ORDER_EVENT_TYPES, totalCents, type OrderEvent, type OrderLine } from "../order.js";

export const CUSTOMER_ORDERS = "CUSTOMER_ORDERS";

interface CustomerOrderRow {
  customerId: string;
  orderId: string;
  createdAt: Date;
  status: string;
  totalCents: number;
  items: OrderLine[];
  version: number;
  position: bigint;
}

interface StatsRow {
  customerId: string;
  orderCount: bigint;
  lifetimeTotalCents: bigint;
  position: bigint;
}

const ORDERS: TableSpec<CustomerOrderRow> = {
  table: "customer_orders",
  key: ["orderId"],
  columns: {
    customerId: ["customer_id", "text"],
    orderId: ["order_id", "text"],
    createdAt: ["created_at", "timestamptz"],
    status: ["status", "text"],
    totalCents: ["total_cents", "integer"],
    items: ["items", "jsonb"],
    version: ["version", "integer"],
    position: ["position", "bigint"],
  },
};

const STATS: TableSpec<StatsRow> = {
  table: "customer_order_stats",
  key: ["customerId"],
  columns: {
    customerId: ["customer_id", "text"],
    orderCount: ["order_count", "bigint"],
    lifetimeTotalCents: ["lifetime_total_cents", "bigint"],
    position: ["position", "bigint"],
  },
};

/** What counts toward a customer's lifetime total: an order's total while it is not cancelled. */
const counted = (row: Pick<CustomerOrderRow, "status" | "totalCents">) => BigInt(row.status === "CANCELLED" ? 0 : row.totalCents);

export const customerOrdersProjection = defineProjection<OrderEvent>()({
  name: CUSTOMER_ORDERS,
  eventTypes: ORDER_EVENT_TYPES,
  tables: ["customer_orders", "customer_order_stats"],

  async apply(events, tx) {
    const log = new ChangeLog();
    const orders = tableRows<CustomerOrderRow>(tx, ORDERS, "orderId");
    const stats = tableRows<StatsRow>(tx, STATS, "customerId");
    await orders.preload(continuedStreams(events, "OrderCreated"));
    await stats.preload([
      ...events.flatMap((event) => (event.type === "OrderCreated" ? [event.data.customerId] : [])),
      ...[...orders.values()].map((row) => row.customerId),
    ]);

    for (const event of events) {
      const stamp = { version: event.version, position: event.position };
      let before: CustomerOrderRow | undefined;
      let after: CustomerOrderRow;
      if (event.type === "OrderCreated") {
        const items = event.data.items.map((item) => ({ ...item }));
        after = {
          customerId: event.data.customerId,
          orderId: event.streamId,
          createdAt: event.recordedAt,
          status: "CREATED",
          totalCents: totalCents(items),
          items,
          ...stamp,
        };
      } else {
        before = orders.require(event.streamId, `${event.type} at ${event.position}: order`);
        after = { ...before, ...stamp };
        switch (event.type) {
          case "OrderItemAdded": {
            const { orderId: _, ...line } = event.data;
            after.items = addLine(before.items, line);
            break;
          }
          case "OrderItemRemoved":
            after.items = before.items.filter((item) => item.productId !== event.data.productId);
            break;
          case "OrderShipped":
            after.status = "SHIPPED";
            break;
          case "OrderCancelled":
            after.status = "CANCELLED";
            break;
          default:
            unreachable(event);
        }
        after.totalCents = totalCents(after.items);
      }
      if (before) orders.set(after);
      else orders.create(after);
      const current = stats.get(after.customerId) ?? { customerId: after.customerId, orderCount: 0n, lifetimeTotalCents: 0n, position: 0n };
      stats.set({
        ...current,
        orderCount: current.orderCount + (before ? 0n : 1n),
        lifetimeTotalCents: current.lifetimeTotalCents + counted(after) - (before ? counted(before) : 0n),
        position: event.position,
      });
      // Rows of this view are per customer; their "version" is not one stream's.
      log.add(after.customerId, 0, event.position);
    }
    await orders.flush();
    await stats.flush();
    return log.changes;
  },
});

/** A page of a customer's orders, newest first. */
export function customerOrdersPage(
  sql: Sql,
  customerId: string,
  request: KeysetRequest,
  count = true,
): Promise<KeysetPage<{ orderId: string; createdAt: Date }>> {
  return keysetPage(
    sql,
    {
      select: `order_id AS "orderId", created_at AS "createdAt"`,
      from: "customer_orders",
      where: ["customer_id = $1"],
      params: [customerId],
      keys: [
        { expr: "created_at", type: "timestamptz" },
        { expr: "order_id", type: "text" },
      ],
      descending: true,
    },
    request,
    count,
  );
}

/** The sum of the totals of a customer's orders that are not cancelled. */
export async function lifetimeTotalCents(sql: Sql, customerId: string): Promise<bigint> {
  const [stats] = await sql.query<{ lifetimeTotalCents: string }>(
    `SELECT lifetime_total_cents AS "lifetimeTotalCents" FROM customer_order_stats WHERE customer_id = $1`,
    [customerId],
  );
  return BigInt(stats?.lifetimeTotalCents ?? 0);
}
