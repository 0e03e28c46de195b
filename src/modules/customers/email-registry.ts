/**
 * Write-side uniqueness of customer emails: a row per email naming its customer, claimed
 * in the transaction that appends the event. A concurrent claim of the same email waits on
 * the first transaction's row and then sees it taken, so two registrations can never both
 * win — no projection is consulted.
 */
import type { StateChange, StreamStates, WriteModel } from "../../core/command-pipeline.js";
import { DuplicateError } from "../../core/errors.js";
import type { EventStore } from "../../core/event-store.js";
import { eventSourced } from "../../core/command-pipeline.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { customerDecider, type CustomerEvent, type CustomerState } from "./customer.js";

async function claimEmails(tx: Prisma.TransactionClient, change: StateChange<CustomerEvent, CustomerState>): Promise<void> {
  for (const event of change.events) {
    if (event.type !== "CustomerRegistered" && event.type !== "CustomerEmailChanged") continue;
    const { customerId, email } = event.data;
    const claimed = await tx.$executeRawUnsafe(
      "INSERT INTO customer_emails (email, customer_id) VALUES ($1, $2) ON CONFLICT (email) DO NOTHING",
      email,
      customerId,
    );
    if (claimed === 0) {
      const [holder] = await tx.$queryRawUnsafe<{ customer_id: string }[]>(
        "SELECT customer_id FROM customer_emails WHERE email = $1",
        email,
      );
      if (holder?.customer_id !== customerId) throw new DuplicateError(`email ${email} is already taken`, { field: "email" });
    }
    if (event.type === "CustomerEmailChanged") {
      await tx.$executeRawUnsafe("DELETE FROM customer_emails WHERE email = $1 AND customer_id = $2", event.data.previousEmail, customerId);
    }
  }
}

/** The customer write model: the event stream, plus the email claims. */
export function customerWriteModel(store: EventStore, states?: StreamStates): WriteModel<CustomerEvent, CustomerState> {
  return eventSourced(store, customerDecider, claimEmails, states);
}

/** A registered customer as the write side knows it, or null. */
export async function loadCustomer(
  store: EventStore,
  customerId: string,
): Promise<Extract<CustomerState, { status: "registered" }> | null> {
  const { state } = await customerWriteModel(store).load(customerId);
  return state.status === "registered" ? state : null;
}
