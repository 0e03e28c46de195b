/**
 * Read-your-writes without plumbing (graphql/session.ts): every response to an operation
 * that wrote carries extensions.catchup.position, and a client that sends it back (the
 * catchup-position header; on graphql-ws, extensions.catchup.position) reads after it in
 * every field, without a minPosition anywhere. Projections here run 400 ms behind the log
 * (the development delay), so a read that does not wait is stale and the tests can tell.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADDRESS } from "../support/fixtures.js";
import { startTestServer, type TestServer } from "../support/server.js";

let api: TestServer;
let admin: string;
let customerId: string;
let accountId: string;
let accountPosition: string;

interface Answer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
    extensions?: { catchup?: { position?: string } };
  };
}

async function post(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(api.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: admin, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Answer["body"] };
}

const DEPOSIT = "mutation($a: ID!, $n: Int!) { depositMoney(input: { accountId: $a, amountCents: $n }) { position } }";
const BALANCE = "query($a: ID!) { account(id: $a) { balanceCents } }";
const balance = (answer: Answer) => (answer.body.data?.account as { balanceCents: number } | null)?.balanceCents;

beforeAll(async () => {
  api = await startTestServer({ projector: { batchDelayMs: 400 } });
  admin = await api.bearer("admin");
  const registered = await post("mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i, consistency: STRONG) { streamId } }", {
    i: { name: "Ada", email: `${randomUUID()}@example.com`, phone: "+1 555 0100", address: ADDRESS },
  });
  customerId = (registered.body.data!.registerCustomer as { streamId: string }).streamId;
  const opened = await post("mutation($c: ID!) { openAccount(input: { customerId: $c }, consistency: STRONG) { streamId position } }", {
    c: customerId,
  });
  ({ streamId: accountId, position: accountPosition } = opened.body.data!.openAccount as { streamId: string; position: string });
});
afterAll(async () => {
  await api?.close();
});

describe("the session position on responses", () => {
  it("is the position a mutation wrote, and the highest of a document's mutations", async () => {
    const one = await post(DEPOSIT, { a: accountId, n: 100 });
    const position = (one.body.data!.depositMoney as { position: string }).position;
    expect(one.body.extensions).toEqual({ catchup: { position } });

    const two = await post(
      "mutation($a: ID!) { first: depositMoney(input: { accountId: $a, amountCents: 1 }) { position } second: depositMoney(input: { accountId: $a, amountCents: 2 }) { position } }",
      { a: accountId },
    );
    const second = (two.body.data!.second as { position: string }).position;
    expect(BigInt(second)).toBeGreaterThan(BigInt((two.body.data!.first as { position: string }).position));
    expect(two.body.extensions?.catchup?.position).toBe(second);
  });

  it("is absent when the operation wrote nothing (a query, a refused command)", async () => {
    expect((await post(BALANCE, { a: accountId })).body.extensions?.catchup).toBeUndefined();
    const refused = await post("mutation($a: ID!) { withdrawMoney(input: { accountId: $a, amountCents: 999999999 }) { position } }", {
      a: accountId,
    });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("INSUFFICIENT_FUNDS");
    expect(refused.body.extensions?.catchup).toBeUndefined();
  });

  it("is on a graphql-ws mutation's result too", async () => {
    const client = api.ws();
    const result = await new Promise<{ data?: unknown; extensions?: { catchup?: { position?: string } } }>((resolve, reject) => {
      client.subscribe({ query: DEPOSIT, variables: { a: accountId, n: 5 } }, { next: resolve, error: reject, complete: () => {} });
    });
    expect(result.extensions?.catchup?.position).toBe((result.data as { depositMoney: { position: string } }).depositMoney.position);
  });
});

describe("the catchup-position header", () => {
  it("makes every read of the operation wait for the position, with no minPosition (and without it a read is stale)", async () => {
    const settled = await post(DEPOSIT, { a: accountId, n: 1 });
    const before = balance(await post(BALANCE, { a: accountId }, { "catchup-position": settled.body.extensions!.catchup!.position! }));
    const written = await post(DEPOSIT, { a: accountId, n: 1000 });
    const position = written.body.extensions!.catchup!.position!;
    // Without the header the projection, 400 ms behind, still shows the old balance.
    expect(balance(await post(BALANCE, { a: accountId }))).toBe(before);
    const read = await post(BALANCE, { a: accountId }, { "catchup-position": position });
    expect(read.body.errors).toBeUndefined();
    expect(balance(read)).toBe(before! + 1000);
  });

  it("waits for every projection a read touches, nested fields included", async () => {
    const product = await post(
      'mutation($s: String!) { addProduct(input: { sku: $s, name: "Mug", priceCents: 500 }, consistency: STRONG) { streamId } }',
      { s: `MUG-${randomUUID().slice(0, 8)}` },
    );
    const productId = (product.body.data!.addProduct as { streamId: string }).streamId;
    const order = await post(
      "mutation($c: ID!, $p: ID!) { createOrder(input: { customerId: $c, items: [{ productId: $p, quantity: 2 }] }) { streamId } }",
      { c: customerId, p: productId },
    );
    const orderId = (order.body.data!.createOrder as { streamId: string }).streamId;
    const renamed = await post('mutation($p: ID!) { renameProduct(input: { productId: $p, name: "Big mug" }) { position } }', {
      p: productId,
    });
    const position = renamed.body.extensions!.catchup!.position!;
    const read = await post(
      "query($o: ID!) { orderSummary(id: $o) { totalCents items { product { name } } } }",
      { o: orderId },
      { "catchup-position": position },
    );
    expect(read.body.data?.orderSummary).toEqual({ totalCents: 1000, items: [{ product: { name: "Big mug" } }] });
  });

  it("keeps a field's own minPosition when it is higher", async () => {
    const written = await post(DEPOSIT, { a: accountId, n: 7 });
    const position = written.body.extensions!.catchup!.position!;
    const read = await post(
      "query($a: ID!, $p: Position) { account(id: $a, minPosition: $p) { balanceCents } }",
      { a: accountId, p: position },
      { "catchup-position": accountPosition },
    );
    const direct = await post(BALANCE, { a: accountId }, { "catchup-position": position });
    expect(balance(read)).toBe(balance(direct));
  });

  it("does not hold back reads that need no projection", async () => {
    const written = await post(DEPOSIT, { a: accountId, n: 3 });
    const position = written.body.extensions!.catchup!.position!;
    const read = await post(
      "query($a: ID!) { account(id: $a, consistent: true) { balanceCents } projections { name } }",
      { a: accountId },
      {
        "catchup-position": position,
      },
    );
    expect(read.body.errors).toBeUndefined();
    // Answered from the stream while the projection is still behind the position.
    expect(api.app.projector.runner("ACCOUNT_BALANCE").position).toBeLessThan(BigInt(position));
  });

  it("refuses a position beyond the log's head at once, and malformed values, with BAD_USER_INPUT", async () => {
    const beyond = await post(BALANCE, { a: accountId }, { "catchup-position": "9000000000000000" });
    expect(beyond.status).toBe(400);
    expect(beyond.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT" });
    expect(beyond.body.errors?.[0]?.message).toMatch(/beyond the log's head/);
    for (const value of ["abc", "-1", "1.5", "1e3", "18446744073709551616", "", "0x10", "12, 13"]) {
      const answer = await post(BALANCE, { a: accountId }, { "catchup-position": value });
      expect(answer.status, value).toBe(400);
      expect(answer.body.errors?.[0]?.extensions?.code, value).toBe("BAD_USER_INPUT");
      expect(answer.body.data, value).toBeUndefined();
    }
  });

  it("times out with CONSISTENCY_TIMEOUT naming the projections that lag", async () => {
    const slow = await startTestServer({ projector: { batchDelayMs: 3000 }, consistencyTimeoutMs: 300 });
    try {
      const token = await slow.bearer("admin");
      const call = async (query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) =>
        (await (
          await fetch(slow.url, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: token, ...headers },
            body: JSON.stringify({ query, variables }),
          })
        ).json()) as Answer["body"];
      const product = await call('mutation($s: String!) { addProduct(input: { sku: $s, name: "Pen", priceCents: 100 }) { position } }', {
        s: `PEN-${randomUUID().slice(0, 8)}`,
      });
      const position = product.extensions!.catchup!.position!;
      const read = await call("{ products(first: 1) { edges { node { id } } } }", {}, { "catchup-position": position });
      expect(read.errors?.[0]?.extensions).toMatchObject({
        code: "CONSISTENCY_TIMEOUT",
        projections: ["PRODUCT_CATALOG"],
        requiredPosition: position,
      });
    } finally {
      await slow.close();
    }
  });

  it("may be sent by browsers where CORS allows an origin", async () => {
    const response = await fetch(api.url, {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:5173",
        "access-control-request-method": "POST",
        "access-control-request-headers": "catchup-position",
      },
    });
    expect(response.headers.get("access-control-allow-headers")).toContain("catchup-position");
  });
});

describe("extensions.catchup.position on graphql-ws", () => {
  it("makes the operation's reads wait for it, and refuses a bad one", async () => {
    const client = api.ws();
    const run = (payload: { query: string; variables: Record<string, unknown>; extensions?: Record<string, unknown> }) =>
      new Promise<{ data?: Record<string, unknown> | null; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }>(
        (resolve) => {
          client.subscribe(payload, { next: resolve, error: (errors) => resolve({ errors: errors as never }), complete: () => {} });
        },
      );
    const settled = (await post(DEPOSIT, { a: accountId, n: 1 })).body.extensions!.catchup!.position!;
    const before = (await run({ query: BALANCE, variables: { a: accountId }, extensions: { catchup: { position: settled } } })).data
      ?.account as { balanceCents: number };
    const written = await post(DEPOSIT, { a: accountId, n: 50 });
    const position = written.body.extensions!.catchup!.position!;
    const read = await run({ query: BALANCE, variables: { a: accountId }, extensions: { catchup: { position } } });
    expect(read.data?.account).toEqual({ balanceCents: before.balanceCents + 50 });
    const bad = await run({ query: BALANCE, variables: { a: accountId }, extensions: { catchup: { position: "nope" } } });
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const beyond = await run({ query: BALANCE, variables: { a: accountId }, extensions: { catchup: { position: "9000000000000000" } } });
    expect(beyond.errors?.[0]?.message).toMatch(/beyond the log's head/);
  });
});
