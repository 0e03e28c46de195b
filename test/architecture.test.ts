/**
 * The layering, held by the imports themselves: modules → the GraphQL kit (src/graphql) →
 * the application layer (src/application) → the core; the composition root (app.ts), the transports (server.ts, http/) and main.ts
 * above them. Neither the core nor the kit imports a module; nothing imports a layer above
 * its own; no file imports itself back through others.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../src");

/** Source files (not tests, not generated code) and the source files each imports. */
function importGraph(): Map<string, string[]> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "generated") walk(full);
      } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) files.push(full);
    }
  };
  walk(SRC);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+"(\.[^"]+)"|import\("(\.[^"]+)"\)/gm)].map(
      (match) => match[1] ?? match[2]!,
    );
    const targets = specifiers
      .map((specifier) => path.resolve(path.dirname(file), specifier.replace(/\.js$/, ".ts")))
      .filter((target) => target.startsWith(SRC) && !target.includes(`${path.sep}generated${path.sep}`));
    graph.set(
      path.relative(SRC, file),
      targets.map((target) => path.relative(SRC, target)),
    );
  }
  return graph;
}

/** The layer of a file: higher layers may import lower ones only. */
function layer(file: string): number {
  if (file.startsWith("core/")) return 0;
  if (file.startsWith("auth/") || file === "observability.ts" || file === "config.ts") return 1;
  if (file.startsWith("application/")) return 2;
  if (file.startsWith("graphql/")) return 3;
  if (file.startsWith("modules/")) return 4;
  if (file === "app.ts") return 5;
  if (file.startsWith("http/") || file === "server.ts" || file === "playground.ts") return 6;
  return 7; // main.ts
}

describe("the import graph of src/", () => {
  const graph = importGraph();

  it("has the files it is expected to have", () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get("modules/index.ts")).toContain("modules/orders/index.ts");
  });

  it("has no import from the core or the GraphQL kit into a module", () => {
    const intoModules = [...graph].flatMap(([file, targets]) =>
      file.startsWith("core/") || file.startsWith("graphql/")
        ? targets.filter((target) => target.startsWith("modules/")).map((target) => `${file} -> ${target}`)
        : [],
    );
    expect(intoModules).toEqual([]);
  });

  it("keeps the application layer and the modules' commands free of GraphQL", () => {
    const commandFiles = [...graph.keys()].filter((file) => file.startsWith("application/") || /^modules\/[^/]+\/commands\.ts$/.test(file));
    expect(commandFiles.filter((file) => file.endsWith("commands.ts")).length).toBeGreaterThanOrEqual(4);
    const graphqlImports = commandFiles.flatMap((file) => {
      const reached = [file, ...(graph.get(file) ?? [])];
      const packages = [
        ...fs.readFileSync(path.join(SRC, file), "utf8").matchAll(/\bfrom\s+"((?:type-)?graphql[^"]*|@apollo\/[^"]*)"/g),
      ].map((match) => `${file} -> ${match[1]}`);
      return [...packages, ...reached.filter((target) => target.startsWith("graphql/")).map((target) => `${file} -> ${target}`)];
    });
    expect(graphqlImports).toEqual([]);
  });

  it("has no import of a layer above the file's own", () => {
    const upward = [...graph].flatMap(([file, targets]) =>
      targets.filter((target) => layer(target) > layer(file)).map((target) => `${file} -> ${target}`),
    );
    expect(upward).toEqual([]);
  });

  it("has no import cycle", () => {
    const cycles: string[] = [];
    const state = new Map<string, "visiting" | "done">();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, "visiting");
      stack.push(file);
      for (const target of graph.get(file) ?? []) {
        if (state.get(target) === "visiting") cycles.push([...stack.slice(stack.indexOf(target)), target].join(" -> "));
        else if (!state.has(target)) visit(target);
      }
      stack.pop();
      state.set(file, "done");
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });
});

describe("the client package (client/)", () => {
  it("imports nothing of the server: its own files, Apollo Client and rxjs only", () => {
    const dir = path.resolve(import.meta.dirname, "../client");
    const imports = fs
      .readdirSync(dir)
      .filter((name) => name.endsWith(".ts"))
      .flatMap((name) =>
        [...fs.readFileSync(path.join(dir, name), "utf8").matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+"([^"]+)"/gm)].map(
          (match) => match[1]!,
        ),
      );
    expect(imports.length).toBeGreaterThan(3);
    expect(imports.filter((specifier) => !/^\.\/[\w-]+\.js$|^@apollo\/client(\/|$)|^rxjs$/.test(specifier))).toEqual([]);
  });

  it("bundles for a browser with Apollo Client and rxjs as its only dependencies", async () => {
    const { build } = await import("esbuild");
    const bundled = await build({
      entryPoints: [path.resolve(import.meta.dirname, "../client/index.ts")],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      external: ["@apollo/client", "rxjs"],
      logLevel: "silent",
    });
    expect(bundled.errors).toEqual([]);
    const code = bundled.outputFiles[0]!.text;
    expect(code).toContain("catchup-position");
    expect(code).not.toMatch(/from "node:|require\("node:/);
  });
});
