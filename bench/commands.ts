/** Commands over GraphQL at 32 concurrent HTTP connections (load from a separate process). */
import { openAccount } from "./read-after-write.js";
import { createDatabase, gql, load, startCatchup, type Options, type Section } from "./support.js";

export async function run({ quick }: Options): Promise<Section[]> {
  const seconds = quick ? 5 : 15;
  const database = await createDatabase("commands");
  const server = await startCatchup(database.url);
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
        ],
      },
    ];
  } finally {
    await server.stop();
    await database.drop();
  }
}
