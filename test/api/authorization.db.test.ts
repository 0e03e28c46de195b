/**
 * Every operation × every kind of caller: anonymous, the owning customer, another customer,
 * staff, admin. A refused operation answers UNAUTHENTICATED or FORBIDDEN with no data and
 * writes nothing; an allowed one never does (it may still fail for a domain reason, such as
 * shipping an order twice). Subscriptions are checked the same way over graphql-ws.
 */
import { randomUUID } from "node:crypto";
import type { Client } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ADDRESS, addProduct, createOrder, registerCustomer } from "../support/fixtures.js";
import { startTestServer, type TestServer } from "../support/server.js";

type Caller = "anonymous" | "owner" | "other" | "staff" | "admin";
const CALLERS: Caller[] = ["anonymous", "owner", "other", "staff", "admin"];

/** Who may call an operation (anonymous never may). */
type Access = "own" | "ownOrStaff" | "self" | "staff" | "admin" | "any";
const ALLOWED: Record<Access, Caller[]> = {
  own: ["owner", "admin"],
  ownOrStaff: ["owner", "staff", "admin"],
  // registerCustomer: a customer registers itself (its token's subject), an admin anyone.
  self: ["owner", "other", "admin"],
  staff: ["staff", "admin"],
  admin: ["admin"],
  any: ["owner", "other", "staff", "admin"],
};

let api: TestServer;
let tokens: Record<Caller, string>;
let ids: { customer: string; account: string; order: string; product: string };

interface Response {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function call(caller: Caller, query: string, variables: Record<string, unknown> = {}): Promise<{ status: number; body: Response }> {
  const response = await fetch(api.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: tokens[caller] },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Response };
}

const head = async () => api.app.store.lastPosition();

beforeAll(async () => {
  api = await startTestServer();
  const customer = await registerCustomer(api);
  const other = await registerCustomer(api);
  const product = await addProduct(api, "Widget", 500);
  const order = (await createOrder(api, customer, [{ productId: product, quantity: 1 }])).streamId;
  tokens = {
    anonymous: "",
    owner: await api.bearer("customer", customer),
    other: await api.bearer("customer", other),
    staff: await api.bearer("staff"),
    admin: await api.bearer("admin"),
  };
  const account = await call("admin", "mutation($c: ID!) { openAccount(input: { customerId: $c }) { streamId } }", { c: customer });
  ids = { customer, account: (account.body.data!.openAccount as { streamId: string }).streamId, order, product };
  await call(
    "admin",
    "mutation($a: ID!) { depositMoney(input: { accountId: $a, amountCents: 100000 }, consistency: STRONG) { position } }",
    { a: ids.account },
  );
});
afterAll(async () => {
  await api?.close();
});

const email = () => `auth-${randomUUID()}@example.com`;

/** Each root Query and Mutation field, with the access the API documents for it. */
/**
 * `byId`: a read by id, which answers another customer as if the row were missing (null, no
 * error), so that the two cannot be told apart.
 */
