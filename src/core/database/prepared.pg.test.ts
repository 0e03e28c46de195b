import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../../../test/support/database.js";

describe("Sql.query with prepare on PostgreSQL", () => {
  const ctx = useTestDatabase();
  const text = "SELECT $1::int + $2::int AS sum, $3::text AS label";

  it("keeps one prepared statement per connection, named after its text", async () => {
    const names = await ctx.db.sql.transaction(async (tx) => {
      await tx.query(text, [1, 1, "a"], { prepare: true });
      await tx.query(text, [2, 2, "b"], { prepare: true });
      await tx.query("SELECT $1::int AS other", [1], { prepare: true });
      await tx.query("SELECT $1::int AS unprepared", [1]);
      return tx.query<{ name: string; statement: string }>("SELECT name, statement FROM pg_prepared_statements ORDER BY statement");
    });
    expect(names.map((row) => row.statement)).toEqual(["SELECT $1::int + $2::int AS sum, $3::text AS label", "SELECT $1::int AS other"]);
    for (const { name } of names) expect(name).toMatch(/^catchup_[0-9a-f]{24}$/);
  });
});
