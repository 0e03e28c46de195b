/**
 * Commands over GraphQL at 32 concurrent HTTP connections (load from a separate process), and
 * depositMoney against its floor: a bare Apollo Server whose mutation does one INSERT of an
 * event row in autocommit (bench/floor-server.ts), behind the same load, measured in turns.
 */
import { openAccount } from "./read-after-write.js";
import {
  cpuMeter,
  createDatabase,
  gql,
  load,
  ratio,
  startCatchup,
  startProcess,
  type LoadResult,
  type Options,
  type Section,
} from "./support.js";

export async function run({ quick }: Options): Promise<Section[]> {
  const seconds = quick ? 5 : 15;
  const database = await createDatabase("commands");
  const server = await startCatchup(database.url);
  const floor = await startProcess("bench/floor-server.ts", { DATABASE_URL: database.url });
  try {
    const accounts = await Promise.all(Array.from({ length: 64 }, () => openAccount(server.url)));
    const customers: string[] = [];
    for (let i = 0; i < 16; i++) {
      const { registerCustomer } = await gql<{ registerCustomer: { streamId: string } }>(
        server.url,
        `mutation($e: String!) { registerCustomer(input: { name: "Bench", email: $e, phone: "+1 555 0100",
           address: { line1: "1 Main St", city: "Springfield", postalCode: "12345", country: "US" } }) { streamId } }`,
        { e: `orders-${i}-${crypto.randomUUID()}@example.com` },
      );
      customers.push(registerCustomer.streamId);
    }
    const products: string[] = [];
    for (let i = 0; i < 16; i++) {
      const { addProduct } = await gql<{ addProduct: { streamId: string } }>(
        server.url,
        `mutation($s: String!) { addProduct(input: { sku: $s, name: "Bench product", priceCents: 999 }) { streamId } }`,
        { s: `BENCH-${i}-${crypto.randomUUID().slice(0, 8)}` },
      );
      products.push(addProduct.streamId);
    }
    const deposits = accounts.map((accountId) => ({
      query: "mutation($a: ID!) { depositMoney(input: { accountId: $a, amountCents: 1 }) { position } }",
      variables: { a: accountId },
    }));
    const orders = Array.from({ length: 256 }, (_, i) => ({
      query: "mutation($c: ID!, $p: ID!) { createOrder(input: { customerId: $c, items: [{ productId: $p, quantity: 2 }] }) { position } }",
      variables: { c: customers[i % customers.length], p: products[i % products.length] },
    }));
    const rows: Section["rows"] = [];
    // depositMoney against its floor, in turns (Catchup, floor, Catchup, floor): the best of each.
    const floorBodies = accounts.map((accountId) => ({
      query: "mutation($a: ID!) { depositMoney(accountId: $a, amountCents: 1) }",
      variables: { a: accountId },
    }));
    await load(floor.url, floorBodies, 8, 1); // warm up
    await load(server.url, deposits, 8, 1);
    // Each run also says what a command cost in CPU: the server's process, and PostgreSQL's.
    type Measured = LoadResult & { cpu: string };
    const measured = async (pid: number, url: string, bodies: unknown[]): Promise<Measured> => {
      const meter = cpuMeter(pid);
      const result = await load(url, bodies, 32, seconds);
      const used = meter.stop();
      const perCommand = (ms: number) => Math.round((ms * 1000) / Math.max(1, result.requests));
      return { ...result, cpu: `${perCommand(used.server)} / ${perCommand(used.postgres)}` };
    };
    let ours: Measured = { requestsPerSecond: 0, p50: 0, p99: 0, requests: 0, errors: 0, graphqlErrors: 0, cpu: "" };
    let base: Measured = { ...ours };
    for (let round = 0; round < 2; round++) {
      const catchup = await measured(server.pid, server.url, deposits);
      if (catchup.requestsPerSecond > ours.requestsPerSecond) ours = catchup;
      const bare = await measured(floor.pid, floor.url, floorBodies);
      if (bare.requestsPerSecond > base.requestsPerSecond) base = bare;
    }
    rows.push({
      command: "depositMoney vs its floor (best of 2 rounds)",
      "commands/s": ours.requestsPerSecond,
      "p50 ms": ours.p50,
      "p99 ms": ours.p99,
      "floor/s": base.requestsPerSecond,
      "floor p99 ms": base.p99,
      "vs floor": ratio(ours.requestsPerSecond, base.requestsPerSecond),
      "CPU µs per command, server / PostgreSQL": `${ours.cpu}; floor ${base.cpu}`,
      goal: "≥ 0.6×",
      met: ours.requestsPerSecond >= 0.6 * base.requestsPerSecond ? "yes" : "no",
    });
    for (const [name, bodies] of [
      ["depositMoney (64 accounts)", deposits],
      ["createOrder (16 customers × 16 products)", orders],
    ] as const) {
      await load(server.url, bodies, 8, 1); // warm up
      const result = await load(server.url, bodies, 32, seconds);
      rows.push({
        command: name,
        "commands/s": result.requestsPerSecond,
        "p50 ms": result.p50,
        "p99 ms": result.p99,
        requests: result.requests,
        "errors (HTTP / GraphQL)": `${result.errors} / ${result.graphqlErrors}`,
      });
    }
    return [
      {
        title: "Commands over GraphQL (PostgreSQL, 32 connections)",
        rows,
        notes: [
          `${seconds} s each with autocannon in its own process; server in its own process (pool of 20 connections); EVENTUAL consistency; projections running`,
          "floor: a bare Apollo Server (no type-graphql, no authentication, no log line) whose depositMoney does one INSERT of an event row in autocommit (one round trip; no version check, no idempotency record, no projection), on the same database, pool of 20",
          "CPU µs per command: user + system time of the server's process and of every PostgreSQL process over the run (/proc), divided by the commands done; the load generator's own CPU is not in it, and the two cores are shared by all three",
        ],
      },
    ];
  } finally {
    await floor.stop();
    await server.stop();
    await database.drop();
  }
}
