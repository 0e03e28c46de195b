/**
 * The PGlite databases of one test worker, reused between test files: opening one from the
 * migrated template takes 0.5 to 1 s (untarring 29 MB into PGlite's memory, starting the
 * backend), about as long as many a test file's tests. A database given back is emptied to
 * the template's state (every table truncated, the template's own rows put back, every
 * sequence where the template had it, the session discarded), and lent again only when its
 * schema is the template's: a file that changed the schema (an old database's migrations, a
 * table or function of its own) or left the database unusable has it closed instead.
 */
import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { inject } from "vitest";
import type { BorrowedPGlite } from "../../src/core/database/database.js";

/**
 * What a schema is made of, as one text: relations with their columns, constraints,
 * functions, triggers, schemas, extensions, roles and stored settings. Equal texts, equal schemas.
 */
const SCHEMA = `
  SELECT md5(string_agg(part, E'\\n' ORDER BY part)) AS schema FROM (
    SELECT format('%s %s.%s %s %s', c.relkind, n.nspname, c.relname, c.reloptions,
             (SELECT string_agg(format('%s %s %s %s %s', a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                                       a.attgenerated, pg_get_expr(d.adbin, d.adrelid)), ', ' ORDER BY a.attnum)
              FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
              WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)) AS part
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg\\_%temp\\_%'
    UNION ALL SELECT format('constraint %s %s', conname, pg_get_constraintdef(oid)) FROM pg_constraint
    UNION ALL SELECT format('index %s', pg_get_indexdef(indexrelid)) FROM pg_index
    UNION ALL SELECT format('function %s %s', p.oid::regprocedure, md5(p.prosrc))
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
    UNION ALL SELECT format('trigger %s %s', tgname, tgenabled) FROM pg_trigger WHERE NOT tgisinternal
    -- Not the temporary schemas: a session's first temporary table makes them, for good.
    UNION ALL SELECT format('schema %s', nspname) FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%temp\\_%'
    UNION ALL SELECT format('extension %s %s', extname, extversion) FROM pg_extension
    UNION ALL SELECT format('role %s', rolname) FROM pg_roles
    UNION ALL SELECT format('setting %s', setconfig) FROM pg_db_role_setting
  ) parts`;

/** The template's state, read from the first database this worker opens. */
interface Template {
  schema: string;
  tables: string[];
  /** Rows the template holds (the migrations' records), by table: restored after the truncate. */
  rows: { table: string; columns: string[]; json: string }[];
  sequences: { name: string; value: string; called: boolean }[];
  /** The settings of the session as PGlite starts it. */
  settings: { name: string; setting: string }[];
}

/** PGlite databases from one dump, lent and given back (see the top of this file). */
export class PGlitePool {
  private dump: Blob | undefined;
  private template: Promise<Template> | undefined;
  private readonly idle: PGlite[] = [];

  /** `dumpFile`: the migrated template's file, read at the first borrow. */
  constructor(private readonly dumpFile: () => string) {}

  /** How many databases wait to be lent again. */
  get size(): number {
    return this.idle.length;
  }

  /** Lends a database in the template's state: one given back by an earlier file, or a new one. */
  readonly borrow = async (): Promise<BorrowedPGlite> => {
    const pglite = this.idle.pop() ?? (await PGlite.create({ loadDataDir: (this.dump ??= new Blob([fs.readFileSync(this.dumpFile())])) }));
    this.template ??= readTemplate(pglite);
    await this.template;
    return { pglite, giveBack: () => this.giveBack(pglite) };
  };

  /** Closes the databases waiting to be lent. */
  async close(): Promise<void> {
    await Promise.all(this.idle.splice(0).map((pglite) => pglite.close()));
  }

  private async giveBack(pglite: PGlite): Promise<void> {
    try {
      const expected = await this.template!;
      // A transaction left open; then prepared statements, settings, temporary tables, locks.
      await pglite.exec("ROLLBACK");
      await pglite.exec("DISCARD ALL");
      // What PGlite itself sets for the session as it starts (search_path), which DISCARD ALL reset.
      for (const { name, setting } of expected.settings) await pglite.query("SELECT set_config($1, $2, false)", [name, setting]);
      const [{ schema }] = (await pglite.query<{ schema: string }>(SCHEMA)).rows as [{ schema: string }];
      if (schema !== expected.schema) throw new Error("the schema is not the template's");
      await pglite.transaction(async (tx) => {
        await tx.exec(`TRUNCATE ${expected.tables.map((table) => `"${table}"`).join(", ")} RESTART IDENTITY CASCADE`);
        for (const { table, columns, json } of expected.rows) {
          const list = columns.map((column) => `"${column}"`).join(", ");
          await tx.query(`INSERT INTO "${table}" (${list}) SELECT ${list} FROM json_populate_recordset(null::"${table}", $1)`, [json]);
        }
        for (const { name, value, called } of expected.sequences)
          await tx.query("SELECT setval($1::regclass, $2, $3)", [name, value, called]);
      });
      this.idle.push(pglite);
    } catch {
      await pglite.close().catch(() => {});
    }
  }
}

/** This worker's pool: the run's template (test/support/pglite-run.ts). */
export const pglitePool = new PGlitePool(() => inject("pgliteTemplate"));

async function readTemplate(pglite: PGlite): Promise<Template> {
  const [{ schema }] = (await pglite.query<{ schema: string }>(SCHEMA)).rows as [{ schema: string }];
  const tables = (
    await pglite.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
  ).rows.map((row) => row.name);
  const rows: Template["rows"] = [];
  for (const table of tables) {
    const [{ json }] = (await pglite.query<{ json: string | null }>(`SELECT json_agg(t)::text AS json FROM "${table}" t`)).rows as [
      { json: string | null },
    ];
    if (json === null) continue;
    const columns = (
      await pglite.query<{ name: string }>(
        `SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
         ORDER BY attnum`,
        [`"${table}"`],
      )
    ).rows.map((row) => row.name);
    rows.push({ table, columns, json });
  }
  const sequences = (
    await pglite.query<{ name: string; value: string; called: boolean }>(
      `SELECT format('%I.%I', schemaname, sequencename) AS name, coalesce(last_value, start_value)::text AS value, last_value IS NOT NULL AS called
       FROM pg_sequences`,
    )
  ).rows;
  const settings = (await pglite.query<{ name: string; setting: string }>("SELECT name, setting FROM pg_settings WHERE source = 'session'"))
    .rows;
  return { schema, tables, rows, sequences, settings };
}
