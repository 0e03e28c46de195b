/**
 * Read-after-write latency, on PostgreSQL, against a server in its own process:
 * - mutation response → caughtUp subscription event (the client's wait for its own write);
 * - EVENTUAL vs STRONG mutation latency.
 * `npm run bench:raw -- [--iterations N]` (default 1000).
 */
import { print } from "graphql";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { CaughtUpDocument } from "../test/generated/graphql.js";
import { gql, report, startServer, summarize } from "./support.js";

const iterations = Number(process.argv[process.argv.indexOf("--iterations") + 1]) || 1000;

const server = await startServer();
const ws = createClient({ url: server.url.replace("http", "ws"), webSocketImpl: WebSocket, retryAttempts: 0 });
try {
  const { registerCustomer } = await gql<{ registerCustomer: { streamId: string } }>(
    server.url,
    `mutation { registerCustomer(input: { name: "Bench", email: "bench@example.com", phone: "+1 555 0100",
       address: { line1: "1 Main St", city: "Springfield", postalCode: "12345", country: "US" } }) { streamId } }`,
  );
  const { openAccount } = await gql<{ openAccount: { streamId: string } }>(
    server.url,
    `mutation($c: ID!) { openAccount(input: { customerId: $c }) { streamId } }`,
    { c: registerCustomer.streamId },
  );
  const deposit = (consistency: string) =>
    gql<{ depositMoney: { position: string; caughtUp: boolean | null } }>(
      server.url,
      `mutation($a: ID!, $c: Consistency) { depositMoney(input: { accountId: $a, amountCents: 1 }, consistency: $c) { position caughtUp } }`,
      { a: openAccount.streamId, c: consistency },
    );
  const caughtUp = (position: string) =>
    new Promise<boolean>((resolve, reject) => {
      let answer = false;
      ws.subscribe<{ caughtUp: { caughtUp: boolean } }>(
        { query: print(CaughtUpDocument), variables: { position } },
        { next: (result) => void (answer = result.data?.caughtUp.caughtUp ?? false), error: reject, complete: () => resolve(answer) },
      );
    });

  // Warm up.
  for (let i = 0; i < 50; i++) await caughtUp((await deposit("EVENTUAL")).depositMoney.position);

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
  report(
    "read-after-write",
    "Read-after-write on PostgreSQL (ms)",
    [
      { measure: "mutation response → caughtUp event", ...summarize(toCaughtUp) },
      { measure: "EVENTUAL mutation", ...summarize(eventual) },
      { measure: "STRONG mutation (write + every projection caught up)", ...summarize(strong) },
    ],
    [`${iterations} sequential depositMoney mutations each; caughtUp false or STRONG timeouts: ${late}`, "command: npm run bench:raw"],
  );
} finally {
  await ws.dispose();
  await server.stop();
}
