import { describe, expect, it } from "vitest";
import { Lru } from "./lru.js";

describe("Lru", () => {
  it("evicts the least recently used entry past its entry bound, reads counting as use", () => {
    const lru = new Lru<string, number>({ maxEntries: 2 });
    lru.set("a", 1);
    lru.set("b", 2);
    expect(lru.get("a")).toBe(1);
    lru.set("c", 3);
    expect([lru.get("a"), lru.get("b"), lru.get("c")]).toEqual([1, undefined, 3]);
    expect(lru.size).toBe(2);
  });

  it("bounds the total weight, evicting the oldest until it holds, and keeps nothing heavier than the budget", () => {
    const lru = new Lru<string, string>({ maxEntries: 100, maxWeight: 10, weigh: (value) => value.length });
    lru.set("a", "xxxx");
    lru.set("b", "yyyy");
    lru.set("c", "zzzz");
    expect(lru.get("a")).toBeUndefined();
    expect(lru.weight).toBe(8);
    expect(lru.set("huge", "x".repeat(11))).toBe(false);
    expect(lru.get("huge")).toBeUndefined();
    expect(lru.weight).toBe(8);
  });

  it("replaces an entry under the same key, counting its weight once", () => {
    const lru = new Lru<string, string>({ maxEntries: 10, maxWeight: 100, weigh: (value) => value.length });
    lru.set("a", "xx");
    lru.set("a", "xxxxx");
    expect(lru.size).toBe(1);
    expect(lru.weight).toBe(5);
    expect(lru.delete("a")).toBe(true);
    expect(lru.delete("a")).toBe(false);
    expect(lru.weight).toBe(0);
  });
});
