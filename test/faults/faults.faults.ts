/**
 * `npm run test:faults`: the server as a real process on PostgreSQL, under concurrent load,
 *
 * 1. killed with SIGKILL mid-load and restarted: every command acknowledged before the kill
 *    is in the log exactly once, every unacknowledged one retried with its commandId lands
 *    exactly once, and every projection converges to a from-scratch rebuild;
 * 2. with its database connections terminated (pg_terminate_backend) and PostgreSQL itself
 *    restarted: /readyz reports the outage, the server reconnects, projectors resume from
 *    their checkpoints, and no event is lost or applied twice.
 *
 * Each run prints the figures (commands, retries, outage) for the README's Reliability section.
 */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import {
  admin,
  createDatabase,
  data,
  rebuildAll,
  restartPostgres,
  send,
  setUp,
  settle,
  sleep,
  snapshot,
  startServer,
  type Command,
  type ServerProcess,
} from "./support.js";

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

function kill(server: ServerProcess): Promise<unknown> {
  if (server.child.exitCode === null) server.child.kill("SIGKILL");
  return server.exited;
}

/** A command of the load: a deposit (70 %) or a one-line order (30 %). */
function nextCommand(world: Awaited<ReturnType<typeof setUp>>): Command {
  const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;
  if (Math.random() < 0.7)
    return {
      kind: "deposit",
      commandId: randomUUID(),
      accountId: pick(world.accounts).id,
      amountCents: 1 + Math.floor(Math.random() * 1000),
    };
  return {
    kind: "order",
    commandId: randomUUID(),
    customerId: pick(world.customerIds),
    productId: pick(world.productIds),
    quantity: 1 + Math.floor(Math.random() * 5),
  };
}

/** What the log must hold: every command exactly once, deposits summing to each balance. */
async function verifyLog(databaseUrl: string, serverUrl: string, commands: Command[], world: Awaited<ReturnType<typeof setUp>>) {
  const ids = commands.map((command) => command.commandId);
  const recorded = await admin<{ command_id: string; events: string }>(
    databaseUrl,
    `SELECT c.command_id, (SELECT count(*) FROM events e WHERE e.metadata->>'commandId' = c.command_id)::text AS events
     FROM commands c WHERE c.command_id = ANY($1)`,
    [ids],
  );
  expect(recorded.length, "every command is in the log").toBe(ids.length);
  expect(
    recorded.filter((row) => row.events !== "1"),
    "each command wrote its one event, once",
  ).toEqual([]);
  for (const account of world.accounts) {
    const deposits = commands.filter((command) => command.kind === "deposit" && command.accountId === account.id);
    const expected = deposits.reduce((sum, command) => sum + (command.kind === "deposit" ? command.amountCents : 0), 0);
    const { account: read } = await data<{ account: { balanceCents: number } }>(
      serverUrl,
      "query($id: ID!) { account(id: $id, consistent: true) { balanceCents } }",
      { id: account.id },
    );
    expect(read.balanceCents, `balance of ${account.id}`).toBe(expected);
  }
}

/** Projections at the head equal a rebuild from scratch. */
async function verifyProjections(serverUrl: string, databaseUrl: string) {
  await settle(serverUrl, databaseUrl);
  const incremental = await snapshot(databaseUrl);
  await rebuildAll(serverUrl, databaseUrl);
  const rebuilt = await snapshot(databaseUrl);
  for (const table of Object.keys(rebuilt)) expect(incremental[table], `${table} after recovery equals a rebuild`).toEqual(rebuilt[table]);
  expect(Object.values(rebuilt).reduce((sum, rows) => sum + rows.length, 0)).toBeGreaterThan(0);
}

