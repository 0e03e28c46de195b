/**
 * Run by `npm install` (postinstall), never failing it:
 * - builds the migrated PGlite template a new data directory starts from (see
 *   src/core/database/pglite-template.ts: a fresh `npm start` skips initdb and the migrations);
 * - loads the server's modules once, without starting anything, so that tsx has compiled them
 *   to its cache and what still runs through it (the benchmarks; a script when esbuild cannot
 *   compile it, see scripts/start.mjs) does not pay for it.
 */
try {
  const { buildTemplate } = await import("../src/core/database/pglite-template.js");
  await buildTemplate();
} catch (error) {
  console.warn(
    `the PGlite template was not built (a new data directory will run initdb): ${error instanceof Error ? error.message : String(error)}`,
  );
}
try {
  await import("../src/app.js");
  await import("../src/server.js");
  await import("../src/playground.js");
} catch (error) {
  console.warn(`warm-up skipped: ${error instanceof Error ? error.message : String(error)}`);
}
