/** The PostgreSQL pool keeps a connection whose statement the server refused, and drops one that broke. */
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/support/database.js";
import { openDatabase } from "./database.js";

describe("Sql.query on PostgreSQL", () => {
  it("keeps the connection after a refused statement, and replaces one that was terminated", async () => {
    const testDb = await createTestDatabase();
    const db = await openDatabase({ ...testDb.options, poolSize: 1 } as typeof testDb.options);
    try {
      const backend = async () => (await db.sql.query<{ pid: number }>("SELECT pg_backend_pid() AS pid"))[0]!.pid;
      const first = await backend();
      // Refused: a division by zero, a unique violation, a conflict raised by a function.
      await expect(db.sql.query("SELECT 1 / 0")).rejects.toMatchObject({ code: "22012" });
      await expect(db.sql.query("DO $$ BEGIN RAISE EXCEPTION 'no' USING ERRCODE = 'CUCON'; END $$")).rejects.toMatchObject({
        code: "CUCON",
      });
      expect(await backend()).toBe(first);
      // Terminated (57P01): that connection is gone, the next query gets a new one.
      await expect(db.sql.query("SELECT pg_terminate_backend(pg_backend_pid())")).rejects.toMatchObject({ code: "57P01" });
      const second = await backend();
      expect(second).not.toBe(first);
    } finally {
      await db.close();
      await testDb.drop();
    }
  });
});
