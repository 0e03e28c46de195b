/**
 * ORDER_SUMMARY: one row per order with everything its page shows copied in — customer
 * name and email, lines with product names, item count, total, status and dates. It keeps
 * its own copy of customer and product names (from their events), so it never reads another
 * projection: a customer's email change rewrites that customer's rows, a product rename the
 * rows that list the product.
 */
import type { RecordedEvent } from "../../../core/events.js";
import { ChangeLog } from "../../../core/projection-helpers.js";
import type { Projection, ProjectionTx } from "../../../core/projection.js";
import type { PrismaClient } from "../../../generated/prisma/client.js";
import type { CustomerEvent } from "../../customers/customer.js";
import type { ProductEvent } from "../../catalog/product.js";
import { addLine, ORDER_EVENT_TYPES, totalCents, type OrderEvent, type OrderLine } from "../order.js";

export const ORDER_SUMMARY = "ORDER_SUMMARY";

export type OrderStatus = "CREATED" | "SHIPPED" | "CANCELLED";

type Event = OrderEvent | Extract<CustomerEvent, { type: "CustomerRegistered" | "CustomerEmailChanged" }> | Extract<ProductEvent, { type: "ProductAdded" | "ProductRenamed" }>;

export const orderSummaryProjection: Projection = {
  name: ORDER_SUMMARY,
  eventTypes: [...ORDER_EVENT_TYPES, "CustomerRegistered", "CustomerEmailChanged", "ProductAdded", "ProductRenamed"],

  async apply(events, tx) {
    const log = new ChangeLog();
    for (const event of events as readonly RecordedEvent<Event>[]) {
      switch (event.type) {
        case "CustomerRegistered":
          await tx.orderSummaryCustomer.create({ data: { id: event.streamId, name: event.data.name, email: event.data.email } });
          break;
        case "CustomerEmailChanged": {
          await tx.orderSummaryCustomer.update({ where: { id: event.streamId }, data: { email: event.data.email } });
          const rows = await tx.$queryRawUnsafe<{ id: string; version: number }[]>(
            `UPDATE order_summaries SET customer_email = $2, position = $3, updated_at = $4
             WHERE customer_id = $1 RETURNING id, version`,
            event.streamId,
            event.data.email,
            event.position,
            event.recordedAt,
          );
          for (const row of rows) log.add(row.id, row.version, event.position);
          break;
        }
        case "ProductAdded":
          await tx.orderSummaryProduct.create({ data: { id: event.streamId, name: event.data.name } });
          break;
        case "ProductRenamed": {
          await tx.orderSummaryProduct.update({ where: { id: event.streamId }, data: { name: event.data.name } });
          const rows = await tx.$queryRawUnsafe<{ id: string; version: number }[]>(
            `UPDATE order_summaries o
             SET items = renamed.items,
                 product_names = ARRAY(SELECT e ->> 'productName' FROM jsonb_array_elements(renamed.items) AS e),
                 position = $3, updated_at = $4
             FROM (
               SELECT s.id, jsonb_agg(
                        CASE WHEN e ->> 'productId' = $1 THEN jsonb_set(e, '{productName}', to_jsonb($2::text)) ELSE e END
                        ORDER BY ord) AS items
               FROM order_summaries s, jsonb_array_elements(s.items) WITH ORDINALITY AS t(e, ord)
               WHERE s.items @> jsonb_build_array(jsonb_build_object('productId', $1::text))
               GROUP BY s.id
             ) AS renamed
             WHERE o.id = renamed.id
             RETURNING o.id, o.version`,
            event.streamId,
            event.data.name,
            event.position,
            event.recordedAt,
          );
          for (const row of rows) log.add(row.id, row.version, event.position);
          break;
        }
        default:
          await applyOrderEvent(tx, event);
          log.add(event.streamId, event.version, event.position);
      }
    }
    return log.changes;
  },

  async reset(tx) {
    await tx.orderSummary.deleteMany();
    await tx.orderSummaryCustomer.deleteMany();
    await tx.orderSummaryProduct.deleteMany();
  },
};

