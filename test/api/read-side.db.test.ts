/**
 * The read side a user of the API looks for, through the real server: lists of orders with
 * filters and full-text search, product search and lookups, a customer's accounts and their
 * ledgers, the audit history of a stream, and global ids. Every list is a Relay connection
 * that pages both ways; each is walked here and compared with the whole.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AddProductDocument,
  AccountLedgerDocument,
  CustomerAccountsDocument,
  CustomerByEmailDocument,
  DepositMoneyDocument,
  HistoryDocument,
  NodeDocument,
  OpenAccountDocument,
  OrdersDocument,
  OrdersWithoutCountDocument,
  type OrdersQuery,
  type OrdersQueryVariables,
  ProductBySkuDocument,
  RenameProductDocument,
  SearchProductsDocument,
  ShipOrderDocument,
  WithdrawMoneyDocument,
} from "../generated/graphql.js";
import { codes, createOrder, registerCustomer } from "../support/fixtures.js";
import { startTestServer, type TestServer } from "../support/server.js";

let api: TestServer;
const run = randomUUID().slice(0, 8);
let ada: string;
let grace: string;
let adaEmail: string;
let teapot: string;
let kettle: string;
let adaOrders: string[];
let graceOrder: string;
let head: string;

beforeAll(async () => {
  api = await startTestServer({ observeQueries: true });
  adaEmail = `ada.lovelace-${run}@analytical.example`;
  ada = await registerCustomer(api, { name: `Ada Lovelace${run}`, email: adaEmail });
  grace = await registerCustomer(api, { name: `Grace Hopper${run}`, email: `grace-${run}@navy.example` });
  const product = async (sku: string, name: string) =>
    (await api.mutate(AddProductDocument, { input: { sku, name, priceCents: 1500 } })).addProduct.streamId;
  teapot = await product(`TP-${run}`, `Teapot${run} Porcelain`);
  kettle = await product(`KT-${run}`, `Kettle${run} Steel`);
  adaOrders = [];
  for (let index = 0; index < 5; index++) {
    adaOrders.push((await createOrder(api, ada, [{ productId: index % 2 === 0 ? teapot : kettle, quantity: 1 }])).streamId);
  }
  graceOrder = (await createOrder(api, grace, [{ productId: kettle, quantity: 2 }])).streamId;
  const shipped = await api.mutate(ShipOrderDocument, { input: { orderId: adaOrders[0]!, carrier: "DHL", trackingNumber: "T1" } });
  head = shipped.shipOrder.position;
});
afterAll(async () => {
  await api?.close();
});

/** Every node of a connection, walked a page at a time forward, then backward from the end. */
async function walk(variables: OrdersQueryVariables, size: number, authorization?: string) {
  const ask = async (page: OrdersQueryVariables) => {
    const response = await api.request(
      OrdersDocument,
      { ...variables, ...page, minPosition: head },
      authorization ? { authorization } : {},
    );
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!.orders;
  };
  const forward: string[] = [];
  let page: OrdersQuery["orders"] = await ask({ first: size });
  const total = page.totalCount;
  expect(page.pageInfo.hasPreviousPage).toBe(false);
  for (;;) {
    forward.push(...page.edges.map((edge) => edge.node.id));
    if (!page.pageInfo.hasNextPage) break;
    page = await ask({ first: size, after: page.pageInfo.endCursor });
    expect(page.pageInfo.hasPreviousPage).toBe(true);
    expect(page.totalCount).toBe(total);
  }
  const backward: string[] = [];
  page = await ask({ last: size });
  expect(page.pageInfo.hasNextPage).toBe(false);
  for (;;) {
    backward.unshift(...page.edges.map((edge) => edge.node.id));
    if (!page.pageInfo.hasPreviousPage) break;
    page = await ask({ last: size, before: page.pageInfo.startCursor });
    expect(page.pageInfo.hasNextPage).toBe(true);
  }
  expect(backward).toEqual(forward);
  expect(forward).toHaveLength(total);
  return forward;
}

