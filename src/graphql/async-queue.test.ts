import { describe, expect, it } from "vitest";
import { callbackIterator, openSubscriptions } from "./async-queue.js";

describe("callbackIterator", () => {
  it("delivers values in order, and ends after the buffered ones when the producer ends", async () => {
    let push!: (value: number) => void;
    let end!: () => void;
    let torn = 0;
    const iterator = callbackIterator<number>((p, e) => ((push = p), (end = e), () => torn++));
    push(1);
    push(2);
    end();
    expect(await iterator.next()).toEqual({ value: 1, done: false });
    expect(await iterator.next()).toEqual({ value: 2, done: false });
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
    expect(torn).toBe(1);
  });

  it("holds one waiting value per key for a consumer that does not read, however many arrive", async () => {
    let push!: (value: { projection: string; position: number }) => void;
    const before = openSubscriptions();
    const iterator = callbackIterator<{ projection: string; position: number }>(
      (p) => ((push = p), () => {}),
      (value) => value.projection,
    );
    for (let position = 1; position <= 100_000; position++) push({ projection: position % 2 === 0 ? "A" : "B", position });
    // Only the latest of each key waits, newest last.
    expect(await iterator.next()).toEqual({ value: { projection: "B", position: 99_999 }, done: false });
    expect(await iterator.next()).toEqual({ value: { projection: "A", position: 100_000 }, done: false });
    const next = iterator.next();
    push({ projection: "A", position: 100_001 });
    expect(await next).toEqual({ value: { projection: "A", position: 100_001 }, done: false });
    await iterator.return!();
    expect(openSubscriptions()).toBe(before);
  });
});
