/**
 * `npm start` to "serving", timed from outside as a newcomer runs it: the README's command in
 * a child process, on the embedded database, until the server prints that it is serving.
 *
 * - fresh: a new data directory (from the migrated template `npm install` builds), and
 *   beside it the same without the template (initdb and every migration, as before);
 * - restart: the same directory again, with an empty log and with 100k events (caught up);
 * - floor: a node process that only opens the same data directory with PGlite and closes it,
 *   the embedded database's own share of a start, which no server code can take away.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createApp } from "../src/app.js";
import { buildTemplate } from "../src/core/database/pglite-template.js";
import { seed } from "../scripts/seeding.js";
import { grow } from "./rebuild.js";
import { MASTER_KEY, MASTER_KEYS, round, summarize, root, type Options, type Section } from "./support.js";

const SERVING = /serving GraphQL at http/;
const CAUGHT_UP = /projections caught up in ([\d.]+) s/;

/** Seconds from spawning `npm start` to its "serving" line; with `waitFor`, also to that line. */
async function npmStart(dataDir: string, waitFor?: RegExp): Promise<{ serving: number; then?: string }> {
  const started = performance.now();
  const child = spawn("npm", ["start"], {
    cwd: root,
    env: { ...process.env, CATCHUP_DATA_DIR: dataDir, CATCHUP_MASTER_KEY: MASTER_KEY, PORT: "0", NODE_ENV: "development" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  let serving: number | undefined;
  try {
    return await new Promise((resolve, reject) => {
      const listen = (chunk: Buffer) => {
        output += chunk;
        if (serving === undefined && SERVING.test(output)) serving = (performance.now() - started) / 1000;
        if (serving === undefined) return;
        if (!waitFor) resolve({ serving });
        const match = waitFor && waitFor.exec(output);
        if (match) resolve({ serving, then: match[1] });
      };
      child.stdout.on("data", listen);
      child.stderr.on("data", listen);
      child.on("exit", (code) => reject(new Error(`npm start exited (${code}) before it was expected to:\n${output.slice(-2000)}`)));
    });
  } finally {
    // npm and the server it started are one process group: stopped together, and waited for
    // until none is left (the server holds the data directory until it has closed it).
    const alive = () => {
      try {
        process.kill(-child.pid!, 0);
        return true;
      } catch {
        return false;
      }
    };
    if (alive()) process.kill(-child.pid!, "SIGTERM");
    while (alive()) await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Seconds for a bare node process to open a PGlite data directory and close it. */
async function pgliteOpen(pgdata: string): Promise<number> {
  const started = performance.now();
  const script = `import { PGlite } from "@electric-sql/pglite"; const db = await PGlite.create(${JSON.stringify(pgdata)}); await db.query("SELECT 1"); await db.close();`;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { cwd: root, stdio: "inherit" });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`PGlite alone exited with ${code}`))));
  });
  return (performance.now() - started) / 1000;
}

const median = (values: number[]) => summarize(values.map((value) => value * 1000)).p50 / 1000;
const seconds = (values: number[]) => `${round(median(values), 2)} (${values.map((value) => round(value, 2)).join(", ")})`;

export async function run({ quick }: Options): Promise<Section[]> {
  const runs = quick ? 2 : 3;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "catchup-bench-start-"));
  const rows: Section["rows"] = [];
  try {
    // The server compiled and the template built, as after `npm install`.
    const template = await buildTemplate();
    await npmStart(path.join(scratch, "warm"));

    const fresh: number[] = [];
    const floorFresh: number[] = [];
    for (let i = 0; i < runs; i++) fresh.push((await npmStart(path.join(scratch, `fresh-${i}`))).serving);
    for (let i = 0; i < runs; i++) floorFresh.push(await pgliteOpen(path.join(scratch, `fresh-${i}`, "pgdata")));
    // Without the template: moved aside for these runs only (should the bench stop before it is
    // back, the next `npm install`, `npm test` or bench run builds it again).
    const aside = `${template}.aside`;
    const withoutTemplate: number[] = [];
    fs.renameSync(template, aside);
    try {
      for (let i = 0; i < runs; i++) withoutTemplate.push((await npmStart(path.join(scratch, `initdb-${i}`))).serving);
    } finally {
      fs.renameSync(aside, template);
    }
    rows.push({
      start: "fresh data directory (from the template)",
      "s to serving, median (runs)": seconds(fresh),
      goal: "≤ 5 s",
      met: median(fresh) <= 5 ? "yes" : "no",
    });
    rows.push({
      start: "fresh data directory, initdb and migrations (no template)",
      "s to serving, median (runs)": seconds(withoutTemplate),
      goal: "",
      met: "",
    });

    const restart: number[] = [];
    for (let i = 0; i < runs; i++) restart.push((await npmStart(path.join(scratch, "fresh-0"))).serving);
    rows.push({
      start: "restart, empty log",
      "s to serving, median (runs)": seconds(restart),
      goal: "≤ 3 s",
      met: median(restart) <= 3 ? "yes" : "no",
    });

    // A data directory with a long log, written in process as `npm run seed` would, then grown.
    const size = quick ? 20_000 : 100_000;
    const big = path.join(scratch, "big");
    const app = await createApp({ masterKeys: MASTER_KEYS, database: { kind: "pglite", dataDir: big }, startProjections: false });
    let events: number;
    try {
      await seed(app, { customers: 200, orders: 1000, concurrency: 8 });
      await grow(app, size);
      events = Number(await app.store.lastPosition());
    } finally {
      await app.close();
    }
    const first = await npmStart(big, CAUGHT_UP);
    const long: number[] = [];
    for (let i = 0; i < runs; i++) long.push((await npmStart(big)).serving);
    const floorLong: number[] = [];
    for (let i = 0; i < runs; i++) floorLong.push(await pgliteOpen(path.join(big, "pgdata")));
    rows.push({
      start: `restart, ${events.toLocaleString("en-US")} events in the log (caught up)`,
      "s to serving, median (runs)": seconds(long),
      goal: "≤ 3 s",
      met: median(long) <= 3 ? "yes" : "no",
    });
    rows.push({
      start: `first start on that log: serving, then projections caught up`,
      "s to serving, median (runs)": `${round(first.serving, 2)}, caught up ${first.then} s later`,
      goal: "",
      met: "",
    });
    rows.push({
      start: "floor: node opening the same data directory with PGlite, a query, closing (empty / long log)",
      "s to serving, median (runs)": `${seconds(floorFresh)} / ${seconds(floorLong)}`,
      goal: "",
      met: "",
    });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return [
    {
      title: "Start: `npm start` to serving, on the embedded database",
      rows,
      notes: [
        "timed from outside: `npm start` spawned as the README says, until the server's 'serving GraphQL at' line; the server compiled and the template built beforehand, as `npm install` leaves them",
        "no template: the same with the template moved aside, so the data directory is made by initdb and every migration runs",
        "floor: a node process that opens the same data directory with PGlite, runs one query and closes it (PGlite's start, WebAssembly included)",
        "the long log: 200 customers and 1,000 orders through the commands in process (as `npm run seed` does), then the order streams cloned up to the size (as the rebuild benchmark does)",
      ],
    },
  ];
}
