/**
 * SHIPPING_DASHBOARD: orders awaiting shipment (oldest first), order counts by status, and
 * orders shipped per UTC day.
 */
import { unreachable } from "../../../core/decider.js";
import { BatchRows, tableRows } from "../../../core/projection-helpers/batch-rows.js";
import { ChangeLog, continuedStreams } from "../../../core/projection-helpers/batch.js";
import { selectIn } from "../../../core/projection-helpers/table-reads.js";
import { upsertRows } from "../../../core/projection-helpers/table-writes.js";
import type { TableSpec } from "../../../core/projection-helpers/table-spec.js";
import { dayKey, utcDayKey } from "../../../core/projection-helpers/dates.js";
import { keysetPage, type KeysetPage, type KeysetRequest } from "../../../core/projection-helpers/keyset.js";
import { defineProjection } from "../../../core/projection.js";
import type { Sql } from "../../../core/database/database.js";
import type { PrismaClient } from "../../../generated/prisma/client.js";
import type { OrderEvent } from "../order.js";

export const SHIPPING_DASHBOARD = "SHIPPING_DASHBOARD";

/** The shipped-per-day days the dashboard shows: the most recent ones with shipments. */
export const SHIPPED_DAYS = 366;

type Event = Extract<OrderEvent, { type: "OrderCreated" | "OrderShipped" | "OrderCancelled" }>;

interface ShippingOrderRow {
  orderId: string;
  status: string;
  createdAt: Date;
  version: number;
  position: bigint;
}
interface CountRow {
  status: string;
  count: bigint;
}
interface DayRow {
  date: Date;
  count: bigint;
}

const ORDERS: TableSpec<ShippingOrderRow> = {
  table: "shipping_orders",
  key: ["orderId"],
  columns: {
    orderId: ["order_id", "text"],
    status: ["status", "text"],
    createdAt: ["created_at", "timestamptz"],
    version: ["version", "integer"],
    position: ["position", "bigint"],
  },
};
const COUNTS: TableSpec<CountRow> = {
  table: "shipping_status_counts",
  key: ["status"],
  columns: { status: ["status", "text"], count: ["count", "bigint"] },
};
const DAYS: TableSpec<DayRow> = {
  table: "shipping_shipped_per_day",
  key: ["date"],
  columns: { date: ["date", "date"], count: ["count", "bigint"] },
};

export const shippingDashboardProjection = defineProjection<Event>()({
  name: SHIPPING_DASHBOARD,
  eventTypes: ["OrderCreated", "OrderShipped", "OrderCancelled"],
  tables: ["shipping_orders", "shipping_status_counts", "shipping_shipped_per_day"],

  async apply(events, tx) {
    const log = new ChangeLog();
    const orders = tableRows<ShippingOrderRow>(tx, ORDERS, "orderId");
    const counts = new BatchRows<CountRow>(
      () => selectIn(tx, COUNTS),
      (row) => row.status,
      (rows) => upsertRows(tx, COUNTS, rows),
    );
    const days = tableRows<DayRow>(tx, DAYS, "date", (row) => utcDayKey(row.date));
    await orders.preload(continuedStreams(events, "OrderCreated"));
    await counts.preload(["CREATED", "SHIPPED", "CANCELLED"]);
    await days.preload(events.flatMap((event) => (event.type === "OrderShipped" ? [utcDayKey(event.data.shippedAt)] : [])));

    const bump = (status: string, by: bigint) => counts.set({ status, count: (counts.get(status)?.count ?? 0n) + by });
    for (const event of events) {
      const stamp = { version: event.version, position: event.position };
      switch (event.type) {
        case "OrderCreated":
          orders.create({ orderId: event.streamId, status: "CREATED", createdAt: event.recordedAt, ...stamp });
          bump("CREATED", 1n);
          break;
        case "OrderShipped": {
          orders.set({ ...orders.require(event.streamId, "OrderShipped"), status: "SHIPPED", ...stamp });
          bump("CREATED", -1n);
          bump("SHIPPED", 1n);
          const day = utcDayKey(event.data.shippedAt);
          days.set({ date: new Date(day), count: (days.get(day)?.count ?? 0n) + 1n });
          break;
        }
        case "OrderCancelled":
          orders.set({ ...orders.require(event.streamId, "OrderCancelled"), status: "CANCELLED", ...stamp });
          bump("CREATED", -1n);
          bump("CANCELLED", 1n);
          break;
        default:
          unreachable(event);
      }
      log.add(event.streamId, event.version, event.position);
    }
    await orders.flush();
    await counts.flush();
    await days.flush();
    return log.changes;
  },
});

/** A page of the orders awaiting shipment, oldest first. */
export function awaitingShipmentPage(
  sql: Sql,
  request: KeysetRequest,
  count = true,
): Promise<KeysetPage<{ orderId: string; createdAt: Date }>> {
  return keysetPage(
    sql,
    {
      select: `order_id AS "orderId", created_at AS "createdAt"`,
      from: "shipping_orders",
      where: ["status = 'CREATED'"],
      params: [],
      keys: [
        { expr: "created_at", type: "timestamptz" },
        { expr: "order_id", type: "text" },
      ],
      descending: false,
    },
    request,
    count,
  );
}

/** Order counts by status and orders shipped per day. */
export async function shippingDashboard(db: PrismaClient) {
  const [counts, days] = await Promise.all([
    db.shippingStatusCount.findMany({ orderBy: { status: "asc" } }),
    db.shippingDay.findMany({ orderBy: { date: "desc" }, take: SHIPPED_DAYS }),
  ]);
  return {
    countsByStatus: counts.map((row) => ({ status: row.status, count: Number(row.count) })),
    shippedPerDay: days.reverse().map((row) => ({ date: dayKey(row.date), count: Number(row.count) })),
  };
}
