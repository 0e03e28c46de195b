/** Customers and catalog through the real server. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AddProductDocument,
  ChangeCustomerEmailDocument,
  ChangeCustomerPhoneNumberDocument,
  ChangeProductPriceDocument,
  CustomerDocument,
  ProductDocument,
  ProductsDocument,
  type ProductsQuery,
  RegisterCustomerDocument,
  RenameProductDocument,
  UpdateCustomerAddressDocument,
} from "../generated/graphql.js";
import { addProduct, ADDRESS, codes, registerCustomer } from "../support/fixtures.js";
import { startTestServer, type TestServer } from "../support/server.js";

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ consistencyTimeoutMs: 2000 });
});
afterAll(async () => {
  await api?.close();
});

describe("customers", () => {
  it("registers a customer and reads the profile back", async () => {
    const email = `grace-${randomUUID()}@example.com`;
    const { registerCustomer: result } = await api.mutate(RegisterCustomerDocument, {
      input: { name: "Grace Hopper", email: email.toUpperCase(), phone: "+1 555 0199", address: { ...ADDRESS, line2: "Suite 9" } },
    });
    expect(result.events).toEqual(["CustomerRegistered"]);
    const { customer } = await api.data(CustomerDocument, { id: result.streamId, minPosition: result.position });
    expect(customer).toEqual({
      id: result.streamId,
      name: "Grace Hopper",
      email,
      phone: "+1 555 0199",
      address: { ...ADDRESS, line2: "Suite 9" },
      version: 1,
      position: result.position,
    });
  });

  it("changes email, address and phone with one narrow command each", async () => {
    const customerId = await registerCustomer(api);
    const email = `new-${randomUUID()}@example.com`;
    await api.mutate(ChangeCustomerEmailDocument, { input: { customerId, email } });
    await api.mutate(UpdateCustomerAddressDocument, { input: { customerId, address: { ...ADDRESS, city: "Shelbyville" } } });
    const { changeCustomerPhoneNumber } = await api.mutate(ChangeCustomerPhoneNumberDocument, {
      input: { customerId, phone: "+1 555 0111" },
    });
    expect(changeCustomerPhoneNumber.version).toBe(4);
    const { customer } = await api.data(CustomerDocument, { id: customerId, minVersion: 4 });
    expect(customer).toMatchObject({ email, phone: "+1 555 0111", address: { city: "Shelbyville" }, version: 4 });
  });

  it("refuses an email another customer has with DUPLICATE, and frees an email that was changed away", async () => {
    const email = `taken-${randomUUID()}@example.com`;
    const first = await registerCustomer(api, { email });
    const second = await registerCustomer(api);
    const register = await api.request(RegisterCustomerDocument, {
      input: { name: "X", email: email.toUpperCase(), phone: "+1 555 0100", address: ADDRESS },
    });
    expect(codes(register)).toEqual(["DUPLICATE"]);
    expect(codes(await api.request(ChangeCustomerEmailDocument, { input: { customerId: second, email } }))).toEqual(["DUPLICATE"]);
    await api.mutate(ChangeCustomerEmailDocument, { input: { customerId: first, email: `moved-${randomUUID()}@example.com` } });
    await api.mutate(ChangeCustomerEmailDocument, { input: { customerId: second, email } });
  });

  it("lets exactly one of several concurrent registrations with one email win", async () => {
    const email = `race-${randomUUID()}@example.com`;
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        api.request(RegisterCustomerDocument, { input: { name: "Racer", email, phone: "+1 555 0100", address: ADDRESS } }),
      ),
    );
    expect(responses.filter((response) => !response.errors)).toHaveLength(1);
    expect(responses.flatMap(codes)).toEqual(Array(5).fill("DUPLICATE"));
  });

  it("validates input with BAD_USER_INPUT and reports unknown customers as NOT_FOUND", async () => {
    const bad = await api.request(RegisterCustomerDocument, {
      input: { name: "X", email: "nope", phone: "+1 555 0100", address: ADDRESS },
    });
    expect(codes(bad)).toEqual(["BAD_USER_INPUT"]);
    expect(bad.errors![0]!.extensions).toMatchObject({ field: "email" });
    expect(
      codes(await api.request(ChangeCustomerPhoneNumberDocument, { input: { customerId: randomUUID(), phone: "+1 555 0100" } })),
    ).toEqual(["NOT_FOUND"]);
    expect((await api.data(CustomerDocument, { id: randomUUID() })).customer).toBeNull();
  });
});

describe("catalog", () => {
  it("adds, renames and reprices a product", async () => {
    const sku = `mug-${randomUUID().slice(0, 6)}`;
    const { addProduct: added } = await api.mutate(AddProductDocument, { input: { sku, name: "Mug", priceCents: 1200 } });
    await api.mutate(RenameProductDocument, { input: { productId: added.streamId, name: "Large mug" } });
    const { changeProductPrice } = await api.mutate(ChangeProductPriceDocument, { input: { productId: added.streamId, priceCents: 1500 } });
    expect(changeProductPrice).toMatchObject({ version: 3, events: ["ProductPriceChanged"] });
    const { product } = await api.data(ProductDocument, { id: added.streamId, minPosition: changeProductPrice.position });
    expect(product).toEqual({
      id: added.streamId,
      sku: sku.toUpperCase(),
      name: "Large mug",
      priceCents: 1500,
      version: 3,
      position: changeProductPrice.position,
    });
  });

  it("refuses a taken SKU with DUPLICATE, also when two adds race", async () => {
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => api.request(AddProductDocument, { input: { sku, name: "Twin", priceCents: 100 } })),
    );
    expect(responses.filter((response) => !response.errors)).toHaveLength(1);
    expect(responses.flatMap(codes)).toEqual(Array(3).fill("DUPLICATE"));
    expect(codes(await api.request(AddProductDocument, { input: { sku: sku.toLowerCase(), name: "Again", priceCents: 1 } }))).toEqual([
      "DUPLICATE",
    ]);
  });

  it("returns the same result when a rename is retried with its commandId, and CONCURRENCY_CONFLICT for a stale version", async () => {
    const productId = await addProduct(api, "Teapot", 3000);
    const commandId = `rename-${randomUUID()}`;
    const first = await api.mutate(RenameProductDocument, { input: { productId, name: "Teapot XL", commandId } });
    const retry = await api.mutate(RenameProductDocument, { input: { productId, name: "Teapot XL", commandId } });
    expect(retry).toEqual(first);
    const stale = await api.request(ChangeProductPriceDocument, { input: { productId, priceCents: 1, expectedVersion: 1 } });
    expect(codes(stale)).toEqual(["CONCURRENCY_CONFLICT"]);
  });

  it("validates prices and names, and reports unknown products as NOT_FOUND", async () => {
    expect(codes(await api.request(AddProductDocument, { input: { sku: "OK-1", name: "X", priceCents: 0 } }))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await api.request(AddProductDocument, { input: { sku: "not ok", name: "X", priceCents: 1 } }))).toEqual([
      "BAD_USER_INPUT",
    ]);
    expect(codes(await api.request(RenameProductDocument, { input: { productId: randomUUID(), name: "X" } }))).toEqual(["NOT_FOUND"]);
  });

  it("pages through products by name with opaque cursors", async () => {
    const prefix = `Page ${randomUUID().slice(0, 4)}`;
    const names = ["A", "B", "C", "D", "E"].map((letter) => `${prefix} ${letter}`);
    let last = "0";
    for (const name of [...names].reverse()) {
      const { addProduct: added } = await api.mutate(AddProductDocument, {
        input: { sku: `P-${randomUUID().slice(0, 8)}`, name, priceCents: 10 },
      });
      last = added.position;
    }
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const { products }: ProductsQuery = await api.data(ProductsDocument, { first: 2, after, minPosition: last });
      expect(products.edges.length).toBeLessThanOrEqual(2);
      seen.push(...products.edges.map((edge) => edge.node.name));
      after = products.pageInfo.hasNextPage ? products.pageInfo.endCursor : null;
      pages++;
    } while (after && pages < 100);
    expect(seen.filter((name) => name.startsWith(prefix))).toEqual(names);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("bounds the page size and rejects a cursor it did not make", async () => {
    expect(codes(await api.request(ProductsDocument, { first: 101 }))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await api.request(ProductsDocument, { first: 0 }))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await api.request(ProductsDocument, { after: "not-a-cursor" }))).toEqual(["BAD_USER_INPUT"]);
  });
});
