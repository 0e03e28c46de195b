/** The event log on the real database (PGlite or PostgreSQL, per vitest project). */
import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { backend, createTestDatabase, useTestDatabase } from "../../test/support/database.js";
import { openDatabase } from "./database/database.js";
import { ConcurrencyError } from "./errors.js";
import type { EventMetadata } from "./events.js";
import { DuplicateCommandError, EventStore, type AppendRequest } from "./event-store.js";
import { DataKeys, PersonalData } from "./personal-data.js";

const database = useTestDatabase();

const metadata = (commandId: string): EventMetadata => ({ commandId, correlationId: "corr", causationId: null, actor: "test" });

function request(streamId: string, expectedVersion: number, types: string[], commandId: string = randomUUID()): AppendRequest {
  return {
    streamId,
    streamType: "Test",
    expectedVersion,
    events: types.map((type, index) => ({ type, data: { index } })),
    command: { id: commandId, type: "DoTest" },
    metadata: metadata(commandId),
  };
}

describe("append and read", () => {
  it("appends several events atomically with versions from 1 and increasing positions", async () => {
    const streamId = randomUUID();
    const result = await database.store.append(request(streamId, 0, ["A", "B", "C"], "cmd-abc"));
    expect(result.version).toBe(3);
    const events = await database.store.readStream(streamId);
    expect(events.map((event) => [event.type, event.version])).toEqual([
      ["A", 1],
      ["B", 2],
      ["C", 3],
    ]);
    expect(events.map((event) => event.position)).toEqual([result.position - 2n, result.position - 1n, result.position]);
    expect(events[0]).toMatchObject({
      streamId,
      streamType: "Test",
      data: { index: 0 },
      metadata: { commandId: "cmd-abc", correlationId: "corr", causationId: null, actor: "test" },
    });
    expect(events[0]!.recordedAt).toBeInstanceOf(Date);
    expect(await database.store.findCommand("cmd-abc")).toEqual({
      commandId: "cmd-abc",
      commandType: "DoTest",
      streamId,
      version: 3,
      position: result.position,
      eventTypes: ["A", "B", "C"],
      actor: null,
      fingerprint: null,
    });
  });

  it("reads a stream from a version", async () => {
    const streamId = randomUUID();
    await database.store.append(request(streamId, 0, ["A", "B"]));
    await database.store.append(request(streamId, 2, ["C"]));
    expect((await database.store.readStream(streamId, 2)).map((event) => event.type)).toEqual(["B", "C"]);
    expect(await database.store.readStream(randomUUID())).toEqual([]);
  });

  it("reads the global log after a position, in order, with a limit and a type filter", async () => {
    const start = await database.store.head.refresh();
    const a = randomUUID();
    const b = randomUUID();
    await database.store.append(request(a, 0, ["X1", "Y1"]));
    await database.store.append(request(b, 0, ["X2"]));
    await database.store.append(request(a, 2, ["Y2"]));
    const all = await database.store.readAll(start);
    expect(all.map((event) => event.type)).toEqual(["X1", "Y1", "X2", "Y2"]);
    expect((await database.store.readAll(start, { limit: 2 })).map((event) => event.type)).toEqual(["X1", "Y1"]);
    expect((await database.store.readAll(all[1]!.position)).map((event) => event.type)).toEqual(["X2", "Y2"]);
    expect((await database.store.readAll(start, { types: ["Y1", "Y2"] })).map((event) => event.type)).toEqual(["Y1", "Y2"]);
  });

  it("gives the log's events as their stream has them, but for the metadata, to the millisecond as stored", async () => {
    const start = await database.store.head.refresh();
    const streamId = randomUUID();
    await database.store.append(request(streamId, 0, ["T1", "T2"]));
    const stream = await database.store.readStream(streamId);
    const logged = await database.store.readAll(start);
    expect(logged).toEqual(stream.map(({ metadata: _, ...event }) => event));
    const stored = await database.db.sql.query<{ text: string }>(
      "SELECT to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') AS text FROM events WHERE stream_id = $1 ORDER BY version",
      [streamId],
    );
    expect(logged.map((event) => event.recordedAt.toISOString())).toEqual(stored.map((row) => row.text));
  });
});

describe("optimistic concurrency", () => {
  it("rejects a stale expected version and writes nothing", async () => {
    const streamId = randomUUID();
    await database.store.append(request(streamId, 0, ["A"]));
    await expect(database.store.append(request(streamId, 0, ["B"], "stale-1"))).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(database.store.append(request(streamId, 2, ["B"], "stale-2"))).rejects.toBeInstanceOf(ConcurrencyError);
    expect((await database.store.readStream(streamId)).map((event) => event.type)).toEqual(["A"]);
    expect(await database.store.findCommand("stale-1")).toBeNull();
    expect(await database.store.findCommand("stale-2")).toBeNull();
  });

  it("lets exactly one of many racing appends at the same version win", async () => {
    const streamId = randomUUID();
    await database.store.append(request(streamId, 0, ["Opened"]));
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => database.store.append(request(streamId, 1, ["Raced"]))));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results) {
      if (result.status === "rejected") expect(result.reason).toBeInstanceOf(ConcurrencyError);
    }
    expect(await database.store.readStream(streamId)).toHaveLength(2);
  });
});

