/**
 * Two instances' runners applying the same projections at once (what a lost lock could
 * cause for a moment): the checkpoint's compare-and-set lets one batch of each pair commit,
 * the other re-reads the checkpoint and goes on from there; where both insert the same new
 * rows (orders), the loser's insert fails on the other's committed rows and it does the
 * same. Nothing fails, and the rows equal a rebuild from scratch. And a rebuild on one
 * instance, read on another through the cluster bus. (*.pg.test.ts: PostgreSQL only, two
 * Apps on one database.)
 */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { ClusterOptions } from "../src/app.js";
import { createApp, type App } from "../src/app.js";
import { handleCommand } from "../src/core/command-pipeline.js";
import { ServiceUnavailableError } from "../src/core/errors.js";
import { accountDecider } from "../src/modules/accounts/account.js";
import { orderDecider } from "../src/modules/orders/order.js";
import { appendGiven, createTestDatabase } from "./support/database.js";
import { rebuildAll, settle, snapshotReadModels } from "./support/read-models.js";

const apps: App[] = [];
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
  for (const drop of drops) await drop();
});

const cluster = (role: ClusterOptions["role"]): ClusterOptions => ({ role, bus: "postgres", failoverMs: 200 });

async function leadingAll(app: App): Promise<void> {
  while (app.projector.leading.length < app.projector.runners.length) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe("projection fencing", () => {
  it("two runners of the same projections at once apply every event exactly once", async () => {
    const database = await createTestDatabase();
    drops.push(database.drop);
    // Small batches and many of them: the two runners keep racing for the same checkpoints.
    const first = await createApp({ database: database.options, projector: { batchSize: 3 } });
    const second = await createApp({ database: database.options, projector: { batchSize: 5 } });
    apps.push(first, second);
    const accounts = Array.from({ length: 6 }, () => randomUUID());
    for (const accountId of accounts) {
      await handleCommand(
        first.pipeline,
        accountDecider,
        { streamId: accountId, command: { type: "OpenAccount", data: { accountId, customerId: "c" } } },
        { context: { customerExists: true } },
      );
    }
    const customerId = randomUUID();
    const productId = randomUUID();
    await appendGiven(first.store, "Customer", customerId, 0, [
      {
        type: "CustomerRegistered",
        data: {
          customerId,
          givenName: "Ada",
          familyName: null,
          email: "ada@example.com",
          phone: "+1 555 0100",
          address: { line1: "1 Main St", line2: null, city: "Springfield", postalCode: "12345", country: "US" },
        },
      },
    ]);
    const products = new Map([[productId, { name: "Mug", priceCents: 350 }]]);
    /** Orders created in earlier rounds, to be shipped. */
    const created: string[] = [];
    let deposited = 0;
    let ordered = 0;
    for (let chunk = 0; chunk < 200; chunk += 10) {
      const shippable = created.splice(0);
      await Promise.all(
        Array.from({ length: 10 }, (_, k) => {
          const i = chunk + k;
          const app = i % 2 === 0 ? first : second;
          if (i % 4 === 1) {
            const orderId = randomUUID();
            ordered++;
            created.push(orderId);
            const command = { type: "CreateOrder" as const, data: { orderId, customerId, items: [{ productId, quantity: 1 + (i % 3) }] } };
            return handleCommand(
              app.pipeline,
              orderDecider,
              { streamId: orderId, command },
              { context: { customerExists: true, products } },
            );
          }
          if (i % 4 === 3 && shippable.length > 0) {
            const orderId = shippable.shift()!;
            return handleCommand(app.pipeline, orderDecider, {
              streamId: orderId,
              command: { type: "ShipOrder", data: { orderId, carrier: "UPS", trackingNumber: `T${i}` } },
            });
          }
          const accountId = accounts[i % accounts.length]!;
          deposited += 1 + (i % 7);
          return handleCommand(app.pipeline, accountDecider, {
            streamId: accountId,
            command: { type: "DepositMoney", data: { accountId, amountCents: 1 + (i % 7) } },
          });
        }),
      );
    }
    await settle(first);
    await settle(second);
    for (const app of [first, second]) {
      expect(
        app.projector.status().filter((status) => status.state !== "RUNNING"),
        "no runner failed",
      ).toEqual([]);
    }
    const racing = await snapshotReadModels(first);
    const [balances] = await first.db.sql.query<{ total: string }>("SELECT sum(balance_cents)::text AS total FROM account_balances");
    expect(Number(balances!.total)).toBe(deposited);
    const [summaries] = await first.db.sql.query<{ count: string }>("SELECT count(*)::text AS count FROM order_summaries");
    expect(Number(summaries!.count)).toBe(ordered);
    await second.projector.stop();
    await rebuildAll(first);
    expect(await snapshotReadModels(first)).toEqual(racing);
  });
});

describe("a rebuild seen from another instance", () => {
  it("answers a minVersion read there once the row is rebuilt, though the rebuild announces no replayed row", async () => {
    const database = await createTestDatabase();
    drops.push(database.drop);
    const projector = await createApp({ database: database.options, projector: { batchSize: 50 }, cluster: cluster("projector") });
    const api = await createApp({ database: database.options, consistencyTimeoutMs: 20_000, cluster: cluster("api") });
    apps.push(projector, api);
    await leadingAll(projector);
    // A long log to replay, and at its end the account the other instance asks about.
    for (let i = 0; i < 60; i++) {
      const accountId = randomUUID();
      await appendGiven(projector.store, "Account", accountId, 0, [
        { type: "AccountOpened", data: { accountId, customerId: "c" } },
        ...Array.from({ length: 49 }, () => ({ type: "MoneyDeposited", data: { accountId, amountCents: 1 } })),
      ]);
    }
    const accountId = randomUUID();
    await appendGiven(projector.store, "Account", accountId, 0, [
      { type: "AccountOpened", data: { accountId, customerId: "c" } },
      { type: "MoneyDeposited", data: { accountId, amountCents: 5 } },
      { type: "MoneyDeposited", data: { accountId, amountCents: 7 } },
    ]);
    await settle(projector);
    /** Versions of the row the other instance read, 0 for none. */
    const reads: number[] = [];
    const read = async () => {
      const [row] = await api.db.sql.query<{ version: number; balance_cents: number }>(
        "SELECT version, balance_cents FROM account_balances WHERE id = $1",
        [accountId],
      );
      reads.push(row?.version ?? 0);
      return row ?? null;
    };
    expect(await api.consistency.requireVersion("ACCOUNT_BALANCE", accountId, 3, read)).toMatchObject({ version: 3, balance_cents: 12 });

    reads.length = 0;
    await projector.rebuild(["ACCOUNT_BALANCE"]); // returns once the view is empty and the replay has begun
    const rebuilt = await api.consistency.requireVersion("ACCOUNT_BALANCE", accountId, 3, read);
    expect(rebuilt).toMatchObject({ version: 3, balance_cents: 12 });
    expect(reads[0], "the other instance found the row gone at first").toBe(0);
    expect(reads.length).toBeGreaterThan(1);
    expect(projector.projector.runner("ACCOUNT_BALANCE").status().state).not.toBe("FAILED");
  });
});

describe("rebuildProjections on an instance that does not run the projection", () => {
  it("fails with SERVICE_UNAVAILABLE when no instance runs it, and is carried out by the one that does", async () => {
    const database = await createTestDatabase();
    drops.push(database.drop);
    const api = await createApp({ database: database.options, consistencyTimeoutMs: 500, cluster: cluster("api") });
    apps.push(api);
    const refused = await api.rebuild(["ACCOUNT_BALANCE"]).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ServiceUnavailableError);
    expect(refused).toMatchObject({ code: "SERVICE_UNAVAILABLE", details: { projections: ["ACCOUNT_BALANCE"] } });

    const projector = await createApp({ database: database.options, cluster: cluster("projector") });
    apps.push(projector);
    await leadingAll(projector);
    const rebuild = vi.spyOn(projector.projector.runner("ACCOUNT_BALANCE"), "rebuild");
    await api.rebuild(["ACCOUNT_BALANCE"]);
    expect(rebuild).toHaveBeenCalledTimes(1);
    expect(api.notifier.stats.resetListeners).toBe(0);
  });
});

