/**
 * The development setting that shows eventual consistency on PGlite: each projection batch
 * waits before it is applied, so a read right after a write finds the projection behind it,
 * as PostgreSQL under load does; waiting for the write's position still reads it.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { callerOf } from "../src/application/command.js";
import { createApp, type App } from "../src/app.js";
import * as accounts from "../src/modules/accounts/commands.js";
import { ACCOUNT_BALANCE, findAccount } from "../src/modules/accounts/projections/account-balance.js";
import * as customers from "../src/modules/customers/commands.js";
import { createTestDatabase, type TestDatabase } from "./support/database.js";
import { ADDRESS } from "./support/fixtures.js";

let database: TestDatabase;
let app: App;
const admin = callerOf({ role: "admin", subject: "admin-1" });

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createApp({ database: database.options, consistencyTimeoutMs: 10_000, projector: { batchDelayMs: 1000 } });
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

it("leaves a read right after a write behind it, and a wait for the write's position reads it", async () => {
  const customer = await customers.registerCustomer(app, admin, {
    name: "Ada",
    email: `${randomUUID()}@example.com`,
    phone: "+1 555 0100",
    address: ADDRESS,
  });
  const account = await accounts.openAccount(app, admin, { customerId: customer.streamId }, "STRONG");
  expect(account.caughtUp).toBe(true);
  const deposit = await accounts.depositMoney(app, admin, { accountId: account.streamId, amountCents: 700 });
  // Well after the write (a fifth of the delay), the projection has not applied it yet.
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(app.projector.runner(ACCOUNT_BALANCE).position).toBeLessThan(deposit.position);
  expect(await findAccount(app.db.sql, account.streamId)).toMatchObject({ balanceCents: 0 });
  await app.consistency.requirePosition(ACCOUNT_BALANCE, deposit.position);
  expect(await findAccount(app.db.sql, account.streamId)).toMatchObject({ balanceCents: 700 });
});
