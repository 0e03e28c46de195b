/** A real Catchup server on an ephemeral port, and a small typed GraphQL client for it. */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print, type GraphQLFormattedError } from "graphql";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { createApp, type App, type AppOptions } from "../../src/app.js";
import { startServer, type RunningServer } from "../../src/server.js";
import { createTestDatabase, type TestDatabase } from "./database.js";

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: GraphQLFormattedError[];
}

export interface TestServer {
  app: App;
  server: RunningServer;
  database: TestDatabase;
  url: string;
  /** POSTs an operation; returns the parsed response, whatever its status. */
  request<T, V>(document: TypedDocumentNode<T, V>, variables?: V, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** Like request, but fails the test on GraphQL errors. */
  data<T, V>(document: TypedDocumentNode<T, V>, variables?: V): Promise<T>;
  ws(): Client;
  close(): Promise<void>;
}

export async function startTestServer(
  options: Partial<Omit<AppOptions, "database">> & { observeQueries?: boolean } = {},
): Promise<TestServer> {
  const database = await createTestDatabase();
  const { observeQueries, ...appOptions } = options;
  const app = await createApp({ database: { ...database.options, observeQueries }, consistencyTimeoutMs: 5000, ...appOptions });
  const server = await startServer(app, { port: 0, host: "127.0.0.1", log: () => {} });
  const clients: Client[] = [];

  const request: TestServer["request"] = async (document, variables, headers = {}) => {
    const response = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query: print(document), variables }),
    });
    return (await response.json()) as GraphQLResponse<never>;
  };

  return {
    app,
    server,
    database,
    url: server.url,
    request,
    async data(document, variables) {
      const response = await request(document, variables);
      if (response.errors) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
      return response.data!;
    },
    ws() {
      const client = createClient({ url: server.url.replace("http", "ws"), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((client) => client.dispose()));
      await server.close();
      await app.close();
      await database.drop();
    },
  };
}
