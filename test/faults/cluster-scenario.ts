/**
 * Three instances on one PostgreSQL: C runs the projections (started first, it takes every
 * projection's lock), A stands by (role all), B serves only the API. Writes go through A,
 * subscriptions through B, reads through C — until C, the projector leader, is killed
 * mid-load: A must take over within the failover bound, nothing may be lost or applied
 * twice, and B's subscribers must still see every account reach its final version. Run by
 * the faults project on the machine's PostgreSQL, and by the replicas project with B and C
 * reading through a streaming replica.
 */
import { randomUUID } from "node:crypto";
import { createClient, type Client } from "graphql-ws";
import { expect } from "vitest";
import WebSocket from "ws";
import { createScratchDatabase } from "../../scripts/scratch-database.js";
import { PROJECTION_NAMES } from "../support/read-models.js";
import {
  admin,
  AUTHORIZATION,
  data,
  rebuildAll,
  send,
  setUp,
  settle,
  sleep,
  snapshot,
  startServer,
  type Command,
  type ServerProcess,
} from "./support.js";

/** How often standbys try for a projection's lock in these tests (CATCHUP_FAILOVER_MS). */
export const FAILOVER_MS = 500;

async function states(url: string): Promise<string[]> {
  const { projections } = await data<{ projections: { state: string }[] }>(url, "{ projections { state } }");
  return projections.map((projection) => projection.state);
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check().catch(() => false)) return Date.now() - started;
    await sleep(20);
  }
  throw new Error(`timed out waiting until ${what}`);
}

