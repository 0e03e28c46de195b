import { describe, expect, it } from "vitest";
import { KeptRows } from "./kept-rows.js";
import type { TableSpec } from "./projection-helpers/table-spec.js";

interface Row {
  id: string;
  n: number;
  at: Date;
  position: bigint;
}

const SPEC: TableSpec<Row> = {
  table: "t",
  key: ["id"],
  columns: { id: ["id", "text"], n: ["n", "integer"], at: ["at", "timestamptz"], position: ["position", "bigint"] },
};
const OTHER: TableSpec<Row> = { ...SPEC, table: "other" };
const row = (id: string, n = 1): Row => ({ id, n, at: new Date(0), position: 1n });

describe("KeptRows", () => {
  it("keeps what a batch saw only once it commits, as copies", () => {
    const kept = new KeptRows(new Set(["t"]));
    const failed = kept.batch();
    failed.saw(SPEC, [row("a")]);
    expect(failed.get(SPEC, "a")).toEqual(row("a"));
    expect(kept.batch().get(SPEC, "a")).toBeUndefined(); // not committed

    const batch = kept.batch();
    const written = row("a", 2);
    batch.saw(SPEC, [written]);
    batch.commit();
    written.n = 99; // the projection's own copy
    const got = kept.batch().get(SPEC, "a")!;
    expect(got).toEqual(row("a", 2));
    got.n = 100;
    expect(kept.batch().get(SPEC, "a")).toEqual(row("a", 2));
  });

  it("keeps only the tables it was given, and drops a table, or all, when a batch says so", () => {
    const kept = new KeptRows(new Set(["t"]));
    const batch = kept.batch();
    batch.saw(OTHER, [row("a")]);
    batch.saw(SPEC, [row("a")]);
    batch.commit();
    expect(kept.batch().get(OTHER, "a")).toBeUndefined();

    const dropping = kept.batch();
    dropping.drop("t");
    expect(dropping.keeps(SPEC as TableSpec<never>)).toBe(false);
    expect(dropping.get(SPEC, "a")).toBeUndefined();
    expect(kept.batch().get(SPEC, "a")).toEqual(row("a")); // until it commits
    dropping.commit();
    expect(kept.batch().get(SPEC, "a")).toBeUndefined();

    const again = kept.batch();
    again.saw(SPEC, [row("b")]);
    again.commit();
    const anything = kept.batch();
    anything.dropAll();
    expect(anything.get(SPEC, "b")).toBeUndefined();
    anything.commit();
    expect(kept.batch().get(SPEC, "b")).toBeUndefined();

    const cleared = kept.batch();
    cleared.saw(SPEC, [row("c")]);
    cleared.commit();
    kept.clear();
    expect(kept.batch().get(SPEC, "c")).toBeUndefined();
  });

  it("drops a table read or written through another spec than the one it was kept through", () => {
    const kept = new KeptRows(new Set(["t"]));
    const batch = kept.batch();
    batch.saw(SPEC, [row("a")]);
    batch.commit();
    const narrow: TableSpec<Pick<Row, "id" | "n">> = { table: "t", key: ["id"], columns: { id: ["id", "text"], n: ["n", "integer"] } };
    expect(kept.batch().get(narrow, "a")).toBeUndefined();
    const mixed = kept.batch();
    mixed.saw(SPEC, [row("b")]);
    mixed.saw(narrow, [{ id: "b", n: 5 }]);
    expect(mixed.get(SPEC, "b")).toBeUndefined();
    mixed.commit();
    expect(kept.batch().get(SPEC, "a")).toBeUndefined();
  });

  it("drops a table when a row's values are not what its columns give back", () => {
    const kept = new KeptRows(new Set(["t"]));
    for (const odd of [
      { ...row("a"), position: 1 }, // a number in a bigint column
      { ...row("a"), at: "1970-01-01T00:00:00Z" }, // a string in a timestamptz column
      { ...row("a"), n: 1.5 }, // not an integer
    ]) {
      const batch = kept.batch();
      batch.saw(SPEC, [odd as unknown as Row]);
      expect(batch.keeps(SPEC as TableSpec<never>)).toBe(false);
      batch.commit();
      expect(kept.batch().get(SPEC, "a")).toBeUndefined();
    }
    const nulls = kept.batch();
    nulls.saw(SPEC, [{ ...row("a"), at: null } as unknown as Row]);
    nulls.commit();
    expect(kept.batch().get(SPEC, "a")).toEqual({ ...row("a"), at: null });
  });

  it("holds at most its capacity of rows a table, the least recently used going first", () => {
    const kept = new KeptRows(new Set(["t"]), 2);
    const batch = kept.batch();
    batch.saw(SPEC, [row("a"), row("b")]);
    batch.commit();
    expect(kept.batch().get(SPEC, "a")).toBeDefined(); // a is now the most recent
    const more = kept.batch();
    more.saw(SPEC, [row("c")]);
    more.commit();
    const after = kept.batch();
    expect(["a", "b", "c"].map((id) => after.get(SPEC, id) !== undefined)).toEqual([true, false, true]);
  });
});
