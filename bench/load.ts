/**
 * Load generator, run as its own process by bench/support.ts: autocannon over GraphQL
 * bodies. Given several URLs (instances), it spreads the connections over them from this
 * one process, so that one and several instances are loaded by the same generator.
 */
import autocannon from "autocannon";

const input = await new Promise<string>((resolve) => {
  let text = "";
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
});
const { urls, bodies, connections, seconds, authorization, headers } = JSON.parse(input) as {
  urls: string[];
  bodies: unknown[];
  connections: number;
  seconds: number;
  authorization: string;
  /** Headers besides these (catchup-position, …). */
  headers?: Record<string, string>;
};
let next = 0;
let graphqlErrors = 0;
const share = (index: number) => Math.floor(connections / urls.length) + (index < connections % urls.length ? 1 : 0);
const results = await Promise.all(
  urls.map((url, index) =>
    autocannon({
      url,
      connections: share(index),
      duration: seconds,
      requests: [
        {
          method: "POST",
          headers: { "content-type": "application/json", authorization, ...headers },
          setupRequest: (request) => ({ ...request, body: JSON.stringify(bodies[next++ % bodies.length]) }),
          onResponse: (_status, body) => {
            if (body.includes('"errors"')) graphqlErrors++;
          },
        },
      ],
    }),
  ),
);
process.stdout.write(
  JSON.stringify({
    requestsPerSecond: Math.round(results.reduce((sum, result) => sum + result.requests.average, 0)),
    // Percentiles of the busiest share (autocannon reports them per run).
    p50: Math.max(...results.map((result) => result.latency.p50)),
    p99: Math.max(...results.map((result) => result.latency.p99)),
    requests: results.reduce((sum, result) => sum + result.requests.total, 0),
    errors: results.reduce((sum, result) => sum + result.errors + result.non2xx + result.timeouts, 0),
    graphqlErrors,
  }),
);
