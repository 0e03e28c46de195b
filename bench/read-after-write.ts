/**
 * Read-after-write against a server in its own process on PostgreSQL:
 * mutation response → caughtUp subscription message, and EVENTUAL vs STRONG latency, next to
 * a mutation whose payload brings the account back (read once ACCOUNT_BALANCE applied it).
 */
import { print } from "graphql";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { CaughtUpDocument } from "../test/generated/graphql.js";
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

export async function run({ quick }: Options): Promise<Section[]> {
  const iterations = quick ? 300 : 1000;
  const database = await createDatabase("raw");
  const server = await startCatchup(database.url);
  const ws = createClient({
    url: server.url.replace("http", "ws"),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: CONNECTION_PARAMS,
  });
  try {
    const accountId = await openAccount(server.url);
    const deposit = (consistency: string) =>
      gql<{ depositMoney: { position: string; caughtUp: boolean | null } }>(
        server.url,
        `mutation($a: ID!, $c: Consistency) { depositMoney(input: { accountId: $a, amountCents: 1 }, consistency: $c) { position caughtUp } }`,
        { a: accountId, c: consistency },
      );
    const caughtUp = (position: string) => waitCaughtUp(ws, position);

    for (let i = 0; i < 50; i++) await caughtUp((await deposit("EVENTUAL")).depositMoney.position); // warm up

    const toCaughtUp: number[] = [];
    const eventual: number[] = [];
    let late = 0;
    for (let i = 0; i < iterations; i++) {
      const started = performance.now();
      const { depositMoney } = await deposit("EVENTUAL");
      const responded = performance.now();
      if (!(await caughtUp(depositMoney.position))) late++;
      toCaughtUp.push(performance.now() - responded);
      eventual.push(responded - started);
    }
    const strong: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const started = performance.now();
      const { depositMoney } = await deposit("STRONG");
      if (!depositMoney.caughtUp) late++;
      strong.push(performance.now() - started);
    }
    const payload: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const started = performance.now();
      const { depositMoney } = await gql<{ depositMoney: { account: { balanceCents: number } | null } }>(
        server.url,
        `mutation($a: ID!) { depositMoney(input: { accountId: $a, amountCents: 1 }) { position account { balanceCents } } }`,
        { a: accountId },
      );
      if (!depositMoney.account) late++;
      payload.push(performance.now() - started);
    }
    const raw = summarize(toCaughtUp);
    const [eventualStats, strongStats] = [summarize(eventual), summarize(strong)];
    const strongRatio = strongStats.p50 / eventualStats.p50;
    return [
      {
        title: "Read-after-write (PostgreSQL, ms)",
        rows: [
          { measure: "mutation response → caughtUp message", ...raw, goal: "p99 ≤ 100", met: raw.p99 <= 100 ? "yes" : "no" },
          { measure: "EVENTUAL depositMoney", ...eventualStats, goal: "", met: "" },
          {
            measure: `STRONG depositMoney (all ${PROJECTION_COUNT} projections caught up): p50 ${round(strongRatio)}× EVENTUAL's`,
            ...strongStats,
            goal: "p50 ≤ 1.5× EVENTUAL",
            met: strongRatio <= 1.5 ? "yes" : "no",
          },
          { measure: "depositMoney { account { balanceCents } } (ACCOUNT_BALANCE caught up)", ...summarize(payload), goal: "", met: "" },
        ],
        notes: [
          `${iterations} sequential mutations each, one client; caughtUp false, STRONG timeouts or payloads without the account: ${late}`,
        ],
      },
    ];
  } finally {
    await ws.dispose();
    await server.stop();
    await database.drop();
  }
}

export async function openAccount(url: string): Promise<string> {
  const { registerCustomer } = await gql<{ registerCustomer: { streamId: string } }>(
    url,
    `mutation($e: String!) { registerCustomer(input: { name: "Bench", email: $e, phone: "+1 555 0100",
       address: { line1: "1 Main St", city: "Springfield", postalCode: "12345", country: "US" } }) { streamId } }`,
    { e: `bench-${crypto.randomUUID()}@example.com` },
  );
  const { openAccount } = await gql<{ openAccount: { streamId: string } }>(
    url,
    `mutation($c: ID!) { openAccount(input: { customerId: $c }) { streamId } }`,
    {
      c: registerCustomer.streamId,
    },
  );
  return openAccount.streamId;
}

/** Subscribes to caughtUp(position) on `ws`; resolves with its answer when it completes. */
export function waitCaughtUp(ws: Client, position: string): Promise<boolean> {
  return new Promise<boolean>((resolve, reject) => {
    let answer = false;
    ws.subscribe<{ caughtUp: { caughtUp: boolean } }>(
      { query: print(CaughtUpDocument), variables: { position } },
      { next: (result) => void (answer = result.data?.caughtUp.caughtUp ?? false), error: reject, complete: () => resolve(answer) },
    );
  });
}
