/**
 * Helpers for projection code: batches are folded in memory and written back with a few
 * set-based statements, so a batch of hundreds of events costs a handful of round trips.
 */
import type { QueryOptions, Sql } from "./database/database.js";
import type { ChangedRow, ProjectionTx } from "./projection.js";

/**
 * The statements built here come from table specs and run with every batch and every read
 * of a view: prepared once per connection.
 */
const PREPARED: QueryOptions = { prepare: true };

/** The UTC calendar day of a moment, as a Date at 00:00 UTC (for DATE columns). */
export function utcDay(moment: Date | string): Date {
  const date = new Date(moment);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** A day as YYYY-MM-DD (the form DATE columns and the GraphQL Date scalar take). */
export function dayKey(day: Date): string {
  return day.toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;
/** YYYY-MM-DD of recent days by day number (projections ask for the same few days again and again). */
const dayKeys = new Map<number, string>();

/** The UTC calendar day of a moment as YYYY-MM-DD: dayKey(utcDay(moment)), without the Dates. */
export function utcDayKey(moment: Date | string): string {
  const day = Math.floor((typeof moment === "string" ? Date.parse(moment) : moment.getTime()) / DAY_MS);
  let key = dayKeys.get(day);
  if (key === undefined) {
    if (Number.isNaN(day)) return dayKey(new Date(moment)); // throws RangeError, as dayKey(utcDay(…)) does
    key = dayKey(new Date(day * DAY_MS));
    if (dayKeys.size >= 4096) dayKeys.clear();
    dayKeys.set(day, key);
  }
  return key;
}

/** Collects the rows a batch changed; a row changed twice is reported once, as it ended. */
export class ChangeLog {
  private readonly rows = new Map<string, ChangedRow>();

  add(id: string, version: number, position: bigint): void {
    this.rows.set(id, { id, version, position });
  }

  get changes(): ChangedRow[] {
    return [...this.rows.values()];
  }
}

/** How a row's fields map to a table's columns: field → [column, SQL type]. */
export type TableSpec<Row> = {
  table: string;
  /** Fields of the primary key (or of a unique constraint to upsert on). */
  key: readonly (keyof Row & string)[];
  columns: { readonly [F in keyof Row & string]: readonly [column: string, type: string] };
};

/**
 * Inserts or updates many rows in one statement (INSERT … SELECT FROM jsonb_to_recordset …
 * ON CONFLICT DO UPDATE). Rows travel as one JSON array of objects with short keys (c0, c1,
 * …: at hundreds of rows a batch, column names would be a third of the bytes PostgreSQL
 * parses). Timestamps go as ISO strings, DATE columns as YYYY-MM-DD, bigints as decimal
 * strings.
 */
export async function upsertRows<Row extends object>(tx: ProjectionTx, spec: TableSpec<Row>, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const { sql, fields, keys, kinds } = upsertStatement(spec);
  const records = new Array<Record<string, unknown>>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Record<string, unknown>;
    const record: Record<string, unknown> = {};
    for (let f = 0; f < fields.length; f++) {
      const value = row[fields[f]!];
      record[keys[f]!] =
        value === undefined ? null : typeof value === "bigint" ? value.toString() : kinds[f] === DATE && value instanceof Date ? dayKey(value) : value;
    }
    records[r] = record;
  }
  await tx.query(sql, [JSON.stringify(records)], PREPARED);
}

const DATE = 1;
const statements = new WeakMap<object, { sql: string; fields: string[]; keys: string[]; kinds: number[] }>();

/** The upsert statement of a table spec, built once. */
function upsertStatement<Row extends object>(spec: TableSpec<Row>) {
  let statement = statements.get(spec);
  if (statement) return statement;
  const fields = Object.keys(spec.columns) as (keyof Row & string)[];
  const column = (field: keyof Row & string) => `"${spec.columns[field][0]}"`;
  const keys = new Set<string>(spec.key);
  const updates = fields.filter((field) => !keys.has(field)).map((field) => `${column(field)} = EXCLUDED.${column(field)}`);
  const sql =
    `INSERT INTO "${spec.table}" (${fields.map(column).join(", ")}) ` +
    `SELECT ${fields.map((_, f) => `c${f}`).join(", ")} FROM jsonb_to_recordset($1::jsonb) AS x(${fields
      .map((field, f) => `c${f} ${spec.columns[field][1]}`)
      .join(", ")}) ` +
    `ON CONFLICT (${spec.key.map(column).join(", ")}) ` +
    (updates.length > 0 ? `DO UPDATE SET ${updates.join(", ")}` : "DO NOTHING");
  statement = { sql, fields, keys: fields.map((_, f) => `c${f}`), kinds: fields.map((field) => (spec.columns[field][1] === "date" ? DATE : 0)) };
  statements.set(spec, statement);
  return statement;
}

/**
 * Reads rows of a table by its spec, straight from the driver: the read path of the API,
 * where Prisma's per-call cost would dominate. int8 columns come back as bigint. (Not for
 * DATE columns: drivers parse those in local time.) The statement is prepared: `where` is
 * a fixed text, values go in `params`.
 */
export async function selectRows<Row extends object>(sql: Pick<Sql, "query">, spec: TableSpec<Row>, where: string, params: readonly unknown[]): Promise<Row[]> {
  const { text, fix } = select(spec, where);
  return fix(await sql.query<Record<string, unknown>>(text, params, PREPARED));
}

/** The rows of `spec` whose `field` is one of `keys` (all rows without keys), in a transaction. */
export async function selectIn<Row extends object>(tx: ProjectionTx, spec: TableSpec<Row>, field?: keyof Row & string, keys?: readonly string[]): Promise<Row[]> {
  if (field === undefined) {
    const { text, fix } = select(spec, "true");
    return fix(await tx.query<Record<string, unknown>>(text, [], PREPARED));
  }
  const [column, type] = spec.columns[field];
  const { text, fix } = select(spec, `"${column}" = ANY($1::${type}[])`);
  return fix(await tx.query<Record<string, unknown>>(text, [keys ?? []], PREPARED));
}

/** SELECT of every column as its field; int8 → bigint, DATE → Date at 00:00 UTC. */
function select<Row extends object>(spec: TableSpec<Row>, where: string) {
  const fields = Object.keys(spec.columns) as (keyof Row & string)[];
  const columns = fields
    .map((field) => {
      const [column, type] = spec.columns[field];
      // Drivers parse DATE in local time: read it as text instead.
      return type === "date" ? `to_char("${column}", 'YYYY-MM-DD') AS "${field}"` : `"${column}" AS "${field}"`;
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

/** Deletes every row of the tables (a projection's reset). */
export async function deleteAll(tx: ProjectionTx, ...tables: readonly string[]): Promise<void> {
  await tx.query(`TRUNCATE ${tables.map((table) => `"${table}"`).join(", ")}`);
}

/**
 * The rows of one table that a batch reads and writes: loaded once, changed in memory, and
 * written back together by `flush`.
 */
export class BatchRows<Row> {
  private readonly rows = new Map<string, Row>();
  private readonly dirty = new Set<string>();

  constructor(
    private readonly load: (keys: string[]) => Promise<Row[]>,
    private readonly keyOf: (row: Row) => string,
    private readonly save: (rows: Row[]) => Promise<void>,
  ) {}

  /** Loads the rows of these keys that are not in memory yet. */
  async preload(keys: Iterable<string>): Promise<void> {
    const missing = [...new Set(keys)].filter((key) => !this.rows.has(key));
    if (missing.length === 0) return;
    for (const row of await this.load(missing)) this.rows.set(this.keyOf(row), row);
  }

  get(key: string): Row | undefined {
    return this.rows.get(key);
  }

  /** A row the projection cannot do without; a missing one means the log and the view disagree. */
  require(key: string, what: string): Row {
    const row = this.rows.get(key);
    if (!row) throw new Error(`${what}: no row ${key}`);
    return row;
  }

  set(row: Row): void {
    const key = this.keyOf(row);
    this.rows.set(key, row);
    this.dirty.add(key);
  }

  /** Rows in memory, for changes a bulk statement also made in the table. */
  values(): IterableIterator<Row> {
    return this.rows.values();
  }

  /** Replaces a row in memory only (the table already has the change). */
  replaceClean(row: Row): void {
    this.rows.set(this.keyOf(row), row);
  }

  async flush(): Promise<void> {
    if (this.dirty.size === 0) return;
    const rows = [...this.dirty].map((key) => this.rows.get(key)!);
    this.dirty.clear();
    await this.save(rows);
  }
}
