/**
 * Rebuild of every projection from logs of growing size. The log is seeded through the
 * command pipeline, then grown by cloning order streams (new ids, same customers and
 * products) so that 1M events take seconds to make; PGlite gets a copy of the same log.
 *
 * Beside each PostgreSQL rebuild runs its floor: the same log read once, the same way, and
 * the final rows of every view (taken from the rebuild just done, so nothing is folded)
 * written with COPY into the same emptied tables, indexes and all, everything at once.
 */
import { finished, pipeline } from "node:stream/promises";
import { Writable } from "node:stream";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { createApp, type App } from "../src/app.js";
import type { DatabaseOptions } from "../src/core/database/database.js";
import { seed } from "../scripts/seeding.js";
import { createDatabase, PROJECTION_COUNT, round, type Options, type Section, MASTER_KEYS } from "./support.js";

interface Rebuilt {
  events: number;
  applied: number;
  seconds: number;
}

/** Rebuilds every projection of `app` (created without running projections) and times it. */
async function rebuildIn(app: App): Promise<Rebuilt> {
  const events = Number(await app.store.lastPosition());
  app.projector.watcher.start();
  const started = performance.now();
  await Promise.all(app.projector.runners.map((runner) => runner.rebuild()));
  while (app.projector.status().some((status) => status.state === "REBUILDING")) await new Promise((resolve) => setTimeout(resolve, 20));
  const seconds = (performance.now() - started) / 1000;
  const failed = app.projector.status().filter((status) => status.state !== "RUNNING");
  if (failed.length > 0) throw new Error(`rebuild failed: ${JSON.stringify(failed, (_, v) => (typeof v === "bigint" ? String(v) : v))}`);
  return { events, applied: app.projector.status().reduce((sum, status) => sum + status.eventsApplied, 0), seconds };
}

async function rebuildAll(options: DatabaseOptions): Promise<Rebuilt> {
  const app = await createApp({ masterKeys: MASTER_KEYS, database: options, startProjections: false, projector: { batchSize: 1000 } });
  try {
    return await rebuildIn(app);
  } finally {
    await app.close();
  }
}

/** Every table a projection owns, with the columns COPY can write (not the generated ones). */
async function viewTables(app: App, pool: pg.Pool): Promise<{ table: string; columns: string[] }[]> {
  const tables = [...app.readModels.values()].flatMap((readModel) => readModel.projection.tables);
  return Promise.all(
    tables.map(async (table) => {
      const { rows } = await pool.query<{ column_name: string }>(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position",
        [table],
      );
      return { table, columns: rows.map((row) => `"${row.column_name}"`) };
    }),
  );
}

/**
 * The rebuild's floor, right after a rebuild of the same database: takes the views' final
 * rows out (COPY TO, untimed), empties the tables, then times reading the whole log once
 * through the same `readAll` the rebuild uses (decoded, unsealed), while COPY writes the
 * rows back, a connection per table. The views end as the rebuild left them.
 */
async function floorOf(options: DatabaseOptions & { kind: "postgres" }): Promise<number> {
  const app = await createApp({ masterKeys: MASTER_KEYS, database: options, startProjections: false });
  const pool = new pg.Pool({ connectionString: options.url, max: 24 });
  try {
    const tables = await Promise.all(
      (await viewTables(app, pool)).map(async ({ table, columns }) => ({ table, columns, rows: await copyOut(pool, table, columns) })),
    );
    await pool.query(`TRUNCATE ${tables.map(({ table }) => `"${table}"`).join(", ")}`);
    await pool.query("CHECKPOINT");
    const head = await app.store.lastPosition();
    const started = performance.now();
    const reading = (async () => {
      for (let after = 0n; after < head;) {
        const events = await app.store.readAll(after, { upTo: head, limit: 2000 });
        if (events.length === 0) break;
        after = events.at(-1)!.position;
      }
    })();
    await Promise.all([reading, ...tables.map(({ table, columns, rows }) => copyIn(pool, table, columns, rows))]);
    return (performance.now() - started) / 1000;
  } finally {
    await pool.end();
    await app.close();
  }
}

