/**
 * Run by `npm install` (postinstall): loads the server's modules once, without starting
 * anything, so that tsx has compiled them to its cache and the first `npm start` does not
 * pay for it (about 1.5 of a fresh start's 5.5 s on the 2-core machine). Never fails the install.
 */
try {
  await import("../src/app.js");
  await import("../src/server.js");
  await import("../src/playground.js");
} catch (error) {
  console.warn(`warm-up skipped: ${error instanceof Error ? error.message : String(error)}`);
}
