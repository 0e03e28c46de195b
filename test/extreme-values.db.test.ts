/**
 * Extreme but valid values through every projection: no valid sequence of commands may
 * make one fail. The largest amounts the deciders allow (a full balance, an order at the
 * largest total, 2,150 orders of a million items shipped in one day: more items than 32
 * bits hold), and text with everything a COPY, a JSON document or an array literal must
 * escape. Every read model answers them exactly, and a rebuild writes the same rows.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { handleCommand } from "../src/core/command-pipeline.js";
import { MAX_BALANCE_CENTS } from "../src/modules/accounts/account.js";
import { MAX_PRICE_CENTS } from "../src/modules/catalog/product.js";
import { MAX_ORDER_LINES, MAX_QUANTITY, orderDecider } from "../src/modules/orders/order.js";
import { appendGiven } from "./support/database.js";
import { rebuildAll, settle, snapshotReadModels } from "./support/read-models.js";
import { startTestServer, type TestServer } from "./support/server.js";

let api: TestServer;

beforeAll(async () => {
  api = await startTestServer({ projector: { batchSize: 200 } });
});
afterAll(async () => {
  await api?.close();
});

async function gql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(api.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: await api.bearer("admin") },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data!;
}

/** Text a COPY line, a JSON document, an array literal and a tsvector must each escape, at the decider's length limits. */
const HOSTILE = [
  "tab\there, newline\nthere, CR\rhere, backslash \\ and \\N and \\. and \"quotes\" and 'single'",
  "{braces,commas} [brackets] NULL \u2028\u2029 \u0001\u001f end",
  `${"🍵".repeat(99)}é`, // 200 UTF-16 units, surrogate pairs
  "שלום עולם مرحبا Z\u0301\u0327alg\u0308o",
  "Robert'); DROP TABLE customer_profiles; --",
];

const SHIP_DAY = "2026-06-01";
const shipping = () => ({ ...api.app.pipeline, clock: () => new Date(`${SHIP_DAY}T12:00:00Z`) });

