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
             (SELECT string_agg(format('%s %s %s %s %s %s %s', a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                                       a.attgenerated, a.attidentity, a.attcollation::regcollation, pg_get_expr(d.adbin, d.adrelid)),
                                ', ' ORDER BY a.attnum)
              FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
              WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)) AS part
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg\\_%temp\\_%'
    UNION ALL SELECT format('constraint %s %s', conname, pg_get_constraintdef(oid)) FROM pg_constraint
    UNION ALL SELECT format('index %s', pg_get_indexdef(indexrelid)) FROM pg_index
    UNION ALL SELECT format('rule %s %s', ev_class::regclass, md5(pg_get_ruledef(oid))) FROM pg_rewrite
    UNION ALL SELECT format('function %s', md5(pg_get_functiondef(p.oid)))
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND p.prokind <> 'a'
    UNION ALL SELECT format('trigger %s %s %s', tgrelid::regclass, tgenabled, md5(pg_get_triggerdef(oid))) FROM pg_trigger
    UNION ALL SELECT format('sequence %s %s %s %s %s %s', seqrelid::regclass, seqstart, seqincrement, seqmin, seqmax, seqcycle) FROM pg_sequence
    UNION ALL SELECT format('type %s %s', t.oid::regtype, t.typtype)
      FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
    UNION ALL SELECT format('enum %s %s', enumtypid::regtype, enumlabel) FROM pg_enum
    -- Not the temporary schemas: a session's first temporary table makes them, for good.
    UNION ALL SELECT format('schema %s', nspname) FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%temp\\_%'
    UNION ALL SELECT format('extension %s %s', extname, extversion) FROM pg_extension
    UNION ALL SELECT format('role %s', rolname) FROM pg_roles
    UNION ALL SELECT format('setting %s', setconfig) FROM pg_db_role_setting
    UNION ALL SELECT format('large objects %s', count(*)) FROM pg_largeobject_metadata
    UNION ALL SELECT format('text search %s', cfgname) FROM pg_ts_config
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
  private opened = 0;
  /** Why a database given back could not be emptied (told once: a pool that never reuses one is slow, not wrong). */
  private told = false;

  /** `dumpFile`: the migrated template's file, read at the first borrow. */
  constructor(private readonly dumpFile: () => string) {}

  /** How many databases wait to be lent again. */
  get size(): number {
    return this.idle.length;
  }

  /** How many databases the pool has opened from the dump. */
  get created(): number {
    return this.opened;
  }

  /**
   * Lends a database in the template's state: one given back by an earlier file, or a new
   * one. What it lends is a loan of the database (see loanOf): once given back, whatever
   * still holds it (a projector a failed test left running) fails instead of reaching the
   * next file's data.
   */
  readonly borrow = async (): Promise<BorrowedPGlite> => {
    let pglite = this.idle.pop();
    if (!pglite) {
      pglite = await PGlite.create({ loadDataDir: (this.dump ??= new Blob([fs.readFileSync(this.dumpFile())])) });
      this.opened++;
      try {
        await (this.template ??= readTemplate(pglite));
      } catch (error) {
        this.template = undefined;
        await pglite.close();
        throw error;
      }
    }
    const loan = loanOf(pglite);
    let given = false;
    return {
      pglite: loan.pglite,
      giveBack: async () => {
        if (given) return;
        given = true;
        loan.end();
        await this.giveBack(pglite);
      },
    };
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
      if ((await schemaOf(pglite)) !== expected.schema) {
        await pglite.close();
        return;
      }
      await pglite.transaction(async (tx) => {
        await tx.exec(`TRUNCATE ${expected.tables.map((table) => `"${table}"`).join(", ")} RESTART IDENTITY CASCADE`);
        for (const { table, columns, json } of expected.rows) {
          const list = columns.map((column) => `"${column}"`).join(", ");
          await tx.query(`INSERT INTO "${table}" (${list}) SELECT ${list} FROM json_populate_recordset(null::"${table}", $1)`, [json]);
        }
        for (const { name, value, called } of expected.sequences)
          await tx.query("SELECT setval($1::regclass, $2, $3)", [name, value, called]);
        // Planner statistics and activity counters (last_analyze) as a new database has them: none.
        await tx.exec("DELETE FROM pg_statistic WHERE starelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'public'::regnamespace)");
      });
      await pglite.query("SELECT pg_stat_reset()");
      this.idle.push(pglite);
    } catch (error) {
      if (!this.told) {
        this.told = true;
        console.warn(`PGlite pool: a database given back could not be emptied, so it was closed: ${String(error)}`);
      }
      await pglite.close().catch(() => {});
    }
  }
}

/**
 * A loan of `pglite`: the methods a Database calls (PGlite's own, and those the Prisma
 * adapter calls), working until `end()`, failing after it. Not a Proxy: PGlite keeps its
 * state in private fields, which a Proxy's methods cannot reach.
 */
function loanOf(pglite: PGlite): { pglite: PGlite; end(): void } {
  let open = true;
  const lent = <T>(call: () => Promise<T>): Promise<T> =>
    open ? call() : Promise.reject(new Error("this PGlite database was given back to the test pool: a test left something running"));
  const loan: Pick<PGlite, "query" | "exec" | "transaction"> = {
    query: (...args) => lent(() => pglite.query(...args)),
    exec: (...args) => lent(() => pglite.exec(...args)),
    transaction: (...args) => lent(() => pglite.transaction(...args)),
  };
  return {
    // What openPGlite, the migrations and the Prisma adapter call of a PGlite.
    pglite: loan as PGlite,
    end: () => {
      open = false;
    },
  };
}

/** This worker's pool: the run's template (test/support/pglite-run.ts). */
export const pglitePool = new PGlitePool(() => inject("pgliteTemplate"));

/** The schema's fingerprint (SCHEMA). */
async function schemaOf(pglite: PGlite): Promise<string> {
  const [{ schema }] = (await pglite.query<{ schema: string }>(SCHEMA)).rows as [{ schema: string }];
  return schema;
}

async function readTemplate(pglite: PGlite): Promise<Template> {
  const schema = await schemaOf(pglite);
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