const OPERATIONS: {
  name: string;
  access: Access;
  query: string;
  variables: () => Record<string, unknown>;
  writes?: boolean;
  byId?: boolean;
  /** With byId, the callers refused as if the row were missing (another customer's, by default). */
  asMissing?: Caller[];
  /** Runs after every other test of the file (it ends the customer they use). */
  last?: boolean;
}[] = [
  // Customers
  {
    name: "registerCustomer",
    access: "self",
    writes: true,
    query: "mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { streamId } }",
    variables: () => ({ i: { name: "Grace", email: email(), phone: "+1 555 0101", address: ADDRESS } }),
  },
  {
    name: "changeCustomerEmail",
    access: "own",
    writes: true,
    query: "mutation($i: ChangeCustomerEmailInput!) { changeCustomerEmail(input: $i) { streamId } }",
    variables: () => ({ i: { customerId: ids.customer, email: email() } }),
  },
  {
    name: "changeCustomerPhoneNumber",
    access: "own",
    writes: true,
    query: "mutation($i: ChangeCustomerPhoneNumberInput!) { changeCustomerPhoneNumber(input: $i) { streamId } }",
    variables: () => ({ i: { customerId: ids.customer, phone: `+1 555 ${Math.floor(Math.random() * 9000 + 1000)}` } }),
  },
  {
    name: "updateCustomerAddress",
    access: "own",
    writes: true,
    query: "mutation($i: UpdateCustomerAddressInput!) { updateCustomerAddress(input: $i) { streamId } }",
    variables: () => ({ i: { customerId: ids.customer, address: { ...ADDRESS, line1: `${Math.floor(Math.random() * 1000)} Elm St` } } }),
  },
  {
    name: "customer",
    access: "ownOrStaff",
    byId: true,
    query: "query($id: ID!) { customer(id: $id) { id name } }",
    variables: () => ({ id: ids.customer }),
  },
  {
    name: "customerByEmail",
    access: "staff",
    query: "query($e: String!) { customerByEmail(email: $e) { id } }",
    variables: () => ({ e: "nobody@example.com" }),
  },
  // Accounts
  {
    name: "openAccount",
    access: "own",
    writes: true,
    query: "mutation($i: OpenAccountInput!) { openAccount(input: $i) { streamId } }",
    variables: () => ({ i: { customerId: ids.customer } }),
  },
  {
    name: "depositMoney",
    access: "own",
    writes: true,
    query: "mutation($i: DepositMoneyInput!) { depositMoney(input: $i) { streamId } }",
    variables: () => ({ i: { accountId: ids.account, amountCents: 100 } }),
  },
  {
    name: "withdrawMoney",
    access: "own",
    writes: true,
    query: "mutation($i: WithdrawMoneyInput!) { withdrawMoney(input: $i) { streamId } }",
    variables: () => ({ i: { accountId: ids.account, amountCents: 1 } }),
  },
  {
    name: "account",
    access: "own",
    byId: true,
    query: "query($id: ID!) { account(id: $id) { id balanceCents } }",
    variables: () => ({ id: ids.account }),
  },
  {
    name: "account (consistent)",
    access: "own",
    byId: true,
    query: "query($id: ID!) { account(id: $id, consistent: true) { id balanceCents } }",
    variables: () => ({ id: ids.account }),
  },
  // Catalog
  {
    name: "addProduct",
    access: "staff",
    writes: true,
    query: "mutation($i: AddProductInput!) { addProduct(input: $i) { streamId } }",
    variables: () => ({ i: { sku: `SKU-${randomUUID().slice(0, 8)}`, name: "Gadget", priceCents: 700 } }),
  },
  {
    name: "renameProduct",
    access: "staff",
    writes: true,
    query: "mutation($i: RenameProductInput!) { renameProduct(input: $i) { streamId } }",
    variables: () => ({ i: { productId: ids.product, name: `Widget ${randomUUID().slice(0, 4)}` } }),
  },
  {
    name: "changeProductPrice",
    access: "staff",
    writes: true,
    query: "mutation($i: ChangeProductPriceInput!) { changeProductPrice(input: $i) { streamId } }",
    variables: () => ({ i: { productId: ids.product, priceCents: 500 + Math.floor(Math.random() * 100) } }),
  },
  { name: "product", access: "any", query: "query($id: ID!) { product(id: $id) { id name } }", variables: () => ({ id: ids.product }) },
  { name: "products", access: "any", query: "{ products(first: 5) { edges { cursor node { id } } } }", variables: () => ({}) },
  {
    name: "products (search)",
    access: "any",
    query: '{ products(search: "widg", last: 5) { totalCount edges { node { id } } } }',
    variables: () => ({}),
  },
  {
    name: "productBySku",
    access: "any",
    query: "query($s: String!) { productBySku(sku: $s) { id } }",
    variables: () => ({ s: "NO-SUCH-SKU" }),
  },
  // The audit trail and global ids: another customer's stream reads as a missing one.
  {
    name: "history",
    access: "ownOrStaff",
    byId: true,
    query: "query($id: ID!) { history(streamId: $id, first: 5) { totalCount edges { node { type actor data } } } }",
    variables: () => ({ id: ids.order }),
  },
  {
    name: "node",
    access: "ownOrStaff",
    byId: true,
    query: "query($id: ID!) { node(id: $id) { id ... on OrderSummary { customerId } } }",
    variables: () => ({ id: ids.order }),
  },
  // An account's stream, as `account(id)` reads it: its owner and admin; staff read it as missing.
  {
    name: "history (account)",
    access: "own",
    byId: true,
    asMissing: ["other", "staff"],
    query: "query($id: ID!) { history(streamId: $id, first: 5) { totalCount edges { node { type actor data } } } }",
    variables: () => ({ id: ids.account }),
  },
  {
    name: "node (account)",
    access: "own",
    byId: true,
    asMissing: ["other", "staff"],
    query: "query($id: ID!) { node(id: $id) { id ... on Account { balanceCents } } }",
    variables: () => ({ id: ids.account }),
  },
  // Orders
  {
    name: "createOrder",
    access: "own",
    writes: true,
    query: "mutation($i: CreateOrderInput!) { createOrder(input: $i) { streamId } }",
    variables: () => ({ i: { customerId: ids.customer, items: [{ productId: ids.product, quantity: 1 }] } }),
  },
  {
    name: "addOrderItem",
    access: "own",
    writes: true,
    query: "mutation($i: AddOrderItemInput!) { addOrderItem(input: $i) { streamId } }",
    variables: () => ({ i: { orderId: ids.order, productId: ids.product, quantity: 1 } }),
  },
  {
    name: "removeOrderItem",
    access: "own",
    writes: true,
    query: "mutation($i: RemoveOrderItemInput!) { removeOrderItem(input: $i) { streamId } }",
    variables: () => ({ i: { orderId: ids.order, productId: randomUUID() } }),
  },
  {
    name: "orderSummary",
    access: "ownOrStaff",
    byId: true,
    query: "query($id: ID!) { orderSummary(id: $id) { id customerId customer { id } } }",
    variables: () => ({ id: ids.order }),
  },
  {
    name: "orderSummary (consistent)",
    access: "ownOrStaff",
    byId: true,
    query: "query($id: ID!) { orderSummary(id: $id, consistent: true) { id customerId } }",
    variables: () => ({ id: ids.order }),
  },
  {
    name: "customerOrders",
    access: "own",
    query: "query($c: ID!) { customerOrders(customerId: $c, first: 5) { edges { cursor node { id } } } }",
    variables: () => ({ c: ids.customer }),
  },
  {
    name: "orders",
    access: "ownOrStaff",
    query: "query($c: ID!) { orders(filter: { customerId: $c }, first: 5) { totalCount edges { node { id } } } }",
    variables: () => ({ c: ids.customer }),
  },
  {
    // Without a customer filter a customer lists (and searches) its own orders only.
    name: "orders (search)",
    access: "any",
    query: '{ orders(search: "widget", first: 5) { totalCount edges { node { id customerId } } } }',
    variables: () => ({}),
  },
  {
    name: "shippingDashboard",
    access: "staff",
    query: "{ shippingDashboard { awaitingShipment(first: 5) { totalCount edges { node { id } } } countsByStatus { status count } } }",
    variables: () => ({}),
  },
  {
    name: "orderAnalytics",
    access: "staff",
    query: "query($d: Date!) { orderAnalytics(from: $d, to: $d) { date ordersCreated } }",
    variables: () => ({ d: new Date().toISOString().slice(0, 10) }),
  },
  { name: "topProducts", access: "staff", query: "{ topProducts(first: 3) { productId quantitySold } }", variables: () => ({}) },
  // Operations
  { name: "projections", access: "any", query: "{ projections { name position } }", variables: () => ({}) },
  {
    name: "rebuildProjections",
    access: "admin",
    query: "mutation { rebuildProjections(projections: [PRODUCT_CATALOG]) { name } }",
    variables: () => ({}),
  },
  // Last: these end the order's life.
  {
    name: "shipOrder",
    access: "staff",
    writes: true,
    query: "mutation($i: ShipOrderInput!) { shipOrder(input: $i) { streamId } }",
    variables: () => ({ i: { orderId: ids.order, carrier: "UPS", trackingNumber: "1Z999" } }),
  },
  {
    name: "cancelOrder",
    access: "own",
    writes: true,
    query: "mutation($i: CancelOrderInput!) { cancelOrder(input: $i) { streamId } }",
    variables: () => ({ i: { orderId: ids.order, reason: "changed my mind" } }),
  },
  // Ends the customer: checked after every other test (a second forget, by the admin, changes nothing).
  {
    name: "forgetCustomer",
    access: "own",
    writes: true,
    last: true,
    query: "mutation($i: ForgetCustomerInput!) { forgetCustomer(input: $i) { streamId } }",
    variables: () => ({ i: { customerId: ids.customer } }),
  },
];

