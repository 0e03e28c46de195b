import { getIntrospectionQuery, graphqlSync, parse, type GraphQLSchema } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { measureDocument } from "./document-measure.js";
import { getSchema } from "./schema.js";
import { MODULES } from "../modules/index.js";

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await getSchema(MODULES);
});

describe("measureDocument", () => {
  const doubling = (levels: number) => {
    const fragments = ["fragment F0 on Query { __typename }"];
    for (let level = 1; level <= levels; level++) fragments.push(`fragment F${level} on Query { ...F${level - 1} ...F${level - 1} }`);
    return parse(`{ ...F${levels} }\n${fragments.join("\n")}`, { maxTokens: 1e6 });
  };

  it("measures each fragment once: work linear in the document, cost as expanded", () => {
    for (const levels of [10, 100, 1000]) {
      const measure = measureDocument(doubling(levels), schema);
      expect(measure.work).toBe(2 * levels + 2);
      expect(measure.operations[0]!.cost).toBe(2 ** levels); // Infinity past 2^1023: still over any limit
      expect(measure.width).toBe(2 ** levels);
    }
  });

  it("counts every field, __typename included, once per item of the lists above it", () => {
    // products: 1; its edges: a list of `first` (50), each an edge of one node of 2 fields.
    const { operations } = measureDocument(parse("{ products(first: 50) { edges { node { __typename id } } } a: __typename }"), schema);
    expect(operations).toEqual([{ name: null, depth: 4, cost: 1 + (1 + 50 * (1 + 2)) + 1 }]);
    // A list without a page counts its declared most (an order's lines: 100), a list of leaves each item.
    const order = measureDocument(parse('{ orderSummary(id: "o") { items { product { name } } productNames } }'), schema);
    expect(order.operations[0]!.cost).toBe(1 + (1 + 100 * (1 + 1)) + (1 + 100));
    // A page given by a variable counts as the largest page; none given, as the default page.
    expect(measureDocument(parse("query($n: Int) { products(first: $n) { edges { cursor } } }"), schema).operations[0]!.cost).toBe(
      1 + 1 + 100,
    );
    expect(measureDocument(parse("{ products { edges { cursor } } }"), schema).operations[0]!.cost).toBe(1 + 1 + 20);
  });

  it("sizes a list inside a fragment by the page of the field the fragment is spread in", () => {
    const measure = measureDocument(
      parse(
        "{ a: products(first: 10) { ...Page } b: products(first: 100) { ...Page } } fragment Page on ProductConnection { edges { cursor } }",
      ),
      schema,
    );
    expect(measure.operations[0]!.cost).toBe(1 + 1 + 10 + (1 + 1 + 100));
  });

  it("counts how often one composite field is selected in a set, fragments expanded; leaves not", () => {
    const measure = measureDocument(
      parse(
        "{ products { edges { cursor } } ...A ...B __typename __typename } fragment A on Query { products { edges { cursor } } __typename } fragment B on Query { ...A }",
      ),
      schema,
    );
    expect(measure.repeats).toBe(3);
  });

  it("counts aliases and directives as written", () => {
    const measure = measureDocument(
      parse(
        "query Q($x: Boolean = true) { a: __typename @include(if: $x) b: __typename @skip(if: $x) ...F @include(if: $x) } fragment F on Query { c: __typename }",
      ),
      schema,
    );
    expect([measure.aliases, measure.directives]).toEqual([3, 3]);
  });

  it("prices a page variable the request leaves out at its declared default, and one given as null at the default page", () => {
    const query = parse("query Q($f: Int = 100) { products(first: $f) { edges { cursor } } }");
    const cost = (variables?: Record<string, unknown>) => measureDocument(query, schema, variables).operations[0]!.cost;
    expect([cost({}), cost({ f: null }), cost({ f: 7 }), cost()]).toEqual([1 + 1 + 100, 1 + 1 + 20, 1 + 1 + 7, 1 + 1 + 100]);
    // Operations that declare it differently (which one runs is not known here): the largest page.
    for (const other of ["$f: Int = 60", "$f: Int"]) {
      const two = parse(`query A($f: Int = 3) { products(first: $f) { edges { cursor } } } query B(${other}) { __typename }`);
      expect(measureDocument(two, schema, {}).operations[0]!.cost).toBe(1 + 1 + 100);
    }
  });

  it("prices introspection exactly, as the fields its answer holds, and does not count its nesting as depth", () => {
    const query = getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, specifiedByUrl: true, oneOf: true });
    const [operation] = measureDocument(parse(query), schema).operations;
    expect(operation!.depth).toBe(1);
    expect(operation!.cost).toBe(answered(graphqlSync({ schema, source: query }).data));
    // __type by name, a literal or a variable's value; without the value, every type counts.
    const byName = parse("query($t: String!) { __type(name: $t) { fields { name } } }");
    const queryFields = Object.keys(schema.getQueryType()!.getFields()).length;
    expect(measureDocument(byName, schema, { t: "Query" }).operations[0]!.cost).toBe(1 + 1 + queryFields);
    const unknown = measureDocument(byName, schema);
    expect(unknown.variablePages).toBe(true);
    // Without the request's variables, a declared default is not the name a request will send.
    const defaulted = measureDocument(parse('query($t: String! = "Boolean") { __type(name: $t) { fields { name } } }'), schema);
    expect(defaulted.operations[0]!.cost).toBe(unknown.operations[0]!.cost);
    expect(unknown.operations[0]!.cost).toBe(
      answered(graphqlSync({ schema, source: "{ __schema { types { fields { name } } } }" }).data) - 1,
    );
  });

  it("multiplies introspection's lists by the aliases above them, and stops counting past its budget", () => {
    const aliased = (times: number, field: string, inner: string) =>
      Array.from({ length: times }, (_, i) => `${field[0]}${i}: ${field} { name ${inner} }`).join(" ");
    const query = `{ __schema { ${aliased(8, "types", aliased(8, "fields", `type { ${aliased(8, "fields", "")} }`))} } }`;
    const measure = measureDocument(parse(query), schema);
    expect(measure.operations[0]!.cost).toBe(Infinity);
    const small = measureDocument(parse(query), schema, undefined, { budget: 1e9 }).operations[0]!.cost;
    expect(small).toBe(answered(graphqlSync({ schema, source: query }).data));
    expect(small).toBeGreaterThan(50_000);
    // Introspection turned off: validation refuses it, so the measure does not walk it.
    const refused = measureDocument(parse(query), schema, undefined, "refused");
    expect(refused.operations[0]!.cost).toBe(1);
    expect(refused.work).toBeLessThan(measure.work / 10);
  });

  it("survives fragment cycles (validation refuses them)", () => {
    const measure = measureDocument(parse("{ ...A } fragment A on Query { ...B __typename } fragment B on Query { ...A }"), schema);
    expect(measure.operations[0]!.cost).toBe(1);
  });
});

/** The fields an answer holds: each key, and each item of a list of leaves. */
function answered(value: unknown): number {
  if (Array.isArray(value))
    return value.reduce<number>((sum, item) => sum + (item !== null && typeof item === "object" ? answered(item) : 1), 0);
  if (value === null || typeof value !== "object") return 0;
  return Object.values(value).reduce<number>((sum, inner) => sum + 1 + answered(inner), 0);
}
