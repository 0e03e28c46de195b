/**
 * `npm start`, and the project's scripts: runs a TypeScript entry (the server, src/main.ts, by
 * default) from one compiled file instead of through a TypeScript loader. Loading some 200
 * modules through tsx's hooks cost about 1.8 s of every start on the 2-core machine; the
 * compiled file loads in a fraction of that.
 *
 * The file, node_modules/.cache/catchup/<name>.mjs (server.mjs for the server; with its
 * source map), is built by esbuild when it is missing or older than any file it was made from
 * (the modules esbuild read for it, listed beside it; the TypeScript and package settings): the server's
 * at install (`npm install` runs `node scripts/start.mjs --build`), and any of them again by
 * its first run after a source changes (about 0.35 s). When it cannot be built (esbuild, which
 * tsx itself depends on, missing; a source that does not compile) the entry runs through tsx,
 * as before. Stack traces name the TypeScript sources (source maps are on).
 *
 *   node scripts/start.mjs                              start the server
 *   node scripts/start.mjs --build                      only bring the server's compiled file up to date
 *   node scripts/start.mjs scripts/seed.ts --orders 10  run a script (npm run seed, projections, example…)
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const buildOnly = process.argv[2] === "--build";
/** The entry to run, and the arguments it is given (its process.argv from index 2 on). */
const [entryArg, ...entryArgs] = process.argv[2]?.endsWith(".ts")
  ? process.argv.slice(2)
  : ["src/main.ts", ...process.argv.slice(buildOnly ? 3 : 2)];
const entry = path.resolve(root, entryArg);
const name =
  entry === path.join(root, "src", "main.ts") ? "server" : path.relative(root, entry).replace(/\.ts$/, "").replaceAll(path.sep, "-");
const out = path.join(root, "node_modules", ".cache", "catchup", `${name}.mjs`);
/** What a compiled file is made from besides its modules (which esbuild lists as it builds). */
const SETTINGS = ["tsconfig.json", "package.json", "package-lock.json"];
/** Beside the compiled file: the files it was made from, relative to the project. */
const inputsFile = `${out}.inputs.json`;

/**
 * Whether the compiled file is newer than everything it was made from. The file carries the
 * time its build started, so a source saved during the build makes it stale.
 */
function fresh() {
  try {
    const built = fs.statSync(out).mtimeMs;
    const inputs = [...JSON.parse(fs.readFileSync(inputsFile, "utf8")), ...SETTINGS];
    return inputs.every((input) => fs.statSync(path.join(root, input)).mtimeMs <= built);
  } catch {
    return false; // not built, or made from a file that is gone
  }
}

/** Builds the compiled file; false when esbuild cannot be loaded. */
async function build() {
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch {
    return false;
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  // Written beside, then renamed: a start running at the same time never loads half a file.
  const temporary = `${out}.${process.pid}.tmp.mjs`;
  const started = new Date();
  const { metafile } = await esbuild.build({
    metafile: true,
    absWorkingDir: root,
    entryPoints: [entry],
    outfile: temporary,
    bundle: true,
    platform: "node",
    format: "esm",
    target: `node${process.versions.node}`,
    // Packages load from node_modules as they are; only the project's own modules are compiled.
    packages: "external",
    sourcemap: "linked",
    tsconfig: path.join(root, "tsconfig.json"),
    logLevel: "warning",
  });
  // The map names the file it was made for: rename both, and point the file at its map.
  fs.renameSync(`${temporary}.map`, `${out}.map`);
  const code = fs
    .readFileSync(temporary, "utf8")
    .replace(/\/\/# sourceMappingURL=.*\s*$/, `//# sourceMappingURL=${path.basename(out)}.map\n`);
  fs.writeFileSync(temporary, code);
  fs.utimesSync(temporary, started, started);
  const inputs = Object.keys(metafile.inputs).map((input) => path.relative(root, path.resolve(root, input)));
  fs.writeFileSync(`${inputsFile}.${process.pid}.tmp`, JSON.stringify(inputs));
  fs.renameSync(`${inputsFile}.${process.pid}.tmp`, inputsFile);
  fs.renameSync(temporary, out);
  return true;
}

let compiled = fresh();
if (!compiled) {
  try {
    compiled = await build();
  } catch (error) {
    // A broken source fails here as it would under tsx; say so and let tsx report it in full.
    console.error(
      `catchup: could not compile ${entryArg} (${error instanceof Error ? error.message : String(error)}); running it through tsx`,
    );
  }
}
if (!buildOnly) {
  // The entry sees itself as the script node runs (`process.argv[1]`), with its own arguments.
  process.argv.splice(1, process.argv.length - 1, compiled ? out : entry, ...entryArgs);
  if (compiled) {
    process.setSourceMapsEnabled(true);
    await import(pathToFileURL(out).href);
  } else {
    const { register } = await import("tsx/esm/api");
    register();
    await import(pathToFileURL(entry).href);
  }
}
