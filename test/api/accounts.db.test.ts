/** The accounts slice through the real HTTP and WebSocket server, as a client uses it. */
import { randomUUID } from "node:crypto";
import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AccountDocument,
  DepositMoneyDocument,
  OpenAccountDocument,
  ProjectionProgressDocument,
  ProjectionsDocument,
  WithdrawMoneyDocument,
} from "../generated/graphql.js";
import { codes, registerCustomer } from "../support/fixtures.js";
import { PROJECTION_NAMES } from "../support/read-models.js";
import { startTestServer, type TestServer } from "../support/server.js";

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ consistencyTimeoutMs: 1500 });
});
afterAll(async () => {
  await api?.close();
});

async function openAccountWith(balanceCents: number): Promise<string> {
  const { openAccount } = await api.mutate(OpenAccountDocument, { input: { customerId: await registerCustomer(api) } });
  if (balanceCents > 0) await api.mutate(DepositMoneyDocument, { input: { accountId: openAccount.streamId, amountCents: balanceCents } });
  return openAccount.streamId;
}

describe("commands", () => {
  it("opens an account, deposits, and reads the write back with minPosition", async () => {
    const customerId = await registerCustomer(api);
    const { openAccount } = await api.mutate(OpenAccountDocument, { input: { customerId } });
    expect(openAccount).toMatchObject({ version: 1, events: ["AccountOpened"], caughtUp: null });
    expect(openAccount.streamId).toMatch(/^[0-9a-f-]{36}$/);
    const { depositMoney } = await api.mutate(DepositMoneyDocument, { input: { accountId: openAccount.streamId, amountCents: 1250 } });
    expect(depositMoney).toMatchObject({ streamId: openAccount.streamId, version: 2, events: ["MoneyDeposited"] });
    expect(BigInt(depositMoney.position)).toBeGreaterThan(BigInt(openAccount.position));

    const { account } = await api.data(AccountDocument, { id: openAccount.streamId, minPosition: depositMoney.position });
    expect(account).toMatchObject({
      id: openAccount.streamId,
      customerId,
      balanceCents: 1250,
      version: 2,
      position: depositMoney.position,
    });
  });

  it("returns caughtUp: true with consistency STRONG, after which a plain read sees the write", async () => {
    const accountId = await openAccountWith(0);
    const { depositMoney } = await api.mutate(DepositMoneyDocument, {
      input: { accountId, amountCents: 70 },
      consistency: "STRONG",
    });
    expect(depositMoney.caughtUp).toBe(true);
    const { account } = await api.data(AccountDocument, { id: accountId });
    expect(account?.balanceCents).toBe(70);
  });

  it("refuses to withdraw more than the balance with INSUFFICIENT_FUNDS", async () => {
    const accountId = await openAccountWith(100);
    const response = await api.request(WithdrawMoneyDocument, { input: { accountId, amountCents: 101 } });
    expect(codes(response)).toEqual(["INSUFFICIENT_FUNDS"]);
    expect(response.errors![0]!.extensions).toMatchObject({ balanceCents: 100, amountCents: 101 });
  });

  it("refuses non-positive and non-integer amounts with BAD_USER_INPUT", async () => {
    const accountId = await openAccountWith(100);
    for (const amountCents of [0, -5]) {
      expect(codes(await api.request(DepositMoneyDocument, { input: { accountId, amountCents } }))).toEqual(["BAD_USER_INPUT"]);
      expect(codes(await api.request(WithdrawMoneyDocument, { input: { accountId, amountCents } }))).toEqual(["BAD_USER_INPUT"]);
    }
    expect(codes(await api.request(DepositMoneyDocument, { input: { accountId, amountCents: 1.5 } }))).toEqual(["BAD_USER_INPUT"]);
    const { account } = await api.data(AccountDocument, { id: accountId, consistent: true });
    expect(account).toMatchObject({ balanceCents: 100, version: 2 });
  });

  it("answers NOT_FOUND for an account or a customer that does not exist", async () => {
    const response = await api.request(DepositMoneyDocument, { input: { accountId: randomUUID(), amountCents: 5 } });
    expect(codes(response)).toEqual(["NOT_FOUND"]);
    expect(codes(await api.request(OpenAccountDocument, { input: { customerId: randomUUID() } }))).toEqual(["NOT_FOUND"]);
    // An id of another kind of stream is not an account either.
    const customerId = await registerCustomer(api);
    expect(codes(await api.request(DepositMoneyDocument, { input: { accountId: customerId, amountCents: 5 } }))).toEqual(["NOT_FOUND"]);
  });

  it("answers CONCURRENCY_CONFLICT for a stale expectedVersion, and accepts the current one", async () => {
    const accountId = await openAccountWith(100); // version 2
    const stale = await api.request(WithdrawMoneyDocument, { input: { accountId, amountCents: 10, expectedVersion: 1 } });
    expect(codes(stale)).toEqual(["CONCURRENCY_CONFLICT"]);
    expect(stale.errors![0]!.extensions).toMatchObject({ expectedVersion: 1, actualVersion: 2 });
    const { withdrawMoney } = await api.mutate(WithdrawMoneyDocument, { input: { accountId, amountCents: 10, expectedVersion: 2 } });
    expect(withdrawMoney.version).toBe(3);
  });

  it("returns the first result for a retried commandId and writes nothing more", async () => {
    const accountId = await openAccountWith(0);
    const commandId = `deposit-${randomUUID()}`;
    const first = await api.mutate(DepositMoneyDocument, { input: { accountId, amountCents: 40, commandId } });
    const retries = await Promise.all(
      Array.from({ length: 5 }, () => api.mutate(DepositMoneyDocument, { input: { accountId, amountCents: 40, commandId } })),
    );
    for (const retry of retries) expect(retry.depositMoney).toEqual(first.depositMoney);
    const { account } = await api.data(AccountDocument, { id: accountId, consistent: true });
    expect(account).toMatchObject({ balanceCents: 40, version: 2 });
    // The same id for another kind of command is a client bug, not a retry.
    const misuse = await api.request(WithdrawMoneyDocument, { input: { accountId, amountCents: 1, commandId } });
    expect(codes(misuse)).toEqual(["DUPLICATE"]);
  });

  it("lets exactly ten of twenty parallel withdrawals of 10 from 100 succeed", async () => {
    const accountId = await openAccountWith(100);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => api.request(WithdrawMoneyDocument, { input: { accountId, amountCents: 10 } })),
    );
    const succeeded = responses.filter((response) => !response.errors);
    expect(succeeded).toHaveLength(10);
    expect(
      responses
        .filter((response) => response.errors)
        .map(codes)
        .flat(),
    ).toEqual(Array(10).fill("INSUFFICIENT_FUNDS"));
    const last = succeeded.map((response) => BigInt(response.data!.withdrawMoney!.position)).reduce((a, b) => (a > b ? a : b));
    const fromStream = await api.data(AccountDocument, { id: accountId, consistent: true });
    const fromProjection = await api.data(AccountDocument, { id: accountId, minPosition: String(last) });
    expect(fromStream.account).toMatchObject({ balanceCents: 0, version: 12 });
    expect(fromProjection.account).toMatchObject({ balanceCents: 0, version: 12 });
  });
});

