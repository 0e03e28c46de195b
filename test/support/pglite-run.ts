/**
 * Global setup of the pglite test project: the migrated template (a dump of an empty,
 * migrated PGlite) that every test file's database starts from (test/support/database.ts),
 * so that a file skips PGlite's initdb and the migrations.
 */
import type { TestProject } from "vitest/node";
import { buildTemplate } from "../../src/core/database/pglite-template.js";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

export default function setup(project: TestProject): Promise<void> {
  // The same template a new data directory starts from; built here when install did not.
  return buildTemplate().then((file) => project.provide("pgliteTemplate", file));
}
