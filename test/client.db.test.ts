/**
 * The client package (client/) with Apollo Client 4 against a real server: read-your-writes
 * with no minPosition anywhere. With the link, every read after a write sees it; without
 * it, the same reads are stale (asserted, so that the test can fail). On PGlite, which
 * applies events too fast to show it, the projections run 100 ms behind the log (the
 * development delay); on PostgreSQL they run as they would in production.
 */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, type Operation } from "@apollo/client";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { getMainDefinition } from "@apollo/client/utilities";
import { buildSchema, Kind, OperationTypeNode } from "graphql";
import { createClient, type Client } from "graphql-ws";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  catchupGraphqlWs,
  catchupLink,
  catchupTypePolicies,
  CONSISTENCY_ARGUMENTS,
  PositionTracker,
  possibleTypes,
} from "../client/index.js";
import {
  AccountBalanceDocument,
  DepositMoneyDocument,
  DepositMoneyReturningAccountDocument,
  OpenAccountDocument,
} from "./generated/graphql.js";
import { backend } from "./support/database.js";
import { registerCustomer } from "./support/fixtures.js";
import { startTestServer, type TestServer } from "./support/server.js";

let api: TestServer;
let authorization: string;
const sockets: Client[] = [];

beforeAll(async () => {
  api = await startTestServer(backend === "pglite" ? { projector: { batchDelayMs: 100 } } : {});
  authorization = await api.bearer("admin");
});
afterAll(async () => {
  await Promise.all(sockets.map(async (socket) => socket.dispose()));
  await api?.close();
});

/** An Apollo Client as a frontend would make one, with or without the link; `sent` counts the operations that reached the network. */
function apollo(options: { link: boolean; tracker?: PositionTracker }) {
  const ws = createClient({
    url: api.url.replace("http", "ws"),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization },
  });
  sockets.push(ws);
  const sent: Operation[] = [];
  const counting = new ApolloLink((operation, forward) => {
    sent.push(operation);
    return forward(operation);
  });
  const transport = ApolloLink.split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.SUBSCRIPTION;
    },
    new GraphQLWsLink(ws),
    new HttpLink({ uri: api.url, headers: { authorization } }),
  );
  const tracker = options.tracker ?? new PositionTracker();
  const link = ApolloLink.from(options.link ? [counting, catchupLink(tracker), transport] : [counting, transport]);
  const client = new ApolloClient({ link, cache: new InMemoryCache({ possibleTypes, typePolicies: catchupTypePolicies }) });
  return { client, sent, tracker };
}

async function newAccount(): Promise<string> {
  const customerId = await registerCustomer(api);
  return (await api.mutate(OpenAccountDocument, { input: { customerId }, consistency: "STRONG" })).openAccount.streamId;
}

/** `pairs` deposits of 1 cent, each read back at once (network-only); how many reads missed their write. */
async function staleReads(client: ApolloClient, accountId: string, pairs: number): Promise<number> {
  let stale = 0;
  for (let expected = 1; expected <= pairs; expected++) {
    await client.mutate({ mutation: DepositMoneyDocument, variables: { input: { accountId, amountCents: 1 } } });
    const read = await client.query({ query: AccountBalanceDocument, variables: { id: accountId }, fetchPolicy: "network-only" });
    if (read.data?.account?.balanceCents !== expected) stale++;
  }
  return stale;
}

