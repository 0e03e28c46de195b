/**
 * forgetCustomer, through the real server: afterwards no table of the database (the log, the
 * write side, every read model, the keys) holds any of the customer's personal strings, also
 * after a full rebuild and after a rebuild that ran while a customer was forgotten; reads answer
 * the documented placeholder; orders, accounts and the log stay intact and consistent.
 */
import { randomUUID } from "node:crypto";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addProduct, registerCustomer } from "../support/fixtures.js";
import { dumpDatabase, rebuildAll, settle } from "../support/read-models.js";
import { startTestServer, type GraphQLResponse, type TestServer } from "../support/server.js";

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(async () => {
  await api?.close();
});

type Data = Record<string, Record<string, unknown> | null>;
async function gql(query: string, variables: Record<string, unknown> = {}, authorization?: string): Promise<GraphQLResponse<Data>> {
  const document = parse(query) as TypedDocumentNode<Data, Record<string, unknown>>;
  return api.request(document, variables, authorization === undefined ? {} : { authorization });
}
async function ok(query: string, variables: Record<string, unknown> = {}, authorization?: string): Promise<Data> {
  const response = await gql(query, variables, authorization);
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data!;
}

/** A customer with personal strings found nowhere else, an order, an account with money, and an email change. */
async function customerWithHistory(product: string) {
  const tag = randomUUID().slice(0, 8);
  const person = {
    givenName: `Quirinus${tag}`,
    familyName: `Xylophant${tag}`,
    email: `q.${tag}@forget.example`,
    newEmail: `quirinus.${tag}@forget.example`,
    phone: `+1 555 ${tag.replace(/\D/g, "").padEnd(4, "7").slice(0, 4)} 91`,
    line1: `${tag} Zanzibar Lane`,
    city: `Qwertyville${tag}`,
  };
  const registered = await ok(`mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { streamId } }`, {
    i: {
      givenName: person.givenName,
      familyName: person.familyName,
      email: person.email,
      phone: person.phone,
      address: { line1: person.line1, city: person.city, postalCode: "99999", country: "Utopia" },
    },
  });
  const id = registered.registerCustomer!.streamId as string;
  await ok(`mutation($i: ChangeCustomerEmailInput!) { changeCustomerEmail(input: $i) { position } }`, {
    i: { customerId: id, email: person.newEmail },
  });
  // Nothing to do, under an id of the caller's: recorded with a fingerprint of its input too.
  await ok(`mutation($i: ChangeCustomerEmailInput!) { changeCustomerEmail(input: $i) { position } }`, {
    i: { customerId: id, email: person.newEmail, commandId: randomUUID() },
  });
  const order = await ok(`mutation($i: CreateOrderInput!) { createOrder(input: $i) { streamId } }`, {
    i: { customerId: id, items: [{ productId: product, quantity: 2 }] },
  });
  const account = await ok(`mutation($c: ID!) { openAccount(input: { customerId: $c }) { streamId } }`, { c: id });
  const accountId = account.openAccount!.streamId as string;
  await ok(`mutation($a: ID!) { depositMoney(input: { accountId: $a, amountCents: 4200 }, consistency: STRONG) { position } }`, {
    a: accountId,
  });
  const strings = [person.givenName, person.familyName, person.email, person.newEmail, person.phone, person.line1, person.city, tag];
  return { id, order: order.createOrder!.streamId as string, account: accountId, person, strings };
}

function expectNone(dump: string, strings: readonly string[]): void {
  const text = dump.toLowerCase();
  for (const value of strings) expect(text, `the dump still holds ${value}`).not.toContain(value.toLowerCase());
}

const forget = (customerId: string, authorization?: string) =>
  gql(
    `mutation($i: ForgetCustomerInput!) { forgetCustomer(input: $i, consistency: STRONG) { streamId events } }`,
    { i: { customerId } },
    authorization,
  );

