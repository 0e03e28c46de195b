/** JSON logs (pino) with request id, operation, command id and outcome; Prometheus /metrics. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { DepositMoneyDocument, OpenAccountDocument, WithdrawMoneyDocument } from "../generated/graphql.js";
import { registerCustomer } from "../support/fixtures.js";
import { captureLogs } from "../support/logs.js";
import { startTestServer, type TestServer } from "../support/server.js";

const { logger, lines } = captureLogs();
let api: TestServer;

beforeAll(async () => {
  api = await startTestServer({ log: logger });
});
afterAll(async () => {
  await api?.close();
});

async function metrics(): Promise<string> {
  const response = await fetch(api.url.replace("/graphql", "/metrics"));
  expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
  return response.text();
}

/** The value of one sample, e.g. sample(text, 'catchup_commands_total{command="DepositMoney",outcome="ok"}'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

it("logs each request and command as JSON with the request id, operation, command id and outcome", async () => {
  const customerId = await registerCustomer(api);
  const response = await fetch(api.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: await api.bearer("admin"), "x-request-id": "req-42" },
    body: JSON.stringify({
      query: 'mutation Open($c: ID!) { openAccount(input: { customerId: $c, commandId: "cmd-42" }) { streamId } }',
      variables: { c: customerId },
    }),
  });
  expect(response.headers.get("x-request-id")).toBe("req-42");
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(lines).toContainEqual(
    expect.objectContaining({
      msg: "command",
      requestId: "req-42",
      command: "OpenAccount",
      commandId: "cmd-42",
      outcome: "ok",
      actor: "admin:test-admin",
    }),
  );
  expect(lines).toContainEqual(
    expect.objectContaining({ msg: "graphql", requestId: "req-42", operation: "Open", type: "mutation", outcome: "ok", codes: [] }),
  );

  const refused = await api.request(WithdrawMoneyDocument, { input: { accountId: "missing", amountCents: 5 } });
  expect(refused.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(lines).toContainEqual(expect.objectContaining({ msg: "command refused", command: "WithdrawMoney", outcome: "NOT_FOUND" }));
  expect(lines).toContainEqual(expect.objectContaining({ msg: "graphql", type: "mutation", outcome: "NOT_FOUND", codes: ["NOT_FOUND"] }));
  for (const line of lines) expect(line.time !== undefined && typeof line.level === "number").toBe(true);
});

it("logs operations over WebSocket too: a mutation with its outcome, a subscription as it starts, a refusal", async () => {
  const customerId = await registerCustomer(api);
  const client = api.ws(await api.bearer("admin"));
  const run = (query: string, variables: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve) => client.subscribe({ query, variables }, { next: resolve, error: resolve, complete: () => {} }));
  await run('mutation OpenOverWs($c: ID!) { openAccount(input: { customerId: $c, commandId: "cmd-ws" }) { streamId } }', { c: customerId });
  const stop = client.subscribe(
    { query: "subscription Progress { projectionProgress { position } }" },
    { next: () => {}, error: () => {}, complete: () => {} },
  );
  await run("{ nosuchfield }");
  await new Promise((resolve) => setTimeout(resolve, 50));
  stop();
  const command = lines.find((line) => line.msg === "command" && line.commandId === "cmd-ws");
  expect(lines).toContainEqual(
    expect.objectContaining({
      msg: "graphql",
      transport: "ws",
      requestId: command?.requestId,
      operation: "OpenOverWs",
      type: "mutation",
      outcome: "ok",
      actor: "admin:test-admin",
    }),
  );
  expect(lines).toContainEqual(expect.objectContaining({ msg: "graphql", transport: "ws", operation: "Progress", type: "subscription" }));
  expect(lines).toContainEqual(
    expect.objectContaining({ msg: "graphql", transport: "ws", outcome: "GRAPHQL_VALIDATION_FAILED", actor: "admin:test-admin" }),
  );
});

it("exposes commands, latencies, projection positions and lag, and open subscriptions at /metrics", async () => {
  const customerId = await registerCustomer(api);
  const { openAccount } = await api.mutate(OpenAccountDocument, { input: { customerId } });
  const before = await metrics();
  const deposits = sample(before, 'catchup_commands_total{command="DepositMoney",outcome="ok"}') ?? 0;
  const { depositMoney } = await api.mutate(DepositMoneyDocument, {
    input: { accountId: openAccount.streamId, amountCents: 100 },
    consistency: "STRONG",
  });
  await api.request(WithdrawMoneyDocument, { input: { accountId: openAccount.streamId, amountCents: 1_000 } });

  const ws = api.ws();
  const stop = ws.subscribe(
    { query: "subscription { projectionProgress { position } }" },
    { next: () => {}, error: () => {}, complete: () => {} },
  );
  await new Promise((resolve) => setTimeout(resolve, 200));
  const after = await metrics();
  expect(sample(after, 'catchup_commands_total{command="DepositMoney",outcome="ok"}')).toBe(deposits + 1);
  expect(sample(after, 'catchup_commands_total{command="WithdrawMoney",outcome="INSUFFICIENT_FUNDS"}')).toBe(1);
  expect(sample(after, 'catchup_command_duration_seconds_count{command="DepositMoney"}')).toBe(deposits + 1);
  expect(sample(after, 'catchup_projection_position{projection="ACCOUNT_BALANCE"}')).toBeGreaterThanOrEqual(Number(depositMoney.position));
  expect(sample(after, 'catchup_projection_lag_events{projection="ACCOUNT_BALANCE"}')).toBeGreaterThanOrEqual(0);
  expect(sample(after, 'catchup_projection_state{projection="ACCOUNT_BALANCE",state="RUNNING"}')).toBe(1);
  expect(sample(after, 'catchup_graphql_requests_total{type="mutation",outcome="ok"}')).toBeGreaterThan(0);
  expect(sample(after, "catchup_subscriptions_open")).toBe(1);
  expect(after).toMatch(/^catchup_process_resident_memory_bytes \d+/m);
  stop();
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(sample(await metrics(), "catchup_subscriptions_open")).toBe(0);
});

it("answers /metrics only with the bearer token when CATCHUP_METRICS_TOKEN is set", async () => {
  const token = "metrics-token-0123456789";
  const guarded = await startTestServer({ server: { metricsToken: token } });
  try {
    const url = guarded.url.replace("/graphql", "/metrics");
    for (const authorization of [undefined, "Bearer wrong-token-0123456789", `Bearer ${token}x`, token, await guarded.bearer("admin")]) {
      const refused = await fetch(url, { headers: authorization === undefined ? {} : { authorization } });
      expect(refused.status, `authorization ${authorization}`).toBe(401);
      expect(refused.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
      expect(await refused.text()).not.toMatch(/catchup_/);
    }
    const allowed = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(allowed.status).toBe(200);
    expect(sample(await allowed.text(), "catchup_subscriptions_open")).toBe(0);
  } finally {
    await guarded.close();
  }
});