describe("orders", () => {
  it("lists every order newest first, filtered by customer, status and creation time, both ways a page at a time", async () => {
    expect(await walk({ filter: { customerId: ada } }, 2)).toEqual([...adaOrders].reverse());
    expect(await walk({ filter: { customerId: ada, status: "SHIPPED" } }, 2)).toEqual([adaOrders[0]]);
    expect(await walk({ filter: { customerId: ada, status: "CREATED" } }, 3)).toEqual(adaOrders.slice(1).reverse());
    const all = await walk({}, 4);
    expect(all).toEqual(expect.arrayContaining([...adaOrders, graceOrder]));
    // Creation time: from is inclusive, to exclusive.
    const third = (await api.data(OrdersDocument, { filter: { customerId: ada }, first: 5 })).orders.edges.find(
      (edge) => edge.node.id === adaOrders[2],
    )!.node;
    expect(await walk({ filter: { customerId: ada, createdFrom: third.createdAt } }, 2)).toEqual(adaOrders.slice(2).reverse());
    expect(await walk({ filter: { customerId: ada, createdTo: third.createdAt } }, 2)).toEqual(adaOrders.slice(0, 2).reverse());
  });

  it("searches order ids, customer names and emails, and current product names, best match first", async () => {
    const ids = async (search: string, filter: OrdersQueryVariables["filter"] = null) =>
      (await api.data(OrdersDocument, { search, filter, first: 100, minPosition: head })).orders.edges.map((edge) => edge.node.id);
    expect(await ids(`lovelace${run}`)).toEqual([...adaOrders].reverse());
    expect(await ids(adaEmail)).toEqual([...adaOrders].reverse());
    expect(await ids(`analytical ada.love`)).toEqual([...adaOrders].reverse());
    expect(await ids(`hopper${run}`)).toEqual([graceOrder]);
    expect(await ids(`kettle${run}`)).toEqual([graceOrder, adaOrders[3], adaOrders[1]]);
    expect(await ids(`kettle${run} -grace`)).toEqual([adaOrders[3], adaOrders[1]]);
    expect(await ids(`teapot${run} or hopper${run}`)).toEqual(
      expect.arrayContaining([adaOrders[0], adaOrders[2], adaOrders[4], graceOrder]),
    );
    expect(await ids(`kettle${run}`, { status: "CREATED", customerId: ada })).toEqual([adaOrders[3], adaOrders[1]]);
    // Type-ahead: an unfinished last word matches as a prefix; a finished one does not.
    expect(await ids(`grace hop`)).toContain(graceOrder);
    expect(await ids(`grace hop `)).not.toContain(graceOrder);
    // An order id, whole or as it is typed; it ranks above orders that only share a word.
    expect(await ids(graceOrder)).toEqual([graceOrder]);
    expect(await ids(graceOrder.toUpperCase())).toEqual([graceOrder]);
    expect(await ids(graceOrder.slice(0, 20))).toEqual([graceOrder]);
    // An id's start stays a prefix after a hyphen or a space: only a whole id is complete.
    for (const typed of [graceOrder.slice(0, 9), graceOrder.slice(0, 14), `${graceOrder.slice(0, 18)} `]) {
      expect(await ids(typed), typed).toContain(graceOrder);
    }
    // A last word PostgreSQL reads as one letter (it drops the ½) is not a prefix.
    expect(await ids(`grace h½`)).not.toContain(graceOrder);
    expect((await ids(`${graceOrder.slice(0, 20)} or kettle${run}`))[0]).toBe(graceOrder);
    // A renamed product is found by its new name only.
    const renamed = await api.mutate(RenameProductDocument, { input: { productId: kettle, name: `Samovar${run}` } });
    const after = { minPosition: renamed.renameProduct.position, first: 100 };
    expect((await api.data(OrdersDocument, { ...after, search: `samovar${run}` })).orders.totalCount).toBe(3);
    expect((await api.data(OrdersDocument, { ...after, search: `kettle${run}` })).orders.totalCount).toBe(0);
    // Punctuation in a product name separates words there too.
    const gadget = (await api.mutate(AddProductDocument, { input: { sku: `GD-${run}`, name: `Super.Gadget${run}/Pro`, priceCents: 99 } }))
      .addProduct.streamId;
    const ordered = await createOrder(api, grace, [{ productId: gadget, quantity: 1 }]);
    for (const text of [`gadget${run} pro`, `Super.Gadget${run}/Pro`, `super gadg`]) {
      expect(
        (await api.data(OrdersDocument, { search: text, minPosition: ordered.position })).orders.edges.map((edge) => edge.node.id),
      ).toEqual([ordered.streamId]);
    }
    // Searches paged both ways agree with the whole.
    expect(await walk({ search: `samovar${run} or teapot${run}` }, 2)).toHaveLength(6);
    // A broad search (more matches than are ranked) lists them newest first, and its cursors
    // (a newest-first key, with the search's scope) keep that order on the next pages.
    const broad = `samovar${run} or teapot${run}`;
    const matches = (await api.data(OrdersDocument, { search: broad, first: 100 })).orders;
    const newest = matches.edges
      .map((edge) => edge.node)
      .sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1));
    const { "@": scope } = JSON.parse(Buffer.from(matches.pageInfo.endCursor!, "base64url").toString()) as { "@": string };
    const newestCursor = (node: (typeof newest)[number]) =>
      Buffer.from(JSON.stringify({ "@": scope, createdAt: node.createdAt, orderId: node.id })).toString("base64url");
    const rest = (await api.data(OrdersDocument, { search: broad, first: 100, after: newestCursor(newest[0]!) })).orders;
    expect(rest.edges.map((edge) => edge.node.id)).toEqual(newest.slice(1).map((node) => node.id));
    expect(rest.pageInfo.hasPreviousPage).toBe(true);
    const before = (await api.data(OrdersDocument, { search: broad, last: 2, before: newestCursor(newest[3]!) })).orders;
    expect(before.edges.map((edge) => edge.node.id)).toEqual(newest.slice(1, 3).map((node) => node.id));
    expect(JSON.parse(Buffer.from(before.pageInfo.endCursor!, "base64url").toString())).not.toHaveProperty("rank");
    // totalCount is counted only when asked for; the page is the same without it.
    const statements: string[] = [];
    const stop = api.app.db.onQuery((sql) => statements.push(sql));
    try {
      const response = await api.request(OrdersWithoutCountDocument, { search: `samovar${run}`, first: 2 });
      expect(response.data?.orders.edges).toHaveLength(2);
    } finally {
      stop();
    }
    expect(statements.filter((sql) => sql.includes("count(*)"))).toEqual([]);
  });

  it("shows a customer only its own orders, and refuses a filter on another customer", async () => {
    const asAda = await api.bearer("customer", ada);
    expect(await walk({}, 2, asAda)).toEqual([...adaOrders].reverse());
    expect(await walk({ search: `hopper${run}` }, 2, asAda)).toEqual([]);
    const other = await api.request(OrdersDocument, { filter: { customerId: grace } }, { authorization: asAda });
    expect(codes(other)).toEqual(["FORBIDDEN"]);
  });

  it("refuses what a hostile client sends with BAD_USER_INPUT, never a database error", async () => {
    const page = await api.data(OrdersDocument, { search: `teapot${run}`, first: 1 });
    const cursor = page.orders.pageInfo.endCursor!;
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const bad: OrdersQueryVariables[] = [
      { first: 1, last: 1 },
      { first: 0 },
      { last: 101 },
      { first: -1 },
      { after: cursor, before: cursor },
      { before: "not a cursor" },
      // A search cursor on the plain list, and the reverse: shapes differ.
      { after: cursor },
      { search: "x", after: forged({ createdAt: new Date().toISOString(), orderId: "x" }) },
      { search: "x", after: forged({ rank: "NaN", createdAt: new Date().toISOString(), orderId: "x" }) },
      { search: "x", after: forged({ rank: "1e999", createdAt: new Date().toISOString(), orderId: "x" }) },
      { search: "x", before: forged({ rank: "0.1'; DROP TABLE events; --", createdAt: new Date().toISOString(), orderId: "x" }) },
      // A rank too small for a real (it would round to zero, which PostgreSQL refuses).
      { search: "x", after: forged({ rank: "1e-99", createdAt: new Date().toISOString(), orderId: "x" }) },
      // A cursor of this list without its scope, and one of another search.
      { after: forged({ createdAt: new Date().toISOString(), orderId: "x" }) },
      { search: `kettle${run}`, after: cursor },
      { filter: { createdFrom: "2026-02-01T00:00:00Z", createdTo: "2026-01-01T00:00:00Z" } },
      { filter: { createdFrom: "0000-01-01T00:00:00Z" } },
      // Only words to leave out, alone or on a side of an `or`: it would read every order to
      // find what it excludes. PostgreSQL decides what it leaves out (`- x` too, `--x`) and
      // what is a word to it (not ½).
      ...["-zzz", `-teapot${run} -kettle${run}`, "- zzz", "--zzz", '-"a b"', "-(zzz)", 'x or -"a b"', "½ or -zzz", "zz or -zz"].map(
        (search) => ({ search }),
      ),
      // 200 words to PostgreSQL, for which ½ separates words; one to JavaScript, for which it is a digit.
      { search: Array.from({ length: 200 }, (_, i) => `w${i}`).join("½") },
    ];
    for (const variables of bad) {
      const response = await api.request(OrdersDocument, variables);
      expect(codes(response), JSON.stringify(variables)).toEqual(["BAD_USER_INPUT"]);
      expect(response.data?.orders ?? null).toBeNull();
    }
    // Search text is data, whatever it holds: operators, quotes, backslashes, nothing searchable.
    for (const search of ["'", "\\", "!!", "a & b | !c", '"unclosed', "-", "or", ":*", "' OR 1=1 --", "(", " ", "x".repeat(1000)]) {
      const response = await api.request(OrdersDocument, { search, first: 5 });
      expect(response.errors, search).toBeUndefined();
    }
  });
});

