/** Writes schema.graphql from the type-graphql schema; `--check` fails if it is stale. */
import fs from "node:fs";
import { printSdl } from "../src/graphql/schema.js";
import { MODULES } from "../src/modules/index.js";

const file = new URL("../schema.graphql", import.meta.url);
const sdl = await printSdl(MODULES);
if (process.argv.includes("--check")) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  if (current !== sdl) {
    console.error("schema.graphql is stale: run `npm run schema` and commit it");
    process.exit(1);
  }
  console.log("schema.graphql is fresh");
} else {
  fs.writeFileSync(file, sdl);
  console.log("wrote schema.graphql");
}
