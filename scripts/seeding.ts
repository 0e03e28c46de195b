/**
 * Realistic demo data through the real command pipeline (npm run seed, scripts/seed.ts, and
 * the benchmarks): customers with accounts and some money movements, a catalog, and orders
 * that are changed, shipped or cancelled, sent in this process (`inProcess`) or to a
 * running server as GraphQL mutations (`throughServer`).
 */
import { randomUUID } from "node:crypto";
import type { App } from "../src/app.js";
import { CatchupError } from "../src/core/errors.js";
import { callerOf } from "../src/application/command.js";
import * as accounts from "../src/modules/accounts/commands.js";
import * as catalog from "../src/modules/catalog/commands.js";
import * as customers from "../src/modules/customers/commands.js";
import * as orders from "../src/modules/orders/commands.js";
import { gql, ServerError } from "./server.js";

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
  /** Events in the log afterwards (its head position, through a server). */
  events: number;
  seconds: number;
}

/** The commands the seed sends, by their mutation's name. */
const COMMANDS = {
  registerCustomer: customers.registerCustomer,
  openAccount: accounts.openAccount,
  depositMoney: accounts.depositMoney,
  withdrawMoney: accounts.withdrawMoney,
  addProduct: catalog.addProduct,
  changeProductPrice: catalog.changeProductPrice,
  createOrder: orders.createOrder,
  addOrderItem: orders.addOrderItem,
  shipOrder: orders.shipOrder,
  cancelOrder: orders.cancelOrder,
};
type CommandName = keyof typeof COMMANDS;
type InputOf<N extends CommandName> = Parameters<(typeof COMMANDS)[N]>[2];

/**
 * Where the seed's commands go: an app in this process, or a running server. `send` answers
 * the stream id the command wrote to, and throws Refused when the domain refuses it.
 */
export interface SeedTarget {
  send<N extends CommandName>(name: N, input: InputOf<N>): Promise<string>;
  events(): Promise<number>;
}

/** The domain refused a command (a taken email, an order already shipped…): the seed counts it and goes on. */
class Refused extends Error {}

/** The commands run in `app`'s pipeline, each by an admin named "seed". */
export function inProcess(app: App): SeedTarget {
  return {
    async send(name, input) {
      try {
        const run = COMMANDS[name] as (app: App, caller: ReturnType<typeof callerOf>, input: unknown) => Promise<{ streamId: string }>;
        return (await run(app, callerOf({ role: "admin", subject: "seed" }), input)).streamId;
      } catch (error) {
        throw error instanceof CatchupError ? new Refused(error.message) : error;
      }
    },
    async events() {
      const [row] = await app.db.prisma.$queryRawUnsafe<{ events: bigint }[]>("SELECT count(*) AS events FROM events");
      return Number(row!.events);
    },
  };
}

/** Error codes of a command the domain refused (any other error stops the seed). */
const REFUSALS = new Set(["BAD_USER_INPUT", "NOT_FOUND", "INSUFFICIENT_FUNDS", "INVALID_STATE", "DUPLICATE", "CONCURRENCY_CONFLICT"]);

/** The commands sent as mutations to the server at `url`, with an admin token (see scripts/server.ts). */
export function throughServer(url: string): SeedTarget {
  return {
    async send(name, input) {
      const type = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
      try {
        const data = await gql<Record<string, { streamId: string }>>(
          url,
          `mutation($input: ${type}!) { ${name}(input: $input) { streamId } }`,
          {
            input,
          },
        );
        return data[name]!.streamId;
      } catch (error) {
        throw error instanceof ServerError && REFUSALS.has(error.code ?? "") ? new Refused(error.message) : error;
      }
    },
    async events() {
      const data = await gql<{ projections: { headPosition: string }[] }>(url, "{ projections { headPosition } }");
      return Math.max(0, ...data.projections.map((row) => Number(row.headPosition)));
    },
  };
}

/** Seeds through the real command pipeline: of `app` (its projections may run or not), or of a server. */
export async function seed(target: App | SeedTarget, options: SeedOptions): Promise<Seeded> {
  const commands = "send" in target ? target : inProcess(target);
  const send = commands.send.bind(commands);
  const customersWanted = options.customers;
  const ordersWanted = options.orders;
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const productsWanted = Math.max(1, Math.min(200, Math.ceil(ordersWanted / 20)));
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
            if (!(error instanceof Refused)) throw error;
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
    const streamId = await send("registerCustomer", {
      name: `${first} ${last}`,
      email: `${first}.${last}.${i}.${randomUUID().slice(0, 6)}@example.com`.toLowerCase(),
      phone: `+1 555 ${String(1000 + (i % 9000)).padStart(4, "0")}`,
      address: { line1: `${1 + (i % 200)} High Street`, line2: null, city, postalCode, country },
    });
    customerIds.push(streamId);
    if (random() < 0.5) {
      const accountId = await send("openAccount", { customerId: streamId });
      accountIds.push(accountId);
      await send("depositMoney", { accountId, amountCents: 1000 + Math.floor(random() * 100_000) });
      if (random() < 0.5) await send("withdrawMoney", { accountId, amountCents: 500 });
    }
  });

  const productIds: string[] = [];
  await pool(productsWanted, async (i) => {
    const streamId = await send("addProduct", {
      sku: `${pick(GOODS).toUpperCase()}-${i}-${randomUUID().slice(0, 4)}`,
      name: `${pick(ADJECTIVES)} ${pick(GOODS)}`,
      priceCents: 199 + Math.floor(random() * 20_000),
    });
    productIds.push(streamId);
    if (random() < 0.1) await send("changeProductPrice", { productId: streamId, priceCents: 299 + Math.floor(random() * 20_000) });
  });

  if (ordersWanted > 0 && (customerIds.length === 0 || productIds.length === 0))
    throw new Error("orders need at least one customer and one product");
  const orderIds: string[] = [];
  await pool(ordersWanted, async () => {
    const lines = new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(productIds)));
    const orderId = await send("createOrder", {
      customerId: pick(customerIds),
      items: [...lines].map((productId) => ({ productId, quantity: 1 + Math.floor(random() * 4) })),
    });
    orderIds.push(orderId);
    if (random() < 0.2) await send("addOrderItem", { orderId, productId: pick(productIds), quantity: 1 });
    const fate = random();
    if (fate < 0.6)
      await send("shipOrder", {
        orderId,
        carrier: pick(["DHL", "UPS", "FedEx"]),
        trackingNumber: randomUUID().slice(0, 12).toUpperCase(),
      });
    else if (fate < 0.7) await send("cancelOrder", { orderId, reason: "customer changed their mind" });
  });

  if (options.progress && process.stderr.isTTY) process.stderr.write("\n");
  const seconds = (Date.now() - started) / 1000;
  return { customerIds, accountIds, productIds, orderIds, events: await commands.events(), seconds };
}
