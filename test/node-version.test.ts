/**
 * One Node story: `engines`, `.nvmrc` and README name the same minimum versions, and every
 * package the lockfile installs supports each of them (a clean install prints no engine
 * warning). An upgrade that drops a supported Node fails here, not on a user's machine.
 */
import fs from "node:fs";
import semver from "semver";
import { describe, expect, it } from "vitest";

const read = (file: string) => fs.readFileSync(new URL(`../${file}`, import.meta.url), "utf8");
const pkg = JSON.parse(read("package.json")) as { engines: { node: string } };
const lock = JSON.parse(read("package-lock.json")) as {
  packages: Record<string, { version?: string; optional?: boolean; engines?: { node?: string } | string[] }>;
};
/** The lowest version of each range `engines` allows (20.19.0, 22.13.0, 24.0.0). */
const minimums = pkg.engines.node.split("||").map((range) => semver.minVersion(range.trim())!.version);

describe("the Node versions Catchup supports", () => {
  it("are the same in engines, .nvmrc and README", () => {
    expect(minimums.length).toBeGreaterThan(0);
    const nvmrc = read(".nvmrc").trim();
    expect(semver.minVersion(nvmrc)!.version).toBe(minimums[0]);
    expect(read("README.md")).toContain(`Node.js ${nvmrc}`);
    expect(semver.satisfies(process.version, pkg.engines.node), `this machine runs ${process.version}`).toBe(true);
  });

  it("are supported by every package the lockfile installs", () => {
    const unsupported: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      const wanted = !Array.isArray(entry.engines) ? entry.engines?.node : undefined;
      if (!path || entry.optional || !wanted) continue;
      for (const version of minimums) {
        if (!semver.satisfies(version, wanted)) unsupported.push(`${path}@${entry.version} wants node ${wanted}, not ${version}`);
      }
    }
    expect(unsupported).toEqual([]);
  });
});
