/**
 * Bearer tokens on HTTP and in graphql-ws connection_init: valid ones name the caller,
 * anything else is UNAUTHENTICATED (HTTP 401, WebSocket close 4401). A JWKS URL works in
 * place of the shared secret.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { Authenticator } from "../../src/auth/authenticator.js";
import { startServer } from "../../src/server.js";
import { startTestServer, TEST_SECRET, type TestServer } from "../support/server.js";

let api: TestServer;

beforeAll(async () => {
  api = await startTestServer();
});
afterAll(async () => {
  await api?.close();
});

async function post(url: string, query: string, authorization?: string) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization === undefined ? {} : { authorization }) },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    challenge: response.headers.get("www-authenticate"),
    body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] },
  };
}

const secret = new TextEncoder().encode(TEST_SECRET);
const sign = (claims: Record<string, unknown>, configure: (jwt: SignJWT) => SignJWT = (jwt) => jwt.setExpirationTime("1h")) =>
  configure(new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setIssuedAt()).sign(secret);

describe("HTTP", () => {
  it("without a token: introspection answers, every field is UNAUTHENTICATED", async () => {
    const introspection = await post(api.url, "{ __schema { queryType { name } } }");
    expect(introspection.body).toEqual({ data: { __schema: { queryType: { name: "Query" } } } });
    const field = await post(api.url, "{ projections { name } }");
    expect(field.status).toBe(200);
    expect(field.body.errors?.map((error) => error.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
    expect(field.body.errors?.[0]?.message).toMatch(/Authorization: Bearer/);
  });

  it("a valid token names the caller and its role", async () => {
    const token = await sign({ sub: "staff-1", role: "staff" });
    const response = await post(api.url, "{ projections { name } }", `Bearer ${token}`);
    expect(response.body.errors).toBeUndefined();
  });

  const invalid: [string, () => Promise<string>, RegExp][] = [
    ["not a bearer token", async () => "Basic dXNlcjpwYXNz", /Bearer <token>/],
    ["not a JWT", async () => "Bearer not-a-jwt", /not a valid JWT/],
    [
      "signed with another secret",
      async () =>
        `Bearer ${await new SignJWT({ sub: "x", role: "admin" }).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode("another-secret-of-at-least-32-characters!"))}`,
      /signature/,
    ],
    [
      "expired",
      async () => `Bearer ${await sign({ sub: "x", role: "admin" }, (jwt) => jwt.setExpirationTime(Math.floor(Date.now() / 1000) - 60))}`,
      /expired/,
    ],
    [
      "unsigned (alg none)",
      async () =>
        `Bearer ${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from('{"sub":"x","role":"admin"}').toString("base64url")}.`,
      /not a valid JWT|algorithm/,
    ],
    ["an unknown role", async () => `Bearer ${await sign({ sub: "x", role: "root" })}`, /role must be one of/],
    ["no subject", async () => `Bearer ${await sign({ role: "admin" })}`, /sub must be/],
    [
      "without an expiry (it would never expire)",
      async () => `Bearer ${await sign({ sub: "x", role: "admin" }, (jwt) => jwt)}`,
      /must carry an expiry \(exp\)/,
    ],
    [
      "valid for longer than a day",
      async () => `Bearer ${await sign({ sub: "x", role: "admin" }, (jwt) => jwt.setExpirationTime("25h"))}`,
      /valid for 90000 s; at most 86400 s/,
    ],
    [
      "issued in the future, to stretch its lifetime",
      async () =>
        `Bearer ${await new SignJWT({ sub: "x", role: "admin" })
          .setProtectedHeader({ alg: "HS256" })
          .setIssuedAt(Math.floor(Date.now() / 1000) + 10 * 365 * 86_400 - 60)
          .setExpirationTime(Math.floor(Date.now() / 1000) + 10 * 365 * 86_400)
          .sign(secret)}`,
      /iat is in the future/,
    ],
    [
      "valid for longer than a day, without iat",
      async () =>
        `Bearer ${await new SignJWT({ sub: "x", role: "admin" }).setProtectedHeader({ alg: "HS256" }).setExpirationTime("2d").sign(secret)}`,
      /at most 86400 s are accepted/,
    ],
  ];
  for (const [name, token, message] of invalid) {
    it(`refuses a token that is ${name}: 401 UNAUTHENTICATED`, async () => {
      const response = await post(api.url, "{ projections { name } }", await token());
      expect(response.status).toBe(401);
      expect(response.challenge).toMatch(/^Bearer/);
      expect(response.body.data).toBeUndefined();
      expect(response.body.errors).toHaveLength(1);
      expect(response.body.errors![0]!.extensions?.code).toBe("UNAUTHENTICATED");
      expect(response.body.errors![0]!.message).toMatch(message);
    });
  }
});

/** Opens a raw graphql-ws connection, sends connection_init, and reports how it ended. */
function connect(url: string, payload?: Record<string, unknown>): Promise<{ acknowledged: boolean; code?: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url.replace("http", "ws"), "graphql-transport-ws");
    socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", ...(payload ? { payload } : {}) })));
    socket.on("message", (data) => {
      if ((JSON.parse(String(data)) as { type: string }).type === "connection_ack") {
        resolve({ acknowledged: true });
        socket.close();
      }
    });
    socket.on("close", (code) => resolve({ acknowledged: false, code }));
    socket.on("error", reject);
  });
}