export async function threeInstances({
  server,
  replicaOf,
  cleanups,
}: {
  /** The PostgreSQL server the scenario makes its database on. */
  server: string;
  /** The URL of a database on the replica (when B and C read through one). */
  replicaOf?: (databaseUrl: string) => string;
  cleanups: (() => Promise<unknown>)[];
}): Promise<void> {
  const database = await createScratchDatabase(server, `catchup_faults_cluster`);
  cleanups.push(() => database.drop());
  const env = { CATCHUP_FAILOVER_MS: String(FAILOVER_MS) };
  const start = async (role: string, reads: Record<string, string> = {}) => {
    const server = await startServer(database.url, { ...env, CATCHUP_ROLE: role, ...reads });
    cleanups.push(async () => {
      if (server.child.exitCode === null) server.child.kill("SIGKILL");
      await server.exited;
    });
    return server;
  };
  // B and C read through the replica, when there is one; A, which takes the writes, from the primary.
  const reads: Record<string, string> = replicaOf
    ? { CATCHUP_READ_DATABASE_URL: replicaOf(database.url), CATCHUP_READ_CHECK_MS: "100" }
    : {};
  const c: ServerProcess = await start("all", reads);
  await until("C runs every projection", async () => (await states(c.url)).every((state) => state === "RUNNING"));
  const a = await start("all");
  const b = await start("api", reads);
  if (replicaOf) {
    for (const server of [b, c]) {
      await until("its replica is in rotation", async () => {
        const readiness = (await (await fetch(server.url.replace("/graphql", "/readyz"))).json()) as { replicas?: { state: string }[] };
        return readiness.replicas?.[0]?.state === "healthy";
      });
    }
  }
  expect(await states(a.url)).toEqual(Array(PROJECTION_NAMES.length).fill("STANDBY"));
  expect(await states(b.url)).toEqual(Array(PROJECTION_NAMES.length).fill("STANDBY"));

  const world = await setUp(a.url, 2, 1);

  // Read-after-write across instances: written on A, projected on C, waited for on A, B and C.
  const first = await data<{ depositMoney: { position: string; caughtUp: boolean } }>(
    a.url,
    "mutation($i: DepositMoneyInput!) { depositMoney(input: $i, consistency: STRONG) { position caughtUp } }",
    { i: { accountId: world.accounts[0]!.id, amountCents: 500 } },
  );
  expect(first.depositMoney.caughtUp).toBe(true);
  const onC = await data<{ account: { balanceCents: number } }>(
    c.url,
    "query($id: ID!, $p: Position) { account(id: $id, minPosition: $p) { balanceCents } }",
    {
      id: world.accounts[0]!.id,
      p: first.depositMoney.position,
    },
  );
  expect(onC.account.balanceCents).toBe(500);

  const ws: Client = createClient({
    url: b.url.replace("http", "ws"),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: AUTHORIZATION },
  });
  cleanups.push(async () => {
    await ws.dispose();
  });
  const caughtUpOnB = await new Promise<unknown>((resolve, reject) => {
    ws.subscribe(
      { query: "subscription($p: Position!) { caughtUp(position: $p) { caughtUp } }", variables: { p: first.depositMoney.position } },
      { next: resolve, error: reject, complete: () => {} },
    );
  });
  expect(caughtUpOnB).toMatchObject({ data: { caughtUp: { caughtUp: true } } });

  // B's subscribers: every version each account's row reaches.
  const seen = new Map<string, number[]>();
  for (const account of world.accounts) {
    seen.set(account.id, []);
    ws.subscribe(
      {
        query: "subscription($id: ID!) { readModelChanged(projection: ACCOUNT_BALANCE, id: $id) { version } }",
        variables: { id: account.id },
      },
      {
        next: (result) => seen.get(account.id)!.push((result.data as { readModelChanged: { version: number } }).readModelChanged.version),
        error: () => {},
        complete: () => {},
      },
    );
  }
  await sleep(300);

  // Load through A; C is killed a second in.
  const commands: Command[] = [{ kind: "deposit", commandId: randomUUID(), accountId: world.accounts[0]!.id, amountCents: 500 }];
  let stopping = false;
  const worker = async () => {
    while (!stopping) {
      const account = world.accounts[Math.floor(Math.random() * world.accounts.length)]!;
      const command: Command = {
        kind: "deposit",
        commandId: randomUUID(),
        accountId: account.id,
        amountCents: 1 + Math.floor(Math.random() * 100),
      };
      for (let attempt = 0; ; attempt++) {
        const result = await send(a.url, command).catch(() => ({ code: "network" }));
        if ("position" in result) break;
        if (attempt > 200) throw new Error(`deposit ${command.commandId} never succeeded: ${result.code}`);
        await sleep(20);
      }
      commands.push(command);
    }
  };
  const workers = Array.from({ length: 8 }, worker);
  await sleep(1000);
  const killedAt = Date.now();
  c.child.kill("SIGKILL");
  const failoverMs = await until("A runs every projection", async () => (await states(a.url)).every((state) => state === "RUNNING"));
  const takeover = Date.now() - killedAt;
  await sleep(1500);
  stopping = true;
  await Promise.all(workers);

  await settle(a.url, database.url);
  const [{ last }] = (await admin<{ last: string }>(database.url, "SELECT max(position)::text AS last FROM events")) as [{ last: string }];
  // Nothing lost, nothing applied twice: the log has each command once, and the view
  // (projected first on C, then on A) holds each account's exact balance and version.
  const recorded = await admin<{ n: string }>(database.url, "SELECT count(*)::text AS n FROM commands WHERE command_id = ANY($1)", [
    commands.slice(1).map((command) => command.commandId),
  ]);
  expect(Number(recorded[0]!.n)).toBe(commands.length - 1);
  for (const account of world.accounts) {
    const expected = commands
      .filter((command) => command.kind === "deposit" && command.accountId === account.id)
      .reduce((sum, command) => sum + (command.kind === "deposit" ? command.amountCents : 0), 0);
    const stream = await admin<{ version: number }>(database.url, "SELECT max(version) AS version FROM events WHERE stream_id = $1", [
      account.id,
    ]);
    const view = await data<{ account: { balanceCents: number; version: number } }>(
      b.url,
      "query($id: ID!, $p: Position) { account(id: $id, minPosition: $p) { balanceCents version } }",
      { id: account.id, p: last },
    );
    expect(view.account, `account ${account.id} as projected`).toEqual({ balanceCents: expected, version: stream[0]!.version });
    // B's subscribers saw the row advance, in order, to its final version.
    await until(
      `B saw account ${account.id} reach version ${stream[0]!.version}`,
      async () => seen.get(account.id)!.at(-1) === stream[0]!.version,
      5000,
    );
    const versions = seen.get(account.id)!;
    expect(versions, "versions only go up").toEqual([...versions].sort((x, y) => x - y));
    expect(new Set(versions).size).toBe(versions.length);
  }
  const incremental = await snapshot(database.url);
  await rebuildAll(a.url, database.url);
  expect(await snapshot(database.url)).toEqual(incremental);

  const notifications = [...seen.values()].reduce((sum, versions) => sum + versions.length, 0);
  console.log(
    `[${replicaOf ? "replicas" : "faults"}] cluster${replicaOf ? " (B and C reading through a replica)" : ""}: ${commands.length} deposits through A (8 clients); C (leader of all ${PROJECTION_NAMES.length} projections) killed with SIGKILL after 1 s; ` +
      `A ran all ${PROJECTION_NAMES.length} after ${takeover} ms (failover setting ${FAILOVER_MS} ms; detected by polling every 20 ms: ${failoverMs} ms); ` +
      `B's 4 subscriptions received ${notifications} row changes, each account up to its final version; lost 0, applied twice 0`,
  );
}