describe("a stream's origin", () => {
  it("tells a stream's type and owner from its first event, without opening personal data", async () => {
    const sealing = (masterKey: Buffer) =>
      new EventStore(database.db.prisma, database.db.sql, {
        personal: new PersonalData(
          new DataKeys((text, params) => database.db.sql.query(text, params), [masterKey]),
          new Map([["Registered", { subject: (data) => data.customerId as string, fields: ["name"], forgotten: { name: "[forgotten]" } }]]),
        ),
      });
    const customerId = randomUUID();
    await sealing(randomBytes(32)).append({
      ...request(customerId, 0, []),
      events: [{ type: "Registered", data: { customerId, name: "Ada" } }],
    });
    // Under another master key the sealed name cannot be opened, and the origin is still told.
    const other = sealing(randomBytes(32));
    await expect(other.readStream(customerId)).rejects.toThrow();
    expect(await other.origin(customerId)).toEqual({ streamType: "Test", owner: customerId });
    const account = randomUUID();
    await database.store.append({ ...request(account, 0, []), events: [{ type: "Opened", data: { customerId } }] });
    expect(await database.store.origin(account)).toEqual({ streamType: "Test", owner: customerId });
    // No customer named (a product), one that is not a string, and no stream at all.
    const product = randomUUID();
    await database.store.append({ ...request(product, 0, []), events: [{ type: "Added", data: { sku: "X" } }] });
    expect(await database.store.origin(product)).toEqual({ streamType: "Test", owner: null });
    const odd = randomUUID();
    await database.store.append({ ...request(odd, 0, []), events: [{ type: "Odd", data: { customerId: 7 } }] });
    expect(await database.store.origin(odd)).toEqual({ streamType: "Test", owner: null });
    expect(await database.store.origin(randomUUID())).toBeNull();
  });
});

describe("guards", () => {
  it("appends while another stream holds no event of a type, and writes nothing once it does", async () => {
    const customer = randomUUID();
    await database.store.append({ ...request(customer, 0, []), events: [{ type: "Registered", data: { customerId: customer } }] });
    const guard = { streamId: customer, absent: "Forgotten", error: () => new Error(`customer ${customer} is gone`) };
    const first = randomUUID();
    await database.store.append({ ...request(first, 0, ["Opened"]), guards: [guard] });
    await database.store.append({ ...request(customer, 1, []), events: [{ type: "Forgotten", data: { customerId: customer } }] });
    const second = randomUUID();
    await expect(database.store.append({ ...request(second, 0, ["Opened"]), guards: [guard] })).rejects.toThrow(
      `customer ${customer} is gone`,
    );
    expect(await database.store.readStream(first)).toHaveLength(1);
    expect(await database.store.readStream(second)).toEqual([]);
    // A stream that does not exist holds no guard either; the failing one of several is named.
    const missing = { streamId: randomUUID(), absent: "Forgotten", error: () => new Error("no such customer") };
    await expect(database.store.append({ ...request(randomUUID(), 0, ["Opened"]), guards: [missing] })).rejects.toThrow("no such customer");
    const holding = { ...guard, streamId: first, absent: "Closed" };
    await expect(database.store.append({ ...request(randomUUID(), 0, ["Opened"]), guards: [holding, guard] })).rejects.toThrow(
      `customer ${customer} is gone`,
    );
  });
});

