/**
 * Appends through the event store API at 1, 8 and 32 concurrent writers, against the floor
 * and a peer, in the same cells (best of two alternating rounds):
 * - the floor: one INSERT of the event row per append, in autocommit, with plain `pg`: one
 *   round trip, as tight as PostgreSQL allows (no version check, no idempotency record);
 * - Catchup: EventStore.append (catchup_append: version check, event, idempotency record, one
 *   round trip);
 * - Emmett 0.42 (`@event-driven-io/emmett-postgresql`, its own database): appendToStream of a
 *   new stream (STREAM_DOES_NOT_EXIST), the closest TypeScript peer.
 */
import { randomUUID } from "node:crypto";
import { newId } from "../src/core/ids.js";
import { STREAM_DOES_NOT_EXIST } from "@event-driven-io/emmett";
import { getPostgreSQLEventStore } from "@event-driven-io/emmett-postgresql";
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

/** The type parsers Emmett's driver replaces (int8, json, jsonb), process-wide in `pg`. */
const PARSED_TYPES = [20, 114, 3802] as const;

function typeParsers(): Map<number, (value: string) => unknown> {
  return new Map(PARSED_TYPES.map((oid) => [oid, pg.types.getTypeParser(oid, "text")]));
}

function useTypeParsers(parsers: Map<number, (value: string) => unknown>): void {
  for (const [oid, parse] of parsers) pg.types.setTypeParser(oid, parse);
}

/**
 * Stream and command ids, the same for all three: UUIDv7 as the server makes them (new
 * streams, commands sent without an id), or with BENCH_IDS=v4 random ones, as clients that
 * bring their own may send (each lands on a random leaf of every index keyed by it).
 */
const IDS = process.env.BENCH_IDS === "v4" ? "v4" : "v7";
const makeId = IDS === "v4" ? randomUUID : newId;

export async function run({ quick }: Options): Promise<Section[]> {
  const seconds = quick ? 3 : 8;
  const database = await createDatabase("append");
  const emmettDatabase = await createDatabase("append_emmett");
  const db = await openDatabase({ kind: "postgres", url: database.url, poolSize: 32 });
  const store = new EventStore(db.prisma, db.sql);
  const pool = new pg.Pool({ connectionString: database.url, max: 32 });
  pool.on("error", () => {}); // idle clients dropped with the database
  // Emmett's driver (dumbo) sets pg's process-wide parsers of int8, json and jsonb as soon as
  // its store is made: each side runs with its own, and the next benchmarks in this process
  // with ours (int8 as BigInt broke the queries bench's seeding through Prisma).
  const ours = typeParsers();
  const emmett = getPostgreSQLEventStore(emmettDatabase.url); // its own default pool
  const theirs = typeParsers();
  useTypeParsers(ours);
  const rows: Section["rows"] = [];
  try {
    const catchup = async () => {
      const id = makeId();
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
      const id = makeId();
      await pool.query(
        "INSERT INTO events (stream_id, stream_type, version, type, data, metadata) VALUES ($1, 'Bench', 1, 'BenchHappened', $2, $3)",
        [
          id,
          JSON.stringify({ id, amountCents: 100 }),
          JSON.stringify({ commandId: id, correlationId: id, causationId: null, actor: null }),
        ],
      );
    };
    const peer = async () => {
      const id = makeId();
      await emmett.appendToStream(`bench-${id}`, [{ type: "BenchHappened", data: { id, amountCents: 100 } }], {
        expectedStreamVersion: STREAM_DOES_NOT_EXIST,
      });
    };
    const cells = [
      ["floor", floor],
      ["catchup", catchup],
      ["peer", peer],
    ] as const;
    /** One cell, alone: Emmett's runs with its parsers, the others with ours. */
    const cell = (name: (typeof cells)[number][0], append: () => Promise<void>, writers: number, duration: number) => {
      if (name === "peer") useTypeParsers(theirs);
      return drive(writers, duration, append).finally(() => useTypeParsers(ours));
    };
    for (const [name, append] of cells) await cell(name, append, 4, 1); // warm up each (Emmett creates its schema)

    for (const writers of [1, 8, 32]) {
      const best = { catchup: 0, floor: 0, peer: 0 };
      const latency = { catchup: { p50: 0, p99: 0 }, floor: { p50: 0, p99: 0 } };
      for (let round = 0; round < 2; round++) {
        for (const [name, append] of cells) {
          const result = await cell(name, append, writers, seconds);
          if (result.perSecond > best[name]) {
            best[name] = result.perSecond;
            if (name !== "peer") latency[name] = { p50: result.p50, p99: result.p99 };
          }
        }
      }
      rows.push({
        writers,
        "floor events/s": best.floor,
        "Catchup events/s": best.catchup,
        "Catchup vs floor": ratio(best.catchup, best.floor),
        "Emmett events/s": best.peer,
        "Emmett vs floor": ratio(best.peer, best.floor),
        "Catchup p50 / p99 ms": `${latency.catchup.p50} / ${latency.catchup.p99}`,
        "floor p50 / p99 ms": `${latency.floor.p50} / ${latency.floor.p99}`,
        goal: "≥ 0.85×",
        met: best.catchup >= 0.85 * best.floor ? "yes" : "no",
      });
    }
  } finally {
    useTypeParsers(ours);
    await emmett.close();
    await pool.end();
    await db.close();
    await database.drop();
    await emmettDatabase.drop();
  }
  return [
    {
      title: "Append (PostgreSQL, one event per command, a new stream each)",
      rows,
      notes: [
        `${seconds} s per cell, closed loop, the best of two rounds taken in turns (floor, Catchup, Emmett); pools of 32 connections`,
        "floor = one INSERT of the event row in autocommit (plain pg): one round trip, nothing checked; Catchup = EventStore.append: the stream's version check, the event and the idempotency record in one round trip",
        "Emmett = @event-driven-io/emmett-postgresql 0.42 appendToStream(new stream, STREAM_DOES_NOT_EXIST) on a database of its own, with its default connection pool",
        `ids: ${IDS === "v7" ? "UUIDv7, as the server makes them (BENCH_IDS=v4: random ones, as a client may bring)" : "random UUIDv4 (BENCH_IDS=v4), as a client may bring; the server makes UUIDv7"}, the same for all three`,
      ],
    },
  ];
}
