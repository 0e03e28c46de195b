/** The lock that keeps a PGlite data directory to one process. */
import fs from "node:fs";
import path from "node:path";
import { DatabaseError, describe } from "./errors.js";

/**
 * A PGlite data directory may be opened by one process only; a second one would corrupt
 * it. The lock is a file holding the owner's pid; a lock left by a dead process is taken
 * over.
 */
export function lockDataDir(dataDir: string): () => void {
  const lockFile = path.join(dataDir, "catchup.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      return () => fs.rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new DatabaseError(`cannot lock the data directory ${dataDir}: ${describe(error)}`);
      }
      const owner = Number(fs.readFileSync(lockFile, "utf8").trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new DatabaseError(
          `the data directory ${dataDir} is in use by another Catchup process (pid ${owner}); ` +
            `stop it, or set CATCHUP_DATA_DIR to another directory`,
        );
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new DatabaseError(`cannot lock the data directory ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
