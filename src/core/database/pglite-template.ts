/**
 * A migrated, empty PGlite data directory kept as a tarball, so that a new data directory
 * starts from it instead of running initdb and every migration: about 1 s instead of 3.5 s
 * on the 2-core machine, most of a fresh `npm start`.
 *
 * It lives in node_modules/.cache/catchup, named after what makes it: the PGlite version and
 * every migration's name and checksum. `npm install` builds it (scripts/warm-up.ts); a new
 * migration or PGlite version names another file, and until that one is built a new data
 * directory is made the slow way. A data directory started from it is migrated as usual,
 * so a template that lags behind the migrations could never leave one behind.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { migrate, migrationsIn, MIGRATIONS_DIR, type ScriptRunner } from "./migrate.js";

const CACHE_DIR = path.join(path.dirname(path.dirname(MIGRATIONS_DIR)), "node_modules", ".cache", "catchup");

/**
 * What else a template is made of: how this module and migrate() make one (the bookkeeping
 * table, PGlite's options). Change it with either, so that no older template is loaded.
 */
const TEMPLATE_FORMAT = 1;

/** The template's file for today's PGlite and migrations. */
export function templateFile(dir = MIGRATIONS_DIR): string {
  const hash = createHash("sha256").update(`${TEMPLATE_FORMAT} ${pgliteVersion()}`);
  for (const migration of migrationsIn(dir)) hash.update(`\n${migration.name} ${migration.checksum}`);
  return path.join(CACHE_DIR, `pglite-${hash.digest("hex").slice(0, 16)}.tar`);
}

/** The template, when it has been built for today's PGlite and migrations. */
export function readTemplate(): Blob | undefined {
  try {
    return new Blob([fs.readFileSync(templateFile())]);
  } catch {
    return undefined;
  }
}

/** A migrated, empty database, dumped (PGlite's dumpDataDir, uncompressed: it loads faster). */
async function migratedDump(): Promise<Blob> {
  const pglite = await PGlite.create();
  try {
    await migrate(runnerOf(pglite));
    return await pglite.dumpDataDir("none");
  } finally {
    await pglite.close();
  }
}

/** Builds the template unless it is there, and removes those of earlier migrations. */
export async function buildTemplate(): Promise<string> {
  const file = templateFile();
  if (fs.existsSync(file)) return file;
  const dump = await migratedDump();
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  // Written beside, then renamed: a start reading it at the same time never sees half a file.
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(temporary, file);
  for (const name of fs.readdirSync(CACHE_DIR)) {
    if (/^pglite-[0-9a-f]{16}\.tar$/.test(name) && path.join(CACHE_DIR, name) !== file)
      fs.rmSync(path.join(CACHE_DIR, name), { force: true });
  }
  return file;
}

export function runnerOf(pglite: PGlite): ScriptRunner {
  return {
    kind: "pglite",
    exec: (sql) => pglite.exec(sql).then(() => {}),
    rows: (sql) => pglite.query<Record<string, unknown>>(sql).then((result) => result.rows),
  };
}

function pgliteVersion(): string {
  const require = createRequire(import.meta.url);
  const entry = require.resolve("@electric-sql/pglite");
  for (let dir = path.dirname(entry); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest)) {
      const { name, version } = JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string; version?: string };
      if (name === "@electric-sql/pglite") return version ?? "unknown";
    }
  }
  return "unknown";
}
