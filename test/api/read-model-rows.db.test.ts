/**
 * readModelChanged carries the changed row (`row`, a union of the read models with rows by
 * id), read after the change under the rules of the query that reads it, so that a listener
 * needs no refetch; its version is the row's, and a listener never receives an older row
 * after a newer one, a rebuild included.
 */
import { randomUUID } from "node:crypto";
import { parse } from "graphql";
import type { Client } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  AccountDocument,
  ChangeCustomerEmailDocument,
  CreateOrderDocument,
  DepositMoneyDocument,
  OpenAccountDocument,
  ReadModelRowsDocument,
  RenameProductDocument,
  type ReadModelRowsSubscription,
} from "../generated/graphql.js";
import { addProduct, registerCustomer } from "../support/fixtures.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { collect } from "../support/ws.js";

let api: TestServer;
let customerId: string;
let accountId: string;

type Change = ReadModelRowsSubscription["readModelChanged"];

beforeAll(async () => {
  api = await startTestServer();
  customerId = await registerCustomer(api);
  accountId = (await api.mutate(OpenAccountDocument, { input: { customerId }, consistency: "STRONG" })).openAccount.streamId;
});
afterAll(async () => {
  await api?.close();
});

/** Subscribes, waits until the server listens, and returns the changes received so far (live). */
async function follow(client: Client, projection: string, id: string) {
  const subscription = collect(client, ReadModelRowsDocument, { projection: projection as never, id });
  // The subscription is live once graphql-ws has answered its subscribe: a no-op round trip on the same connection.
  await new Promise<void>((resolve, reject) =>
    client.subscribe({ query: "{ projections { name } }" }, { next: () => {}, error: reject, complete: resolve }),
  );
  return subscription;
}

