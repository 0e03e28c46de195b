/** A real Catchup server on an ephemeral port, and a small typed GraphQL client for it. */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print, type GraphQLFormattedError } from "graphql";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { createApp, type App, type AppOptions } from "../../src/app.js";
import { Authenticator, type Role } from "../../src/auth/authenticator.js";
import { startServer, type RunningServer, type ServerOptions } from "../../src/server.js";

/** The HS256 secret test servers verify tokens with. */
export const TEST_SECRET = "catchup-test-secret-of-at-least-32-characters";
import { createTestDatabase, type TestDatabase } from "./database.js";

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: GraphQLFormattedError[];
}

/** A mutation document's data once every mutation answered. */
export type Answered<T> = { [K in keyof T]: NonNullable<T[K]> };

export interface TestServer {
  app: App;
  server: RunningServer;
  database: TestDatabase;
  url: string;
  /** POSTs an operation; returns the parsed response, whatever its status. */
  request<T, V>(document: TypedDocumentNode<T, V>, variables?: V, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** Like request, but fails the test on GraphQL errors. */
  data<T, V>(document: TypedDocumentNode<T, V>, variables?: V): Promise<T>;
  /** Like data, for mutations: fails the test unless every mutation of the document answered (they are nullable). */
  mutate<T, V>(document: TypedDocumentNode<T, V>, variables?: V): Promise<Answered<T>>;
  /** A graphql-ws client (lazy); connects as admin unless given another authorization (null: none). */
  ws(authorization?: string | null): Client;
  /** The server's authenticator (signs tokens with the test secret). */
  auth: Authenticator;
  /** "Bearer <token>" for a principal. */
  bearer(role: Role, subject?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startTestServer(
  options: Partial<Omit<AppOptions, "database">> & {
    observeQueries?: boolean;
    server?: Pick<ServerOptions, "limits" | "introspection" | "server" | "corsOrigins" | "metricsToken" | "playground">;
  } = {},
): Promise<TestServer> {
  const database = await createTestDatabase();
  const { observeQueries, server: serverOptions, ...appOptions } = options;
  const app = await createApp({ database: { ...database.options, observeQueries }, consistencyTimeoutMs: 5000, ...appOptions });
  const auth = new Authenticator({ secret: TEST_SECRET });
  const server = await startServer(app, { port: 0, host: "127.0.0.1", log: () => {}, auth, ...serverOptions });
  const clients: Client[] = [];
  const bearer = async (role: Role, subject = `test-${role}`) => `Bearer ${await auth.issue({ role, subject })}`;
  const admin = await bearer("admin");

  // Requests go as admin unless the headers carry another authorization ("" for none).
  const request: TestServer["request"] = async (document, variables, headers = {}) => {
    const response = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: admin, ...headers },
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
    async mutate(document, variables) {
      const response = await request(document, variables);
      if (response.errors) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
      const data = response.data as Record<string, unknown>;
      for (const [field, value] of Object.entries(data)) if (value === null) throw new Error(`mutation ${field} answered null`);
      return data as never;
    },
    auth,
    bearer,
    ws(authorization = admin) {
      const client = createClient({
        url: server.url.replace("http", "ws"),
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        lazy: true,
        connectionParams: authorization === null ? undefined : { authorization },
      });
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map(async (client) => client.dispose()));
      await server.close();
      await app.close();
      await database.drop();
    },
  };
}
