/**
 * SHIPPING_DASHBOARD: orders awaiting shipment (oldest first), order counts by status, and
 * orders shipped per UTC day.
 */
import type { RecordedEvent } from "../../../core/events.js";
import { ChangeLog, utcDay } from "../../../core/projection-helpers.js";
import type { Projection, ProjectionTx } from "../../../core/projection.js";
import type { PrismaClient } from "../../../generated/prisma/client.js";
import type { OrderEvent } from "../order.js";

export const SHIPPING_DASHBOARD = "SHIPPING_DASHBOARD";

type Event = Extract<OrderEvent, { type: "OrderCreated" | "OrderShipped" | "OrderCancelled" }>;

export const shippingDashboardProjection: Projection = {
  name: SHIPPING_DASHBOARD,
  eventTypes: ["OrderCreated", "OrderShipped", "OrderCancelled"],

  async apply(events, tx) {
    const log = new ChangeLog();
    for (const event of events as readonly RecordedEvent<Event>[]) {
      const orderId = event.streamId;
      const stamp = { version: event.version, position: event.position };
      switch (event.type) {
        case "OrderCreated":
          await tx.shippingOrder.create({ data: { orderId, status: "CREATED", createdAt: event.recordedAt, ...stamp } });
          await count(tx, "CREATED", 1);
          break;
        case "OrderShipped": {
          await tx.shippingOrder.update({ where: { orderId }, data: { status: "SHIPPED", ...stamp } });
          await count(tx, "CREATED", -1);
          await count(tx, "SHIPPED", 1);
          const date = utcDay(event.data.shippedAt);
          await tx.shippingDay.upsert({ where: { date }, create: { date, count: 1 }, update: { count: { increment: 1 } } });
          break;
        }
        case "OrderCancelled":
          await tx.shippingOrder.update({ where: { orderId }, data: { status: "CANCELLED", ...stamp } });
          await count(tx, "CREATED", -1);
          await count(tx, "CANCELLED", 1);
          break;
      }
      log.add(orderId, event.version, event.position);
    }
    return log.changes;
  },

  async reset(tx) {
    await tx.shippingOrder.deleteMany();
    await tx.shippingStatusCount.deleteMany();
    await tx.shippingDay.deleteMany();
  },
};

async function count(tx: ProjectionTx, status: string, by: number): Promise<void> {
  await tx.shippingStatusCount.upsert({ where: { status }, create: { status, count: by }, update: { count: { increment: by } } });
}

export async function shippingDashboard(db: PrismaClient, awaitingFirst: number) {
  const [awaiting, counts, days] = await Promise.all([
    db.shippingOrder.findMany({
      where: { status: "CREATED" },
      orderBy: [{ createdAt: "asc" }, { orderId: "asc" }],
      take: awaitingFirst,
      select: { orderId: true },
    }),
    db.shippingStatusCount.findMany({ orderBy: { status: "asc" } }),
    db.shippingDay.findMany({ orderBy: { date: "asc" } }),
  ]);
  return {
    awaitingShipmentIds: awaiting.map((row) => row.orderId),
    countsByStatus: counts.map((row) => ({ status: row.status, count: row.count })),
    shippedPerDay: days.map((row) => ({ date: row.date.toISOString().slice(0, 10), count: row.count })),
  };
}
