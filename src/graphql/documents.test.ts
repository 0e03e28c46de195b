import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { DocumentCache } from "./documents.js";

describe("DocumentCache", () => {
  it("gives back the document kept for a key, and drops the least recently used past its capacity", () => {
    const cache = new DocumentCache(2);
    const a = parse("subscription { a }");
    const b = parse("subscription { b }");
    const c = parse("subscription { c }");
    cache.add("a", a);
    cache.add("b", b);
    expect(cache.get("a")).toBe(a); // now the most recently used
    cache.add("c", c);
    expect(cache.size).toBe(2);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe(a);
    expect(cache.get("c")).toBe(c);
  });

  it("keeps the texts it holds within its byte budget, and never one larger than the budget", () => {
    const cache = new DocumentCache(1000, 100);
    const text = (n: number) => `{ a } ${"#".repeat(n - 6)}`; // n characters
    cache.add("1", parse(text(40)));
    cache.add("2", parse(text(40)));
    expect(cache.bytes).toBe(80);
    cache.add("3", parse(text(40)));
    expect([cache.size, cache.bytes]).toEqual([2, 80]);
    expect(cache.get("1")).toBeUndefined();
    cache.add("huge", parse(text(101)));
    expect(cache.get("huge")).toBeUndefined();
    expect([cache.size, cache.bytes]).toEqual([2, 80]);
    cache.add("2", parse(text(60))); // replaced, not counted twice
    expect([cache.size, cache.bytes]).toEqual([2, 100]);
  });
});
