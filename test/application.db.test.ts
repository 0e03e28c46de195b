/**
 * The application layer without GraphQL: the modules' command functions, called as the
 * seed script calls them, check roles and ownership themselves, keep idempotency, and wait
 * for the projections with STRONG. Every mutation of the schema is one of them.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerOf, type Caller } from "../src/application/command.js";
import { createApp, type App } from "../src/app.js";
import { CatchupError } from "../src/core/errors.js";
import { getSchema } from "../src/graphql/schema.js";
import * as accounts from "../src/modules/accounts/commands.js";
import * as catalog from "../src/modules/catalog/commands.js";
import * as customers from "../src/modules/customers/commands.js";
import { MODULES } from "../src/modules/index.js";
import * as orders from "../src/modules/orders/commands.js";
import { ADDRESS } from "./support/fixtures.js";
import { createTestDatabase, type TestDatabase } from "./support/database.js";

let database: TestDatabase;
let app: App;
const admin = callerOf({ role: "admin", subject: "admin-1" });
const staff = callerOf({ role: "staff", subject: "staff-1" });
const anonymous = callerOf(null);
const customer = (id: string): Caller => callerOf({ role: "customer", subject: id });

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createApp({ database: database.options, consistencyTimeoutMs: 5000 });
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

/** The code a refused command carries (or "ok"). */
async function code(command: Promise<unknown>): Promise<string> {
  try {
    await command;
    return "ok";
  } catch (error) {
    if (error instanceof CatchupError) return error.code;
    throw error;
  }
}

const registration = (email = `${randomUUID()}@example.com`) => ({ name: "Ada Lovelace", email, phone: "+1 555 0100", address: ADDRESS });

describe("the modules' commands", () => {
  it("are every mutation the schema serves but the rebuild, by the same names", async () => {
    const commandNames = MODULES.flatMap((module) => Object.keys(module.commands)).sort();
    const mutations = Object.keys((await getSchema(MODULES)).getMutationType()!.getFields()).filter(
      (name) => name !== "rebuildProjections",
    );
    expect(commandNames).toEqual(mutations.sort());
    expect(commandNames.length).toBeGreaterThanOrEqual(15);
  });

  it("run without GraphQL, and STRONG returns once every projection applied the write", async () => {
    const ada = await customers.registerCustomer(app, admin, registration(), "STRONG");
    expect(ada).toMatchObject({ version: 1, events: ["CustomerRegistered"], caughtUp: true });
    const account = await accounts.openAccount(app, admin, { customerId: ada.streamId });
    const deposit = await accounts.depositMoney(app, admin, { accountId: account.streamId, amountCents: 2500 }, "STRONG");
    expect(deposit).toMatchObject({ streamId: account.streamId, version: 2, caughtUp: true });
    expect(deposit.position).toBeGreaterThan(account.position);
    for (const name of app.projector.names) expect(app.projector.runner(name).status().position).toBeGreaterThanOrEqual(deposit.position);
  });

  it("check the caller's role: no principal is UNAUTHENTICATED, a role the command does not admit is FORBIDDEN", async () => {
    expect(await code(customers.registerCustomer(app, anonymous, registration()))).toBe("UNAUTHENTICATED");
    expect(
      await code(catalog.addProduct(app, customer(randomUUID()), { sku: `SKU-${randomUUID().slice(0, 8)}`, name: "Mug", priceCents: 500 })),
    ).toBe("FORBIDDEN");
    expect(await code(customers.registerCustomer(app, staff, registration()))).toBe("FORBIDDEN");
    const { streamId: customerId } = await customers.registerCustomer(app, admin, registration());
    const product = await catalog.addProduct(app, staff, { sku: `SKU-${randomUUID().slice(0, 8)}`, name: "Mug", priceCents: 500 });
    expect(await code(orders.createOrder(app, staff, { customerId, items: [{ productId: product.streamId, quantity: 1 }] }))).toBe(
      "FORBIDDEN",
    );
    const order = await orders.createOrder(app, admin, { customerId, items: [{ productId: product.streamId, quantity: 1 }] });
    expect(await code(orders.shipOrder(app, customer(customerId), { orderId: order.streamId, carrier: "DHL", trackingNumber: "T1" }))).toBe(
      "FORBIDDEN",
    );
    expect(await code(orders.shipOrder(app, staff, { orderId: order.streamId, carrier: "DHL", trackingNumber: "T1" }))).toBe("ok");
  });

  it("let a customer act on its own customer, accounts and orders only", async () => {
    const aliceId = randomUUID();
    const bobId = randomUUID();
    const alice = customer(aliceId);
    const bob = customer(bobId);
    expect((await customers.registerCustomer(app, alice, registration())).streamId).toBe(aliceId);
    await customers.registerCustomer(app, bob, registration());
    const account = await accounts.openAccount(app, alice, { customerId: aliceId });
    expect(await code(accounts.openAccount(app, bob, { customerId: aliceId }))).toBe("FORBIDDEN");
    expect(await code(accounts.depositMoney(app, bob, { accountId: account.streamId, amountCents: 100 }))).toBe("FORBIDDEN");
    expect(await code(customers.changeCustomerEmail(app, bob, { customerId: aliceId, email: `${randomUUID()}@example.com` }))).toBe(
      "FORBIDDEN",
    );
    expect(await code(accounts.depositMoney(app, alice, { accountId: account.streamId, amountCents: 100 }))).toBe("ok");
    // The refusals wrote nothing: Alice's account holds her deposit alone.
    expect((await app.store.readStream(account.streamId)).map((event) => event.type)).toEqual(["AccountOpened", "MoneyDeposited"]);
  });

  it("keep idempotency: a retry by the same caller returns the first outcome and writes nothing", async () => {
    const { streamId: customerId } = await customers.registerCustomer(app, admin, registration());
    const account = await accounts.openAccount(app, admin, { customerId });
    const input = { accountId: account.streamId, amountCents: 700, commandId: `deposit-${randomUUID()}` };
    const first = await accounts.depositMoney(app, admin, input);
    const retry = await accounts.depositMoney(app, callerOf(admin.principal), input);
    expect(retry).toMatchObject({ commandId: first.commandId, streamId: first.streamId, version: first.version, position: first.position });
    expect(await app.store.readStream(account.streamId)).toHaveLength(2);
    expect(await code(accounts.withdrawMoney(app, admin, { ...input, amountCents: 700 }))).toBe("DUPLICATE");
  });
});
