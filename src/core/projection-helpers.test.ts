import { describe, expect, it } from "vitest";
import type { LoggedEvent } from "./events.js";
import { BatchRows } from "./projection-helpers/batch-rows.js";
import { continuedStreams } from "./projection-helpers/batch.js";
import { dayKey, isoTimestamp, utcDay, utcDayKey } from "./projection-helpers/dates.js";

describe("utcDayKey", () => {
  it("is dayKey(utcDay(moment)) for Dates and ISO strings, at and around day boundaries", () => {
    const moments = [
      "2026-11-26T00:00:00.000Z",
      "2026-11-25T23:59:59.999Z",
      "2026-11-26T00:00:00.001Z",
      "2026-11-26T12:34:56.789+05:30",
      "2026-02-28T23:59:59.999-01:00",
      "1969-12-31T23:59:59.999Z",
      "1970-01-01T00:00:00.000Z",
      "1900-03-01T10:00:00Z",
    ];
    for (let step = 0; step < 500; step++) moments.push(new Date(Date.UTC(2020, 0, 1) + step * 37_123_457).toISOString());
    for (const moment of moments) {
      const expected = dayKey(utcDay(moment));
      expect(utcDayKey(moment)).toBe(expected);
      expect(utcDayKey(new Date(moment))).toBe(expected);
      // a second call answers from the cache, with the same day
      expect(utcDayKey(moment)).toBe(expected);
    }
  });

  it("rejects what is not a moment, as dayKey(utcDay(…)) does", () => {
    expect(() => dayKey(utcDay("not a date"))).toThrow(RangeError);
    expect(() => utcDayKey("not a date")).toThrow(RangeError);
    expect(() => utcDayKey(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("isoTimestamp", () => {
  it("is toISOString, across minutes, days, years and before 1970", () => {
    const moments = [
      0,
      -1,
      -60_000,
      -60_001,
      59_999,
      60_000,
      Date.UTC(2026, 10, 26, 23, 59, 59, 999),
      Date.UTC(2024, 1, 29, 0, 0, 0, 1),
      Date.UTC(1900, 0, 1, 0, 0, 9, 90),
    ];
    for (let step = 0; step < 2000; step++) moments.push(Date.UTC(2025, 0, 1) + step * 7_777_777 + (step % 1000));
    for (const ms of moments) {
      const date = new Date(ms);
      expect(isoTimestamp(date)).toBe(date.toISOString());
      expect(isoTimestamp(date)).toBe(date.toISOString()); // from the cache
    }
    expect(() => isoTimestamp(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("continuedStreams", () => {
  const event = (streamId: string, type: string) => ({ streamId, type }) as LoggedEvent;

  it("names the streams whose first event is not in the batch, once each", () => {
    const events = [
      event("a", "OrderShipped"),
      event("b", "OrderCreated"),
      event("b", "OrderShipped"),
      event("c", "OrderItemAdded"),
      event("a", "OrderCancelled"),
      event("c", "OrderShipped"),
    ];
    expect(continuedStreams(events, "OrderCreated")).toEqual(["a", "c"]);
    expect(continuedStreams([], "OrderCreated")).toEqual([]);
  });
});

describe("BatchRows", () => {
  interface Row {
    id: string;
    n: number;
  }
  function rowsOf(table: Map<string, Row>) {
    const writes: { inserted: string[]; saved: string[] }[] = [];
    const rows = new BatchRows<Row>(
      async (keys) => keys.flatMap((key) => (table.has(key) ? [table.get(key)!] : [])),
      (row) => row.id,
      async (saved) => void writes.push({ inserted: [], saved: saved.map((row) => row.id) }),
      async (inserted) => void writes.push({ inserted: inserted.map((row) => row.id), saved: [] }),
    );
    return { rows, writes };
  }

  it("inserts the rows it created or did not find, upserts the ones it loaded or cannot know", async () => {
    const { rows, writes } = rowsOf(new Map([["old", { id: "old", n: 1 }]]));
    await rows.preload(["old", "missing"]);
    rows.set({ ...rows.require("old", "test"), n: 2 });
    rows.set({ id: "missing", n: 1 });
    rows.create({ id: "new", n: 1 });
    rows.set({ id: "unasked", n: 1 });
    await rows.flush();
    expect(writes).toEqual([
      { inserted: ["missing", "new"], saved: [] },
      { inserted: [], saved: ["old", "unasked"] },
    ]);
  });

  it("upserts a row it inserted in an earlier flush of the batch, and does not ask again for a key it found missing", async () => {
    const table = new Map<string, Row>();
    const { rows, writes } = rowsOf(table);
    await rows.preload(["a"]);
    rows.set({ id: "a", n: 1 });
    await rows.flush();
    table.set("a", { id: "a", n: 99 }); // preload must not reload it: the batch's own row is in memory
    await rows.preload(["a"]);
    rows.set({ ...rows.require("a", "test"), n: 2 });
    await rows.flush();
    expect(writes).toEqual([
      { inserted: ["a"], saved: [] },
      { inserted: [], saved: ["a"] },
    ]);
    expect(rows.get("a")).toEqual({ id: "a", n: 2 });
  });
});
