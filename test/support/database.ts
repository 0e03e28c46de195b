/**
 * The database a *.db.test.ts file runs on, chosen by the vitest project: an in-memory
 * PGlite, or a fresh PostgreSQL database of this run (dropped when the file is done).
 */
import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { openDatabase, type Database, type DatabaseOptions } from "../../src/core/database/database.js";
import { EventStore, type AppendResult } from "../../src/core/event-store.js";
import type { DomainEvent } from "../../src/core/events.js";

export const backend = process.env.CATCHUP_TEST_BACKEND === "postgres" ? "postgres" : "pglite";

export interface TestDatabase {
  options: DatabaseOptions;
  /** A connection string for the database (postgres only). */
  url?: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (backend === "pglite") return { options: { kind: "pglite" }, drop: async () => {} };
  const base = process.env.TEST_POSTGRES_URL!;
  const name = `${inject("postgresRunPrefix")}_${randomBytes(4).toString("hex")}`;
  await admin(base, `CREATE DATABASE "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    options: { kind: "postgres", url: url.toString(), poolSize: 20 },
    url: url.toString(),
    drop: () => admin(base, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
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
export function appendGiven(store: EventStore, streamType: string, streamId: string, expectedVersion: number, events: readonly DomainEvent[]): Promise<AppendResult> {
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
