/**
 * The embedded home of the database: PGlite (PostgreSQL compiled to WASM) in a data
 * directory, or in memory when no directory is given; migrated on opening.
 */
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { clients, type PrismaAdapter } from "./clients.js";
import { lockDataDir } from "./data-dir-lock.js";
import { copyStatement, driverValue } from "./driver.js";
import { DatabaseError, describe } from "./errors.js";
import { migrate } from "./migrate.js";
import { readTemplate, runnerOf } from "./pglite-template.js";
import type { BorrowedPGlite, Database, DatabaseOptions, Sql } from "./types.js";

export async function openPGlite(
  { dataDir, from, borrow }: Extract<DatabaseOptions, { kind: "pglite" }>,
  observe: boolean,
): Promise<Database> {
  let releaseLock = () => {};
  let pglite: PGlite;
  let borrowed: BorrowedPGlite | undefined;
  if (borrow) {
    borrowed = await borrow();
    pglite = borrowed.pglite;
  } else if (dataDir === undefined) {
    // From a dump, PGlite restores its files instead of running initdb.
    pglite = await PGlite.create(from ? { loadDataDir: from } : undefined);
  } else {
    fs.mkdirSync(dataDir, { recursive: true });
    releaseLock = lockDataDir(dataDir);
    try {
      pglite = await openDataDir(path.join(dataDir, "pgdata"));
    } catch (error) {
      releaseLock();
      throw new DatabaseError(`cannot open the embedded database in ${dataDir}: ${describe(error)}`);
    }
  }
  const closePGlite = () => (borrowed ? borrowed.giveBack() : pglite.close());
  try {
    await migrate(runnerOf(pglite));
  } catch (error) {
    await closePGlite();
    releaseLock();
    throw error;
  }
  // pglite-prisma-adapter is typed against an older @prisma/driver-adapter-utils than the
  // client; the runtime interface is the same (verified by the whole test suite).
  const raw: Sql = {
    query: (text, params = []) => pglite.query(text, params.map(driverValue) as unknown[]).then((result) => result.rows as never[]),
    transaction: (work) =>
      pglite.transaction((tx) =>
        work({
          query: (text, params = []) => tx.query(text, params.map(driverValue) as unknown[]).then((result) => result.rows as never[]),
          // PGlite reads COPY data from a Blob it exposes as /dev/blob.
          copyFrom: (table, columns, data) =>
            tx.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([data]) }).then(() => {}),
        }),
      ),
  };
  const { prisma, sql, onQuery } = clients(new PrismaPGlite(pglite) as unknown as PrismaAdapter, raw, observe);
  return {
    kind: "pglite",
    prisma,
    sql,
    onQuery,
    location: dataDir ?? "(in memory)",
    async close() {
      await prisma.$disconnect();
      await closePGlite();
      releaseLock();
    },
  };
}

/**
 * Opens a data directory; a new one starts from the migrated template when it has been
 * built (see pglite-template.ts), and by initdb when it has not or cannot be loaded.
 *
 * Making a new directory is marked by a file beside it (`pgdata.making`) until PGlite has
 * opened it: a process stopped halfway (Ctrl-C, a crash) leaves the mark, and the next open
 * starts the directory over instead of failing on half of one.
 */
export async function openDataDir(pgdata: string, template = readTemplate): Promise<PGlite> {
  const making = `${pgdata}.making`;
  if (fs.existsSync(making)) fs.rmSync(pgdata, { recursive: true, force: true });
  if (fs.existsSync(path.join(pgdata, "PG_VERSION"))) return PGlite.create(pgdata);
  fs.writeFileSync(making, `${process.pid}\n`);
  let pglite: PGlite | undefined;
  const dump = template();
  if (dump) {
    try {
      pglite = await PGlite.create(pgdata, { loadDataDir: dump });
    } catch {
      // Half a directory must not stay behind for initdb to refuse.
      fs.rmSync(pgdata, { recursive: true, force: true });
    }
  }
  pglite ??= await PGlite.create(pgdata);
  fs.rmSync(making, { force: true });
  return pglite;
}
