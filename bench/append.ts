/**
 * Appends through the event store API at 1, 8 and 32 concurrent writers, against the floor:
 * the same rows (stream, event, command record) inserted with plain `pg`, one transaction
 * per command.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { openDatabase } from "../src/core/database/database.js";
import { EventStore } from "../src/core/event-store.js";
import { createDatabase, ratio, summarize, type Options, type Section } from "./support.js";

async function drive(
  writers: number,
  seconds: number,
  append: () => Promise<void>,
): Promise<{ perSecond: number; p50: number; p99: number }> {
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        await append();
        latencies.push(performance.now() - started);
      }
    }),
  );
  const { p50, p99 } = summarize(latencies);
  return { perSecond: Math.round(latencies.length / seconds), p50, p99 };
}

export async function run({ quick }: Options): Promise<Section[]> {
  const seconds = quick ? 3 : 10;
  const database = await createDatabase("append");
  const db = await openDatabase({ kind: "postgres", url: database.url, poolSize: 32 });
  const store = new EventStore(db.prisma, db.sql);
  const pool = new pg.Pool({ connectionString: database.url, max: 32 });
  pool.on("error", () => {}); // idle clients dropped with the database
  const rows: Section["rows"] = [];
  try {
    const catchup = async () => {
      const id = randomUUID();
      await store.append({
        streamId: id,
        streamType: "Bench",
        expectedVersion: 0,
        events: [{ type: "BenchHappened", data: { id, amountCents: 100 } }],
        command: { id, type: "Bench" },
        metadata: { commandId: id, correlationId: id, causationId: null, actor: null },
      });
    };
    const floor = async () => {
      const id = randomUUID();
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        await client.query("INSERT INTO streams (stream_id, stream_type, version) VALUES ($1, 'Bench', 1)", [id]);
        const { rows: inserted } = await client.query<{ position: string }>(
          `INSERT INTO events (stream_id, stream_type, version, type, data, metadata) VALUES ($1, 'Bench', 1, 'BenchHappened', $2, $3) RETURNING position`,
          [
            id,
            JSON.stringify({ id, amountCents: 100 }),
            JSON.stringify({ commandId: id, correlationId: id, causationId: null, actor: null }),
          ],
        );
        await client.query(
          "INSERT INTO commands (command_id, command_type, stream_id, version, position, event_types) VALUES ($1, 'Bench', $1, 1, $2, ARRAY['BenchHappened'])",
          [id, inserted[0]!.position],
        );
        await client.query("COMMIT");
      } finally {
        client.release();
      }
    };
    await drive(4, 1, catchup); // warm up both
    await drive(4, 1, floor);
    for (const writers of [1, 8, 32]) {
      const ours = await drive(writers, seconds, catchup);
      const base = await drive(writers, seconds, floor);
      rows.push({
        writers,
        "events/s": ours.perSecond,
        "p50 ms": ours.p50,
        "p99 ms": ours.p99,
        "floor events/s": base.perSecond,
        "floor p50 ms": base.p50,
        "floor p99 ms": base.p99,
        "vs floor": ratio(ours.perSecond, base.perSecond),
        ...(writers === 8 ? { goal: "≥ 0.5×", met: ours.perSecond >= 0.5 * base.perSecond ? "yes" : "no" } : {}),
      });
    }
  } finally {
    await pool.end();
    await db.close();
    await database.drop();
  }
  return [
    {
      title: "Append (PostgreSQL, one event per command)",
      rows,
      notes: [
        `${seconds} s per cell, closed loop; Catchup = EventStore.append (catchup_append: version check, event, idempotency record, one round trip)`,
        "floor = plain pg, BEGIN; INSERT stream; INSERT event; INSERT command; COMMIT",
        `round trips: Catchup 1 per append, floor 5`,
      ].map(String),
    },
  ];
}
