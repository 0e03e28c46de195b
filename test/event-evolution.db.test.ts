/**
 * A log written by an earlier version of Catchup (test/fixtures/log-v1.json: written at commit
 * 2be0ac6, before event schema versions and sealed personal data; CustomerRegistered v1 has one
 * `name`, personal fields in clear) in a database that version migrated and projected. The
 * current version starts on it: every projection it rebuilds equals the projection of the same
 * history written today (v2 events, personal fields sealed); the decider sees only the new
 * shape; old email claims keep working; forgetting a customer of the old log erases it too.
 */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../src/app.js";
import { callerOf } from "../src/application/command.js";
import { CatchupError } from "../src/core/errors.js";
import * as customers from "../src/modules/customers/commands.js";
import { customerWriteModel } from "../src/modules/customers/email-registry.js";
import { createTestDatabase, type TestDatabase } from "./support/database.js";
import { oldDatabase, type OldDatabase } from "./support/old-database.js";
import { dumpDatabase, rebuildAll, settle, snapshotReadModels } from "./support/read-models.js";

interface Fixture {
  customers: { ada: string; grace: string; mono: string };
  events: {
    position: string;
    stream_id: string;
    stream_type: string;
    version: number;
    type: string;
    data: object;
    metadata: object;
    recorded_at: string;
  }[];
  streams: { stream_id: string; stream_type: string; version: number }[];
  commands: Record<string, unknown>[];
  customer_emails: { email: string; customer_id: string }[];
  customer_profiles: Record<string, unknown>[];
  products: Record<string, unknown>[];
}
const fixture = JSON.parse(fs.readFileSync(new URL("./fixtures/log-v1.json", import.meta.url), "utf8")) as Fixture;
const { ada, grace, mono } = fixture.customers;
/** The last migration of the version that wrote the fixture. */
const LAST_OLD_MIGRATION = "20261129030000_gin_pending_lists";
const admin = callerOf({ role: "admin", subject: "evolution-test" });

/** Inserts rows as they are (jsonb and arrays as JSON text). */
async function insertRows(db: OldDatabase, table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  for (const row of rows) {
    const columns = Object.keys(row);
    const values = columns.map((column) => {
      const value = row[column];
      return value !== null && typeof value === "object" && !Array.isArray(value) ? JSON.stringify(value) : value;
    });
    await db.query(
      `INSERT INTO ${table} (${columns.map((column) => `"${column}"`).join(", ")}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")})`,
      values,
    );
  }
}

let old: OldDatabase;
let upgraded: App;
let fresh: TestDatabase;
let rewritten: App;

beforeAll(async () => {
  // The database the earlier version left: its migrations, its log, its write-side tables, and
  // the CUSTOMER_PROFILE it had projected (in its shape: one name column).
  old = await oldDatabase(LAST_OLD_MIGRATION);
  await insertRows(old, "events", fixture.events);
  await old.query("SELECT setval('events_position_seq', (SELECT max(position) FROM events))");
  await insertRows(old, "streams", fixture.streams);
  await insertRows(old, "commands", fixture.commands);
  await insertRows(old, "customer_emails", fixture.customer_emails);
  await insertRows(old, "products", fixture.products);
  await insertRows(old, "customer_profiles", fixture.customer_profiles);
  await old.query("INSERT INTO projection_checkpoints (name, position) VALUES ('CUSTOMER_PROFILE', $1)", [fixture.events.length]);
  await old.close();
  upgraded = await createApp({ database: old.options });
  await settle(upgraded);

  // The same history written today: each event in its current shape, sealed, at the same
  // position and time, by the codec appends use.
  fresh = await createTestDatabase();
  rewritten = await createApp({ database: fresh.options, startProjections: false });
  const { store } = rewritten;
  for (const event of fixture.events) {
    const data = store.schemas.upcast(event.type, 1, event.data);
    const [sealed] = await store.personal!.seal(event.stream_id, [{ type: event.type, data }]);
    await rewritten.db.sql.query(
      `INSERT INTO events (position, stream_id, stream_type, version, type, data, metadata, recorded_at, schema_version)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9)`,
      [
        event.position,
        event.stream_id,
        event.stream_type,
        event.version,
        event.type,
        JSON.stringify(sealed),
        JSON.stringify(event.metadata),
        event.recorded_at,
        store.schemas.versionOf(event.type),
      ],
    );
  }
  await rewritten.db.sql.query("SELECT setval('events_position_seq', (SELECT max(position) FROM events))");
  await rewritten.projector.start();
  await settle(rewritten);
}, 120_000);

afterAll(async () => {
  await upgraded?.close();
  await rewritten?.close();
  await old?.drop();
  await fresh?.drop();
});