describe("products", () => {
  it("searches SKUs and names with prefixes, ranks a SKU above a name, and pages both ways", async () => {
    const search = async (text: string, variables = {}) =>
      (await api.data(SearchProductsDocument, { search: text, first: 100, minPosition: head, ...variables })).products;
    expect((await search(`teapot${run}`)).edges.map((edge) => edge.node.id)).toEqual([teapot]);
    expect((await search(`porcel`)).edges.map((edge) => edge.node.id)).toContain(teapot);
    expect((await search(`TP-${run}`)).edges.map((edge) => edge.node.id)).toEqual([teapot]);
    expect((await search(`tp ${run.slice(0, 3)}`)).edges.map((edge) => edge.node.id)).toEqual([teapot]);
    expect((await search(`porcel -teapot${run}`)).edges.map((edge) => edge.node.id)).not.toContain(teapot);
    // A SKU that starts as an order id does (8 hex digits, a hyphen) is found as typed, whole or begun.
    const dated = (await api.mutate(AddProductDocument, { input: { sku: `${run}-01`, name: "Dated", priceCents: 100 } })).addProduct;
    for (const text of [`${run}-01`, `${run}-01 `, `dated ${run.slice(0, 5)}`]) {
      expect(
        (await search(text, { minPosition: dated.position })).edges.map((edge) => edge.node.id),
        text,
      ).toEqual([dated.streamId]);
    }
    // Unsearched, by name; forward and backward pages make the same list.
    const all = await api.data(SearchProductsDocument, { first: 100 });
    const names = all.products.edges.map((edge) => edge.node.name);
    expect(names).toEqual([...names].sort());
    const last = await api.data(SearchProductsDocument, { last: 1 });
    expect(last.products.edges.map((edge) => edge.node.id)).toEqual([all.products.edges.at(-1)!.node.id]);
    expect(last.products.pageInfo).toMatchObject({ hasPreviousPage: all.products.totalCount > 1, hasNextPage: false });
  });

  it("finds a product by SKU in any letter case; an unknown SKU is null", async () => {
    const { productBySku } = await api.data(ProductBySkuDocument, { sku: ` tp-${run} `, minPosition: head });
    expect(productBySku).toEqual({ id: teapot, sku: `TP-${run}`.toUpperCase(), name: `Teapot${run} Porcelain` });
    expect((await api.data(ProductBySkuDocument, { sku: "NO-SUCH" })).productBySku).toBeNull();
  });
});

