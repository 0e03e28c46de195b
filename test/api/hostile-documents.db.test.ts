/**
 * Documents an attacker would send, anonymously where the transport allows it: refused
 * before graphql-js validates them, after work linear in their size (counted, not timed:
 * catchup_graphql_document_work_total), with a client code, on HTTP and graphql-ws alike.
 * And what one client may hold over WebSocket: operations per connection, connections per
 * token, the document cache.
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import { DEFAULT_LIMITS } from "../../src/config.js";
import { startTestServer, type TestServer } from "../support/server.js";

let api: TestServer;
let closed: TestServer;

interface Response {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Response }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Response };
}

const codes = (body: Response) => [...new Set((body.errors ?? []).map((error) => error.extensions?.code))];
const messages = (errors: unknown) => (errors as { message: string }[]).map((error) => error.message).join("\n");

/** The server's count of selections its document limits examined so far. */
async function work(server: TestServer): Promise<number> {
  const text = await (await fetch(server.url.replace("/graphql", "/metrics"))).text();
  return Number(/^catchup_graphql_document_work_total (\d+)/m.exec(text)![1]);
}

async function metric(server: TestServer, name: string): Promise<number> {
  const text = await (await fetch(server.url.replace("/graphql", "/metrics"))).text();
  return Number(new RegExp(`^${name} (\\d+)`, "m").exec(text)![1]);
}

/** `times` aliases of one field, each selecting `name` and `inner`. */
const aliased = (times: number, field: string, inner: string) =>
  Array.from({ length: times }, (_, i) => `${field[0]}${i}: ${field} { name ${inner} }`).join(" ");

/** `{ ...F<levels> }` where each fragment spreads the one before it twice: 2^levels fields once expanded. */
function doublingFragments(levels: number, on = "Query", leaf = "__typename"): string {
  const fragments = [`fragment F0 on ${on} { ${leaf} }`];
  for (let level = 1; level <= levels; level++) fragments.push(`fragment F${level} on ${on} { ...F${level - 1} ...F${level - 1} }`);
  return `query Doubling { ...F${levels} }\n${fragments.join("\n")}`;
}

/** The first message a graphql-ws subscription gets: its errors (in an error or a next message), or "data"/"complete". */
function firstAnswer(
  server: TestServer,
  authorization: string | null,
  query: string,
  variables?: Record<string, unknown>,
): Promise<unknown> {
  return new Promise((resolve) => {
    const client = server.ws(authorization);
    const stop = client.subscribe(
      { query, variables },
      { next: (result) => (stop(), resolve(result.errors ?? "data")), error: resolve, complete: () => resolve("complete") },
    );
  });
}

beforeAll(async () => {
  api = await startTestServer();
  closed = await startTestServer({ server: { introspection: false } });
});
afterAll(async () => {
  await api?.close();
  await closed?.close();
});