async function copyOut(pool: pg.Pool, table: string, columns: string[]): Promise<Buffer> {
  const client = await pool.connect();
  try {
    const chunks: Buffer[] = [];
    await pipeline(
      client.query(copyTo(`COPY (SELECT ${columns.join(", ")} FROM "${table}") TO STDOUT`)),
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          chunks.push(chunk);
          done();
        },
      }),
    );
    return Buffer.concat(chunks);
  } finally {
    client.release();
  }
}

async function copyIn(pool: pg.Pool, table: string, columns: string[], rows: Buffer): Promise<void> {
  const client = await pool.connect();
  try {
    const copy = client.query(copyFrom(`COPY "${table}" (${columns.join(", ")}) FROM STDIN`));
    copy.end(rows);
    await finished(copy);
  } finally {
    client.release();
  }
}

/**
 * Grows the log to about `target` events by cloning the seeded order streams, copy after copy.
 * A clone's id is its original's UUIDv7 with the milliseconds moved past every id so far, the
 * random bits kept: clones sort after the orders before them, as ids the server makes later do.
 */
export async function grow(app: App, target: number): Promise<void> {
  const [log] = await app.db.sql.query<{ total: string; originals: string; first: string; last: string; latest: string }>(
    `SELECT count(*) AS total, count(*) FILTER (WHERE original) AS originals,
            min(ms) FILTER (WHERE original) AS first, max(ms) FILTER (WHERE original) AS last, max(ms) AS latest
     FROM (SELECT metadata->>'clonedFrom' IS NULL AS original, ${ID_MS.replaceAll("$id", "stream_id")} AS ms
           FROM events WHERE stream_type = 'Order') AS orders`,
  );
  const copies = Math.ceil((target - Number(log!.total)) / Number(log!.originals));
  const [first, last, latest] = [BigInt(log!.first), BigInt(log!.last), BigInt(log!.latest)];
  for (let k = 0; k < copies; k++) {
    const shift = latest + 1n - first + BigInt(k) * (last - first + 1n);
    await app.db.sql.query(
      `INSERT INTO events (stream_id, stream_type, version, type, data, metadata, recorded_at)
       SELECT clone.id, e.stream_type, e.version, e.type, jsonb_set(e.data, '{orderId}', to_jsonb(clone.id)),
              e.metadata || jsonb_build_object('clonedFrom', e.stream_id), e.recorded_at
       FROM events e,
            LATERAL (SELECT lpad(to_hex(${ID_MS.replaceAll("$id", "e.stream_id")} + $1), 12, '0') AS ms) AS moved,
            LATERAL (SELECT substr(moved.ms, 1, 8) || '-' || substr(moved.ms, 9, 4) || substr(e.stream_id, 14) AS id) AS clone
       WHERE e.stream_type = 'Order' AND e.metadata->>'clonedFrom' IS NULL
       ORDER BY e.position`,
      [shift],
    );
  }
}

/** The milliseconds of a UUIDv7 (its first 12 hex digits) held by the expression `$id`, in SQL. */
const ID_MS = "('x' || substr($id, 1, 8) || substr($id, 10, 4))::bit(48)::bigint";

/** Copies the event log of a PostgreSQL database, with its data keys, into a fresh in-memory PGlite. */
async function copyToPGlite(from: App): Promise<App> {
  const to = await createApp({ masterKeys: MASTER_KEYS, database: { kind: "pglite" }, startProjections: false });
  let after = 0n;
  for (;;) {
    const rows = await from.db.sql.query<{ position: string }>(
      "SELECT position, stream_id, stream_type, version, type, data, metadata, recorded_at, schema_version FROM events WHERE position > $1 ORDER BY position LIMIT 5000",
      [after],
    );
    if (rows.length === 0) break;
    await to.db.sql.query(
      `INSERT INTO events (position, stream_id, stream_type, version, type, data, metadata, recorded_at, schema_version)
       SELECT position, stream_id, stream_type, version, type, data, metadata, recorded_at, schema_version
       FROM jsonb_to_recordset($1::jsonb)
         AS x(position bigint, stream_id text, stream_type text, version int, type text, data jsonb, metadata jsonb, recorded_at timestamptz, schema_version int)`,
      [JSON.stringify(rows)],
    );
    after = BigInt(rows.at(-1)!.position);
  }
  await to.db.sql.query("SELECT setval('events_position_seq', $1)", [after]);
  // The keys that open the personal fields of customer events (same master key).
  const keys = await from.db.sql.query("SELECT subject_id, wrapped_key, created_at, forgotten_at FROM data_keys");
  await to.db.sql.query(
    `INSERT INTO data_keys (subject_id, wrapped_key, created_at, forgotten_at)
     SELECT subject_id, wrapped_key, created_at, forgotten_at
     FROM jsonb_to_recordset($1::jsonb) AS x(subject_id text, wrapped_key text, created_at timestamptz, forgotten_at timestamptz)
     ON CONFLICT (subject_id) DO UPDATE SET wrapped_key = excluded.wrapped_key`,
    [JSON.stringify(keys)],
  );
  return to;
}

