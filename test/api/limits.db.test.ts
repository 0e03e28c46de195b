/**
 * Input limits: query depth and cost, page sizes, request and message sizes, string, id and
 * list lengths, out-of-range numbers, CSRF prevention, introspection off. Each refusal is a
 * documented code with a message that says what to change, and writes nothing.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import { DEFAULT_LIMITS } from "../../src/config.js";
import { MAX_SEARCH_WORDS } from "../../src/core/projection-helpers/text-search.js";
import { listScope } from "../../src/graphql/pagination.js";
import { ADDRESS, addProduct, registerCustomer } from "../support/fixtures.js";
import { startTestServer, type TestServer } from "../support/server.js";

let api: TestServer;
let admin: string;

interface Response {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Response }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: admin, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Response };
}

const codes = (body: Response) => (body.errors ?? []).map((error) => error.extensions?.code);

beforeAll(async () => {
  api = await startTestServer();
  admin = await api.bearer("admin");
});
afterAll(async () => {
  await api?.close();
});

describe("query depth and cost", () => {
  it("refuses an operation that selects too much, over HTTP and WebSocket alike", async () => {
    // Up to 50 orders of up to 100 lines each: about 45,000 fields at most.
    const page =
      "customerOrders(customerId: $c, first: 50) { edges { cursor node { id status totalCents itemCount items { productId productName quantity unitPriceCents product { id name sku priceCents } } } } }";
    const query = `query Greedy($c: ID!) { ${Array.from({ length: 10 }, (_, i) => `p${i}: ${page}`).join(" ")} }`;
    const refused = await post(api.url, { query, variables: { c: "x" } });
    expect(refused.status).toBe(400);
    expect(codes(refused.body)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(refused.body.errors![0]!.message).toMatch(/operation Greedy may resolve \d+ fields .* the limit is 50000/);
    // One page of it is fine.
    const one = await post(api.url, { query: `query($c: ID!) { ${page} }`, variables: { c: "x" } });
    expect(one.body.errors).toBeUndefined();

    // Twice: a refused document is not kept as if it had passed.
    for (let attempt = 0; attempt < 2; attempt++) {
      const ws = await new Promise<unknown>((resolve) => {
        api.ws().subscribe({ query, variables: { c: "x" } }, { next: () => {}, error: resolve, complete: () => resolve("completed") });
      });
      expect(ws).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(/may resolve \d+ fields/),
          extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
        }),
      ]);
    }
  });

  it("refuses an operation nested deeper than the limit", async () => {
    const shallow = await startTestServer({ server: { limits: { ...DEFAULT_LIMITS, maxDepth: 3 } } });
    try {
      const deep = await post(
        shallow.url,
        { query: "{ products(first: 1) { edges { node { id } } } }" },
        { authorization: await shallow.bearer("admin") },
      );
      expect(codes(deep.body)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
      expect(deep.body.errors![0]!.message).toMatch(/nested 4 levels deep; the limit is 3/);
      const ok = await post(shallow.url, { query: "{ projections { name } }" }, { authorization: await shallow.bearer("admin") });
      expect(ok.body.errors).toBeUndefined();
    } finally {
      await shallow.close();
    }
  });

  it("refuses a page larger than 100", async () => {
    const response = await post(api.url, { query: "{ products(first: 101) { edges { cursor } } }" });
    expect(codes(response.body)).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("request and message sizes", () => {
  it("refuses an HTTP body over 1 MiB with 413", async () => {
    const response = await post(api.url, { query: "{ projections { name } }", variables: { padding: "x".repeat(1024 * 1024) } });
    expect(response.status).toBe(413);
    expect(codes(response.body)).toEqual(["BAD_REQUEST"]);
  });

  it("refuses a body nested deeper than 64 levels before parsing it, without a token", async () => {
    const response = await fetch(api.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: `{"query":"{ __typename }","variables":{"a":${"[".repeat(400_000)}${"]".repeat(400_000)}}}`,
    });
    expect(response.status).toBe(400);
    expect((await response.json()) as Response).toEqual({
      errors: [{ message: "request body nests deeper than 64 levels", extensions: { code: "BAD_REQUEST" } }],
    });
  });

  it("closes a WebSocket that sends a message over 1 MiB (1009), and does not log the client's mistake as an internal error", async () => {
    const logged = vi.spyOn(console, "error");
    const code = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(api.url.replace("http", "ws"), "graphql-transport-ws");
      socket.on("open", () =>
        socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: admin, padding: "x".repeat(1024 * 1024 + 1) } })),
      );
      socket.on("close", (closeCode) => resolve(closeCode));
      socket.on("error", () => {});
      setTimeout(() => reject(new Error("not closed")), 5000);
    });
    expect(code).toBe(1009);
    expect(logged.mock.calls.filter((call) => String(call[0]).includes("Internal error"))).toEqual([]);
    logged.mockRestore();
  });
});

describe("argument values", () => {
  it("bounds strings, ids and lists, and refuses numbers outside Int", async () => {
    const customerId = await registerCustomer(api);
    const productId = await addProduct(api, "Bolt", 100);
    const before = await api.app.store.lastPosition();
    const register = (name: string) => ({
      query: "mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { streamId } }",
      variables: { i: { name, email: `${randomUUID()}@example.com`, phone: "+1 555 0100", address: ADDRESS } },
    });
    const cases: [string, unknown, RegExp][] = [
      ["a 1,001-character string", register("n".repeat(1001)), /input\.name must be at most 1000 characters/],
      ["a NUL character", register("Ada\u0000Lovelace"), /input\.name must not contain NUL characters/],
      [
        "a 129-character id",
        { query: "query($id: ID!) { orderSummary(id: $id) { id } }", variables: { id: "i".repeat(129) } },
        /id must be at most 128 characters/,
      ],
      [
        "a list of 101 items",
        {
          query: "mutation($i: CreateOrderInput!) { createOrder(input: $i) { streamId } }",
          variables: { i: { customerId, items: Array.from({ length: 101 }, () => ({ productId, quantity: 1 })) } },
        },
        /input\.items must have at most 100 entries/,
      ],
      [
        "an amount above Int",
        {
          query: "mutation($i: DepositMoneyInput!) { depositMoney(input: $i) { streamId } }",
          variables: { i: { accountId: "a", amountCents: 1e20 } },
        },
        /Int cannot represent non 32-bit signed integer value/,
      ],
      [
        "a string where a number goes",
        {
          query: "mutation($i: DepositMoneyInput!) { depositMoney(input: $i) { streamId } }",
          variables: { i: { accountId: "a", amountCents: "100" } },
        },
        /Int cannot represent non-integer value/,
      ],
    ];
    for (const [name, body, message] of cases) {
      const response = await post(api.url, body);
      expect(codes(response.body), name).toEqual(["BAD_USER_INPUT"]);
      expect(response.body.errors![0]!.message, name).toMatch(message);
    }
    expect(await api.app.store.lastPosition()).toBe(before);
  });
});

describe("search", () => {
  it(`refuses a search of more than ${MAX_SEARCH_WORDS} words, as a hostile client sends it (1,000 characters of short words and ors)`, async () => {
    const hostile = Array.from({ length: 333 }, (_, i) => (i % 2 ? "or" : String.fromCharCode(97 + (i % 26)) + "x"))
      .join(" ")
      .slice(0, 1000);
    for (const field of ["orders", "products"]) {
      const response = await post(api.url, {
        query: `query($s: String!) { ${field}(search: $s, first: 5) { totalCount edges { node { id } } } }`,
        variables: { s: hostile },
      });
      expect(codes(response.body), field).toEqual(["BAD_USER_INPUT"]);
      expect(response.body.errors![0]!.message, field).toMatch(/search takes at most 32 words; this one has 333/);
      expect(response.body.data, field).toBeNull();
    }
    const within = Array.from({ length: MAX_SEARCH_WORDS }, (_, i) => (i % 2 ? "or" : `w${i}`)).join(" ");
    const response = await post(api.url, {
      query: "query($s: String!) { orders(search: $s, first: 5) { totalCount } products(search: $s, first: 5) { totalCount } }",
      variables: { s: within },
    });
    expect(response.body).toEqual({ data: { orders: { totalCount: 0 }, products: { totalCount: 0 } } });
  });
});

describe("search and reads, as a hostile client sends them", () => {
  it("a forged cursor of a search with no words, an `or` of a left-out word, a minPosition no write has reached: BAD_USER_INPUT", async () => {
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    // Cursors are not signed: their scope is a hash anyone can compute, so shapes must be checked.
    const nothing = "!!!";
    const orderScope = listScope("orders", { status: null, customerId: null, createdFrom: null, createdTo: null, search: nothing });
    const ranked = forged({ "@": orderScope, rank: "0", createdAt: new Date().toISOString(), orderId: "x" });
    const productCursor = forged({ "@": listScope("products", nothing), rank: "0", name: "x", id: "y" });
    const cases: [string, unknown][] = [
      ["orders after", { query: 'query($c: String) { orders(search: "!!!", after: $c) { totalCount } }', variables: { c: ranked } }],
      [
        "orders before",
        { query: 'query($c: String) { orders(search: "!!!", last: 5, before: $c) { totalCount } }', variables: { c: ranked } },
      ],
      [
        "products after",
        { query: 'query($c: String) { products(search: "!!!", after: $c) { totalCount } }', variables: { c: productCursor } },
      ],
      // `x or -y` would read every order (no index serves it), and so every product.
      ["orders or -word", { query: '{ orders(search: "zz or -zz", first: 5) { totalCount } }' }],
      ["products or -word", { query: '{ products(search: "-zz or zz", first: 5) { totalCount } }' }],
    ];
    for (const [name, body] of cases) {
      const response = await post(api.url, body);
      expect(codes(response.body), name).toEqual(["BAD_USER_INPUT"]);
      expect(response.body.errors![0]!.message, name).toMatch(/cursor is not one of this list's|a word to find on each side of an `or`/);
    }
    // A position no write has reached would only wait out the timeout (CONSISTENCY_TIMEOUT): refused, as the header is.
    const head = await api.app.store.lastPosition();
    const beyond = await post(api.url, {
      query: "query($p: Position) { orders(first: 1, minPosition: $p) { totalCount } }",
      variables: { p: String(head + 1000n) },
    });
    expect(codes(beyond.body)).toEqual(["BAD_USER_INPUT"]);
    expect(beyond.body.errors![0]!.message).toMatch(new RegExp(`minPosition ${head + 1000n} is beyond the log's head \\(${head}\\)`));
    const reached = await post(api.url, {
      query: "query($p: Position) { orders(first: 1, minPosition: $p) { totalCount } }",
      variables: { p: String(head) },
    });
    expect(reached.body.errors).toBeUndefined();
  });
});

describe("client mistakes answered as such, never INTERNAL_SERVER_ERROR", () => {
  it("an explicit null for an argument with a default, a lone surrogate, a forged cursor, a foreign stream read as an account, too many bad variables", async () => {
    const customerId = await registerCustomer(api);
    const orderless = await post(api.url, {
      query: "query($id: ID!, $c: Boolean) { account(id: $id, consistent: $c) { id } }",
      variables: { id: customerId, c: null },
    });
    expect(orderless.body).toEqual({ data: { account: null } });
    // A customer's stream read as an account with consistent: true is no account (its events are not folded).
    expect(
      (await post(api.url, { query: "query($id: ID!) { account(id: $id, consistent: true) { id } }", variables: { id: customerId } })).body,
    ).toEqual({ data: { account: null } });

    const surrogate = await post(api.url, {
      query: "mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { streamId } }",
      variables: { i: { name: "Ada \ud800", email: `${randomUUID()}@example.com`, phone: "+1 555 0100", address: ADDRESS } },
    });
    expect(codes(surrogate.body)).toEqual(["BAD_USER_INPUT"]);
    expect(surrogate.body.errors![0]!.message).toMatch(/input\.name must be valid Unicode/);

    const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    for (const after of [
      forge({ createdAt: "-100000-01-01T00:00:00.000Z", orderId: "x" }),
      forge({ createdAt: "2026-01-01T00:00:00Z", orderId: "\u0000" }),
      forge({ createdAt: "2026-01-01T00:00:00Z" }),
    ]) {
      const page = await post(api.url, {
        query: "query($c: ID!, $a: String) { customerOrders(customerId: $c, after: $a) { totalCount } }",
        variables: { c: customerId, a: after },
      });
      expect(codes(page.body)).toEqual(["BAD_USER_INPUT"]);
      expect(page.body.errors![0]!.message).toBe("after is not a cursor this field returned");
    }
    const products = await post(api.url, {
      query: "query($a: String) { products(after: $a) { edges { cursor } } }",
      variables: { a: forge({ name: "\ud800", id: "x" }) },
    });
    expect(codes(products.body)).toEqual(["BAD_USER_INPUT"]);

    const many = await post(api.url, {
      query: "mutation($p: [Projection!]) { rebuildProjections(projections: $p) { name } }",
      variables: { p: Array.from({ length: 60 }, () => "NOPE") },
    });
    expect(new Set(codes(many.body))).toEqual(new Set(["BAD_USER_INPUT"]));

    // A subscription sent over HTTP is pointed to graphql-ws (graphql-js would run it as a query, and fail).
    const subscription = await post(api.url, { query: 'subscription { caughtUp(position: "1") { caughtUp } }' });
    expect(subscription.status).toBe(400);
    expect(codes(subscription.body)).toEqual(["BAD_REQUEST"]);
    expect(subscription.body.errors![0]!.message).toMatch(/subscriptions are served over WebSocket/);
  });
});

describe("CSRF prevention and introspection", () => {
  it("refuses a GET without a preflight header, and answers one with it", async () => {
    const url = `${api.url}?query=${encodeURIComponent("{ projections { name } }")}`;
    const simple = await fetch(url, { headers: { authorization: admin } });
    expect(simple.status).toBe(400);
    expect(await simple.text()).toMatch(/CSRF/);
    const preflighted = await fetch(url, { headers: { authorization: admin, "apollo-require-preflight": "true" } });
    expect(preflighted.status).toBe(200);
  });

  it("refuses introspection when it is turned off", async () => {
    const closed = await startTestServer({ server: { introspection: false } });
    try {
      const response = await post(
        closed.url,
        { query: "{ __schema { queryType { name } } }" },
        { authorization: await closed.bearer("admin") },
      );
      expect(codes(response.body)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    } finally {
      await closed.close();
    }
  });
});
