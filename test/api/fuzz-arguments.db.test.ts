/**
 * Every argument of every root field — queries, mutations, subscriptions — fuzzed from the
 * schema itself (fast-check): each argument gets values of its own type and of every other
 * (nulls where non-null is required, lists of the wrong length, enums that do not exist,
 * positions past 64 bits, dates PostgreSQL cannot hold, forged cursors, lone surrogates,
 * NUL). A client's mistake is answered with a client code, never INTERNAL_SERVER_ERROR;
 * no message carries a stack, SQL or a path; a refused mutation writes nothing; the server
 * stays up.
 */
import fc from "fast-check";
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getSchema } from "../../src/graphql/schema.js";
import { MODULES } from "../../src/modules/index.js";
import { addProduct, CLIENT_CODES, createOrder, LEAKS, registerCustomer } from "../support/fixtures.js";
import { startTestServer, type TestServer } from "../support/server.js";

let api: TestServer;
let admin: string;
let schema: GraphQLSchema;
let ids: string[];
let cursors: string[];

beforeAll(async () => {
  // Waits for positions nobody will reach end quickly (CONSISTENCY_TIMEOUT is a client's answer).
  api = await startTestServer({ consistencyTimeoutMs: 150 });
  admin = await api.bearer("admin");
  schema = await getSchema(MODULES);
  const customer = await registerCustomer(api);
  const product = await addProduct(api, "Fuzz", 300);
  await addProduct(api, "Fuzz two", 400);
  const order = (await createOrder(api, customer, [{ productId: product, quantity: 1 }])).streamId;
  const account = (
    (await post("mutation($c: ID!) { openAccount(input: { customerId: $c }) { streamId } }", { c: customer })).data!.openAccount as {
      streamId: string;
    }
  ).streamId;
  ids = [customer, product, order, account];
  const page = await post("{ products(first: 1) { edges { cursor } } }");
  const orders = await post("query($c: ID!) { customerOrders(customerId: $c, first: 1) { edges { cursor } } }", { c: customer });
  cursors = [
    ...(page.data!.products as { edges: { cursor: string }[] }).edges.map((edge) => edge.cursor),
    ...(orders.data!.customerOrders as { edges: { cursor: string }[] }).edges.map((edge) => edge.cursor),
  ];
});
afterAll(async () => {
  await api?.close();
});

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function post(query: string, variables: Record<string, unknown> = {}): Promise<Body> {
  const response = await fetch(api.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: admin },
    body: JSON.stringify({ query, variables }),
  });
  expect([200, 400]).toContain(response.status);
  return (await response.json()) as Body;
}

const base64 = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

/** Strings a careless or hostile client might send in any text field. */
const hostileText = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "a\ud800b",
    "\udfff",
    "💥".repeat(300),
    "x".repeat(1001),
    "i".repeat(129),
    "' OR 1=1 --",
    "-1",
    "1e309",
    "NaN",
    "null",
    "\\N",
  ),
);

/** Cursors: real ones, and forgeries with every kind of wrong content. */
const forgedCursor = () =>
  fc.oneof(
    fc.constantFrom(...cursors),
    fc.constantFrom(
      base64({ createdAt: "-100000-01-01T00:00:00.000Z", orderId: "x" }),
      base64({ createdAt: "+275760-09-13T00:00:00.000Z", orderId: "x" }),
      base64({ createdAt: "0000-01-01T00:00:00Z", orderId: "x" }),
      base64({ createdAt: "2026-01-01T00:00:00Z", orderId: "a\u0000b" }),
      base64({ createdAt: "2026-01-01T00:00:00Z", orderId: "a\ud800" }),
      base64({ name: "\u0000", id: "x" }),
      base64({ name: "a\udc00", id: "x" }),
      base64({ name: ["x"], id: 1 }),
      base64({ name: "x", id: "y", extra: true }),
      base64([1, 2]),
      base64("null"),
      base64("{"),
      "not base64 at all!",
    ),
    hostileText.map(base64),
  );

