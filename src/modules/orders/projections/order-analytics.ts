/**
 * ORDER_ANALYTICS: per UTC day, orders created, shipped and cancelled, and the revenue and
 * items of the orders shipped that day; sales per product (shipped orders). It keeps its own
 * copy of each order's lines to count them when the order ships.
 */
import type { LoggedEvent } from "../../../core/events.js";
import { unreachable } from "../../../core/decider.js";
import { tableRows } from "../../../core/projection-helpers/batch-rows.js";
import { ChangeLog, continuedStreams } from "../../../core/projection-helpers/batch.js";
import type { TableSpec } from "../../../core/projection-helpers/table-spec.js";
import { utcDay, utcDayKey } from "../../../core/projection-helpers/dates.js";
import { defineProjection } from "../../../core/projection.js";
import type { PrismaClient } from "../../../generated/prisma/client.js";
import type { ProductEvent } from "../../catalog/product.js";
import { addLine, ORDER_EVENT_TYPES, totalCents, type OrderEvent, type OrderLine } from "../order.js";

export const ORDER_ANALYTICS = "ORDER_ANALYTICS";

type Event = OrderEvent | Extract<ProductEvent, { type: "ProductRenamed" }>;

interface AnalyticsOrderRow {
  orderId: string;
  items: OrderLine[];
}
/** Counters and sums grow with the log: 64-bit (2,150 big orders in a day overflow 32 bits). */
interface DayRow {
  date: Date;
  ordersCreated: bigint;
  ordersShipped: bigint;
  ordersCancelled: bigint;
  revenueCents: bigint;
  itemsSold: bigint;
}
interface ProductRow {
  productId: string;
  productName: string;
  quantitySold: bigint;
  revenueCents: bigint;
}

const ORDERS: TableSpec<AnalyticsOrderRow> = {
  table: "order_analytics_orders",
  key: ["orderId"],
  columns: { orderId: ["order_id", "text"], items: ["items", "jsonb"] },
};
const DAYS: TableSpec<DayRow> = {
  table: "order_daily_stats",
  key: ["date"],
  columns: {
    date: ["date", "date"],
    ordersCreated: ["orders_created", "bigint"],
    ordersShipped: ["orders_shipped", "bigint"],
    ordersCancelled: ["orders_cancelled", "bigint"],
    revenueCents: ["revenue_cents", "bigint"],
    itemsSold: ["items_sold", "bigint"],
  },
};
const PRODUCTS: TableSpec<ProductRow> = {
  table: "order_product_stats",
  key: ["productId"],
  columns: {
    productId: ["product_id", "text"],
    productName: ["product_name", "text"],
    quantitySold: ["quantity_sold", "bigint"],
    revenueCents: ["revenue_cents", "bigint"],
  },
};

/** The UTC day an order event counts on. */
function dayOf(event: LoggedEvent<OrderEvent>): string {
  switch (event.type) {
    case "OrderShipped":
      return utcDayKey(event.data.shippedAt);
    case "OrderCancelled":
      return utcDayKey(event.data.cancelledAt);
    default:
      return utcDayKey(event.recordedAt);
  }
}

export const orderAnalyticsProjection = defineProjection<Event>()({
  name: ORDER_ANALYTICS,
  eventTypes: [...ORDER_EVENT_TYPES, "ProductRenamed"],
  tables: ["order_daily_stats", "order_product_stats", "order_analytics_orders"],

  async apply(events, tx) {
    const log = new ChangeLog();
    const orders = tableRows<AnalyticsOrderRow>(tx, ORDERS, "orderId");
    const days = tableRows<DayRow>(tx, DAYS, "date", (row) => utcDayKey(row.date));
    const products = tableRows<ProductRow>(tx, PRODUCTS, "productId");
    const orderEvents = events.filter((event): event is LoggedEvent<OrderEvent> => event.type !== "ProductRenamed");
    await orders.preload(continuedStreams(orderEvents, "OrderCreated"));
    await days.preload(orderEvents.map(dayOf));
    await products.preload([
      ...events.flatMap((event) =>
        event.type === "ProductRenamed"
          ? [event.streamId]
          : event.type === "OrderCreated"
            ? event.data.items.map((item) => item.productId)
            : event.type === "OrderItemAdded"
              ? [event.data.productId]
              : [],
      ),
      ...[...orders.values()].flatMap((row) => row.items.map((item) => item.productId)),
    ]);

    const day = (event: LoggedEvent<OrderEvent>) => {
      const key = dayOf(event);
      return (
        days.get(key) ?? { date: new Date(key), ordersCreated: 0n, ordersShipped: 0n, ordersCancelled: 0n, revenueCents: 0n, itemsSold: 0n }
      );
    };
    for (const event of events) {
      const orderId = event.streamId;
      switch (event.type) {
        case "ProductRenamed": {
          const row = products.get(event.streamId);
          if (row) products.set({ ...row, productName: event.data.name });
          continue; // a product's row, not a day's
        }
        case "OrderCreated": {
          orders.create({ orderId, items: event.data.items.map((item) => ({ ...item })) });
          const today = day(event);
          days.set({ ...today, ordersCreated: today.ordersCreated + 1n });
          break;
        }
        case "OrderItemAdded": {
          const row = orders.require(orderId, "OrderItemAdded");
          const { orderId: _, ...line } = event.data;
          orders.set({ ...row, items: addLine(row.items, line) });
          break;
        }
        case "OrderItemRemoved": {
          const row = orders.require(orderId, "OrderItemRemoved");
          orders.set({ ...row, items: row.items.filter((item) => item.productId !== event.data.productId) });
          break;
        }
        case "OrderShipped": {
          const { items } = orders.require(orderId, "OrderShipped");
          const today = day(event);
          days.set({
            ...today,
            ordersShipped: today.ordersShipped + 1n,
            revenueCents: today.revenueCents + BigInt(totalCents(items)),
            itemsSold: today.itemsSold + BigInt(items.reduce((sum, item) => sum + item.quantity, 0)),
          });
          for (const item of items) {
            const sales = products.get(item.productId) ?? {
              productId: item.productId,
              productName: item.productName,
              quantitySold: 0n,
              revenueCents: 0n,
            };
            products.set({
              ...sales,
              quantitySold: sales.quantitySold + BigInt(item.quantity),
              revenueCents: sales.revenueCents + BigInt(item.quantity * item.unitPriceCents),
            });
          }
          break;
        }
        case "OrderCancelled": {
          const today = day(event);
          days.set({ ...today, ordersCancelled: today.ordersCancelled + 1n });
          break;
        }
        default:
          unreachable(event);
      }
      log.add(dayOf(event), 0, event.position);
    }
    await orders.flush();
    await days.flush();
    await products.flush();
    return log.changes;
  },
});

export function dailyOrderStats(db: PrismaClient, from: Date, to: Date) {
  return db.orderDailyStats.findMany({ where: { date: { gte: utcDay(from), lte: utcDay(to) } }, orderBy: { date: "asc" } });
}

export function topProducts(db: PrismaClient, first: number) {
  return db.orderProductStats.findMany({ orderBy: [{ quantitySold: "desc" }, { productId: "asc" }], take: first });
}
