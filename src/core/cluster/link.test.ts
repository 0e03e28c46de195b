import { afterEach, describe, expect, it, vi } from "vitest";
import { Notifier } from "../notifier.js";
import type { Bus, ClusterMessage } from "./bus.js";
import { ClusterLink } from "./link.js";

/** A bus in memory: records what is published; `deliver` plays a message from elsewhere. */
class FakeBus implements Bus {
  readonly kind = "postgres";
  readonly sent: ClusterMessage[] = [];
  others: number | null = 0;
  private receive: ((message: ClusterMessage) => void) | undefined;
  async start(receive: (message: ClusterMessage) => void): Promise<void> {
    this.receive = receive;
  }
  async publish(message: ClusterMessage): Promise<void> {
    this.sent.push(message);
  }
  async peers(): Promise<number | null> {
    return this.others;
  }
  deliver(message: ClusterMessage): void {
    this.receive?.(message);
  }
  async close(): Promise<void> {}
}

const handlers = { appended: () => {}, rebuild: () => {} };
const turn = () => new Promise((resolve) => setImmediate(resolve));

/** A started link on a fake bus that counts `others` other listeners. */
async function started(others: number | null): Promise<{ bus: FakeBus; link: ClusterLink }> {
  const bus = new FakeBus();
  bus.others = others;
  const link = new ClusterLink(bus, new Notifier());
  await link.start(handlers);
  return { bus, link };
}

describe("ClusterLink", () => {
  afterEach(() => vi.useRealTimers());

  it("says hello when it starts, and sends after one event-loop turn while others listen", async () => {
    const { bus, link } = await started(1);
    expect(bus.sent).toEqual([{ from: link.id }]);
    link.announcer.publishCheckpoint("ACCOUNT_BALANCE", 5n);
    link.appended(7n);
    await turn();
    await turn();
    expect(bus.sent.slice(1)).toEqual([{ from: link.id, checkpoints: { ACCOUNT_BALANCE: "5" }, head: "7" }]);
    await link.close();
  });

  it("alone, gathers messages for up to a second; a peer's first message makes it send at once", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { bus, link } = await started(0);
    bus.sent.length = 0;
    link.announcer.publishCheckpoint("ACCOUNT_BALANCE", 5n);
    await turn();
    link.announcer.publishCheckpoint("ACCOUNT_BALANCE", 6n);
    await turn();
    expect(bus.sent).toEqual([]);
    // Another instance starts and says hello: what waited leaves now, as one message.
    bus.deliver({ from: "another instance" });
    await turn();
    await turn();
    expect(bus.sent).toEqual([{ from: link.id, checkpoints: { ACCOUNT_BALANCE: "6" } }]);
    await link.close();
  });

  it("alone, still sends within a second (a peer that has not spoken yet waits no longer)", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { bus, link } = await started(0);
    bus.sent.length = 0;
    link.appended(3n);
    await turn();
    expect(bus.sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(bus.sent).toEqual([{ from: link.id, head: "3" }]);
    await link.close();
  });

  it("sends at once when it cannot tell whether others listen, and flushes what waits when it closes", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { bus, link } = await started(null);
    link.appended(1n);
    await turn();
    await turn();
    expect(bus.sent.at(-1)).toEqual({ from: link.id, head: "1" });

    const { bus: lonely, link: quiet } = await started(0);
    quiet.appended(9n);
    await turn();
    await quiet.close();
    expect(lonely.sent.at(-1)).toEqual({ from: quiet.id, head: "9" });
    await link.close();
  });

  it("carries a rebuild's replay cue to the other instances, where it wakes waiters of that projection's rows", async () => {
    const { bus, link } = await started(1);
    link.announcer.publishReplay("ORDER_SUMMARY");
    link.announcer.publishCheckpoint("ORDER_SUMMARY", 40n);
    await turn();
    await turn();
    const message = bus.sent.at(-1)!;
    expect(message).toEqual({ from: link.id, replayed: ["ORDER_SUMMARY"], checkpoints: { ORDER_SUMMARY: "40" } });

    const elsewhere = new Notifier();
    const receiving = new ClusterLink(bus, elsewhere);
    await receiving.start(handlers);
    const cues: string[] = [];
    elsewhere.onReplay("ORDER_SUMMARY", () => cues.push("ORDER_SUMMARY"));
    elsewhere.onReplay("CUSTOMER_ORDERS", () => cues.push("CUSTOMER_ORDERS"));
    bus.deliver(message);
    expect(cues).toEqual(["ORDER_SUMMARY"]);
    expect(elsewhere.checkpoint("ORDER_SUMMARY")).toBe(40n);
    await receiving.close();
    await link.close();
  });
});
