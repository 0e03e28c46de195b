/**
 * `npm run example -- <accountId>`: the read-after-write flow against a running server.
 * CATCHUP_URL (default http://127.0.0.1:4000/graphql) and CATCHUP_TOKEN (a customer or admin
 * token; in development mode, `npm start` prints them).
 */
import WebSocket from "ws";
import { connect, depositAndShow } from "./read-after-write.js";

const url = process.env.CATCHUP_URL ?? "http://127.0.0.1:4000/graphql";
const token = process.env.CATCHUP_TOKEN;
const accountId = process.argv[2];
if (!token || !accountId) {
  console.error("usage: CATCHUP_TOKEN=<token> npm run example -- <accountId>   (npm start prints development tokens)");
  process.exit(2);
}
const connection = connect(url, token, WebSocket);
try {
  const shown = await depositAndShow(connection, accountId, 1250);
  for (const step of shown)
    console.log(`${step.source.padEnd(10)} balance ${(step.balanceCents / 100).toFixed(2)}  version ${step.version}`);
} finally {
  connection.client.stop();
  await connection.ws.dispose();
}
