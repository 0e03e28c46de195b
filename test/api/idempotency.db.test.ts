/**
 * A commandId replays its first result only to the principal that sent it, for the same
 * command with the same input. Anything else under that id is DUPLICATE, and says nothing
 * of the first command (not its type, stream, version or position). Records written by an
 * earlier version (no actor, no fingerprint) keep a narrower rule.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADDRESS, addProduct, registerCustomer } from "../support/fixtures.js";
import { startTestServer, type TestServer } from "../support/server.js";

let api: TestServer;
let alice: { id: string; token: string };
let bob: { id: string; token: string };
let aliceAccount: string;

interface Response {
  data?: Record<string, { streamId: string; version: number; position: string } | null> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function call(token: string, query: string, variables: Record<string, unknown>): Promise<Response> {
  const response = await fetch(api.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: token },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Response;
}

const OPEN = "mutation($i: OpenAccountInput!) { openAccount(input: $i) { streamId version position } }";
const DEPOSIT = "mutation($i: DepositMoneyInput!) { depositMoney(input: $i) { streamId version position } }";
const WITHDRAW = "mutation($i: WithdrawMoneyInput!) { withdrawMoney(input: $i) { streamId version position } }";
const REGISTER = "mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { streamId version position } }";
const PHONE = "mutation($i: ChangeCustomerPhoneNumberInput!) { changeCustomerPhoneNumber(input: $i) { streamId version position } }";
const ADDRESS_CHANGE = "mutation($i: UpdateCustomerAddressInput!) { updateCustomerAddress(input: $i) { streamId version position } }";

/** A DUPLICATE answer that names nothing of the first command. */
function expectBareDuplicate(response: Response, first: { streamId: string; position: string }, commandType: string): void {
  expect(response.errors?.map((error) => error.extensions?.code)).toEqual(["DUPLICATE"]);
  // The mutation answers null (mutations are nullable): nothing of the first command.
  expect(Object.values(response.data ?? {})).toEqual([null]);
  const text = JSON.stringify(response);
  for (const secret of [first.streamId, first.position, commandType]) expect(text).not.toContain(secret);
  expect(response.errors![0]!.extensions).toEqual({ code: "DUPLICATE", field: "commandId" });
}

const head = () => api.app.store.lastPosition();

beforeAll(async () => {
  api = await startTestServer();
  const a = await registerCustomer(api);
  const b = await registerCustomer(api);
  alice = { id: a, token: await api.bearer("customer", a) };
  bob = { id: b, token: await api.bearer("customer", b) };
  aliceAccount = (await call(alice.token, OPEN, { i: { customerId: alice.id } })).data!.openAccount!.streamId;
});
afterAll(async () => {
  await api?.close();
});

describe("another principal's commandId", () => {
  it("openAccount: DUPLICATE, with nothing of the first account, and nothing opened", async () => {
    const commandId = randomUUID();
    const first = (await call(alice.token, OPEN, { i: { customerId: alice.id, commandId } })).data!.openAccount!;
    const before = await head();
    expectBareDuplicate(await call(bob.token, OPEN, { i: { customerId: bob.id, commandId } }), first, "OpenAccount");
    expect(await head()).toBe(before);
    // The sender's retry still gets its result.
    expect((await call(alice.token, OPEN, { i: { customerId: alice.id, commandId } })).data!.openAccount).toEqual(first);
  });

  it("registerCustomer, changeCustomerPhoneNumber, updateCustomerAddress: DUPLICATE, nothing written", async () => {
    const carol = `carol-${randomUUID()}`;
    const carolToken = await api.bearer("customer", carol);
    const dave = `dave-${randomUUID()}`;
    const daveToken = await api.bearer("customer", dave);
    const register = (id: string) => ({
      i: { name: "Same", email: `${randomUUID()}@example.com`, phone: "+1 555 0100", address: ADDRESS, commandId: id },
    });
    const cases: [string, string, (customerId: string, commandId: string) => Record<string, unknown>][] = [
      ["RegisterCustomer", REGISTER, (_customerId, commandId) => register(commandId)],
      ["ChangeCustomerPhoneNumber", PHONE, (customerId, commandId) => ({ i: { customerId, phone: "+1 555 0199", commandId } })],
      [
        "UpdateCustomerAddress",
        ADDRESS_CHANGE,
        (customerId, commandId) => ({ i: { customerId, address: { ...ADDRESS, line1: "2 Elm St" }, commandId } }),
      ],
    ];
    for (const [type, query, variables] of cases) {
      const commandId = randomUUID();
      const answer = await call(carolToken, query, variables(carol, commandId));
      const first = Object.values(answer.data!)[0]!;
      const before = await head();
      expectBareDuplicate(await call(daveToken, query, variables(dave, commandId)), first, type);
      expect(await head(), type).toBe(before);
    }
  });

  it("an admin reusing a customer's commandId gets DUPLICATE too", async () => {
    const commandId = randomUUID();
    const first = (await call(alice.token, DEPOSIT, { i: { accountId: aliceAccount, amountCents: 10, commandId } })).data!.depositMoney!;
    expectBareDuplicate(
      await call(await api.bearer("admin"), DEPOSIT, { i: { accountId: aliceAccount, amountCents: 10, commandId } }),
      first,
      "DepositMoney",
    );
  });
});

