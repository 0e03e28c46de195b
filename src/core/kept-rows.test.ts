import { describe, expect, it } from "vitest";
import { KeptRows, writtenTables } from "./kept-rows.js";

describe("writtenTables", () => {
  it("names the tables a statement may write, quoted or not", () => {
    expect(writtenTables(`INSERT INTO "account_balances" (id) VALUES ($1)`)).toEqual(["account_balances"]);
    expect(writtenTables("update Order_Search SET status = $2 WHERE order_id = $1")).toEqual(["order_search"]);
    expect(writtenTables("DELETE FROM ONLY kept WHERE true; TRUNCATE TABLE a, b")).toEqual(["kept", "a", "b"]);
    expect(writtenTables(`WITH w1 AS (INSERT INTO "x" SELECT 1) UPDATE "y" SET n = 1`)).toEqual(["x", "y"]);
    expect(writtenTables(`SELECT updated_at, "update" FROM account_balances WHERE id = $1`)).toEqual([]);
  });
});

describe("KeptRows", () => {
  const keyOf = (row: { id: string }) => row.id;

  it("keeps what a batch saw only once it commits, as copies", () => {
    const kept = new KeptRows(new Set(["t"]));
    const failed = kept.batch();
    failed.saw("t", keyOf, [{ id: "a", n: 1 }]);
    expect(failed.get("t", "a")).toEqual({ id: "a", n: 1 });
    expect(kept.batch().get("t", "a")).toBeUndefined(); // not committed

    const batch = kept.batch();
    const row = { id: "a", n: 2 };
    batch.saw("t", keyOf, [row]);
    batch.commit();
    row.n = 99; // the projection's own copy
    const got = kept.batch().get<{ id: string; n: number }>("t", "a")!;
    expect(got).toEqual({ id: "a", n: 2 });
    got.n = 100;
    expect(kept.batch().get("t", "a")).toEqual({ id: "a", n: 2 });
  });

  it("keeps only the tables it was given, drops a table a batch wrote otherwise, and forgets all on clear", () => {
    const kept = new KeptRows(new Set(["t"]));
    const batch = kept.batch();
    batch.saw("other", keyOf, [{ id: "a" }]);
    batch.saw("t", keyOf, [{ id: "a" }]);
    batch.commit();
    expect(kept.batch().get("other", "a")).toBeUndefined();

    const dropping = kept.batch();
    dropping.drop("t");
    expect(dropping.keeps("t")).toBe(false);
    expect(dropping.get("t", "a")).toBeUndefined();
    expect(kept.batch().get("t", "a")).toEqual({ id: "a" }); // until it commits
    dropping.commit();
    expect(kept.batch().get("t", "a")).toBeUndefined();

    const again = kept.batch();
    again.saw("t", keyOf, [{ id: "b" }]);
    again.commit();
    kept.clear();
    expect(kept.batch().get("t", "b")).toBeUndefined();
  });

  it("holds at most its capacity of rows a table, the least recently used going first", () => {
    const kept = new KeptRows(new Set(["t"]), 2);
    const batch = kept.batch();
    batch.saw("t", keyOf, [{ id: "a" }, { id: "b" }, { id: "c" }]);
    batch.commit();
    const after = kept.batch();
    expect(["a", "b", "c"].map((id) => after.get("t", id) !== undefined)).toEqual([false, true, true]);
  });
});
