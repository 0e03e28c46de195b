/**
 * Global setup of the pglite test project: one in-memory PGlite, migrated, dumped to a file
 * that every test file's database starts from (test/support/database.ts), so that a file
 * skips PGlite's initdb and the migrations.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { migrate } from "../../src/core/database/migrate.js";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "catchup-pglite-"));
  const file = path.join(dir, "migrated.tar");
  const pglite = await PGlite.create();
  try {
    await migrate({
      kind: "pglite",
      exec: (sql) => pglite.exec(sql).then(() => {}),
      rows: (sql) => pglite.query<Record<string, unknown>>(sql).then((result) => result.rows),
    });
    const dump = await pglite.dumpDataDir("none");
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await pglite.close();
  }
  project.provide("pgliteTemplate", file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
