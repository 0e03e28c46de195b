/**
 * Fuzzed mutation inputs over HTTP (fast-check): wrong types, huge and fractional numbers,
 * unicode, empty strings, missing and extra fields, whole inputs of the wrong shape. Every
 * answer is a documented error code or a success; no internals leak; a refused command
 * writes nothing; the server stays up.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADDRESS, addProduct, CLIENT_CODES, createOrder, LEAKS, registerCustomer } from "../support/fixtures.js";
import { startTestServer, type TestServer } from "../support/server.js";

let api: TestServer;
let admin: string;
let ids: { customer: string; account: string; product: string; order: string };

beforeAll(async () => {
  api = await startTestServer();
  admin = await api.bearer("admin");
  const customer = await registerCustomer(api);
  const product = await addProduct(api, "Fuzz", 300);
  const order = (await createOrder(api, customer, [{ productId: product, quantity: 1 }])).streamId;
  const response = await fetch(api.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: admin },
    body: JSON.stringify({ query: `mutation { openAccount(input: { customerId: "${customer}" }) { streamId } }` }),
  });
  const account = ((await response.json()) as { data: { openAccount: { streamId: string } } }).data.openAccount.streamId;
  ids = { customer, account, product, order };
});
afterAll(async () => {
  await api?.close();
});

/** Anything a careless or hostile client might put in a field. */
const junk = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom("", " ", "\u0000", "💥".repeat(300), "x".repeat(1200), "' OR 1=1 --", "<script>", "-1", "1e309"),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, 1e300, 0.5),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

/** A field: usually junk, sometimes a plausible value, so that deeper checks are reached too. */
const field = (...plausible: unknown[]) =>
  fc.oneof({ weight: 2, arbitrary: junk }, { weight: 1, arbitrary: fc.constantFrom(...plausible) });

/** An input object whose fields may each be missing. */
function input(fields: Record<string, fc.Arbitrary<unknown>>) {
  return fc.oneof({ weight: 9, arbitrary: fc.record(fields, { requiredKeys: [] }) }, { weight: 1, arbitrary: junk });
}

const MUTATIONS: [string, string, () => fc.Arbitrary<unknown>][] = [
  [
    "registerCustomer",
    "RegisterCustomerInput",
    () =>
      input({
        name: field("Ada"),
        email: field("fuzz@example.com", "FUZZ@EXAMPLE.COM", "not-an-email"),
        phone: field("+1 555 0100", "12"),
        address: fc.oneof(
          junk,
          fc.constant(ADDRESS),
          fc.record(
            { line1: field("1 Main"), city: field("X"), postalCode: field("1"), country: field("US", "USA", "") },
            { requiredKeys: [] },
          ),
        ),
      }),
  ],
  ["changeCustomerEmail", "ChangeCustomerEmailInput", () => input({ customerId: field(ids.customer), email: field("fuzz2@example.com") })],
  [
    "changeCustomerPhoneNumber",
    "ChangeCustomerPhoneNumberInput",
    () => input({ customerId: field(ids.customer), phone: field("+44 20 7946 0000") }),
  ],
  [
    "updateCustomerAddress",
    "UpdateCustomerAddressInput",
    () => input({ customerId: field(ids.customer), address: fc.oneof(junk, fc.constant(ADDRESS)) }),
  ],
  ["openAccount", "OpenAccountInput", () => input({ customerId: field(ids.customer, "nobody") })],
  [
    "depositMoney",
    "DepositMoneyInput",
    () => input({ accountId: field(ids.account), amountCents: field(1, 100, 2 ** 31 - 1), commandId: field("fuzz-1", "bad id!") }),
  ],
  [
    "withdrawMoney",
    "WithdrawMoneyInput",
    () => input({ accountId: field(ids.account), amountCents: field(1, 10 ** 9), expectedVersion: field(0, 1, 999) }),
  ],
  ["addProduct", "AddProductInput", () => input({ sku: field("FUZZ-1"), name: field("Thing"), priceCents: field(1, 100_000_001) })],
  ["renameProduct", "RenameProductInput", () => input({ productId: field(ids.product), name: field("Renamed") })],
  ["changeProductPrice", "ChangeProductPriceInput", () => input({ productId: field(ids.product), priceCents: field(350, 0) })],
  [
    "createOrder",
    "CreateOrderInput",
    () =>
      input({
        customerId: field(ids.customer),
        items: fc.oneof(
          junk,
          fc.array(fc.record({ productId: field(ids.product), quantity: field(1, 10_001) }, { requiredKeys: [] }), { maxLength: 3 }),
        ),
      }),
  ],
  ["addOrderItem", "AddOrderItemInput", () => input({ orderId: field(ids.order), productId: field(ids.product), quantity: field(1, 0) })],
  ["removeOrderItem", "RemoveOrderItemInput", () => input({ orderId: field(ids.order), productId: field(ids.product) })],
  ["shipOrder", "ShipOrderInput", () => input({ orderId: field(ids.order), carrier: field("UPS", ""), trackingNumber: field("1Z", "") })],
  ["cancelOrder", "CancelOrderInput", () => input({ orderId: field(ids.order), reason: field("because", "") })],
];

describe("fuzzed mutation inputs", () => {
  for (const [mutation, type, arbitrary] of MUTATIONS) {
    it(`${mutation}: only documented errors, nothing written when refused`, async () => {
      const query = `mutation($i: ${type}!) { ${mutation}(input: $i) { streamId position } }`;
      await fc.assert(
        fc.asyncProperty(arbitrary(), async (value) => {
          const before = await api.app.store.lastPosition();
          const response = await fetch(api.url, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: admin },
            body: JSON.stringify({ query, variables: { i: value } }),
          });
          expect([200, 400]).toContain(response.status);
          const body = (await response.json()) as {
            data?: Record<string, unknown> | null;
            errors?: { message: string; extensions?: { code?: string } }[];
          };
          for (const error of body.errors ?? []) {
            expect(CLIENT_CODES.has(error.extensions?.code ?? "none"), `${error.extensions?.code}: ${error.message}`).toBe(true);
            expect(error.message).not.toMatch(LEAKS);
          }
          if (body.errors) {
            expect(body.data?.[mutation] ?? null).toBeNull();
            expect(await api.app.store.lastPosition(), "a refused command writes nothing").toBe(before);
          } else {
            expect(body.data?.[mutation]).toMatchObject({ streamId: expect.any(String) });
          }
        }),
        { numRuns: 40 },
      );
    });
  }

  it("the server is still up and answering", async () => {
    const health = await fetch(api.url.replace("/graphql", "/healthz"));
    expect(health.status).toBe(200);
    const response = await fetch(api.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: admin },
      body: JSON.stringify({ query: "{ projections { name } }" }),
    });
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
  });
});
