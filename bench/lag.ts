/**
 * Projection lag: from a mutation's response (its commit) to the moment every projection's
 * checkpoint covers its position, seen through the projectionProgress subscription; at a
 * paced 200 commands/s and at the most a closed loop of 32 writers gets through.
 */
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { openAccount } from "./read-after-write.js";
import {
  createDatabase,
  gql,
  round,
  startCatchup,
  summarize,
  type Options,
  type Section,
  CONNECTION_PARAMS,
  PROJECTION_COUNT,
} from "./support.js";

const PROJECTIONS = 7;

export async function run({ quick }: Options): Promise<Section[]> {
  const seconds = quick ? 5 : 20;
  const database = await createDatabase("lag");
  const server = await startCatchup(database.url);
  const ws = createClient({
    url: server.url.replace("http", "ws"),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: CONNECTION_PARAMS,
  });
  try {
    const accounts = await Promise.all(Array.from({ length: 64 }, () => openAccount(server.url)));
    const checkpoints = new Map<string, bigint>();
    let pending: { position: bigint; at: number }[] = [];
    let lags: number[] = [];
    const settle = () => {
      if (checkpoints.size < PROJECTIONS) return;
      let low = -1n;
      for (const position of checkpoints.values()) if (low < 0n || position < low) low = position;
      const now = performance.now();
      pending = pending.filter((entry) => {
        if (entry.position > low) return true;
        lags.push(now - entry.at);
        return false;
      });
    };
    await new Promise<void>((resolve, reject) => {
      ws.subscribe<{ projectionProgress: { projection: string; position: string } }>(
        { query: "subscription { projectionProgress { projection position } }" },
        {
          next: ({ data }) => {
            if (!data) return;
            checkpoints.set(data.projectionProgress.projection, BigInt(data.projectionProgress.position));
            settle();
          },
          error: reject,
          complete: () => {},
        },
      );
      setTimeout(resolve, 200);
    });
    let next = 0;
    const deposit = async () => {
      const { depositMoney } = await gql<{ depositMoney: { position: string } }>(
        server.url,
        "mutation($a: ID!) { depositMoney(input: { accountId: $a, amountCents: 1 }) { position } }",
        { a: accounts[next++ % accounts.length] },
      );
      pending.push({ position: BigInt(depositMoney.position), at: performance.now() });
      settle();
    };
    // Seed every checkpoint.
    await deposit();
    await new Promise((resolve) => setTimeout(resolve, 500));

    const measure = async (label: string, drive: () => Promise<number>) => {
      lags = [];
      const commands = await drive();
      const deadline = Date.now() + 10_000;
      while (pending.length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      const summary = summarize(lags);
      return {
        load: label,
        "commands/s": round(commands / seconds, 0),
        "lag p50 ms": summary.p50,
        "lag p99 ms": summary.p99,
        "lag max ms": summary.max,
        unresolved: pending.length,
      };
    };

    const pace = async (seconds: number) => {
      const total = 200 * seconds;
      const started = performance.now();
      const inFlight: Promise<void>[] = [];
      for (let i = 0; i < total; i++) {
        const due = started + i * 5;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        inFlight.push(deposit());
      }
      await Promise.all(inFlight);
      return total;
    };
    // Warm-up at the same pace, not measured: the server's code is compiled as it runs.
    await measure("warm-up", () => pace(quick ? 1 : 3));
    const paced = await measure("paced 200 commands/s", () => pace(seconds));
    const saturated = await measure("closed loop, 32 writers", async () => {
      let done = 0;
      const until = performance.now() + seconds * 1000;
      await Promise.all(
        Array.from({ length: 32 }, async () => {
          while (performance.now() < until) {
            await deposit();
            done++;
          }
        }),
      );
      return done;
    });
    const met = (paced["lag p99 ms"] as number) <= 50;
    return [
      {
        title: `Projection lag: commit → all ${PROJECTION_COUNT} checkpoints (PostgreSQL)`,
        rows: [
          { ...paced, goal: "p99 ≤ 50 ms", met: met ? "yes" : "no" },
          { ...saturated, goal: "", met: "" },
        ],
        notes: [
          `${seconds} s per load, after ${quick ? 1 : 3} s at the paced rate not measured (warm-up); depositMoney over 64 accounts; lag = projectionProgress message that covers the position − mutation response`,
        ],
      },
    ];
  } finally {
    await ws.dispose();
    await server.stop();
    await database.drop();
  }
}
