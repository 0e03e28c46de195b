import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, migrate, migrationsIn } from "./migrate.js";
import { openDataDir } from "./pglite.js";
import { buildTemplate, readTemplate, runnerOf, templateFile } from "./pglite-template.js";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "catchup-template-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("the PGlite template a new data directory starts from", () => {
  it("is named after the migrations: an added or changed migration needs another", () => {
    const copy = path.join(scratch, "migrations");
    fs.cpSync(MIGRATIONS_DIR, copy, { recursive: true });
    const today = templateFile(copy);
    expect(templateFile(MIGRATIONS_DIR)).toBe(today);

    fs.mkdirSync(path.join(copy, "29990101000000_later"));
    fs.writeFileSync(path.join(copy, "29990101000000_later", "migration.sql"), "SELECT 1;");
    const added = templateFile(copy);
    expect(added).not.toBe(today);

    fs.writeFileSync(path.join(copy, "29990101000000_later", "migration.sql"), "SELECT 2;");
    expect(templateFile(copy)).not.toBe(added);
  });

  it("gives a new data directory every migration, and the directory keeps what is written to it", async () => {
    await buildTemplate();
    expect(readTemplate()).toBeDefined();
    const pgdata = path.join(scratch, "from-template", "pgdata");
    fs.mkdirSync(path.dirname(pgdata));

    const first = await openDataDir(pgdata);
    expect(await migrate(runnerOf(first))).toEqual([]);
    await first.exec("CREATE TABLE kept (n int); INSERT INTO kept VALUES (7)");
    await first.close();

    // Opened again, it is read as it is: the template is for new directories only.
    const again = await openDataDir(pgdata, () => {
      throw new Error("a directory that exists must not be loaded from the template");
    });
    expect((await again.query<{ n: number }>("SELECT n FROM kept")).rows).toEqual([{ n: 7 }]);
    await again.close();
  });

  it("starts over a new directory that an earlier open left half-made", async () => {
    const pgdata = path.join(scratch, "half-made", "pgdata");
    fs.mkdirSync(pgdata, { recursive: true });
    // What a process stopped while loading the template leaves: some files, PG_VERSION among them, and the mark.
    fs.writeFileSync(path.join(pgdata, "PG_VERSION"), "17\n");
    fs.writeFileSync(`${pgdata}.making`, "12345\n");
    const pglite = await openDataDir(pgdata);
    try {
      expect(await migrate(runnerOf(pglite))).toEqual([]);
      expect(fs.existsSync(`${pgdata}.making`)).toBe(false);
    } finally {
      await pglite.close();
    }
  });

  it.each([["cut off halfway", () => readTemplate()!.slice(0, 12 * 1024 * 1024)]])(
    "falls back to initdb when the template is %s, leaving nothing half-written",
    async (name, template) => {
      const pgdata = path.join(scratch, name, "pgdata");
      fs.mkdirSync(path.dirname(pgdata));
      const pglite = await openDataDir(pgdata, template);
      try {
        // A directory initdb made: every migration still to apply.
        expect(await migrate(runnerOf(pglite))).toEqual(migrationsIn(MIGRATIONS_DIR).map((migration) => migration.name));
        expect((await pglite.query<{ one: number }>("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
      } finally {
        await pglite.close();
      }
    },
  );
});
