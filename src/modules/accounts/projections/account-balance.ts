/**
 * ACCOUNT_BALANCE: one row per account (balance, stream version, global position) and a
 * ledger row per deposit or withdrawal with the balance after it. The queries that read
 * it live here too.
 */
import type { LoggedEvent } from "../../../core/events.js";
import type { Sql } from "../../../core/database/database.js";
import { unreachable } from "../../../core/decider.js";
import { selectIn, selectRows } from "../../../core/projection-helpers/table-reads.js";
import { upsertRows } from "../../../core/projection-helpers/table-writes.js";
import type { TableSpec } from "../../../core/projection-helpers/table-spec.js";
import { lateralPages, type KeysetPage, type KeysetRequest } from "../../../core/projection-helpers/keyset.js";
import { defineProjection, type ChangedRow } from "../../../core/projection.js";
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

export const accountBalanceProjection = defineProjection<AccountEvent>()({
  name: ACCOUNT_BALANCE,
  eventTypes: ACCOUNT_EVENT_TYPES,
  tables: ["account_balances", "account_ledger"],
  // Every batch reads the accounts it books: the runner keeps them instead (one round trip less).
  keeps: ["account_balances"],

  async apply(events, tx) {
    // Fold the batch in memory per account, then write each touched row once.
    const ids = [...new Set(events.map((event) => event.streamId))];
    const existing = await selectIn(tx, ACCOUNTS, "id", ids);
    const rows = new Map<string, AccountRow>(existing.map((row) => [row.id, row]));
    const ledger: LedgerRow[] = [];
    const book = (row: AccountRow, event: LoggedEvent<AccountEvent>, kind: "DEPOSIT" | "WITHDRAWAL", amountCents: number) => {
      row.balanceCents += kind === "DEPOSIT" ? amountCents : -amountCents;
      row.version = event.version;
      row.position = event.position;
      row.updatedAt = event.recordedAt;
      ledger.push({
        accountId: row.id,
        version: event.version,
        kind,
        amountCents,
        balanceAfterCents: row.balanceCents,
        recordedAt: event.recordedAt,
        position: event.position,
      });
    };
    const account = (event: LoggedEvent<AccountEvent>) => {
      const row = rows.get(event.streamId);
      if (!row) throw new Error(`${event.type} at position ${event.position} for unknown account ${event.streamId}`);
      return row;
    };

    for (const event of events) {
      switch (event.type) {
        case "AccountOpened":
          if (rows.has(event.streamId)) break; // already applied (cannot happen with a consistent checkpoint)
          rows.set(event.streamId, {
            id: event.streamId,
            customerId: event.data.customerId,
            balanceCents: 0,
            openedAt: event.recordedAt,
            updatedAt: event.recordedAt,
            version: event.version,
            position: event.position,
          });
          break;
        case "MoneyDeposited":
          book(account(event), event, "DEPOSIT", event.data.amountCents);
          break;
        case "MoneyWithdrawn":
          book(account(event), event, "WITHDRAWAL", event.data.amountCents);
          break;
        default:
          unreachable(event);
      }
    }

    const touched = ids.map((id) => rows.get(id)!);
    await upsertRows(tx, ACCOUNTS, touched);
    await upsertRows(tx, LEDGER, ledger);
    return touched.map((row): ChangedRow => ({ id: row.id, version: row.version, position: row.position }));
  },
});

export async function findAccount(sql: Sql, id: string): Promise<AccountRow | null> {
  const [row] = await selectRows(sql, ACCOUNTS, "id = $1", [id]);
  return row ?? null;
}

export type LedgerEntryRow = Omit<LedgerRow, "accountId">;

/** A page of each of these customers' accounts, oldest first. */
export async function accountPages(
  sql: Sql,
  requests: readonly { parent: string; request: KeysetRequest }[],
): Promise<KeysetPage<AccountRow>[]> {
  const pages = await lateralPages<AccountRow & { position: string | bigint }>(
    sql,
    {
      select: `r.id, r.customer_id AS "customerId", r.balance_cents AS "balanceCents", r.opened_at AS "openedAt",
               r.updated_at AS "updatedAt", r.version, r.position::text AS position`,
      from: "account_balances",
      parent: "customer_id",
      keys: [
        { expr: "opened_at", type: "timestamptz" },
        { expr: "id", type: "text" },
      ],
      descending: false,
    },
    requests,
  );
  return pages.map((page) => ({
    ...page,
    rows: page.rows.map((row) => ({
      ...row,
      openedAt: new Date(row.openedAt),
      updatedAt: new Date(row.updatedAt),
      position: BigInt(row.position),
    })),
  }));
}

/** A page of each of these accounts' ledgers, newest first; a cursor is an entry's version. */
export async function ledgerPages(
  sql: Sql,
  requests: readonly { parent: string; request: KeysetRequest }[],
): Promise<KeysetPage<LedgerEntryRow>[]> {
  const pages = await lateralPages<LedgerEntryRow & { position: string | bigint }>(
    sql,
    {
      select: `r.version, r.kind, r.amount_cents AS "amountCents", r.balance_after_cents AS "balanceAfterCents",
               r.recorded_at AS "recordedAt", r.position::text AS position`,
      from: "account_ledger",
      parent: "account_id",
      keys: [{ expr: "version", type: "integer" }],
      descending: true,
    },
    requests,
  );
  return pages.map((page) => ({
    ...page,
    rows: page.rows.map((row) => ({ ...row, recordedAt: new Date(row.recordedAt), position: BigInt(row.position) })),
  }));
}
