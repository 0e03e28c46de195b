/**
 * Nested fields resolve through per-request DataLoaders: the SQL statements a page of
 * customerOrders or orders costs, with each order's customer (its accounts, each with a page
 * of its ledger) and each item's product, do not grow with the page size.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { CustomerOrdersNestedDocument, DepositMoneyDocument, OpenAccountDocument, OrdersNestedDocument } from "../generated/graphql.js";
import { addProduct, createOrder, registerCustomer } from "../support/fixtures.js";
import { startTestServer, type TestServer } from "../support/server.js";

let api: TestServer;
let customerId: string;

beforeAll(async () => {
  api = await startTestServer({ observeQueries: true });
  customerId = await registerCustomer(api);
  const products = [await addProduct(api, "Mug", 1200), await addProduct(api, "Tea", 450), await addProduct(api, "Pot", 3000)];
  let last = "0";
  // Fifty orders of one customer; then fifty customers (the newest orders), one order each, and
  // two accounts each with a deposit.
  for (let i = 0; i < 50; i++) {
    const order = await createOrder(api, customerId, [
      { productId: products[i % 3]!, quantity: 1 + (i % 4) },
      { productId: products[(i + 1) % 3]!, quantity: 1 },
    ]);
    last = order.position;
  }
  for (let i = 0; i < 50; i++) {
    const customer = await registerCustomer(api);
    await createOrder(api, customer, [{ productId: products[i % 3]!, quantity: 1 }]);
    for (let account = 0; account < 2; account++) {
      const opened = await api.mutate(OpenAccountDocument, { input: { customerId: customer } });
      const deposit = await api.mutate(DepositMoneyDocument, { input: { accountId: opened.openAccount.streamId, amountCents: 100 + i } });
      last = deposit.depositMoney.position;
    }
  }
  // Let every projection catch up, then stop them, so that only the query's statements count.
  await api.data(CustomerOrdersNestedDocument, { customerId, first: 1, minPosition: last });
  expect(await api.app.consistency.caughtUp(api.app.projector.names, BigInt(last))).toBe(true);
  await api.app.projector.stop();
});
afterAll(async () => {
  await api?.close();
});

async function statementsFor(first: number): Promise<{ statements: string[]; nodes: number }> {
  const statements: string[] = [];
  const stop = api.app.db.onQuery((sql) => statements.push(sql));
  try {
    const response = await api.request(CustomerOrdersNestedDocument, { customerId, first });
    expect(response.errors).toBeUndefined();
    const edges = response.data!.customerOrders.edges;
    for (const { node } of edges) {
      expect(node.customer?.id).toBe(customerId);
      for (const item of node.items) expect(item.product?.sku).toMatch(/^SKU-/);
    }
    return { statements, nodes: edges.length };
  } finally {
    stop();
  }
}

it("issues the same number of statements for 5 and for 50 orders with nested customer and products", async () => {
  const small = await statementsFor(5);
  const large = await statementsFor(50);
  expect(small.nodes).toBe(5);
  expect(large.nodes).toBe(50);
  expect(large.statements.length).toBe(small.statements.length);
  // Page, count and lifetime total (3), order summaries (1), customers (1), products (1).
  expect(large.statements.length).toBeLessThanOrEqual(6);
});

it("issues the same number of statements for 5 and for 50 orders of as many customers, with their accounts and ledgers", async () => {
  const statementsFor = async (first: number) => {
    const statements: string[] = [];
    const stop = api.app.db.onQuery((sql) => statements.push(sql));
    try {
      const response = await api.request(OrdersNestedDocument, { filter: { status: "CREATED" }, first });
      expect(response.errors).toBeUndefined();
      const edges = response.data!.orders.edges;
      const customers = new Set(edges.map((edge) => edge.node.customer!.id));
      for (const { node } of edges) {
        for (const item of node.items) expect(item.product?.sku).toMatch(/^SKU-/);
        expect(node.customer!.accounts!.totalCount).toBe(2);
        for (const { node: account } of node.customer!.accounts!.edges)
          expect(account.ledger).toEqual({ totalCount: 1, pageInfo: { hasNextPage: false } });
      }
      return { statements, nodes: edges.length, customers: customers.size };
    } finally {
      stop();
    }
  };
  const small = await statementsFor(5);
  const large = await statementsFor(50);
  expect(small).toMatchObject({ nodes: 5, customers: 5 });
  expect(large).toMatchObject({ nodes: 50, customers: 50 });
  expect(large.statements.length).toBe(small.statements.length);
  // The page (1, no count selected), summaries, customers, products, accounts, ledgers (1 each).
  expect(large.statements.length).toBeLessThanOrEqual(7);
});