describe("a database and log written by an earlier version", () => {
  it("projects, migrated and rebuilt, to the rows of the same history written in today's shape", async () => {
    const migrated = await snapshotReadModels(upgraded);
    // The profiles the earlier version projected were split by the migration, not re-projected.
    const ada_ = migrated.customer_profiles!.map((row) => JSON.parse(row) as Record<string, unknown>).find((row) => row.id === ada)!;
    expect(ada_).toMatchObject({
      name: "Ada King Lovelace",
      given_name: "Ada King",
      family_name: "Lovelace",
      email: "countess.legacy@example.com",
    });
    const zendaya = migrated.customer_profiles!.map((row) => JSON.parse(row) as Record<string, unknown>).find((row) => row.id === mono)!;
    expect(zendaya).toMatchObject({ name: "Zendaya", given_name: "Zendaya", family_name: null });

    await rebuildAll(upgraded);
    const rebuilt = await snapshotReadModels(upgraded);
    expect(rebuilt).toEqual(migrated);
    expect(await snapshotReadModels(rewritten)).toEqual(rebuilt);
    expect(rebuilt.order_summaries!.join("\n")).toContain("Ada King Lovelace");
  });

  it("keeps the old events as they were written, and writes new ones versioned and sealed", async () => {
    const [stored] = await upgraded.db.sql.query<{ data: Record<string, unknown>; schema_version: number }>(
      "SELECT data, schema_version FROM events WHERE position = 1",
    );
    expect(stored).toEqual({ data: fixture.events[0]!.data, schema_version: 1 });
    const [today] = await rewritten.db.sql.query<{ data: Record<string, unknown>; schema_version: number }>(
      "SELECT data, schema_version FROM events WHERE position = 1",
    );
    expect(today!.schema_version).toBe(2);
    expect(Object.keys(today!.data).sort()).toEqual(["$sealed", "customerId"]);
    expect(JSON.stringify(today!.data)).not.toMatch(/Lovelace|legacy@example/);
  });

  it("gives the decider only today's shape, and continues the old streams", async () => {
    const { state } = await customerWriteModel(upgraded.store).load(ada);
    expect(state).toMatchObject({
      status: "registered",
      givenName: "Ada King",
      familyName: "Lovelace",
      email: "countess.legacy@example.com",
    });
    expect(state).not.toHaveProperty("name");
    const changed = await customers.changeCustomerPhoneNumber(upgraded, admin, { customerId: ada, phone: "+44 20 7946 0002" });
    expect(changed.version).toBe(3);
    const history = await upgraded.store.readStream(ada);
    expect(history.map((event) => event.data)).toEqual([
      expect.objectContaining({ givenName: "Ada King", familyName: "Lovelace", email: "ada.legacy@example.com" }),
      expect.objectContaining({ email: "countess.legacy@example.com", previousEmail: "ada.legacy@example.com" }),
      { customerId: ada, phone: "+44 20 7946 0002" },
    ]);
  });

  it("moves the old email claims to keyed hashes, and still refuses a taken email", async () => {
    expect(await upgraded.db.sql.query("SELECT * FROM customer_emails")).toEqual([]);
    const claims = await upgraded.db.sql.query<{ customer_id: string }>(
      "SELECT customer_id FROM customer_email_claims ORDER BY customer_id",
    );
    expect(claims.map((claim) => claim.customer_id).sort()).toEqual([ada, grace, mono].sort());
    const taken = customers.registerCustomer(upgraded, admin, {
      name: "Someone Else",
      email: "Amazing.Grace.Legacy@example.com",
      phone: "+1 555 0200",
      address: { line1: "9 Elm St", city: "Springfield", postalCode: "12345", country: "US" },
    });
    await expect(taken).rejects.toSatisfy((error) => error instanceof CatchupError && error.code === "DUPLICATE");
  });

  it("erases a customer of the old log, its clear-text events included", async () => {
    await customers.forgetCustomer(upgraded, admin, { customerId: grace }, "STRONG");
    const dump = (await dumpDatabase(upgraded.db.sql)).toLowerCase();
    for (const text of ["grace", "hopper", "navy way", "harbor blvd", "suite 5", "555 0102", "amazing"]) expect(dump).not.toContain(text);
    // The rest of the old log is untouched.
    expect(dump).toContain("lovelace");
    const [event] = await upgraded.db.sql.query<{ data: Record<string, unknown> }>(
      "SELECT data FROM events WHERE stream_id = $1 AND version = 1",
      [grace],
    );
    expect(event!.data).toMatchObject({ name: "[forgotten]", email: "[forgotten]", customerId: grace });
    await rebuildAll(upgraded);
    expect((await dumpDatabase(upgraded.db.sql)).toLowerCase()).not.toContain("hopper");
  });
});
