/**
 * Applies prisma/migrations in order, recording them in Prisma's own `_prisma_migrations`
 * table (same checksum), so `prisma migrate status` agrees with what the server did.
 * It runs in-process because PGlite can only be opened by one process, and because the
 * server must never start on a schema older than its code.
 *
 * On PostgreSQL, concurrent starters (several instances) serialize on the same advisory
 * lock Prisma Migrate uses; each migration runs in its own transaction.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface ScriptRunner {
  kind: "postgres" | "pglite";
  /** Runs a script of one or more statements (simple query protocol). */
  exec(sql: string): Promise<void>;
  /** Runs one statement without parameters and returns its rows. */
  rows(sql: string): Promise<Record<string, unknown>[]>;
}

/**
 * prisma/migrations of the project this module belongs to: the nearest above it (the
 * module runs from src/core/database, or compiled into one file under node_modules/.cache).
 */
export const MIGRATIONS_DIR = migrationsDir(path.dirname(fileURLToPath(import.meta.url)));

function migrationsDir(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "prisma", "migrations");
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`no prisma/migrations directory above ${from}`);
  }
}

/** Prisma Migrate's advisory lock id, so the CLI and the server never migrate at once. */
const MIGRATION_LOCK = 72707369;

export class MigrationError extends Error {
  override name = "MigrationError";
}

/** The migrations of a directory, in the order they apply, with Prisma's checksums. */
export function migrationsIn(dir: string): { name: string; sql: string; checksum: string }[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export async function migrate(db: ScriptRunner, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = migrationsIn(dir);

  if (db.kind === "postgres") await db.exec(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
  try {
    await db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const applied = await appliedMigrations(db);
    const done: string[] = [];
    for (const migration of migrations) {
      const record = applied.get(migration.name);
      if (record) {
        if (record.finished === false) {
          throw new MigrationError(`migration ${migration.name} failed earlier and was not rolled back; fix the database by hand`);
        }
        if (record.checksum !== migration.checksum) {
          throw new MigrationError(`migration ${migration.name} was changed after it was applied`);
        }
        continue;
      }
      const id = crypto.randomUUID();
      await db
        .exec(
          `BEGIN;\n${migration.sql}\n;` +
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) ` +
            `VALUES ('${id}', '${migration.checksum}', now(), '${migration.name.replaceAll("'", "''")}', 1);\nCOMMIT;`,
        )
        .catch(async (error: unknown) => {
          await db.exec("ROLLBACK").catch(() => {});
          throw new MigrationError(`migration ${migration.name} failed: ${(error as Error).message}`);
        });
      done.push(migration.name);
    }
    return done;
  } finally {
    if (db.kind === "postgres") await db.exec(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
  }
}

async function appliedMigrations(db: ScriptRunner): Promise<Map<string, { checksum: string; finished: boolean }>> {
  const rows = await db.rows(`SELECT migration_name, checksum, finished_at IS NOT NULL AS finished
    FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`);
  return new Map(rows.map((row) => [String(row.migration_name), { checksum: String(row.checksum), finished: Boolean(row.finished) }]));
}
