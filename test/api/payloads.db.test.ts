/**
 * Mutations return what they changed: each payload implements CommandResult and adds the
 * read-model object the command changed, read once its projection has applied the write,
 * under the row rules of the query that reads it. Mutations are nullable, so one that
 * fails leaves its siblings' results (and the session position) in the response.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext } from "../../src/graphql/context.js";
import { accountRows } from "../../src/modules/accounts/graphql/resolver.js";
import { ADDRESS } from "../support/fixtures.js";
import { startTestServer, type TestServer } from "../support/server.js";

let api: TestServer;

interface Body {
  data?: Record<string, Record<string, unknown> | null> | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
  extensions?: { catchup?: { position?: string } };
}

async function post(token: string, query: string, variables: Record<string, unknown> = {}): Promise<Body> {
  const response = await fetch(api.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: token },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Body;
}

let admin: string;
let staff: string;
let ada: { id: string; token: string };
let accountId: string;
let productId: string;

beforeAll(async () => {
  // Projections 200 ms behind the log: a payload read that did not wait would be stale.
  api = await startTestServer({ projector: { batchDelayMs: 200 } });
  admin = await api.bearer("admin");
  staff = await api.bearer("staff");
  const adaId = randomUUID();
  ada = { id: adaId, token: await api.bearer("customer", adaId) };
  await post(ada.token, "mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { streamId } }", {
    i: { name: "Ada", email: `${randomUUID()}@example.com`, phone: "+1 555 0100", address: ADDRESS },
  });
  accountId = (await post(ada.token, "mutation($c: ID!) { openAccount(input: { customerId: $c }) { streamId } }", { c: adaId })).data!
    .openAccount!.streamId as string;
  productId = (
    await post(staff, 'mutation($s: String!) { addProduct(input: { sku: $s, name: "Mug", priceCents: 500 }) { streamId } }', {
      s: `MUG-${randomUUID().slice(0, 8)}`,
    })
  ).data!.addProduct!.streamId as string;
});
afterAll(async () => {
  await api?.close();
});

describe("mutation payloads", () => {
  it("carry the object each command changed, as its projection shows it after the write", async () => {
    const deposit = await post(
      ada.token,
      "mutation($a: ID!) { depositMoney(input: { accountId: $a, amountCents: 250 }) { position version account { id balanceCents version position } } }",
      {
        a: accountId,
      },
    );
    const { position, version, account } = deposit.data!.depositMoney!;
    expect(account).toEqual({ id: accountId, balanceCents: 250, version, position });

    const order = await post(
      ada.token,
      "mutation($c: ID!, $p: ID!) { createOrder(input: { customerId: $c, items: [{ productId: $p, quantity: 2 }] }) { streamId order { id status totalCents customer { id } } } }",
      { c: ada.id, p: productId },
    );
    const orderId = order.data!.createOrder!.streamId;
    expect(order.data!.createOrder!.order).toEqual({ id: orderId, status: "CREATED", totalCents: 1000, customer: { id: ada.id } });
    const shipped = await post(
      staff,
      'mutation($o: ID!) { shipOrder(input: { orderId: $o, carrier: "DHL", trackingNumber: "T1" }) { order { status } } }',
      {
        o: orderId,
      },
    );
    expect(shipped.data!.shipOrder!.order).toEqual({ status: "SHIPPED" });

    const phone = await post(
      ada.token,
      'mutation($c: ID!) { changeCustomerPhoneNumber(input: { customerId: $c, phone: "+1 555 0199" }) { customer { id phone } } }',
      {
        c: ada.id,
      },
    );
    expect(phone.data!.changeCustomerPhoneNumber!.customer).toEqual({ id: ada.id, phone: "+1 555 0199" });

    const renamed = await post(
      staff,
      'mutation($p: ID!) { renameProduct(input: { productId: $p, name: "Big mug" }) { product { id name } } }',
      { p: productId },
    );
    expect(renamed.data!.renameProduct!.product).toEqual({ id: productId, name: "Big mug" });
  });

  it("answer the object as the query that reads it would, for the same caller", async () => {
    const written = await post(
      ada.token,
      "mutation($a: ID!) { depositMoney(input: { accountId: $a, amountCents: 1 }) { position account { id balanceCents version } } }",
      {
        a: accountId,
      },
    );
    const payload = written.data!.depositMoney!;
    const queried = await post(ada.token, "query($a: ID!, $p: Position) { account(id: $a, minPosition: $p) { id balanceCents version } }", {
      a: accountId,
      p: payload.position,
    });
    expect(payload.account).toEqual(queried.data!.account);
    // A customer registered by an admin: the admin's payload shows it, as the admin's query does.
    const registered = await post(
      admin,
      "mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { streamId customer { id name } } }",
      {
        i: { name: "Grace", email: `${randomUUID()}@example.com`, phone: "+1 555 0101", address: ADDRESS },
      },
    );
    expect(registered.data!.registerCustomer!.customer).toEqual({ id: registered.data!.registerCustomer!.streamId, name: "Grace" });
  });

  it("read an object through the rules of its query: another customer's reads as null", async () => {
    const bob = randomUUID();
    expect(await accountRows.read(createContext(api.app, "r-1", { role: "customer", subject: bob }), accountId)).toBeNull();
    expect(await accountRows.read(createContext(api.app, "r-2", { role: "customer", subject: ada.id }), accountId)).toMatchObject({
      id: accountId,
    });
    expect(await accountRows.read(createContext(api.app, "r-3", { role: "admin", subject: "a" }), accountId)).toMatchObject({
      id: accountId,
    });
  });

  it("resolve the object only when it is selected: without it, a mutation does not wait for the projection", async () => {
    const written = await post(ada.token, "mutation($a: ID!) { depositMoney(input: { accountId: $a, amountCents: 1 }) { position } }", {
      a: accountId,
    });
    // Answered before ACCOUNT_BALANCE (200 ms behind) has applied it.
    expect(api.app.projector.runner("ACCOUNT_BALANCE").position).toBeLessThan(BigInt(written.data!.depositMoney!.position as string));
  });

  it("are typed per mutation and implement CommandResult (fragments on it match)", async () => {
    const written = await post(
      ada.token,
      "mutation($a: ID!) { depositMoney(input: { accountId: $a, amountCents: 1 }) { __typename ... on CommandResult { streamId } } }",
      {
        a: accountId,
      },
    );
    expect(written.data!.depositMoney).toEqual({ __typename: "DepositMoneyPayload", streamId: accountId });
  });

  it("let one failing mutation leave its siblings' results and the position of what was saved", async () => {
    const both = await post(
      ada.token,
      "mutation($a: ID!) { saved: depositMoney(input: { accountId: $a, amountCents: 10 }) { position account { balanceCents } } refused: withdrawMoney(input: { accountId: $a, amountCents: 999999999 }) { position } }",
      { a: accountId },
    );
    expect(both.errors?.map((error) => [error.extensions?.code, error.path])).toEqual([["INSUFFICIENT_FUNDS", ["refused"]]]);
    expect(both.data!.refused).toBeNull();
    const saved = both.data!.saved!;
    expect(saved.position).toBeTypeOf("string");
    expect(both.extensions?.catchup?.position).toBe(saved.position);
  });

  it("carry the object over graphql-ws as well", async () => {
    const client = api.ws(ada.token);
    const result = await new Promise<{ data?: { depositMoney?: { account?: { balanceCents: number } } }; extensions?: unknown }>(
      (resolve, reject) => {
        client.subscribe(
          {
            query: "mutation($a: ID!) { depositMoney(input: { accountId: $a, amountCents: 3 }) { position account { balanceCents } } }",
            variables: { a: accountId },
          },
          { next: resolve as never, error: reject, complete: () => {} },
        );
      },
    );
    const read = await post(ada.token, "query($a: ID!, $p: Position) { account(id: $a, minPosition: $p) { balanceCents } }", {
      a: accountId,
      p: (result.data!.depositMoney as { position?: string }).position,
    });
    expect(result.data!.depositMoney!.account).toEqual(read.data!.account);
  });
});
