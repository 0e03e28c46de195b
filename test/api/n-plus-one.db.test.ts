/**
 * Nested fields resolve through per-request DataLoaders: the SQL statements a page of
 * customerOrders costs, with each order's customer and each item's product, do not grow
 * with the page size.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { CustomerOrdersNestedDocument } from "../generated/graphql.js";
import { addProduct, createOrder, registerCustomer } from "../support/fixtures.js";
import { startTestServer, type TestServer } from "../support/server.js";

let api: TestServer;
let customerId: string;

beforeAll(async () => {
  api = await startTestServer({ observeQueries: true });
  customerId = await registerCustomer(api);
  const products = [await addProduct(api, "Mug", 1200), await addProduct(api, "Tea", 450), await addProduct(api, "Pot", 3000)];
  let last = "0";
  for (let i = 0; i < 50; i++) {
    const order = await createOrder(api, customerId, [
      { productId: products[i % 3]!, quantity: 1 + (i % 4) },
      { productId: products[(i + 1) % 3]!, quantity: 1 },
    ]);
    last = order.position;
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
  // Page + totals (2), order summaries (1), customers (1), products (1).
  expect(large.statements.length).toBeLessThanOrEqual(5);
});
