import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { DocumentCache } from "./documents.js";

describe("DocumentCache", () => {
  it("gives back the document kept for a query text, and drops the least recently used past its capacity", () => {
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
});
