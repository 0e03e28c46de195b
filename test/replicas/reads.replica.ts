/**
 * Reads through a streaming replica that applies every transaction 300 ms after the primary
 * commits it (./setup.ts): with a wait (minPosition, or the session position a write
 * returned), every read of one's own write is exact; without one, reads there are stale; a
 * replica that stops is taken out of rotation (reads go to the primary) and comes back.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { Authenticator } from "../../src/auth/authenticator.js";
import { startServer, type RunningServer } from "../../src/server.js";
import { createScratchDatabase, type ScratchDatabase } from "../../scripts/scratch-database.js";
import { onReplica, startReplica, stopReplica } from "../support/replica-pair.js";
import { APPLY_DELAY_MS } from "./setup.js";

const SECRET = "catchup-replica-test-secret-of-32-characters";
const pair = inject("replicaPair");
let database: ScratchDatabase;
let app: App;
let server: RunningServer;
let admin: string;

async function gql<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[]; position?: string }> {
  const response = await fetch(server.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: admin, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: never[]; extensions?: { catchup?: { position?: string } } };
  return { ...body, position: body.extensions?.catchup?.position };
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const replicaReads = async () => {
  const metric = await app.metrics.reads.get();
  return metric.values.filter((value) => value.labels.target !== "primary").reduce((sum, value) => sum + value.value, 0);
};
const primaryReads = async () => (await app.metrics.reads.get()).values.find((value) => value.labels.target === "primary")?.value ?? 0;

beforeAll(async () => {
  database = await createScratchDatabase(pair.primaryUrl, "catchup_replica_test");
  app = await createApp({
    database: { kind: "postgres", url: database.url, poolSize: 20 },
    replicas: { urls: [onReplica(pair.replicaUrl, database.url)], checkEveryMs: 100, maxLagMs: 5000, poolSize: 20 },
    consistencyTimeoutMs: 5000,
  });
  server = await startServer(app, { port: 0, host: "127.0.0.1", log: () => {}, auth: new Authenticator({ secret: SECRET }) });
  admin = `Bearer ${await new Authenticator({ secret: SECRET }).issue({ role: "admin", subject: "replica-test" })}`;
  // The new database reaches the replica after its apply delay.
  await until("the replica is in rotation", () => app.replicas!.status()[0]!.state === "healthy");
});

afterAll(async () => {
  await server?.close();
  await app?.close();
  await database?.drop();
});

/** `count` customers with an account each. */
async function accounts(count: number): Promise<string[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const registered = await gql<{ registerCustomer: { streamId: string } }>(
        "mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { streamId } }",
        {
          i: {
            name: "Replica Reader",
            email: `r-${randomUUID()}@example.com`,
            phone: "+1 555 0100",
            address: { line1: "1 Main St", city: "X", postalCode: "1", country: "Y" },
          },
        },
      );
      const opened = await gql<{ openAccount: { streamId: string } }>(
        "mutation($c: ID!) { openAccount(input: { customerId: $c }) { streamId } }",
        { c: registered.data!.registerCustomer.streamId },
      );
      return opened.data!.openAccount.streamId;
    }),
  );
}

type Read = "minPosition" | "session" | "none";

/** Each writer deposits into its own account, then reads it back through a query; returns stale and failed reads. */
async function writeThenRead(ids: readonly string[], read: Read): Promise<{ stale: number; failed: string[] }> {
  let stale = 0;
  const failed: string[] = [];
  await Promise.all(
    ids.map(async (id) => {
      const before = await gql<{ account: { balanceCents: number } }>(
        "query($id: ID!) { account(id: $id, consistent: true) { balanceCents } }",
        { id },
      );
      const written = await gql<{ depositMoney: { position: string } }>(
        "mutation($id: ID!) { depositMoney(input: { accountId: $id, amountCents: 100 }) { position } }",
        { id },
      );
      const position = written.data!.depositMoney.position;
      const answer =
        read === "minPosition"
          ? await gql<{ account: { balanceCents: number } }>(
              "query($id: ID!, $p: Position) { account(id: $id, minPosition: $p) { balanceCents } }",
              {
                id,
                p: position,
              },
            )
          : await gql<{ account: { balanceCents: number } }>(
              "query($id: ID!) { account(id: $id) { balanceCents } }",
              { id },
              read === "session" ? { "catchup-position": written.position! } : {},
            );
      if (answer.errors) failed.push(answer.errors[0]!.extensions?.code ?? answer.errors[0]!.message);
      else if ((answer.data!.account?.balanceCents ?? 0) !== before.data!.account.balanceCents + 100) stale++;
    }),
  );
  return { stale, failed };
}

