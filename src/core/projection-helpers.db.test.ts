/**
 * The write paths of projection rows on the real database: what goes in by COPY (many new
 * rows), by INSERT (a few) and by upsert comes back the same, whatever the values hold.
 */
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../../test/support/database.js";
import { selectIn } from "./projection-helpers/table-reads.js";
import { COPY_MIN_ROWS, insertRows, upsertRows } from "./projection-helpers/table-writes.js";
import type { TableSpec } from "./projection-helpers/table-spec.js";

interface Row {
  id: string;
  label: string | null;
  doc: unknown;
  tags: (string | null)[] | null;
  at: Date | null;
  day: Date | null;
  count: number;
  total: bigint;
  flag: boolean | null;
}

const SPEC: TableSpec<Row> = {
  table: "helpers_rows",
  key: ["id"],
  columns: {
    id: ["id", "text"],
    label: ["label", "text"],
    doc: ["doc", "jsonb"],
    tags: ["tags", "text[]"],
    at: ["at", "timestamptz"],
    day: ["day", "date"],
    count: ["count", "integer"],
    total: ["total", "bigint"],
    flag: ["flag", "boolean"],
  },
};

/** Text that COPY, array literals and JSON each treat specially. */
const AWKWARD = [
  "",
  "tab\there",
  "new\nline",
  "carriage\rreturn",
  "back\\slash",
  "\\N",
  "\\.",
  'quote"s',
  "comma,{brace}",
  "NULL",
  "Zoë 🍵 ✓",
  "  spaced  ",
];

function rows(prefix: string, count: number): Row[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${i}`,
    label: i % 5 === 4 ? null : AWKWARD[i % AWKWARD.length]!,
    doc: i % 7 === 6 ? null : { text: AWKWARD[(i + 3) % AWKWARD.length], n: i / 4, list: [i, null, "x\\y"], nested: { ok: i % 2 === 0 } },
    tags: i % 6 === 5 ? null : [AWKWARD[i % AWKWARD.length]!, null, AWKWARD[(i + 1) % AWKWARD.length]!],
    at: i % 4 === 3 ? null : new Date(Date.UTC(2026, 10, 26, 12, 0, 0) + i * 61_001 - 5_000_000_000),
    day: i % 3 === 2 ? null : new Date(Date.UTC(2026, 0, 1 + i)),
    count: i - 20,
    total: 2n ** 62n - BigInt(i),
    flag: i % 3 === 0 ? null : i % 3 === 1,
  }));
}

const byId = (a: Row, b: Row) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe("projection rows written by COPY, INSERT and upsert", () => {
  const ctx = useTestDatabase();

  async function table(): Promise<void> {
    await ctx.db.sql.query(
      `CREATE TABLE IF NOT EXISTS helpers_rows (id text PRIMARY KEY, label text, doc jsonb, tags text[], at timestamptz, day date, count integer NOT NULL, total bigint NOT NULL, flag boolean)`,
    );
  }

  it("reads back every value as written, through COPY (many rows) and INSERT (a few)", async () => {
    await table();
    const many = rows("copy", COPY_MIN_ROWS * 3);
    const few = rows("insert", COPY_MIN_ROWS - 1);
    await ctx.db.sql.transaction(async (tx) => {
      await insertRows(tx, SPEC, many);
      await insertRows(tx, SPEC, few);
    });
    const read = await ctx.db.sql.transaction((tx) =>
      selectIn(
        tx,
        SPEC,
        "id",
        [...many, ...few].map((row) => row.id),
      ),
    );
    expect(read.sort(byId)).toEqual([...many, ...few].sort(byId));
  });

  it("upserts over rows that COPY wrote", async () => {
    await table();
    const written = rows("upsert", COPY_MIN_ROWS);
    await ctx.db.sql.transaction((tx) => insertRows(tx, SPEC, written));
    const changed = written.map((row, i) => ({ ...row, label: `changed ${i}\t`, count: row.count + 1 }));
    await ctx.db.sql.transaction((tx) => upsertRows(tx, SPEC, changed));
    const read = await ctx.db.sql.transaction((tx) =>
      selectIn(
        tx,
        SPEC,
        "id",
        written.map((row) => row.id),
      ),
    );
    expect(read.sort(byId)).toEqual(changed.sort(byId));
  });

  it("refuses a row whose key exists (unique_violation), by COPY and by INSERT, and keeps nothing of the batch", async () => {
    await table();
    const existing = rows("taken", 1);
    await ctx.db.sql.transaction((tx) => insertRows(tx, SPEC, existing));
    for (const size of [COPY_MIN_ROWS + 5, 3]) {
      const batch = [...rows(`batch${size}`, size - 1), existing[0]!];
      const failure = await ctx.db.sql.transaction((tx) => insertRows(tx, SPEC, batch)).catch((error: unknown) => error);
      expect((failure as { code?: string }).code).toBe("23505");
      const kept = await ctx.db.sql.query<{ count: number }>("SELECT count(*)::int AS count FROM helpers_rows WHERE id LIKE $1", [
        `batch${size}-%`,
      ]);
      expect(kept).toEqual([{ count: 0 }]);
    }
  });
});
