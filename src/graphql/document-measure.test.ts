import { getIntrospectionQuery, parse, type GraphQLSchema } from "graphql";
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

  it("does not count introspection's own nesting as depth, nor its lists as more than an item, but counts its fields", () => {
    const [operation] = measureDocument(parse(getIntrospectionQuery()), schema).operations;
    expect(operation!.depth).toBe(1);
    expect(operation!.cost).toBeGreaterThan(200);
  });

  it("survives fragment cycles (validation refuses them)", () => {
    const measure = measureDocument(parse("{ ...A } fragment A on Query { ...B __typename } fragment B on Query { ...A }"), schema);
    expect(measure.operations[0]!.cost).toBe(1);
  });
});
