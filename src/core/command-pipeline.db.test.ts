/** The command pipeline's kept stream states (StreamStates), on the real database. */
import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { appendGiven, useTestDatabase } from "../../test/support/database.js";
import { accountDecider, type AccountCommand } from "../modules/accounts/account.js";
import { handleCommand, StreamStates, type PipelineDeps } from "./command-pipeline.js";

const database = useTestDatabase();

function pipeline(states?: StreamStates): PipelineDeps {
  return { db: database.db.prisma, store: database.store, clock: () => new Date(), states };
}

const run = (deps: PipelineDeps, streamId: string, command: AccountCommand) =>
  handleCommand(deps, accountDecider, { streamId, command }, { context: { customerExists: async () => true } as never });

async function openAccount(deps: PipelineDeps): Promise<string> {
  const accountId = randomUUID();
  await run(deps, accountId, { type: "OpenAccount", data: { accountId, customerId: randomUUID() } });
  return accountId;
}

describe("kept stream states", () => {
  it("reads only the events after the kept version, and decides on the whole history", async () => {
    const deps = pipeline(new StreamStates());
    const accountId = await openAccount(deps);
    const reads = vi.spyOn(database.store, "readStream");
    try {
      for (let k = 1; k <= 5; k++) await run(deps, accountId, { type: "DepositMoney", data: { accountId, amountCents: 100 } });
      // Each command reads from the version after the one it last loaded: the first from 1 (the
      // open found an empty stream, nothing was kept), then each one only the previous command's event.
      expect(reads.mock.calls.map(([, fromVersion]) => fromVersion)).toEqual([1, 2, 3, 4, 5]);
    } finally {
      reads.mockRestore();
    }
    // 500 cents in: a withdrawal of 501 is refused, one of 500 goes through.
    await expect(run(deps, accountId, { type: "WithdrawMoney", data: { accountId, amountCents: 501 } })).rejects.toMatchObject({
      code: "INSUFFICIENT_FUNDS",
    });
    const result = await run(deps, accountId, { type: "WithdrawMoney", data: { accountId, amountCents: 500 } });
    expect(result.version).toBe(7);
  });

  it("sees what another instance appended since (the stream stays the truth)", async () => {
    const here = pipeline(new StreamStates());
    const elsewhere = pipeline(); // another instance: its own pipeline, no shared memory
    const accountId = await openAccount(here);
    await run(here, accountId, { type: "DepositMoney", data: { accountId, amountCents: 300 } });
    await run(elsewhere, accountId, { type: "WithdrawMoney", data: { accountId, amountCents: 250 } });
    // Kept here: 300. In the log: 50. A withdrawal of 100 must be refused.
    await expect(run(here, accountId, { type: "WithdrawMoney", data: { accountId, amountCents: 100 } })).rejects.toMatchObject({
      code: "INSUFFICIENT_FUNDS",
    });
    const result = await run(here, accountId, { type: "WithdrawMoney", data: { accountId, amountCents: 50 } });
    expect(result.version).toBe(4);
  });

  it("keeps a stream of another type as foreign: NOT_FOUND every time", async () => {
    const states = new StreamStates();
    const deps = pipeline(states);
    const orderId = randomUUID();
    await appendGiven(database.store, "Order", orderId, 0, [{ type: "OrderCreated", data: { orderId } }]);
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(run(deps, orderId, { type: "DepositMoney", data: { accountId: orderId, amountCents: 1 } })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      expect(states.size).toBe(1);
    }
  });

  it("never appends to a stream of another type: a create command there is DUPLICATE, and the stream is untouched", async () => {
    for (const deps of [pipeline(new StreamStates()), pipeline()]) {
      const orderId = randomUUID();
      const { version } = await appendGiven(database.store, "Order", orderId, 0, [{ type: "OrderCreated", data: { orderId } }]);
      // An account opened under an order's id (a client-chosen id, say) would mix two kinds in one stream.
      await expect(
        run(deps, orderId, { type: "OpenAccount", data: { accountId: orderId, customerId: randomUUID() } }),
      ).rejects.toMatchObject({ code: "DUPLICATE" });
      const stream = await database.store.readStream(orderId);
      expect(stream.map((event) => [event.streamType, event.type])).toEqual([["Order", "OrderCreated"]]);
      expect(stream.at(-1)!.version).toBe(version);
    }
  });

  it("holds at most its capacity, dropping the least recently used", async () => {
    const states = new StreamStates(2);
    const deps = pipeline(states);
    const accounts = [await openAccount(deps), await openAccount(deps), await openAccount(deps)];
    for (const round of [2, 3]) {
      for (const accountId of accounts) {
        const result = await run(deps, accountId, { type: "DepositMoney", data: { accountId, amountCents: 7 } });
        expect(result.version).toBe(round);
        expect(states.size).toBeLessThanOrEqual(2);
      }
    }
    expect(states.size).toBe(2);
  });
});
