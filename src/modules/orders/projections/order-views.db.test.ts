/**
 * The order-domain read models, given events in the log, then these rows — on the real
 * database, through the projector (small batches, so a story spans several of them).
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { projectionSpec } from "../../../../test/support/projection-spec.js";
import { productCatalogProjection } from "../../catalog/projections/product-catalog.js";
import { customerProfileProjection } from "../../customers/projections/customer-profile.js";
import { splitName, type CustomerEvent } from "../../customers/customer.js";
import type { ProductEvent } from "../../catalog/product.js";
import type { OrderEvent } from "../order.js";
import { customerOrdersPage, customerOrdersProjection, lifetimeTotalCents } from "./customer-orders.js";
import { orderListPage, orderSearchProjection, type OrderListFilter } from "./order-search.js";
import { dailyOrderStats, orderAnalyticsProjection, topProducts } from "./order-analytics.js";
import { findOrderSummaries, orderSummaryProjection } from "./order-summary.js";
import { awaitingShipmentPage, shippingDashboard, shippingDashboardProjection } from "./shipping-dashboard.js";

const { database, given, projected } = projectionSpec(
  [
    orderSummaryProjection,
    customerOrdersProjection,
    orderSearchProjection,
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
    ...splitName(name),
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

/**
 * Waits past the next millisecond, by the clock (a timer counts from the event loop's last
 * tick). Newest first is by creation time, which the log keeps to the millisecond, then by
 * id: these orders' random ids would order two created in one millisecond (on a fast
 * machine) at random, where the server's increasing ids would not.
 */
