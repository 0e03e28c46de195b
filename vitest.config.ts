import os from "node:os";
import { defineConfig } from "vitest/config";
import { SlowestFirst } from "./test/support/sequencer.js";

/**
 * `npm test` runs three projects:
 * - unit: pure tests (deciders, scheduling logic), no database;
 * - pglite: every *.db.test.ts against an embedded, in-memory PGlite per test file;
 * - postgres: the same files, and *.pg.test.ts, against PostgreSQL, only when TEST_POSTGRES_URL is set
 *   (each test file creates its own database, and the run drops what it created);
 * - faults (`npm run test:faults` only): crash and database-outage tests on PostgreSQL;
 * - browser (`npm run test:browser` only): the playground in headless Chromium;
 * - replicas (`npm run test:replicas` only): reads from a streaming replica of a primary the
 *   run builds for itself (initdb and pg_basebackup, as the postgres OS user).
 */
const shared = {
  // type-graphql and Apollo must see one copy of graphql (ESM and CJS would be two realms).
  resolve: { alias: { graphql: "graphql/index.js" } },
};

const dbTests = ["src/**/*.db.test.ts", "test/**/*.db.test.ts"];
/** Tests that need PostgreSQL itself (several connections to one database): postgres project only. */
const pgTests = ["src/**/*.pg.test.ts", "test/**/*.pg.test.ts"];

export default defineConfig({
  ...shared,
  test: {
    // Files in parallel, at least two at a time: Vitest's default (one less than the cores)
    // runs them one by one on a 2-core machine, where two at a time take a fifth less time.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    sequence: { sequencer: SlowestFirst },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        ...shared,
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          exclude: [...dbTests, ...pgTests],
          // As in pglite: a file's tests share the worker's modules (importing them afresh took
          // about half a second a file); the files that fake timers give them back.
          isolate: false,
          testTimeout: 60_000,
        },
      },
      {
        ...shared,
        test: {
          name: "pglite",
          include: dbTests,
          // The files of a worker share its modules: isolated, each file imported the server,
          // Prisma and PGlite afresh (seconds a file; unit + PGlite took 300 s, now about 200).
          // Every file opens its own database and server, and no module keeps state between them.
          isolate: false,
          env: { CATCHUP_TEST_BACKEND: "pglite" },
          globalSetup: ["test/support/pglite-run.ts"],
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      ...(process.env.TEST_POSTGRES_URL
        ? [
            {
              ...shared,
              test: {
                name: "postgres",
                include: [...dbTests, ...pgTests],
                env: { CATCHUP_TEST_BACKEND: "postgres" },
                isolate: false,
                globalSetup: ["test/support/postgres-run.ts"],
                testTimeout: 120_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
      // `npm run test:browser`: the playground in headless Chromium (Debian's chromium package).
      ...(process.env.CATCHUP_BROWSER
        ? [
            {
              ...shared,
              test: {
                name: "browser",
                include: ["test/browser/**/*.browser.ts"],
                fileParallelism: false,
                testTimeout: 120_000,
                hookTimeout: 120_000,
              },
            },
          ]
        : []),
      // `npm run test:replicas`: a primary and a streaming replica of the run's own (test/replicas/setup.ts).
      ...(process.env.CATCHUP_REPLICAS
        ? [
            {
              ...shared,
              test: {
                name: "replicas",
                include: ["test/replicas/**/*.replica.ts"],
                globalSetup: ["test/replicas/setup.ts"],
                fileParallelism: false,
                testTimeout: 300_000,
                hookTimeout: 120_000,
              },
            },
          ]
        : []),
      // `npm run test:faults`: kills servers and restarts PostgreSQL, so it runs alone, on request.
      ...(process.env.CATCHUP_FAULTS
        ? [
            {
              ...shared,
              test: {
                name: "faults",
                include: ["test/faults/**/*.faults.ts"],
                fileParallelism: false,
                testTimeout: 300_000,
                hookTimeout: 120_000,
              },
            },
          ]
        : []),
    ],
  },
});
