/**
 * Read-after-write from an Apollo Client frontend, with an optimistic UI:
 *
 * 1. the balance on screen moves at once (optimisticResponse + a cache update);
 * 2. the mutation answers with its `position`;
 * 3. a `caughtUp` subscription says when ACCOUNT_BALANCE has applied it (no polling);
 * 4. the account is read again as of that position (`minPosition`), and the screen shows
 *    the server's own numbers, never an older balance in between.
 *
 * The documents are typed by GraphQL Code Generator from ./operations (npm run codegen).
 */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { getMainDefinition } from "@apollo/client/utilities";
import { Kind, OperationTypeNode } from "graphql";
import { createClient, type Client } from "graphql-ws";
import { firstValueFrom } from "rxjs";
import {
  ExampleAccountDocument,
  ExampleCaughtUpDocument,
  ExampleDepositDocument,
  type AccountFieldsFragment,
} from "./generated/graphql.js";

export interface Connection {
  client: ApolloClient;
  ws: Client;
}

/** One client for queries, mutations (HTTP) and subscriptions (graphql-ws), with a bearer token. */
export function connect(url: string, token: string, webSocketImpl?: unknown): Connection {
  const authorization = `Bearer ${token}`;
  const ws = createClient({ url: url.replace(/^http/, "ws"), connectionParams: { authorization }, webSocketImpl, lazy: true });
  const link = ApolloLink.split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.SUBSCRIPTION;
    },
    new GraphQLWsLink(ws),
    new HttpLink({ uri: url, headers: { authorization } }),
  );
  return { client: new ApolloClient({ link, cache: new InMemoryCache() }), ws };
}

/** What a screen showing the account would have shown, in order. */
export interface Shown {
  balanceCents: number;
  version: number;
  source: "server" | "optimistic";
}

/** Deposits `amountCents` into the account, optimistically, then waits for the read model. */
export async function depositAndShow({ client }: Connection, accountId: string, amountCents: number): Promise<Shown[]> {
  const shown: Shown[] = [];
  // The "screen": a watched query, as a React component's useQuery would be.
  const watched = client.watchQuery({ query: ExampleAccountDocument, variables: { id: accountId }, fetchPolicy: "cache-first" });
  const subscription = watched.subscribe(({ data }) => {
    const account = data?.account as AccountFieldsFragment | null | undefined;
    if (!account) return;
    const optimistic = account.version < 0; // written by the update below, not yet confirmed
    const now: Shown = {
      balanceCents: account.balanceCents,
      version: Math.abs(account.version),
      source: optimistic ? "optimistic" : "server",
    };
    const last = shown.at(-1);
    if (!last || last.balanceCents !== now.balanceCents || last.version !== now.version || last.source !== now.source) shown.push(now);
  });
  try {
    const current = (await client.query({ query: ExampleAccountDocument, variables: { id: accountId } })).data?.account;
    if (!current) throw new Error(`account ${accountId} not found`);

    // 1–2: the optimistic balance shows at once; the mutation returns the position.
    const { data } = await client.mutate({
      mutation: ExampleDepositDocument,
      variables: { input: { accountId, amountCents } },
      optimisticResponse: { depositMoney: { streamId: accountId, version: current.version + 1, position: current.position } },
      // Runs for the optimistic response and again for the real one: until the read model
      // confirms, the row shows the expected balance with its version negated ("pending").
      update(cache) {
        cache.updateQuery({ query: ExampleAccountDocument, variables: { id: accountId } }, (previous) =>
          previous?.account
            ? // A negative version marks the optimistic row (the server's versions are positive).
              { account: { ...previous.account, balanceCents: current.balanceCents + amountCents, version: -(current.version + 1) } }
            : previous,
        );
      },
    });
    const position = data!.depositMoney!.position;

    // 3: the read model has applied it (one message, then the subscription completes).
    const answer = await firstValueFrom(
      client.subscribe({ query: ExampleCaughtUpDocument, variables: { position, projections: ["ACCOUNT_BALANCE"] } }),
    );
    if (!answer.data?.caughtUp.caughtUp) throw new Error(`ACCOUNT_BALANCE did not reach ${position} in time`);

    // 4: the server's row as of the write replaces the optimistic one.
    await client.query({ query: ExampleAccountDocument, variables: { id: accountId, minPosition: position }, fetchPolicy: "network-only" });
    await new Promise((resolve) => setTimeout(resolve, 0));
    return shown;
  } finally {
    subscription.unsubscribe();
  }
}