describe("customers and accounts", () => {
  it("finds a customer by email in any letter case (staff and admin)", async () => {
    const { customerByEmail } = await api.data(CustomerByEmailDocument, { email: adaEmail.toUpperCase(), minPosition: head });
    expect(customerByEmail).toMatchObject({ id: ada, email: adaEmail });
    expect((await api.data(CustomerByEmailDocument, { email: "nobody@example.com" })).customerByEmail).toBeNull();
  });

  it("lists a customer's accounts, each with its ledger newest first, paged both ways", async () => {
    const open = async () => (await api.mutate(OpenAccountDocument, { input: { customerId: grace } })).openAccount.streamId;
    const [zero, first, second] = [await open(), await open(), await open()];
    for (const amount of [100, 250, 40]) await api.mutate(DepositMoneyDocument, { input: { accountId: first, amountCents: amount } });
    const withdrawn = await api.mutate(WithdrawMoneyDocument, { input: { accountId: first, amountCents: 90 } });
    const minPosition = withdrawn.withdrawMoney.position;

    const asGrace = await api.bearer("customer", grace);
    const read = async (variables: Record<string, unknown>) => {
      const response = await api.request(CustomerAccountsDocument, { id: grace, minPosition, ...variables }, { authorization: asGrace });
      if (response.errors) throw new Error(JSON.stringify(response.errors));
      return response.data!.customer!.accounts!;
    };
    const connection = await read({ ledgerFirst: 2 });
    const accounts = connection.edges.map((edge) => edge.node);
    expect(connection.totalCount).toBe(3);
    expect(accounts.map((account) => account.id)).toEqual([zero, first, second]);
    // Accounts a page at a time, both ways.
    const one = await read({ first: 1, after: connection.pageInfo.startCursor });
    expect(one.edges.map((edge) => edge.node.id)).toEqual([first]);
    expect(one.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const tail = await read({ last: 2 });
    expect(tail.edges.map((edge) => edge.node.id)).toEqual([first, second]);
    expect(tail.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(accounts[1]).toMatchObject({ balanceCents: 300 });
    const ledger = accounts[1]!.ledger;
    expect(ledger.totalCount).toBe(4);
    expect(ledger.edges.map((edge) => [edge.node.kind, edge.node.amountCents, edge.node.balanceAfterCents])).toEqual([
      ["WITHDRAWAL", 90, 300],
      ["DEPOSIT", 40, 390],
    ]);
    expect(ledger.edges[0]!.node.position).toBe(minPosition);
    expect(ledger.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    // One account's ledger is paged through that account (a ledger's cursors belong to its account).
    const page = async (variables: Record<string, unknown>) => {
      const response = await api.request(AccountLedgerDocument, { id: first, minPosition, ...variables }, { authorization: asGrace });
      if (response.errors) throw new Error(JSON.stringify(response.errors));
      return response.data!.account!.ledger;
    };
    const rest = await page({ first: 5, after: ledger.pageInfo.endCursor });
    expect(rest.edges.map((edge) => edge.node.amountCents)).toEqual([250, 100]);
    expect(rest.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const back = await page({ last: 1, before: rest.pageInfo.startCursor });
    expect(back.edges.map((edge) => edge.node.amountCents)).toEqual([40]);
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(accounts[2]!.ledger).toMatchObject({ totalCount: 0, edges: [] });
    // Another account's cursor is no cursor of this ledger.
    const other = await api.request(AccountLedgerDocument, { id: second, after: ledger.pageInfo.endCursor }, { authorization: asGrace });
    expect(codes(other)).toEqual(["BAD_USER_INPUT"]);

    // Staff may read the customer, not its accounts.
    const asStaff = await api.request(CustomerAccountsDocument, { id: grace, minPosition }, { authorization: await api.bearer("staff") });
    expect(codes(asStaff)).toEqual(["FORBIDDEN"]);
    expect(asStaff.data?.customer).toMatchObject({ id: grace, accounts: null });
  });
});

describe("history", () => {
  it("returns a stream's events with who issued each command and under which request, both ways a page at a time", async () => {
    const requestId = `audit-${run}`;
    const opened = await api.request(
      OpenAccountDocument,
      { input: { customerId: ada } },
      { authorization: await api.bearer("customer", ada), "x-request-id": requestId },
    );
    const account = opened.data!.openAccount!.streamId;
    await api.mutate(DepositMoneyDocument, { input: { accountId: account, amountCents: 75, commandId: `deposit-${run}` } });
    const { history } = await api.data(HistoryDocument, { streamId: account, first: 1 });
    expect(history).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true, hasPreviousPage: false } });
    expect(history!.edges[0]!.node).toMatchObject({
      type: "AccountOpened",
      streamType: "Account",
      version: 1,
      position: opened.data!.openAccount!.position,
      actor: `customer:${ada}`,
      correlationId: requestId,
      data: { accountId: account, customerId: ada },
    });
    const next = (await api.data(HistoryDocument, { streamId: account, first: 5, after: history!.pageInfo.endCursor })).history!;
    expect(next.edges.map((edge) => edge.node)).toMatchObject([
      { type: "MoneyDeposited", version: 2, actor: "admin:test-admin", commandId: `deposit-${run}`, data: { amountCents: 75 } },
    ]);
    expect(next.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const back = (await api.data(HistoryDocument, { streamId: account, last: 5, before: next.pageInfo.startCursor })).history!;
    expect(back.edges.map((edge) => edge.node.version)).toEqual([1]);
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });

    // A customer reads its own streams; another's, a product's and an unknown one read as null.
    const asGrace = { authorization: await api.bearer("customer", grace) };
    expect((await api.request(HistoryDocument, { streamId: graceOrder }, asGrace)).data?.history?.totalCount).toBe(1);
    expect((await api.request(HistoryDocument, { streamId: grace }, asGrace)).data?.history?.totalCount).toBe(1);
    for (const streamId of [account, ada, teapot, randomUUID()]) {
      expect(await api.request(HistoryDocument, { streamId }, asGrace)).toEqual({ data: { history: null } });
    }
    expect((await api.data(HistoryDocument, { streamId: teapot })).history!.edges[0]!.node.type).toBe("ProductAdded");

    // Its owner sees who else acted only by role; staff read no account's events, as account(id) reads none.
    const asAda = { authorization: await api.bearer("customer", ada) };
    const own = (await api.request(HistoryDocument, { streamId: account, first: 5 }, asAda)).data!.history!;
    expect(own.edges.map((edge) => edge.node.actor)).toEqual([`customer:${ada}`, "admin"]);
    const asStaff = { authorization: await api.bearer("staff") };
    expect(await api.request(HistoryDocument, { streamId: account }, asStaff)).toEqual({ data: { history: null } });
    expect((await api.request(HistoryDocument, { streamId: graceOrder }, asStaff)).data?.history?.totalCount).toBe(1);
  });
});

