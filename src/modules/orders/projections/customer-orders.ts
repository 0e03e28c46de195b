/**
 * CUSTOMER_ORDERS: each customer's orders, newest first, with the customer's order count
 * and lifetime total (orders not cancelled). The list's nodes are OrderSummary rows, loaded
 * by id through the request's DataLoader.
 */
import type { RecordedEvent } from "../../../core/events.js";
import { ChangeLog } from "../../../core/projection-helpers.js";
import type { Projection, ProjectionTx } from "../../../core/projection.js";
import type { PrismaClient } from "../../../generated/prisma/client.js";
import { addLine, ORDER_EVENT_TYPES, totalCents, type OrderEvent, type OrderLine } from "../order.js";

export const CUSTOMER_ORDERS = "CUSTOMER_ORDERS";

export const customerOrdersProjection: Projection = {
  name: CUSTOMER_ORDERS,
  eventTypes: ORDER_EVENT_TYPES,

  async apply(events, tx) {
    const log = new ChangeLog();
    for (const event of events as readonly RecordedEvent<OrderEvent>[]) {
      const customerId = await applyEvent(tx, event);
      log.add(customerId, 0, event.position);
    }
    // Rows of this view are per customer; their "version" is not a single stream's.
    return log.changes.map((change) => ({ ...change, version: 0 }));
  },

  async reset(tx) {
    await tx.customerOrder.deleteMany();
    await tx.customerOrderStats.deleteMany();
  },
};

/** Applies one event; returns the customer whose view changed. */
async function applyEvent(tx: ProjectionTx, event: RecordedEvent<OrderEvent>): Promise<string> {
  const orderId = event.streamId;
  const stamp = { version: event.version, position: event.position };
  if (event.type === "OrderCreated") {
    const total = totalCents(event.data.items);
    const { customerId } = event.data;
    await tx.customerOrder.create({
      data: { customerId, orderId, createdAt: event.recordedAt, status: "CREATED", totalCents: total, items: event.data.items.map((item) => ({ ...item })), ...stamp },
    });
    await tx.customerOrderStats.upsert({
      where: { customerId },
      create: { customerId, orderCount: 1, lifetimeTotalCents: BigInt(total), position: event.position },
      update: { orderCount: { increment: 1 }, lifetimeTotalCents: { increment: BigInt(total) }, position: event.position },
    });
    return customerId;
  }
  const row = await tx.customerOrder.findUnique({ where: { orderId } });
  if (!row) throw new Error(`${event.type} at ${event.position}: unknown order ${orderId}`);
  const items = row.items as unknown as OrderLine[];
  let next = items;
  let status = row.status;
  switch (event.type) {
    case "OrderItemAdded": {
      const { orderId: _, ...line } = event.data;
      next = addLine(items, line);
      break;
    }
    case "OrderItemRemoved":
      next = items.filter((item) => item.productId !== event.data.productId);
      break;
    case "OrderShipped":
      status = "SHIPPED";
      break;
    case "OrderCancelled":
      status = "CANCELLED";
      break;
  }
  const total = totalCents(next);
  await tx.customerOrder.update({
    where: { orderId },
    data: { status, totalCents: total, items: next.map((item) => ({ ...item })), ...stamp },
  });
  // What counts toward the lifetime total: the order's total while it is not cancelled.
  const counted = (s: string, cents: number) => (s === "CANCELLED" ? 0 : cents);
  const delta = counted(status, total) - counted(row.status, row.totalCents);
  await tx.customerOrderStats.update({
    where: { customerId: row.customerId },
    data: { lifetimeTotalCents: { increment: BigInt(delta) }, position: event.position },
  });
  return row.customerId;
}

export interface CustomerOrdersPage {
  orderIds: string[];
  /** Cursor of each id, in the same order. */
  cursors: { createdAt: Date; orderId: string }[];
  hasNextPage: boolean;
  totalCount: number;
  lifetimeTotalCents: bigint;
}

/** A page of a customer's orders, newest first, after the (createdAt, orderId) cursor. */
export async function customerOrdersPage(
  db: PrismaClient,
  customerId: string,
  first: number,
  after: { createdAt: Date; orderId: string } | null,
): Promise<CustomerOrdersPage> {
  const [rows, stats] = await Promise.all([
    db.customerOrder.findMany({
      where: {
        customerId,
        ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, orderId: { lt: after.orderId } }] } : {}),
      },
      orderBy: [{ createdAt: "desc" }, { orderId: "desc" }],
      take: first + 1,
      select: { orderId: true, createdAt: true },
    }),
    db.customerOrderStats.findUnique({ where: { customerId } }),
  ]);
  const page = rows.slice(0, first);
  return {
    orderIds: page.map((row) => row.orderId),
    cursors: page.map((row) => ({ createdAt: row.createdAt, orderId: row.orderId })),
    hasNextPage: rows.length > first,
    totalCount: stats?.orderCount ?? 0,
    lifetimeTotalCents: stats?.lifetimeTotalCents ?? 0n,
  };
}
