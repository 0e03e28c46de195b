/**
 * `npm run example -- <accountId>`: the read-after-write flow against a running server,
 * found as the other scripts find it (scripts/server.ts: CATCHUP_URL, the server holding the
 * embedded database, or http://HOST:PORT/graphql), with CATCHUP_TOKEN (a token of the
 * account's customer, or an admin's), or else an admin token signed with the server's
 * secret (in development mode, the public one).
 */
import WebSocket from "ws";
import { adminToken, serverUrl } from "../../scripts/server.js";
import { connect, depositAndShow } from "./read-after-write.js";

const accountId = process.argv[2];
if (!accountId) {
  console.error("usage: npm run example -- <accountId>   (CATCHUP_TOKEN: a token of its customer, or an admin's)");
  process.exit(2);
}
const url = serverUrl();
const connection = connect(url, await adminToken(), WebSocket);
try {
  const shown = await depositAndShow(connection, accountId, 1250);
  for (const step of shown)
    console.log(`${step.source.padEnd(10)} balance ${(step.balanceCents / 100).toFixed(2)}  version ${step.version}`);
} catch (error) {
  console.error(`example: ${error instanceof Error ? error.message : String(error)} (server ${url})`);
  process.exitCode = 1;
} finally {
  connection.client.stop();
  await connection.ws.dispose();
}
