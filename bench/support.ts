/** Shared pieces of the benchmarks: databases, a server in its own process, load, stats, output. */
import { readModelsOf } from "../src/graphql/module.js";
import { MODULES } from "../src/modules/index.js";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { Authenticator } from "../src/auth/authenticator.js";
import { createScratchDatabase, type ScratchDatabase } from "../scripts/scratch-database.js";

export const root = path.resolve(import.meta.dirname, "..");
export const POSTGRES = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** The servers under test verify tokens with this secret; the benchmark calls them as admin. */
const SECRET = "catchup-benchmark-secret-of-32-characters-or-more";
/** A master key for the production-mode processes (any 32 bytes; this one is public). */
export const MASTER_KEY = "Q2F0Y2h1cCB0ZXN0IG1hc3RlciBrZXksIDMyIGJ5dGU=";
/** The same key, for apps the benches create in process on a database a server then opens. */
export const MASTER_KEYS = [Buffer.from(MASTER_KEY, "base64")];
export const AUTHORIZATION = `Bearer ${await new Authenticator({ secret: SECRET }).issue({ role: "admin", subject: "bench" }, "1d")}`;
/** graphql-ws connection parameters for the servers under test. */
export const CONNECTION_PARAMS = { authorization: AUTHORIZATION };

export interface Options {
  quick: boolean;
}

/** One part of the report: a table and notes. */
export interface Section {
  title: string;
  rows: Record<string, string | number>[];
  notes: string[];
}

// Databases -----------------------------------------------------------------

/** A scratch database for one benchmark, on BENCH_POSTGRES_URL's server. */
export function createDatabase(label: string): Promise<ScratchDatabase> {
  return createScratchDatabase(POSTGRES, `catchup_bench_${label}`);
}

// Processes -----------------------------------------------------------------

export interface Server {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** `node --import tsx <script>` with env; resolves when it prints `serving GraphQL at <url>`. */
export async function startProcess(script: string, env: Record<string, string>): Promise<Server> {
  // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=bench/results/profiles", profiles the servers.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", script], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", PORT: "0", CATCHUP_JWT_SECRET: SECRET, CATCHUP_MASTER_KEY: MASTER_KEY, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    const listen = (chunk: Buffer) => {
      output += chunk;
      const match = /serving GraphQL at (http:\/\/\S+)/.exec(output);
      if (match) {
        // From here on the server's log lines are drained, not kept (nor parsed).
        child.stdout!.off("data", listen);
        child.stdout!.resume();
        resolve(match[1]!);
      }
    };
    child.stdout!.on("data", listen);
    child.on("exit", () => reject(new Error(`${script} exited:\n${output}`)));
  });
  return { url, pid: child.pid!, stop: () => stopChild(child) };
}

/** A Catchup server on a PostgreSQL database. */
export function startCatchup(databaseUrl: string, env: Record<string, string> = {}): Promise<Server> {
  return startProcess("src/main.ts", { DATABASE_URL: databaseUrl, CATCHUP_DB_POOL_SIZE: "20", ...env });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.on("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/**
 * Measures the CPU time (user + system, in ms) used from now on by the process `pid` and by
 * the PostgreSQL processes on this machine, from /proc (Linux; zeros elsewhere). It samples
 * every 100 ms and adds up each process's growth, so a backend that exits during the run
 * (a pool closing an idle connection) loses at most its last 100 ms instead of all it used.
 * Taken around a load, it says where each request's CPU went: the server, or the database.
 */
export function cpuMeter(pid: number): { stop(): { server: number; postgres: number } } {
  const last = new Map<number, number>();
  const totals = { server: 0, postgres: 0 };
  const sample = (count: boolean) => {
    let entries: string[];
    try {
      entries = fs.readdirSync("/proc");
    } catch {
      return; // no /proc
    }
    for (const entry of entries) {
      if (!/^\d+$/.test(entry)) continue;
      const id = Number(entry);
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
        const postgres = stat.includes("(postgres)");
        if (id !== pid && !postgres) continue;
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        const used = ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
        if (count) totals[id === pid ? "server" : "postgres"] += used - (last.get(id) ?? 0);
        last.set(id, used);
      } catch {
        // gone since listed
      }
    }
  };
  sample(false);
  const timer = setInterval(() => sample(true), 100);
  return {
    stop() {
      clearInterval(timer);
      sample(true);
      return totals;
    },
  };
}

/** Linux's USER_HZ, the unit of /proc's CPU times. */
const CLOCK_TICKS = 100;

/** Resident memory of a process, in MiB. */
export function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round((kb / 1024) * 10) / 10;
}

// Load ------------------------------------------------------------------------

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  graphqlErrors: number;
}

/**
 * POSTs GraphQL bodies at `url` (or spread over several) from a separate process
 * (autocannon), cycling through `bodies`, with `connections` connections for `seconds`.
 */
export function load(
  url: string | string[],
  bodies: unknown[],
  connections: number,
  seconds: number,
  headers: Record<string, string> = {},
): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "bench/load.ts"], { cwd: root, stdio: ["pipe", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(output) as LoadResult) : reject(new Error(`load exited ${code}`))));
    child.stdin.end(
      JSON.stringify({ urls: Array.isArray(url) ? url : [url], bodies, connections, seconds, authorization: AUTHORIZATION, headers }),
    );
  });
}

// GraphQL -----------------------------------------------------------------------

/**
 * Kept-alive connections for the benchmarks' own requests: they share the machine with the
 * server under test, so they should cost it as little as they can (fetch costs a few times
 * what node:http does per request).
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export function gql<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const payload = JSON.stringify({ query, variables });
  return new Promise<T>((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), authorization: AUTHORIZATION },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => {
          try {
            const body = JSON.parse(text) as { data?: T; errors?: unknown[] };
            if (body.errors) reject(new Error(JSON.stringify(body.errors)));
            else resolve(body.data!);
          } catch (error) {
            reject(new Error(`HTTP ${response.statusCode}: ${text.slice(0, 200)} (${String(error)})`));
          }
        });
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(payload);
  });
}

// Numbers -----------------------------------------------------------------------

export interface Summary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** Percentiles of latencies in ms (nearest rank). */
export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
  return { count: sorted.length, p50: round(at(0.5)), p99: round(at(0.99)), max: round(sorted.at(-1) ?? 0) };
}

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
export const ratio = (value: number, floor: number) => (floor > 0 ? `${round(value / floor)}×` : "n/a");

export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}`;
}

export function markdown(section: Section): string {
  const columns = [...new Set(section.rows.flatMap((row) => Object.keys(row)))];
  return [
    `### ${section.title}`,
    "",
    `| ${columns.join(" | ")} |`,
    `| ${columns.map(() => "---").join(" | ")} |`,
    ...section.rows.map((row) => `| ${columns.map((column) => String(row[column] ?? "")).join(" | ")} |`),
    "",
    ...section.notes.map((note) => `- ${note}`),
    "",
  ].join("\n");
}

/** How many projections the modules run (every one of them is measured). */
export const PROJECTION_COUNT = readModelsOf(MODULES).length;
