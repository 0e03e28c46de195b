/**
 * `npm run test:browser`: the playground in headless Chromium (Debian's chromium, driven
 * by playwright-core), against `npm start` on the embedded database in development mode.
 * Every request outside the server is refused, so the page must work with no internet. It
 * runs a mutation, a query and a subscription from the page, and saves a screenshot.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const screenshots = path.join(root, "test-results");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "catchup-browser-"));
let server: ChildProcessWithoutNullStreams;
let url: string;
let adminToken: string;
let browser: Browser;
const outside: string[] = [];

beforeAll(async () => {
  server = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "development", PORT: "0", DATABASE_URL: "", CATCHUP_JWT_SECRET: "", CATCHUP_DATA_DIR: dataDir },
  });
  let output = "";
  server.stderr.on("data", (chunk) => (output += chunk));
  ({ url, adminToken } = await new Promise<{ url: string; adminToken: string }>((resolve, reject) => {
    server.stdout.on("data", (chunk) => {
      output += chunk;
      const served = /serving GraphQL at (http:\/\/\S+)/.exec(output);
      const token = /^ {2}admin +(\S+)$/m.exec(output);
      if (served && token) resolve({ url: served[1]!, adminToken: token[1]! });
    });
    server.on("exit", () => reject(new Error(`the server exited:\n${output}`)));
  }));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  server?.kill("SIGTERM");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A page that may only talk to the server. */
async function open(query: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const origin = new URL(url).origin;
  await page.route("**/*", (route) => {
    const target = route.request().url();
    if (target.startsWith(origin) || target.startsWith(origin.replace("http", "ws"))) return route.continue();
    outside.push(target);
    return route.abort();
  });
  await page.goto(`${url}?query=${encodeURIComponent(query)}`);
  await page.locator(".graphiql-execute-button").waitFor({ timeout: 30_000 });
  return page;
}

async function run(page: Page, expected: RegExp): Promise<string> {
  await page.locator(".graphiql-execute-button").click();
  const result = page.locator(".result-window");
  await expect.poll(async () => result.innerText(), { timeout: 15_000 }).toMatch(expected);
  return result.innerText();
}

describe("the playground", () => {
  let customerId: string;

  it("is served by the server itself, with nothing from elsewhere", async () => {
    const page = await open("{ projections { name state } }");
    const assets = (await page.evaluate(
      "[...document.querySelectorAll('script[src], link[href]')].map((node) => node.src || node.href)",
    )) as string[];
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) expect(asset.startsWith(new URL(url).origin)).toBe(true);
    await page.close();
  });

  it("runs a mutation", async () => {
    const page = await open(
      'mutation Register { registerCustomer(input: { name: "Ada Lovelace", email: "ada@example.com", phone: "+44 20 7946 0000", ' +
        'address: { line1: "12 St James Sq", city: "London", postalCode: "SW1Y 4JH", country: "GB" } }, consistency: STRONG) { streamId position caughtUp } }',
    );
    const text = await run(page, /"caughtUp": true/);
    customerId = /"streamId": "([^"]+)"/.exec(text)![1]!;
    await page.close();
  });

  it("runs a query", async () => {
    const page = await open(`query Customer { customer(id: "${customerId}") { id name email address { city } } }`);
    await run(page, /"name": "Ada Lovelace"/);
    await page.close();
  });

  it("receives a subscription event over graphql-ws, and shows it", async () => {
    const page = await open("subscription Progress { projectionProgress(projections: [CUSTOMER_PROFILE]) { projection position } }");
    await page.locator(".graphiql-execute-button").click();
    await page.waitForTimeout(500); // the subscription is open
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({
        query: `mutation { changeCustomerPhoneNumber(input: { customerId: "${customerId}", phone: "+44 20 7946 0001" }) { position } }`,
      }),
    });
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
    await expect
      .poll(async () => page.locator(".result-window").innerText(), { timeout: 15_000 })
      .toMatch(/"projection": "CUSTOMER_PROFILE"/);
    fs.mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, "playground.png") });
    expect(fs.statSync(path.join(screenshots, "playground.png")).size).toBeGreaterThan(10_000);
    await page.close();
    expect(outside, "requests outside the server").toEqual([]);
  });
});
