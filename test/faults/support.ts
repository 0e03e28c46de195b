/**
 * The fault tests' tools: a PostgreSQL database of their own, Catchup servers as child
 * processes (which can be killed), an admin GraphQL client that survives a dead server, and
 * clients that drive commands with their own commandIds and remember what was acknowledged.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { Authenticator } from "../../src/auth/authenticator.js";
import { adminQuery as admin, createScratchDatabase, type ScratchDatabase } from "../../scripts/scratch-database.js";
import { snapshotTables } from "../support/read-models.js";

export const POSTGRES = process.env.FAULTS_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const root = path.resolve(import.meta.dirname, "../..");
const SECRET = "catchup-faults-secret-of-at-least-32-characters";
/** A master key for the production-mode processes (any 32 bytes; this one is public). */
const MASTER_KEY = "Q2F0Y2h1cCB0ZXN0IG1hc3RlciBrZXksIDMyIGJ5dGU=";
export const AUTHORIZATION = `Bearer ${await new Authenticator({ secret: SECRET }).issue({ role: "admin", subject: "faults" }, "1h")}`;

/** One statement on its own connection (the fault tests query the database behind the servers). */
export { admin };

export function createDatabase(label: string): Promise<ScratchDatabase> {
  return createScratchDatabase(POSTGRES, `catchup_faults_${label}`);
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/** `npm start` on PostgreSQL as a child process, as in production; resolves once it serves. */
export async function startServer(databaseUrl: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: "0",
      DATABASE_URL: databaseUrl,
      CATCHUP_JWT_SECRET: SECRET,
      CATCHUP_MASTER_KEY: MASTER_KEY,
      CATCHUP_DB_POOL_SIZE: "10",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = /serving GraphQL at (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on("data", check);
    void exited.then(() => reject(new Error(`the server exited before serving:\n${output}`)));
  });
  return { url, child, output: () => output, exited };
}

export interface GraphQLResult {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** One GraphQL request as admin; a dead server or connection is a thrown error. */
export async function gql(url: string, query: string, variables: Record<string, unknown> = {}, timeoutMs = 10_000): Promise<GraphQLResult> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: AUTHORIZATION },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return (await response.json()) as GraphQLResult;
}

export async function data<T = Record<string, unknown>>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await gql(url, query, variables);
  if (result.errors) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data as T;
}

export const ADDRESS = { line1: "1 Main St", city: "Springfield", postalCode: "12345", country: "US" };

/** Customers with two accounts each, and products: the data the load works on. */
export async function setUp(url: string, customers: number, products: number) {
  const accounts: { id: string; customerId: string }[] = [];
  const customerIds: string[] = [];
  for (let i = 0; i < customers; i++) {
    const { registerCustomer } = await data<{ registerCustomer: { streamId: string } }>(
      url,
      "mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { streamId } }",
      { i: { name: `Customer ${i}`, email: `c${i}-${randomUUID()}@example.com`, phone: "+1 555 0100", address: ADDRESS } },
    );
    customerIds.push(registerCustomer.streamId);
    for (let k = 0; k < 2; k++) {
      const { openAccount } = await data<{ openAccount: { streamId: string } }>(
        url,
        "mutation($c: ID!) { openAccount(input: { customerId: $c }) { streamId } }",
        {
          c: registerCustomer.streamId,
        },
      );
      accounts.push({ id: openAccount.streamId, customerId: registerCustomer.streamId });
    }
  }
  const productIds: string[] = [];
  for (let i = 0; i < products; i++) {
    const { addProduct } = await data<{ addProduct: { streamId: string } }>(
      url,
      "mutation($i: AddProductInput!) { addProduct(input: $i) { streamId } }",
      {
        i: { sku: `F-${randomUUID().slice(0, 8)}`, name: `Product ${i}`, priceCents: 100 + i },
      },
    );
    productIds.push(addProduct.streamId);
  }
  return { customerIds, accounts, productIds };
}

export type Command =
  | { kind: "deposit"; commandId: string; accountId: string; amountCents: number }
  | { kind: "order"; commandId: string; customerId: string; productId: string; quantity: number };

const DEPOSIT = "mutation($i: DepositMoneyInput!) { depositMoney(input: $i) { streamId position } }";
const ORDER = "mutation($i: CreateOrderInput!) { createOrder(input: $i) { streamId position } }";

/** Sends a command once; returns its position when acknowledged, throws otherwise. */
export async function send(
  url: string,
  command: Command,
): Promise<{ position: string; streamId: string; code?: undefined } | { code: string }> {
  const result =
    command.kind === "deposit"
      ? await gql(url, DEPOSIT, { i: { accountId: command.accountId, amountCents: command.amountCents, commandId: command.commandId } })
      : await gql(url, ORDER, {
          i: {
            customerId: command.customerId,
            items: [{ productId: command.productId, quantity: command.quantity }],
            commandId: command.commandId,
          },
        });
  if (result.errors) return { code: result.errors[0]!.extensions?.code ?? "none" };
  const answer = (result.data!.depositMoney ?? result.data!.createOrder) as { position: string; streamId: string };
  return answer;
}

/** Every read-model table as sorted JSON rows (see test/support/read-models.ts). */
export async function snapshot(url: string): Promise<Record<string, string[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await snapshotTables(async (sql) => (await client.query<{ row: string }>(sql)).rows);
  } finally {
    await client.end();
  }
}

/** Waits until every projection is RUNNING at the log's last position. */
export async function settle(serverUrl: string, databaseUrl: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    const [{ max }] = (await admin<{ max: string | null }>(databaseUrl, "SELECT max(position)::text AS max FROM events")) as [
      { max: string | null },
    ];
    const result = await gql(serverUrl, "{ projections { name state position } }").catch(() => null);
    const projections = (result?.data?.projections ?? []) as { name: string; state: string; position: string }[];
    last = JSON.stringify(projections);
    if (projections.length > 0 && projections.every((p) => p.state === "RUNNING" && BigInt(p.position) >= BigInt(max ?? "0"))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`projections did not settle: ${last}`);
}

/** Rebuilds every projection through the API and waits for it to finish. */
export async function rebuildAll(serverUrl: string, databaseUrl: string): Promise<void> {
  await data(serverUrl, "mutation { rebuildProjections { name } }");
  await settle(serverUrl, databaseUrl);
}

/** The local PostgreSQL cluster stopped, left down for `downMs`, and started (as root, with Debian's pg_ctlcluster). */
export async function restartPostgres(downMs = 10_000): Promise<void> {
  const version = fs.readdirSync("/etc/postgresql")[0]!;
  const ctl = (...args: string[]) => promisify(execFile)("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", ...args]);
  // Down for a while, not just a quick restart: reconnect loops must back off, not multiply
  // (a 17 s restart in CI once exhausted max_connections that way).
  await ctl("stop", "--", "-m", "fast");
  await sleep(downMs);
  await ctl("start");
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
