/**
 * ORDER_ANALYTICS: per UTC day, orders created, shipped and cancelled, and the revenue and
 * items of the orders shipped that day; sales per product (shipped orders). It keeps its own
 * copy of each order's lines to count them when the order ships.
 */
import type { RecordedEvent } from "../../../core/events.js";
import { ChangeLog, utcDay } from "../../../core/projection-helpers.js";
import type { Projection, ProjectionTx } from "../../../core/projection.js";
import type { PrismaClient } from "../../../generated/prisma/client.js";
import type { ProductEvent } from "../../catalog/product.js";
import { addLine, ORDER_EVENT_TYPES, totalCents, type OrderEvent, type OrderLine } from "../order.js";

export const ORDER_ANALYTICS = "ORDER_ANALYTICS";

type Event = OrderEvent | Extract<ProductEvent, { type: "ProductRenamed" }>;
type DayCounter = "ordersCreated" | "ordersShipped" | "ordersCancelled";

export const orderAnalyticsProjection: Projection = {
  name: ORDER_ANALYTICS,
  eventTypes: [...ORDER_EVENT_TYPES, "ProductRenamed"],

  async apply(events, tx) {
    const log = new ChangeLog();
    for (const event of events as readonly RecordedEvent<Event>[]) {
      if (event.type === "ProductRenamed") {
        await tx.orderProductStats.updateMany({ where: { productId: event.streamId }, data: { productName: event.data.name } });
        continue;
      }
      await applyOrderEvent(tx, event);
      log.add(utcDay(event.recordedAt).toISOString().slice(0, 10), 0, event.position);
    }
    return log.changes;
  },

  async reset(tx) {
    await tx.orderDailyStats.deleteMany();
    await tx.orderProductStats.deleteMany();
    await tx.orderAnalyticsOrder.deleteMany();
  },
};

async function applyOrderEvent(tx: ProjectionTx, event: RecordedEvent<OrderEvent>): Promise<void> {
  const orderId = event.streamId;
  if (event.type === "OrderCreated") {
    await tx.orderAnalyticsOrder.create({ data: { orderId, items: event.data.items.map((item) => ({ ...item })) } });
    await bump(tx, event.recordedAt, "ordersCreated", 0n, 0);
    return;
  }
  const order = await tx.orderAnalyticsOrder.findUnique({ where: { orderId } });
  if (!order) throw new Error(`${event.type} at ${event.position}: unknown order ${orderId}`);
  const items = order.items as unknown as OrderLine[];
  switch (event.type) {
    case "OrderItemAdded": {
      const { orderId: _, ...line } = event.data;
      await tx.orderAnalyticsOrder.update({ where: { orderId }, data: { items: addLine(items, line).map((item) => ({ ...item })) } });
      return;
    }
    case "OrderItemRemoved":
      await tx.orderAnalyticsOrder.update({
        where: { orderId },
        data: { items: items.filter((item) => item.productId !== event.data.productId).map((item) => ({ ...item })) },
      });
      return;
    case "OrderShipped": {
      const units = items.reduce((sum, item) => sum + item.quantity, 0);
      await bump(tx, new Date(event.data.shippedAt), "ordersShipped", BigInt(totalCents(items)), units);
      for (const item of items) {
        const revenue = BigInt(item.quantity * item.unitPriceCents);
        await tx.orderProductStats.upsert({
          where: { productId: item.productId },
          create: { productId: item.productId, productName: item.productName, quantitySold: item.quantity, revenueCents: revenue },
          update: { quantitySold: { increment: item.quantity }, revenueCents: { increment: revenue } },
        });
      }
      return;
    }
    case "OrderCancelled":
      await bump(tx, new Date(event.data.cancelledAt), "ordersCancelled", 0n, 0);
      return;
  }
}

async function bump(tx: ProjectionTx, at: Date, counter: DayCounter, revenueCents: bigint, itemsSold: number): Promise<void> {
  const date = utcDay(at);
  const zero = { ordersCreated: 0, ordersShipped: 0, ordersCancelled: 0 };
  await tx.orderDailyStats.upsert({
    where: { date },
    create: { date, ...zero, [counter]: 1, revenueCents, itemsSold },
    update: { [counter]: { increment: 1 }, revenueCents: { increment: revenueCents }, itemsSold: { increment: itemsSold } },
  });
}

export function dailyOrderStats(db: PrismaClient, from: Date, to: Date) {
  return db.orderDailyStats.findMany({ where: { date: { gte: utcDay(from), lte: utcDay(to) } }, orderBy: { date: "asc" } });
}

export function topProducts(db: PrismaClient, first: number) {
  return db.orderProductStats.findMany({ orderBy: [{ quantitySold: "desc" }, { productId: "asc" }], take: first });
}
