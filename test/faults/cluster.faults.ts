/**
 * Several instances on one PostgreSQL: the three-instance failover scenario
 * (./cluster-scenario.ts), and two instances whose progress and row changes travel on Redis.
 */
import { createClient, type Client } from "graphql-ws";
import { afterAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { FAILOVER_MS, threeInstances } from "./cluster-scenario.js";
import { AUTHORIZATION, createDatabase, data, POSTGRES, setUp, sleep, startServer } from "./support.js";

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

describe("three instances", () => {
  it("write on A, subscribe on B, read on C; kill the projector leader mid-load: takeover, nothing lost or applied twice", () =>
    threeInstances({ server: POSTGRES, cleanups }));

  it("with CATCHUP_BUS=redis, progress and row changes reach the other instance through Redis", async () => {
    const database = await createDatabase("redis");
    cleanups.push(() => database.drop());
    const env = { CATCHUP_FAILOVER_MS: String(FAILOVER_MS), CATCHUP_BUS: "redis" };
    const projector = await startServer(database.url, { ...env, CATCHUP_ROLE: "projector" });
    const api = await startServer(database.url, { ...env, CATCHUP_ROLE: "api" });
    for (const server of [projector, api]) {
      cleanups.push(async () => {
        if (server.child.exitCode === null) server.child.kill("SIGKILL");
        await server.exited;
      });
    }
    // The projector instance serves no GraphQL.
    expect((await fetch(projector.url, { method: "POST" })).status).toBe(404);
    const world = await setUp(api.url, 1, 1);
    const account = world.accounts[0]!.id;
    const ws: Client = createClient({
      url: api.url.replace("http", "ws"),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: AUTHORIZATION },
    });
    cleanups.push(async () => {
      await ws.dispose();
    });
    // Row changes travel only on the bus (unlike checkpoints, which the database also has).
    // The account was opened without a wait: on a slow machine its own change (version 1) can
    // still be on its way when the subscription starts, so the deposit's is the first of a
    // later version.
    type Change = { data?: { readModelChanged: { id: string; version: number } } };
    const change = new Promise<Change>((resolve, reject) => {
      ws.subscribe<Change["data"]>(
        {
          query: "subscription($id: ID!) { readModelChanged(projection: ACCOUNT_BALANCE, id: $id) { id version } }",
          variables: { id: account },
        },
        {
          next: (result) => {
            if ((result.data?.readModelChanged.version ?? Infinity) > 1) resolve(result as Change);
          },
          error: reject,
          complete: () => {},
        },
      );
    });
    await sleep(300);
    const written = await data<{ depositMoney: { version: number; caughtUp: boolean } }>(
      api.url,
      "mutation($i: DepositMoneyInput!) { depositMoney(input: $i, consistency: STRONG) { version caughtUp } }",
      { i: { accountId: account, amountCents: 250 } },
    );
    expect(written.depositMoney.caughtUp).toBe(true);
    expect(await change).toMatchObject({ data: { readModelChanged: { id: account, version: written.depositMoney.version } } });
    const { account: read } = await data<{ account: { balanceCents: number } }>(
      api.url,
      "query($id: ID!) { account(id: $id) { balanceCents } }",
      { id: account },
    );
    expect(read.balanceCents).toBe(250);
  });
});
