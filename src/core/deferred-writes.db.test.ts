/** DeferredWrites on the real database: a batch's writes and its checkpoint in one statement, in order. */
import { beforeAll, describe, expect, it } from "vitest";
import { backend, useTestDatabase } from "../../test/support/database.js";
import type { Transaction } from "./database/database.js";
import { DeferredWrites } from "./deferred-writes.js";
import { upsertRows } from "./projection-helpers/table-writes.js";
import type { TableSpec } from "./projection-helpers/table-spec.js";

const database = useTestDatabase();

interface Row {
  id: string;
  n: number;
}
const spec = (table: string): TableSpec<Row> => ({ table, key: ["id"], columns: { id: ["id", "text"], n: ["n", "integer"] } });
const LEFT = spec("deferred_left");
const RIGHT = spec("deferred_right");

beforeAll(async () => {
  await database.db.sql.query("CREATE TABLE deferred_left (id text PRIMARY KEY, n integer NOT NULL CHECK (n <> 13))");
  await database.db.sql.query("CREATE TABLE deferred_right (id text PRIMARY KEY, n integer NOT NULL)");
  await database.db.sql.query("CREATE TABLE deferred_mark (name text PRIMARY KEY, position bigint NOT NULL)");
  await database.db.sql.query("INSERT INTO deferred_mark VALUES ('batch', 0)");
});

/** Runs `work` in a transaction through DeferredWrites, recording the statements sent. */
async function batch<T>(work: (writes: DeferredWrites) => Promise<T>): Promise<{ result: T; sent: string[] }> {
  const sent: string[] = [];
  const result = await database.db.sql.transaction(async (tx) => {
    const recording: Transaction = {
      query: (text, params, options) => {
        sent.push(text);
        return tx.query(text, params, options);
      },
      copyFrom: (table, columns, data) => {
        sent.push(`COPY ${table}`);
        return tx.copyFrom(table, columns, data);
      },
    };
    return work(new DeferredWrites(recording));
  });
  return { result, sent };
}

const rowsOf = (table: string) => database.db.sql.query<Row>(`SELECT id, n FROM ${table} ORDER BY id`);
const MARK = "UPDATE deferred_mark SET position = $1 WHERE name = $2 AND position = $3 RETURNING name";

