/**
 * Read-your-own-writes, exactly: STRONG mutations, minPosition reads under load, and the
 * caughtUp / readModelChanged subscriptions over graphql-ws, without leaks.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CaughtUpDocument,
  CustomerDocument,
  DepositMoneyDocument,
  OpenAccountDocument,
  ProjectionProgressDocument,
  ReadModelChangedDocument,
  RegisterCustomerDocument,
} from "../generated/graphql.js";
import { ADDRESS, registerCustomer } from "../support/fixtures.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { PROJECTION_NAMES } from "../support/read-models.js";
import { collect, iterate } from "../support/ws.js";

let api: TestServer;
beforeAll(async () => {
  // The leak check below holds 1,000 subscriptions as one admin, over 10 connections.
  api = await startTestServer({ consistencyTimeoutMs: 10_000, server: { server: { maxSubscriptionsPerConnection: 100 } } });
});
afterAll(async () => {
  await api?.close();
});

async function openAccount(): Promise<string> {
  const { openAccount } = await api.mutate(OpenAccountDocument, { input: { customerId: await registerCustomer(api) } });
  return openAccount.streamId;
}

async function until(condition: () => boolean, what: string | (() => string), ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === "string" ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("caughtUp subscription", () => {
  it("answers once, as soon as every projection has applied the write, then completes", async () => {
    const accountId = await openAccount();
    const { depositMoney } = await api.mutate(DepositMoneyDocument, { input: { accountId, amountCents: 5 } });
    const { results, done } = collect(api.ws(), CaughtUpDocument, { position: depositMoney.position });
    await done;
    expect(results).toEqual([
      {
        data: {
          caughtUp: {
            position: depositMoney.position,
            caughtUp: true,
            projections: expect.arrayContaining(["ACCOUNT_BALANCE", "ORDER_SUMMARY"]),
            behind: [],
          },
        },
      },
    ]);
    expect(results[0]!.data!.caughtUp.projections).toEqual(PROJECTION_NAMES);
  });

  it("answers at once for a position already reached", async () => {
    const started = Date.now();
    const { results, done } = collect(api.ws(), CaughtUpDocument, { position: "1", projections: ["ACCOUNT_BALANCE"] });
    await done;
    expect(results[0]!.data!.caughtUp).toEqual({ position: "1", caughtUp: true, projections: ["ACCOUNT_BALANCE"], behind: [] });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("answers caughtUp: false, naming the projections behind, when the timeout passes first", async () => {
    const slow = await startTestServer();
    try {
      await slow.app.projector.stop(); // nothing is projected from now on
      await registerCustomer(slow);
      const position = String(await slow.app.store.lastPosition());
      const { results, done } = collect(slow.ws(), CaughtUpDocument, { position, projections: ["CUSTOMER_PROFILE"], timeoutMs: 200 });
      await done;
      expect(results[0]!.data!.caughtUp).toEqual({
        position,
        caughtUp: false,
        projections: ["CUSTOMER_PROFILE"],
        behind: ["CUSTOMER_PROFILE"],
      });
    } finally {
      await slow.close();
    }
  });

  it("refuses a timeout out of range, and a position no write has reached, with BAD_USER_INPUT", async () => {
    const beyond = String((await api.app.store.lastPosition()) + 1000n);
    for (const variables of [{ position: "1", timeoutMs: 0 }, { position: beyond }]) {
      const { results, done } = collect(api.ws(), CaughtUpDocument, variables);
      await done.catch(() => {});
      const errors = results.flatMap((result) => result.errors ?? []) as { message: string; extensions?: { code?: string } }[];
      expect(
        errors.map((error) => error.extensions?.code),
        JSON.stringify(variables),
      ).toEqual(["BAD_USER_INPUT"]);
    }
  });
});

describe("readModelChanged subscription", () => {
  it("pushes the version and position of each change to one row", async () => {
    const accountId = await openAccount();
    const client = api.ws();
    const changes = iterate(client, ReadModelChangedDocument, { projection: "ACCOUNT_BALANCE", id: accountId });
    try {
      const first = changes.next();
      await until(() => api.app.notifier.stats.rowListeners > 0, "the row listener");
      const one = await api.mutate(DepositMoneyDocument, { input: { accountId, amountCents: 1 } });
      const two = await api.mutate(DepositMoneyDocument, { input: { accountId, amountCents: 2 } });
      const seen = [(await first).value.data!.readModelChanged];
      while (seen.at(-1)!.version < 3) seen.push((await changes.next()).value.data!.readModelChanged);
      // The opening may reach the view after the subscription started (version 1): the deposits follow it.
      const deposits = seen.filter((change) => change.version > 1);
      expect(deposits.at(-1)).toEqual({ projection: "ACCOUNT_BALANCE", id: accountId, version: 3, position: two.depositMoney.position });
      if (deposits.length === 2)
        expect(deposits[0]).toEqual({ projection: "ACCOUNT_BALANCE", id: accountId, version: 2, position: one.depositMoney.position });
      expect(seen.map((change) => change.version)).toEqual(seen.map((change) => change.version).sort((a, b) => a - b));
    } finally {
      await changes.return?.();
    }
  });
});

describe("subscriptions leave nothing behind", () => {
  it("returns listener and waiter counts to their baseline after 1,000 subscriptions close or disconnect", async () => {
    // Idle, the server holds no waiter or listener (this also checks that the tests above cleaned up).
    const baseline = { waiters: 0, checkpointListeners: 0, rowListeners: 0, replayListeners: 0, resetListeners: 0, failureListeners: 0 };
    await until(
      () => JSON.stringify(api.app.notifier.stats) === JSON.stringify(baseline),
      () => `an idle baseline, have ${JSON.stringify(api.app.notifier.stats)}`,
    );
    // A server whose projector has stopped after a write: a caughtUp for it waits.
    const quiet = await startTestServer({ server: { server: { maxSubscriptionsPerConnection: 100 } } });
    try {
      await quiet.app.projector.stop();
      await registerCustomer(quiet);
      const unprojected = String(await quiet.app.store.lastPosition());
      const unsubscribers: (() => void)[] = [];
      // 100 per connection: the most a connection may run (CATCHUP_MAX_SUBSCRIPTIONS_PER_CONNECTION).
      const clients = Array.from({ length: 10 }, () => quiet.ws());
      for (let i = 0; i < 1000; i++) {
        const client = clients[i % clients.length]!;
        const kind = i % 3;
        const subscription =
          kind === 0
            ? collect(client, CaughtUpDocument, { position: unprojected, projections: ["ACCOUNT_BALANCE"], timeoutMs: 300_000 })
            : kind === 1
              ? collect(client, ReadModelChangedDocument, { projection: "ORDER_SUMMARY", id: randomUUID() })
              : collect(client, ProjectionProgressDocument, { projections: ["PRODUCT_CATALOG"] });
        subscription.done.catch(() => {});
        unsubscribers.push(subscription.unsubscribe);
      }
      await until(
        () => {
          const stats = quiet.app.notifier.stats;
          return stats.waiters === 334 && stats.rowListeners === 333 && stats.checkpointListeners === 333;
        },
        () => `1,000 subscriptions to register (now ${JSON.stringify(quiet.app.notifier.stats)})`,
      );

      // Half unsubscribe; the other half go away with their connection.
      for (const unsubscribe of unsubscribers.slice(0, 500)) unsubscribe();
      await Promise.all(clients.map(async (client) => client.dispose()));
      await until(() => JSON.stringify(quiet.app.notifier.stats) === JSON.stringify(baseline), "counts to return to the baseline");
    } finally {
      await quiet.close();
    }
  });
});

describe("exact read-after-write under load", () => {
  it("200 concurrent writers each read their own write with minPosition: no stale read, no timeout", async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const email = `writer-${i}-${randomUUID()}@example.com`;
        const { registerCustomer } = await api.mutate(RegisterCustomerDocument, {
          input: { name: `Writer ${i}`, email, phone: "+1 555 0100", address: ADDRESS },
        });
        const read = await api.request(CustomerDocument, { id: registerCustomer.streamId, minPosition: registerCustomer.position });
        if (read.errors) return `error ${JSON.stringify(read.errors)}`;
        return read.data!.customer?.email === email ? "fresh" : "stale";
      }),
    );
    expect(outcomes.filter((outcome) => outcome !== "fresh")).toEqual([]);
  });
});

describe("when the read side cannot keep up", () => {
  it("a STRONG mutation answers caughtUp: false after the timeout, and its write stands", async () => {
    const slow = await startTestServer({ consistencyTimeoutMs: 300 });
    try {
      const customerId = await registerCustomer(slow);
      await slow.app.projector.stop(); // nothing will be projected any more
      const started = Date.now();
      const { openAccount } = await slow.mutate(OpenAccountDocument, { input: { customerId }, consistency: "STRONG" });
      expect(openAccount.caughtUp).toBe(false);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      const stored = await slow.app.store.readStream(openAccount.streamId);
      expect(stored.map((event) => event.type)).toEqual(["AccountOpened"]);
      const read = await slow.request(CustomerDocument, { id: customerId, minPosition: openAccount.position });
      expect(read.errors?.map((error) => error.extensions?.code)).toEqual(["CONSISTENCY_TIMEOUT"]);
    } finally {
      await slow.close();
    }
  });
});
