/** An order's life through the real server, and every view it touches. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AddOrderItemDocument,
  CancelOrderDocument,
  ChangeCustomerEmailDocument,
  ChangeProductPriceDocument,
  CreateOrderDocument,
  CustomerOrdersDocument,
  type CustomerOrdersQuery,
  OrderAnalyticsDocument,
  OrderSummaryDocument,
  RemoveOrderItemDocument,
  RenameProductDocument,
  ShipOrderDocument,
  ShippingDashboardDocument,
  TopProductsDocument,
} from "../generated/graphql.js";
import { addProduct, codes, createOrder, registerCustomer } from "../support/fixtures.js";
import { startTestServer, type TestServer } from "../support/server.js";

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ consistencyTimeoutMs: 2000 });
});
afterAll(async () => {
  await api?.close();
});

const today = new Date().toISOString().slice(0, 10);

describe("an order's life", () => {
  it("creates, changes and ships an order; the summary shows it at each step", async () => {
    const customerId = await registerCustomer(api, { name: "Ada Lovelace" });
    const mug = await addProduct(api, "Mug", 1200);
    const tea = await addProduct(api, "Tea", 450);
    const created = await createOrder(api, customerId, [{ productId: mug, quantity: 2 }]);
    expect(created).toMatchObject({ version: 1, events: ["OrderCreated"] });

    let { orderSummary } = await api.data(OrderSummaryDocument, { id: created.streamId, minPosition: created.position });
    expect(orderSummary).toMatchObject({
      id: created.streamId,
      customerId,
      customerName: "Ada Lovelace",
      items: [{ productId: mug, productName: "Mug", quantity: 2, unitPriceCents: 1200, lineTotalCents: 2400 }],
      itemCount: 2,
      productNames: ["Mug"],
      totalCents: 2400,
      status: "CREATED",
      shippedAt: null,
      version: 1,
      position: created.position,
    });
    expect(orderSummary!.customerEmail).toMatch(/^ada-.*@example\.com$/);

    await api.mutate(AddOrderItemDocument, { input: { orderId: created.streamId, productId: tea, quantity: 3 } });
    await api.mutate(AddOrderItemDocument, { input: { orderId: created.streamId, productId: mug, quantity: 1 } });
    const removed = await api.mutate(RemoveOrderItemDocument, { input: { orderId: created.streamId, productId: tea } });
    ({ orderSummary } = await api.data(OrderSummaryDocument, { id: created.streamId, minVersion: removed.removeOrderItem.version }));
    expect(orderSummary).toMatchObject({ itemCount: 3, productNames: ["Mug"], totalCents: 3600, version: 4 });

    const { shipOrder } = await api.mutate(ShipOrderDocument, {
      input: { orderId: created.streamId, carrier: "DHL", trackingNumber: "JD0001" },
      consistency: "STRONG",
    });
    expect(shipOrder.caughtUp).toBe(true);
    ({ orderSummary } = await api.data(OrderSummaryDocument, { id: created.streamId }));
    expect(orderSummary).toMatchObject({ status: "SHIPPED", carrier: "DHL", trackingNumber: "JD0001", version: 5 });
    expect(Date.parse(orderSummary!.shippedAt!)).not.toBeNaN();

    // The write model agrees with the read model.
    const consistent = await api.data(OrderSummaryDocument, { id: created.streamId, consistent: true });
    expect({ ...consistent.orderSummary, position: orderSummary!.position }).toEqual(orderSummary);
  });

  it("freezes shipped and cancelled orders and refuses to ship an empty one", async () => {
    const customerId = await registerCustomer(api);
    const mug = await addProduct(api, "Mug", 1200);
    const shipped = await createOrder(api, customerId, [{ productId: mug, quantity: 1 }]);
    await api.mutate(ShipOrderDocument, { input: { orderId: shipped.streamId, carrier: "UPS", trackingNumber: "1Z" } });
    expect(codes(await api.request(AddOrderItemDocument, { input: { orderId: shipped.streamId, productId: mug, quantity: 1 } }))).toEqual([
      "INVALID_STATE",
    ]);
    expect(codes(await api.request(CancelOrderDocument, { input: { orderId: shipped.streamId, reason: "late" } }))).toEqual([
      "INVALID_STATE",
    ]);

    const cancelled = await createOrder(api, customerId, [{ productId: mug, quantity: 1 }]);
    await api.mutate(CancelOrderDocument, { input: { orderId: cancelled.streamId, reason: "changed mind" } });
    expect(
      codes(await api.request(ShipOrderDocument, { input: { orderId: cancelled.streamId, carrier: "UPS", trackingNumber: "1Z" } })),
    ).toEqual(["INVALID_STATE"]);
    const { orderSummary } = await api.data(OrderSummaryDocument, { id: cancelled.streamId, minVersion: 2 });
    expect(orderSummary).toMatchObject({ status: "CANCELLED", cancelReason: "changed mind" });

    const emptied = await createOrder(api, customerId, [{ productId: mug, quantity: 1 }]);
    await api.mutate(RemoveOrderItemDocument, { input: { orderId: emptied.streamId, productId: mug } });
    expect(
      codes(await api.request(ShipOrderDocument, { input: { orderId: emptied.streamId, carrier: "UPS", trackingNumber: "1Z" } })),
    ).toEqual(["INVALID_STATE"]);
  });

  it("needs an existing customer and products, and positive quantities", async () => {
    const customerId = await registerCustomer(api);
    const mug = await addProduct(api, "Mug", 1200);
    expect(
      codes(await api.request(CreateOrderDocument, { input: { customerId: randomUUID(), items: [{ productId: mug, quantity: 1 }] } })),
    ).toEqual(["NOT_FOUND"]);
    expect(
      codes(await api.request(CreateOrderDocument, { input: { customerId, items: [{ productId: randomUUID(), quantity: 1 }] } })),
    ).toEqual(["NOT_FOUND"]);
    expect(codes(await api.request(CreateOrderDocument, { input: { customerId, items: [{ productId: mug, quantity: 0 }] } }))).toEqual([
      "BAD_USER_INPUT",
    ]);
    expect(codes(await api.request(CreateOrderDocument, { input: { customerId, items: [] } }))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await api.request(ShipOrderDocument, { input: { orderId: randomUUID(), carrier: "UPS", trackingNumber: "1Z" } }))).toEqual(
      ["NOT_FOUND"],
    );
  });

  it("keeps the price an order captured when the product's price changes", async () => {
    const customerId = await registerCustomer(api);
    const mug = await addProduct(api, "Mug", 1000);
    const before = await createOrder(api, customerId, [{ productId: mug, quantity: 1 }]);
    await api.mutate(ChangeProductPriceDocument, { input: { productId: mug, priceCents: 2000 } });
    const after = await createOrder(api, customerId, [{ productId: mug, quantity: 1 }]);
    const old = await api.data(OrderSummaryDocument, { id: before.streamId, minPosition: after.position });
    const fresh = await api.data(OrderSummaryDocument, { id: after.streamId });
    expect(old.orderSummary!.totalCents).toBe(1000);
    expect(fresh.orderSummary!.totalCents).toBe(2000);
  });
});

describe("denormalized views follow the data they copy", () => {
  it("rewrites every OrderSummary of a customer whose email changes", async () => {
    const customerId = await registerCustomer(api);
    const mug = await addProduct(api, "Mug", 500);
    const orders = [];
    for (let i = 0; i < 3; i++) orders.push(await createOrder(api, customerId, [{ productId: mug, quantity: 1 }]));
    const email = `changed-${randomUUID()}@example.com`;
    const { changeCustomerEmail } = await api.mutate(ChangeCustomerEmailDocument, { input: { customerId, email } });
    for (const order of orders) {
      const { orderSummary } = await api.data(OrderSummaryDocument, { id: order.streamId, minPosition: changeCustomerEmail.position });
      expect(orderSummary).toMatchObject({ customerEmail: email, version: 1 });
      expect(BigInt(orderSummary!.position)).toBe(BigInt(changeCustomerEmail.position));
    }
  });

  it("renames a product in the orders and the sales figures that show it", async () => {
    const customerId = await registerCustomer(api);
    const pot = await addProduct(api, "Pot", 700);
    const order = await createOrder(api, customerId, [{ productId: pot, quantity: 2 }]);
    await api.mutate(ShipOrderDocument, { input: { orderId: order.streamId, carrier: "DHL", trackingNumber: "P1" } });
    const { renameProduct } = await api.mutate(RenameProductDocument, { input: { productId: pot, name: "Cast-iron pot" } });
    const { orderSummary } = await api.data(OrderSummaryDocument, { id: order.streamId, minPosition: renameProduct.position });
    expect(orderSummary).toMatchObject({ productNames: ["Cast-iron pot"], items: [{ productName: "Cast-iron pot", unitPriceCents: 700 }] });
    const { topProducts } = await api.data(TopProductsDocument, { first: 100, minPosition: renameProduct.position });
    expect(topProducts.find((sales) => sales.productId === pot)).toMatchObject({
      productName: "Cast-iron pot",
      quantitySold: 2,
      revenueCents: 1400,
    });
  });
});

describe("customerOrders", () => {
  it("lists a customer's orders newest first, a page at a time, with count and lifetime total", async () => {
    const customerId = await registerCustomer(api);
    const mug = await addProduct(api, "Mug", 100);
    const ids: string[] = [];
    for (let quantity = 1; quantity <= 5; quantity++) {
      const order = await createOrder(api, customerId, [{ productId: mug, quantity }]);
      ids.unshift(order.streamId);
    }
    const cancelled = await api.mutate(CancelOrderDocument, { input: { orderId: ids[0]!, reason: "duplicate" } });
    const last = cancelled.cancelOrder.position;

    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const { customerOrders }: CustomerOrdersQuery = await api.data(CustomerOrdersDocument, {
        customerId,
        first: 2,
        after,
        minPosition: last,
      });
      expect(customerOrders.totalCount).toBe(5);
      expect(customerOrders.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(customerOrders.pageInfo.startCursor).toBe(customerOrders.edges[0]?.cursor ?? null);
      // 1+2+3+4 units at 100; the cancelled order (5 units) does not count.
      expect(customerOrders.lifetimeTotalCents).toBe(1000);
      seen.push(...customerOrders.edges.map((edge) => edge.node.id));
      if (!customerOrders.pageInfo.hasNextPage) break;
      after = customerOrders.pageInfo.endCursor;
    }
    expect(seen).toEqual(ids);
    const empty = await api.data(CustomerOrdersDocument, { customerId: randomUUID() });
    expect(empty.customerOrders).toEqual({
      totalCount: 0,
      lifetimeTotalCents: 0,
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
      edges: [],
    });
  });
});

describe("shipping dashboard and analytics", () => {
  it("counts orders by status, lists those awaiting shipment oldest first, and counts shipments per day", async () => {
    // As of everything the earlier tests wrote, or their late projections would count below.
    const base = await api.data(ShippingDashboardDocument, { awaitingFirst: 100, minPosition: String(await api.app.store.lastPosition()) });
    const count = (dashboard: typeof base, status: string) =>
      dashboard.shippingDashboard.countsByStatus.find((entry) => entry.status === status)?.count ?? 0;
    const shippedToday = (dashboard: typeof base) =>
      dashboard.shippingDashboard.shippedPerDay.find((day) => day.date === today)?.count ?? 0;

    const customerId = await registerCustomer(api);
    const mug = await addProduct(api, "Mug", 100);
    const first = await createOrder(api, customerId, [{ productId: mug, quantity: 1 }]);
    const second = await createOrder(api, customerId, [{ productId: mug, quantity: 1 }]);
    const third = await createOrder(api, customerId, [{ productId: mug, quantity: 1 }]);
    await api.mutate(ShipOrderDocument, { input: { orderId: first.streamId, carrier: "DHL", trackingNumber: "S1" } });
    const { cancelOrder } = await api.mutate(CancelOrderDocument, { input: { orderId: third.streamId, reason: "fraud" } });

    const now = await api.data(ShippingDashboardDocument, { awaitingFirst: 100, minPosition: cancelOrder.position });
    expect(count(now, "CREATED") - count(base, "CREATED")).toBe(1);
    expect(count(now, "SHIPPED") - count(base, "SHIPPED")).toBe(1);
    expect(count(now, "CANCELLED") - count(base, "CANCELLED")).toBe(1);
    expect(shippedToday(now) - shippedToday(base)).toBe(1);
    expect(now.shippingDashboard.awaitingShipment.totalCount - base.shippingDashboard.awaitingShipment.totalCount).toBe(1);
    // Every order awaiting shipment, a page of two at a time.
    const awaiting: (typeof now)["shippingDashboard"]["awaitingShipment"]["edges"][number]["node"][] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const page: typeof now = await api.data(ShippingDashboardDocument, { awaitingFirst: 2, awaitingAfter: after });
      awaiting.push(...page.shippingDashboard.awaitingShipment.edges.map((edge) => edge.node));
      if (!page.shippingDashboard.awaitingShipment.pageInfo.hasNextPage) break;
      after = page.shippingDashboard.awaitingShipment.pageInfo.endCursor;
    }
    expect(awaiting).toHaveLength(now.shippingDashboard.awaitingShipment.totalCount);
    expect(awaiting.map((order) => order.id)).toContain(second.streamId);
    expect(awaiting.map((order) => order.id)).not.toContain(first.streamId);
    expect(awaiting.every((order) => order.status === "CREATED")).toBe(true);
    const created = awaiting.map((order) => Date.parse(order.createdAt));
    expect(created).toEqual([...created].sort((a, b) => a - b));
  });

  it("aggregates orders, revenue and items per day, and best sellers", async () => {
    const range = { from: today, to: today };
    const settled = String(await api.app.store.lastPosition());
    const before = (await api.data(OrderAnalyticsDocument, { ...range, minPosition: settled })).orderAnalytics[0];
    const customerId = await registerCustomer(api);
    const a = await addProduct(api, "Alpha", 300);
    const b = await addProduct(api, "Beta", 1000);
    const shipped = await createOrder(api, customerId, [
      { productId: a, quantity: 4 },
      { productId: b, quantity: 1 },
    ]);
    const cancelled = await createOrder(api, customerId, [{ productId: b, quantity: 9 }]);
    await api.mutate(ShipOrderDocument, { input: { orderId: shipped.streamId, carrier: "DHL", trackingNumber: "A1" } });
    const { cancelOrder } = await api.mutate(CancelOrderDocument, { input: { orderId: cancelled.streamId, reason: "no" } });

    const [day] = (await api.data(OrderAnalyticsDocument, { ...range, minPosition: cancelOrder.position })).orderAnalytics;
    const delta = (key: "ordersCreated" | "ordersShipped" | "ordersCancelled" | "revenueCents" | "itemsSold") =>
      day![key] - (before?.[key] ?? 0);
    expect(day!.date).toBe(today);
    expect(delta("ordersCreated")).toBe(2);
    expect(delta("ordersShipped")).toBe(1);
    expect(delta("ordersCancelled")).toBe(1);
    expect(delta("revenueCents")).toBe(2200);
    expect(delta("itemsSold")).toBe(5);

    const { topProducts } = await api.data(TopProductsDocument, { first: 100, minPosition: cancelOrder.position });
    expect(topProducts.find((sales) => sales.productId === a)).toMatchObject({ productName: "Alpha", quantitySold: 4, revenueCents: 1200 });
    expect(topProducts.find((sales) => sales.productId === b)).toMatchObject({ quantitySold: 1, revenueCents: 1000 });
    const sold = topProducts.map((sales) => sales.quantitySold);
    expect(sold).toEqual([...sold].sort((x, y) => y - x));

    expect(codes(await api.request(OrderAnalyticsDocument, { from: "2026-02-01", to: "2026-01-01" }))).toEqual(["BAD_USER_INPUT"]);
  });
});
