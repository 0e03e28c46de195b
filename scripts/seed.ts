/**
 * npm run seed -- --customers N --orders M [--concurrency C]
 *
 * Fills the database with realistic demo data through the real command pipeline (see
 * ./seeding.ts). With a server running (found as scripts/server.ts says), it sends the
 * commands to that server as GraphQL mutations, and its projections follow at once;
 * without one, it runs them in this process against DATABASE_URL or the PGlite data
 * directory, and projections catch up on the next server start (or right away with
 * `npm run projections -- rebuild --all`).
 */
import { createApp, databaseOptions, masterKeysOf } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { seed, throughServer, type Seeded, type SeedOptions } from "./seeding.js";
import { answers, serverUrl } from "./server.js";

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isSafeInteger(value) || value < 0) {
    console.error(`--${name} takes a whole number, got ${process.argv[index + 1]}`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const options: SeedOptions = {
    customers: option("customers", 100),
    orders: option("orders", 1000),
    concurrency: option("concurrency", 8),
    progress: true,
  };
  const config = loadConfig();
  const url = serverUrl(config);
  let seeded: Seeded;
  if (await answers(url)) {
    console.log(`Seeding through the server at ${url} (its projections follow as the commands land)`);
    seeded = await seed(throughServer(url), options);
  } else {
    console.log(`No server at ${url}: seeding the database in this process (projections catch up on the next start)`);
    const app = await createApp({ database: databaseOptions(config), masterKeys: masterKeysOf(config), startProjections: false });
    try {
      seeded = await seed(app, options);
    } finally {
      await app.close();
    }
  }
  console.log(
    `Seeded ${seeded.customerIds.length} customers (${seeded.accountIds.length} accounts), ${seeded.productIds.length} products, ` +
      `${seeded.orderIds.length} orders in ${seeded.seconds.toFixed(1)} s; the log now holds ${seeded.events} events.`,
  );
}

main().catch((error: unknown) => {
  console.error(`seed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
