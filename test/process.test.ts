/**
 * `npm start` as a real process: it prints its URL, serves, refuses a data directory that
 * another process holds, says clearly when PostgreSQL is unreachable, and exits 0 after
 * draining on SIGTERM, with its data still there on the next start.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Authenticator } from "../src/auth/authenticator.js";
import { PROJECTION_NAMES } from "./support/read-models.js";

const root = path.resolve(import.meta.dirname, "..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "catchup-process-"));
const children: ChildProcessWithoutNullStreams[] = [];

const SECRET = "process-test-secret-of-at-least-32-characters";
/** A master key for the production-mode processes (any 32 bytes; this one is public). */
const MASTER_KEY = "Q2F0Y2h1cCB0ZXN0IG1hc3RlciBrZXksIDMyIGJ5dGU=";

afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: root,
    // NODE_ENV as in production: vitest's "test" would change libraries' behaviour (Apollo's signal handling).
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: "0",
      DATABASE_URL: "",
      CATCHUP_JWT_SECRET: SECRET,
      CATCHUP_MASTER_KEY: MASTER_KEY,
      ...env,
    },
  });
  children.push(child);
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = /serving GraphQL at (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout.on("data", check);
    void exited.then(() => reject(new Error(`exited before serving:\n${output}`)));
  });
  url.catch(() => {}); // awaited only by the tests that expect the server to come up
  return { child, url, exited, output: () => output };
}

/** Runs `npm run projections -- …` (or another script) to completion, as npm runs it: compiled, by scripts/start.mjs. */
function cli(
  args: string[],
  env: Record<string, string>,
  script = "scripts/projections.ts",
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ["scripts/start.mjs", ...(script ? [script] : []), ...args], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: "", CATCHUP_JWT_SECRET: SECRET, CATCHUP_MASTER_KEY: MASTER_KEY, ...env },
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, output })));
}

async function post(url: string, query: string) {
  const authorization = `Bearer ${await new Authenticator({ secret: SECRET }).issue({ role: "admin", subject: "process-test" })}`;
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: Record<string, { streamId?: string; balanceCents?: number; totalCount?: number } | null> };
}