describe("faults", () => {
  it("SIGKILL mid-load: acknowledged writes survive exactly once, retried ones land exactly once, projections converge", async () => {
    const database = await createDatabase("crash");
    cleanups.push(() => database.drop());
    const first = await startServer(database.url);
    cleanups.push(() => kill(first));
    const world = await setUp(first.url, 6, 4);

    const sent: Command[] = [];
    const acknowledged = new Map<string, string>(); // commandId → position
    let killed = false;
    const worker = async () => {
      while (!killed) {
        const command = nextCommand(world);
        sent.push(command);
        try {
          const result = await send(first.url, command);
          if ("position" in result && !killed) acknowledged.set(command.commandId, result.position);
        } catch {
          // The server died under this request: it stays unacknowledged.
        }
      }
    };
    const workers = Array.from({ length: 16 }, worker);
    await sleep(2500);
    killed = true;
    first.child.kill("SIGKILL");
    expect(await first.exited).toBe(null);
    await Promise.all(workers);

    const second = await startServer(database.url);
    cleanups.push(() => kill(second));
    // A client retries what it never saw acknowledged, with the same commandId.
    const unacknowledged = sent.filter((command) => !acknowledged.has(command.commandId));
    let committedBeforeKill = 0;
    const committed = new Set(
      (
        await admin<{ command_id: string }>(database.url, "SELECT command_id FROM commands WHERE command_id = ANY($1)", [
          unacknowledged.map((c) => c.commandId),
        ])
      ).map((row) => row.command_id),
    );
    for (const command of unacknowledged) {
      if (committed.has(command.commandId)) committedBeforeKill++;
      const result = await send(second.url, command);
      expect(result, `retry of ${command.kind} ${command.commandId}`).toHaveProperty("position");
    }
    // Acknowledged positions are the ones the log holds.
    const positions = new Map(
      (
        await admin<{ command_id: string; position: string }>(
          database.url,
          "SELECT command_id, position::text FROM commands WHERE command_id = ANY($1)",
          [[...acknowledged.keys()]],
        )
      ).map((row) => [row.command_id, row.position]),
    );
    for (const [commandId, position] of acknowledged) expect(positions.get(commandId), commandId).toBe(position);

    await verifyLog(database.url, second.url, sent, world);
    await verifyProjections(second.url, database.url);
    console.log(
      `[faults] SIGKILL: ${sent.length} commands from 16 clients in 2.5 s; ${acknowledged.size} acknowledged before the kill, ` +
        `${unacknowledged.length} retried (${committedBeforeKill} had committed unacknowledged, replayed by commandId); lost: 0, duplicated: 0`,
    );
    await kill(second);
  });

  it("connections terminated and PostgreSQL restarted under load: unready during the outage, then recovers with nothing lost or applied twice", async () => {
    const database = await createDatabase("outage");
    cleanups.push(() => database.drop());
    const server = await startServer(database.url);
    cleanups.push(() => kill(server));
    const world = await setUp(server.url, 4, 3);
    const readyz = server.url.replace("/graphql", "/readyz");
    expect((await fetch(readyz)).status).toBe(200);

    const done: Command[] = [];
    const errors = new Map<string, number>();
    let stopping = false;
    // Each client retries a command (same commandId) until it is acknowledged.
    const worker = async () => {
      while (!stopping) {
        const command = nextCommand(world);
        for (let attempt = 0; ; attempt++) {
          try {
            const result = await send(server.url, command);
            if ("position" in result) break;
            errors.set(result.code, (errors.get(result.code) ?? 0) + 1);
          } catch (error) {
            errors.set("network", (errors.get("network") ?? 0) + 1);
          }
          if (attempt > 600) throw new Error(`command ${command.commandId} never succeeded`);
          await sleep(50);
        }
        done.push(command);
      }
    };
    const readiness: number[] = [];
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        readiness.push(
          await fetch(readyz, { signal: AbortSignal.timeout(3000) }).then(
            (response) => response.status,
            () => 0,
          ),
        );
        await sleep(100);
      }
    })();
    const workers = Array.from({ length: 8 }, worker);

    await sleep(1000);
    const terminated = await admin<{ pid: number }>(
      database.url.replace(`/${database.name}`, "/postgres"),
      `SELECT pid FROM (SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() OFFSET 0) AS server
       WHERE pg_terminate_backend(pid)`,
      [database.name],
    );
    await sleep(1000);
    const outageStarted = Date.now();
    await restartPostgres();
    const restartSeconds = (Date.now() - outageStarted) / 1000;
    // Ready again within 60 s of the restart.
    let recoveredAfter = Number.NaN;
    let lastAnswer = "";
    for (const started = Date.now(); Date.now() - started < 60_000; await sleep(100)) {
      const response = await fetch(readyz).catch(() => null);
      lastAnswer = (await response?.text()) ?? "no answer";
      if (response?.status === 200) {
        recoveredAfter = (Date.now() - outageStarted) / 1000;
        break;
      }
    }
    expect(recoveredAfter, `ready again after the restart (which took ${restartSeconds} s); /readyz said ${lastAnswer}`).toBeLessThan(60);
    await sleep(1000);
    stopping = true;
    await Promise.all(workers);
    watching = false;
    await watcher;

    expect(readiness, "/readyz said 503 during the outage").toContain(503);
    expect(readiness.at(-1)).toBe(200);
    const { projections } = await data<{ projections: { state: string; lastError: string | null }[] }>(
      server.url,
      "{ projections { state lastError } }",
    );
    expect(projections.every((projection) => projection.state === "RUNNING")).toBe(true);
    await verifyLog(database.url, server.url, done, world);
    await verifyProjections(server.url, database.url);
    console.log(
      `[faults] outage: ${done.length} commands from 8 retrying clients; ${terminated.length} connections terminated, then PostgreSQL stopped, left down 10 s and started ` +
        `(${restartSeconds.toFixed(1)} s); ready again ${recoveredAfter.toFixed(1)} s after the restart began; errors seen and retried: ` +
        `${JSON.stringify(Object.fromEntries(errors))}; lost: 0, duplicated: 0`,
    );
    await kill(server);
  });
});
