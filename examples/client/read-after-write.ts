/**
 * Read-after-write from an Apollo Client frontend, with an optimistic UI and no plumbing:
 *
 * 1. the balance on screen moves at once (optimisticResponse);
 * 2. the mutation's payload carries the account as the read model shows it once it has
 *    applied the deposit, so Apollo's normalized cache replaces the optimistic row with
 *    the server's own, never an older balance in between;
 * 3. the Catchup link (client/) sends the highest position seen with every later
 *    operation, so any read anywhere in the app includes this write: no minPosition, no
 *    caughtUp subscription to wire by hand.
 *
 * The documents are typed by GraphQL Code Generator from ./operations (npm run codegen).
 */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { getMainDefinition } from "@apollo/client/utilities";
import { Kind, OperationTypeNode } from "graphql";
import { createClient, type Client } from "graphql-ws";
import { catchupLink, catchupTypePolicies, PositionTracker, possibleTypes } from "../../client/index.js";
import { ExampleAccountDocument, ExampleDepositDocument, type AccountFieldsFragment } from "./generated/graphql.js";

export interface Connection {
  client: ApolloClient;
  ws: Client;
  /** The highest position this client has seen (what the link sends). */
  tracker: PositionTracker;
}

/** One client for queries, mutations (HTTP) and subscriptions (graphql-ws), with a bearer token and the Catchup link. */
export function connect(url: string, token: string, webSocketImpl?: unknown): Connection {
  const authorization = `Bearer ${token}`;
  const ws = createClient({ url: url.replace(/^http/, "ws"), connectionParams: { authorization }, webSocketImpl, lazy: true });
  const transport = ApolloLink.split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.SUBSCRIPTION;
    },
    new GraphQLWsLink(ws),
    new HttpLink({ uri: url, headers: { authorization } }),
  );
  const tracker = new PositionTracker();
  const client = new ApolloClient({
    link: ApolloLink.from([catchupLink(tracker), transport]),
    cache: new InMemoryCache({ possibleTypes, typePolicies: catchupTypePolicies }),
  });
  return { client, ws, tracker };
}

/** What a screen showing the account would have shown, in order. */
export interface Shown {
  balanceCents: number;
  version: number;
  source: "server" | "optimistic";
}

/** Deposits `amountCents` into the account, optimistically; the payload confirms it. */
export async function depositAndShow({ client }: Connection, accountId: string, amountCents: number): Promise<Shown[]> {
  const shown: Shown[] = [];
  let pending = false;
  const show = (account: AccountFieldsFragment, source: Shown["source"]) => {
    const last = shown.at(-1);
    if (last?.balanceCents === account.balanceCents && last.version === account.version && last.source === source) return;
    shown.push({ balanceCents: account.balanceCents, version: account.version, source });
  };
  // The "screen": a watched query, as a React component's useQuery would be.
  const watched = client.watchQuery({ query: ExampleAccountDocument, variables: { id: accountId }, fetchPolicy: "cache-first" });
  const subscription = watched.subscribe(({ data }) => {
    const account = data?.account as AccountFieldsFragment | null | undefined;
    if (account) show(account, pending ? "optimistic" : "server");
  });
  try {
    const current = (await client.query({ query: ExampleAccountDocument, variables: { id: accountId } })).data?.account;
    if (!current) throw new Error(`account ${accountId} not found`);

    // 1: the optimistic balance shows at once.
    pending = true;
    const { data } = await client.mutate({
      mutation: ExampleDepositDocument,
      variables: { input: { accountId, amountCents } },
      optimisticResponse: {
        depositMoney: {
          position: current.position,
          account: { ...current, balanceCents: current.balanceCents + amountCents, version: current.version + 1 },
        },
      },
    });
    pending = false;
    // 2: the payload's account, the read model's row after the deposit, is in the cache now.
    const confirmed = data?.depositMoney?.account;
    if (!confirmed) throw new Error(`the deposit into ${accountId} was not confirmed`);
    show(confirmed, "server");
    return shown;
  } finally {
    subscription.unsubscribe();
  }
}