describe("graphql-ws", () => {
  it("acknowledges a connection_init with a valid token", async () => {
    expect(await connect(api.url, { authorization: await api.bearer("customer", "c-1") })).toEqual({ acknowledged: true });
  });

  it("closes with 4401 without a token or with an invalid one", async () => {
    expect(await connect(api.url)).toEqual({ acknowledged: false, code: 4401 });
    expect(await connect(api.url, { authorization: "Bearer nope" })).toEqual({ acknowledged: false, code: 4401 });
    expect(
      await connect(api.url, { authorization: `Bearer ${await sign({ sub: "x", role: "admin" }, (jwt) => jwt.setExpirationTime(1))}` }),
    ).toEqual({
      acknowledged: false,
      code: 4401,
    });
  });
});

describe("graphql-ws, past the token's expiry", () => {
  it("closes the connection with 4401 when its token expires, subscriptions and all", async () => {
    // A token valid for two more seconds (exp is in whole seconds).
    const token = await sign({ sub: "c-exp", role: "customer" }, (jwt) => jwt.setExpirationTime(Math.floor(Date.now() / 1000) + 2));
    const socket = new WebSocket(api.url.replace("http", "ws"), "graphql-transport-ws");
    const messages: { type: string; id?: string; payload?: unknown }[] = [];
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.on("close", (code, reason) => resolve({ code, reason: String(reason) })),
    );
    socket.on("message", (data) => {
      const message = JSON.parse(String(data)) as (typeof messages)[number];
      messages.push(message);
      if (message.type === "connection_ack") {
        socket.send(
          JSON.stringify({ id: "1", type: "subscribe", payload: { query: "subscription { projectionProgress { name position } }" } }),
        );
      }
    });
    socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${token}` } })));
    const { code, reason } = await closed;
    expect(messages[0]?.type).toBe("connection_ack");
    expect({ code, reason }).toEqual({ code: 4401, reason: "the token has expired" });
    // Over HTTP the same token is refused by then, as the connection was.
    expect((await post(api.url, "{ projections { name } }", `Bearer ${token}`)).status).toBe(401);
  });
});

describe("JWKS", () => {
  it("verifies tokens signed by a key of the key set, and refuses others", async () => {
    const { publicKey, privateKey } = await generateKeyPair("RS256");
    const stranger = await generateKeyPair("RS256");
    const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" };
    const jwks = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, "127.0.0.1", resolve));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
    const server = await startServer(api.app, {
      port: 0,
      host: "127.0.0.1",
      log: () => {},
      auth: new Authenticator({ jwksUrl, issuer: "https://issuer.example" }),
    });
    try {
      const token = (key: Parameters<SignJWT["sign"]>[0], issuer = "https://issuer.example") =>
        new SignJWT({ role: "admin" })
          .setProtectedHeader({ alg: "RS256", kid: "k1" })
          .setSubject("ops")
          .setIssuer(issuer)
          .setExpirationTime("5m")
          .sign(key);
      const good = await post(server.url, "{ projections { name } }", `Bearer ${await token(privateKey)}`);
      expect(good.body.errors).toBeUndefined();
      const foreign = await post(server.url, "{ projections { name } }", `Bearer ${await token(stranger.privateKey)}`);
      expect(foreign.status).toBe(401);
      const wrongIssuer = await post(server.url, "{ projections { name } }", `Bearer ${await token(privateKey, "https://evil.example")}`);
      expect(wrongIssuer.body.errors?.[0]?.message).toMatch(/iss/);
      // The shared-secret tokens of the test server mean nothing here.
      const hs = await post(server.url, "{ projections { name } }", await api.bearer("admin"));
      expect(hs.status).toBe(401);
    } finally {
      await server.close();
      jwks.close();
    }
  });
});