describe("authorization matrix (HTTP)", () => {
  it("covers every root Query and Mutation field", async () => {
    const { body } = await call("admin", "{ __schema { queryType { fields { name } } mutationType { fields { name } } } }");
    const schema = body.data!.__schema as { queryType: { fields: { name: string }[] }; mutationType: { fields: { name: string }[] } };
    const fields = [...schema.queryType.fields, ...schema.mutationType.fields].map((field) => field.name).sort();
    const covered = [...new Set(OPERATIONS.map((operation) => operation.name.split(" ")[0]!))].sort();
    expect(covered).toEqual(fields);
  });

  for (const operation of OPERATIONS.filter((operation) => !operation.last)) {
    it(`${operation.name}: ${operation.access}`, () => checkAccess(operation));
  }

  it("another customer's row and a missing one look the same, on reads and on waits for a version", async () => {
    const quick = await startTestServer({ consistencyTimeoutMs: 300 });
    try {
      const owner = await registerCustomer(quick);
      const product = await addProduct(quick, "Widget", 500);
      const order = (await createOrder(quick, owner, [{ productId: product, quantity: 1 }])).streamId;
      const opened = await fetch(quick.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: await quick.bearer("admin") },
        body: JSON.stringify({
          query: "mutation($c: ID!) { openAccount(input: { customerId: $c }, consistency: STRONG) { streamId } }",
          variables: { c: owner },
        }),
      });
      const account = ((await opened.json()) as { data: { openAccount: { streamId: string } } }).data.openAccount.streamId;
      const stranger = await quick.bearer("customer", randomUUID());
      const ask = async (query: string, id: string) => {
        const response = await fetch(quick.url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: stranger },
          body: JSON.stringify({ query, variables: { id } }),
        });
        const text = await response.text();
        return { status: response.status, text: text.replaceAll(id, "<id>") };
      };
      // consistent: true reads another customer's stream no further than its first event: as
      // fast as a missing one, however long the stream (counted, not timed).
      const reads = vi.spyOn(quick.app.store, "readStream");
      for (const [field, id] of [
        ["orderSummary", order],
        ["account", account],
      ] as const) {
        const theirs = await ask(`query($id: ID!) { ${field}(id: $id, consistent: true) { id } }`, id);
        expect(theirs).toEqual(await ask(`query($id: ID!) { ${field}(id: $id, consistent: true) { id } }`, randomUUID()));
        expect(JSON.parse(theirs.text)).toEqual({ data: { [field]: null } });
      }
      expect(reads).not.toHaveBeenCalled();
      reads.mockRestore();
      // Every pair at once: most of them wait out the timeout.
      const pairs = (["", ", minVersion: 1", ", minVersion: 9"] as const).flatMap((args) =>
        (
          [
            ["orderSummary", order],
            ["account", account],
            ["customer", owner],
          ] as const
        ).map(async ([field, id]) => {
          const query = `query($id: ID!) { ${field}(id: $id${args}) { id } }`;
          const [theirs, missing] = await Promise.all([ask(query, id), ask(query, randomUUID())]);
          expect(theirs, `${field}(${args}) as for a missing row`).toEqual(missing);
          if (args === ", minVersion: 9") {
            expect(theirs.text).toContain('"code":"CONSISTENCY_TIMEOUT"');
            expect(theirs.text).toContain('"currentVersion":0');
          }
        }),
      );
      await Promise.all(pairs);
    } finally {
      await quick.close();
    }
  });

  it("a repeated commandId does not reveal another customer's command result", async () => {
    const commandId = randomUUID();
    const input = { accountId: ids.account, amountCents: 5, commandId };
    const query = "mutation($i: DepositMoneyInput!) { depositMoney(input: $i) { streamId position } }";
    const first = await call("owner", query, { i: input });
    expect(first.body.errors).toBeUndefined();
    const replayed = await call("other", query, { i: input });
    expect(replayed.body.errors?.map((error) => error.extensions?.code)).toEqual(["DUPLICATE"]);
    expect(replayed.body.data).toEqual({ depositMoney: null });
  });

  /** registerCustomer as a customer token of this subject. */
  async function registerAs(subject: string, name: string): Promise<Response> {
    const response = await fetch(api.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: await api.bearer("customer", subject) },
      body: JSON.stringify({
        query: "mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i, consistency: STRONG) { streamId } }",
        variables: { i: { name, email: email(), phone: "+1 555 0199", address: ADDRESS } },
      }),
    });
    return (await response.json()) as Response;
  }

  it("a customer token whose subject is another stream's id cannot register onto that stream", async () => {
    // An identity provider that lets users pick their sub: the sub names an existing account.
    const before = await head();
    const body = await registerAs(ids.account, "Mallory");
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(["DUPLICATE"]);
    expect(await head()).toBe(before);
    // The account still works for its owner.
    const deposit = await call("owner", "mutation($a: ID!) { depositMoney(input: { accountId: $a, amountCents: 1 }) { version } }", {
      a: ids.account,
    });
    expect(deposit.body.errors).toBeUndefined();
  });

  it("a customer token registers its own subject as the customer id", async () => {
    const subject = `self-${randomUUID()}`;
    const body = await registerAs(subject, "Self");
    expect(body.data).toEqual({ registerCustomer: { streamId: subject } });
  });
});

