/**
 * README's runnable shell blocks (a `<!-- doc-test: run -->` line before a ```sh block) run
 * in order, in one bash, against a fresh server; each block's output must match the ```json
 * (or ```text) block right after it ("…" stands for any text). The lines that set URL and TOKEN give
 * way to the test server's. A README that drifts from what the server does fails here.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./support/server.js";

const README = fs.readFileSync(new URL("../README.md", import.meta.url), "utf8");

interface Block {
  code: string;
  /** What it prints, "…" for any text; null when README shows nothing after it. */
  expected: string | null;
}

function runnableBlocks(markdown: string): Block[] {
  const pattern = /<!-- doc-test: run[^>]*-->\n```sh\n([\s\S]*?)```\n(?:\n```(?:json|text)\n([\s\S]*?)```)?/g;
  return [...markdown.matchAll(pattern)].map((match) => ({ code: match[1]!, expected: match[2]?.trim() ?? null }));
}

const matcher = (expected: string) =>
  new RegExp(
    `^${expected
      .split("…")
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*?")}$`,
    "s",
  );

let api: TestServer;

beforeAll(async () => {
  api = await startTestServer();
});
afterAll(async () => {
  await api?.close();
});

describe("README's runnable blocks", () => {
  const blocks = runnableBlocks(README);

  it("are found, each with the output README shows", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    expect(blocks.every((block) => block.expected !== null)).toBe(true);
  });

  it("run as written against a fresh server and print what README shows, twice over", async () => {
    const token = (await api.bearer("admin")).slice("Bearer ".length);
    const script = [
      "set -euo pipefail",
      ...[0, 1].flatMap((round) =>
        blocks.map(
          (block, index) =>
            `${block.code.replace(/^URL=.*$/m, `URL=${api.url}`).replace(/^TOKEN=.*$/m, `TOKEN=${token}`)}\necho "@@doc-test ${round}.${index}"`,
        ),
      ),
    ].join("\n");
    const { stdout } = await promisify(execFile)("bash", ["-c", script], { timeout: 60_000 }).catch(
      (error: { stdout?: string; stderr?: string }) => {
        throw new Error(`a README block failed:\n${error.stderr ?? ""}\n${error.stdout ?? ""}`);
      },
    );
    const outputs = stdout.split(/@@doc-test \d+\.\d+\n/).slice(0, blocks.length * 2);
    expect(outputs).toHaveLength(blocks.length * 2);
    outputs.forEach((output, index) => {
      const block = blocks[index % blocks.length]!;
      expect(output.trim(), `block ${index % blocks.length}, run ${Math.floor(index / blocks.length) + 1}:\n${block.code}`).toMatch(
        matcher(block.expected!),
      );
    });
  });
});
