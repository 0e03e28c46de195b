/** An order read straight from the write side (its event stream), for `consistent: true`. */
import type { EventStore } from "../../core/event-store.js";
import type { PrismaClient } from "../../generated/prisma/client.js";
import { loadProducts } from "../catalog/product-table.js";
import { displayName, FORGOTTEN } from "../customers/customer.js";
import { loadCustomer } from "../customers/email-registry.js";
import { evolve, orderDecider, ORDER_STREAM, totalCents, type OrderEvent, type OrderState } from "./order.js";
import type { OrderSummaryRow } from "./projections/order-summary.js";

export async function orderFromStream(store: EventStore, db: PrismaClient, orderId: string): Promise<OrderSummaryRow | null> {
  const events = await store.readStream<OrderEvent>(orderId);
  if (events.length === 0 || events[0]!.streamType !== ORDER_STREAM) return null;
  const state: OrderState = events.reduce(evolve, orderDecider.initialState);
  if (state.status === "none") return null;
  const [customer, products] = await Promise.all([
    loadCustomer(store, state.customerId),
    loadProducts(
      db,
      state.items.map((item) => item.productId),
    ),
  ]);
  const items = state.items.map((item) => ({ ...item, productName: products.get(item.productId)?.name ?? item.productName }));
  const shipped = events.find((event) => event.type === "OrderShipped");
  const cancelled = events.find((event) => event.type === "OrderCancelled");
  const last = events.at(-1)!;
  return {
    id: orderId,
    customerId: state.customerId,
    customerName: customer?.status === "registered" ? displayName(customer) : customer ? FORGOTTEN : "",
    customerEmail: customer?.status === "registered" ? customer.email : customer ? FORGOTTEN : "",
    items,
    itemCount: items.reduce((sum, item) => sum + item.quantity, 0),
    productNames: items.map((item) => item.productName),
    totalCents: totalCents(items),
    status: state.status === "open" ? "CREATED" : state.status === "shipped" ? "SHIPPED" : "CANCELLED",
    carrier: shipped?.type === "OrderShipped" ? shipped.data.carrier : null,
    trackingNumber: shipped?.type === "OrderShipped" ? shipped.data.trackingNumber : null,
    cancelReason: cancelled?.type === "OrderCancelled" ? cancelled.data.reason : null,
    createdAt: events[0]!.recordedAt,
    shippedAt: shipped?.type === "OrderShipped" ? new Date(shipped.data.shippedAt) : null,
    cancelledAt: cancelled?.type === "OrderCancelled" ? new Date(cancelled.data.cancelledAt) : null,
    updatedAt: last.recordedAt,
    version: last.version,
    position: last.position,
  };
}