describe("forgetCustomer", () => {
  it("leaves no copy of the customer's personal data in any table, rebuilt or not, and reads answer the placeholder", async () => {
    const product = await addProduct(api, "Forgettable Widget", 1500);
    const customer = await customerWithHistory(product);
    const kept = await customerWithHistory(product);
    await settle(api.app);
    const before = await dumpDatabase(api.app.db.sql);
    // Sealed in the log, but in clear in the read models until forgotten.
    expect(before.toLowerCase()).toContain(customer.person.familyName.toLowerCase());

    const owner = await api.bearer("customer", customer.id);
    const forgotten = await forget(customer.id, owner);
    expect(forgotten.errors).toBeUndefined();
    expect(forgotten.data!.forgetCustomer).toEqual({ streamId: customer.id, events: ["CustomerForgotten"] });

    expectNone(await dumpDatabase(api.app.db.sql), customer.strings);
    // Commands keep a hash of their input, which a guessed email or phone number would match:
    // erased for every command on its stream but the forget itself (whose retry still replays).
    const fingerprinted = async (streamId: string) =>
      (
        await api.app.db.sql.query<{ type: string }>(
          "SELECT command_type AS type FROM commands WHERE stream_id = $1 AND fingerprint IS NOT NULL ORDER BY version, command_type",
          [streamId],
        )
      ).map((row) => row.type);
    expect(await fingerprinted(customer.id)).toEqual(["ForgetCustomer"]);
    expect(await fingerprinted(kept.id)).toEqual(["RegisterCustomer", "ChangeCustomerEmail", "ChangeCustomerEmail"]);
    // The other customer is untouched.
    expect((await dumpDatabase(api.app.db.sql)).toLowerCase()).toContain(kept.person.familyName.toLowerCase());

    const read = await ok(
      `query($c: ID!, $o: ID!, $a: ID!) {
         customer(id: $c) { name givenName familyName email phone address { line1 line2 city postalCode country } forgottenAt }
         orderSummary(id: $o) { customerId customerName customerEmail totalCents status }
         account(id: $a) { balanceCents customerId }
       }`,
      { c: customer.id, o: customer.order, a: customer.account },
    );
    expect(read.customer).toMatchObject({
      name: "[forgotten]",
      givenName: "[forgotten]",
      familyName: null,
      email: "[forgotten]",
      phone: "[forgotten]",
      address: { line1: "[forgotten]", line2: null, city: "[forgotten]", postalCode: "[forgotten]", country: "[forgotten]" },
    });
    expect(read.customer!.forgottenAt).toEqual(expect.any(String));
    expect(read.orderSummary).toEqual({
      customerId: customer.id,
      customerName: "[forgotten]",
      customerEmail: "[forgotten]",
      totalCents: 3000,
      status: "CREATED",
    });
    expect(read.account).toEqual({ balanceCents: 4200, customerId: customer.id });

    // The log stays: the audit trail shows every event, its personal fields as the placeholder.
    const history = await ok(`query($c: ID!) { history(streamId: $c) { totalCount edges { node { type schemaVersion data } } } }`, {
      c: customer.id,
    });
    const events = (history.history!.edges as { node: { type: string; schemaVersion: number; data: Record<string, unknown> } }[]).map(
      (edge) => edge.node,
    );
    expect(events.map((event) => event.type)).toEqual(["CustomerRegistered", "CustomerEmailChanged", "CustomerForgotten"]);
    expect(events[0]).toMatchObject({
      schemaVersion: 2,
      data: { customerId: customer.id, givenName: "[forgotten]", email: "[forgotten]" },
    });
    expect(events[1]!.data).toEqual({ customerId: customer.id, email: "[forgotten]", previousEmail: "[forgotten]" });

    // Search and lookups find nothing of it any more.
    const search = await ok(`query($s: String!) { orders(search: $s) { totalCount } }`, { s: customer.person.familyName });
    expect(search.orders!.totalCount).toBe(0);
    const byEmail = await ok(`query($e: String!) { customerByEmail(email: $e) { id } }`, { e: customer.person.newEmail });
    expect(byEmail.customerByEmail).toBeNull();
    const byMarker = await ok(`query { customerByEmail(email: "[forgotten]") { id } }`);
    expect(byMarker.customerByEmail).toBeNull();

    // Nothing more can be done to it; forgetting again changes nothing; orders and money still move.
    const change = await gql(`mutation($i: ChangeCustomerEmailInput!) { changeCustomerEmail(input: $i) { position } }`, {
      i: { customerId: customer.id, email: "back@forget.example" },
    });
    expect(change.errors![0]!.extensions!.code).toBe("NOT_FOUND");
    const newOrder = await gql(`mutation($i: CreateOrderInput!) { createOrder(input: $i) { streamId } }`, {
      i: { customerId: customer.id, items: [{ productId: product, quantity: 1 }] },
    });
    expect(newOrder.errors![0]!.extensions!.code).toBe("NOT_FOUND");
    expect((await forget(customer.id)).data!.forgetCustomer).toEqual({ streamId: customer.id, events: [] });
    await ok(
      `mutation($o: ID!) { shipOrder(input: { orderId: $o, carrier: "UPS", trackingNumber: "1Z" }, consistency: STRONG) { position } }`,
      {
        o: customer.order,
      },
    );
    await ok(`mutation($a: ID!) { withdrawMoney(input: { accountId: $a, amountCents: 200 }, consistency: STRONG) { position } }`, {
      a: customer.account,
    });
    // Its email is free again: nothing on the write side remembers it.
    await ok(`mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { streamId } }`, {
      i: {
        name: "New Owner",
        email: customer.person.newEmail,
        phone: "+1 555 0100",
        address: { line1: "1 Main St", city: "X", postalCode: "1", country: "Y" },
      },
    });

    await rebuildAll(api.app);
    // (but for the email, now another customer's, and the tag in it)
    const reused = [customer.person.newEmail, customer.strings.at(-1)];
    expectNone(
      await dumpDatabase(api.app.db.sql),
      customer.strings.filter((value) => !reused.includes(value)),
    );
    const rebuilt = await ok(`query($c: ID!, $o: ID!) { customer(id: $c) { name email } orderSummary(id: $o) { customerName status } }`, {
      c: customer.id,
      o: customer.order,
    });
    expect(rebuilt).toEqual({
      customer: { name: "[forgotten]", email: "[forgotten]" },
      orderSummary: { customerName: "[forgotten]", status: "SHIPPED" },
    });
  });

  it("cannot be undone by a rebuild running at the same time", async () => {
    const product = await addProduct(api, "Racing Widget", 700);
    const customers = await Promise.all([customerWithHistory(product), customerWithHistory(product), customerWithHistory(product)]);
    await settle(api.app);
    const rebuilding = rebuildAll(api.app);
    const results = await Promise.all(customers.map((customer) => forget(customer.id)));
    for (const result of results) expect(result.errors).toBeUndefined();
    await rebuilding;
    await settle(api.app);
    const dump = await dumpDatabase(api.app.db.sql);
    for (const customer of customers) expectNone(dump, customer.strings);
  });

  it("is never followed by an order or account of the customer, also when they race", async () => {
    const product = await addProduct(api, "Raced Widget", 300);
    for (let round = 0; round < 4; round++) {
      const customer = await registerCustomer(api);
      const create = () =>
        gql(`mutation($c: ID!, $p: ID!) { createOrder(input: { customerId: $c, items: [{ productId: $p, quantity: 1 }] }) { position } }`, {
          c: customer,
          p: product,
        });
      const open = () => gql(`mutation($c: ID!) { openAccount(input: { customerId: $c }) { position } }`, { c: customer });
      const forgetting = gql(`mutation($c: ID!) { forgetCustomer(input: { customerId: $c }) { position } }`, { c: customer });
      const [forgotten, ...created] = await Promise.all([forgetting, create(), create(), create(), open(), open()]);
      expect(forgotten.errors).toBeUndefined();
      const forgetPosition = BigInt((forgotten.data!.forgetCustomer as { position: string }).position);
      for (const result of created) {
        // Each one either came first, or finds the customer gone.
        if (result.errors) expect(result.errors.map((error) => error.extensions?.code)).toEqual(["NOT_FOUND"]);
        else expect(BigInt((Object.values(result.data!)[0] as { position: string }).position)).toBeLessThan(forgetPosition);
      }
      const [after] = await api.app.db.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM events WHERE type IN ('OrderCreated', 'AccountOpened') AND data ->> 'customerId' = $1 AND position > $2`,
        [customer, forgetPosition],
      );
      expect(after!.n).toBe(0);
    }
  });

  it("is the customer's own or an admin's to ask", async () => {
    const product = await addProduct(api, "Guarded Widget", 100);
    const customer = await customerWithHistory(product);
    const other = await api.bearer("customer", `someone-${randomUUID()}`);
    expect((await forget(customer.id, other)).errors![0]!.extensions!.code).toBe("FORBIDDEN");
    expect((await forget(customer.id, await api.bearer("staff"))).errors![0]!.extensions!.code).toBe("FORBIDDEN");
    expect((await forget(`missing-${randomUUID()}`)).errors![0]!.extensions!.code).toBe("NOT_FOUND");
    const still = await ok(`query($c: ID!) { customer(id: $c) { familyName } }`, { c: customer.id });
    expect(still.customer).toEqual({ familyName: customer.person.familyName });
  });
});
