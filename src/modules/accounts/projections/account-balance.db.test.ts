/** ACCOUNT_BALANCE: given events in the log, then these rows. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { appendGiven, useTestDatabase } from "../../../../test/support/database.js";
import { Consistency } from "../../../core/consistency.js";
import { Notifier } from "../../../core/notifier.js";
import { Projector } from "../../../core/projector.js";
import type { AccountEvent } from "../account.js";
import { ACCOUNT_BALANCE, accountBalanceProjection, findAccount } from "./account-balance.js";

const database = useTestDatabase();
let notifier: Notifier;
let projector: Projector;

beforeAll(async () => {
  notifier = new Notifier();
  projector = new Projector(database.db, database.store, notifier, [accountBalanceProjection], { batchSize: 4 });
  await projector.start();
});
afterAll(async () => {
  await projector?.stop();
});

async function given(accountId: string, expectedVersion: number, events: AccountEvent[]): Promise<bigint> {
  const { position } = await appendGiven(database.store, "Account", accountId, expectedVersion, events);
  projector.watcher.poke();
  return position;
}

it("keeps one row per account with balance, version and position, and a ledger with running balances", async () => {
  const accountId = randomUUID();
  const changes: unknown[] = [];
  const stop = notifier.onRowChange(ACCOUNT_BALANCE, accountId, (change) => changes.push(change));
  await given(accountId, 0, [
    { type: "AccountOpened", data: { accountId, customerId: "c-9" } },
    { type: "MoneyDeposited", data: { accountId, amountCents: 500 } },
  ]);
  await given(accountId, 2, [{ type: "MoneyWithdrawn", data: { accountId, amountCents: 120 } }]);
  const last = await given(accountId, 3, [{ type: "MoneyDeposited", data: { accountId, amountCents: 20 } }]);
  expect(await new Consistency(notifier, 5000).caughtUp([ACCOUNT_BALANCE], last)).toBe(true);
  stop();

  expect(await findAccount(database.db.sql, accountId)).toMatchObject({ id: accountId, customerId: "c-9", balanceCents: 400, version: 4, position: last });
  const ledger = await database.db.prisma.accountLedgerEntry.findMany({ where: { accountId }, orderBy: { version: "asc" } });
  expect(ledger.map((row) => [row.version, row.kind, row.amountCents, row.balanceAfterCents])).toEqual([
    [2, "DEPOSIT", 500, 500],
    [3, "WITHDRAWAL", 120, 380],
    [4, "DEPOSIT", 20, 400],
  ]);
  expect(changes.at(-1)).toEqual({ projection: ACCOUNT_BALANCE, id: accountId, version: 4, position: last });
});
