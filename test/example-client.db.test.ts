/** The example client (examples/client) against a real server: what its screen shows, in order. */
import { afterAll, beforeAll, expect, it } from "vitest";
import WebSocket from "ws";
import { ExampleDepositDocument } from "../examples/client/generated/graphql.js";
import { connect, depositAndShow, type Connection } from "../examples/client/read-after-write.js";
import { OpenAccountDocument } from "./generated/graphql.js";
import { registerCustomer } from "./support/fixtures.js";
import { startTestServer, type TestServer } from "./support/server.js";

let api: TestServer;
let connection: Connection;

beforeAll(async () => {
  api = await startTestServer();
});
afterAll(async () => {
  connection?.client.stop();
  await connection?.ws.dispose();
  await api?.close();
});

it("shows the deposit at once, then the server's confirmed row, never an older balance", async () => {
  const customerId = await registerCustomer(api);
  // The customer itself, with its own token, as a frontend would run.
  connection = connect(api.url, (await api.bearer("customer", customerId)).slice("Bearer ".length), WebSocket);
  // Its token reaches only its own accounts.
  const foreign = await connection.client.mutate({
    mutation: ExampleDepositDocument,
    variables: { input: { accountId: "someone-else", amountCents: 1 } },
    errorPolicy: "all",
  });
  expect(foreign.error?.message ?? "").toMatch(/customer may only reach its own/);
  const { openAccount } = await api.mutate(OpenAccountDocument, { input: { customerId }, consistency: "STRONG" });
  const shown = await depositAndShow(connection, openAccount.streamId, 1250);
  expect(shown).toEqual([
    { balanceCents: 0, version: 1, source: "server" },
    { balanceCents: 1250, version: 2, source: "optimistic" },
    { balanceCents: 1250, version: 2, source: "server" },
  ]);
});
