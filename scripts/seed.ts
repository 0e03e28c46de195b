/**
 * npm run seed -- --customers N --orders M [--concurrency C]
 *
 * Fills the database with realistic demo data through the real command pipeline: customers
 * with accounts and some money movements, a catalog, and orders that are changed, shipped
 * or cancelled. Runs in this process against DATABASE_URL or the PGlite data directory
 * (stop a server that holds the data directory first). Projections catch up on the next
 * server start, or right away with `npm run projections -- rebuild --all`.
 */
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import { createApp, databaseOptions, type App } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { CatchupError } from "../src/core/errors.js";
import { callerOf } from "../src/application/command.js";
import * as accounts from "../src/modules/accounts/commands.js";
import * as catalog from "../src/modules/catalog/commands.js";
import * as customers from "../src/modules/customers/commands.js";
import * as orders from "../src/modules/orders/commands.js";

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

const FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Ken", "Frances", "John", "Radia", "Tim"];
const LAST = [
  "Lovelace",
  "Hopper",
  "Turing",
  "Dijkstra",
  "Liskov",
  "Knuth",
  "Hamilton",
  "Thompson",
  "Allen",
  "Backus",
  "Perlman",
  "Berners-Lee",
];
const CITIES = [
  ["London", "GB", "SW1A 1AA"],
  ["Paris", "FR", "75001"],
  ["Berlin", "DE", "10115"],
  ["New York", "US", "10001"],
  ["Tokyo", "JP", "100-0001"],
] as const;
const GOODS = ["Mug", "Teapot", "Notebook", "Pen", "Lamp", "Chair", "Desk", "Backpack", "Kettle", "Plant", "Clock", "Rug"];
const ADJECTIVES = ["Blue", "Classic", "Compact", "Deluxe", "Eco", "Large", "Mini", "Oak", "Steel", "Travel"];

let randomState = 42;
const random = () => (randomState = (randomState * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

export interface SeedOptions {
  customers: number;
  orders: number;
  concurrency?: number;
  /** Progress lines on stderr (TTY) or stdout. */
  progress?: boolean;
}

export interface Seeded {
  customerIds: string[];
  accountIds: string[];
  productIds: string[];
  orderIds: string[];
  events: number;
  seconds: number;
}

/** Seeds through the real command pipeline of `app` (its projections may run or not). */
export async function seed(app: App, options: SeedOptions): Promise<Seeded> {
  const customersWanted = options.customers;
  const ordersWanted = options.orders;
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const productsWanted = Math.max(1, Math.min(200, Math.ceil(ordersWanted / 20)));
  // Every command in a request of its own, by an admin named "seed".
  const seeder = () => callerOf({ role: "admin", subject: "seed" });
  const started = Date.now();
  let done = 0;
  let refused = 0;
  const total = customersWanted + productsWanted + ordersWanted;
  const progress = () => {
    if (!options.progress) return;
    const line = `seeding: ${done}/${total} commands groups (${refused} refused by the domain), ${((Date.now() - started) / 1000).toFixed(1)} s`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}`);
    else if (done % 500 === 0 || done === total) console.log(line);
  };

  /** Runs `work` for 0..count-1 with `concurrency` at a time. */
  async function pool(count: number, work: (index: number) => Promise<void>): Promise<void> {
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(concurrency, count) }, async () => {
        while (next < count) {
          const index = next++;
          try {
            await work(index);
          } catch (error) {
            if (!(error instanceof CatchupError)) throw error;
            refused++;
          }
          done++;
          progress();
        }
      }),
    );
  }

  const customerIds: string[] = [];
  const accountIds: string[] = [];
  await pool(customersWanted, async (i) => {
    const [city, country, postalCode] = pick(CITIES);
    const first = pick(FIRST);
    const last = pick(LAST);
    const { streamId } = await customers.registerCustomer(app, seeder(), {
      name: `${first} ${last}`,
      email: `${first}.${last}.${i}.${randomUUID().slice(0, 6)}@example.com`.toLowerCase(),
      phone: `+1 555 ${String(1000 + (i % 9000)).padStart(4, "0")}`,
      address: { line1: `${1 + (i % 200)} High Street`, line2: null, city, postalCode, country },
    });
    customerIds.push(streamId);
    if (random() < 0.5) {
      const account = await accounts.openAccount(app, seeder(), { customerId: streamId });
      accountIds.push(account.streamId);
      await accounts.depositMoney(app, seeder(), { accountId: account.streamId, amountCents: 1000 + Math.floor(random() * 100_000) });
      if (random() < 0.5) await accounts.withdrawMoney(app, seeder(), { accountId: account.streamId, amountCents: 500 });
    }
  });

  const productIds: string[] = [];
  await pool(productsWanted, async (i) => {
    const { streamId } = await catalog.addProduct(app, seeder(), {
      sku: `${pick(GOODS).toUpperCase()}-${i}-${randomUUID().slice(0, 4)}`,
      name: `${pick(ADJECTIVES)} ${pick(GOODS)}`,
      priceCents: 199 + Math.floor(random() * 20_000),
    });
    productIds.push(streamId);
    if (random() < 0.1)
      await catalog.changeProductPrice(app, seeder(), { productId: streamId, priceCents: 299 + Math.floor(random() * 20_000) });
  });

  if (ordersWanted > 0 && (customerIds.length === 0 || productIds.length === 0))
    throw new Error("orders need at least one customer and one product");
  const orderIds: string[] = [];
  await pool(ordersWanted, async () => {
    const lines = new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(productIds)));
    const { streamId: orderId } = await orders.createOrder(app, seeder(), {
      customerId: pick(customerIds),
      items: [...lines].map((productId) => ({ productId, quantity: 1 + Math.floor(random() * 4) })),
    });
    orderIds.push(orderId);
    if (random() < 0.2) await orders.addOrderItem(app, seeder(), { orderId, productId: pick(productIds), quantity: 1 });
    const fate = random();
    if (fate < 0.6)
      await orders.shipOrder(app, seeder(), {
        orderId,
        carrier: pick(["DHL", "UPS", "FedEx"]),
        trackingNumber: randomUUID().slice(0, 12).toUpperCase(),
      });
    else if (fate < 0.7) await orders.cancelOrder(app, seeder(), { orderId, reason: "customer changed their mind" });
  });

  if (options.progress && process.stderr.isTTY) process.stderr.write("\n");
  const [row] = await app.db.prisma.$queryRawUnsafe<{ events: bigint }[]>("SELECT count(*) AS events FROM events");
  return { customerIds, accountIds, productIds, orderIds, events: Number(row!.events), seconds: (Date.now() - started) / 1000 };
}

async function main(): Promise<void> {
  const customers = option("customers", 100);
  const orders = option("orders", 1000);
  const app = await createApp({ database: databaseOptions(loadConfig()), startProjections: false });
  try {
    const seeded = await seed(app, { customers, orders, concurrency: option("concurrency", 8), progress: true });
    console.log(
      `Seeded ${seeded.customerIds.length} customers (${seeded.accountIds.length} accounts), ${seeded.productIds.length} products, ` +
        `${seeded.orderIds.length} orders in ${seeded.seconds.toFixed(1)} s; the log now holds ${seeded.events} events.`,
    );
  } finally {
    await app.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error: unknown) => {
    console.error(`seed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
