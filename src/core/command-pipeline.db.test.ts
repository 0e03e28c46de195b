/** The command pipeline's kept stream states (StreamStates), on the real database. */
import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { appendGiven, useTestDatabase } from "../../test/support/database.js";
import { accountDecider, type AccountCommand } from "../modules/accounts/account.js";
import { customerDecider } from "../modules/customers/customer.js";
import type { EventStore } from "./event-store.js";
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
  it("decide on the state the last append left, reading nothing, and on the whole history", async () => {
    const deps = pipeline(new StreamStates());
    const accountId = await openAccount(deps);
    const reads = vi.spyOn(database.store, "readStream");
    try {
      for (let k = 1; k <= 5; k++) await run(deps, accountId, { type: "DepositMoney", data: { accountId, amountCents: 100 } });
      // Each append confirmed the state the command was decided on: the next one starts from it.
      expect(reads).not.toHaveBeenCalled();
      // 500 cents in: a withdrawal of 501 is refused, on the stream as read from the kept version on.
      await expect(run(deps, accountId, { type: "WithdrawMoney", data: { accountId, amountCents: 501 } })).rejects.toMatchObject({
        code: "INSUFFICIENT_FUNDS",
      });
      expect(reads.mock.calls.map(([, fromVersion]) => fromVersion)).toEqual([7]);
    } finally {
      reads.mockRestore();
    }
    const result = await run(deps, accountId, { type: "WithdrawMoney", data: { accountId, amountCents: 500 } });
    expect(result.version).toBe(7);
  });

  it("decide again on the stream when the kept state is behind it: no conflict reaches the caller, none is written twice", async () => {
    const here = pipeline(new StreamStates());
    const elsewhere = pipeline(new StreamStates());
    const accountId = await openAccount(here);
    await run(here, accountId, { type: "DepositMoney", data: { accountId, amountCents: 300 } });
    await run(elsewhere, accountId, { type: "DepositMoney", data: { accountId, amountCents: 5 } });
    // Kept here: version 2 (300). In the log: version 3 (305). The append at 2 conflicts, the command is decided on 3.
    const deposited = await run(here, accountId, { type: "DepositMoney", data: { accountId, amountCents: 10 } });
    expect(deposited.version).toBe(4);
    // A caller's expectedVersion is checked against the stream, not the kept state.
    await run(elsewhere, accountId, { type: "DepositMoney", data: { accountId, amountCents: 1 } });
    await expect(
      handleCommand(
        here,
        accountDecider,
        { streamId: accountId, expectedVersion: 4, command: { type: "DepositMoney", data: { accountId, amountCents: 1 } } },
        { context: { customerExists: async () => true } as never },
      ),
    ).rejects.toMatchObject({ code: "CONCURRENCY_CONFLICT" });
    const withExpected = await handleCommand(
      here,
      accountDecider,
      { streamId: accountId, expectedVersion: 5, command: { type: "DepositMoney", data: { accountId, amountCents: 1 } } },
      { context: { customerExists: async () => true } as never },
    );
    expect(withExpected.version).toBe(6);
    const stream = await database.store.readStream(accountId);
    expect(stream.map((event) => event.version)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(stream.map((event) => (event.data as { amountCents?: number }).amountCents ?? 0)).toEqual([0, 300, 5, 10, 1, 1]);
  });

  it("read the tail first of a stream another writer appends to, until a read finds nothing new", async () => {
    const here = pipeline(new StreamStates());
    const elsewhere = pipeline();
    const accountId = await openAccount(here);
    const deposit = (deps: PipelineDeps) => run(deps, accountId, { type: "DepositMoney", data: { accountId, amountCents: 1 } });
    await deposit(here);
    await deposit(elsewhere);
    const reads = vi.spyOn(database.store, "readStream");
    const appends = vi.spyOn(database.store, "append");
    const failedAppends = async () =>
      (await Promise.allSettled(appends.mock.results.map((result) => result.value))).filter((r) => r.status === "rejected").length;
    try {
      await deposit(here); // unread at 2, refused at append (the stream is at 3), then read: shared
      expect([reads.mock.calls.length, appends.mock.calls.length, await failedAppends()]).toEqual([1, 2, 1]);
      await deposit(here); // shared: read first, and nothing new since this process's append
      expect([reads.mock.calls.length, appends.mock.calls.length, await failedAppends()]).toEqual([2, 3, 1]);
      await deposit(here); // written only here since: unread again
      expect([reads.mock.calls.length, appends.mock.calls.length, await failedAppends()]).toEqual([2, 4, 1]);
    } finally {
      reads.mockRestore();
      appends.mockRestore();
    }
    expect((await database.store.readStream(accountId)).at(-1)!.version).toBe(6);
  });

  it("refuse only on the stream as read: a withdrawal the kept state cannot cover goes through when the log can", async () => {
    const here = pipeline(new StreamStates());
    const elsewhere = pipeline();
    const accountId = await openAccount(here);
    await run(here, accountId, { type: "DepositMoney", data: { accountId, amountCents: 100 } });
    await run(elsewhere, accountId, { type: "DepositMoney", data: { accountId, amountCents: 900 } });
    // Kept here: 100. In the log: 1,000.
    const result = await run(here, accountId, { type: "WithdrawMoney", data: { accountId, amountCents: 1000 } });
    expect(result.version).toBe(4);
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

describe("snapshots", () => {
  /** The account decider with snapshots every 3 events, in state shape `version`. */
  const every3 = (version = 1) => ({ ...accountDecider, snapshot: { every: 3, version } });
  const runWith = (decider: typeof accountDecider, deps: PipelineDeps, streamId: string, command: AccountCommand) =>
    handleCommand(deps, decider, { streamId, command }, { context: { customerExists: true } });
  const snapshotOf = async (streamId: string) =>
    (
      await database.db.sql.query<{ version: number; position: string; state_version: number; state: unknown }>(
        "SELECT version, position::text AS position, state_version, state FROM snapshots WHERE stream_id = $1",
        [streamId],
      )
    )[0];

  it("are taken every N events, and a load reads the latest and only the events after it", async () => {
    const deps = pipeline(); // no kept states: every command loads from the database, as after a restart
    const accountId = randomUUID();
    await runWith(every3(), deps, accountId, { type: "OpenAccount", data: { accountId, customerId: randomUUID() } });
    for (let k = 1; k <= 6; k++) await runWith(every3(), deps, accountId, { type: "DepositMoney", data: { accountId, amountCents: k } });
    // Loads saw versions 0..6 (the open and deposits 1 to 5); the ones that crossed 3 and 6 took snapshots.
    const snapshot = await snapshotOf(accountId);
    expect(snapshot).toMatchObject({ version: 6, state_version: 1, state: { status: "open", balanceCents: 15 } });
    const [sixth] = await database.db.sql.query<{ position: string }>(
      "SELECT position::text AS position FROM events WHERE stream_id = $1 AND version = 6",
      [accountId],
    );
    expect(snapshot!.position).toBe(sixth!.position);

    const reads = vi.spyOn(database.store, "readStream");
    try {
      await runWith(every3(), deps, accountId, { type: "DepositMoney", data: { accountId, amountCents: 100 } });
      expect(reads.mock.calls.map(([, fromVersion]) => fromVersion)).toEqual([7]);
    } finally {
      reads.mockRestore();
    }
    // Decided on the whole history: 1 + … + 6 + 100 = 121 in; 122 out is refused, 121 goes.
    await expect(
      runWith(every3(), deps, accountId, { type: "WithdrawMoney", data: { accountId, amountCents: 122 } }),
    ).rejects.toMatchObject({
      code: "INSUFFICIENT_FUNDS",
    });
    expect((await runWith(every3(), deps, accountId, { type: "WithdrawMoney", data: { accountId, amountCents: 121 } })).version).toBe(9);
  });

  it("answer a command that writes nothing with the stream's last position", async () => {
    const deps = pipeline();
    const accountId = randomUUID();
    await runWith(every3(), deps, accountId, { type: "OpenAccount", data: { accountId, customerId: randomUUID() } });
    await runWith(every3(), deps, accountId, { type: "DepositMoney", data: { accountId, amountCents: 1 } });
    const third = await runWith(every3(), deps, accountId, { type: "DepositMoney", data: { accountId, amountCents: 1 } });
    // The next load finds the snapshot at version 3 and no event after it.
    await runWith(every3(), deps, accountId, { type: "DepositMoney", data: { accountId, amountCents: 1 } }).catch(() => {});
    const { load } = (await import("./command-pipeline.js")).eventSourced(database.store, every3());
    expect(await snapshotOf(accountId)).toMatchObject({ version: 3 });
    const loaded = await load(accountId);
    expect(loaded.version).toBe(4);
    expect(loaded.position).toBeGreaterThan(third.position);
    await database.db.sql.query("DELETE FROM events WHERE stream_id = $1 AND version = 4", [accountId]);
    await database.db.sql.query("UPDATE streams SET version = 3 WHERE stream_id = $1", [accountId]);
    const atSnapshot = await load(accountId);
    expect({ version: atSnapshot.version, position: atSnapshot.position }).toEqual({ version: 3, position: third.position });
  });

  it("of another state shape are ignored, and replaced", async () => {
    const deps = pipeline();
    const accountId = randomUUID();
    await runWith(every3(1), deps, accountId, { type: "OpenAccount", data: { accountId, customerId: randomUUID() } });
    for (let k = 1; k <= 3; k++) await runWith(every3(1), deps, accountId, { type: "DepositMoney", data: { accountId, amountCents: 10 } });
    expect(await snapshotOf(accountId)).toMatchObject({ version: 3, state_version: 1 });
    // A snapshot of shape 1 that a shape-2 decider could not read: it must fold the stream instead.
    await database.db.sql.query('UPDATE snapshots SET state = \'{"not": "an account"}\' WHERE stream_id = $1', [accountId]);
    const reads = vi.spyOn(database.store, "readStream");
    try {
      await runWith(every3(2), deps, accountId, { type: "DepositMoney", data: { accountId, amountCents: 10 } });
      expect(reads.mock.calls.map(([, fromVersion]) => fromVersion)).toEqual([1]);
    } finally {
      reads.mockRestore();
    }
    expect(await snapshotOf(accountId)).toMatchObject({ version: 4, state_version: 2, state: { balanceCents: 30 } });
  });

  it("are neither read nor taken for a stream of another type, nor when turned off", async () => {
    const deps = pipeline();
    const accountId = randomUUID();
    await appendGiven(database.store, "Order", accountId, 0, [
      { type: "OrderCreated", data: {} },
      { type: "OrderCancelled", data: {} },
      { type: "OrderCancelled", data: {} },
    ]);
    await expect(runWith(every3(), deps, accountId, { type: "DepositMoney", data: { accountId, amountCents: 1 } })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await snapshotOf(accountId)).toBeUndefined();

    const off = { ...pipeline(), snapshots: false };
    const other = randomUUID();
    await runWith(every3(), off, other, { type: "OpenAccount", data: { accountId: other, customerId: randomUUID() } });
    for (let k = 1; k <= 4; k++) await runWith(every3(), off, other, { type: "DepositMoney", data: { accountId: other, amountCents: 1 } });
    expect(await snapshotOf(other)).toBeUndefined();
  });
});

describe("a command that finds nothing to do", () => {
  it("is recorded under its caller's id only at the version it was decided on: a stream moved meanwhile decides it again", async () => {
    const customerId = randomUUID();
    const address = { line1: "1 Main St", line2: null, city: "Springfield", postalCode: "12345", country: "US" };
    const registered = { givenName: "Ada", familyName: "Lovelace", email: `${customerId}@example.com`, phone: "+1 555 0100", address };
    await appendGiven(database.store, "Customer", customerId, 0, [{ type: "CustomerRegistered", data: { customerId, ...registered } }]);
    // Between the decision (nothing to do: the phone is the same) and its record, another change lands.
    const racing: EventStore = Object.create(database.store, {
      recordCommand: {
        value: async (record: Parameters<EventStore["recordCommand"]>[0]) => {
          await appendGiven(database.store, "Customer", customerId, 1, [
            { type: "CustomerPhoneNumberChanged", data: { customerId, phone: "+1 555 0199" } },
          ]);
          return database.store.recordCommand(record);
        },
      },
    });
    const commandId = randomUUID();
    const request = {
      streamId: customerId,
      commandId,
      actor: "customer:ada",
      fingerprint: "same phone",
      command: { type: "ChangeCustomerPhoneNumber" as const, data: { customerId, phone: "+1 555 0100" } },
    };
    const result = await handleCommand({ ...pipeline(), store: racing }, customerDecider, request);
    // Decided again on version 2: the phone is set back, by this command, under its id.
    expect(result).toMatchObject({ version: 3, events: ["CustomerPhoneNumberChanged"] });
    expect(await database.store.findCommand(commandId)).toMatchObject({ version: 3, eventTypes: ["CustomerPhoneNumberChanged"] });
  });
});
