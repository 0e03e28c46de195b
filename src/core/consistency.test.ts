import { describe, expect, it } from "vitest";
import { Consistency } from "./consistency.js";
import { ConsistencyTimeoutError, ProjectionFailedError } from "./errors.js";
import { Notifier } from "./notifier.js";

/** A row whose version the test moves, and a read that counts how often it is read. */
function row(version: number) {
  const state = { version, reads: 0 };
  const read = async () => {
    state.reads++;
    return { id: "o-1", version: state.version };
  };
  return { state, read };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("Consistency.requireVersion", () => {
  it("reads the row again when a rebuild of its projection replays rows without naming them", async () => {
    const notifier = new Notifier();
    const { state, read } = row(1);
    const waiting = new Consistency(notifier, 5000).requireVersion("ORDER_SUMMARY", "o-1", 3, read);
    await turn();
    expect(state.reads).toBe(1);

    notifier.publishReplay("CUSTOMER_ORDERS"); // another projection: no reason to read again
    await turn();
    expect(state.reads).toBe(1);

    state.version = 2;
    notifier.publishReplay("ORDER_SUMMARY"); // rebuilt up to version 2: read, still short
    await turn();
    expect(state.reads).toBe(2);

    state.version = 3;
    notifier.publishReplay("ORDER_SUMMARY");
    expect(await waiting).toEqual({ id: "o-1", version: 3 });
    expect(notifier.stats).toEqual({
      waiters: 0,
      checkpointListeners: 0,
      rowListeners: 0,
      replayListeners: 0,
      resetListeners: 0,
      failureListeners: 0,
    });
  });

  it("still answers a row change at once, and times out with CONSISTENCY_TIMEOUT when nothing comes", async () => {
    const notifier = new Notifier();
    const consistency = new Consistency(notifier, 150);
    const moving = row(1);
    const waiting = consistency.requireVersion("ORDER_SUMMARY", "o-1", 2, moving.read);
    await turn();
    moving.state.version = 2;
    notifier.publishRowChanges([{ projection: "ORDER_SUMMARY", id: "o-1", version: 2, position: 9n }]);
    expect(await waiting).toEqual({ id: "o-1", version: 2 });

    const stuck = row(1);
    const error = await consistency.requireVersion("ORDER_SUMMARY", "o-1", 2, stuck.read).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConsistencyTimeoutError);
    expect(notifier.stats).toEqual({
      waiters: 0,
      checkpointListeners: 0,
      rowListeners: 0,
      replayListeners: 0,
      resetListeners: 0,
      failureListeners: 0,
    });
  });
});

describe("a failed projection", () => {
  const CLEAN = { waiters: 0, checkpointListeners: 0, rowListeners: 0, replayListeners: 0, resetListeners: 0, failureListeners: 0 };

  it("ends every wait on it at once, before it starts or while it waits, and none that it has already passed", async () => {
    const notifier = new Notifier();
    const consistency = new Consistency(notifier, 60_000);
    notifier.publishCheckpoint("ACCOUNT_BALANCE", 10n);
    notifier.publishCheckpoint("ORDER_SUMMARY", 10n);

    const waiting = consistency.requirePosition(["ACCOUNT_BALANCE", "ORDER_SUMMARY"], 12n).catch((error: unknown) => error);
    const strong = consistency.caughtUp(["ACCOUNT_BALANCE", "ORDER_SUMMARY"], 12n);
    const version = consistency.requireVersion("ACCOUNT_BALANCE", "a-1", 5, async () => ({ version: 4 })).catch((error: unknown) => error);
    await turn();
    notifier.publishFailure("ACCOUNT_BALANCE", "event 11 (MoneyDeposited) could not be applied");
    expect(await waiting).toBeInstanceOf(ProjectionFailedError);
    expect(await waiting).toMatchObject({ code: "PROJECTION_FAILED", details: { projection: "ACCOUNT_BALANCE", currentPosition: "10" } });
    expect(await strong).toBe(false);
    expect(await version).toBeInstanceOf(ProjectionFailedError);

    await expect(consistency.requirePosition("ACCOUNT_BALANCE", 11n)).rejects.toBeInstanceOf(ProjectionFailedError);
    await consistency.requirePosition("ACCOUNT_BALANCE", 10n); // already there: no wait, no error
    expect(await consistency.requireVersion("ACCOUNT_BALANCE", "a-1", 4, async () => ({ version: 4 }))).toEqual({ version: 4 });
    expect(notifier.stats).toEqual(CLEAN);

    // A rebuild clears it.
    notifier.resetCheckpoint("ACCOUNT_BALANCE");
    const again = consistency.caughtUp(["ACCOUNT_BALANCE"], 12n);
    notifier.publishCheckpoint("ACCOUNT_BALANCE", 12n);
    expect(await again).toBe(true);
    expect(notifier.stats).toEqual(CLEAN);
  });
});