it("applies the largest valid amounts and the most hostile valid text in every read model, and rebuilds the same rows", async () => {
  // Customers and products with hostile text, through the API.
  const customers: string[] = [];
  for (const [index, text] of HOSTILE.entries()) {
    const { registerCustomer } = await gql<{ registerCustomer: { streamId: string } }>(
      "mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { streamId } }",
      {
        i: {
          name: text,
          email: `zoë+${index}.\\n@exämple.com`,
          phone: "+1 (555) 010-0000",
          address: { line1: text, line2: text, city: text.slice(0, 100), postalCode: "\\N\t1", country: text.slice(0, 100) },
        },
      },
    );
    customers.push(registerCustomer.streamId);
  }
  const products = new Map<string, { name: string; priceCents: number }>();
  for (const [index, text] of HOSTILE.entries()) {
    const priceCents = index === 0 ? MAX_PRICE_CENTS : 2147;
    const { addProduct } = await gql<{ addProduct: { streamId: string } }>(
      "mutation($i: AddProductInput!) { addProduct(input: $i) { streamId } }",
      { i: { sku: `X-${index}.${randomUUID().slice(0, 8)}`, name: text, priceCents } },
    );
    products.set(addProduct.streamId, { name: text, priceCents });
  }
  const hostileProducts = [...products.keys()];
  await gql("mutation($i: RenameProductInput!) { renameProduct(input: $i) { position } }", {
    i: { productId: hostileProducts[1], name: HOSTILE[0]!.toUpperCase() },
  });
  products.set(hostileProducts[1]!, { ...products.get(hostileProducts[1]!)!, name: HOSTILE[0]!.toUpperCase() });
  await gql("mutation($i: ChangeCustomerEmailInput!) { changeCustomerEmail(input: $i) { position } }", {
    i: { customerId: customers[0], email: "\\\\n\t@x.y".replace("\t", "") },
  });

  // A balance as large as allowed, emptied, and filled again.
  const { openAccount } = await gql<{ openAccount: { streamId: string } }>(
    "mutation($c: ID!) { openAccount(input: { customerId: $c }) { streamId } }",
    { c: customers[0] },
  );
  const accountId = openAccount.streamId;
  for (const [mutation, amountCents] of [
    ["depositMoney", MAX_BALANCE_CENTS],
    ["withdrawMoney", MAX_BALANCE_CENTS],
    ["depositMoney", MAX_BALANCE_CENTS],
  ] as const) {
    await gql(`mutation($a: ID!, $n: Int!) { ${mutation}(input: { accountId: $a, amountCents: $n }) { position } }`, {
      a: accountId,
      n: amountCents,
    });
  }

  // One-cent products for the big orders: 100 lines of 10,000 units is a million items an order.
  const cheap: string[] = [];
  for (let i = 0; i < MAX_ORDER_LINES; i++) {
    const { addProduct } = await gql<{ addProduct: { streamId: string } }>(
      "mutation($i: AddProductInput!) { addProduct(input: $i) { streamId } }",
      { i: { sku: `CENT-${i}-${randomUUID().slice(0, 8)}`, name: `Cent ${i}`, priceCents: 1 } },
    );
    cheap.push(addProduct.streamId);
    products.set(addProduct.streamId, { name: `Cent ${i}`, priceCents: 1 });
  }
  const order = (orderId: string, customerId: string, items: { productId: string; quantity: number }[]) =>
    handleCommand(
      api.app.pipeline,
      orderDecider,
      { streamId: orderId, command: { type: "CreateOrder", data: { orderId, customerId, items } } },
      { context: { customerExists: true, products } },
    );
  const ship = (orderId: string) =>
    handleCommand(shipping(), orderDecider, {
      streamId: orderId,
      command: { type: "ShipOrder", data: { orderId, carrier: HOSTILE[1]!, trackingNumber: HOSTILE[0]!.slice(0, 100) } },
    });

  // The largest total an order may have, with hostile product names on its lines.
  const largest = randomUUID();
  const largestLines = [...hostileProducts.slice(1), ...cheap.slice(0, MAX_ORDER_LINES - hostileProducts.length + 1)].map((productId) => ({
    productId,
    quantity: MAX_QUANTITY,
  }));
  const largestTotal = largestLines.reduce((sum, line) => sum + line.quantity * products.get(line.productId)!.priceCents, 0);
  expect(largestTotal).toBeLessThanOrEqual(2 ** 31 - 1);
  await order(largest, customers[1]!, largestLines);
  await ship(largest);

  // 2,150 orders of a million items each, shipped the same day: 2,150,000,000 items sold.
  const BIG_ORDERS = 2150;
  // Decided by the order decider and appended in one go (the two commands' events, in one
  // append: the projections see the same log, at half the appends).
  const fullOrder = cheap.map((productId) => ({ productId, quantity: MAX_QUANTITY }));
  const now = new Date(`${SHIP_DAY}T12:00:00Z`);
  for (let i = 0; i < BIG_ORDERS; i++) {
    const orderId = randomUUID();
    const created = orderDecider.decide(
      { type: "CreateOrder", data: { orderId, customerId: customers[2]!, items: fullOrder } },
      orderDecider.initialState,
      { now, customerExists: true, products },
    );
    const shipped = orderDecider.decide(
      { type: "ShipOrder", data: { orderId, carrier: "UPS", trackingNumber: `T${i}` } },
      created.reduce(orderDecider.evolve, orderDecider.initialState),
      { now },
    );
    await appendGiven(api.app.store, orderDecider.streamType, orderId, 0, [...created, ...shipped]);
  }
  // And one cancelled, one changed: every order event with hostile text.
  const cancelled = randomUUID();
  await order(cancelled, customers[3]!, [{ productId: hostileProducts[0]!, quantity: Math.floor((2 ** 31 - 1) / MAX_PRICE_CENTS) }]);
  await handleCommand(
    api.app.pipeline,
    orderDecider,
    { streamId: cancelled, command: { type: "AddOrderItem", data: { orderId: cancelled, productId: hostileProducts[2]!, quantity: 1 } } },
    { context: { products } },
  );
  await handleCommand(api.app.pipeline, orderDecider, {
    streamId: cancelled,
    command: { type: "RemoveOrderItem", data: { orderId: cancelled, productId: hostileProducts[0]! } },
  });
  await handleCommand(api.app.pipeline, orderDecider, {
    streamId: cancelled,
    command: { type: "CancelOrder", data: { orderId: cancelled, reason: HOSTILE[4]! } },
  });

  await settle(api.app);
  expect(
    api.app.projector.status().filter((status) => status.state !== "RUNNING"),
    "no projection failed",
  ).toEqual([]);

  // Every read model answers the extremes exactly.
  const itemsSold = BIG_ORDERS * MAX_ORDER_LINES * MAX_QUANTITY + largestLines.length * MAX_QUANTITY;
  expect(itemsSold).toBeGreaterThan(2 ** 31);
  const { orderAnalytics } = await gql<{ orderAnalytics: { itemsSold: number; ordersShipped: number; revenueCents: number }[] }>(
    "query($d: Date!) { orderAnalytics(from: $d, to: $d) { itemsSold ordersShipped revenueCents } }",
    { d: SHIP_DAY },
  );
  expect(orderAnalytics).toEqual([
    { itemsSold, ordersShipped: BIG_ORDERS + 1, revenueCents: BIG_ORDERS * MAX_ORDER_LINES * MAX_QUANTITY + largestTotal },
  ]);
  const { topProducts } = await gql<{ topProducts: { productId: string; quantitySold: number }[] }>(
    "{ topProducts(first: 1) { productId quantitySold } }",
  );
  expect(topProducts[0]!.quantitySold).toBe((BIG_ORDERS + 1) * MAX_QUANTITY);
  const { shippingDashboard } = await gql<{
    shippingDashboard: { countsByStatus: { status: string; count: number }[]; shippedPerDay: { date: string; count: number }[] };
  }>("{ shippingDashboard { countsByStatus { status count } shippedPerDay { date count } } }");
  expect(shippingDashboard.countsByStatus).toEqual([
    { status: "CANCELLED", count: 1 },
    { status: "CREATED", count: 0 },
    { status: "SHIPPED", count: BIG_ORDERS + 1 },
  ]);
  expect(shippingDashboard.shippedPerDay).toEqual([{ date: SHIP_DAY, count: BIG_ORDERS + 1 }]);
  const { customerOrders } = await gql<{ customerOrders: { totalCount: number; lifetimeTotalCents: number } }>(
    "query($c: ID!) { customerOrders(customerId: $c, first: 1) { totalCount lifetimeTotalCents } }",
    { c: customers[2] },
  );
  expect(customerOrders).toEqual({ totalCount: BIG_ORDERS, lifetimeTotalCents: BIG_ORDERS * MAX_ORDER_LINES * MAX_QUANTITY });
  const { account } = await gql<{ account: { balanceCents: number } }>("query($a: ID!) { account(id: $a) { balanceCents } }", {
    a: accountId,
  });
  expect(account.balanceCents).toBe(MAX_BALANCE_CENTS);
  for (const [index, customerId] of customers.entries()) {
    const { customer } = await gql<{ customer: { name: string; address: { line1: string; postalCode: string } } }>(
      "query($c: ID!) { customer(id: $c) { name address { line1 postalCode } } }",
      { c: customerId },
    );
    expect(customer).toEqual({ name: HOSTILE[index]!.trim(), address: { line1: HOSTILE[index]!.trim(), postalCode: "\\N\t1" } });
  }
  const { orderSummary } = await gql<{
    orderSummary: { customerName: string; totalCents: number; itemCount: number; productNames: string[]; carrier: string };
  }>("query($o: ID!) { orderSummary(id: $o) { customerName totalCents itemCount productNames carrier } }", { o: largest });
  expect(orderSummary).toMatchObject({
    customerName: HOSTILE[1]!.trim(),
    totalCents: largestTotal,
    itemCount: largestLines.length * MAX_QUANTITY,
    carrier: HOSTILE[1]!.trim(),
  });
  expect(orderSummary.productNames).toEqual(
    expect.arrayContaining([HOSTILE[0]!.toUpperCase(), HOSTILE[2], HOSTILE[3]!.trim(), HOSTILE[4]]),
  );
  const { orderSummary: gone } = await gql<{ orderSummary: { status: string; cancelReason: string; productNames: string[] } }>(
    "query($o: ID!) { orderSummary(id: $o) { status cancelReason productNames } }",
    { o: cancelled },
  );
  expect(gone).toEqual({ status: "CANCELLED", cancelReason: HOSTILE[4], productNames: [HOSTILE[2]] });

  // A rebuild (bulk COPY for new rows) writes exactly what the incremental upserts wrote.
  const incremental = await snapshotReadModels(api.app);
  await rebuildAll(api.app);
  expect(await snapshotReadModels(api.app)).toEqual(incremental);
});