/** Values of `type` (mostly well-formed, some not), with some of every other type mixed in. */
function valueOf(type: GraphQLInputType, argument: string, depth = 0): fc.Arbitrary<unknown> {
  // An explicit null: a mistake for a non-null type, a value like any other for a nullable one.
  if (isNonNullType(type))
    return fc.oneof({ weight: 8, arbitrary: valueOf(type.ofType, argument, depth) }, { weight: 1, arbitrary: fc.constant(null) });
  return fc.oneof({ weight: 8, arbitrary: valueOfNullable(type, argument, depth) }, { weight: 1, arbitrary: fc.constant(null) });
}

function valueOfNullable(type: GraphQLInputType, argument: string, depth: number): fc.Arbitrary<unknown> {
  if (isListType(type)) {
    const item = valueOf(type.ofType, argument, depth);
    return fc.oneof(
      { weight: 6, arbitrary: fc.array(item, { maxLength: 3 }) },
      { weight: 1, arbitrary: item }, // a single value where a list goes (GraphQL coerces it)
      { weight: 1, arbitrary: item.chain((one) => fc.constant(Array.from({ length: 101 }, () => one))) },
      { weight: 1, arbitrary: fc.constant(null) },
    );
  }
  const wrong = fc.oneof(hostileText, fc.integer(), fc.double(), fc.boolean(), fc.constant({}), fc.constant([]));
  let right: fc.Arbitrary<unknown>;
  if (isEnumType(type)) right = fc.constantFrom(...type.getValues().map((value) => value.name), "NOT_A_VALUE", "order_summary");
  else if (isInputObjectType(type)) {
    const fields = Object.fromEntries(
      Object.values(type.getFields()).map((field) => [
        field.name,
        depth > 3 ? fc.constant(null) : valueOf(field.type, field.name, depth + 1),
      ]),
    );
    right = fc.oneof(
      { weight: 8, arbitrary: fc.record(fields, { requiredKeys: [] }) },
      { weight: 1, arbitrary: fc.record({ ...fields, unexpected: hostileText }) },
    );
  } else if (isScalarType(type)) right = scalar(type.name, argument);
  else throw new Error(`unexpected input type ${String(type)}`);
  return fc.oneof({ weight: 5, arbitrary: right }, { weight: 1, arbitrary: wrong });
}

function scalar(name: string, argument: string): fc.Arbitrary<unknown> {
  switch (name) {
    case "ID":
      return fc.oneof(fc.constantFrom(...ids), hostileText);
    case "String":
      return argument === "after" || argument === "before"
        ? forgedCursor()
        : fc.oneof(fc.constantFrom("Ada", "fuzz@example.com", "+1 555 0100", "US"), hostileText);
    case "Int":
      return fc.oneof(
        fc.integer({ min: -5, max: 150 }),
        fc.constantFrom(0, -1, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 300_001, Number.MAX_SAFE_INTEGER, 1e300, 0.5),
      );
    case "Boolean":
      return fc.boolean();
    case "Position":
      return fc.oneof(
        fc.bigInt({ min: 0n, max: 40n }).map(String),
        fc.constantFrom("9223372036854775807", "9223372036854775808", "-1", "1.5", "1e3", "", " 1", "0x10", 1, 2 ** 53, -1),
        fc.bigInt({ min: 0n, max: 2n ** 70n }).map(String),
      );
    case "Date":
      return fc.constantFrom(
        "2026-11-28",
        "0001-01-01",
        "9999-12-31",
        "0000-01-01",
        "2026-02-30",
        "2026-13-01",
        "-0001-01-01",
        "+275760-09-13",
        "20261128",
        "2026-11-28T00:00:00Z",
      );
    case "DateTime":
      return fc.constantFrom("2026-11-28T12:00:00Z", "0000-01-01T00:00:00Z", "+275760-09-13T00:00:00Z", "2026-11-28", "yesterday");
    default:
      return hostileText;
  }
}

/**
 * An operation calling `field` with every argument as a variable, selecting `__typename`
 * (or nothing for leaves). An argument with a default gets a nullable variable, as clients
 * declare them (GraphQL allows it there), so that an explicit null reaches it.
 */
