/**
 * Helpers for projection code: batches are folded in memory and written back with a few
 * set-based statements, so a batch of hundreds of events costs a handful of round trips.
 */
import type { QueryOptions, Sql } from "./database/database.js";
import type { LoggedEvent } from "./events.js";
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

/**
 * The streams a batch has events of but did not start (no `startType` event of theirs in it):
 * their rows come from earlier batches and need loading; the rows of the others, the batch
 * creates.
 */
export function continuedStreams(events: readonly LoggedEvent[], startType: string): string[] {
  const started = new Set<string>();
  const continued = new Set<string>();
  for (const event of events) {
    if (event.type === startType) started.add(event.streamId);
    else if (!started.has(event.streamId)) continued.add(event.streamId);
  }
  return [...continued];
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
  const { upsert } = statementsOf(spec);
  await tx.query(upsert, [jsonRecords(spec, rows)], PREPARED);
}

/** Up to this many new rows go in one INSERT statement; more, by COPY (its extra round trip pays off). */
export const COPY_MIN_ROWS = 32;

/**
 * Inserts rows that do not exist yet: a few in one INSERT (as upsertRows, without its ON
 * CONFLICT), many with COPY, which spares PostgreSQL the statement's JSON decoding and the
 * speculative insertion of ON CONFLICT: half the cost per row of a rebuild's bulk of new
 * rows. A row whose key exists fails the transaction with unique_violation (23505), as it
 * should: either the projection's idea of its table is wrong, or another runner is writing
 * it (see ProjectionRunner.step).
 */
export async function insertRows<Row extends object>(tx: ProjectionTx, spec: TableSpec<Row>, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const statements = statementsOf(spec);
  if (rows.length < COPY_MIN_ROWS) await tx.query(statements.insert, [jsonRecords(spec, rows)], PREPARED);
  else await tx.copyFrom(spec.table, statements.columns, copyText(spec, rows));
}

/** Rows as the JSON array of the statements' jsonb_to_recordset: keys c0, c1, … in column order. */
function jsonRecords<Row extends object>(spec: TableSpec<Row>, rows: readonly Row[]): string {
  const { fields, keys, kinds } = statementsOf(spec);
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
  return JSON.stringify(records);
}

/**
 * Rows in COPY's text format: a line per row, tab-separated fields in column order, \N for
 * NULL, backslash, tab and newlines escaped; jsonb as JSON, arrays as array literals,
 * timestamps as ISO strings, DATE columns as YYYY-MM-DD.
 */
export function copyText<Row extends object>(spec: TableSpec<Row>, rows: readonly Row[]): string {
  const { fields, encoders } = statementsOf(spec);
  const lines = new Array<string>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Record<string, unknown>;
    let line = "";
    for (let f = 0; f < fields.length; f++) {
      const value = row[fields[f]!];
      const field = value === null || value === undefined ? "\\N" : encoders[f]!(value);
      line = f === 0 ? field : line + "\t" + field;
    }
    lines[r] = line;
  }
  return lines.join("\n") + "\n";
}

/** Writes one non-null value of a column in COPY's text format. */
type Encoder = (value: unknown) => string;

/** The encoder for a column of this SQL type. */
function encoderOf(type: string): Encoder {
  if (type === "jsonb" || type === "json") return (value) => copyEscape(JSON.stringify(value));
  if (type.endsWith("[]")) return (value) => copyEscape(arrayLiteral(value as readonly unknown[]));
  if (type === "timestamptz") return (value) => (value instanceof Date ? isoTimestamp(value) : copyEscape(String(value)));
  if (type === "date") return (value) => (value instanceof Date ? dayKey(value) : copyEscape(String(value)));
  if (type === "integer" || type === "bigint") return (value) => String(value);
  if (type === "boolean") return (value) => (value ? "t" : "f");
  return (value) => copyEscape(typeof value === "string" ? value : String(value));
}

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIALS = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const copyEscape = (text: string): string => (COPY_SPECIAL.test(text) ? text.replace(COPY_SPECIALS, (c) => COPY_ESCAPES[c]!) : text);

/** A PostgreSQL array literal: every element quoted (NULL for null), quotes and backslashes escaped. */
function arrayLiteral(values: readonly unknown[]): string {
  let literal = "{";
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) literal += ",";
    literal += value === null || value === undefined ? "NULL" : `"${String(value).replace(/[\\"]/g, "\\$&")}"`;
  }
  return literal + "}";
}

const MINUTE_MS = 60_000;
/** "YYYY-MM-DDTHH:MM:" of recent minutes by minute number (a batch's timestamps share a few). */
const minutePrefixes = new Map<number, string>();

/** date.toISOString() (YYYY-MM-DDTHH:MM:SS.mmmZ), without its cost for every timestamp of a bulk load. */
export function isoTimestamp(date: Date): string {
  const ms = date.getTime();
  const minute = Math.floor(ms / MINUTE_MS);
  let prefix = minutePrefixes.get(minute);
  if (prefix === undefined) {
    if (Number.isNaN(minute)) return date.toISOString(); // throws RangeError, as toISOString does
    prefix = new Date(minute * MINUTE_MS).toISOString().slice(0, 17);
    if (minutePrefixes.size >= 4096) minutePrefixes.clear();
    minutePrefixes.set(minute, prefix);
  }
  const rest = ms - minute * MINUTE_MS; // 0 … 59,999
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  return `${prefix}${seconds < 10 ? "0" : ""}${seconds}.${millis < 10 ? "00" : millis < 100 ? "0" : ""}${millis}Z`;
}

