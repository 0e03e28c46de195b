/**
 * npm run bench [-- --quick] [-- --only append,raw,…]
 *
 * Runs the benchmarks against the local PostgreSQL (BENCH_POSTGRES_URL, default
 * postgresql://postgres@127.0.0.1:5432/postgres; each creates and drops its own databases)
 * and writes bench/results/latest.md and latest.json (quick mode: latest-quick.*). Nothing
 * here asserts a time: the figures are reported, with their floor and the goal where there
 * is one.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { machine, markdown, root, type Options, type Section } from "./support.js";

const BENCHES: Record<string, () => Promise<{ run(options: Options): Promise<Section[]> }>> = {
  append: () => import("./append.js"),
  commands: () => import("./commands.js"),
  lag: () => import("./lag.js"),
  raw: () => import("./read-after-write.js"),
  queries: () => import("./queries.js"),
  rebuild: () => import("./rebuild.js"),
  subscriptions: () => import("./subscriptions.js"),
  cluster: () => import("./cluster.js"),
  snapshots: () => import("./snapshots.js"),
  replicas: () => import("./replicas.js"),
  start: () => import("./start.js"),
};

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const onlyIndex = args.indexOf("--only");
const only = onlyIndex >= 0 ? (args[onlyIndex + 1] ?? "").split(",") : Object.keys(BENCHES);
const unknown = only.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(`unknown benchmark: ${unknown.join(", ")}; known: ${Object.keys(BENCHES).join(", ")}`);
  process.exit(2);
}

const started = Date.now();
const dir = path.join(root, "bench", "results");
const base = quick ? "latest-quick" : "latest";
/** Sections by benchmark; with --only, the other benchmarks' last results (same mode) are kept. */
const results = new Map<string, Section[]>(previous());
for (const name of only) results.delete(name);
/**
 * pg's type parsers are process-wide, and the benchmarks share this process: one that changes
 * them (Emmett's driver does) must put them back, or the next ones read int8 and JSON
 * otherwise than the server does (int8 as BigInt broke Prisma's raw reads in the queries bench).
 */
const PARSED = [20, 114, 3802].map((oid) => [oid, pg.types.getTypeParser(oid, "text")] as const);
for (const name of only) {
  const began = Date.now();
  console.error(`== ${name}${quick ? " (quick)" : ""}`);
  const bench = await BENCHES[name]!();
  const produced = await bench.run({ quick });
  for (const section of produced) console.log(markdown(section));
  results.set(name, produced);
  console.error(`   ${name} took ${((Date.now() - began) / 1000).toFixed(0)} s`);
  write(); // after each benchmark, so that a failure later keeps what was measured
  const changed = PARSED.filter(([oid, parse]) => pg.types.getTypeParser(oid, "text") !== parse).map(([oid]) => oid);
  if (changed.length > 0) throw new Error(`the ${name} benchmark left pg's type parsers of OIDs ${changed.join(", ")} changed`);
}

function write(): void {
  const header = [
    `## Benchmark results${quick ? " (quick mode)" : ""}`,
    "",
    `Machine: ${machine()}; PostgreSQL ${process.env.BENCH_POSTGRES_URL ? "at BENCH_POSTGRES_URL" : "15 on 127.0.0.1"}.`,
    `Last run: \`npm run bench${args.length > 0 ? ` -- ${args.join(" ")}` : ""}\` on ${new Date().toISOString()}, ${((Date.now() - started) / 1000).toFixed(0)} s` +
      (onlyIndex >= 0 ? "; the other sections are from earlier runs of the same mode." : "."),
    "",
  ].join("\n");
  const ordered = Object.keys(BENCHES).flatMap((name) => results.get(name) ?? []);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${base}.md`), `${header}\n${ordered.map(markdown).join("\n")}`);
  const benches = Object.fromEntries(
    Object.keys(BENCHES)
      .filter((name) => results.has(name))
      .map((name) => [name, results.get(name)]),
  );
  fs.writeFileSync(
    path.join(dir, `${base}.json`),
    `${JSON.stringify({ quick, machine: machine(), date: new Date().toISOString(), benches }, null, 2)}\n`,
  );
}

function previous(): [string, Section[]][] {
  try {
    const last = JSON.parse(fs.readFileSync(path.join(dir, `${base}.json`), "utf8")) as { benches?: Record<string, Section[]> };
    return last.benches ? Object.entries(last.benches) : [];
  } catch {
    return [];
  }
}
console.error(`wrote bench/results/${base}.md and ${base}.json in ${((Date.now() - started) / 1000).toFixed(0)} s`);
