/**
 * ACCOUNT_BALANCE: one row per account (balance, stream version, global position) and a
 * ledger row per deposit or withdrawal with the balance after it. The queries that read
 * it live here too.
 */
import type { LoggedEvent } from "../../../core/events.js";
import type { Sql } from "../../../core/database/database.js";
import { deleteAll, selectIn, selectRows, upsertRows, type TableSpec } from "../../../core/projection-helpers.js";
import type { ChangedRow, Projection } from "../../../core/projection.js";
import type { Prisma, PrismaClient } from "../../../generated/prisma/client.js";
import { ACCOUNT_EVENT_TYPES, type AccountEvent } from "../account.js";

export const ACCOUNT_BALANCE = "ACCOUNT_BALANCE";

export interface AccountRow {
  id: string;
  customerId: string;
  balanceCents: number;
  openedAt: Date;
  updatedAt: Date;
  version: number;
  position: bigint;
}

const ACCOUNTS: TableSpec<AccountRow> = {
  table: "account_balances",
  key: ["id"],
  columns: {
    id: ["id", "text"],
    customerId: ["customer_id", "text"],
    balanceCents: ["balance_cents", "integer"],
    openedAt: ["opened_at", "timestamptz"],
    updatedAt: ["updated_at", "timestamptz"],
    version: ["version", "integer"],
    position: ["position", "bigint"],
  },
};

interface LedgerRow {
  accountId: string;
  version: number;
  kind: string;
  amountCents: number;
  balanceAfterCents: number;
  recordedAt: Date;
  position: bigint;
}

const LEDGER: TableSpec<LedgerRow> = {
  table: "account_ledger",
  key: ["accountId", "version"],
  columns: {
    accountId: ["account_id", "text"],
    version: ["version", "integer"],
    kind: ["kind", "text"],
    amountCents: ["amount_cents", "integer"],
    balanceAfterCents: ["balance_after_cents", "integer"],
    recordedAt: ["recorded_at", "timestamptz"],
    position: ["position", "bigint"],
  },
};

export const accountBalanceProjection: Projection = {
  name: ACCOUNT_BALANCE,
  eventTypes: ACCOUNT_EVENT_TYPES,

  async apply(events, tx) {
    const batch = events as readonly LoggedEvent<AccountEvent>[];
    // Fold the batch in memory per account, then write each touched row once.
    const ids = [...new Set(batch.map((event) => event.streamId))];
    const existing = await selectIn(tx, ACCOUNTS, "id", ids);
    const rows = new Map<string, AccountRow>(existing.map((row) => [row.id, row]));
    const ledger: LedgerRow[] = [];

    for (const event of batch) {
      const row = rows.get(event.streamId);
      if (event.type === "AccountOpened") {
        if (row) continue; // already applied (cannot happen with a consistent checkpoint)
        rows.set(event.streamId, {
          id: event.streamId,
          customerId: event.data.customerId,
          balanceCents: 0,
          openedAt: event.recordedAt,
          updatedAt: event.recordedAt,
          version: event.version,
          position: event.position,
        });
        continue;
      }
      if (!row) throw new Error(`${event.type} at position ${event.position} for unknown account ${event.streamId}`);
      const amount = event.data.amountCents;
      row.balanceCents += event.type === "MoneyDeposited" ? amount : -amount;
      row.version = event.version;
      row.position = event.position;
      row.updatedAt = event.recordedAt;
      ledger.push({
        accountId: row.id,
        version: event.version,
        kind: event.type === "MoneyDeposited" ? "DEPOSIT" : "WITHDRAWAL",
        amountCents: amount,
        balanceAfterCents: row.balanceCents,
        recordedAt: event.recordedAt,
        position: event.position,
      });
    }

    const touched = ids.map((id) => rows.get(id)!);
    await upsertRows(tx, ACCOUNTS, touched);
    await upsertRows(tx, LEDGER, ledger);
    return touched.map((row): ChangedRow => ({ id: row.id, version: row.version, position: row.position }));
  },

  async reset(tx) {
    await deleteAll(tx, "account_ledger", "account_balances");
  },
};

export async function findAccount(sql: Sql, id: string): Promise<AccountRow | null> {
  const [row] = await selectRows(sql, ACCOUNTS, "id = $1", [id]);
  return row ?? null;
}
