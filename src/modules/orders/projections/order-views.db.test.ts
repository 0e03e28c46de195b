/**
 * The order-domain read models, given events in the log, then these rows — on the real
 * database, through the projector (small batches, so a story spans several of them).
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { projectionSpec } from "../../../../test/support/projection-spec.js";
import { productCatalogProjection } from "../../catalog/projections/product-catalog.js";
import { customerProfileProjection } from "../../customers/projections/customer-profile.js";
import type { CustomerEvent } from "../../customers/customer.js";
import type { ProductEvent } from "../../catalog/product.js";
import type { OrderEvent } from "../order.js";
import { customerOrdersPage, customerOrdersProjection } from "./customer-orders.js";
import { dailyOrderStats, orderAnalyticsProjection, topProducts } from "./order-analytics.js";
import { findOrderSummaries, orderSummaryProjection } from "./order-summary.js";
import { shippingDashboard, shippingDashboardProjection } from "./shipping-dashboard.js";

const { database, given, projected } = projectionSpec(
  [
    orderSummaryProjection,
    customerOrdersProjection,
    shippingDashboardProjection,
    orderAnalyticsProjection,
    customerProfileProjection,
    productCatalogProjection,
  ],
  { batchSize: 3 },
);

const customer = (id: string, name: string, email: string): CustomerEvent => ({
  type: "CustomerRegistered",
  data: {
    customerId: id,
    name,
    email,
    phone: "+1 555 0100",
    address: { line1: "1 Main St", line2: null, city: "Springfield", postalCode: "12345", country: "US" },
  },
});
const product = (id: string, name: string, priceCents: number): ProductEvent => ({
  type: "ProductAdded",
  data: { productId: id, sku: `SKU-${id.slice(0, 8)}`, name, priceCents },
});
const line = (productId: string, productName: string, quantity: number, unitPriceCents: number) => ({
  productId,
  productName,
  quantity,
  unitPriceCents,
});

describe("order views", () => {
  const ada = randomUUID();
  const mug = randomUUID();
  const tea = randomUUID();
  const first = randomUUID();
  const second = randomUUID();
  const third = randomUUID();
  const shippedAt = "2026-05-06T10:00:00.000Z";
  const cancelledAt = "2026-05-07T11:00:00.000Z";
  let last = 0n;

  beforeAll(async () => {
    await given("Customer", ada, customer(ada, "Ada Lovelace", "ada@example.com"));
    await given("Product", mug, product(mug, "Mug", 1200));
    await given("Product", tea, product(tea, "Tea", 450));
    await given("Order", first, {
      type: "OrderCreated",
      data: { orderId: first, customerId: ada, items: [line(mug, "Mug", 2, 1200)] },
    } satisfies OrderEvent);
    await given(
      "Order",
      first,
      { type: "OrderItemAdded", data: { orderId: first, ...line(tea, "Tea", 3, 450) } } satisfies OrderEvent,
      { type: "OrderItemAdded", data: { orderId: first, ...line(mug, "Mug", 1, 1200) } } satisfies OrderEvent,
    );
    await given("Order", first, {
      type: "OrderShipped",
      data: { orderId: first, carrier: "DHL", trackingNumber: "T1", shippedAt },
    } satisfies OrderEvent);
    await given("Order", second, {
      type: "OrderCreated",
      data: { orderId: second, customerId: ada, items: [line(tea, "Tea", 1, 450)] },
    } satisfies OrderEvent);
    await given("Order", second, { type: "OrderCancelled", data: { orderId: second, reason: "no", cancelledAt } } satisfies OrderEvent);
    await given("Order", third, {
      type: "OrderCreated",
      data: { orderId: third, customerId: ada, items: [line(mug, "Mug", 1, 1000), line(tea, "Tea", 2, 450)] },
    } satisfies OrderEvent);
    await given("Order", third, { type: "OrderItemRemoved", data: { orderId: third, productId: mug } } satisfies OrderEvent);
    await given("Customer", ada, {
      type: "CustomerEmailChanged",
      data: { customerId: ada, email: "ada@lovelace.dev", previousEmail: "ada@example.com" },
    } satisfies CustomerEvent);
    await given("Product", tea, {
      type: "ProductRenamed",
      data: { productId: tea, name: "Earl Grey", previousName: "Tea" },
    } satisfies ProductEvent);
    last = await projected();
  });

  it("ORDER_SUMMARY: one row per order with copied-in customer, current product names, totals and status", async () => {
    const rows = await findOrderSummaries(database.db.sql, [first, second, third]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(first)).toMatchObject({
      customerName: "Ada Lovelace",
      customerEmail: "ada@lovelace.dev",
      items: [line(mug, "Mug", 3, 1200), line(tea, "Earl Grey", 3, 450)],
      itemCount: 6,
      productNames: ["Mug", "Earl Grey"],
      totalCents: 4950,
      status: "SHIPPED",
      carrier: "DHL",
      shippedAt: new Date(shippedAt),
      version: 4,
    });
    expect(byId.get(second)).toMatchObject({
      status: "CANCELLED",
      cancelReason: "no",
      cancelledAt: new Date(cancelledAt),
      totalCents: 450,
      version: 2,
    });
    expect(byId.get(third)).toMatchObject({
      items: [line(tea, "Earl Grey", 2, 450)],
      itemCount: 2,
      totalCents: 900,
      status: "CREATED",
      version: 2,
    });
    // The email change and the rename touched rows of other streams: their position moved, their version did not.
    expect(byId.get(third)!.position).toBe(last);
  });

  it("CUSTOMER_ORDERS: newest first, count, and lifetime total without cancelled orders", async () => {
    const page = await customerOrdersPage(database.db.sql, ada, 10, null);
    expect(page.orderIds).toEqual([third, second, first]);
    expect(page.totalCount).toBe(3);
    expect(page.lifetimeTotalCents).toBe(4950n + 900n);
    const next = await customerOrdersPage(database.db.sql, ada, 1, page.cursors[0]!);
    expect(next).toMatchObject({ orderIds: [second], hasNextPage: true });
  });

  it("SHIPPING_DASHBOARD: awaiting shipment, counts by status, shipped per day", async () => {
    const dashboard = await shippingDashboard(database.db.prisma, 10);
    expect(dashboard.awaitingShipmentIds).toEqual([third]);
    expect(dashboard.countsByStatus).toEqual([
      { status: "CANCELLED", count: 1 },
      { status: "CREATED", count: 1 },
      { status: "SHIPPED", count: 1 },
    ]);
    expect(dashboard.shippedPerDay).toEqual([{ date: "2026-05-06", count: 1 }]);
  });

  it("ORDER_ANALYTICS: per day and per product, revenue from shipped orders", async () => {
    const days = await dailyOrderStats(database.db.prisma, new Date("2026-05-06"), new Date("2026-05-07"));
    expect(days.map((day) => ({ ...day, date: day.date.toISOString().slice(0, 10) }))).toEqual([
      { date: "2026-05-06", ordersCreated: 0n, ordersShipped: 1n, ordersCancelled: 0n, revenueCents: 4950n, itemsSold: 6n },
      { date: "2026-05-07", ordersCreated: 0n, ordersShipped: 0n, ordersCancelled: 1n, revenueCents: 0n, itemsSold: 0n },
    ]);
    const today = await dailyOrderStats(database.db.prisma, new Date(), new Date());
    expect(today[0]).toMatchObject({ ordersCreated: 3n });
    expect(await topProducts(database.db.prisma, 10)).toEqual(
      [
        { productId: mug, productName: "Mug", quantitySold: 3n, revenueCents: 3600n },
        { productId: tea, productName: "Earl Grey", quantitySold: 3n, revenueCents: 1350n },
      ].sort((a, b) => Number(b.quantitySold - a.quantitySold) || (a.productId < b.productId ? -1 : 1)),
    );
  });

  it("CUSTOMER_PROFILE and PRODUCT_CATALOG: current values with version and position", async () => {
    expect(await database.db.prisma.customerProfile.findUnique({ where: { id: ada } })).toMatchObject({
      email: "ada@lovelace.dev",
      version: 2,
    });
    expect(await database.db.prisma.catalogProduct.findUnique({ where: { id: tea } })).toMatchObject({
      name: "Earl Grey",
      priceCents: 450,
      version: 2,
      position: last,
    });
  });
});