// The tests of the link run at once, as do the clients with and without it: each client's
// pairs still go one after another, and most of their time is the projections' delay.
describe.concurrent("the catchup link", () => {
  it("leaves no stale read over 60 sequential write-then-read pairs, and without it reads are stale", async ({ expect }) => {
    const [withLink, without] = await Promise.all([
      newAccount().then((accountId) => staleReads(apollo({ link: true }).client, accountId, 60)),
      newAccount().then((accountId) => staleReads(apollo({ link: false }).client, accountId, 60)),
    ]);
    console.log(`[client] ${backend}: stale reads over 60 sequential pairs: ${withLink} with the link, ${without} without`);
    expect(withLink).toBe(0);
    expect(without).toBeGreaterThan(0);
  });

  it("leaves no stale read over 8 clients × 15 concurrent pairs", async ({ expect }) => {
    const clients = (link: boolean) =>
      Promise.all(Array.from({ length: 8 }, async () => staleReads(apollo({ link }).client, await newAccount(), 15)));
    const [withLink, without] = await Promise.all([clients(true), clients(false)]);
    const sum = (counts: number[]) => counts.reduce((a, b) => a + b, 0);
    console.log(`[client] ${backend}: stale reads over 8×15 concurrent pairs: ${sum(withLink)} with the link, ${sum(without)} without`);
    expect(sum(withLink)).toBe(0);
    expect(sum(without)).toBeGreaterThan(0);
  });

  it("sends the position over graphql-ws too, and takes it from graphql-ws results", async ({ expect }) => {
    const { client, tracker } = apollo({ link: true });
    const accountId = await newAccount();
    const ws = createClient({
      url: api.url.replace("http", "ws"),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization },
    });
    sockets.push(ws);
    const wsClient = new ApolloClient({
      link: ApolloLink.from([catchupLink(tracker), new GraphQLWsLink(ws)]),
      cache: new InMemoryCache({ possibleTypes, typePolicies: catchupTypePolicies }),
    });
    for (let expected = 1; expected <= 20; expected++) {
      const written = await wsClient.mutate({ mutation: DepositMoneyDocument, variables: { input: { accountId, amountCents: 1 } } });
      expect(tracker.current).toBe(written.data!.depositMoney!.position);
      const read = await wsClient.query({ query: AccountBalanceDocument, variables: { id: accountId }, fetchPolicy: "network-only" });
      expect(read.data?.account?.balanceCents).toBe(expected);
    }
    // The HTTP client shares the tracker: its first read is after the last write too.
    const read = await client.query({ query: AccountBalanceDocument, variables: { id: accountId }, fetchPolicy: "network-only" });
    expect(read.data?.account?.balanceCents).toBe(20);
  });

  it("works for a graphql-ws client without Apollo, through the hook", async ({ expect }) => {
    const accountId = await newAccount();
    const hook = catchupGraphqlWs();
    const raw = createClient({
      url: api.url.replace("http", "ws"),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization },
      on: hook.on,
    });
    sockets.push(raw);
    const run = (query: string, variables: Record<string, unknown>) =>
      new Promise<{ data?: Record<string, { balanceCents?: number } | null> | null }>((resolve, reject) =>
        raw.subscribe(hook.payload({ query, variables }), { next: resolve as never, error: reject, complete: () => {} }),
      );
    for (let expected = 1; expected <= 20; expected++) {
      await run("mutation($a: ID!) { depositMoney(input: { accountId: $a, amountCents: 1 }) { position } }", { a: accountId });
      expect(hook.tracker.current).not.toBeNull();
      const read = await run("query($a: ID!) { account(id: $a) { balanceCents } }", { a: accountId });
      expect(read.data?.account?.balanceCents).toBe(expected);
    }
  });

  it("shares the position across trackers of one scope (tabs), and not beyond it", async ({ expect }) => {
    const first = new PositionTracker({ shared: `tabs-${Math.random()}` });
    const second = new PositionTracker({
      shared: (first as unknown as { storageKey: string }).storageKey.slice("catchup-position:".length),
    });
    const alone = new PositionTracker();
    first.seen("41");
    await expect.poll(() => second.current).toBe("41");
    expect(alone.current).toBeNull();
    second.seen("7");
    expect(second.current).toBe("41");
    first.close();
    second.close();
  });
});

describe("mutations that return what they changed", () => {
  it("update the normalized cache: a cache-first read after the mutation shows the new value with no refetch", async () => {
    const { client, sent } = apollo({ link: true });
    const accountId = await newAccount();
    const before = await client.query({ query: AccountBalanceDocument, variables: { id: accountId } });
    expect(before.data?.account?.balanceCents).toBe(0);
    const written = await client.mutate({
      mutation: DepositMoneyReturningAccountDocument,
      variables: { input: { accountId, amountCents: 4200 } },
    });
    expect(written.data?.depositMoney?.account).toMatchObject({ id: accountId, balanceCents: 4200, version: 2 });
    const operations = sent.length;
    const after = await client.query({ query: AccountBalanceDocument, variables: { id: accountId }, fetchPolicy: "cache-first" });
    expect(after.data?.account).toMatchObject({ balanceCents: 4200, version: 2 });
    expect(sent.length).toBe(operations);
  });

  it("find an object a payload brought in for a read by id the client never made (cache-first, no request)", async () => {
    const { client, sent } = apollo({ link: true });
    const accountId = await newAccount();
    await client.mutate({ mutation: DepositMoneyReturningAccountDocument, variables: { input: { accountId, amountCents: 5 } } });
    const operations = sent.length;
    const read = await client.query({ query: AccountBalanceDocument, variables: { id: accountId }, fetchPolicy: "cache-first" });
    expect(read.data?.account?.balanceCents).toBe(5);
    expect(sent.length).toBe(operations);
  });
});

describe("the client's type policies", () => {
  it("key every root field with arguments by its arguments but the consistency ones", () => {
    const schema = buildSchema(fs.readFileSync(new URL("../schema.graphql", import.meta.url), "utf8"));
    const fields = schema.getQueryType()!.getFields();
    const policies = (catchupTypePolicies.Query as { fields: Record<string, { keyArgs?: string[] }> }).fields;
    for (const [name, field] of Object.entries(fields)) {
      const keyed = field.args.map((arg) => arg.name).filter((arg) => !(CONSISTENCY_ARGUMENTS as readonly string[]).includes(arg));
      if (field.args.length === 0) continue;
      expect(policies[name]?.keyArgs?.slice().sort(), name).toEqual(keyed.sort());
    }
  });

  it("know every type that implements CommandResult", () => {
    const schema = buildSchema(fs.readFileSync(new URL("../schema.graphql", import.meta.url), "utf8"));
    const implementations = schema.getPossibleTypes(schema.getType("CommandResult") as never).map((type) => type.name);
    expect(possibleTypes.CommandResult.slice().sort()).toEqual(implementations.sort());
  });
});
