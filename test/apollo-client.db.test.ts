/**
 * A real client: @apollo/client in Node over HttpLink + GraphQLWsLink with the typed
 * documents codegen makes. Write, wait for the write with the caughtUp subscription, read
 * it back; and the same with consistency: STRONG alone.
 */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { getMainDefinition } from "@apollo/client/utilities";
import { Kind, OperationTypeNode } from "graphql";
import { createClient } from "graphql-ws";
import { firstValueFrom } from "rxjs";
import WebSocket from "ws";
import { afterAll, beforeAll, expect, it } from "vitest";
import { AccountDocument, CaughtUpDocument, DepositMoneyDocument, OpenAccountDocument } from "./generated/graphql.js";
import { possibleTypes } from "../client/index.js";
import { registerCustomer } from "./support/fixtures.js";
import { startTestServer, type TestServer } from "./support/server.js";

let api: TestServer;
let client: ApolloClient;
let ws: ReturnType<typeof createClient>;

beforeAll(async () => {
  api = await startTestServer();
  const authorization = await api.bearer("admin");
  ws = createClient({
    url: api.url.replace("http", "ws"),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization },
  });
  const link = ApolloLink.split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.SUBSCRIPTION;
    },
    new GraphQLWsLink(ws),
    new HttpLink({ uri: api.url, headers: { authorization } }),
  );
  client = new ApolloClient({ link, cache: new InMemoryCache({ possibleTypes }) });
});
afterAll(async () => {
  client?.stop();
  await ws?.dispose();
  await api?.close();
});

async function newAccount(): Promise<string> {
  const customerId = await registerCustomer(api);
  const opened = await client.mutate({ mutation: OpenAccountDocument, variables: { input: { customerId } } });
  return opened.data!.openAccount!.streamId;
}

it("writes, waits for caughtUp on the subscription, and reads its own write", async () => {
  const accountId = await newAccount();
  // Prime the cache with the account as it is before the write.
  const before = await client.query({ query: AccountDocument, variables: { id: accountId, consistent: true } });
  expect(before.data?.account?.balanceCents).toBe(0);

  const written = await client.mutate({ mutation: DepositMoneyDocument, variables: { input: { accountId, amountCents: 4200 } } });
  const { position } = written.data!.depositMoney!;
  const answer = await firstValueFrom(
    client.subscribe({ query: CaughtUpDocument, variables: { position, projections: ["ACCOUNT_BALANCE"] } }),
  );
  expect(answer.data?.caughtUp).toMatchObject({ position, caughtUp: true, behind: [] });

  const after = await client.query({ query: AccountDocument, variables: { id: accountId }, fetchPolicy: "network-only" });
  expect(after.data?.account).toMatchObject({ id: accountId, balanceCents: 4200, version: 2, position });
});

it("reads its own write after a STRONG mutation, with nothing else", async () => {
  const accountId = await newAccount();
  const written = await client.mutate({
    mutation: DepositMoneyDocument,
    variables: { input: { accountId, amountCents: 99 }, consistency: "STRONG" },
  });
  expect(written.data!.depositMoney!.caughtUp).toBe(true);
  const after = await client.query({ query: AccountDocument, variables: { id: accountId }, fetchPolicy: "network-only" });
  expect(after.data?.account?.balanceCents).toBe(99);
});
