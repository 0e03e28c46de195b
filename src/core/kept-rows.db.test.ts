/** Rows a runner keeps between batches (KeptRows), on the real database. */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { appendGiven, useTestDatabase } from "../../test/support/database.js";
import { Consistency } from "./consistency.js";
import { Notifier } from "./notifier.js";
import type { Projection, ProjectionTx } from "./projection.js";
import { selectIn } from "./projection-helpers/table-reads.js";
import type { TableSpec } from "./projection-helpers/table-spec.js";
import { upsertRows } from "./projection-helpers/table-writes.js";
import { Projector, type ProjectorOptions } from "./projector.js";

const database = useTestDatabase();

interface CountRow {
  id: string;
  n: number;
  position: bigint;
}

const COUNTS: TableSpec<CountRow> = {
  table: "kept_counts",
  key: ["id"],
  columns: { id: ["id", "text"], n: ["n", "integer"], position: ["position", "bigint"] },
};

beforeAll(async () => {
  await database.db.sql.query("CREATE TABLE kept_counts (id text PRIMARY KEY, n integer NOT NULL, position bigint NOT NULL)");
});

/** Counts each stream's Counted events in kept_counts, keeping its rows; records the statements it sends. */
function counting(name: string) {
  const statements: string[] = [];
  const projection: Projection = {
    name,
    eventTypes: ["Counted"],
    keeps: [COUNTS.table],
    async apply(events, tx) {
      const spy = new Proxy(tx, {
        get(target, property) {
          if (property === "query")
            return (text: string, ...rest: unknown[]) => {
              statements.push(text);
              return (target.query as (...args: unknown[]) => Promise<unknown>).call(target, text, ...rest);
            };
          const value = Reflect.get(target, property) as unknown;
          return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      }) as ProjectionTx;
      const ids = [...new Set(events.map((event) => event.streamId))];
      const rows = new Map((await selectIn(spy, COUNTS, "id", ids)).map((row) => [row.id, row]));
      for (const event of events) {
        const row = rows.get(event.streamId) ?? { id: event.streamId, n: 0, position: 0n };
        row.n += 1; // changed in place: what the runner keeps must not change with it
        row.position = event.position;
        rows.set(row.id, row);
      }
      await upsertRows(spy, COUNTS, [...rows.values()]);
      return [...rows.values()].map((row) => ({ id: row.id, version: row.n, position: row.position }));
    },
    async reset(tx) {
      await tx.query("TRUNCATE kept_counts");
    },
  };
  return { projection, reads: () => statements.filter((text) => /^SELECT .* FROM "kept_counts"/.test(text)).length };
}

const versions = new Map<string, number>();
/** Appends a Counted event to the stream; its position. */
async function count(streamId: string): Promise<bigint> {
  const version = versions.get(streamId) ?? 0;
  versions.set(streamId, version + 1);
  return (await appendGiven(database.store, "T", streamId, version, [{ type: "Counted", data: {} }])).position;
}

async function stored(id: string): Promise<number | undefined> {
  const [row] = await database.db.sql.query<{ n: number }>("SELECT n FROM kept_counts WHERE id = $1", [id]);
  return row?.n;
}

function runner(projection: Projection, options: ProjectorOptions = {}) {
  const notifier = new Notifier();
  const projector = new Projector(database.db, database.store, notifier, [projection], options);
  const caughtUp = (position: bigint) => new Consistency(notifier, 10_000).caughtUp([projection.name], position);
  return { projector, notifier, caughtUp };
}

describe("rows a runner keeps between batches", () => {
  it("are read from the table once, then not again, and written as the batches left them", async () => {
    const { projection, reads } = counting(`KEPT_${randomUUID()}`);
    const { projector, caughtUp } = runner(projection);
    const stream = randomUUID();
    await projector.start();
    try {
      // A new projection starts from the log's beginning: what other tests counted is read too.
      let before = 0;
      for (let i = 0; i < 5; i++) {
        const position = await count(stream);
        projector.watcher.poke();
        expect(await caughtUp(position)).toBe(true);
        if (i === 0) before = reads();
      }
      expect(reads() - before).toBe(0); // read by the first batch only
      expect(await stored(stream)).toBe(5);
    } finally {
      await projector.stop();
    }
  });

  it("are forgotten when another runner moved the checkpoint: the batch fails, and the next reads the table", async () => {
    const name = `KEPT_${randomUUID()}`;
    const a = counting(name);
    // A waits two seconds before each batch, so that B (a failover's overlap) goes first. (A
    // batch cannot wait inside its transaction instead: PGlite runs one at a time.)
    const first = runner(a.projection, { batchDelayMs: 2000 });
    const stream = randomUUID();
    await first.projector.start();
    try {
      await count(stream);
      const second = await count(stream);
      first.projector.watcher.poke();
      expect(await first.caughtUp(second)).toBe(true);
      const before = a.reads(); // A keeps the row (n = 2)

      // B applies the third event while A waits, then the row changes under A again (as B's
      // later batches would change it).
      const third = await count(stream);
      first.projector.watcher.poke();
      const b = runner(counting(name).projection);
      await b.projector.start();
      b.projector.watcher.poke();
      expect(await b.caughtUp(third)).toBe(true);
      await b.projector.stop();
      expect(await stored(stream)).toBe(3);
      await database.db.sql.query("UPDATE kept_counts SET n = 100 WHERE id = $1", [stream]);

      // A's batch of the third event, made on its kept row, fails at the checkpoint; A goes on
      // from B's checkpoint, and its next batch reads the row as B left it.
      expect(await first.caughtUp(third)).toBe(true);
      const fourth = await count(stream);
      first.projector.watcher.poke();
      expect(await first.caughtUp(fourth)).toBe(true);
      expect(await stored(stream)).toBe(101);
      expect(a.reads() - before).toBe(1);
    } finally {
      await first.projector.stop();
    }
  });

  it.each([
    [
      "a statement of its own",
      (tx: ProjectionTx, id: string) => tx.query(`UPDATE public.kept_counts SET n = n + 1000 WHERE id = $1`, [id]),
    ],
    [
      "a write it queues itself",
      (tx: ProjectionTx, id: string) =>
        tx.defer!("kept_counts", `UPDATE kept_counts SET n = n + 1000 WHERE id = ($1::jsonb ->> 'id')`, JSON.stringify({ id })),
    ],
  ])("are dropped for a batch that writes their table by %s", async (_, rewrite) => {
    const { projection: counter, reads } = counting(`KEPT_${randomUUID()}`);
    let raw = false;
    const projection: Projection = {
      ...counter,
      async apply(events, tx) {
        const changed = await counter.apply(events, tx);
        if (raw) await rewrite(tx, events[0]!.streamId);
        return changed;
      },
    };
    const { projector, caughtUp } = runner(projection);
    const stream = randomUUID();
    await projector.start();
    try {
      let before = 0;
      for (const rewriting of [false, true, false]) {
        raw = rewriting;
        const position = await count(stream);
        projector.watcher.poke();
        expect(await caughtUp(position)).toBe(true);
        if (!rewriting && before === 0) before = reads();
      }
      // 1, then 2 + 1000 by the statement (the kept row is dropped), then read again: 1003.
      expect(await stored(stream)).toBe(1003);
      expect(reads() - before).toBe(1);
    } finally {
      await projector.stop();
    }
  });
});