describe("a projection that fails on the instance that runs it", () => {
  it("is FAILED on every instance, which answer waits on it with PROJECTION_FAILED at once, also one that starts later", async () => {
    const database = await createTestDatabase();
    drops.push(database.drop);
    const projector = await createApp({ database: database.options, cluster: cluster("projector") });
    const api = await createApp({ database: database.options, consistencyTimeoutMs: 60_000, cluster: cluster("api") });
    apps.push(projector, api);
    await leadingAll(projector);
    await projector.db.sql.query("ALTER TABLE account_ledger ADD CONSTRAINT poison CHECK (amount_cents <> 4242)");
    const accountId = randomUUID();
    const { position } = await appendGiven(api.store, "Account", accountId, 0, [
      { type: "AccountOpened", data: { accountId, customerId: "c" } },
      { type: "MoneyDeposited", data: { accountId, amountCents: 4242 } },
    ]);
    const waiting = api.consistency.requirePosition("ACCOUNT_BALANCE", position).catch((error: unknown) => error);
    // Without the failure crossing over, this wait would last the minute and end in CONSISTENCY_TIMEOUT.
    expect(await waiting).toMatchObject({ code: "PROJECTION_FAILED", details: { projection: "ACCOUNT_BALANCE" } });
    expect(api.projector.runner("ACCOUNT_BALANCE").status()).toMatchObject({
      state: "FAILED",
      lastError: expect.stringMatching(/could not be applied \(SQLSTATE 23514\)/),
    });
    expect(await api.consistency.caughtUp(["ACCOUNT_BALANCE"], position)).toBe(false);

    // An instance that starts now learns it from the stored checkpoint.
    const late = await createApp({ database: database.options, consistencyTimeoutMs: 60_000, cluster: cluster("api") });
    apps.push(late);
    expect(await late.consistency.requirePosition("ACCOUNT_BALANCE", position).catch((error: unknown) => error)).toMatchObject({
      code: "PROJECTION_FAILED",
    });

    // Repaired and rebuilt, waits are answered everywhere again.
    await projector.db.sql.query("ALTER TABLE account_ledger DROP CONSTRAINT poison");
    await api.rebuild(["ACCOUNT_BALANCE"]);
    await api.consistency.requirePosition("ACCOUNT_BALANCE", position);
    await late.consistency.requirePosition("ACCOUNT_BALANCE", position);
    expect(late.projector.runner("ACCOUNT_BALANCE").status().state).toBe("STANDBY");
  });
});
