/** Reads rows of a table by its spec, straight from the driver, as the fields of the spec's rows. */
import type { Sql } from "../database/database.js";
import type { ProjectionTx } from "../projection.js";
import { keepable, PREPARED, PREPARED_READ, type TableSpec } from "./table-spec.js";

/**
 * Reads rows of a table by its spec, straight from the driver: the read path of the API,
 * where Prisma's per-call cost would dominate. int8 columns come back as bigint. (Not for
 * DATE columns: drivers parse those in local time.) The statement is prepared: `where` is
 * a fixed text, values go in `params`.
 */
export async function selectRows<Row extends object>(
  sql: Pick<Sql, "query">,
  spec: TableSpec<Row>,
  where: string,
  params: readonly unknown[],
): Promise<Row[]> {
  const { text, fix } = select(spec, where);
  return fix(await sql.query<Record<string, unknown>>(text, params, PREPARED));
}

/** The rows of `spec` whose `field` is one of `keys` (all rows without keys), in a transaction. */
export async function selectIn<Row extends object>(
  tx: ProjectionTx,
  spec: TableSpec<Row>,
  field?: keyof Row & string,
  keys?: readonly string[],
): Promise<Row[]> {
  if (field === undefined) {
    const { text, fix } = select(spec, "true");
    return fix(await tx.query<Record<string, unknown>>(text, [], PREPARED_READ));
  }
  const [column, type] = spec.columns[field];
  // Rows the runner kept from earlier batches are not read again (see KeptRows).
  const kept = tx.kept?.keeps(spec as TableSpec<never>) && keepable(spec) && spec.key[0] === field ? tx.kept : undefined;
  const found: Row[] = [];
  let missing: readonly string[] = keys ?? [];
  if (kept) {
    const unkept: string[] = [];
    for (const key of new Set(keys)) {
      const row = kept.get(spec, key);
      if (row) found.push(row);
      else unkept.push(key);
    }
    if (unkept.length === 0) return found;
    missing = unkept;
  }
  // Not `= ANY($1)`: once the statement's plan is generic, PostgreSQL tests such a filter
  // element by element against every row a scan of a small table reads; a semi-join
  // hashes the keys (or probes the index for each).
  const { text, fix } = select(spec, `"${column}" IN (SELECT unnest($1::${type}[]))`);
  const read = fix(await tx.query<Record<string, unknown>>(text, [missing], PREPARED_READ));
  if (!kept) return read;
  kept.saw(spec, read);
  return [...found, ...read];
}

/** SELECT of every column as its field; int8 → bigint, DATE → Date at 00:00 UTC. */
function select<Row extends object>(spec: TableSpec<Row>, where: string) {
  const fields = Object.keys(spec.columns) as (keyof Row & string)[];
  const columns = fields
    .map((field) => {
      const [column, type] = spec.columns[field];
      // Drivers parse DATE in local time: read it as text instead. Arrays come as JSON:
      // PGlite reads a NULL element of an array literal as the string "NULL".
      if (type === "date") return `to_char("${column}", 'YYYY-MM-DD') AS "${field}"`;
      if (type.endsWith("[]")) return `array_to_json("${column}") AS "${field}"`;
      return `"${column}" AS "${field}"`;
    })
    .join(", ");
  const bigints = fields.filter((field) => spec.columns[field][1] === "bigint");
  const dates = fields.filter((field) => spec.columns[field][1] === "date");
  return {
    text: `SELECT ${columns} FROM "${spec.table}" WHERE ${where}`,
    fix(rows: Record<string, unknown>[]): Row[] {
      for (const row of rows) {
        for (const field of bigints) if (row[field] != null) row[field] = BigInt(row[field] as string);
        for (const field of dates) if (row[field] != null) row[field] = new Date(`${row[field] as string}T00:00:00Z`);
      }
      return rows as Row[];
    },
  };
}
