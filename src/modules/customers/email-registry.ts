/**
 * Write-side uniqueness of customer emails: a row per email naming its customer, claimed
 * in the transaction that appends the event. A concurrent claim of the same email waits on
 * the first transaction's row and then sees it taken, so two registrations can never both
 * win — no projection is consulted. The row holds a keyed hash of the email, not the email
 * (HMAC-SHA-256 under a key of its own, kept wrapped in `data_keys` like the customers'), so
 * that erasing a customer leaves no copy of its email behind.
 *
 * Forgetting a customer happens here too, in the transaction that appends CustomerForgotten:
 * its claim, data key and snapshots go, and payloads written in clear by earlier versions of
 * Catchup are overwritten with the placeholders.
 */
import { createHash, createHmac } from "node:crypto";
import type { StateChange, StreamStates, WriteModel } from "../../core/command-pipeline.js";
import { eventSourced } from "../../core/command-pipeline.js";
import type { Sql } from "../../core/database/database.js";
import { DuplicateError, NotFoundError } from "../../core/errors.js";
import type { AppendGuard, EventStore } from "../../core/event-store.js";
import type { DataKeys, Query } from "../../core/personal-data.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { customerDecider, type CustomerEvent, type CustomerState } from "./customer.js";

/**
 * The subject of the email claims' hashing key in `data_keys` (never forgotten). It starts
 * with a control character, which no customer id has (a token's subject is printable ASCII,
 * a server-made id a UUID), so no customer can own or forget it.
 */
const CLAIMS_KEY = "\u0001customer-email-claims";
const claimKeys = new WeakMap<DataKeys, Promise<Buffer>>();

/**
 * The keyed hash an email is claimed under (emails are unique case-insensitively). Without
 * data keys (a bare EventStore, as some tests build), a plain SHA-256.
 */
export async function emailHash(store: Pick<EventStore, "personal">, email: string, query?: Query): Promise<string> {
  const normalized = email.trim().toLowerCase();
  const keys = store.personal?.keys;
  if (!keys) return createHash("sha256").update(normalized).digest("base64url");
  let key = claimKeys.get(keys);
  if (!key) {
    // Made in `query`'s transaction, the key may yet roll back: keep only a committed one.
    const existing = (await keys.get([CLAIMS_KEY], query)).get(CLAIMS_KEY);
    if (!existing) return hmac(await keys.obtain(CLAIMS_KEY, query), normalized);
    key = Promise.resolve(existing);
    claimKeys.set(keys, key);
  }
  return hmac(await key, normalized);
}

const hmac = (key: Buffer, text: string) => createHmac("sha256", key).update(text).digest("base64url");

const inTx =
  (tx: Prisma.TransactionClient): Query =>
  (text, params) =>
    tx.$queryRawUnsafe(text, ...params);

function claimsOf(store: EventStore) {
  return async (tx: Prisma.TransactionClient, change: StateChange<CustomerEvent, CustomerState>): Promise<void> => {
    const query = inTx(tx);
    for (const event of change.events) {
      if (event.type === "CustomerForgotten") {
        await forget(store, query, event.data.customerId, change.version);
        continue;
      }
      if (event.type !== "CustomerRegistered" && event.type !== "CustomerEmailChanged") continue;
      const { customerId, email } = event.data;
      const hash = await emailHash(store, email, query);
      const [claimed] = await query<{ customer_id: string }>(
        `INSERT INTO customer_email_claims (email_hash, customer_id) VALUES ($1, $2)
         ON CONFLICT (email_hash) DO NOTHING RETURNING customer_id`,
        [hash, customerId],
      );
      if (!claimed) {
        const [holder] = await query<{ customer_id: string }>("SELECT customer_id FROM customer_email_claims WHERE email_hash = $1", [
          hash,
        ]);
        if (holder?.customer_id !== customerId) throw new DuplicateError(`email ${email} is already taken`, { field: "email" });
      }
      if (event.type === "CustomerEmailChanged") {
        await query("DELETE FROM customer_email_claims WHERE email_hash = $1 AND customer_id = $2", [
          await emailHash(store, event.data.previousEmail, query),
          customerId,
        ]);
      }
    }
  };
}

