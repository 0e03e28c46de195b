/** ACCOUNT_BALANCE: given events in the log, then these rows. */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { projectionSpec } from "../../../../test/support/projection-spec.js";
import type { AccountEvent } from "../account.js";
import { ACCOUNT_BALANCE, accountBalanceProjection, findAccount } from "./account-balance.js";

const { database, notifier, given: append, projected } = projectionSpec([accountBalanceProjection], { batchSize: 4 });
const given = (accountId: string, ...events: AccountEvent[]) => append("Account", accountId, ...events);

it("keeps one row per account with balance, version and position, and a ledger with running balances", async () => {
  const accountId = randomUUID();
  const changes: unknown[] = [];
  const stop = notifier.onRowChange(ACCOUNT_BALANCE, accountId, (change) => changes.push(change));
  await given(
    accountId,
    { type: "AccountOpened", data: { accountId, customerId: "c-9" } },
    { type: "MoneyDeposited", data: { accountId, amountCents: 500 } },
  );
  await given(accountId, { type: "MoneyWithdrawn", data: { accountId, amountCents: 120 } });
  await given(accountId, { type: "MoneyDeposited", data: { accountId, amountCents: 20 } });
  const last = await projected();
  stop();

  expect(await findAccount(database.db.sql, accountId)).toMatchObject({
    id: accountId,
    customerId: "c-9",
    balanceCents: 400,
    version: 4,
    position: last,
  });
  const ledger = await database.db.prisma.accountLedgerEntry.findMany({ where: { accountId }, orderBy: { version: "asc" } });
  expect(ledger.map((row) => [row.version, row.kind, row.amountCents, row.balanceAfterCents])).toEqual([
    [2, "DEPOSIT", 500, 500],
    [3, "WITHDRAWAL", 120, 380],
    [4, "DEPOSIT", 20, 400],
  ]);
  expect(changes.at(-1)).toEqual({ projection: ACCOUNT_BALANCE, id: accountId, version: 4, position: last });
});
