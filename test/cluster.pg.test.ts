/**
 * Two instances' runners applying the same projections at once (what a lost lock could
 * cause for a moment): the checkpoint's compare-and-set lets one batch of each pair commit,
 * the other re-reads the checkpoint and goes on from there. Nothing fails, and the rows
 * equal a rebuild from scratch. (*.pg.test.ts: PostgreSQL only, two Apps on one database.)
 */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../src/app.js";
import { handleCommand } from "../src/core/command-pipeline.js";
import { accountDecider } from "../src/modules/accounts/account.js";
import { createTestDatabase } from "./support/database.js";
import { rebuildAll, settle, snapshotReadModels } from "./support/read-models.js";

const apps: App[] = [];
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
  for (const drop of drops) await drop();
});

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
      await handleCommand(first.pipeline, accountDecider, { streamId: accountId, command: { type: "OpenAccount", data: { accountId, customerId: "c" } } }, { context: { customerExists: true } });
    }
    for (let chunk = 0; chunk < 200; chunk += 10) {
      await Promise.all(
        Array.from({ length: 10 }, (_, k) => {
          const i = chunk + k;
          const accountId = accounts[i % accounts.length]!;
          const app = i % 2 === 0 ? first : second;
          return handleCommand(app.pipeline, accountDecider, { streamId: accountId, command: { type: "DepositMoney", data: { accountId, amountCents: 1 + (i % 7) } } });
        }),
      );
    }
    await settle(first);
    await settle(second);
    for (const app of [first, second]) {
      expect(app.projector.status().filter((status) => status.state !== "RUNNING"), "no runner failed").toEqual([]);
    }
    const racing = await snapshotReadModels(first);
    const [balances] = await first.db.sql.query<{ total: string }>("SELECT sum(balance_cents)::text AS total FROM account_balances");
    expect(Number(balances!.total)).toBe(Array.from({ length: 200 }, (_, i) => 1 + (i % 7)).reduce((a, b) => a + b, 0));
    await second.projector.stop();
    await rebuildAll(first);
    expect(await snapshotReadModels(first)).toEqual(racing);
  });
});