interface Statements {
  upsert: string;
  insert: string;
  /** Column names, in the order of fields. */
  columns: string[];
  fields: string[];
  /** The JSON keys of the fields: c0, c1, … */
  keys: string[];
  kinds: number[];
  /** COPY text encoders of the fields. */
  encoders: Encoder[];
}

const DATE = 1;
const statements = new WeakMap<object, Statements>();

/** The write statements of a table spec, built once. */
function statementsOf<Row extends object>(spec: TableSpec<Row>): Statements {
  let built = statements.get(spec);
  if (built) return built;
  const fields = Object.keys(spec.columns) as (keyof Row & string)[];
  const column = (field: keyof Row & string) => `"${spec.columns[field][0]}"`;
  const keys = new Set<string>(spec.key);
  const updates = fields.filter((field) => !keys.has(field)).map((field) => `${column(field)} = EXCLUDED.${column(field)}`);
  const insert =
    `INSERT INTO "${spec.table}" (${fields.map(column).join(", ")}) ` +
    `SELECT ${fields.map((_, f) => `c${f}`).join(", ")} FROM jsonb_to_recordset($1::jsonb) AS x(${fields
      .map((field, f) => `c${f} ${spec.columns[field][1]}`)
      .join(", ")})`;
  const upsert =
    `${insert} ON CONFLICT (${spec.key.map(column).join(", ")}) ` + (updates.length > 0 ? `DO UPDATE SET ${updates.join(", ")}` : "DO NOTHING");
  built = {
    upsert,
    insert,
    columns: fields.map((field) => spec.columns[field][0]),
    fields,
    keys: fields.map((_, f) => `c${f}`),
    kinds: fields.map((field) => (spec.columns[field][1] === "date" ? DATE : 0)),
    encoders: fields.map((field) => encoderOf(spec.columns[field][1])),
  };
  statements.set(spec, built);
  return built;
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
  // Not `= ANY($1)`: once the statement's plan is generic, PostgreSQL tests such a filter
  // element by element against every row a scan of a small table reads; a semi-join
  // hashes the keys (or probes the index for each).
  const { text, fix } = select(spec, `"${column}" IN (SELECT unnest($1::${type}[]))`);
  return fix(await tx.query<Record<string, unknown>>(text, [keys ?? []], PREPARED));
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

/**
 * The rows of one table that a batch reads and writes: loaded once, changed in memory, and
 * written back together by `flush`. Rows known not to exist in the table (created by the
 * batch, or asked for by `preload` and not found) are inserted; the others, upserted.
 */
export class BatchRows<Row> {
  private readonly rows = new Map<string, Row>();
  private readonly dirty = new Set<string>();
  /** Keys with no row in the table (yet). */
  private readonly absent = new Set<string>();

  constructor(
    private readonly load: (keys: string[]) => Promise<Row[]>,
    private readonly keyOf: (row: Row) => string,
    private readonly save: (rows: Row[]) => Promise<void>,
    /** Writes rows that are not in the table; `save` does when not given. */
    private readonly insert: (rows: Row[]) => Promise<void> = save,
  ) {}

  /** Loads the rows of these keys that are not in memory yet. */
  async preload(keys: Iterable<string>): Promise<void> {
    const missing = [...new Set(keys)].filter((key) => !this.rows.has(key) && !this.absent.has(key));
    if (missing.length === 0) return;
    for (const row of await this.load(missing)) this.rows.set(this.keyOf(row), row);
    for (const key of missing) if (!this.rows.has(key)) this.absent.add(key);
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

  /**
   * A row that cannot be in the table yet (its stream's first event made it), without a
   * preload to ask: it is inserted, and one that exists after all fails the batch.
   */
  create(row: Row): void {
    this.absent.add(this.keyOf(row));
    this.set(row);
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
    const fresh: Row[] = [];
    const changed: Row[] = [];
    for (const key of this.dirty) {
      const row = this.rows.get(key)!;
      if (this.absent.delete(key)) fresh.push(row);
      else changed.push(row);
    }
    this.dirty.clear();
    if (fresh.length > 0) await this.insert(fresh);
    if (changed.length > 0) await this.save(changed);
  }
}

/**
 * BatchRows over a table of `spec`, loaded by `field` and keyed by it (or by `keyOf`, for a
 * key that is not the field's string form).
 */
export function tableRows<Row extends object>(
  tx: ProjectionTx,
  spec: TableSpec<Row>,
  field: keyof Row & string,
  keyOf: (row: Row) => string = (row) => String(row[field]),
): BatchRows<Row> {
  return new BatchRows<Row>(
    (keys) => selectIn(tx, spec, field, keys),
    keyOf,
    (rows) => upsertRows(tx, spec, rows),
    (rows) => insertRows(tx, spec, rows),
  );
}