/** The changes received once one carries the row at `version` (or after 10 s). */
async function untilVersion(received: { data?: { readModelChanged: Change } | null }[], version: number): Promise<Change[]> {
  const latest = () => (received.at(-1)?.data?.readModelChanged.row as { version: number } | null | undefined)?.version ?? -1;
  for (let waited = 0; latest() < version && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
  return received.map((result) => result.data!.readModelChanged);
}

async function until(received: { data?: { readModelChanged: Change } | null }[], count: number): Promise<Change[]> {
  for (let waited = 0; received.length < count && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
  return received.map((result) => result.data!.readModelChanged);
}

describe("readModelChanged's row", () => {
  it("is the changed row as the query reads it, with the message's version", async () => {
    const client = api.ws(await api.bearer("customer", customerId));
    const { results, unsubscribe } = await follow(client, "ACCOUNT_BALANCE", accountId);
    // One deposit per message: a row read after the next deposit landed would carry that one's version.
    let changes: Change[] = [];
    for (const amountCents of [100, 20, 3]) {
      await api.mutate(DepositMoneyDocument, { input: { accountId, amountCents } });
      changes = await until(results, changes.length + 1);
    }
    unsubscribe();
    expect(changes.map((change) => change.row)).toEqual([
      { __typename: "Account", id: accountId, balanceCents: 100, version: 2 },
      { __typename: "Account", id: accountId, balanceCents: 120, version: 3 },
      { __typename: "Account", id: accountId, balanceCents: 123, version: 4 },
    ]);
    for (const change of changes) expect(change.version).toBe((change.row as { version: number }).version);
    const { account } = await api.data(AccountDocument, { id: accountId, minPosition: changes.at(-1)!.position });
    expect(changes.at(-1)!.row).toMatchObject({ balanceCents: account!.balanceCents, version: account!.version });
  });

  it("is read once per change for all of one principal's subscriptions to the row, not once each", async () => {
    const client = api.ws(await api.bearer("customer", customerId));
    const rows = api.app.readModels.get("ACCOUNT_BALANCE")!.row!;
    const followers = [];
    for (let i = 0; i < 20; i++) followers.push(await follow(client, "ACCOUNT_BALANCE", accountId));
    const read = vi.spyOn(rows, "read");
    try {
      const { depositMoney } = await api.mutate(DepositMoneyDocument, { input: { accountId, amountCents: 7 } });
      for (const { results } of followers) {
        const changes = await untilVersion(results, depositMoney.version);
        expect(changes.at(-1)!.row).toMatchObject({ version: depositMoney.version });
      }
      expect(read).toHaveBeenCalledTimes(1);
    } finally {
      read.mockRestore();
      for (const { unsubscribe } of followers) unsubscribe();
    }
  });

  it("carries every kind of row: customers, products, orders' summaries", async () => {
    const client = api.ws();
    const customers = await follow(client, "CUSTOMER_PROFILE", customerId);
    const email = `${randomUUID()}@example.com`;
    await api.mutate(ChangeCustomerEmailDocument, { input: { customerId, email } });
    expect((await until(customers.results, 1))[0]!.row).toMatchObject({ __typename: "Customer", id: customerId, email });
    customers.unsubscribe();

    const productId = await addProduct(api, "Mug", 500);
    const products = await follow(client, "PRODUCT_CATALOG", productId);
    await api.mutate(RenameProductDocument, { input: { productId, name: "Big mug" } });
    // The product's creation may still be on its way to PRODUCT_CATALOG: its row (version 1) may come first.
    let changes = await until(products.results, 1);
    for (let waited = 0; changes.at(-1)!.version < 2 && waited < 10_000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      changes = await until(products.results, 1);
    }
    expect(changes.at(-1)!.row).toEqual({ __typename: "Product", id: productId, name: "Big mug", version: 2 });
    products.unsubscribe();
  });

  it("is null for read models without rows by id", async () => {
    const client = api.ws();
    const { results, unsubscribe } = await follow(client, "CUSTOMER_ORDERS", customerId);
    const productId = await addProduct(api, "Pen", 100);
    const { createOrder } = await api.mutate(CreateOrderDocument, {
      input: { customerId, items: [{ productId, quantity: 1 }] },
    });
    const [change] = await until(results, 1);
    unsubscribe();
    expect(change).toMatchObject({ projection: "CUSTOMER_ORDERS", id: customerId, row: null });
    expect(createOrder.streamId).toBeTypeOf("string");
  });

  it("never goes back to an older row, through a rebuild of the read model", async () => {
    const client = api.ws();
    const { results, unsubscribe } = await follow(client, "ACCOUNT_BALANCE", accountId);
    await api.mutate(DepositMoneyDocument, { input: { accountId, amountCents: 1 } });
    await until(results, 1);
    const rebuilt = await api.request(parse("mutation { rebuildProjections(projections: [ACCOUNT_BALANCE]) { name } }") as never);
    expect(rebuilt.errors).toBeUndefined();
    let last = 0;
    for (let i = 0; i < 5; i++)
      last = (await api.mutate(DepositMoneyDocument, { input: { accountId, amountCents: 1 } })).depositMoney.version;
    const { account } = await api.data(AccountDocument, { id: accountId, minVersion: last });
    expect(account!.version).toBe(last);
    const changes = await untilVersion(results, last);
    unsubscribe();
    const versions = changes.map((change) => (change.row as { version: number }).version);
    expect(versions.at(-1)).toBe(last);
    for (let i = 1; i < versions.length; i++) expect(versions[i]!).toBeGreaterThan(versions[i - 1]!);
  });

  it("sends each version once to a listener that lags: deposits faster than it reads get their latest row", async () => {
    const client = api.ws(await api.bearer("customer", customerId));
    const { results, unsubscribe } = await follow(client, "ACCOUNT_BALANCE", accountId);
    const deposits = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((amountCents) => api.mutate(DepositMoneyDocument, { input: { accountId, amountCents } })),
    );
    const last = Math.max(...deposits.map(({ depositMoney }) => depositMoney.version));
    const changes = await untilVersion(results, last);
    unsubscribe();
    const versions = changes.map((change) => (change.row as { version: number }).version);
    expect(versions.at(-1)).toBe(last);
    expect(new Set(versions).size).toBe(versions.length);
    for (let i = 1; i < versions.length; i++) expect(versions[i]!).toBeGreaterThan(versions[i - 1]!);
  });
});
