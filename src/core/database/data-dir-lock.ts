/** The lock that keeps a PGlite data directory to one process, and says which server holds it. */
import fs from "node:fs";
import path from "node:path";
import { DatabaseError, describe } from "./errors.js";

/** Who holds a data directory: a live process, and the URL it serves GraphQL at, once it says. */
export interface Holder {
  pid: number;
  url: string | null;
}

const lockFileOf = (dataDir: string) => path.join(dataDir, "catchup.lock");

/**
 * A PGlite data directory may be opened by one process only; a second one would corrupt
 * it. The lock is a file holding the owner's pid (and, once a server listens, its URL: see
 * announceServer); a lock left by a dead process is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const lockFile = lockFileOf(dataDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, `${process.pid}\n`, { flag: "wx" });
      return () => fs.rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new DatabaseError(`cannot lock the data directory ${dataDir}: ${describe(error)}`);
      }
      const holder = holderOf(dataDir);
      if (holder && holder.pid !== process.pid) {
        throw new DatabaseError(
          holder.url
            ? `the data directory ${dataDir} is in use by the Catchup server at ${holder.url} (pid ${holder.pid}); ` +
                `stop that server first (Ctrl-C where it runs), or set CATCHUP_DATA_DIR to another directory`
            : `the data directory ${dataDir} is in use by another Catchup process (pid ${holder.pid}); ` +
                `stop it, or set CATCHUP_DATA_DIR to another directory`,
        );
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new DatabaseError(`cannot lock the data directory ${dataDir}`);
}

/** The live process that holds `dataDir`, or null (no lock, or one left by a dead process). */
export function holderOf(dataDir: string): Holder | null {
  let text: string;
  try {
    text = fs.readFileSync(lockFileOf(dataDir), "utf8");
  } catch {
    return null;
  }
  const [pidLine = "", url = ""] = text.split("\n");
  const pid = Number(pidLine.trim());
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  return { pid, url: /^https?:\/\/\S+$/.test(url.trim()) ? url.trim() : null };
}

/**
 * Records in this process's lock of `dataDir` the URL its server answers at, so that the
 * scripts (`npm run seed`, `projections`, `example`) find it whatever its PORT, and a process
 * that finds the directory locked can say which server holds it.
 */
export function announceServer(dataDir: string, url: string): void {
  const lockFile = lockFileOf(dataDir);
  if (holderOf(dataDir)?.pid !== process.pid) return;
  const written = `${lockFile}.${process.pid}`;
  fs.writeFileSync(written, `${process.pid}\n${url}\n`);
  fs.renameSync(written, lockFile);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
