/**
 * How the scripts (`npm run seed`, `projections`, `example`) find and talk to a running
 * Catchup server, all in the same way:
 *
 * 1. CATCHUP_URL, when set;
 * 2. on the embedded database, the server that holds the data directory (CATCHUP_DATA_DIR,
 *    default ./data): it records its URL in the directory's lock, whatever its PORT;
 * 3. else http://HOST:PORT/graphql, as `npm start` would listen with the same environment.
 */
import { Authenticator } from "../src/auth/authenticator.js";
import { loadConfig, type Config } from "../src/config.js";
import { holderOf } from "../src/core/database/data-dir-lock.js";

export function serverUrl(config: Config = loadConfig()): string {
  if (process.env.CATCHUP_URL) return process.env.CATCHUP_URL;
  const holder = config.databaseUrl ? null : holderOf(config.dataDir);
  if (holder?.url) return holder.url;
  const host =
    config.host === "0.0.0.0" ? "127.0.0.1" : config.host === "::" ? "[::1]" : config.host.includes(":") ? `[${config.host}]` : config.host;
  return `http://${host}:${config.port}/graphql`;
}

/**
 * The admin token scripts send: CATCHUP_TOKEN when set, else one signed with the server's
 * HS256 secret (CATCHUP_JWT_SECRET, or the development secret), valid 15 minutes.
 */
let token: Promise<string> | undefined;
export function adminToken(): Promise<string> {
  token ??= (async () => {
    if (process.env.CATCHUP_TOKEN) return process.env.CATCHUP_TOKEN;
    const { auth } = loadConfig();
    if (auth.jwksUrl) throw new Error("the server verifies tokens with a JWKS: set CATCHUP_TOKEN to an admin token");
    return new Authenticator(auth).issue({ role: "admin", subject: "catchup-scripts" }, "15m");
  })();
  return token;
}

/** A GraphQL error as the server answered it. */
export class ServerError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** One GraphQL request with the admin token; the first error the server answers is thrown as a ServerError. */
export async function gql<T>(url: string, query: string, variables: Record<string, unknown> = {}, timeoutMs = 30_000): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${await adminToken()}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  const [error] = body.errors ?? [];
  if (error) throw new ServerError(error.message, error.extensions?.code);
  return body.data!;
}

/** Whether a GraphQL server answers at `url` (an answer with errors counts: it is the server's to explain). */
export async function answers(url: string): Promise<boolean> {
  try {
    await gql(url, "{ __typename }", {}, 2000);
    return true;
  } catch (error) {
    return error instanceof ServerError;
  }
}
