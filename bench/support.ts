/** Shared pieces of the benchmarks: a server in its own process on a fresh database, stats, output. */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export const root = path.resolve(import.meta.dirname, "..");

export interface Server {
  url: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

/** A Catchup server process on a new PostgreSQL database (dropped by stop). */
export async function startServer(env: Record<string, string> = {}): Promise<Server> {
  const base = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const name = `catchup_bench_${Date.now().toString(36)}_${process.pid}`;
  await admin(base, `CREATE DATABASE "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", PORT: "0", DATABASE_URL: url.toString(), CATCHUP_DB_POOL_SIZE: "20", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const serving = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      const match = /serving GraphQL at (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.on("exit", () => reject(new Error(`server exited:\n${output}`)));
  });
  return {
    url: serving,
    databaseUrl: url.toString(),
    async stop() {
      await stopChild(child);
      await admin(base, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.on("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function gql<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

export interface Summary {
  count: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

/** Percentiles of latencies in ms (nearest rank). */
export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    count: sorted.length,
    p50: round(at(0.5)),
    p99: round(at(0.99)),
    max: round(sorted.at(-1)!),
    mean: round(sorted.reduce((sum, value) => sum + value, 0) / sorted.length),
  };
}

export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** Writes bench/results/<name>.json and .md. */
export function report(name: string, title: string, rows: Record<string, unknown>[], notes: string[] = []): void {
  const dir = path.join(root, "bench", "results");
  fs.mkdirSync(dir, { recursive: true });
  const result = { name, title, machine: machine(), date: new Date().toISOString(), rows, notes };
  fs.writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const table = [`| ${columns.join(" | ")} |`, `| ${columns.map(() => "---").join(" | ")} |`, ...rows.map((row) => `| ${columns.map((c) => String(row[c] ?? "")).join(" | ")} |`)];
  const markdown = [`## ${title}`, "", `${result.machine}; ${result.date}`, "", ...table, "", ...notes.map((note) => `- ${note}`), ""].join("\n");
  fs.writeFileSync(path.join(dir, `${name}.md`), markdown);
  console.log(markdown);
}
