/**
 * A projection that fails (here: a constraint its next row breaks, as a bug would) is
 * reported — `projections`, /readyz, /metrics, the log — with a short reason and never the
 * database's own words; the instance stays ready; reads that wait on it answer
 * PROJECTION_FAILED at once; every other read model keeps serving; a rebuild after the fix
 * brings it back.
 */
import { print } from "graphql";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  AccountDocument,
  CaughtUpDocument,
  CustomerDocument,
  DepositMoneyDocument,
  OpenAccountDocument,
  ProjectionsDocument,
} from "../generated/graphql.js";
import { codes, registerCustomer } from "../support/fixtures.js";
import { captureLogs } from "../support/logs.js";
import { startTestServer, type TestServer } from "../support/server.js";

const { logger, lines } = captureLogs();

let api: TestServer;
let customerId: string;
let accountId: string;

beforeAll(async () => {
  // A long consistency timeout: a wait that is not cut short would show as CONSISTENCY_TIMEOUT after a minute.
  api = await startTestServer({ log: logger, consistencyTimeoutMs: 60_000 });
  customerId = await registerCustomer(api);
  accountId = (await api.mutate(OpenAccountDocument, { input: { customerId } })).openAccount.streamId;
  await api.mutate(DepositMoneyDocument, { input: { accountId, amountCents: 100 }, consistency: "STRONG" });
});
afterAll(async () => {
  await api?.close();
});

async function accountBalanceStatus() {
  const { projections } = await api.data(ProjectionsDocument, {});
  return projections.find((projection) => projection.name === "ACCOUNT_BALANCE")!;
}

it("reports the failure without the database's words, stays ready, and answers waits on it at once", async () => {
  await api.app.db.sql.query("ALTER TABLE account_ledger ADD CONSTRAINT poison CHECK (amount_cents <> 4242)");
  const poisoned = (await api.mutate(DepositMoneyDocument, { input: { accountId, amountCents: 4242 } })).depositMoney;
  await expect.poll(async () => (await accountBalanceStatus()).state, { timeout: 10_000 }).toBe("FAILED");

  const reason = `event ${poisoned.position} (MoneyDeposited) could not be applied (SQLSTATE 23514): the error is in the server log`;
  expect((await accountBalanceStatus()).lastError).toBe(reason);
  const readyz = await fetch(api.url.replace("/graphql", "/readyz"));
  expect(readyz.status).toBe(200);
  const ready = (await readyz.json()) as { ready: boolean; problems: string[]; warnings: string[] };
  expect(ready).toMatchObject({ ready: true, problems: [], warnings: [`ACCOUNT_BALANCE is FAILED: ${reason}`] });
  const metrics = await (await fetch(api.url.replace("/graphql", "/metrics"))).text();
  expect(metrics).toContain('catchup_projection_state{projection="ACCOUNT_BALANCE",state="FAILED"} 1');
  // The database's own message is in the log, and only there.
  expect(lines).toContainEqual(
    expect.objectContaining({
      msg: "projection failed",
      projection: "ACCOUNT_BALANCE",
      reason,
      err: expect.objectContaining({ message: expect.stringMatching(/violates check constraint "poison"/) }),
    }),
  );
  for (const text of [JSON.stringify(await api.data(ProjectionsDocument, {})), JSON.stringify(ready)])
    expect(text).not.toMatch(/violates|constraint|account_ledger/);

  // Reads that wait on it answer at once; the write itself stands.
  const byPosition = await api.request(AccountDocument, { id: accountId, minPosition: poisoned.position });
  expect(codes(byPosition)).toEqual(["PROJECTION_FAILED"]);
  expect(byPosition.errors![0]!.extensions).toMatchObject({ projection: "ACCOUNT_BALANCE" });
  expect(codes(await api.request(AccountDocument, { id: accountId, minVersion: 3 }))).toEqual(["PROJECTION_FAILED"]);
  const strong = await api.mutate(DepositMoneyDocument, { input: { accountId, amountCents: 1 }, consistency: "STRONG" });
  expect(strong.depositMoney.caughtUp).toBe(false);
  const caughtUp = await new Promise<unknown>((resolve, reject) => {
    api
      .ws()
      .subscribe(
        { query: print(CaughtUpDocument), variables: { position: strong.depositMoney.position } },
        { next: ({ data }) => resolve(data), error: reject, complete: () => {} },
      );
  });
  // Answered once ACCOUNT_BALANCE failed: another read model may not have applied the deposit yet either.
  expect(caughtUp).toMatchObject({ caughtUp: { caughtUp: false, behind: expect.arrayContaining(["ACCOUNT_BALANCE"]) } });
  // The read model itself still answers, as of where it stopped; the stream has the truth.
  expect((await api.data(AccountDocument, { id: accountId })).account?.balanceCents).toBe(100);
  expect((await api.data(AccountDocument, { id: accountId, consistent: true })).account?.balanceCents).toBe(4343);
  // Every other read model keeps serving, waits included.
  expect((await api.data(CustomerDocument, { id: customerId, minPosition: strong.depositMoney.position })).customer?.id).toBe(customerId);

  // Repaired and rebuilt, it serves again.
  await api.app.db.sql.query("ALTER TABLE account_ledger DROP CONSTRAINT poison");
  await api.app.rebuild(["ACCOUNT_BALANCE"]);
  const { account } = await api.data(AccountDocument, { id: accountId, minPosition: strong.depositMoney.position });
  expect(account?.balanceCents).toBe(4343);
  expect(await accountBalanceStatus()).toMatchObject({ state: "RUNNING", lastError: null });
});
