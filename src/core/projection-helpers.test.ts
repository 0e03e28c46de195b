import { describe, expect, it } from "vitest";
import { dayKey, utcDay, utcDayKey } from "./projection-helpers.js";

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
