import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../../../test/support/database.js";

describe("Sql.query with prepare", () => {
  const ctx = useTestDatabase();
  const text = "SELECT $1::int + $2::int AS sum, $3::text AS label";

  it("answers like an unprepared statement, run after run, in and out of transactions", async () => {
    for (let run = 0; run < 8; run++) {
      expect(await ctx.db.sql.query(text, [run, 1, `run ${run}`], { prepare: true })).toEqual([{ sum: run + 1, label: `run ${run}` }]);
    }
    const inside = await ctx.db.sql.transaction(async (tx) => {
      const rows = [];
      for (let run = 0; run < 8; run++) rows.push(...(await tx.query<{ sum: number }>(text, [run, 2, "tx"], { prepare: true })));
      return rows.map((row) => row.sum);
    });
    expect(inside).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