describe("the server process", () => {
  it("runs from a compiled file, built when missing and again once a source is newer, and so do the scripts", async () => {
    const compiled = path.join(root, "node_modules", ".cache", "catchup", "server.mjs");
    const build = () => cli(["--build"], {}, "");
    expect((await build()).code).toBe(0);
    const built = fs.statSync(compiled).mtimeMs;
    expect(fs.readFileSync(compiled, "utf8")).toMatch(/sourceMappingURL=server\.mjs\.map\s*$/);
    expect((await build()).code).toBe(0);
    expect(fs.statSync(compiled).mtimeMs).toBe(built); // fresh: not rebuilt
    const source = path.join(root, "src", "main.ts");
    const now = new Date();
    fs.utimesSync(source, now, now);
    expect((await build()).code).toBe(0);
    expect(fs.statSync(compiled).mtimeMs).toBeGreaterThanOrEqual(now.getTime());

    // A script runs from a file of its own, built on its first run, and sees only its own arguments.
    const keysCompiled = path.join(root, "node_modules", ".cache", "catchup", "scripts-keys.mjs");
    fs.rmSync(keysCompiled, { force: true });
    const usage = await cli(["nonsense", "--flag"], {}, "scripts/keys.ts");
    expect(usage).toEqual({ code: 2, output: "usage: npm run keys -- status | rewrap\n" });
    expect(fs.existsSync(keysCompiled)).toBe(true);
    const status = await cli(["status"], { CATCHUP_DATA_DIR: fs.mkdtempSync(path.join(dataDir, "keys-")) }, "scripts/keys.ts");
    expect(status).toMatchObject({
      code: 0,
      output: expect.stringMatching(/^\d+ data keys, 0 subjects forgotten \(their keys deleted\)\n$/),
    });
  });

  it("serves on the embedded database, refuses a second process on it, drains on SIGTERM and keeps its data", async () => {
    const first = start({ CATCHUP_DATA_DIR: dataDir });
    const url = await first.url;
    expect(first.output()).toMatch(/embedded PGlite/);
    const registered = await post(
      url,
      'mutation { registerCustomer(input: { name: "Ada", email: "ada@example.com", phone: "+1 555 0100", ' +
        'address: { line1: "1 Main St", city: "Springfield", postalCode: "12345", country: "US" } }) { streamId } }',
    );
    const customerId = registered.data!.registerCustomer!.streamId!;
    const opened = await post(url, `mutation { openAccount(input: { customerId: "${customerId}" }, consistency: STRONG) { streamId } }`);
    const accountId = opened.data!.openAccount!.streamId!;

    const second = start({ CATCHUP_DATA_DIR: dataDir });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`is in use by the Catchup server at ${url} (pid ${first.child.pid}); stop that server first`);

    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/SIGTERM received[\s\S]*stopped/);

    const again = start({ CATCHUP_DATA_DIR: dataDir });
    const account = await post(await again.url, `{ account(id: "${accountId}", consistent: true) { balanceCents } }`);
    expect(account.data!.account).toEqual({ balanceCents: 0 });
    again.child.kill("SIGINT");
    expect(await again.exited).toBe(0);
  });

  it("rebuilds projections through a running server, and by itself when none runs", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "catchup-rebuild-"));
    try {
      const server = start({ CATCHUP_DATA_DIR: dir });
      const url = await server.url;
      await post(
        url,
        'mutation { registerCustomer(input: { name: "Ada", email: "ada@example.com", phone: "+1 555 0100", ' +
          'address: { line1: "1 Main St", city: "Springfield", postalCode: "12345", country: "US" } }, consistency: STRONG) { streamId } }',
      );
      const viaServer = await cli(["rebuild", "--all"], { CATCHUP_DATA_DIR: dir, CATCHUP_URL: url });
      expect(viaServer.code).toBe(0);
      expect(viaServer.output).toMatch(/Rebuilding ORDER_SUMMARY, .* in the server at/);
      expect(viaServer.output).toMatch(new RegExp(`Rebuilt ${PROJECTION_NAMES.join(", ")} in \\d+\\.\\d s`));
      const status = await cli(["status"], { CATCHUP_DATA_DIR: dir, CATCHUP_URL: url });
      expect(status.output).toMatch(/CUSTOMER_PROFILE\s+RUNNING\s+1\s+1\s+0/);
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);

      const alone = await cli(["rebuild", "customer_profile"], { CATCHUP_DATA_DIR: dir, CATCHUP_URL: "http://127.0.0.1:1/graphql" });
      expect(alone.code).toBe(0);
      expect(alone.output).toMatch(/No server at .*: rebuilding CUSTOMER_PROFILE in this process/);
      expect(alone.output).toMatch(/1 events, \d+ events\/s/);
      const unknown = await cli(["rebuild", "NOPE"], { CATCHUP_DATA_DIR: dir });
      expect(unknown.code).toBe(2);
      expect(unknown.output).toMatch(/unknown projection: NOPE/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("lets the scripts find the server through its data directory, whatever its port, and seed through it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "catchup-scripts-"));
    try {
      const server = start({ CATCHUP_DATA_DIR: dir }); // PORT=0: a port nobody could guess
      const url = await server.url;
      const env = { CATCHUP_DATA_DIR: dir, PORT: "1" };
      const seeded = await cli(["--customers", "4", "--orders", "6", "--concurrency", "2"], env, "scripts/seed.ts");
      expect(seeded.code, seeded.output).toBe(0);
      expect(seeded.output).toContain(`Seeding through the server at ${url}`);
      expect(seeded.output).toMatch(/Seeded 4 customers \(\d+ accounts\), 1 products, 6 orders in [\d.]+ s; the log now holds \d+ events/);
      // The server's projections followed the commands as they landed.
      const listed = await post(url, '{ orders(first: 100, minPosition: "1") { totalCount } }');
      expect(listed.data!.orders).toEqual({ totalCount: 6 });
      const status = await cli(["status"], env);
      expect(status.output).toContain(`Projections of the server at ${url}:`);
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);
      // No server: the seed writes to the data directory itself.
      const alone = await cli(["--customers", "1", "--orders", "1"], env, "scripts/seed.ts");
      expect(alone.code, alone.output).toBe(0);
      expect(alone.output).toContain("No server at http://127.0.0.1:1/graphql: seeding the database in this process");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("says clearly when PostgreSQL is unreachable", async () => {
    const child = start({ DATABASE_URL: "postgresql://catchup@127.0.0.1:1/nowhere" });
    expect(await child.exited).toBe(1);
    expect(child.output()).toMatch(/catchup: cannot connect to PostgreSQL at postgresql:\/\/catchup@127\.0\.0\.1:1\/nowhere: ECONNREFUSED/);
  });

  it("says clearly what is wrong with the configuration", async () => {
    const child = start({ PORT: "eighty" });
    expect(await child.exited).toBe(1);
    expect(child.output()).toMatch(/catchup: invalid configuration:\n {2}- PORT must be an integer from 0 to 65535, got "eighty"/);
    const unsigned = start({ CATCHUP_JWT_SECRET: "" });
    expect(await unsigned.exited).toBe(1);
    expect(unsigned.output()).toMatch(/CATCHUP_JWT_SECRET \(or CATCHUP_JWT_JWKS_URL\) is required when NODE_ENV=production/);
  });

  it("in development mode, says so and prints a working token per role", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "catchup-dev-"));
    try {
      const server = start({ CATCHUP_DATA_DIR: dir, NODE_ENV: "development", CATCHUP_JWT_SECRET: "" });
      const url = await server.url;
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(server.output()).toMatch(/Authentication is in DEVELOPMENT mode/);
      const tokens = Object.fromEntries(
        [...server.output().matchAll(/^ {2}(admin|staff|customer) +(\S+)$/gm)].map((match) => [match[1], match[2]]),
      );
      expect(Object.keys(tokens).sort()).toEqual(["admin", "customer", "staff"]);
      const ask = async (role: string, query: string) => {
        const response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${tokens[role]}` },
          body: JSON.stringify({ query }),
        });
        return (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
      };
      expect((await ask("admin", "{ projections { name } }")).errors).toBeUndefined();
      expect((await ask("staff", "mutation { rebuildProjections { name } }")).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      const registered = await ask(
        "customer",
        'mutation { registerCustomer(input: { name: "Dev", email: "dev@example.com", phone: "+1 555 0100", ' +
          'address: { line1: "1 Main St", city: "Springfield", postalCode: "12345", country: "US" } }) { streamId } }',
      );
      expect(registered.data).toEqual({ registerCustomer: { streamId: "dev-customer" } });
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