describe("node", () => {
  it("answers every kind of global id with its object, and another customer's or an unknown id with null", async () => {
    const account = (await api.mutate(OpenAccountDocument, { input: { customerId: grace }, consistency: "STRONG" })).openAccount.streamId;
    const node = async (id: string, authorization?: string) =>
      (await api.request(NodeDocument, { id }, authorization ? { authorization } : {})).data?.node;
    expect(await node(account)).toEqual({ __typename: "Account", id: account, balanceCents: 0 });
    expect(await node(grace)).toEqual({ __typename: "Customer", id: grace, name: `Grace Hopper${run}` });
    expect(await node(adaOrders[0]!)).toEqual({ __typename: "OrderSummary", id: adaOrders[0], status: "SHIPPED" });
    expect(await node(teapot)).toEqual({ __typename: "Product", id: teapot, sku: `TP-${run}`.toUpperCase() });
    expect(await node(randomUUID())).toBeNull();
    const asAda = await api.bearer("customer", ada);
    expect(await node(adaOrders[1]!, asAda)).toMatchObject({ __typename: "OrderSummary", id: adaOrders[1] });
    for (const id of [account, grace, graceOrder]) expect(await node(id, asAda)).toBeNull();
    expect(await node(teapot, asAda)).toMatchObject({ __typename: "Product" });
    // Staff read no accounts: not by account(id), not through node.
    const asStaff = await api.bearer("staff");
    expect(await node(account, asStaff)).toBeNull();
    expect(await node(grace, asStaff)).toMatchObject({ __typename: "Customer" });
  });
});