describe("authorization of subscriptions (graphql-ws)", () => {
  const READ_MODELS: { projection: string; access: Access; id: () => string; change: () => Promise<unknown> }[] = [
    {
      projection: "ORDER_SUMMARY",
      access: "ownOrStaff",
      id: () => live.order,
      change: () =>
        call("admin", "mutation($i: AddOrderItemInput!) { addOrderItem(input: $i) { position } }", {
          i: { orderId: live.order, productId: ids.product, quantity: 1 },
        }),
    },
    {
      projection: "SHIPPING_DASHBOARD",
      access: "staff",
      id: () => live.order,
      change: () =>
        call("admin", "mutation($i: ShipOrderInput!) { shipOrder(input: $i) { position } }", {
          i: { orderId: live.order, carrier: "DHL", trackingNumber: "42" },
        }),
    },
    {
      projection: "CUSTOMER_PROFILE",
      access: "ownOrStaff",
      id: () => ids.customer,
      change: () =>
        call("admin", "mutation($i: ChangeCustomerPhoneNumberInput!) { changeCustomerPhoneNumber(input: $i) { position } }", {
          i: { customerId: ids.customer, phone: `+1 555 ${Date.now() % 10000}` },
        }),
    },
    {
      projection: "CUSTOMER_ORDERS",
      access: "own",
      id: () => ids.customer,
      change: () =>
        call("admin", "mutation($i: CreateOrderInput!) { createOrder(input: $i) { position } }", {
          i: { customerId: ids.customer, items: [{ productId: ids.product, quantity: 2 }] },
        }),
    },
    {
      projection: "ACCOUNT_BALANCE",
      access: "own",
      id: () => ids.account,
      change: () =>
        call("admin", "mutation($i: DepositMoneyInput!) { depositMoney(input: $i) { position } }", {
          i: { accountId: ids.account, amountCents: 7 },
        }),
    },
    {
      projection: "PRODUCT_CATALOG",
      access: "any",
      id: () => ids.product,
      change: () =>
        call("admin", "mutation($i: RenameProductInput!) { renameProduct(input: $i) { position } }", {
          i: { productId: ids.product, name: `W ${randomUUID().slice(0, 4)}` },
        }),
    },
    {
      projection: "ORDER_ANALYTICS",
      access: "staff",
      id: () => new Date().toISOString().slice(0, 10),
      change: () =>
        call("admin", "mutation($i: CreateOrderInput!) { createOrder(input: $i) { position } }", {
          i: { customerId: ids.customer, items: [{ productId: ids.product, quantity: 1 }] },
        }),
    },
  ];
  let live: { order: string };
  const clients: Partial<Record<Caller, Client>> = {};

  beforeAll(async () => {
    live = { order: (await createOrder(api, ids.customer, [{ productId: ids.product, quantity: 1 }])).streamId };
    for (const caller of CALLERS) if (caller !== "anonymous") clients[caller] = api.ws(tokens[caller]);
  });

  for (const model of READ_MODELS) {
    it(`readModelChanged(${model.projection}): ${model.access}`, async () => {
      // Every earlier change applied (so none reaches the new subscriptions), and the previous
      // test's subscriptions gone (the server holds no row listener).
      expect(await api.app.consistency.caughtUp(api.app.projector.names, await head())).toBe(true);
      await expect
        .poll(() => api.app.notifier.stats.rowListeners, { timeout: 10_000, message: "the previous subscriptions to end" })
        .toBe(0);
      const subscriptions = (CALLERS.filter((caller) => caller !== "anonymous") as Caller[]).map((caller) => {
        const outcome = new Promise<{ caller: Caller; code?: string; data?: unknown }>((resolve) => {
          const stop = clients[caller]!.subscribe(
            {
              query: "subscription($p: Projection!, $id: ID!) { readModelChanged(projection: $p, id: $id) { id version } }",
              variables: { p: model.projection, id: model.id() },
            },
            {
              next: (result) => {
                const code = result.errors?.[0]?.extensions?.code as string | undefined;
                resolve({ caller, code, data: result.data });
                stop();
              },
              error: (error) => resolve({ caller, code: `closed: ${String(error)}` }),
              complete: () => {},
            },
          );
        });
        return outcome;
      });
      // Subscriptions that are allowed wait for a change, each on a row listener; refusals answer at once.
      const allowed = ALLOWED[model.access].filter((caller) => caller !== "anonymous").length;
      await expect
        .poll(() => api.app.notifier.stats.rowListeners, { timeout: 10_000, message: `${allowed} allowed subscriptions to listen` })
        .toBe(allowed);
      await model.change();
      const outcomes = await Promise.all(subscriptions);
      for (const outcome of outcomes) {
        if (ALLOWED[model.access].includes(outcome.caller)) {
          expect(outcome, `${outcome.caller} should receive the change`).toMatchObject({
            code: undefined,
            data: { readModelChanged: { id: model.id() } },
          });
        } else {
          expect(outcome, `${outcome.caller} should be refused`).toMatchObject({ code: "FORBIDDEN", data: undefined });
        }
      }
    });
  }

  it("caughtUp and projectionProgress are open to every role", async () => {
    const position = (await head()).toString();
    for (const caller of ["owner", "other", "staff", "admin"] as Caller[]) {
      const result = await new Promise<unknown>((resolve, reject) => {
        clients[caller]!.subscribe(
          { query: "subscription($p: Position!) { caughtUp(position: $p) { caughtUp } }", variables: { p: position } },
          { next: (value) => resolve(value), error: reject, complete: () => {} },
        );
      });
      expect(result).toMatchObject({ data: { caughtUp: { caughtUp: true } } });
    }
    await expect
      .poll(() => api.app.notifier.stats.checkpointListeners, { timeout: 10_000, message: "no checkpoint listener before" })
      .toBe(0);
    const progress = (["owner", "other", "staff", "admin"] as Caller[]).map(
      (caller) =>
        new Promise<unknown>((resolve, reject) => {
          const stop = clients[caller]!.subscribe(
            { query: "subscription { projectionProgress(projections: [ACCOUNT_BALANCE]) { projection position } }" },
            {
              next: (value) => {
                resolve(value);
                stop();
              },
              error: reject,
              complete: () => {},
            },
          );
        }),
    );
    await expect
      .poll(() => api.app.notifier.stats.checkpointListeners, { timeout: 10_000, message: "four progress subscriptions to listen" })
      .toBe(4);
    await call("admin", "mutation($i: DepositMoneyInput!) { depositMoney(input: $i) { position } }", {
      i: { accountId: ids.account, amountCents: 3 },
    });
    for (const result of await Promise.all(progress))
      expect(result).toMatchObject({ data: { projectionProgress: { projection: "ACCOUNT_BALANCE" } } });
  });
});

