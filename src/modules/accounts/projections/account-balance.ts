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

/** The oldest `limit` accounts of each of these customers, oldest first. */
export function findAccountsOfCustomers(sql: Sql, customerIds: readonly string[], limit: number): Promise<AccountRow[]> {
  return selectRows(
    sql,
    ACCOUNTS,
    `id IN (SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY customer_id ORDER BY opened_at, id) AS n
                            FROM account_balances WHERE customer_id = ANY($1::text[])) ranked WHERE n <= $2)
     ORDER BY opened_at, id`,
    [customerIds, limit],
  );
}

export type LedgerEntryRow = Omit<LedgerRow, "accountId">;

/** Which page of an account's ledger: newest first; a cursor is an entry's version. */
export interface LedgerPageKey {
  accountId: string;
  size: number;
  backward: boolean;
  cursor: number | null;
}

export interface LedgerPage {
  rows: LedgerEntryRow[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  totalCount: number;
}

/**
 * Pages of the ledgers of several accounts, newest first, in one statement per kind of page
 * (size and direction): a page of accounts each with its ledger costs one query, not one
 * per account.
 */
export async function ledgerPages(sql: Sql, keys: readonly LedgerPageKey[]): Promise<LedgerPage[]> {
  const groups = new Map<string, number[]>();
  keys.forEach((key, index) => {
    const group = `${key.size}:${key.backward}`;
    groups.set(group, [...(groups.get(group) ?? []), index]);
  });
  const pages: LedgerPage[] = new Array(keys.length);
  await Promise.all(
    [...groups.values()].map(async (indexes) => {
      const { size, backward } = keys[indexes[0]!]!;
      // Forward pages take the entries below the cursor's version (newest first); backward pages, those above it.
      const [past, beyond, order] = backward ? [">", "<=", "ASC"] : ["<", ">=", "DESC"];
      const rows = await sql.query<LedgerEntryRow & { slot: number; total: string; beyond: boolean }>(
        `SELECT k.slot, l.version, l.kind, l.amount_cents AS "amountCents", l.balance_after_cents AS "balanceAfterCents",
                l.recorded_at AS "recordedAt", l.position::text AS position, c.total::text AS total, c.beyond
         FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS k(account_id, cursor, slot)
         CROSS JOIN LATERAL (
           SELECT count(*) AS total,
                  coalesce(bool_or(k.cursor IS NOT NULL AND version ${beyond} k.cursor), false) AS beyond
           FROM account_ledger WHERE account_id = k.account_id
         ) c
         LEFT JOIN LATERAL (
           SELECT * FROM account_ledger
           WHERE account_id = k.account_id AND (k.cursor IS NULL OR version ${past} k.cursor)
           ORDER BY version ${order} LIMIT $3
         ) l ON true
         ORDER BY k.slot, l.version ${order}`,
        [indexes.map((index) => keys[index]!.accountId), indexes.map((index) => keys[index]!.cursor), size + 1],
      );
      const bySlot = new Map<number, typeof rows>();
      for (const row of rows) {
        const slot = bySlot.get(Number(row.slot));
        if (slot) slot.push(row);
        else bySlot.set(Number(row.slot), [row]);
      }
      indexes.forEach((index, slot) => {
        const mine = bySlot.get(slot + 1) ?? [];
        const entries = mine
          .filter((row) => row.version !== null)
          .map(({ version, kind, amountCents, balanceAfterCents, recordedAt, position }) => ({
            version,
            kind,
            amountCents,
            balanceAfterCents,
            recordedAt: new Date(recordedAt),
            position: BigInt(position),
          }));
        const more = entries.length > size;
        const page = entries.slice(0, size);
        if (backward) page.reverse();
        const beyondCursor = mine[0]?.beyond ?? false;
        pages[index] = {
          rows: page,
          hasNextPage: backward ? beyondCursor : more,
          hasPreviousPage: backward ? more : beyondCursor,
          totalCount: Number(mine[0]?.total ?? 0),
        };
      });
    }),
  );
  return pages;
}