describe("reads", () => {
  it("waits for minVersion on a row", async () => {
    const accountId = await openAccountWith(0);
    const reading = api.data(AccountDocument, { id: accountId, minVersion: 3 });
    await api.mutate(DepositMoneyDocument, { input: { accountId, amountCents: 1 } });
    await api.mutate(DepositMoneyDocument, { input: { accountId, amountCents: 2 } });
    const { account } = await reading;
    expect(account).toMatchObject({ version: 3, balanceCents: 3 });
  });

  it("answers from the event stream with consistent: true, and null for an unknown id", async () => {
    const accountId = await openAccountWith(55);
    const { account } = await api.data(AccountDocument, { id: accountId, consistent: true });
    expect(account).toMatchObject({ id: accountId, balanceCents: 55, version: 2 });
    expect((await api.data(AccountDocument, { id: randomUUID(), consistent: true })).account).toBeNull();
    expect((await api.data(AccountDocument, { id: randomUUID() })).account).toBeNull();
  });

  it("fails with CONSISTENCY_TIMEOUT, carrying the current position, when minPosition is not reached in time", async () => {
    const slow = await startTestServer({ consistencyTimeoutMs: 300 });
    try {
      const customerId = await registerCustomer(slow);
      await slow.app.projector.stop(); // a write from now on is never projected
      const { openAccount } = await slow.mutate(OpenAccountDocument, { input: { customerId } });
      const response = await slow.request(AccountDocument, { id: openAccount.streamId, minPosition: openAccount.position });
      expect(codes(response)).toEqual(["CONSISTENCY_TIMEOUT"]);
      expect(response.errors![0]!.extensions).toMatchObject({ projection: "ACCOUNT_BALANCE", requiredPosition: openAccount.position });
      expect(BigInt(response.errors![0]!.extensions!.currentPosition as string)).toBeLessThan(BigInt(openAccount.position));
      // A position no write has reached is refused at once instead (test/api/limits.db.test.ts).
      const beyond = await slow.request(AccountDocument, { id: randomUUID(), minPosition: "9000000000000" });
      expect(codes(beyond)).toEqual(["BAD_USER_INPUT"]);
    } finally {
      await slow.close();
    }
  });

  it("rejects a malformed Position with BAD_USER_INPUT", async () => {
    const response = await api.request(AccountDocument, { id: "x", minPosition: "-1" });
    expect(codes(response)).toEqual(["BAD_USER_INPUT"]);
  });

  it("lists projections with position, head, lag and state", async () => {
    const { depositMoney } = await api.mutate(DepositMoneyDocument, {
      input: { accountId: await openAccountWith(0), amountCents: 1 },
      consistency: "STRONG",
    });
    const { projections } = await api.data(ProjectionsDocument);
    // Every read model the modules declare, the seven of the contract among them.
    expect(projections.map((projection) => projection.name)).toEqual(PROJECTION_NAMES);
    expect(PROJECTION_NAMES).toEqual(
      expect.arrayContaining([
        "ACCOUNT_BALANCE",
        "CUSTOMER_ORDERS",
        "CUSTOMER_PROFILE",
        "ORDER_ANALYTICS",
        "ORDER_SUMMARY",
        "PRODUCT_CATALOG",
        "SHIPPING_DASHBOARD",
      ]),
    );
    for (const projection of projections) {
      expect(projection).toMatchObject({ state: "RUNNING", lastError: null });
      expect(BigInt(projection.position)).toBeGreaterThanOrEqual(BigInt(depositMoney.position));
      expect(BigInt(projection.headPosition)).toBeGreaterThanOrEqual(BigInt(projection.position));
      expect(projection.lag).toBe(Number(BigInt(projection.headPosition) - BigInt(projection.position)));
    }
  });
});

