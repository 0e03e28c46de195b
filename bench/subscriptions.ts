/**
 * Open graphql-ws subscriptions: the server's resident memory with 1k and 10k of them, and
 * the time for one checkpoint to reach all of them (projectionProgress of ACCOUNT_BALANCE).
 */
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { openAccount } from "./read-after-write.js";
import { createDatabase, gql, rssMiB, startCatchup, summarize, type Options, type Section, CONNECTION_PARAMS } from "./support.js";

const PER_CONNECTION = 200;

export async function run({ quick }: Options): Promise<Section[]> {
  const database = await createDatabase("subs");
  // One token opens every connection here: the per-token caps are raised to the benchmark's shape.
  const server = await startCatchup(database.url, {
    CATCHUP_MAX_SUBSCRIPTIONS_PER_CONNECTION: String(PER_CONNECTION),
    CATCHUP_MAX_CONNECTIONS_PER_PRINCIPAL: "1000",
  });
  const clients: Client[] = [];
  try {
    const accountId = await openAccount(server.url);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const idle = rssMiB(server.pid);
    const rows: Section["rows"] = [
      { subscriptions: 0, "server RSS MiB": idle, "fan-out p50 ms": "", "fan-out max ms": "", goal: "", met: "" },
    ];
    let latest = 0n;
    let behind = 0; // subscribers that have not yet heard `latest`
    let round: (() => void) | undefined;
    const received: bigint[] = [];
    /** Why subscriptions or connections ended, by message: a subscriber that never hears is reported with them. */
    const failures = new Map<string, number>();
    const failed = (error: unknown) => {
      const message =
        error instanceof Error
          ? error.message
          : Array.isArray(error)
            ? JSON.stringify(error)
            : `closed: ${(error as { code?: number })?.code ?? String(error)}`;
      failures.set(message, (failures.get(message) ?? 0) + 1);
    };
    let open = 0;
    for (const target of [1000, 10_000]) {
      while (open < target) {
        const client = createClient({
          url: server.url.replace("http", "ws"),
          webSocketImpl: WebSocket,
          retryAttempts: 0,
          connectionParams: CONNECTION_PARAMS,
          lazy: false,
          on: { closed: (event) => failed(event), error: failed },
        });
        clients.push(client);
        for (let i = 0; i < PER_CONNECTION && open < target; i++, open++) {
          const index = received.push(0n) - 1;
          client.subscribe<{ projectionProgress: { position: string } }>(
            { query: "subscription { projectionProgress(projections: [ACCOUNT_BALANCE]) { position } }" },
            {
              next: ({ data }) => {
                if (!data) return;
                const position = BigInt(data.projectionProgress.position);
                if (received[index]! < latest && position >= latest && --behind === 0) round?.();
                received[index] = position;
              },
              error: failed,
              complete: () => {},
            },
          );
        }
        // One connection at a time: opened all at once from one synchronous loop, the first
        // ones could not send connection_init until the loop ended, and the server closes a
        // connection that has not within 3 s (4408; seen once on a slow run, as 1,800
        // subscribers that never heard anything).
        await new Promise<void>((resolve) => {
          const listeners = [client.on("connected", () => done()), client.on("closed", () => done())];
          const done = () => {
            for (const stop of listeners) stop();
            resolve();
          };
        });
      }
      // Let every subscription register, then measure memory and fan-out.
      await new Promise((resolve) => setTimeout(resolve, quick ? 1500 : 3000));
      const rss = rssMiB(server.pid);
      const fanOut: number[] = [];
      for (let i = 0; i < (quick ? 3 : 10); i++) {
        const { depositMoney } = await gql<{ depositMoney: { position: string } }>(
          server.url,
          "mutation($a: ID!) { depositMoney(input: { accountId: $a, amountCents: 1 }) { position } }",
          { a: accountId },
        );
        const started = performance.now();
        latest = BigInt(depositMoney.position);
        behind = received.filter((position) => position < latest).length;
        if (behind > 0) {
          await new Promise<void>((resolve, reject) => {
            const why = () => [...failures].map(([message, count]) => `${count} × ${message}`).join("; ") || "no error seen";
            const timer = setTimeout(() => reject(new Error(`${behind} subscribers did not hear position ${latest} (${why()})`)), 30_000);
            round = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
        fanOut.push(performance.now() - started);
      }
      const summary = summarize(fanOut);
      rows.push({
        subscriptions: target,
        "server RSS MiB": rss,
        "fan-out p50 ms": summary.p50,
        "fan-out max ms": summary.max,
        goal: target === 10_000 ? "< 500 MiB" : "",
        met: target === 10_000 ? (rss < 500 ? "yes" : "no") : "",
      });
    }
    return [
      {
        title: "Subscriptions over graphql-ws (PostgreSQL)",
        rows,
        notes: [
          `${PER_CONNECTION} subscriptions per WebSocket connection; fan-out = mutation response → every subscriber has a projectionProgress message covering it`,
          "the subscribers run in the benchmark process, so fan-out includes their own handling of the messages",
        ],
      },
    ];
  } finally {
    await Promise.all(clients.map(async (client) => client.dispose()));
    await server.stop();
    await database.drop();
  }
}
