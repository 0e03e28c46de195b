import { describe, expect, it, vi } from "vitest";
import type { ProjectionStatus } from "./core/projector.js";
import { catchUpLine, reportCatchUp } from "./catch-up-progress.js";

const status = (
  name: string,
  position: bigint,
  headPosition: bigint,
  eventsApplied = 0,
  state: ProjectionStatus["state"] = "RUNNING",
): ProjectionStatus => ({
  name,
  state,
  position,
  headPosition,
  lastError: null,
  eventsApplied,
});

describe("catch-up progress", () => {
  it("sums the positions done and to do over the projections behind at the start, with a pace and the time left", () => {
    const start = new Map([
      ["A", 0n],
      ["B", 50_000n],
    ]);
    const line = catchUpLine(
      start,
      [status("A", 40_000n, 100_000n, 30_000), status("B", 60_000n, 100_000n, 9_000), status("C", 100_000n, 100_000n)],
      10,
    );
    expect(line).toEqual({ done: 50_000n, total: 150_000n, eventsPerSecond: 3900, secondsLeft: 20 });
  });

  it("says nothing for a short catch-up, and reports a long one until it is done", () => {
    vi.useFakeTimers();
    try {
      const info = vi.fn();
      const log = { info } as never;
      expect(reportCatchUp(() => [status("A", 0n, 0n)], 4000n, log)).toBeTypeOf("function");
      expect(info).not.toHaveBeenCalled();

      let position = 0n;
      const stop = reportCatchUp(() => [status("A", position, 0n, Number(position))], 100_000n, log, 1000);
      expect(info).toHaveBeenLastCalledWith(
        expect.objectContaining({ total: "100000" }),
        "projections catching up: 100000 positions behind the log (1 projections together)",
      );
      position = 25_000n;
      vi.advanceTimersByTime(1000);
      expect(info).toHaveBeenLastCalledWith(
        expect.objectContaining({ done: "25000", secondsLeft: 3 }),
        "projections catching up: 25% (25000 events/s, about 3 s left)",
      );
      position = 100_000n;
      vi.advanceTimersByTime(1000);
      expect(info.mock.lastCall![1]).toMatch(/^projections caught up in 2\.0 s$/);
      const calls = info.mock.calls.length;
      vi.advanceTimersByTime(5000);
      expect(info.mock.calls.length).toBe(calls);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
