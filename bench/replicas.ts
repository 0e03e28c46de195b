/**
 * Reads from a streaming replica beside reads from the primary (issue 20): a primary and a
 * replica of the bench's own (test/support/replica-pair.ts, no apply delay), two servers on
 * the same database, one reading from the primary, one through the replica. Measured:
 * read-after-write (a deposit, then the account with minPosition, on the same server) and
 * orderSummary throughput. On one 2-core machine the replica adds a second PostgreSQL to the
 * same cores: this shows what the exact wait costs, not what a replica on its own machine gains.
 */
import { createApp } from "../src/app.js";
import { seed } from "../scripts/seeding.js";
import { createScratchDatabase } from "../scripts/scratch-database.js";
import { onReplica, startReplicaPair } from "../test/support/replica-pair.js";
import { gql, load, ratio, round, startCatchup, summarize, type Options, type Section, type Server, MASTER_KEYS } from "./support.js";

const ORDER_FIELDS =
  "id customerId customerName items { productId productName quantity unitPriceCents } totalCents status version position";

export async function run({ quick }: Options): Promise<Section[]> {
  const seconds = quick ? 4 : 10;
  const pair = await startReplicaPair();
  const rows: Section["rows"] = [];
  try {
    const database = await createScratchDatabase(pair.primaryUrl, "catchup_bench_replicas");
    const replicaUrl = onReplica(pair.replicaUrl, database.url);
    const app = await createApp({
      masterKeys: MASTER_KEYS,
      database: { kind: "postgres", url: database.url, poolSize: 16 },
      startProjections: false,
    });
    const seeded = await seed(
      app,
      quick ? { customers: 300, orders: 2000, concurrency: 16 } : { customers: 1000, orders: 10_000, concurrency: 16 },
    );
    await app.close();

    const servers: { target: string; server: Server }[] = [];
    // A third instance runs the projections, so that the two measured ones do the same work.
    const projector = await startCatchup(database.url, { CATCHUP_ROLE: "projector" });
    try {
      servers.push({ target: "primary", server: await startCatchup(database.url, { CATCHUP_ROLE: "api" }) });
      servers.push({
        target: "replica",
        server: await startCatchup(database.url, {
          CATCHUP_ROLE: "api",
          CATCHUP_READ_DATABASE_URL: replicaUrl,
          CATCHUP_READ_CHECK_MS: "200",
        }),
      });
      // Projections caught up (on whichever instance leads them), and the replica in rotation.
      for (;;) {
        const { projections } = await gql<{ projections: { lag: number; position: string }[] }>(
          servers[0]!.server.url,
          "{ projections { lag position } }",
        );
        const readiness = (await (await fetch(servers[1]!.server.url.replace("/graphql", "/readyz"))).json()) as {
          replicas?: { state: string }[];
        };
        if (
          projections.every((p) => p.lag === 0 && BigInt(p.position) >= BigInt(seeded.events)) &&
          readiness.replicas?.[0]?.state === "healthy"
        )
          break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const orderBodies = seeded.orderIds
        .slice(0, 1000)
        .map((id) => ({ query: `query($id: ID!) { orderSummary(id: $id) { ${ORDER_FIELDS} } }`, variables: { id } }));
      for (const { server } of servers) await load(server.url, orderBodies, 8, 1); // warm up

      const results = new Map<
        string,
        { throughput: number; p99: number; raw: ReturnType<typeof summarize>; read: ReturnType<typeof summarize> }
      >();
      // In turns, so that drift on this machine falls on both.
      for (const { target, server } of [...servers, ...servers]) {
        const throughput = await load(server.url, orderBodies, 32, seconds);
        const { total, read } = await readAfterWrite(server.url, seeded.accountIds, seconds);
        const previous = results.get(target);
        results.set(target, {
          throughput: Math.round(
            ((previous?.throughput ?? throughput.requestsPerSecond) + throughput.requestsPerSecond) / (previous ? 2 : 1),
          ),
          p99: Math.max(previous?.p99 ?? 0, throughput.p99),
          raw: total,
          read,
        });
      }
      const primary = results.get("primary")!;
      for (const [target, result] of results) {
        rows.push({
          reads: target === "primary" ? "primary" : "streaming replica",
          "write+read p50 ms": result.raw.p50,
          "write+read p99 ms": result.raw.p99,
          "read (minPosition) p50 ms": result.read.p50,
          "read p99 ms": result.read.p99,
          "orderSummary req/s": result.throughput,
          "orderSummary p99 ms": result.p99,
          "req/s vs primary": ratio(result.throughput, primary.throughput),
        });
      }
    } finally {
      for (const { server } of servers) await server.stop();
      await projector.stop();
      await database.drop();
    }
  } finally {
    pair.close();
  }
  return [
    {
      title: "Reads from a streaming replica beside reads from the primary (PostgreSQL 15, one machine)",
      rows,
      notes: [
        `two API instances on one database (a third runs the projections), one reading through the replica (CATCHUP_READ_DATABASE_URL); ${seconds} s per cell, each measured twice in turns`,
        "write+read: 16 clients, each a depositMoney then account(id, minPosition: its position) on the same server; read: the second half alone",
        "orderSummary: 32 connections (autocannon), the mean of the two turns and the worse p99",
        "one 2-core machine runs both PostgreSQL servers, both Catchup servers and the load: a replica's gain (reads off the primary's machine) cannot show here, only what replay and the exact wait cost",
      ],
    },
  ];
}

/** 16 clients: a deposit, then the account with minPosition, on the same server; latencies of the pair and of the read. */
async function readAfterWrite(url: string, accountIds: readonly string[], seconds: number) {
  const totals: number[] = [];
  const reads: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: 16 }, async (_, client) => {
      const id = accountIds[client % accountIds.length]!;
      while (performance.now() < until) {
        const started = performance.now();
        const { depositMoney } = await gql<{ depositMoney: { position: string } }>(
          url,
          "mutation($id: ID!) { depositMoney(input: { accountId: $id, amountCents: 1 }) { position } }",
          { id },
        );
        const written = performance.now();
        await gql(url, "query($id: ID!, $p: Position) { account(id: $id, minPosition: $p) { balanceCents } }", {
          id,
          p: depositMoney.position,
        });
        const done = performance.now();
        totals.push(done - started);
        reads.push(done - written);
      }
    }),
  );
  return { total: summarize(totals), read: summarize(reads), count: round(totals.length / seconds) };
}
