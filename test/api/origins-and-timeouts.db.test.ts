/**
 * Browsers and slow clients: which origins may call the API over HTTP (CORS) and open a
 * WebSocket, and how long a client may take to send a request.
 */
import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createPlayground } from "../../src/playground.js";
import { startTestServer, type TestServer } from "../support/server.js";

let listed: TestServer; // CATCHUP_CORS_ORIGINS=https://app.example
let development: TestServer; // unset, outside production: loopback origins
let admin: string;

beforeAll(async () => {
  listed = await startTestServer({ server: { corsOrigins: ["https://app.example"] } });
  development = await startTestServer();
  admin = await listed.bearer("admin");
});
afterAll(async () => {
  await listed?.close();
  await development?.close();
});

const query = JSON.stringify({ query: "{ projections { name } }" });

function post(server: TestServer, origin: string | undefined) {
  return fetch(server.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: admin, ...(origin ? { origin } : {}) },
    body: query,
  });
}

describe("CORS", () => {
  it("answers a preflight from a listed origin with what the browser may send", async () => {
    const response = await fetch(listed.url, {
      method: "OPTIONS",
      headers: {
        origin: "https://app.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("https://app.example");
    expect(response.headers.get("access-control-allow-methods")).toBe("GET, POST");
    expect(response.headers.get("access-control-allow-headers")).toMatch(/authorization, content-type/);
    expect(response.headers.get("vary")).toBe("Origin");
  });

  it("serves a listed origin with its CORS headers, and refuses any other before running anything", async () => {
    const allowed = await post(listed, "https://app.example");
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://app.example");
    expect(allowed.headers.get("access-control-expose-headers")).toBe("x-request-id");

    for (const origin of ["https://evil.example", "https://app.example.evil.example", "http://app.example", "null"]) {
      const refused = await post(listed, origin);
      expect(refused.status, origin).toBe(403);
      expect(refused.headers.get("access-control-allow-origin"), origin).toBeNull();
      expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe("FORBIDDEN");
    }
    const preflight = await fetch(listed.url, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("serves the server's own origin (the playground) and clients that send no Origin", async () => {
    const own = new URL(listed.url).origin;
    const same = await post(listed, own);
    expect(same.status).toBe(200);
    expect(same.headers.get("access-control-allow-origin")).toBeNull(); // not cross-origin: nothing to allow
    expect((await post(listed, undefined)).status).toBe(200);
  });

  it("in development, without a list, allows loopback origins only", async () => {
    expect((await post(development, "http://localhost:5173")).status).toBe(200);
    expect((await post(development, "http://127.0.0.1:3000")).status).toBe(200);
    expect((await post(development, "https://evil.example")).status).toBe(403);
    expect((await post(development, "http://localhost.evil.example")).status).toBe(403);
  });

  it("in development, takes the server's own origin only as a loopback name: a rebound DNS name is another site", async () => {
    const status = (server: TestServer, host: string) =>
      new Promise<number>((resolve, reject) => {
        const { port } = new URL(server.url);
        const request = http.request(
          {
            host: "127.0.0.1",
            port,
            path: "/graphql",
            method: "POST",
            headers: { host, origin: `http://${host}`, "content-type": "application/json", authorization: admin },
          },
          (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          },
        );
        request.on("error", reject);
        request.end(query);
      });
    const { port } = new URL(development.url);
    expect(await status(development, `rebind.attacker.example:${port}`)).toBe(403);
    expect(await status(development, `localhost:${port}`)).toBe(200);
    // With a list (production), the server's own origin is whatever name it is served under.
    expect(await status(listed, `api.example:${new URL(listed.url).port}`)).toBe(200);
  });
});

/** How a WebSocket upgrade with this Origin ends: "open", or the HTTP status that refused it. */
function upgrade(server: TestServer, origin: string | undefined): Promise<"open" | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(server.url.replace("http", "ws"), "graphql-transport-ws", origin ? { origin } : {});
    socket.on("open", () => {
      socket.close();
      resolve("open");
    });
    socket.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    socket.on("error", (error) => (error.message.includes("Unexpected server response") ? undefined : reject(error)));
  });
}

describe("the WebSocket upgrade", () => {
  it("checks the browser's Origin as HTTP does", async () => {
    expect(await upgrade(listed, "https://app.example")).toBe("open");
    expect(await upgrade(listed, new URL(listed.url).origin)).toBe("open");
    expect(await upgrade(listed, undefined)).toBe("open");
    expect(await upgrade(listed, "https://evil.example")).toBe(403);
    expect(await upgrade(development, "http://localhost:5173")).toBe("open");
    expect(await upgrade(development, "https://evil.example")).toBe(403);
  });
});

/** Sends `head` on a raw connection, then `body` a byte at a time every `everyMs`; resolves with what the server answered and when it closed. */
function trickle(server: TestServer, head: string, body: string, everyMs: number): Promise<{ answer: string; afterMs: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const { port } = new URL(server.url);
    const socket = net.connect(Number(port), "127.0.0.1", () => socket.write(head));
    let answer = "";
    let sent = 0;
    const timer = setInterval(() => {
      if (sent < body.length && !socket.destroyed) socket.write(body[sent++]!);
    }, everyMs);
    socket.on("data", (data) => (answer += String(data)));
    socket.on("close", () => {
      clearInterval(timer);
      resolve({ answer, afterMs: Date.now() - started });
    });
    socket.on("error", () => {});
  });
}

describe("idle connections", () => {
  /** One request on a raw keep-alive connection; resolves with the answer's head and how long the server kept the connection after it. */
  function keptAlive(server: TestServer): Promise<{ head: string; closedAfterMs: number }> {
    return new Promise((resolve) => {
      const { port } = new URL(server.url);
      const socket = net.connect(Number(port), "127.0.0.1", () => socket.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
      let answer = "";
      let answeredAt = 0;
      socket.on("data", (data) => {
        answer += String(data);
        answeredAt ||= Date.now();
      });
      socket.on("close", () => resolve({ head: answer.split("\r\n\r\n")[0]!, closedAfterMs: Date.now() - answeredAt }));
      socket.on("error", () => {});
    });
  }

  it("keep a connection as long as CATCHUP_KEEP_ALIVE_TIMEOUT_MS says (65 s: past a load balancer's 60), and say so", async () => {
    const brief = await startTestServer({ server: { server: { keepAliveTimeoutMs: 1000 } } });
    try {
      const { head, closedAfterMs } = await keptAlive(brief);
      expect(head).toMatch(/^HTTP\/1\.1 200/);
      expect(head).toMatch(/\r\nKeep-Alive: timeout=1(\r\n|$)/i);
      expect(closedAfterMs).toBeGreaterThanOrEqual(900);
    } finally {
      await brief.close();
    }
    const response = await fetch(listed.url.replace("/graphql", "/healthz"));
    expect(response.status).toBe(200);
    expect(response.headers.get("keep-alive")).toBe("timeout=65");
  });
});

describe("slow clients", () => {
  it("cuts off a request whose body trickles in past the request timeout", async () => {
    const strict = await startTestServer({ server: { server: { requestTimeoutMs: 600, headersTimeoutMs: 400 } } });
    try {
      const head = `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${query.length}\r\n\r\n`;
      const body = await trickle(strict, head, query, 100);
      expect(body.answer).toMatch(/^HTTP\/1\.1 408/);
      expect(body.afterMs).toBeLessThan(query.length * 100); // long before the whole body would have arrived

      const headers = await trickle(strict, "", "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + "x".repeat(200), 50);
      expect(headers.answer).toMatch(/^HTTP\/1\.1 408/);
      // The server still answers everyone else.
      expect((await post(strict, undefined)).status).toBe(200);
    } finally {
      await strict.close();
    }
  });
});

describe("the rest of the HTTP surface", () => {
  it("answers a request target no URL parser reads with 400, not an internal error", async () => {
    const { port } = new URL(development.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), "127.0.0.1", () => socket.write("GET //[::1 HTTP/1.1\r\nHost: localhost\r\n\r\n"));
      let text = "";
      socket.on("data", (chunk) => {
        text += String(chunk);
        if (text.includes("\r\n\r\n")) socket.destroy();
      });
      socket.on("close", () => resolve(text));
      socket.on("error", reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
  });

  it("serves the playground page so that no other site may frame it", async () => {
    const withPlayground = await startTestServer({ server: { playground: createPlayground({}) } });
    try {
      const page = await fetch(withPlayground.url, { headers: { accept: "text/html" } });
      expect(page.status).toBe(200);
      expect(page.headers.get("content-security-policy")).toBe("frame-ancestors 'none'");
      expect(page.headers.get("x-frame-options")).toBe("DENY");
      expect(page.headers.get("x-content-type-options")).toBe("nosniff");
      expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    } finally {
      await withPlayground.close();
    }
  });

  it("cuts the messages that quote what the client sent: 900 KB in is not 1.8 MB out", async () => {
    const response = await fetch(development.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: admin },
      body: JSON.stringify({
        query: "query($p: Position) { orders(first: 1, minPosition: $p) { totalCount } }",
        variables: { p: "x".repeat(900_000) },
      }),
    });
    const text = await response.text();
    expect(text.length).toBeLessThan(3000);
    expect(text).toMatch(/characters cut/);
    expect(text).toMatch(/BAD_USER_INPUT/);
  });
});
