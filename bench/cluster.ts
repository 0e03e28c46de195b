/**
 * One instance versus three on one PostgreSQL (each in its own process, role all: one of
 * them wins every projection's lock): depositMoney throughput with the same 32 connections
 * spread over the instances, and read-after-write across instances — the mutation on one
 * instance, the caughtUp subscription on another.
 */
import { print } from "graphql";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { CaughtUpDocument } from "../test/generated/graphql.js";
import { openAccount } from "./read-after-write.js";
import { CONNECTION_PARAMS, createDatabase, gql, load, startCatchup, summarize, type Options, type Section, type Server } from "./support.js";

async function measure(servers: Server[], seconds: number, iterations: number) {
  const [writer] = servers;
  const reader = servers.at(-1)!;
  const accounts = await Promise.all(Array.from({ length: 64 }, () => openAccount(writer!.url)));
  const bodies = accounts.map((accountId) => ({ query: "mutation($a: ID!) { depositMoney(input: { accountId: $a, amountCents: 1 }) { position } }", variables: { a: accountId } }));
  // 32 connections in all, split over the instances, each share from its own load process.
  const connections = (index: number) => Math.floor(32 / servers.length) + (index < 32 % servers.length ? 1 : 0);
  await Promise.all(servers.map((server) => load(server.url, bodies, 4, 1))); // warm up
  const results = await Promise.all(servers.map((server, index) => load(server.url, bodies, connections(index), seconds)));
  const throughput = results.reduce((sum, result) => sum + result.requestsPerSecond, 0);
  const errors = results.reduce((sum, result) => sum + result.errors + result.graphqlErrors, 0);

  const ws = createClient({ url: reader.url.replace("http", "ws"), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: CONNECTION_PARAMS });
  try {
    const caughtUp = (position: string) =>
      new Promise<boolean>((resolve, reject) => {
        let answer = false;
        ws.subscribe<{ caughtUp: { caughtUp: boolean } }>(
          { query: print(CaughtUpDocument), variables: { position } },
          { next: (result) => void (answer = result.data?.caughtUp.caughtUp ?? false), error: reject, complete: () => resolve(answer) },
        );
      });
    const deposit = () =>
      gql<{ depositMoney: { position: string } }>(writer!.url, "mutation($a: ID!) { depositMoney(input: { accountId: $a, amountCents: 1 }) { position } }", { a: accounts[0] });
    for (let i = 0; i < 30; i++) await caughtUp((await deposit()).depositMoney.position);
    const latencies: number[] = [];
    let late = 0;
    for (let i = 0; i < iterations; i++) {
      const { depositMoney } = await deposit();
      const responded = performance.now();
      if (!(await caughtUp(depositMoney.position))) late++;
      latencies.push(performance.now() - responded);
    }
    return { throughput, errors, p99s: results.map((result) => result.p99), raw: summarize(latencies), late };
  } finally {
    await ws.dispose();
  }
}

export async function run({ quick }: Options): Promise<Section[]> {
  const seconds = quick ? 5 : 15;
  const iterations = quick ? 200 : 500;
  const rows: Section["rows"] = [];
  for (const count of [1, 3]) {
    const database = await createDatabase(`cluster${count}`);
    const servers: Server[] = [];
    try {
      for (let i = 0; i < count; i++) servers.push(await startCatchup(database.url, { CATCHUP_DB_POOL_SIZE: String(Math.ceil(20 / count)) }));
      const result = await measure(servers, seconds, iterations);
      rows.push({
        instances: count,
        "depositMoney/s": result.throughput,
        "p99 ms (per instance)": result.p99s.join(" / "),
        errors: result.errors,
        "response → caughtUp p50 ms": result.raw.p50,
        "p99 ms": result.raw.p99,
        "max ms": result.raw.max,
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
        `each instance in its own process (role all; one of them runs every projection); 32 connections in all for ${seconds} s, split over the instances, one autocannon process per instance; PostgreSQL pool of 20 connections in all`,
        `read-after-write: ${iterations} sequential deposits on the first instance, each followed by a caughtUp subscription on the last (with three: another process, reached through LISTEN/NOTIFY)`,
        "the three instances share the same 2 cores as PostgreSQL and the load generators: this measures the coordination cost, not scale-out",
      ],
    },
  ];
}