async function apart(): Promise<void> {
  const until = Date.now() + 2;
  while (Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 1));
}

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
    await apart();
    await given("Order", second, {
      type: "OrderCreated",
      data: { orderId: second, customerId: ada, items: [line(tea, "Tea", 1, 450)] },
    } satisfies OrderEvent);
    await given("Order", second, { type: "OrderCancelled", data: { orderId: second, reason: "no", cancelledAt } } satisfies OrderEvent);
    await apart();
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
    const ids = (page: { rows: { orderId: string }[] }) => page.rows.map((row) => row.orderId);
    const key = (row: { orderId: string; createdAt: Date }) => [new Date(row.createdAt), row.orderId];
    const page = await customerOrdersPage(database.db.sql, ada, { size: 10, backward: false, cursor: null });
    expect(page).toMatchObject({ totalCount: 3, hasNextPage: false, hasPreviousPage: false });
    expect(ids(page)).toEqual([third, second, first]);
    expect(await lifetimeTotalCents(database.db.sql, ada)).toBe(4950n + 900n);
    const next = await customerOrdersPage(database.db.sql, ada, { size: 1, backward: false, cursor: key(page.rows[0]!) });
    expect(next).toMatchObject({ hasNextPage: true, hasPreviousPage: true, totalCount: 3 });
    expect(ids(next)).toEqual([second]);
    // Backward from the last order: the one before it, then the two before that.
    const back = await customerOrdersPage(database.db.sql, ada, { size: 1, backward: true, cursor: key(page.rows[2]!) });
    expect(back).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(ids(back)).toEqual([second]);
    const start = await customerOrdersPage(database.db.sql, ada, { size: 5, backward: true, cursor: key(page.rows[2]!) });
    expect(start).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(ids(start)).toEqual([third, second]);
    const end = await customerOrdersPage(database.db.sql, ada, { size: 2, backward: true, cursor: null });
    expect(end).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(ids(end)).toEqual([second, first]);
  });

  it("ORDER_SEARCH: filters by status, customer and time; searches ids, customers and current product names", async () => {
    const ids = async (filter: OrderListFilter, size = 10) =>
      (await orderListPage(database.db.sql, filter, { size, backward: false, cursor: null })).rows.map((row) => row.orderId);
    expect(await ids({})).toEqual(expect.arrayContaining([third, second, first]));
    expect(await ids({ customerId: ada })).toEqual([third, second, first]);
    expect(await ids({ customerId: ada, status: "CANCELLED" })).toEqual([second]);
    expect(await ids({ customerId: ada, createdFrom: new Date(Date.now() + 60_000) })).toEqual([]);
    expect(await ids({ customerId: ada, createdTo: new Date(Date.now() + 60_000), status: "SHIPPED" })).toEqual([first]);
    // The current email (old one gone), its parts, the name, a prefix of the order id, and the renamed product.
    expect(await ids({ customerId: ada, search: "ada@lovelace.dev" })).toEqual([third, second, first]);
    expect(await ids({ customerId: ada, search: "ada@example.com" })).toEqual([]);
    expect(await ids({ customerId: ada, search: "lovel" })).toEqual([third, second, first]);
    expect(await ids({ search: first.slice(0, 8) })).toEqual([first]);
    expect(await ids({ search: first })).toEqual([first]);
    expect(await ids({ customerId: ada, search: "earl gr" })).toEqual([third, second, first]);
    expect(await ids({ customerId: ada, search: "mug" })).toEqual([first]);
    expect(await ids({ customerId: ada, search: "earl -mug" })).toEqual([third, second]);
    expect(await ids({ customerId: ada, search: '"grey earl"' })).toEqual([]);
    expect(await ids({ customerId: ada, search: "tea" })).toEqual([]);
    expect(await ids({ customerId: ada, search: " ,;' " })).toEqual([]);
    // Ranked: the order id (weight A) beats a product name (C).
    const ranked = await orderListPage(database.db.sql, { search: `mug or ${third}` }, { size: 1, backward: false, cursor: null });
    expect(ranked.rows.map((row) => row.orderId)).toEqual([third]);
    expect(ranked).toMatchObject({ totalCount: 2, hasNextPage: true });
    const rest = await orderListPage(
      database.db.sql,
      { search: `mug or ${third}` },
      { size: 1, backward: false, cursor: [ranked.rows[0]!.rank, new Date(ranked.rows[0]!.createdAt), third] },
    );
    expect(rest.rows.map((row) => row.orderId)).toEqual([first]);
    expect(rest).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

    // Every order of Ada matches her name (B), the first also its id (A): best match first while
    // few match, newest first once more than `mostRanked` do; a cursor keeps its page's order.
    const search = { customerId: ada, search: `lovelace or ${first}` };
    const page = (mostRanked: number, cursor: unknown[] | null = null, ranked?: boolean) =>
      orderListPage(database.db.sql, search, { size: 2, backward: false, cursor }, { mostRanked, ranked });
    const best = await page(3);
    expect(best.ranked).toBe(true);
    expect(best.rows.map((row) => row.orderId)).toEqual([first, third]);
    const broad = await page(2);
    expect(broad.ranked).toBe(false);
    expect(broad.rows.map((row) => row.orderId)).toEqual([third, second]);
    expect(broad.rows[0]!.rank).toBeUndefined();
    const after = broad.rows[1]!;
    const next = await page(3, [new Date(after.createdAt), after.orderId], false);
    expect(next).toMatchObject({ ranked: false, hasNextPage: false, hasPreviousPage: true });
    expect(next.rows.map((row) => row.orderId)).toEqual([first]);
    // A best-match cursor keeps that order while few enough orders match (a search can grow
    // between pages), and is refused past that: a forged one must not rank a common word's every match.
    const kept = best.rows[1]!;
    const bestCursor = [kept.rank, new Date(kept.createdAt), kept.orderId];
    const byCursor = (mostRankedByCursor: number) =>
      orderListPage(database.db.sql, search, { size: 2, backward: false, cursor: bestCursor }, { ranked: true, mostRankedByCursor });
    expect(await byCursor(3)).toMatchObject({ ranked: true, rows: [{ orderId: second }], hasNextPage: false });
    await expect(byCursor(2)).rejects.toThrow(/more than 2 orders, too many to page in best-match order/);
    // The last page, asked for without a cursor, decides the same way.
    const last = (mostRanked: number) => orderListPage(database.db.sql, search, { size: 2, backward: true, cursor: null }, { mostRanked });
    expect(await last(3)).toMatchObject({ ranked: true, rows: [{ orderId: third }, { orderId: second }] });
    expect(await last(2)).toMatchObject({ ranked: false, rows: [{ orderId: second }, { orderId: first }] });
  });

  it("ORDER_SEARCH: vacuums and analyzes its tables when asked (after a rebuild)", async () => {
    await orderSearchProjection.analyze!(database.db.sql);
    const [row] = await database.db.sql.query<{ analyzed: boolean }>(
      "SELECT last_analyze IS NOT NULL AND last_vacuum IS NOT NULL AS analyzed FROM pg_stat_user_tables WHERE relname = 'order_search'",
    );
    expect(row).toEqual({ analyzed: true });
  });

  it("SHIPPING_DASHBOARD: awaiting shipment, counts by status, shipped per day", async () => {
    const awaiting = await awaitingShipmentPage(database.db.sql, { size: 10, backward: false, cursor: null });
    expect(awaiting.rows.map((row) => row.orderId)).toEqual([third]);
    expect(awaiting.totalCount).toBe(1);
    const dashboard = await shippingDashboard(database.db.prisma);
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
