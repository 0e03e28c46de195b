/** The projection runtime on the real database: ordering, checkpoints, failure isolation. */
import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { appendGiven, backend, useTestDatabase } from "../../test/support/database.js";
import { Consistency } from "./consistency.js";
import { Notifier } from "./notifier.js";
import type { Projection } from "./projection.js";
import { Projector } from "./projector.js";

const database = useTestDatabase();

/** A projection that records what it saw in memory (its "rows" are the checkpointed batches). */
function recording(name: string, eventTypes: string[], failOn?: string) {
  const seen: { type: string; position: bigint }[] = [];
  const projection: Projection = {
    name,
    eventTypes,
    async apply(events) {
      for (const event of events) {
        if (event.type === failOn) throw new Error(`cannot project ${event.type} at ${event.position}`);
      }
      seen.push(...events.map((event) => ({ type: event.type, position: event.position })));
      return events.map((event) => ({ id: event.streamId, version: event.version, position: event.position }));
    },
    async reset() {
      seen.length = 0;
    },
  };
  return { projection, seen };
}

async function append(types: string[]): Promise<bigint> {
  const result = await appendGiven(
    database.store,
    "T",
    randomUUID(),
    0,
    types.map((type) => ({ type, data: {} })),
  );
  return result.position;
}

describe("Projector", () => {
  it("stops at once while it waits out the development delay, and applies nothing it had not", async () => {
    const notifier = new Notifier();
    const a = recording(`A_${randomUUID()}`, ["A"]);
    // Ten minutes: a stop that waited it out would time the test out.
    const projector = new Projector(database.db, database.store, notifier, [a.projection], { batchDelayMs: 600_000 });
    await projector.start();
    const started = notifier.checkpoint(a.projection.name);
    await append(["A"]);
    projector.watcher.poke();
    await vi.waitFor(() => expect(projector.watcher.head).toBeGreaterThan(started ?? 0n));
    await projector.stop();
    expect(a.seen).toEqual([]);
  }, 30_000);

  it("applies only its event types, in order, in batches, and reaches the log head", async () => {
    const notifier = new Notifier();
    const a = recording(`A_${randomUUID()}`, ["A"]);
    const projector = new Projector(database.db, database.store, notifier, [a.projection], { batchSize: 3 });
    const before = await database.store.head.refresh();
    for (let i = 0; i < 4; i++) await append(["A", "B", "A"]);
    await projector.start();
    const last = await append(["B"]);
    projector.watcher.poke();
    expect(await new Consistency(notifier, 5000).caughtUp([a.projection.name], last)).toBe(true);
    await projector.stop();
    const mine = a.seen.filter((event) => event.position > before);
    expect(mine.map((event) => event.type)).toEqual(Array(8).fill("A"));
    expect(mine.map((event) => event.position)).toEqual([...mine.map((event) => event.position)].sort((x, y) => Number(x - y)));
    // The checkpoint covers the trailing B even though the projection ignores it.
    expect(notifier.checkpoint(a.projection.name)).toBeGreaterThanOrEqual(last);
  });

  it("stops a failing projection with its error, keeps the others going, and resumes from its checkpoint", async () => {
    const notifier = new Notifier();
    const name = `FAILING_${randomUUID()}`;
    const failing = recording(name, ["Good", "Poison"], "Poison");
    const healthy = recording(`HEALTHY_${randomUUID()}`, ["Good", "Poison"]);
    const logged: { projection: string; reason: string; error: unknown }[] = [];
    const projector = new Projector(database.db, database.store, notifier, [failing.projection, healthy.projection], {
      batchSize: 1,
      onFailure: (projection, reason, error) => logged.push({ projection, reason, error }),
    });
    await projector.start();
    const good = await append(["Good"]);
    const poison = await append(["Poison"]);
    const after = await append(["Good"]);
    projector.watcher.poke();
    const consistency = new Consistency(notifier, 5000);
    expect(await consistency.caughtUp([healthy.projection.name], after)).toBe(true);
    expect(await consistency.caughtUp([name], good)).toBe(true);
    expect(await consistency.caughtUp([name], poison, 300)).toBe(false);
    // The failure is told once it is stored: on a busy machine that may come after the 300 ms.
    for (const deadline = Date.now() + 5000; notifier.failure(name) === undefined && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }

    const status = projector.status().find((s) => s.name === name)!;
    expect(status.state).toBe("FAILED");
    // What is shown names the event, not the error's own text: that goes to the log.
    const reason = `event ${poison} (Poison) could not be applied: the error is in the server log`;
    expect(status.lastError).toBe(reason);
    expect(notifier.failure(name)).toBe(reason);
    expect(logged).toEqual([
      { projection: name, reason, error: expect.objectContaining({ message: `cannot project Poison at ${poison}` }) },
    ]);
    expect(status.position).toBeLessThan(poison);
    const [stored] = await database.db.prisma.$queryRawUnsafe<{ position: bigint; last_error: string }[]>(
      "SELECT position, last_error FROM projection_checkpoints WHERE name = $1",
      name,
    );
    expect(stored!.last_error).toBe(reason);
    expect(BigInt(stored!.position)).toBe(status.position);
    await projector.stop();

    // After a fix and a restart, the projection resumes exactly where it stopped.
    const fixed = recording(name, ["Good", "Poison"]);
    const restarted = new Projector(database.db, database.store, new Notifier(), [fixed.projection], { batchSize: 10 });
    await restarted.start();
    restarted.watcher.poke();
    const deadline = Date.now() + 5000;
    while (restarted.status()[0]!.position < after && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await restarted.stop();
    expect(fixed.seen.map((event) => event.position).filter((p) => p <= after)).toEqual([poison, after].filter((p) => p > status.position));
    expect(restarted.status()[0]!.lastError).toBeNull();
  });
});

describe("a failing batch", () => {
  it("is applied again one event at a time: the events before the failing one commit, and the checkpoint stops right before it", async () => {
    const ok = `Ok_${randomUUID().slice(0, 8)}`;
    const bad = `Bad_${randomUUID().slice(0, 8)}`;
    const name = `CAREFUL_${randomUUID()}`;
    const careful = recording(name, [ok, bad], bad);
    const good: bigint[] = [];
    for (let i = 0; i < 2; i++) good.push(await append([ok]));
    const poison = await append([bad]);
    let after = 0n;
    for (let i = 0; i < 3; i++) after = await append([ok]);
    // Far behind the head with batches of 2, the runner takes several events per batch (up to a chunk).
    const projector = new Projector(database.db, database.store, new Notifier(), [careful.projection], { batchSize: 2 });
    await projector.start();
    projector.watcher.poke();
    const deadline = Date.now() + 5000;
    while (projector.status()[0]!.state !== "FAILED" && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    await projector.stop();
    const status = projector.status()[0]!;
    expect(status.state).toBe("FAILED");
    expect(status.lastError).toBe(`event ${poison} (${bad}) could not be applied: the error is in the server log`);
    expect(careful.seen.map((event) => event.position)).toEqual(good);
    expect(status.position).toBe(good.at(-1));
    expect(careful.seen.map((event) => event.position)).not.toContain(after);
    const [stored] = await database.db.sql.query<{ position: string }>("SELECT position FROM projection_checkpoints WHERE name = $1", [
      name,
    ]);
    expect(BigInt(stored!.position)).toBe(good.at(-1));
  });
});

describe("checkpoint writes", () => {
  // A checkpoint moved over other types' events is written later; that write and a batch's
  // compare-and-set must never race (CI once caught a projection failing "moved away").
  it("keeps a projection running while lazy checkpoint writes and batches interleave", async () => {
    const notifier = new Notifier();
    const name = `LAZY_${randomUUID()}`;
    const type = `Lazy_${randomUUID().slice(0, 8)}`;
    const lazy = recording(name, [type]);
    const projector = new Projector(database.db, database.store, notifier, [lazy.projection], { persistDelayMs: 1, settlePollMs: 1 });
    await projector.start();
    let last = 0n;
    for (let i = 0; i < 60; i++) {
      await append(["SomethingElse"]);
      projector.watcher.poke();
      await new Promise((resolve) => setTimeout(resolve, i % 3));
      last = await append([type]);
      projector.watcher.poke();
    }
    expect(await new Consistency(notifier, 10_000).caughtUp([name], last)).toBe(true);
    expect(projector.runner(name).status()).toMatchObject({ state: "RUNNING", lastError: null });
    expect(lazy.seen.filter((event) => event.type === type)).toHaveLength(60);
    await projector.stop();
  });
});

describe("rebuild", () => {
  it("replays everything into a reset projection, showing REBUILDING until it has", async () => {
    const notifier = new Notifier();
    const name = `REBUILT_${randomUUID()}`;
    const first = recording(name, ["R"]);
    const projector = new Projector(database.db, database.store, notifier, [first.projection], { batchSize: 2 });
    await projector.start();
    for (let i = 0; i < 5; i++) await append(["R", "R"]);
    const last = await append(["R"]);
    projector.watcher.poke();
    expect(await new Consistency(notifier, 5000).caughtUp([name], last)).toBe(true);
    const before = first.seen.map((event) => event.position);

    const runner = projector.runner(name);
    await runner.rebuild();
    expect(first.seen.length).toBeLessThan(before.length); // reset, and not done yet
    expect(runner.status().state).toBe("REBUILDING");
    expect(await new Consistency(notifier, 5000).caughtUp([name], last)).toBe(true);
    expect(runner.status().state).toBe("RUNNING");
    expect(first.seen.map((event) => event.position)).toEqual(before);
    await projector.stop();
  });

  it("runs rebuilds asked for at once one after another, under writes: one loop, each event once, and a stop that returns", async () => {
    const notifier = new Notifier();
    const name = `REBUILT_${randomUUID()}`;
    const type = `R_${randomUUID()}`;
    const rebuilt = recording(name, [type]);
    const projector = new Projector(database.db, database.store, notifier, [rebuilt.projection], { batchSize: 3 });
    await projector.start();
    const positions: bigint[] = [];
    for (let i = 0; i < 10; i++) positions.push(await append([type]));
    const runner = projector.runner(name);
    const writes = (async () => {
      for (let i = 0; i < 20; i++) {
        positions.push(await append([type]));
        projector.watcher.poke();
      }
    })();
    await Promise.all([...Array.from({ length: 5 }, () => runner.rebuild()), writes]);
    projector.watcher.poke();
    expect(await new Consistency(notifier, 10_000).caughtUp([name], positions.at(-1)!)).toBe(true);
    expect(rebuilt.seen.map((event) => event.position)).toEqual(positions);
    expect(runner.status().state).toBe("RUNNING");
    await projector.stop();
  }, 30_000);

  it("vacuums and analyzes its tables once it has caught up over many events, not while it follows the head", async () => {
    const notifier = new Notifier();
    const name = `ANALYZED_${randomUUID()}`;
    const { projection } = recording(name, ["Analyzed"]);
    let analyzed = 0;
    projection.analyze = async () => {
      analyzed++;
    };
    for (let i = 0; i < 4; i++) await append(["Analyzed", "Analyzed"]);
    const projector = new Projector(database.db, database.store, notifier, [projection], { batchSize: 2, analyzeAfter: 6 });
    await projector.start();
    projector.watcher.poke();
    const caughtUp = (position: bigint) => new Consistency(notifier, 5000).caughtUp([name], position);
    expect(await caughtUp(await database.store.lastPosition())).toBe(true);
    await vi.waitFor(() => expect(analyzed).toBe(1));
    // Following the head, one batch at a time, is not catching up.
    for (let i = 0; i < 4; i++) {
      const position = await append(["Analyzed"]);
      projector.watcher.poke();
      expect(await caughtUp(position)).toBe(true);
    }
    expect(analyzed).toBe(1);
    await projector.stop();
  });

  it("announces the rows it rewrites only past the checkpoint the projection had, cueing row waiters per batch instead", async () => {
    const notifier = new Notifier();
    const type = `RP_${randomUUID().slice(0, 8)}`;
    const name = `REPLAYED_${randomUUID()}`;
    const { projection } = recording(name, [type]);
    const announced: bigint[] = [];
    let cues = 0;
    const publishRowChanges = notifier.publishRowChanges.bind(notifier);
    notifier.publishRowChanges = (changes) => {
      announced.push(...changes.filter((change) => change.projection === name).map((change) => change.position));
      publishRowChanges(changes);
    };
    const publishReplay = notifier.publishReplay.bind(notifier);
    notifier.publishReplay = (replayed) => {
      if (replayed === name) cues++;
      publishReplay(replayed);
    };
    const projector = new Projector(database.db, database.store, notifier, [projection], { batchSize: 2 });
    const consistency = new Consistency(notifier, 5000);
    await projector.start();
    for (let i = 0; i < 3; i++) await append([type, type]);
    const had = await append([type]);
    projector.watcher.poke();
    expect(await consistency.caughtUp([name], had)).toBe(true);
    expect(announced).toHaveLength(7);

    // Stopped, it misses two events; the rebuild replays seven and applies those two first.
    const runner = projector.runner(name);
    await runner.stop();
    const missed = [await append([type]), await append([type])];
    announced.length = 0;
    await runner.rebuild();
    expect(await consistency.caughtUp([name], missed[1]!)).toBe(true);
    expect(announced).toEqual(missed);
    expect(cues).toBeGreaterThan(0);

    // Past the rebuild, every change is announced again.
    const later = await append([type]);
    projector.watcher.poke();
    expect(await consistency.caughtUp([name], later)).toBe(true);
    expect(announced).toEqual([...missed, later]);
    await projector.stop();
  });

  it("catching up, dense and sparse projections each see exactly their events once, in order, across gaps", async () => {
    const notifier = new Notifier();
    const tag = randomUUID().slice(0, 8);
    // Dense (most of the log), medium, and rare: the first two share the reader's chunks,
    // the rare one reads its own type through the index in widening windows.
    const dense = recording(`DENSE_${tag}`, [`A${tag}`, `B${tag}`]);
    const medium = recording(`MEDIUM_${tag}`, [`B${tag}`]);
    const rare = recording(`RARE_${tag}`, [`C${tag}`]);
    const before = await database.store.head.refresh();
    const expected = new Map<string, bigint[]>([
      [`A${tag}`, []],
      [`B${tag}`, []],
      [`C${tag}`, []],
    ]);
    for (let i = 0; i < 400; i++) {
      const type = i % 97 === 5 ? `C${tag}` : i % 4 === 0 ? `B${tag}` : `A${tag}`;
      expected.get(type)!.push(await append([type]));
      // Positions drawn by transactions that never commit leave gaps in the log.
      if (i % 37 === 0) await database.db.sql.query("SELECT nextval('events_position_seq')");
    }
    const last = await append(["Z"]);
    const projector = new Projector(database.db, database.store, notifier, [dense.projection, medium.projection, rare.projection], {
      batchSize: 4,
    });
    await projector.start();
    const names = [dense, medium, rare].map((r) => r.projection.name);
    expect(await new Consistency(notifier, 10_000).caughtUp(names, last)).toBe(true);
    await projector.stop();
    const positions = (seen: { position: bigint }[]) => seen.map((event) => event.position).filter((position) => position > before);
    const sorted = (list: bigint[]) => [...list].sort((x, y) => Number(x - y));
    expect(positions(dense.seen)).toEqual(sorted([...expected.get(`A${tag}`)!, ...expected.get(`B${tag}`)!]));
    expect(positions(medium.seen)).toEqual(expected.get(`B${tag}`));
    expect(positions(rare.seen)).toEqual(expected.get(`C${tag}`));
  });

  if (backend === "postgres") {
    // Only PostgreSQL has concurrent transactions: one left open holds the log head back.
    it("stays REBUILDING while a transaction in flight keeps committed events out of reach", async () => {
      const notifier = new Notifier();
      const name = `HELD_${randomUUID()}`;
      const held = recording(name, ["H"]);
      const projector = new Projector(database.db, database.store, notifier, [held.projection]);
      await projector.start();
      const committed = await append(["H"]);
      let release!: () => void;
      const open = database.db.prisma.$transaction(async (tx) => {
        await tx.$queryRawUnsafe("SELECT pg_current_xact_id()::text");
        await new Promise<void>((resolve) => (release = resolve));
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const after = await append(["H"]);
      const runner = projector.runner(name);
      await runner.rebuild();
      expect(await new Consistency(notifier, 300).caughtUp([name], after)).toBe(false);
      expect(runner.status().state).toBe("REBUILDING");
      release();
      await open;
      projector.watcher.poke();
      expect(await new Consistency(notifier, 5000).caughtUp([name], after)).toBe(true);
      expect(runner.status().state).toBe("RUNNING");
      expect(held.seen.map((event) => event.position)).toEqual(expect.arrayContaining([committed, after]));
      await projector.stop();
    });
  }
});

describe("caught up means caught up", () => {
  // Appenders hold drawn positions uncommitted while later ones commit; every checkpoint the
  // projector announces must already include every event at or below it that ever commits.
  it("never announces a checkpoint P before every event at or below P has been applied", async () => {
    const notifier = new Notifier();
    const name = `EXACT_${randomUUID()}`;
    const type = `Exact_${randomUUID().slice(0, 8)}`;
    const exact = recording(name, [type]);
    const projector = new Projector(database.db, database.store, notifier, [exact.projection], { batchSize: 5, settlePollMs: 1 });
    await projector.start();
    const announcements: { position: bigint; applied: number }[] = [];
    const stop = notifier.onCheckpoint((event) => {
      if (event.projection === name) announcements.push({ position: event.position, applied: exact.seen.length });
    });

    const writers = backend === "postgres" ? 12 : 3;
    await Promise.all(
      Array.from({ length: writers }, async () => {
        for (let i = 0; i < 10; i++) {
          const id = randomUUID();
          await database.db.prisma.$transaction(
            async (tx) => {
              await database.store.append(
                {
                  streamId: id,
                  streamType: "T",
                  expectedVersion: 0,
                  events: [{ type, data: {} }],
                  command: { id, type: "T" },
                  metadata: { commandId: id, correlationId: id, causationId: null, actor: null },
                },
                tx,
              );
              await tx.$executeRawUnsafe("SELECT pg_sleep($1::float8)", Math.random() * 0.02);
            },
            { maxWait: 30_000, timeout: 30_000 },
          );
          projector.watcher.poke();
        }
      }),
    );
    const last = await database.store.lastPosition();
    expect(await new Consistency(notifier, 10_000).caughtUp([name], last)).toBe(true);
    stop();
    await projector.stop();

    const committed = (await database.store.readAll(0n, { types: [type], limit: 10_000, upTo: last })).map((event) => event.position);
    expect(committed).toHaveLength(writers * 10);
    expect(exact.seen.map((event) => event.position)).toEqual(committed);
    expect(announcements.length).toBeGreaterThan(1);
    for (const { position, applied } of announcements) {
      const due = committed.filter((p) => p <= position).length;
      expect(applied, `announced ${position} after applying ${applied} of the ${due} events at or below it`).toBeGreaterThanOrEqual(due);
    }
  });
});
