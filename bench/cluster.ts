/**
 * One instance versus three on one PostgreSQL (each in its own process, role all: one of
 * them wins every projection's lock): depositMoney throughput with the same 32 connections
 * spread over the instances, and read-after-write across instances — the mutation on one
 * instance, the caughtUp subscription on another.
 */
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { openAccount, waitCaughtUp } from "./read-after-write.js";
import {
  CONNECTION_PARAMS,
  createDatabase,
  gql,
  load,
  startCatchup,
  summarize,
  type Options,
  type Section,
  type Server,
} from "./support.js";

async function measure(servers: Server[], seconds: number, iterations: number) {
  const [writer] = servers;
  const reader = servers.at(-1)!;
  const accounts = await Promise.all(Array.from({ length: 64 }, () => openAccount(writer!.url)));
  const bodies = accounts.map((accountId) => ({
    query: "mutation($a: ID!) { depositMoney(input: { accountId: $a, amountCents: 1 }) { position } }",
    variables: { a: accountId },
  }));
  // 32 connections in all, spread over the instances by one load process (several load
  // processes would take the 2 cores from the servers: 3 of them cut one instance's rate in half).
  const urls = servers.map((server) => server.url);
  await load(urls, bodies, 8, 1); // warm up
  const result = await load(urls, bodies, 32, seconds);

  const ws = createClient({
    url: reader.url.replace("http", "ws"),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: CONNECTION_PARAMS,
  });
  try {
    const caughtUp = (position: string) => waitCaughtUp(ws, position);
    const deposit = () =>
      gql<{ depositMoney: { position: string } }>(
        writer!.url,
        "mutation($a: ID!) { depositMoney(input: { accountId: $a, amountCents: 1 }) { position } }",
        { a: accounts[0] },
      );
    for (let i = 0; i < 30; i++) await caughtUp((await deposit()).depositMoney.position);
    const latencies: number[] = [];
    let late = 0;
    for (let i = 0; i < iterations; i++) {
      const { depositMoney } = await deposit();
      const responded = performance.now();
      if (!(await caughtUp(depositMoney.position))) late++;
      latencies.push(performance.now() - responded);
    }
    return {
      throughput: result.requestsPerSecond,
      errors: result.errors + result.graphqlErrors,
      p99: result.p99,
      raw: summarize(latencies),
      late,
    };
  } finally {
    await ws.dispose();
  }
}

export async function run({ quick }: Options): Promise<Section[]> {
  const seconds = quick ? 4 : 15;
  const iterations = quick ? 150 : 500;
  const rows: Section["rows"] = [];
  for (const count of [1, 3]) {
    const database = await createDatabase(`cluster${count}`);
    const servers: Server[] = [];
    try {
      for (let i = 0; i < count; i++)
        servers.push(await startCatchup(database.url, { CATCHUP_DB_POOL_SIZE: String(Math.ceil(20 / count)) }));
      const result = await measure(servers, seconds, iterations);
      rows.push({
        instances: count,
        "depositMoney/s": result.throughput,
        "p99 ms": result.p99,
        errors: result.errors,
        "response → caughtUp p50 ms": result.raw.p50,
        "caughtUp p99 ms": result.raw.p99,
        "caughtUp max ms": result.raw.max,
        "caughtUp false": result.late,
      });
    } finally {
      for (const server of servers) await server.stop();
      await database.drop();
    }
  }
  return [
    {
      title: "One instance vs three (PostgreSQL)",
      rows,
      notes: [
        `each instance in its own process (role all; one of them runs every projection); 32 connections in all for ${seconds} s, spread over the instances from one autocannon process; PostgreSQL pool of 20 connections in all`,
        `read-after-write: ${iterations} sequential deposits on the first instance, each followed by a caughtUp subscription on the last (with three: another process, reached through LISTEN/NOTIFY)`,
        "the three instances share the same 2 cores as PostgreSQL and the load generators: this measures the coordination cost, not scale-out",
      ],
    },
  ];
}
