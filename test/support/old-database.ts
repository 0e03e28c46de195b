/**
 * A database as an earlier version of Catchup left it: migrated only up to a given migration,
 * with rows written straight into it. Then `createApp` on the same database is "the new
 * version starting on it" (the remaining migrations, the modules' start hooks).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { inject } from "vitest";
import type { DatabaseOptions } from "../../src/core/database/database.js";
import { migrate, MIGRATIONS_DIR, type ScriptRunner } from "../../src/core/database/migrate.js";
import { createScratchDatabase } from "../../scripts/scratch-database.js";
import { backend } from "./database.js";

export interface OldDatabase {
  /** What createApp opens: the same database. */
  options: DatabaseOptions;
  /** Runs a statement on the old database (before the app opens it). */
  query(text: string, params?: readonly unknown[]): Promise<void>;
  /** Closes the old connection: call before createApp. */
  close(): Promise<void>;
  drop(): Promise<void>;
}

/** A fresh database migrated up to and including `lastMigration` (a folder name under prisma/migrations). */
export async function oldDatabase(lastMigration: string): Promise<OldDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "catchup-old-"));
  const migrations = path.join(dir, "migrations");
  for (const name of fs.readdirSync(MIGRATIONS_DIR).filter((name) => name <= lastMigration && !name.endsWith(".toml"))) {
    fs.cpSync(path.join(MIGRATIONS_DIR, name), path.join(migrations, name), { recursive: true });
  }
  const removeDir = async () => fs.rmSync(dir, { recursive: true, force: true });
  if (backend === "pglite") {
    const dataDir = path.join(dir, "data");
    fs.mkdirSync(dataDir, { recursive: true });
    const pglite = await PGlite.create(path.join(dataDir, "pgdata"));
    const runner: ScriptRunner = {
      kind: "pglite",
      exec: (sql) => pglite.exec(sql).then(() => {}),
      rows: (sql) => pglite.query<Record<string, unknown>>(sql).then((result) => result.rows),
    };
    await migrate(runner, migrations);
    return {
      options: { kind: "pglite", dataDir },
      query: (text, params = []) => pglite.query(text, params as unknown[]).then(() => {}),
      close: () => pglite.close(),
      drop: removeDir,
    };
  }
  const scratch = await createScratchDatabase(process.env.TEST_POSTGRES_URL!, inject("postgresRunPrefix"));
  const client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
  const runner: ScriptRunner = {
    kind: "postgres",
    exec: (sql) => client.query(sql).then(() => {}),
    rows: (sql) => client.query<Record<string, unknown>>(sql).then((result) => result.rows),
  };
  await migrate(runner, migrations);
  return {
    options: { kind: "postgres", url: scratch.url, poolSize: 5 },
    query: (text, params = []) => client.query(text, params as unknown[]).then(() => {}),
    close: () => client.end(),
    drop: async () => {
      await scratch.drop();
      await removeDir();
    },
  };
}