/** Calls the operation as each caller, and checks that exactly the allowed ones get through. */
async function checkAccess(operation: (typeof OPERATIONS)[number]): Promise<void> {
  for (const caller of CALLERS) {
    const before = await head();
    const { status, body } = await call(caller, operation.query, operation.variables());
    const codes = (body.errors ?? []).map((error) => error.extensions?.code);
    const allowed = ALLOWED[operation.access].includes(caller);
    if (!allowed && operation.byId && (operation.asMissing ?? ["other"]).includes(caller)) {
      expect(body, "another customer's row reads as a missing one").toEqual({ data: { [operation.name.split(" ")[0]!]: null } });
    } else if (allowed) {
      expect(codes, `${caller} should be allowed`).not.toContain("FORBIDDEN");
      expect(codes, `${caller} should be allowed`).not.toContain("UNAUTHENTICATED");
      expect(codes, `${caller}: ${JSON.stringify(body.errors)}`).not.toContain("INTERNAL_SERVER_ERROR");
    } else {
      expect(status).toBe(200);
      expect(codes, `${caller} should be refused`).toEqual([caller === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN"]);
      expect(
        Object.values(body.data ?? {}).every((value) => value === null),
        `${caller} gets no data`,
      ).toBe(true);
      // The refusal names no data: no ids of the resource or its owner.
      for (const id of Object.values(ids)) expect(body.errors![0]!.message).not.toContain(id);
      if (operation.writes) expect(await head(), `${caller} wrote nothing`).toBe(before);
    }
  }
}

describe("authorization matrix (HTTP), last", () => {
  for (const operation of OPERATIONS.filter((operation) => operation.last)) {
    it(`${operation.name}: ${operation.access}`, () => checkAccess(operation));
  }
});
