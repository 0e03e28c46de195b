/**
 * A root field's minPosition holds for the fields beneath it, which read other read models:
 * `customer(id, minPosition: P) { accounts { balanceCents } }` shows the accounts as of P too.
 * ACCOUNT_BALANCE stands by while the request arrives, so a nested read that did not wait
 * would answer at once with the balance before P.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { ACCOUNT_BALANCE } from "../../src/modules/accounts/projections/account-balance.js";
import { DepositMoneyDocument, OpenAccountDocument } from "../generated/graphql.js";
import { registerCustomer } from "../support/fixtures.js";
import { startTestServer, type TestServer } from "../support/server.js";

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ consistencyTimeoutMs: 10_000 });
});
afterAll(async () => {
  await api?.close();
});

it("waits for the root field's minPosition in nested fields, through aliases and fragments", async () => {
  const customer = await registerCustomer(api);
  const account = (await api.mutate(OpenAccountDocument, { input: { customerId: customer }, consistency: "STRONG" })).openAccount.streamId;
  const balances = api.app.projector.runner(ACCOUNT_BALANCE);
  await balances.standBy();
  const deposit = await api.mutate(DepositMoneyDocument, { input: { accountId: account, amountCents: 700 } });
  let answered = false;
  const request = fetch(api.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: await api.bearer("admin") },
    body: JSON.stringify({
      query: `query($id: ID!, $p: Position) {
        other: products(first: 1) { totalCount }
        ... on Query { me: customer(id: $id, minPosition: $p) { ...Accounts } }
      }
      fragment Accounts on Customer { accounts { edges { node { id balanceCents ledger(first: 1) { edges { node { amountCents position } } } } } } }`,
      variables: { id: customer, p: deposit.depositMoney.position },
    }),
  }).finally(() => (answered = true));
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(answered, "the nested read waits for ACCOUNT_BALANCE").toBe(false);
  await balances.start();
  const body = (await (await request).json()) as { data: { me: { accounts: { edges: { node: unknown }[] } } } };
  expect(body.data.me.accounts.edges.map((edge) => edge.node)).toMatchObject([
    { id: account, balanceCents: 700, ledger: { edges: [{ node: { amountCents: 700, position: deposit.depositMoney.position } }] } },
  ]);
});