/**
 * Everything of the customer's on the write side that names it: in the forgetting
 * transaction, whose CustomerForgotten is at `version`.
 */
async function forget(store: EventStore, query: Query, customerId: string, version: number): Promise<void> {
  await query("DELETE FROM customer_email_claims WHERE customer_id = $1", [customerId]);
  await query("DELETE FROM customer_emails WHERE customer_id = $1", [customerId]);
  await query("DELETE FROM snapshots WHERE stream_id = $1", [customerId]);
  // The fingerprints of its commands hash their input (an email, a phone number): a guess
  // could be confirmed against them. Those that wrote, through their events; those that found
  // nothing to do, through their index. A retry of one is DUPLICATE from now on.
  await query(
    `UPDATE commands SET fingerprint = NULL WHERE fingerprint IS NOT NULL AND command_id IN (
       SELECT metadata ->> 'commandId' FROM events WHERE stream_id = $1 AND version < $2)`,
    [customerId, version],
  );
  await query(
    `UPDATE commands SET fingerprint = NULL
     WHERE stream_id = $1 AND cardinality(event_types) = 0 AND fingerprint IS NOT NULL`,
    [customerId],
  );
  const personal = store.personal;
  if (!personal) return;
  await personal.keys.forget(customerId, query);
  // Payloads an earlier version of Catchup wrote in clear: the one change ever made to a
  // logged event, and only to erase what its key cannot.
  const clear = await query<{ position: string; type: string; data: object }>(
    `SELECT position::text AS position, type, data FROM events WHERE stream_id = $1 AND NOT data ? '$sealed' ORDER BY position`,
    [customerId],
  );
  for (const row of clear) {
    const redacted = personal.redacted(row.type, row.data);
    if (redacted) await query("UPDATE events SET data = $2::jsonb WHERE position = $1::bigint", [row.position, JSON.stringify(redacted)]);
  }
}

/**
 * Claims of earlier versions (the clear email in `customer_emails`) moved to hashed claims,
 * once, when the server starts; then the old table stays empty.
 */
export async function hashLegacyEmailClaims(store: EventStore, sql: Sql): Promise<number> {
  await emailHash(store, ""); // the hashing key, made now if the database has none (outside any transaction)
  return sql.transaction(async (tx) => {
    const rows = await tx.query<{ email: string; customer_id: string }>(
      "SELECT email, customer_id FROM customer_emails ORDER BY email FOR UPDATE",
    );
    for (const row of rows) {
      await tx.query("INSERT INTO customer_email_claims (email_hash, customer_id) VALUES ($1, $2) ON CONFLICT (email_hash) DO NOTHING", [
        await emailHash(store, row.email, (text, params) => tx.query(text, params)),
        row.customer_id,
      ]);
    }
    if (rows.length > 0) await tx.query("DELETE FROM customer_emails");
    return rows.length;
  });
}

/** The customer write model: the event stream, plus the email claims. */
export function customerWriteModel(store: EventStore, states?: StreamStates): WriteModel<CustomerEvent, CustomerState> {
  return eventSourced(store, customerDecider, claimsOf(store), states);
}

/** A customer as the write side knows it (registered or forgotten), or null. */
export async function loadCustomer(store: EventStore, customerId: string): Promise<Exclude<CustomerState, { status: "none" }> | null> {
  const { state } = await customerWriteModel(store).load(customerId);
  return state.status === "none" ? null : state;
}

/**
 * For a command decided on a customer being registered (an order, an account): the append
 * checks that the customer has not been forgotten since, under a shared lock on the
 * customer's stream, so that an order or account never follows a forget (NOT_FOUND then, as
 * for a customer that never was).
 */
export function customerNotForgotten(customerId: string): AppendGuard {
  return {
    streamId: customerId,
    absent: "CustomerForgotten",
    error: () => new NotFoundError(`customer ${customerId} does not exist`, { field: "customerId" }),
  };
}