describe("DeferredWrites", () => {
  it("sends the writes of several tables and the concluding statement as one", async () => {
    const { result, sent } = await batch(async (writes) => {
      await upsertRows(writes, LEFT, [{ id: "a", n: 1 }]);
      await upsertRows(writes, RIGHT, [
        { id: "a", n: 2 },
        { id: "b", n: 3 },
      ]);
      return writes.conclude<{ name: string }>(MARK, [10, "batch", 0]);
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(
      /^WITH w1 AS \(INSERT INTO "deferred_left".*\$1::jsonb.*\), w2 AS \(INSERT INTO "deferred_right".*\$2::jsonb.*\) UPDATE deferred_mark SET position = \$3 WHERE name = \$4 AND position = \$5/s,
    );
    expect(result).toEqual([{ name: "batch" }]);
    expect(await rowsOf("deferred_left")).toEqual([{ id: "a", n: 1 }]);
    expect(await rowsOf("deferred_right")).toEqual([
      { id: "a", n: 2 },
      { id: "b", n: 3 },
    ]);
  });

  it("keeps two writes of one table apart, in order, and lets a read see what was written before it", async () => {
    const { result, sent } = await batch(async (writes) => {
      await upsertRows(writes, LEFT, [{ id: "c", n: 1 }]);
      await upsertRows(writes, LEFT, [{ id: "c", n: 2 }]);
      const seen = await writes.query<Row>("SELECT id, n FROM deferred_left WHERE id = 'c'");
      await upsertRows(writes, RIGHT, [{ id: "c", n: seen[0]!.n + 1 }]);
      await writes.conclude(MARK, [20, "batch", 10]);
      return seen;
    });
    expect(result).toEqual([{ id: "c", n: 2 }]);
    // The first write alone (the second is of the same table), the second before the read, then the last with the mark.
    expect(sent.map((text) => text.slice(0, 30))).toEqual([
      expect.stringMatching(/^INSERT INTO "deferred_left"/),
      expect.stringMatching(/^INSERT INTO "deferred_left"/),
      expect.stringMatching(/^SELECT id, n FROM deferred_/),
      expect.stringMatching(/^WITH w1 AS \(INSERT INTO "defe/),
    ]);
    expect((await rowsOf("deferred_right")).find((row) => row.id === "c")).toEqual({ id: "c", n: 3 });
  });

  it("fails the whole batch with the refused write's SQLSTATE, and writes nothing", async () => {
    const failed = batch(async (writes) => {
      await upsertRows(writes, RIGHT, [{ id: "d", n: 1 }]);
      await upsertRows(writes, LEFT, [{ id: "d", n: 13 }]);
      await writes.conclude(MARK, [30, "batch", 20]);
    });
    await expect(failed).rejects.toMatchObject({ code: "23514" });
    expect((await rowsOf("deferred_right")).map((row) => row.id)).not.toContain("d");
    expect(String((await database.db.sql.query<{ position: unknown }>("SELECT position FROM deferred_mark"))[0]!.position)).toBe("20");
  });

  it("concludes alone when nothing is queued, and flushes what is left on request", async () => {
    const { sent } = await batch(async (writes) => {
      await writes.conclude(MARK, [40, "batch", 20]);
      await upsertRows(writes, RIGHT, [{ id: "e", n: 5 }]);
      await writes.flush();
    });
    expect(sent).toEqual([MARK, expect.stringMatching(/^INSERT INTO "deferred_right"/)]);
    expect((await rowsOf("deferred_right")).find((row) => row.id === "e")).toEqual({ id: "e", n: 5 });
  });
});

describe("a lazy transaction", () => {
  const ADVANCE = "SELECT catchup_advance_checkpoint($1, $2, $3) AS name";
  beforeAll(async () => {
    await database.db.sql.query("INSERT INTO projection_checkpoints (name, position) VALUES ('DEFERRED_TEST', 0)");
  });
  const lazily = <T>(work: (tx: Transaction) => Promise<T>) => database.db.sql.transaction(work, { durable: false, lazy: true });

  it("sends a batch's writes and its checkpoint as the one statement they are, and nothing when the checkpoint moved", async () => {
    const moved = lazily(async (tx) => {
      const writes = new DeferredWrites(tx);
      await upsertRows(writes, RIGHT, [{ id: "f", n: 1 }]);
      return writes.conclude(ADVANCE, ["DEFERRED_TEST", 7, 8], { prepare: true, standalone: true });
    });
    await expect(moved).rejects.toMatchObject({ code: "CUMOV" });
    expect((await rowsOf("deferred_right")).map((row) => row.id)).not.toContain("f");

    const advanced = await lazily(async (tx) => {
      const writes = new DeferredWrites(tx);
      await upsertRows(writes, RIGHT, [{ id: "f", n: 2 }]);
      return writes.conclude(ADVANCE, ["DEFERRED_TEST", 0, 8], { prepare: true, standalone: true });
    });
    expect(advanced).toEqual([{ name: "DEFERRED_TEST" }]);
    expect((await rowsOf("deferred_right")).find((row) => row.id === "f")).toEqual({ id: "f", n: 2 });
    const [stored] = await database.db.sql.query<{ position: string | number }>(
      "SELECT position FROM projection_checkpoints WHERE name = 'DEFERRED_TEST'",
    );
    expect(String(stored!.position)).toBe("8");
  });

  it("runs standalone statements outside a transaction until one is needed (PostgreSQL; PGlite always begins)", async () => {
    const times = await lazily(async (tx) => {
      const now = async (standalone: boolean) =>
        (await tx.query<{ at: string }>("SELECT clock_timestamp()::text AS c, now()::text AS at", [], { standalone }))[0]!.at;
      const first = await now(true);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const second = await now(true);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const third = await now(false); // begins: now() is the transaction's start from here on
      await new Promise((resolve) => setTimeout(resolve, 20));
      return [first, second, third, await now(true)];
    });
    // now() is the start of the current transaction: each standalone statement outside one is its own.
    if (backend === "postgres") expect(new Set(times.slice(0, 3)).size).toBe(3);
    else expect(new Set(times.slice(0, 3)).size).toBe(1);
    expect(times[3]).toBe(times[2]);
  });
});
