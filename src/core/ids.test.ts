import { afterEach, describe, expect, it, vi } from "vitest";
import { idTime, newId } from "./ids.js";

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("newId", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("makes RFC 9562 version 7 UUIDs carrying the current millisecond", () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    expect(id).toMatch(UUID_V7);
    expect(idTime(id)).toBeGreaterThanOrEqual(before);
    expect(idTime(id)).toBeLessThanOrEqual(after);
  });

  it("makes ids that sort in the order they were made, many in one millisecond included", () => {
    const ids = Array.from({ length: 20_000 }, () => newId());
    for (const id of ids) expect(id).toMatch(UUID_V7);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it("keeps increasing when the clock stands still past the counter's range, or steps back", () => {
    const now = Date.now() + 60_000; // later than any id made so far
    const clock = vi.spyOn(Date, "now").mockReturnValue(now);
    const frozen = Array.from({ length: 5_000 }, () => newId()); // more than the 12-bit counter holds
    clock.mockReturnValue(now - 10_000);
    const stepped = Array.from({ length: 100 }, () => newId());
    const ids = [...frozen, ...stepped];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(idTime(frozen[0]!)).toBe(now);
    // The overflow borrowed the next millisecond (or two), never more.
    expect(idTime(ids.at(-1)!) - now).toBeLessThanOrEqual(3);
  });

  it("starts each millisecond's counter at random, so ids of one millisecond are not guessable from another's", () => {
    const clock = vi.spyOn(Date, "now");
    const start = Date.now() + 120_000;
    const firsts = Array.from({ length: 50 }, (_, i) => {
      clock.mockReturnValue(start + i);
      return newId().slice(15, 18); // rand_a, the counter
    });
    expect(new Set(firsts).size).toBeGreaterThan(40);
  });
});
