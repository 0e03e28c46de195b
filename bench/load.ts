/** Load generator, run as its own process by bench/support.ts: autocannon over GraphQL bodies. */
import autocannon from "autocannon";

const input = await new Promise<string>((resolve) => {
  let text = "";
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
});
const { url, bodies, connections, seconds, authorization } = JSON.parse(input) as { url: string; bodies: unknown[]; connections: number; seconds: number; authorization: string };
let next = 0;
let graphqlErrors = 0;
const result = await autocannon({
  url,
  connections,
  duration: seconds,
  requests: [
    {
      method: "POST",
      headers: { "content-type": "application/json", authorization },
      setupRequest: (request) => ({ ...request, body: JSON.stringify(bodies[next++ % bodies.length]) }),
      onResponse: (_status, body) => {
        if (body.includes('"errors"')) graphqlErrors++;
      },
    },
  ],
});
process.stdout.write(
  JSON.stringify({
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.non2xx + result.timeouts,
    graphqlErrors,
  }),
);
