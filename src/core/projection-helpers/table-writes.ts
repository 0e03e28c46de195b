/**
 * Writes rows to a table by its spec: set-based INSERT and upsert statements (rows as one
 * JSON array), and COPY for bulks of new rows; the statements are built once per spec.
 */
import type { ProjectionTx } from "../projection.js";
import { encoderOf, type Encoder } from "./copy-encoding.js";
import { dayKey } from "./dates.js";
import { keepable, PREPARED, type TableSpec } from "./table-spec.js";

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
  await write(tx, spec.table, upsert, jsonRecords(spec, rows));
  keep(tx, spec, rows);
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
  // Rows the runner keeps go by INSERT: a COPY into their table drops them (see DeferredWrites).
  if (rows.length < COPY_MIN_ROWS || tx.kept?.keeps(spec as TableSpec<never>))
    await write(tx, spec.table, statements.insert, jsonRecords(spec, rows));
  else await tx.copyFrom(spec.table, statements.columns, copyText(spec, rows));
  keep(tx, spec, rows);
}

/** Rows written to a table the runner keeps rows of (see KeptRows): kept as written once the batch commits. */
function keep<Row extends object>(tx: ProjectionTx, spec: TableSpec<Row>, rows: readonly Row[]): void {
  if (!tx.kept?.keeps(spec as TableSpec<never>)) return;
  if (!keepable(spec)) return void tx.kept.drop(spec.table);
  const fields = Object.keys(spec.columns) as (keyof Row & string)[];
  // As the table would give them back: an absent field is NULL there.
  tx.kept.saw(
    spec,
    rows.map((row) => Object.fromEntries(fields.map((name) => [name, row[name] ?? null])) as Row),
  );
}

/** A statement of one JSON parameter: queued in a batch's transaction that defers its writes, else sent now. */
async function write(tx: ProjectionTx, table: string, text: string, json: string): Promise<void> {
  if (tx.defer) await tx.defer(table, text, json, true);
  else await tx.query(text, [json], PREPARED);
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
        value === undefined
          ? null
          : typeof value === "bigint"
            ? value.toString()
            : kinds[f] === DATE && value instanceof Date
              ? dayKey(value)
              : value;
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
    `${insert} ON CONFLICT (${spec.key.map(column).join(", ")}) ` +
    (updates.length > 0 ? `DO UPDATE SET ${updates.join(", ")}` : "DO NOTHING");
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