describe("idempotency", () => {
  it("refuses a second append with a recorded command id and writes nothing", async () => {
    const streamId = randomUUID();
    await database.store.append(request(streamId, 0, ["A"], "once-only"));
    await expect(database.store.append(request(streamId, 1, ["B"], "once-only"))).rejects.toBeInstanceOf(DuplicateCommandError);
    await expect(database.store.append(request(randomUUID(), 0, ["B"], "once-only"))).rejects.toBeInstanceOf(DuplicateCommandError);
    expect(await database.store.readStream(streamId)).toHaveLength(1);
  });

  it("records a command that wrote nothing only while its stream is at the version it was decided on", async () => {
    const streamId = randomUUID();
    const { position } = await database.store.append(request(streamId, 0, ["A"]));
    const record = (commandId: string, version: number) =>
      database.store.recordCommand({ commandId, commandType: "DoTest", streamId, version, position, actor: "test", fingerprint: "f" });
    const kept = randomUUID();
    expect(await record(kept, 1)).toBe("recorded");
    expect(await database.store.findCommand(kept)).toMatchObject({ streamId, version: 1, position, eventTypes: [], fingerprint: "f" });
    await expect(record(kept, 1)).rejects.toBeInstanceOf(DuplicateCommandError);
    // The stream moved on since the decision (a forget, say): decide again, nothing recorded.
    await database.store.append(request(streamId, 1, ["B"]));
    const late = randomUUID();
    expect(await record(late, 1)).toBe("moved");
    expect(await database.store.findCommand(late)).toBeNull();
    // Nothing to do on a stream not yet written: nothing can move it back.
    expect(
      await database.store.recordCommand({
        ...{ commandId: randomUUID(), commandType: "DoTest", streamId: randomUUID() },
        version: 0,
        position: 0n,
        actor: null,
        fingerprint: null,
      }),
    ).toBe("recorded");
  });
});

describe("the global log under concurrent appends", () => {
  if (backend === "postgres") {
    it("is not held back by an append in flight in another database of the same server", async () => {
      const otherDatabase = await createTestDatabase();
      const other = await openDatabase(otherDatabase.options);
      try {
        const otherStore = new EventStore(other.prisma, other.sql);
        await other.prisma.$transaction(async (tx) => {
          // Marked as appending, with an xid older than any fence our samples take, until it commits.
          await otherStore.append(request(randomUUID(), 0, ["Elsewhere"]), tx);
          const { position } = await database.store.append(request(randomUUID(), 0, ["Here"]));
          expect(await database.store.head.refresh()).toBe(position);
        });
      } finally {
        await other.close();
        await otherDatabase.drop();
      }
    });
  }

  // Transactions that draw positions early and commit late (and some that roll back) race
  // a reader that follows the log; the reader must see every committed event exactly once,
  // in position order, and never anything rolled back. Several readers follow the log at
  // once, so their samples of the safe head arrive together and right after one another.
  it("never skips or repeats an event while many connections append and several readers follow", async () => {
    const writers = backend === "postgres" ? 16 : 4;
    const appendsPerWriter = backend === "postgres" ? 12 : 6;
    const start = await database.store.head.refresh();
    const committedStreams: string[] = [];
    const rolledBack = new Set<string>();
    let writing = true;

    const writer = async (w: number) => {
      for (let i = 0; i < appendsPerWriter; i++) {
        const streamId = `race-${w}-${i}-${randomUUID()}`;
        const rollback = i % 5 === 4;
        try {
          await database.db.prisma.$transaction(
            async (tx) => {
              const appended = await database.store.append(request(streamId, 0, ["R1", "R2"]), tx);
              // Hold the drawn positions uncommitted for a while, so later positions commit first.
              await tx.$executeRawUnsafe("SELECT pg_sleep($1::float8)", Math.random() * 0.03);
              if (rollback) throw new Error("rollback on purpose");
              return appended;
            },
            { maxWait: 30_000, timeout: 30_000 },
          );
          committedStreams.push(streamId);
        } catch (error) {
          if (!rollback) throw error;
          rolledBack.add(streamId);
        }
      }
    };

    let lastPosition = 0n;
    const reader = async () => {
      const seen: bigint[] = [];
      let cursor = start;
      const deadline = Date.now() + 30_000;
      // Follow the log until the writers are done and the reader has passed the last event.
      while (writing || cursor < lastPosition) {
        if (Date.now() > deadline) throw new Error(`reader stuck at ${cursor}, log ends at ${lastPosition}`);
        const events = await database.store.readAll(cursor, { limit: 7 });
        for (const event of events) {
          if (event.streamId.startsWith("race-")) seen.push(event.position);
          expect(rolledBack.has(event.streamId)).toBe(false);
        }
        if (events.length > 0) cursor = events.at(-1)!.position;
        else await new Promise((resolve) => setTimeout(resolve, 2));
      }
      return seen;
    };

    const reading = Promise.all(Array.from({ length: backend === "postgres" ? 4 : 2 }, () => reader()));
    try {
      await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
    } finally {
      const [row] = await database.db.prisma.$queryRawUnsafe<{ last: bigint | null }[]>("SELECT max(position) AS last FROM events");
      lastPosition = BigInt(row!.last ?? 0n);
      writing = false;
    }
    const readers = await reading;
    const committed = new Set(
      (await Promise.all(committedStreams.map((streamId) => database.store.readStream(streamId)))).flat().map((event) => event.position),
    );

    for (const seen of readers) {
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual([...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      expect(new Set(seen)).toEqual(committed);
    }
    expect(committed.size).toBeGreaterThan(0);
    expect(rolledBack.size).toBeGreaterThan(0);
  });
});