describe("the same principal's commandId", () => {
  it("replays for the same input, absent and null fields alike, and refuses another input or command", async () => {
    const commandId = randomUUID();
    const first = (await call(alice.token, DEPOSIT, { i: { accountId: aliceAccount, amountCents: 25, commandId } })).data!.depositMoney!;
    const before = await head();
    expect(
      (await call(alice.token, DEPOSIT, { i: { accountId: aliceAccount, amountCents: 25, commandId, expectedVersion: null } })).data!
        .depositMoney,
    ).toEqual(first);
    expectBareDuplicate(
      await call(alice.token, DEPOSIT, { i: { accountId: aliceAccount, amountCents: 26, commandId } }),
      first,
      "DepositMoney",
    );
    expectBareDuplicate(
      await call(alice.token, WITHDRAW, { i: { accountId: aliceAccount, amountCents: 25, commandId } }),
      first,
      "DepositMoney",
    );
    expect(await head()).toBe(before);
  });

  it("replays a command that found nothing to do, after another change too: the retry never writes", async () => {
    const commandId = randomUUID();
    await call(alice.token, PHONE, { i: { customerId: alice.id, phone: "+1 555 0142" } });
    const same = { customerId: alice.id, phone: "+1 555 0142", commandId };
    const first = (await call(alice.token, PHONE, { i: same })).data!.changeCustomerPhoneNumber!;
    // Another change lands; deciding the retry again would set the phone back.
    const changed = (await call(alice.token, PHONE, { i: { customerId: alice.id, phone: "+1 555 0199" } })).data!
      .changeCustomerPhoneNumber!;
    expect(changed.version).toBe(first.version + 1);
    const before = await head();
    expect((await call(alice.token, PHONE, { i: same })).data!.changeCustomerPhoneNumber).toEqual(first);
    expect(await head()).toBe(before);
    expectBareDuplicate(
      await call(alice.token, ADDRESS_CHANGE, { i: { customerId: alice.id, address: ADDRESS, commandId } }),
      first,
      "ChangeCustomerPhoneNumber",
    );
    expectBareDuplicate(
      await call(bob.token, PHONE, { i: { customerId: bob.id, phone: "+1 555 0100", commandId } }),
      first,
      "ChangeCustomerPhoneNumber",
    );
  });

  it("replays a price left as it was, after another staff member changed it (the catalog's table is its write model)", async () => {
    const staff = await api.bearer("staff");
    const PRICE = "mutation($i: ChangeProductPriceInput!) { changeProductPrice(input: $i) { streamId version position } }";
    const product = await addProduct(api, "Idempotent Mug", 500);
    const same = { productId: product, priceCents: 500, commandId: randomUUID() };
    const first = (await call(staff, PRICE, { i: same })).data!.changeProductPrice!;
    await call(await api.bearer("staff", "another"), PRICE, { i: { productId: product, priceCents: 700 } });
    const before = await head();
    expect((await call(staff, PRICE, { i: same })).data!.changeProductPrice).toEqual(first);
    expect(await head()).toBe(before);
    const read = await call(staff, "query($id: ID!, $p: Position) { product(id: $id, minPosition: $p) { priceCents } }", {
      id: product,
      p: String(before),
    });
    expect(read.data).toEqual({ product: { priceCents: 700 } });
  });

  it("does not record a refused command: its id may be sent again once the cause is gone", async () => {
    const commandId = randomUUID();
    const withdraw = { accountId: aliceAccount, amountCents: 1_000_000, commandId };
    const refused = await call(alice.token, WITHDRAW, { i: withdraw });
    expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(["INSUFFICIENT_FUNDS"]);
    await call(alice.token, DEPOSIT, { i: { accountId: aliceAccount, amountCents: 1_000_000 } });
    const taken = (await call(alice.token, WITHDRAW, { i: withdraw })).data!.withdrawMoney!;
    expect((await call(alice.token, WITHDRAW, { i: withdraw })).data!.withdrawMoney).toEqual(taken);
  });

  it("races: of ten identical requests one writes and all answer alike; another principal racing for the id never gets the result", async () => {
    const commandId = randomUUID();
    const before = await head();
    const same = await Promise.all(
      Array.from({ length: 10 }, () => call(alice.token, DEPOSIT, { i: { accountId: aliceAccount, amountCents: 7, commandId } })),
    );
    expect(new Set(same.map((response) => JSON.stringify(response.data)))).toHaveProperty("size", 1);
    expect((await head()) - before).toBe(1n);

    const contested = randomUUID();
    const bobAccount = (await call(bob.token, OPEN, { i: { customerId: bob.id } })).data!.openAccount!.streamId;
    const mixed = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2 === 0
          ? call(alice.token, DEPOSIT, { i: { accountId: aliceAccount, amountCents: 3, commandId: contested } })
          : call(bob.token, DEPOSIT, { i: { accountId: bobAccount, amountCents: 3, commandId: contested } }),
      ),
    );
    const winners = new Set(mixed.filter((response) => !response.errors).map((response) => response.data!.depositMoney!.streamId));
    expect(winners.size).toBe(1);
    const loser = winners.has(aliceAccount) ? 1 : 0;
    for (const [index, response] of mixed.entries()) {
      if (index % 2 === loser) expect(response.errors?.map((error) => error.extensions?.code)).toEqual(["DUPLICATE"]);
      else expect(response.errors).toBeUndefined();
    }
  });
});

