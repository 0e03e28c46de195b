import { describe, expect, it } from "vitest";
import { LogHead, type HeadSample } from "./log-head.js";

/** A LogHead fed scripted samples; the last one repeats. `appending: null` = not known (xmin only). */
function scripted(samples: HeadSample[]) {
  let calls = 0;
  const head = new LogHead(async () => samples[Math.min(calls++, samples.length - 1)]!);
  return { head, calls: () => calls };
}

describe("LogHead", () => {
  it("settles an idle log with a second sample whose xmin passed the first one's fence", async () => {
    const { head, calls } = scripted([
      { head: 7n, fence: 100n, xmin: 90n, appending: null },
      { head: 7n, fence: 101n, xmin: 101n, appending: null },
    ]);
    expect(await head.refresh()).toBe(7n);
    expect(calls()).toBe(2);
    expect(head.unsettled).toBe(false);
  });

  it("holds a head back until every transaction older than its fence has ended", async () => {
    const { head } = scripted([
      { head: 10n, fence: 100n, xmin: 95n, appending: null }, // xids below 100 may still commit positions <= 10
      { head: 12n, fence: 103n, xmin: 98n, appending: null }, // 98 still running: nothing is safe
      { head: 15n, fence: 106n, xmin: 101n, appending: null }, // everything below 100 ended: 10 is safe
      { head: 15n, fence: 107n, xmin: 104n, appending: null }, // everything below 103 ended: 12 is safe, 15 not yet
      { head: 15n, fence: 108n, xmin: 107n, appending: null }, // everything below 106 ended: 15 is safe
    ]);
    expect(await head.refresh()).toBe(0n); // samples 1 and 2
    expect(head.unsettled).toBe(true);
    expect(await head.refresh()).toBe(12n); // samples 3 and 4
    expect(head.unsettled).toBe(true);
    expect(await head.refresh()).toBe(15n); // sample 5
    expect(head.unsettled).toBe(false);
  });

  it("never moves backwards", async () => {
    const { head } = scripted([
      { head: 20n, fence: 5n, xmin: 1n, appending: null },
      { head: 20n, fence: 6n, xmin: 6n, appending: null },
      { head: 18n, fence: 7n, xmin: 7n, appending: null },
    ]);
    expect(await head.refresh()).toBe(20n);
    expect(await head.refresh()).toBe(20n);
    expect(head.unsettled).toBe(false);
  });

  it("shares one sample among callers that arrive while a sample runs", async () => {
    const { head, calls } = scripted([
      { head: 3n, fence: 10n, xmin: 1n, appending: null },
      { head: 3n, fence: 11n, xmin: 11n, appending: null },
    ]);
    const first = head.refresh();
    await Promise.resolve().then(() => undefined); // the first run has started sampling
    expect(calls()).toBe(1);
    const results = await Promise.all([first, head.refresh(), head.refresh(), head.refresh()]);
    expect(results).toEqual([3n, 3n, 3n, 3n]);
    // The first call samples twice (idle settle); the three that arrived during it share one more.
    expect(calls()).toBe(3);
  });

  it("never has two samples in flight, even when a caller refreshes again the moment its sample ends", async () => {
    // A sample settles only candidates taken before it: two samples at once could let the
    // older one settle the newer one's head over an append that began in between.
    let inFlight = 0;
    let most = 0;
    let fence = 10n;
    const head = new LogHead(async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight--;
      fence++;
      return { head: 3n, fence, xmin: fence, appending: [] };
    });
    let again: Promise<bigint> | undefined;
    // The first caller's continuation runs before the queued caller's sample starts (as the
    // LogWatcher's resample does), and asks again at once.
    const first = head.refresh().then(() => {
      again = head.refresh();
    });
    const queued = head.refresh();
    await Promise.all([first, queued]);
    await again;
    expect(most).toBe(1);
  });

  it("settles its own head in one sample when no transaction older than its fence is appending", async () => {
    // The list of appenders is read after the head: an append at or below the head would be in it.
    const { head, calls } = scripted([{ head: 9n, fence: 100n, xmin: 60n, appending: [100, 104] }]);
    expect(await head.refresh()).toBe(9n);
    expect(calls()).toBe(1);
    expect(head.unsettled).toBe(false);
  });

  it("holds its own head while an appender older than its fence is in the list", async () => {
    const { head, calls } = scripted([
      { head: 9n, fence: 100n, xmin: 60n, appending: [99] }, // 99 may have drawn a position <= 9
      { head: 9n, fence: 101n, xmin: 60n, appending: [99] },
      { head: 9n, fence: 102n, xmin: 60n, appending: [] },
    ]);
    expect(await head.refresh()).toBe(0n);
    expect(calls()).toBe(2); // the first sample, and one more at once
    expect(await head.refresh()).toBe(9n);
  });

  it("does not wait for older transactions that are not appending", async () => {
    const { head } = scripted([
      { head: 10n, fence: 100n, xmin: 50n, appending: [] }, // xid 50 (a projector's batch, say) runs long
      { head: 10n, fence: 101n, xmin: 50n, appending: [] }, // …but nothing older than 100 is appending
    ]);
    expect(await head.refresh()).toBe(10n);
  });

  it("waits for an appender older than the fence, then settles when it is gone", async () => {
    const { head } = scripted([
      { head: 10n, fence: 100n, xmin: 90n, appending: [95] },
      { head: 12n, fence: 102n, xmin: 90n, appending: [95] }, // 95 may still commit a position <= 10
      { head: 12n, fence: 103n, xmin: 90n, appending: [101] }, // 95 ended; 101 is older than 102 but not than 100
      { head: 12n, fence: 104n, xmin: 90n, appending: [] },
    ]);
    expect(await head.refresh()).toBe(0n); // samples 1 and 2
    expect(head.unsettled).toBe(true);
    expect(await head.refresh()).toBe(12n); // sample 3 settles 10, sample 4 settles 12
    expect(head.unsettled).toBe(false);
  });

  it("compares 32-bit xids across wraparound", async () => {
    const fence = 2n ** 32n + 5n; // low 32 bits: 5, one epoch on
    const { head } = scripted([
      { head: 7n, fence, xmin: 1n, appending: [2 ** 32 - 3] }, // xid 4294967293 of the previous epoch precedes the fence
      { head: 7n, fence: fence + 1n, xmin: 1n, appending: [2 ** 32 - 3] },
      { head: 7n, fence: fence + 2n, xmin: 1n, appending: [6] }, // 6 is after the fence
    ]);
    expect(await head.refresh()).toBe(0n);
    expect(await head.refresh()).toBe(7n);
  });
});