describe("subscriptions over graphql-ws", () => {
  it("pushes projectionProgress when a write is projected", async () => {
    const client = api.ws();
    const iterator = client.iterate({ query: print(ProjectionProgressDocument), variables: { projections: ["ACCOUNT_BALANCE"] } });
    // Subscribe, then write, then expect a checkpoint at or past the write.
    const first = iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { openAccount } = await api.mutate(OpenAccountDocument, { input: { customerId: await registerCustomer(api) } });
    let progress = (await first).value as { data: { projectionProgress: { projection: string; position: string } } };
    while (BigInt(progress.data.projectionProgress.position) < BigInt(openAccount.position)) {
      progress = (await iterator.next()).value;
    }
    expect(progress.data.projectionProgress.projection).toBe("ACCOUNT_BALANCE");
    await iterator.return?.();
  });
});

describe("errors and transport", () => {
  it("never shows a stack trace, and reports validation errors with their code", async () => {
    const response = await fetch(api.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ account(id: 1) { nope } }" }),
    });
    const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0]!.extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
  });

  it("answers 400 BAD_REQUEST to a body that is not JSON", async () => {
    const response = await fetch(api.url, { method: "POST", headers: { "content-type": "application/json" }, body: "{nope" });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: "BAD_REQUEST" } }] });
  });

  it("answers /healthz", async () => {
    const response = await fetch(api.url.replace("/graphql", "/healthz"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });
});
