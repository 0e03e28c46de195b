/**
 * A PostgreSQL primary and a streaming replica of its own, on this machine: initdb and
 * pg_basebackup from PostgreSQL 15's binaries, run as the `postgres` OS user, in a temporary
 * directory, on ports of their own, with `host replication` allowed in that cluster's own
 * pg_hba.conf. The machine's own cluster is left alone. For the replica tests and the bench.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

export interface ReplicaPair {
  primaryUrl: string;
  replicaUrl: string;
  dir: string;
  /** Stops the replica (fast shutdown: its connections are cut). */
  stopReplica(): void;
  startReplica(): void;
  close(): void;
}

/**
 * The URL, on the replica at `replicaUrl`, of a database made on its primary (`databaseUrl`):
 * the same name, since a streaming replica copies the whole cluster.
 */
export function onReplica(replicaUrl: string, databaseUrl: string): string {
  const target = new URL(databaseUrl);
  target.host = new URL(replicaUrl).host;
  return target.toString();
}

/** Runs a PostgreSQL binary as the postgres OS user (directly when this process is that user). */
function pg(binary: string, args: readonly string[]): string {
  const file = path.join(BIN, binary);
  const asPostgres = os.userInfo().username === "postgres";
  return execFileSync(asPostgres ? file : "runuser", asPostgres ? args : ["-u", "postgres", "--", file, ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 120_000,
  });
}

/** A free TCP port on 127.0.0.1. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the pair. `applyDelayMs` sets the replica's recovery_min_apply_delay: every
 * transaction becomes visible there that long after its commit on the primary.
 */
export async function startReplicaPair(options: { applyDelayMs?: number } = {}): Promise<ReplicaPair> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "catchup-replica-"));
  fs.chmodSync(dir, 0o777);
  execFileSync("chown", ["postgres", dir]);
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const primary = path.join(dir, "primary");
  const replica = path.join(dir, "replica");
  const socket = (port: number) =>
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200`;

  pg("initdb", ["-D", primary, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"]);
  fs.appendFileSync(path.join(primary, "pg_hba.conf"), "host replication all 127.0.0.1/32 trust\n");
  pg("pg_ctl", ["-D", primary, "-o", `${socket(primaryPort)} -c wal_level=replica`, "-l", path.join(dir, "primary.log"), "-w", "start"]);
  pg("pg_basebackup", ["-h", "127.0.0.1", "-p", String(primaryPort), "-U", "postgres", "-D", replica, "-R", "-X", "stream", "--no-sync"]);
  const delay = options.applyDelayMs ?? 0;
  const replicaOptions = `${socket(replicaPort)} -c hot_standby=on -c recovery_min_apply_delay=${delay}ms -c max_standby_streaming_delay=-1`;
  fs.writeFileSync(path.join(dir, "replica-options"), replicaOptions);
  startReplica(dir);
  return {
    primaryUrl: `postgresql://postgres@127.0.0.1:${primaryPort}/postgres`,
    replicaUrl: `postgresql://postgres@127.0.0.1:${replicaPort}/postgres`,
    dir,
    stopReplica: () => stopReplica(dir),
    startReplica: () => startReplica(dir),
    close() {
      stop(replica);
      stop(primary);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function stop(data: string): void {
  try {
    pg("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
  } catch {
    // Already stopped.
  }
}

/** Stops the replica of the pair in `dir` (from any process): its connections are cut. */
export function stopReplica(dir: string): void {
  stop(path.join(dir, "replica"));
}

/** Starts the replica of the pair in `dir` again, with the options it was made with. */
export function startReplica(dir: string): void {
  const options = fs.readFileSync(path.join(dir, "replica-options"), "utf8");
  pg("pg_ctl", ["-D", path.join(dir, "replica"), "-o", options, "-l", path.join(dir, "replica.log"), "-w", "start"]);
}