describe("a command recorded by an earlier version (no actor, no fingerprint)", () => {
  it("replays to a caller that may act on its stream, for the same command on the same stream; DUPLICATE otherwise", async () => {
    const { sql } = api.app.db;
    const commandId = `legacy-${randomUUID()}`;
    const [stream] = await sql.query<{ version: number }>("SELECT version FROM streams WHERE stream_id = $1", [aliceAccount]);
    // As an earlier version appended: the six-argument catchup_append, which records neither.
    const events = [
      {
        type: "MoneyDeposited",
        data: { accountId: aliceAccount, amountCents: 100 },
        metadata: { commandId, correlationId: commandId, causationId: null, actor: null },
      },
    ];
    const [appended] = await sql.query<{ version: number; position: string }>(
      "SELECT version, position FROM catchup_append($1, $2, $3::integer, $4::jsonb, $5, $6)",
      [aliceAccount, "Account", stream!.version, JSON.stringify(events), commandId, "DepositMoney"],
    );
    const [record] = await sql.query<{ actor: string | null; fingerprint: string | null }>(
      "SELECT actor, fingerprint FROM commands WHERE command_id = $1",
      [commandId],
    );
    expect(record).toEqual({ actor: null, fingerprint: null });
    const before = await head();

    const retry = await call(alice.token, DEPOSIT, { i: { accountId: aliceAccount, amountCents: 100, commandId } });
    expect(retry.data!.depositMoney).toEqual({ streamId: aliceAccount, version: appended!.version, position: String(appended!.position) });
    expectBareDuplicate(
      await call(bob.token, DEPOSIT, { i: { accountId: aliceAccount, amountCents: 100, commandId } }),
      { streamId: aliceAccount, position: String(appended!.position) },
      "DepositMoney",
    );
    expectBareDuplicate(
      await call(alice.token, OPEN, { i: { customerId: alice.id, commandId } }),
      { streamId: aliceAccount, position: String(appended!.position) },
      "DepositMoney",
    );
    expect(await head()).toBe(before);
  });
});
