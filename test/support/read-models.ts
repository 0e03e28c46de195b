/** Every read-model table as sorted JSON rows: what "the same projection rows" means in tests. */
import type { App } from "../../src/app.js";
import type { Sql } from "../../src/core/database/database.js";
import { readModelsOf } from "../../src/graphql/module.js";
import { MODULES } from "../../src/modules/index.js";

/** Every read model's name, in the order they run. */
export const PROJECTION_NAMES: readonly string[] = readModelsOf(MODULES).map((readModel) => readModel.projection.name);

/** Every table of every read model, as the modules declare them. */
export const READ_MODEL_TABLES: readonly string[] = readModelsOf(MODULES).flatMap((readModel) => readModel.projection.tables);

export async function snapshotReadModels(app: App): Promise<Record<string, string[]>> {
  return snapshotTables((sql) => app.db.prisma.$queryRawUnsafe<{ row: string }[]>(sql));
}

/** The snapshot through any connection to the database (the fault tests' own client). */
export async function snapshotTables(query: (sql: string) => Promise<{ row: string }[]>): Promise<Record<string, string[]>> {
  const snapshot: Record<string, string[]> = {};
  for (const table of READ_MODEL_TABLES) {
    snapshot[table] = (await query(`SELECT row_to_json(t)::text AS row FROM ${table} t ORDER BY 1`)).map((row) => row.row);
  }
  return snapshot;
}

/** Resolves once every projection has applied every event committed so far. */
export async function settle(app: App): Promise<bigint> {
  // Not the log head's safe position: that may still lag behind transactions in flight.
  const last = await app.store.lastPosition();
  app.projector.watcher.poke();
  if (!(await app.consistency.caughtUp(app.projector.names, last, 30_000))) {
    throw new Error(
      `projections did not reach ${last}: ${JSON.stringify(app.projector.status(), (_, v) => (typeof v === "bigint" ? String(v) : v))}`,
    );
  }
  return last;
}

/** Rebuilds every projection and waits until they are all back at the head. */
export async function rebuildAll(app: App): Promise<void> {
  await Promise.all(app.projector.runners.map((runner) => runner.rebuild()));
  await settle(app);
  const states = app.projector.status().map((status) => `${status.name}:${status.state}`);
  if (states.some((state) => !state.endsWith(":RUNNING"))) throw new Error(`after rebuild: ${states.join(", ")}`);
}

/**
 * Every row of every table of the database (the log, the write side, the read models, the
 * keys), as text: what a dump of it would hold. For "no copy of this string is left".
 */
export async function dumpDatabase(sql: Pick<Sql, "query">): Promise<string> {
  const tables = await sql.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
  const parts: string[] = [];
  for (const { name } of tables) {
    const rows = await sql.query<{ row: string }>(`SELECT t::text AS row FROM "${name}" t`);
    parts.push(`-- ${name}`, ...rows.map((row) => row.row));
  }
  return parts.join("\n");
}
