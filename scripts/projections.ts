/**
 * npm run projections -- status
 * npm run projections -- rebuild ORDER_SUMMARY [CUSTOMER_ORDERS …]
 * npm run projections -- rebuild --all
 *
 * With a Catchup server running (found as scripts/server.ts says: CATCHUP_URL, the server
 * holding the embedded database, or http://HOST:PORT/graphql), the server does the work while it keeps serving the other views, and this command shows
 * its progress. With no server, it opens the database itself (DATABASE_URL, or the PGlite
 * data directory) and rebuilds in this process.
 */
import { createApp, databaseOptions, masterKeysOf } from "../src/app.js";
import { ConfigError, loadConfig } from "../src/config.js";
import type { ProjectionStatus } from "../src/core/projector.js";
import { readModelsOf } from "../src/graphql/module.js";
import { MODULES } from "../src/modules/index.js";
import { gql, serverUrl } from "./server.js";

interface Status {
  name: string;
  state: string;
  position: bigint;
  headPosition: bigint;
  lastError: string | null;
}

const NAMES = readModelsOf(MODULES).map((readModel) => readModel.projection.name);

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const url = serverUrl();
  if (command === "status") return status(url);
  if (command === "rebuild") {
    const names = rest.includes("--all") ? NAMES : rest.map((name) => name.toUpperCase());
    const unknown = names.filter((name) => !NAMES.includes(name));
    if (names.length === 0 || unknown.length > 0) {
      console.error(unknown.length > 0 ? `unknown projection: ${unknown.join(", ")}` : "name a projection, or --all");
      console.error(`projections: ${NAMES.join(", ")}`);
      return 2;
    }
    return rebuild(url, names);
  }
  console.error("usage: npm run projections -- status | rebuild NAME… | rebuild --all");
  return 2;
}

const STATUS_FIELDS = "name state position headPosition lastError";

function parse(raw: { name: string; state: string; position: string; headPosition: string; lastError: string | null }): Status {
  return { ...raw, position: BigInt(raw.position), headPosition: BigInt(raw.headPosition) };
}

async function serverStatus(url: string): Promise<Status[] | null> {
  try {
    const data = await gql<{ projections: Parameters<typeof parse>[0][] }>(url, `{ projections { ${STATUS_FIELDS} } }`);
    return data.projections.map(parse);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------

async function status(url: string): Promise<number> {
  const fromServer = await serverStatus(url);
  const rows =
    fromServer ??
    (await withLocalApp(async (app) => {
      await Promise.all(app.projector.runners.map((runner) => runner.start()));
      await app.store.head.refresh();
      const statuses = app.projector.status();
      await app.projector.stop();
      return statuses.map((row) => ({ ...row, state: "STOPPED (no server running)" }));
    }));
  console.log(fromServer ? `Projections of the server at ${url}:` : "No server is running; projections as stored:");
  const width = Math.max(...rows.map((row) => row.name.length));
  console.log(`${"NAME".padEnd(width)}  ${"STATE".padEnd(10)}  ${"POSITION".padStart(10)}  ${"HEAD".padStart(10)}  ${"LAG".padStart(8)}`);
  for (const row of rows) {
    const lag = row.headPosition > row.position ? row.headPosition - row.position : 0n;
    console.log(
      `${row.name.padEnd(width)}  ${row.state.padEnd(10)}  ${String(row.position).padStart(10)}  ${String(row.headPosition).padStart(10)}  ${String(lag).padStart(8)}` +
        (row.lastError ? `  error: ${row.lastError}` : ""),
    );
  }
  return 0;
}

async function rebuild(url: string, names: string[]): Promise<number> {
  if (await serverStatus(url)) {
    console.log(`Rebuilding ${names.join(", ")} in the server at ${url} (it keeps serving the other views)`);
    await gql(url, `mutation($p: [Projection!]) { rebuildProjections(projections: $p) { name } }`, { p: names });
    return follow(async () => ((await serverStatus(url)) ?? []).filter((row) => names.includes(row.name)));
  }
  console.log(`No server at ${url}: rebuilding ${names.join(", ")} in this process`);
  return withLocalApp(async (app) => {
    const runners = names.map((name) => app.projector.runner(name));
    app.projector.watcher.start();
    await Promise.all(runners.map((runner) => runner.rebuild()));
    const code = await follow(async () => runners.map((runner) => runner.status()), runners);
    await app.projector.stop();
    return code;
  });
}

/** Draws a progress bar until every projection is past REBUILDING. */
async function follow(read: () => Promise<Status[]>, local?: { status(): ProjectionStatus }[]): Promise<number> {
  const started = Date.now();
  const tty = process.stderr.isTTY;
  let lastLine = 0;
  for (;;) {
    const rows = await read();
    const done = rows.every((row) => row.state !== "REBUILDING");
    const position = rows.reduce((sum, row) => sum + row.position, 0n);
    const head = rows.reduce((sum, row) => sum + (row.headPosition > row.position ? row.headPosition : row.position), 0n);
    const fraction = head === 0n ? 1 : Number((position * 1000n) / head) / 1000;
    const seconds = (Date.now() - started) / 1000;
    const events = local ? local.reduce((sum, runner) => sum + runner.status().eventsApplied, 0) : null;
    const rate = seconds > 0 ? Math.round((events ?? Number(position)) / seconds) : 0;
    const bar = "#".repeat(Math.round(fraction * 30)).padEnd(30, ".");
    const line = `[${bar}] ${(fraction * 100).toFixed(1).padStart(5)}%  ${position}/${head} positions  ${
      events === null ? `${rate} positions/s` : `${events} events, ${rate} events/s`
    }  ${seconds.toFixed(1)} s`;
    if (tty) process.stderr.write(`\r${line}`);
    else if (done || Date.now() - lastLine > 1000) {
      console.log(line);
      lastLine = Date.now();
    }
    const failed = rows.filter((row) => row.state === "FAILED");
    if (failed.length > 0) {
      if (tty) process.stderr.write("\n");
      for (const row of failed) console.error(`${row.name} failed: ${row.lastError}`);
      return 1;
    }
    if (done) {
      if (tty) process.stderr.write("\n");
      console.log(`Rebuilt ${rows.map((row) => row.name).join(", ")} in ${seconds.toFixed(1)} s`);
      return 0;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function withLocalApp<T>(work: (app: Awaited<ReturnType<typeof createApp>>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const app = await createApp({ database: databaseOptions(config), masterKeys: masterKeysOf(config), startProjections: false });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`projections: ${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