describe("reads from a streaming replica", () => {
  it(`200 concurrent writers read their own write through a replica ${APPLY_DELAY_MS} ms behind: with minPosition and with the session position, 0 stale and 0 timeouts; without a wait, stale`, async () => {
    const ids = await accounts(200);
    // Every read of the account exists on the replica before the writes begin.
    await until("the replica holds every account", async () => {
      const answer = await gql<{ accounts: unknown }>("query($id: ID!, $p: Position) { account(id: $id, minPosition: $p) { id } }", {
        id: ids.at(-1),
        p: String(await app.store.lastPosition()),
      });
      return !answer.errors;
    });
    const fromReplica = await replicaReads();

    const withMinPosition = await writeThenRead(ids, "minPosition");
    const withSession = await writeThenRead(ids, "session");
    const withoutWait = await writeThenRead(ids, "none");
    console.log(
      `[replicas] 200 writers, replica ${APPLY_DELAY_MS} ms behind: stale with minPosition ${withMinPosition.stale} (failed ${withMinPosition.failed.length}), ` +
        `with the session position ${withSession.stale} (failed ${withSession.failed.length}), without a wait ${withoutWait.stale} of 200`,
    );
    expect(withMinPosition).toEqual({ stale: 0, failed: [] });
    expect(withSession).toEqual({ stale: 0, failed: [] });
    // The reads went to the replica (600 of them, and the 200 before-reads too, which are consistent: the primary's stream).
    expect((await replicaReads()) - fromReplica).toBeGreaterThanOrEqual(600);
    // Without a wait, the replica answers what it has applied: its apply delay shows.
    expect(withoutWait.failed).toEqual([]);
    expect(withoutWait.stale).toBeGreaterThan(100);

    // What reads the log, not a projection, reads the primary's: no wait, never behind.
    const written = await gql<{ depositMoney: { version: number } }>(
      "mutation($id: ID!) { depositMoney(input: { accountId: $id, amountCents: 1 }) { version } }",
      { id: ids[0] },
    );
    const [history, consistent] = await Promise.all([
      gql<{ history: { totalCount: number } }>("query($id: ID!) { history(streamId: $id) { totalCount } }", { id: ids[0] }),
      gql<{ account: { version: number } }>("query($id: ID!) { account(id: $id, consistent: true) { version } }", { id: ids[0] }),
    ]);
    expect(history.data!.history.totalCount).toBe(written.data!.depositMoney.version);
    expect(consistent.data!.account.version).toBe(written.data!.depositMoney.version);
  });

  it("takes a stopped replica out of rotation (reads go to the primary, none wrong), and back in once it is up again", async () => {
    const ids = await accounts(20);
    let stopping = false;
    let stale = 0;
    const failures: string[] = [];
    const worker = async (id: string) => {
      while (!stopping) {
        const result = await writeThenRead([id], "minPosition");
        stale += result.stale;
        failures.push(...result.failed);
      }
    };
    const workers = ids.map(worker);
    let outOfRotation;
    let replicaBefore: number;
    try {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const primaryBefore = await primaryReads();
      stopReplica(pair.dir);
      await until("the replica is out of rotation", () => app.replicas!.status()[0]!.state === "down");
      outOfRotation = app.replicas!.status()[0]!;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect((await primaryReads()) - primaryBefore, "reads went to the primary").toBeGreaterThan(0);
      startReplica(pair.dir);
      await until("the replica is back in rotation", () => app.replicas!.status()[0]!.state === "healthy", 30_000);
      replicaBefore = await replicaReads();
      await new Promise((resolve) => setTimeout(resolve, 1000));
    } finally {
      stopping = true;
      await Promise.all(workers);
    }
    expect((await replicaReads()) - replicaBefore, "reads went to the replica again").toBeGreaterThan(0);
    console.log(
      `[replicas] replica stopped under load (20 writers): out of rotation as ${outOfRotation!.state}; stale reads ${stale}; ` +
        `failed reads ${failures.length} (${[...new Set(failures)].join(", ") || "none"}), in flight on it when it stopped`,
    );
    expect(stale).toBe(0);
    // Only reads in flight on the replica when it stopped may fail, and only as unavailable.
    for (const code of failures) expect(["SERVICE_UNAVAILABLE", "CONSISTENCY_TIMEOUT"]).toContain(code);
    expect(failures.length).toBeLessThanOrEqual(ids.length);

    const readiness = (await (await fetch(server.url.replace("/graphql", "/readyz"))).json()) as {
      replicas: { state: string; lagMs: number }[];
    };
    expect(readiness.replicas).toEqual([expect.objectContaining({ state: "healthy", lagMs: expect.any(Number) })]);
    const metrics = await (await fetch(server.url.replace("/graphql", "/metrics"))).text();
    expect(metrics).toMatch(/catchup_replica_lag_seconds\{replica="[^"]+"\} \d/);
    expect(metrics).toMatch(/catchup_replica_transitions_total\{replica="[^"]+",state="down"\} 1/);
  });
});

describe("a replica behind the lag bound", () => {
  it(`is out of rotation while it lags more than CATCHUP_READ_MAX_LAG_MS (here 100 ms, the replica ${APPLY_DELAY_MS} ms behind under writes), and back once it has caught up`, async () => {
    const strict = await createApp({
      database: { kind: "postgres", url: database.url, poolSize: 5 },
      replicas: { urls: [onReplica(pair.replicaUrl, database.url)], checkEveryMs: 50, maxLagMs: 100 },
      startProjections: false,
    });
    try {
      await until("the replica is in rotation while nothing is written", () => strict.replicas!.status()[0]!.state === "healthy");
      const [id] = await accounts(1);
      let writing = true;
      const writer = (async () => {
        while (writing) await gql("mutation($id: ID!) { depositMoney(input: { accountId: $id, amountCents: 1 }) { position } }", { id });
      })();
      try {
        await until("the replica lags past the bound", () => strict.replicas!.status()[0]!.state === "lagging");
        expect(strict.replicas!.status()[0]!.lagMs).toBeGreaterThan(100);
        // Reads go to the primary meanwhile.
        expect(strict.readServices()).toBe(strict);
      } finally {
        writing = false;
        await writer;
      }
      await until("the replica has caught up", () => strict.replicas!.status()[0]!.state === "healthy", 10_000);
      expect(strict.readServices()).not.toBe(strict);
      const transitions = (await strict.metrics.replicaTransitions.get()).values.map((value) => value.labels.state);
      expect(transitions).toContain("lagging");
    } finally {
      await strict.close();
    }
  });
});
