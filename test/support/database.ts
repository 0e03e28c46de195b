/**
 * The database a *.db.test.ts file runs on, chosen by the vitest project: an in-memory
 * PGlite, or a fresh PostgreSQL database of this run (dropped when the file is done).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, inject } from "vitest";
import { pglitePool } from "./pglite-pool.js";
import { openDatabase, type Database, type DatabaseOptions } from "../../src/core/database/database.js";
import { EventStore, type AppendResult } from "../../src/core/event-store.js";
import type { DomainEvent } from "../../src/core/events.js";
import { createScratchDatabase } from "../../scripts/scratch-database.js";

export const backend = process.env.CATCHUP_TEST_BACKEND === "postgres" ? "postgres" : "pglite";

export interface TestDatabase {
  options: DatabaseOptions;
  /** A connection string for the database (postgres only). */
  url?: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (backend === "pglite") {
    // The migrated database the run's setup dumped (test/support/pglite-run.ts), or one an
    // earlier file of this worker gave back, emptied (test/support/pglite-pool.ts).
    return { options: { kind: "pglite", borrow: pglitePool.borrow }, drop: async () => {} };
  }
  const { url, drop } = await createScratchDatabase(process.env.TEST_POSTGRES_URL!, inject("postgresRunPrefix"));
  return { options: { kind: "postgres", url, poolSize: 10 }, url, drop };
}

/**
 * For a test file: a fresh database with migrations applied, opened before the tests and
 * closed and dropped after them. Read `.db` and `.store` inside tests and hooks.
 */
export function useTestDatabase(): { readonly db: Database; readonly store: EventStore } {
  let testDb: TestDatabase | undefined;
  let db: Database | undefined;
  let store: EventStore | undefined;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = await openDatabase(testDb.options);
    store = new EventStore(db.prisma, db.sql);
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });
  return {
    get db() {
      return db!;
    },
    get store() {
      return store!;
    },
  };
}

/** Appends events to a stream as a command would have (the "given" of a test), under a fresh command id. */
export function appendGiven(
  store: EventStore,
  streamType: string,
  streamId: string,
  expectedVersion: number,
  events: readonly DomainEvent[],
): Promise<AppendResult> {
  const commandId = randomUUID();
  return store.append({
    streamId,
    streamType,
    expectedVersion,
    events,
    command: { id: commandId, type: "Given" },
    metadata: { commandId, correlationId: commandId, causationId: null, actor: null },
  });
}
