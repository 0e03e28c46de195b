/**
 * Random command sequences through the deciders (fast-check): whatever is asked, in any
 * order, with any numbers, an accepted command keeps every invariant and a refused one is a
 * typed CatchupError that changes nothing.
 *
 * - accounts: the balance never goes below 0 (nor above the maximum) and equals deposits
 *   minus withdrawals;
 * - orders: shipped and cancelled orders are frozen; lines have positive quantities, at
 *   most one per product, at the captured price, and at most MAX_ORDER_LINES; the total
 *   stays within MAX_ORDER_TOTAL_CENTS.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CatchupError } from "../core/errors.js";
import type { DomainEvent } from "../core/events.js";
import { accountDecider, MAX_BALANCE_CENTS, type AccountCommand, type AccountState } from "./accounts/account.js";
import { MAX_ORDER_LINES, MAX_ORDER_TOTAL_CENTS, orderDecider, totalCents, type OrderCommand, type OrderState } from "./orders/order.js";

const NOW = new Date("2026-11-26T00:00:00Z");

/** Numbers a client might send: ordinary, edge, huge, negative, fractional, not finite. */
const amount = fc.oneof(
  fc.integer({ min: 1, max: 100_000 }),
  fc.integer(),
  fc.constantFrom(0, -1, 1, MAX_BALANCE_CENTS, MAX_BALANCE_CENTS + 1, Number.MAX_SAFE_INTEGER, 0.5, Number.NaN, Number.POSITIVE_INFINITY),
);

/** Runs a command; returns its events, or [] when it was refused with a CatchupError. */
function attempt<C, E extends DomainEvent, S, Ctx>(
  decide: (command: C, state: S, context: Ctx) => E[],
  command: C,
  state: S,
  context: Ctx,
): { events: E[]; refused: boolean } {
  try {
    return { events: decide(command, state, context), refused: false };
  } catch (error) {
    expect(error, `only typed errors: ${String(error)}`).toBeInstanceOf(CatchupError);
    return { events: [], refused: true };
  }
}

describe("account decider under random commands", () => {
  const command = fc.oneof(
    fc.record({
      type: fc.constant("OpenAccount" as const),
      data: fc.record({ accountId: fc.constant("a"), customerId: fc.constant("c") }),
    }),
    fc.record({ type: fc.constant("DepositMoney" as const), data: fc.record({ accountId: fc.constant("a"), amountCents: amount }) }),
    fc.record({ type: fc.constant("WithdrawMoney" as const), data: fc.record({ accountId: fc.constant("a"), amountCents: amount }) }),
  );

  it("never lets the balance leave 0..MAX_BALANCE_CENTS, and the balance is what was accepted", () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 60 }), fc.boolean(), (commands, customerExists) => {
        let state: AccountState = accountDecider.initialState;
        let expected = 0;
        for (const next of commands as AccountCommand[]) {
          const { events } = attempt(accountDecider.decide, next, state, { now: NOW, customerExists });
          for (const event of events) {
            if (event.type === "MoneyDeposited") expected += event.data.amountCents;
            if (event.type === "MoneyWithdrawn") expected -= event.data.amountCents;
            state = accountDecider.evolve(state, event);
          }
          if (state.status === "open") {
            expect(state.balanceCents).toBeGreaterThanOrEqual(0);
            expect(state.balanceCents).toBeLessThanOrEqual(MAX_BALANCE_CENTS);
            expect(Number.isSafeInteger(state.balanceCents)).toBe(true);
            expect(state.balanceCents).toBe(expected);
          } else {
            expect(events).toEqual([]);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe("order decider under random commands", () => {
  const products = new Map([
    ["p1", { name: "One", priceCents: 100 }],
    ["p2", { name: "Two", priceCents: 2_500 }],
    ["p3", { name: "Three", priceCents: 99_999 }],
  ]);
  const productId = fc.constantFrom("p1", "p2", "p3", "missing", "");
  const quantity = fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer(), fc.constantFrom(0, -1, 10_000, 10_001, 0.5, Number.NaN));
  const text = fc.oneof(fc.string(), fc.constantFrom("", "   ", "UPS", "x".repeat(500), "📦 Ünïcødé"));
  const command = fc.oneof(
    fc.record({
      type: fc.constant("CreateOrder" as const),
      data: fc.record({
        orderId: fc.constant("o"),
        customerId: fc.constant("c"),
        items: fc.array(fc.record({ productId, quantity }), { maxLength: 4 }),
      }),
    }),
    fc.record({ type: fc.constant("AddOrderItem" as const), data: fc.record({ orderId: fc.constant("o"), productId, quantity }) }),
    fc.record({ type: fc.constant("RemoveOrderItem" as const), data: fc.record({ orderId: fc.constant("o"), productId }) }),
    fc.record({
      type: fc.constant("ShipOrder" as const),
      data: fc.record({ orderId: fc.constant("o"), carrier: text, trackingNumber: text }),
    }),
    fc.record({ type: fc.constant("CancelOrder" as const), data: fc.record({ orderId: fc.constant("o"), reason: text }) }),
  );

  it("keeps lines valid and totals exact, and freezes shipped and cancelled orders", () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 40 }), fc.boolean(), (commands, customerExists) => {
        let state: OrderState = orderDecider.initialState;
        for (const next of commands as OrderCommand[]) {
          const before = state;
          const { events } = attempt(orderDecider.decide, next, state, { now: NOW, customerExists, products });
          for (const event of events) state = orderDecider.evolve(state, event);
          if (before.status === "shipped" || before.status === "cancelled") {
            expect(events, `${before.status} orders are frozen`).toEqual([]);
            expect(state).toBe(before);
          }
          if (state.status !== "none") {
            expect(state.items.length).toBeLessThanOrEqual(MAX_ORDER_LINES);
            expect(new Set(state.items.map((item) => item.productId)).size).toBe(state.items.length);
            for (const item of state.items) {
              expect(Number.isSafeInteger(item.quantity) && item.quantity > 0).toBe(true);
              expect(item.unitPriceCents).toBe(products.get(item.productId)?.priceCents);
            }
            // The total a client sees (line sums at captured prices) stays a valid Int amount.
            const total = totalCents(state.items);
            expect(Number.isSafeInteger(total) && total >= 0 && total <= MAX_ORDER_TOTAL_CENTS).toBe(true);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});