describe("a document of nested fragments", () => {
  it("is refused, anonymously, after work linear in its size, not in what it expands to", async () => {
    const measured: number[] = [];
    for (const levels of [21, 41, 81]) {
      const before = await work(api);
      const response = await post(api.url, { query: doublingFragments(levels) });
      expect(response.status).toBe(400);
      expect(codes(response.body)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
      expect(messages(response.body.errors)).toMatch(/operation Doubling may resolve (\d+|over a billion) fields/);
      measured.push((await work(api)) - before);
    }
    // One selection per fragment spread and per field written: 2 per level and the leaf and
    // the operation's spread. 2^81 fields were never visited.
    expect(measured).toEqual([21, 41, 81].map((levels) => 2 * levels + 2));
    expect((await fetch(api.url.replace("/graphql", "/healthz"))).status).toBe(200);
  });

  it("is refused the same way over graphql-ws", async () => {
    const before = await work(api);
    const answer = await firstAnswer(
      api,
      await api.bearer("customer", "c-doubling"),
      doublingFragments(41).replace("query", "subscription"),
    );
    expect(messages(answer)).toMatch(/may resolve over a billion fields/);
    expect(codes({ errors: answer as Response["errors"] })).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect((await work(api)) - before).toBe(2 * 41 + 2);
  });

  it("into introspection is refused too, before graphql-js's introspection rule walks it", async () => {
    const response = await post(api.url, {
      query: `{ __schema { ...F30 } }\n${doublingFragments(30, "__Schema", "types { name }").split("\n").slice(1).join("\n")}`,
    });
    expect(codes(response.body)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
  });
});

describe("every field counts, and every document is bounded", () => {
  const cases: [string, string, string, RegExp][] = [
    [
      "__typename under pages",
      `{ ${[1, 2, 3, 4, 5].map((n) => `p${n}: products(first: 100) { edges { node { ${"__typename ".repeat(99)} } } }`).join(" ")} }`,
      "GRAPHQL_VALIDATION_FAILED",
      /may resolve 50010 fields/,
    ],
    [
      "lists that take no page: items of orders, each with its product",
      `{ ${[1, 2, 3, 4, 5].map((n) => `a${n}: customerOrders(customerId: "c", first: 100) { edges { node { items { productId productName quantity unitPriceCents lineTotalCents product { id name sku priceCents addedAt updatedAt version position } } } } }`).join(" ")} }`,
      "GRAPHQL_VALIDATION_FAILED",
      /may resolve 701010 fields/,
    ],
    [
      "one composite field selected 26 times in a set",
      `{ ${Array.from({ length: 26 }, (_, i) => `products { ...F${i} }`).join(" ")} }\n${Array.from({ length: 26 }, (_, i) => `fragment F${i} on ProductConnection { edges { cursor } }`).join("\n")}`,
      "GRAPHQL_VALIDATION_FAILED",
      /selects one field with a selection of its own 26 times .* the limit is 25/,
    ],
    [
      "more aliases than allowed",
      `{ ${Array.from({ length: 101 }, (_, i) => `a${i}: __typename`).join(" ")} }`,
      "GRAPHQL_VALIDATION_FAILED",
      /101 aliases; the limit is 100/,
    ],
    [
      "more directives than allowed",
      `{ ${Array.from({ length: 51 }, (_, i) => `a${i}: __typename @include(if: true)`).join(" ")} }`,
      "GRAPHQL_VALIDATION_FAILED",
      /51 directives; the limit is 50/,
    ],
    [
      "a wide selection set",
      `{ ${"__typename ".repeat(101)} }`,
      "GRAPHQL_VALIDATION_FAILED",
      /holds 101 fields \(fragments expanded\); the limit is 100/,
    ],
    [
      "50,000 __typename aliases (0.8-4.6 s of execution each, before)",
      `{ ${Array.from({ length: 50_000 }, (_, i) => `a${i}: __typename`).join(" ")} }`,
      "GRAPHQL_VALIDATION_FAILED",
      /the document is \d+ bytes; the limit is 32768/,
    ],
    [
      "a wide set through fragments",
      `{ ...A ...B }\nfragment A on Query { ${"__typename ".repeat(60)} }\nfragment B on Query { ${"__typename ".repeat(60)} }`,
      "GRAPHQL_VALIDATION_FAILED",
      /holds 120 fields/,
    ],
    [
      "introspection's lists multiplied by aliases (a 1 KB document was answered with 40 MB, before)",
      `{ __schema { ${aliased(8, "types", aliased(8, "fields", `type { ${aliased(8, "fields", "")} }`))} } }`,
      "GRAPHQL_VALIDATION_FAILED",
      /may resolve too many fields/,
    ],
    ["more tokens than allowed", `{ ${"a ".repeat(5001)} }`, "GRAPHQL_PARSE_FAILED", /more that 5000 tokens/],
    [
      "a document padded with comments",
      `{ __typename }\n${"# padding\n".repeat(4000)}`,
      "GRAPHQL_VALIDATION_FAILED",
      /the document is 40015 bytes; the limit is 32768/,
    ],
    [
      "braces nested as deep as tokens allow",
      `{${"a{".repeat(2400)}b${"}".repeat(2400)}}`,
      "GRAPHQL_PARSE_FAILED",
      /more that 5000 tokens|nests too deeply/,
    ],
  ];
  for (const [name, query, code, message] of cases) {
    it(`refuses ${name}, anonymously, and over graphql-ws alike`, async () => {
      const response = await post(api.url, { query });
      expect(response.status).toBe(400);
      expect(codes(response.body)).toEqual([code]);
      expect(messages(response.body.errors)).toMatch(message);
      const ws = await firstAnswer(api, await api.bearer("customer", "c-hostile"), query);
      if (query.length > 64 * 1024) {
        expect(ws, "over the WebSocket message limit: the connection is closed").toMatchObject({ code: 1009 });
      } else {
        expect(codes({ errors: ws as Response["errors"] })).toEqual([code]);
        expect(messages(ws)).toMatch(message);
      }
    });
  }

  it("refuses nesting past the parser's own stack (allowed that many tokens), and goes on serving", async () => {
    const roomy = await startTestServer({ server: { limits: { ...DEFAULT_LIMITS, maxBytes: 1024 * 1024, maxTokens: 100_000 } } });
    try {
      for (const query of [
        `{${"a{".repeat(30_000)}b${"}".repeat(30_000)}}`,
        `{ products(first: ${"[".repeat(50_000)}1${"]".repeat(50_000)}) { edges { cursor } } }`,
      ]) {
        const response = await post(roomy.url, { query });
        expect(response.status).toBe(400);
        expect(codes(response.body)).toEqual(["GRAPHQL_PARSE_FAILED"]);
        expect(messages(response.body.errors)).toBe("Syntax Error: the document nests too deeply");
      }
      expect((await post(roomy.url, { query: "{ __typename }" })).body).toEqual({ data: { __typename: "Query" } });
    } finally {
      await roomy.close();
    }
  });

  it("admits what the limits allow: a hundred aliases, a hundred fields in a set, the playground's introspection", async () => {
    const aliases = await post(api.url, { query: `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: __typename`).join(" ")} }` });
    expect(aliases.body.errors).toBeUndefined();
    const { getIntrospectionQuery } = await import("graphql");
    const introspection = await post(api.url, { query: getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }) });
    expect(introspection.body.errors).toBeUndefined();
  });

  it("prices a document whose page sizes are variables by the pages each request asks for", async () => {
    // At most 100 lines an order, 9 fields each: about 900 fields an order.
    const query =
      "query($c: ID!, $n: Int) { customerOrders(customerId: $c, first: $n) { edges { node { items { productId productName quantity unitPriceCents product { id name sku priceCents } } } } } }";
    const ask = async (n: number | null) => codes((await post(api.url, { query, variables: { c: "c-1", n } })).body);
    expect(await ask(100)).toEqual(["GRAPHQL_VALIDATION_FAILED"]); // ~90,000 fields at most
    expect(await ask(50)).toEqual(["UNAUTHENTICATED"]); // admitted (and refused for want of a token)
    expect(await ask(null)).toEqual(["UNAUTHENTICATED"]); // the default page, 20
    expect(await ask(100)).toEqual(["GRAPHQL_VALIDATION_FAILED"]); // the admitted document is priced again
    const ws = await firstAnswer(api, await api.bearer("customer", "c-1"), query, { c: "c-1", n: 100 });
    expect(messages(ws)).toMatch(/may resolve \d+ fields/);
    // A variable left out takes its declared default: priced at it, not at the default page.
    const defaulted = query.replace("$n: Int)", "$n: Int = 100)");
    for (const variables of [{ c: "c-1" }, { c: "c-1", n: 100 }]) {
      expect(codes((await post(api.url, { query: defaulted, variables })).body)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    }
    expect(codes((await post(api.url, { query: defaulted, variables: { c: "c-1", n: null } })).body)).toEqual(["UNAUTHENTICATED"]);
    const wsDefaulted = await firstAnswer(api, await api.bearer("customer", "c-1"), defaulted, { c: "c-1" });
    expect(messages(wsDefaulted)).toMatch(/may resolve \d+ fields/);
  });

  it("prices __type(name: $t) by the name each request asks for, not by the declared default", async () => {
    const fields = Array.from({ length: 8 }, (_, i) => `f${i}: fields { name args { name } type { name ofType { name } } }`).join(" ");
    const query = `query($t: String! = "Boolean") { ${Array.from({ length: 80 }, (_, i) => `a${i}: __type(name: $t) { ...F }`).join(" ")} }
      fragment F on __Type { ${fields} }`;
    const ask = async (variables: Record<string, unknown>) => (await post(api.url, { query, variables })).body;
    // Left out, the default runs: a type without fields, cheap.
    expect((await ask({})).errors).toBeUndefined();
    const large = await ask({ t: "Query" });
    expect(codes(large)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(messages(large.errors)).toMatch(/may resolve (\d+|too many) fields/);
  });

  it("applies the same limits on GET", async () => {
    const query = `{ ${Array.from({ length: 101 }, (_, i) => `a${i}: __typename`).join(" ")} }`;
    const response = await fetch(`${api.url}?query=${encodeURIComponent(query)}`, { headers: { "apollo-require-preflight": "1" } });
    expect(response.status).toBe(400);
    expect(codes((await response.json()) as Response)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
  });
});

describe("introspection turned off", () => {
  it("is refused over graphql-ws as over HTTP", async () => {
    const query = "query { __schema { queryType { name } } }";
    const http = await post(closed.url, { query }, { authorization: await closed.bearer("admin") });
    expect(codes(http.body)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    const ws = await firstAnswer(closed, await closed.bearer("admin"), query);
    expect(ws).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/introspection is turned off/),
        extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
      }),
    ]);
    // __typename is not introspection.
    expect((await post(closed.url, { query: "{ __typename }" })).body).toEqual({ data: { __typename: "Query" } });
  });

  it("leaves no suggestion of the schema's names in errors, on either transport", async () => {
    const unknownField = await post(closed.url, { query: "{ projection { name } }" });
    expect(unknownField.body.errors![0]!.message).toBe('Cannot query field "projection" on type "Query".');
    const badEnum = await post(
      closed.url,
      { query: "mutation($p: [Projection!]) { rebuildProjections(projections: $p) { name } }", variables: { p: ["ORDER_SUMARY"] } },
      { authorization: await closed.bearer("admin") },
    );
    expect(codes(badEnum.body)).toEqual(["BAD_USER_INPUT"]);
    expect(badEnum.body.errors![0]!.message).toMatch(/ORDER_SUMARY/);
    expect(JSON.stringify(badEnum.body)).not.toMatch(/Did you mean/);
    const ws = await firstAnswer(
      closed,
      await closed.bearer("admin"),
      "subscription($p: [Projection!]) { projectionProgres(projections: $p) { position } }",
    );
    expect(messages(ws)).toBe('Cannot query field "projectionProgres" on type "Subscription".');
    const wsEnum = await firstAnswer(
      closed,
      await closed.bearer("admin"),
      "subscription($p: [Projection!]) { projectionProgress(projections: $p) { position } }",
      { p: ["ORDER_SUMARY"] },
    );
    expect(messages(wsEnum)).toMatch(/ORDER_SUMARY/);
    expect(messages(wsEnum)).not.toMatch(/Did you mean/);
    // With introspection on (development), the hints stay: they help.
    const open = await post(api.url, { query: "{ projection { name } }" });
    expect(open.body.errors![0]!.message).toMatch(/Did you mean "projections"/);
  });
});

/** Opens a raw graphql-ws connection and acknowledges it; resolves with the socket, or how it closed. */
function connect(server: TestServer, authorization: string): Promise<WebSocket | { code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(server.url.replace("http", "ws"), "graphql-transport-ws");
    socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: { authorization } })));
    socket.on("message", (data) => {
      if ((JSON.parse(String(data)) as { type: string }).type === "connection_ack") resolve(socket);
    });
    socket.on("close", (code, reason) => resolve({ code, reason: String(reason) }));
    socket.on("error", reject);
  });
}

describe("what one client may hold over WebSocket", () => {
  it("refuses an operation past the per-connection cap, and takes one again once another completes", async () => {
    const capped = await startTestServer({ server: { server: { maxSubscriptionsPerConnection: 3 } } });
    try {
      const socket = (await connect(capped, await capped.bearer("admin"))) as WebSocket;
      const messages: { id: string; type: string; payload?: unknown }[] = [];
      socket.on("message", (data) => messages.push(JSON.parse(String(data))));
      const subscribe = (id: string) =>
        socket.send(JSON.stringify({ id, type: "subscribe", payload: { query: "subscription { projectionProgress { position } }" } }));
      for (const id of ["1", "2", "3", "4"]) subscribe(id);
      await expect.poll(() => messages.find((message) => message.id === "4")).toBeTruthy();
      expect(messages.find((message) => message.id === "4")).toEqual({
        id: "4",
        type: "error",
        payload: [
          expect.objectContaining({
            message: expect.stringMatching(/already runs 3 operations/),
            extensions: { code: "TOO_MANY_SUBSCRIPTIONS" },
          }),
        ],
      });
      expect(messages.filter((message) => message.type === "error")).toHaveLength(1);
      socket.send(JSON.stringify({ id: "1", type: "complete" }));
      subscribe("5");
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(messages.find((message) => message.id === "5")).toBeUndefined(); // accepted: it waits for progress
      expect(await metric(capped, "catchup_subscriptions_open")).toBe(3);
      socket.close();
    } finally {
      await capped.close();
    }
  });

  it("closes a connection past the per-token cap with 1013, and counts a closed one out", async () => {
    const capped = await startTestServer({ server: { server: { maxConnectionsPerPrincipal: 2 } } });
    try {
      const token = await capped.bearer("customer", "c-many");
      const first = (await connect(capped, token)) as WebSocket;
      const second = await connect(capped, token);
      expect(second).toBeInstanceOf(WebSocket);
      expect(await connect(capped, token)).toEqual({ code: 1013, reason: "Too many connections: at most 2 per token" });
      // Another principal is not affected.
      expect(await connect(capped, await capped.bearer("customer", "c-other"))).toBeInstanceOf(WebSocket);
      first.close();
      await new Promise((resolve) => first.once("close", resolve));
      await expect.poll(async () => (await connect(capped, token)) instanceof WebSocket).toBe(true);
    } finally {
      await capped.close();
    }
  });

  it("checks a subscription's arguments as a query's, and refuses an oversized operation id", async () => {
    const token = await api.bearer("admin");
    const nul = await firstAnswer(
      api,
      token,
      "subscription($id: ID!) { readModelChanged(projection: ORDER_SUMMARY, id: $id) { version } }",
      { id: "a\u0000b" },
    );
    expect(codes({ errors: nul as Response["errors"] })).toEqual(["BAD_USER_INPUT"]);
    const long = await firstAnswer(
      api,
      token,
      "subscription($id: ID!) { readModelChanged(projection: ACCOUNT_BALANCE, id: $id) { version } }",
      { id: "i".repeat(129) },
    );
    expect(messages(long)).toMatch(/id must be at most 128 characters/);
    const many = await firstAnswer(api, token, "subscription($p: [Projection!]) { projectionProgress(projections: $p) { position } }", {
      p: Array.from({ length: 101 }, () => "ORDER_SUMMARY"),
    });
    expect(messages(many)).toMatch(/projections must have at most 100 entries/);

    const socket = (await connect(api, token)) as WebSocket;
    const answer = new Promise<unknown>((resolve) => socket.on("message", (data) => resolve(JSON.parse(String(data)))));
    socket.send(
      JSON.stringify({ id: "x".repeat(129), type: "subscribe", payload: { query: "subscription { projectionProgress { position } }" } }),
    );
    expect(await answer).toMatchObject({
      type: "error",
      payload: [{ message: "an operation id has at most 128 characters", extensions: { code: "BAD_REQUEST" } }],
    });
    socket.close();
  });

  it("counts a connection that closes while its token is checked out at once (it held a slot for good)", async () => {
    const capped = await startTestServer({ server: { server: { maxConnectionsPerPrincipal: 2 } } });
    // A token is verified asynchronously (from a key set, say): here slowly, so that the socket is gone before that ends.
    const verify = capped.auth.authenticate.bind(capped.auth);
    capped.auth.authenticate = async (authorization) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return verify(authorization);
    };
    try {
      for (let attempt = 0; attempt < 5; attempt++) {
        const token = await capped.bearer("customer", "c-flaky");
        const socket = new WebSocket(capped.url.replace("http", "ws"), "graphql-transport-ws");
        await new Promise((resolve) => socket.on("open", resolve));
        socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: token } }), () => socket.terminate());
        await new Promise((resolve) => socket.on("close", resolve));
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      const token = await capped.bearer("customer", "c-flaky");
      expect(await connect(capped, token)).toBeInstanceOf(WebSocket);
      expect(await connect(capped, token)).toBeInstanceOf(WebSocket);
    } finally {
      await capped.close();
    }
  });

  it("closes with 1008 a WebSocket that sends more messages than it may, before connection_init too, logging nothing", async () => {
    const gated = await startTestServer({ server: { server: { maxMessagesPerSecond: 20 } } });
    const errors = vi.spyOn(console, "error");
    try {
      // Anonymous, no connection_init, never reading: pings graphql-ws would answer each.
      const anonymous = new WebSocket(gated.url.replace("http", "ws"), "graphql-transport-ws");
      await new Promise((resolve) => anonymous.on("open", resolve));
      const closedAnonymous = new Promise<[number, string]>((resolve) =>
        anonymous.on("close", (code, reason) => resolve([code, String(reason)])),
      );
      for (let i = 0; i < 1000; i++) anonymous.send('{"type":"ping"}');
      expect(await closedAnonymous).toEqual([1008, "Too many messages"]);
      // Authenticated: subscribe after subscribe (each refused at once, so none stays running).
      const socket = (await connect(gated, await gated.bearer("customer", "c-spam"))) as WebSocket;
      const closed = new Promise<number>((resolve) => socket.on("close", resolve));
      for (let i = 0; i < 1000; i++) socket.send(JSON.stringify({ id: `q${i}`, type: "subscribe", payload: { query: "{ __typename }" } }));
      expect(await closed).toBe(1008);
      // A client within the rate is served, and the server goes on serving.
      const calm = (await connect(gated, await gated.bearer("customer", "c-calm"))) as WebSocket;
      const answer = new Promise<unknown>((resolve) => calm.on("message", (data) => resolve(JSON.parse(String(data)))));
      calm.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: "{ __typename }" } }));
      expect(await answer).toEqual({ id: "1", type: "next", payload: { data: { __typename: "Query" } } });
      calm.close();
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
      await gated.close();
    }
  });

  it("refuses TCP connections past CATCHUP_MAX_CONNECTIONS, and takes new ones once some close", async () => {
    const small = await startTestServer({ server: { server: { maxConnections: 10 } } });
    const { port } = new URL(small.url);
    const open = () =>
      new Promise<net.Socket>((resolve, reject) => {
        const socket = net.connect(Number(port), "127.0.0.1", () => resolve(socket));
        socket.on("error", reject);
      });
    try {
      const held = await Promise.all(Array.from({ length: 10 }, open));
      const extra = await open();
      // Past the bound the server closes it at once, unanswered.
      await new Promise((resolve) => extra.on("close", resolve));
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await post(small.url, { query: "{ __typename }" })).body).toEqual({ data: { __typename: "Query" } });
    } finally {
      await small.close();
    }
  });

  it("closes a WebSocket whose message is over 64 KiB (a subscription holds its message for its life)", async () => {
    const socket = (await connect(api, await api.bearer("admin"))) as WebSocket;
    const closed = new Promise<number>((resolve) => socket.on("close", resolve));
    socket.send(
      JSON.stringify({
        id: "1",
        type: "subscribe",
        payload: { query: "subscription { projectionProgress { position } }", variables: { junk: "x".repeat(64 * 1024) } },
      }),
    );
    expect(await closed).toBe(1009);
  });

  it("keeps admitted documents within the cache's byte budget", async () => {
    const small = await startTestServer({ server: { server: { documentCacheBytes: 4096 } } });
    try {
      for (let i = 0; i < 20; i++) {
        const query = `{ ${Array.from({ length: 60 }, (_, j) => `a${j}: __typename`).join(" ")} } # ${i}`;
        expect((await post(small.url, { query })).body.errors).toBeUndefined();
      }
      expect(await metric(small, "catchup_graphql_document_cache_bytes")).toBeLessThanOrEqual(4096);
      expect(await metric(small, "catchup_graphql_document_cache_entries")).toBeGreaterThan(0);
    } finally {
      await small.close();
    }
  });

  it("has documented defaults", () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxBytes: 32_768,
      maxTokens: 5000,
      maxDepth: 10,
      maxCost: 50_000,
      maxWidth: 100,
      maxRepeats: 25,
      maxAliases: 100,
      maxDirectives: 50,
    });
  });
});