export async function run({ quick }: Options): Promise<Section[]> {
  const sizes = quick ? [20_000] : [100_000, 1_000_000];
  const pgliteSize = quick ? 20_000 : 100_000;
  const database = await createDatabase("rebuild");
  const rows: Section["rows"] = [];
  try {
    const options: DatabaseOptions = { kind: "postgres", url: database.url, poolSize: 16 };
    const app = await createApp({ masterKeys: MASTER_KEYS, database: options, startProjections: false });
    try {
      await seed(app, { customers: 500, orders: 4000, concurrency: 16 });
    } finally {
      await app.close();
    }
    for (const size of [...new Set([pgliteSize, ...sizes])].sort((a, b) => a - b)) {
      const growing = await createApp({ masterKeys: MASTER_KEYS, database: options, startProjections: false });
      try {
        await grow(growing, size);
      } finally {
        await growing.close();
      }
      if (sizes.includes(size)) {
        const rebuilt = await rebuildAll(options);
        rows.push(row("PostgreSQL", rebuilt, await floorOf(options)));
      }
      if (size === pgliteSize) rows.push(row("PGlite", await rebuildPGliteCopy(options)));
    }
  } finally {
    await database.drop();
  }
  const pg = rows.filter((r) => r.backend === "PostgreSQL");
  const perEvent = pg.map((r) => Number(r["s per 100k events"]));
  const linear =
    perEvent.length > 1
      ? `per-event time at the largest size is ${round(perEvent.at(-1)! / perEvent[0]!)}× that at the smallest (1× = linear)`
      : "one size only in quick mode";
  return [
    {
      title: `Rebuild of all ${PROJECTION_COUNT} projections`,
      rows,
      notes: [
        "log seeded through the command pipeline (500 customers, 4,000 orders), then grown by cloning order streams",
        "events/s = log events / seconds; each log event is applied by 1 to 4 projections (applications)",
        linear,
        "floor: the same log read once through the same readAll (decoded), while COPY writes every view's final rows (taken from the rebuild, so nothing is folded) into the same emptied tables with their indexes, a connection per table, all at once; ratio = floor seconds / rebuild seconds",
        "goals: ≥ 20,000 events/s on PostgreSQL, linear in the event count, ≥ 0.5× the floor",
      ],
    },
  ];
}

/** Rebuilds in an in-memory PGlite holding a copy of the PostgreSQL log. */
async function rebuildPGliteCopy(options: DatabaseOptions): Promise<Rebuilt> {
  const source = await createApp({ masterKeys: MASTER_KEYS, database: options, startProjections: false });
  let copy: App;
  try {
    copy = await copyToPGlite(source);
  } finally {
    await source.close();
  }
  try {
    return await rebuildIn(copy);
  } finally {
    await copy.close();
  }
}

function row(backend: string, result: Rebuilt, floorSeconds?: number): Section["rows"][number] {
  const eventsPerSecond = Math.round(result.events / result.seconds);
  const ratio = floorSeconds === undefined ? undefined : floorSeconds / result.seconds;
  return {
    backend,
    "log events": result.events,
    applications: result.applied,
    seconds: round(result.seconds, 1),
    "events/s": eventsPerSecond,
    "applications/s": Math.round(result.applied / result.seconds),
    "s per 100k events": round((result.seconds / result.events) * 100_000, 2),
    "floor s": floorSeconds === undefined ? "" : round(floorSeconds, 1),
    "× floor": ratio === undefined ? "" : round(ratio),
    goal: backend === "PostgreSQL" ? "≥ 20,000 events/s, ≥ 0.5× floor" : "",
    met: ratio === undefined ? "" : eventsPerSecond >= 20_000 && ratio >= 0.5 ? "yes" : "no",
  };
}