function operation(kind: "query" | "mutation" | "subscription", field: GraphQLField<unknown, unknown>): string {
  const args = field.args as readonly GraphQLArgument[];
  const declared = (arg: GraphQLArgument) =>
    arg.defaultValue !== undefined && isNonNullType(arg.type) ? String(arg.type.ofType) : String(arg.type);
  const variables = args.map((arg) => `$${arg.name}: ${declared(arg)}`).join(", ");
  const call = args.length > 0 ? `(${args.map((arg) => `${arg.name}: $${arg.name}`).join(", ")})` : "";
  const selection = isObjectType(getNamedType(field.type)) ? " { __typename }" : "";
  return `${kind}${variables ? `(${variables})` : ""} { ${field.name}${call}${selection} }`;
}

function argumentsOf(field: GraphQLField<unknown, unknown>): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(Object.fromEntries(field.args.map((arg) => [arg.name, valueOf(arg.type, arg.name)])), { requiredKeys: [] });
}

function expectClientErrors(errors: readonly { message: string; extensions?: { code?: string } }[] | undefined, context: string): void {
  for (const error of errors ?? []) {
    expect(CLIENT_CODES.has(error.extensions?.code ?? "none"), `${context}: ${error.extensions?.code}: ${error.message}`).toBe(true);
    expect(error.message, context).not.toMatch(LEAKS);
  }
}

/**
 * Waits for every field's property, then fails with each failure: Promise.all would end the
 * test at the first, leaving the others running (and shrinking) into the next tests.
 */
async function allOf(properties: Promise<void>[]): Promise<void> {
  const failed = (await Promise.allSettled(properties)).flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
  if (failed.length === 1) throw failed[0];
  if (failed.length > 1) throw new AggregateError(failed, failed.map((error) => String(error)).join("\n\n"));
}

describe("every argument of every root field", () => {
  // Reads change nothing, so every field's runs go at once (each field's one after another):
  // the waits for positions nobody reaches then overlap instead of adding up.
  it("queries: only client codes", async () => {
    await allOf(
      Object.values(schema.getQueryType()!.getFields()).map((field) => {
        const query = operation("query", field);
        return fc.assert(
          fc.asyncProperty(argumentsOf(field), async (variables) => {
            expectClientErrors((await post(query, variables)).errors, `${field.name} ${JSON.stringify(variables).slice(0, 300)}`);
          }),
          { numRuns: 30 },
        );
      }),
    );
  });

  it("mutations: only client codes, and nothing written when refused", async () => {
    for (const field of Object.values(schema.getMutationType()!.getFields())) {
      const query = operation("mutation", field);
      await fc.assert(
        fc.asyncProperty(argumentsOf(field), async (variables) => {
          const before = await api.app.store.lastPosition();
          const body = await post(query, variables);
          const context = `${field.name} ${JSON.stringify(variables).slice(0, 300)}`;
          expectClientErrors(body.errors, context);
          if (body.errors) expect(await api.app.store.lastPosition(), `${context}: a refused command writes nothing`).toBe(before);
        }),
        { numRuns: 20 },
      );
    }
  });

  it("subscriptions: only client codes, over graphql-ws", async () => {
    const client = api.ws(admin);
    await allOf(
      Object.values(schema.getSubscriptionType()!.getFields()).map((field) => {
        const query = operation("subscription", field);
        return fc.assert(
          fc.asyncProperty(argumentsOf(field), async (variables) => {
            // The first answer, or none within a moment (a subscription that waits is fine).
            const errors = await new Promise<readonly { message: string; extensions?: { code?: string } }[] | undefined>((resolve) => {
              const timer = setTimeout(() => (stop(), resolve(undefined)), 100);
              const stop = client.subscribe(
                { query, variables },
                {
                  next: (result) => (clearTimeout(timer), stop(), resolve(result.errors as never)),
                  error: (error) => (clearTimeout(timer), resolve(Array.isArray(error) ? error : [{ message: String(error) }])),
                  complete: () => (clearTimeout(timer), resolve(undefined)),
                },
              );
            });
            expectClientErrors(errors, `${field.name} ${JSON.stringify(variables).slice(0, 300)}`);
          }),
          { numRuns: 30 },
        );
      }),
    );
  });

  it("leaves the server up and answering", async () => {
    expect((await fetch(api.url.replace("/graphql", "/healthz"))).status).toBe(200);
    expect((await post("{ projections { name } }")).errors).toBeUndefined();
  });
});