async function applyOrderEvent(tx: ProjectionTx, event: RecordedEvent<OrderEvent>): Promise<void> {
  const id = event.streamId;
  const stamp = { version: event.version, position: event.position, updatedAt: event.recordedAt };
  if (event.type === "OrderCreated") {
    const customer = await tx.orderSummaryCustomer.findUnique({ where: { id: event.data.customerId } });
    if (!customer) throw new Error(`OrderCreated ${id} at ${event.position}: unknown customer ${event.data.customerId}`);
    const items = await withCurrentNames(tx, event.data.items);
    await tx.orderSummary.create({
      data: {
        id,
        customerId: event.data.customerId,
        customerName: customer.name,
        customerEmail: customer.email,
        ...lineFields(items),
        status: "CREATED",
        createdAt: event.recordedAt,
        ...stamp,
      },
    });
    return;
  }
  const row = await tx.orderSummary.findUnique({ where: { id } });
  if (!row) throw new Error(`${event.type} at ${event.position}: unknown order ${id}`);
  const items = row.items as unknown as OrderLine[];
  switch (event.type) {
    case "OrderItemAdded": {
      const { orderId: _, ...line } = event.data;
      const [named] = await withCurrentNames(tx, [line]);
      await tx.orderSummary.update({ where: { id }, data: { ...lineFields(addLine(items, named!)), ...stamp } });
      return;
    }
    case "OrderItemRemoved":
      await tx.orderSummary.update({
        where: { id },
        data: { ...lineFields(items.filter((item) => item.productId !== event.data.productId)), ...stamp },
      });
      return;
    case "OrderShipped":
      await tx.orderSummary.update({
        where: { id },
        data: {
          status: "SHIPPED",
          shippedAt: new Date(event.data.shippedAt),
          carrier: event.data.carrier,
          trackingNumber: event.data.trackingNumber,
          ...stamp,
        },
      });
      return;
    case "OrderCancelled":
      await tx.orderSummary.update({
        where: { id },
        data: { status: "CANCELLED", cancelledAt: new Date(event.data.cancelledAt), cancelReason: event.data.reason, ...stamp },
      });
      return;
  }
}

/** Lines with the product names as this projection knows them now (a rename may have come first). */
async function withCurrentNames(tx: ProjectionTx, items: readonly OrderLine[]): Promise<OrderLine[]> {
  const products = await tx.orderSummaryProduct.findMany({ where: { id: { in: items.map((item) => item.productId) } } });
  const names = new Map(products.map((product) => [product.id, product.name]));
  return items.map((item) => ({ ...item, productName: names.get(item.productId) ?? item.productName }));
}

function lineFields(items: readonly OrderLine[]) {
  return {
    items: items.map((item) => ({ ...item })),
    itemCount: items.reduce((sum, item) => sum + item.quantity, 0),
    productNames: items.map((item) => item.productName),
    totalCents: totalCents(items),
  };
}

export interface OrderSummaryRow {
  id: string;
  customerId: string;
  customerName: string;
  customerEmail: string;
  items: OrderLine[];
  itemCount: number;
  productNames: string[];
  totalCents: number;
  status: OrderStatus;
  carrier: string | null;
  trackingNumber: string | null;
  cancelReason: string | null;
  createdAt: Date;
  shippedAt: Date | null;
  cancelledAt: Date | null;
  updatedAt: Date;
  version: number;
  position: bigint;
}

export async function findOrderSummaries(db: PrismaClient, ids: readonly string[]): Promise<OrderSummaryRow[]> {
  const rows = await db.orderSummary.findMany({ where: { id: { in: [...ids] } } });
  return rows.map((row) => ({ ...row, items: row.items as unknown as OrderLine[], status: row.status as OrderStatus }));
}
