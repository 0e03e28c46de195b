/**
 * The test suite's PGlite pool (test/support/pglite-pool.ts): a database given back is lent
 * again exactly as a new one from the template would be, or not at all.
 */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../src/core/database/database.js";
import { buildTemplate } from "../src/core/database/pglite-template.js";
import { EventStore } from "../src/core/event-store.js";
import { appendGiven } from "./support/database.js";
import { PGlitePool } from "./support/pglite-pool.js";

let template: string;
beforeAll(async () => {
  template = await buildTemplate();
});

/** What a test file could have changed, as a new database from the template has it. */
async function state(db: Database) {
  const [row] = await db.sql.query<Record<string, unknown>>(
    `SELECT (SELECT count(*)::int FROM events) AS events, (SELECT count(*)::int FROM _prisma_migrations) AS migrations,
            (SELECT count(*)::int FROM projection_checkpoints) AS checkpoints,
            current_setting('search_path') AS "searchPath", current_setting('work_mem') AS "workMem",
            to_regclass('pg_temp.scratch') IS NOT NULL AS "tempTable",
            (SELECT count(*)::int FROM pg_statistic WHERE starelid = 'events'::regclass) AS statistics,
            (SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'events') AS analyzed`,
  );
  return row;
}

describe("the test suite's PGlite pool", () => {
  const pool = new PGlitePool(() => template);
  afterAll(() => pool.close());

  it("lends a database given back in the template's state: rows, sequences, statistics and the session as new", async () => {
    const fresh = await openDatabase({ kind: "pglite", from: new Blob([await fs.promises.readFile(template)]) });
    const expected = await state(fresh);
    await fresh.close();

    const first = await openDatabase({ kind: "pglite", borrow: pool.borrow });
    expect(await state(first)).toEqual(expected);
    const store = new EventStore(first.prisma, first.sql);
    expect((await appendGiven(store, "Thing", "thing-1", 0, [{ type: "Made", data: {} }])).position).toBe(1n);
    await first.sql.query("INSERT INTO projection_checkpoints (name, position) VALUES ('X', 1)");
    await first.sql.query("ANALYZE events");
    await first.sql.query("SET work_mem = '64MB'");
    await first.sql.query("CREATE TEMPORARY TABLE scratch (n int)");
    await first.sql.query("BEGIN"); // and a transaction left open
    await first.close();
    expect(pool.size).toBe(1);

    const second = await openDatabase({ kind: "pglite", borrow: pool.borrow });
    expect(pool.created).toBe(1); // the same database, lent again
    expect(await state(second)).toEqual(expected);
    const reused = new EventStore(second.prisma, second.sql);
    expect((await appendGiven(reused, "Thing", "thing-1", 0, [{ type: "Made", data: {} }])).position).toBe(1n);
    await second.close();
    expect(pool.size).toBe(1);
  });

  it("fails a query through a loan given back, and takes a loan back once however often it is given", async () => {
    const loan = await pool.borrow();
    await loan.giveBack();
    await expect(loan.pglite.query("SELECT 1")).rejects.toThrow(/given back to the test pool/);
    await loan.giveBack();
    expect(pool.size).toBe(1);
    const next = await pool.borrow();
    expect(pool.size).toBe(0);
    expect((await next.pglite.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    await next.giveBack();
  });

  it("closes a database whose schema a test changed, and lends a new one instead", async () => {
    const created = pool.created;
    const borrowed = await pool.borrow();
    await borrowed.pglite.exec("CREATE TABLE of_its_own (n int)");
    await borrowed.giveBack();
    expect(pool.size).toBe(0);

    const next = await pool.borrow();
    expect(pool.created).toBe(created + 1);
    expect((await next.pglite.query("SELECT to_regclass('of_its_own') AS t")).rows).toEqual([{ t: null }]);
    await next.giveBack();
  });
});
