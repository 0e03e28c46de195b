/** ORDER_SUMMARY's batch: several email changes of one customer in one batch rewrite its orders once. */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { useTestDatabase } from "../../../../test/support/database.js";
import type { Transaction } from "../../../core/database/database.js";
import type { DomainEvent, LoggedEvent } from "../../../core/events.js";
import { findOrderSummaries, orderSummaryProjection } from "./order-summary.js";

const database = useTestDatabase();

/** Logged events of one batch, at positions from `from`. */
function batch(from: bigint, ...events: [streamType: string, streamId: string, version: number, event: DomainEvent][]): LoggedEvent[] {
  return events.map(([streamType, streamId, version, event], index) => ({
    ...event,
    streamType,
    streamId,
    version,
    position: from + BigInt(index),
    recordedAt: new Date("2026-06-01T00:00:00Z"),
  }));
}

it("rewrites a customer's orders once for several email changes in one batch, ending as if each had been applied", async () => {
  const ada = randomUUID();
  const [first, second] = [randomUUID(), randomUUID()];
  const mug = randomUUID();
  const address = { line1: "1 Main St", line2: null, city: "Springfield", postalCode: "12345", country: "US" };
  const created = (orderId: string) => ({
    type: "OrderCreated",
    data: { orderId, customerId: ada, items: [{ productId: mug, productName: "Mug", quantity: 1, unitPriceCents: 100 }] },
  });
  const emailChanged = (email: string, previousEmail: string) => ({
    type: "CustomerEmailChanged",
    data: { customerId: ada, email, previousEmail },
  });
  const events = batch(
    1n,
    [
      "Customer",
      ada,
      1,
      {
        type: "CustomerRegistered",
        data: { customerId: ada, givenName: "Ada", familyName: null, email: "a1@example.com", phone: "+1 555 0100", address },
      },
    ],
    ["Product", mug, 1, { type: "ProductAdded", data: { productId: mug, sku: "MUG", name: "Mug", priceCents: 100 } }],
    ["Order", first, 1, created(first)],
    ["Customer", ada, 2, emailChanged("a2@example.com", "a1@example.com")],
    ["Order", second, 1, created(second)],
    ["Customer", ada, 3, emailChanged("a3@example.com", "a2@example.com")],
    ["Customer", ada, 4, emailChanged("a4@example.com", "a3@example.com")],
  );
  const rewrites: string[] = [];
  const changes = await database.db.sql.transaction(async (tx) => {
    const counting: Transaction = {
      ...tx,
      query: (text, params, options) => (text.includes("UPDATE order_summaries") && rewrites.push(text), tx.query(text, params, options)),
      copyFrom: tx.copyFrom.bind(tx),
    };
    return orderSummaryProjection.apply(events, counting);
  });
  expect(rewrites).toHaveLength(1);
  const rows = await findOrderSummaries(database.db.sql, [first, second]);
  expect(rows.map((row) => [row.customerEmail, row.position])).toEqual([
    ["a4@example.com", 7n],
    ["a4@example.com", 7n],
  ]);
  expect(changes).toEqual(
    expect.arrayContaining([
      { id: first, version: 1, position: 7n },
      { id: second, version: 1, position: 7n },
    ]),
  );
});
