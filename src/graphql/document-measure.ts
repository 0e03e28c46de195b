/**
 * What a GraphQL document asks for, measured against the schema before anything else looks
 * at it (the document gate, ./documents.ts): depth, cost, width, repeats, aliases and
 * directives, in one pass linear in the document, and the limits each may break.
 */
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from "graphql";
import type { DocumentLimits } from "../config.js";
import type { ListSize } from "./list-size.js";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./pagination.js";

export interface OperationMeasure {
  name: string | null;
  /** Deepest nesting of fields. */
  depth: number;
  /** Fields resolved at most: each counted once per item of the lists above it (may be Infinity for absurd documents). */
  cost: number;
}

export interface DocumentMeasure {
  operations: OperationMeasure[];
  /** Most fields in one selection set, fragments expanded (over every selection set of the document). */
  width: number;
  /** Most times one field with a selection set is selected in one selection set (by response name, fragments expanded). */
  repeats: number;
  /** Whether a page argument is a variable (without its value, counted as the largest page). */
  variablePages: boolean;
  aliases: number;
  directives: number;
  /** Selections examined: about the document's selections and fragment spreads (see measureDocument). */
  work: number;
}

interface Size {
  depth: number;
  cost: number;
  width: number;
  /** Fields with a selection set, by response name: how often each is selected here. */
  composites: ReadonlyMap<string, number>;
}

const NOTHING: Size = { depth: 0, cost: 0, width: 0, composites: new Map() };

/** A list field that declares no size (a schema test forbids that) counts as this many items. */
const UNDECLARED_LIST = 100;

/** Distinct repeated names tracked per selection set: past the width limit, the document is refused anyway. */
const TRACKED_NAMES = 1000;

/**
 * Introspection's own nesting does not count towards depth: a type reference nests `ofType`
 * seven levels deep in every client's introspection query. Its lists count as one item each
 * (the schema bounds them), and graphql-js's MaxIntrospectionDepthRule bounds its nesting.
 */
export const INTROSPECTION_ROOTS: ReadonlySet<string> = new Set(["__schema", "__type"]);

/** The page arguments given to a field (argument name → items), for the lists it holds. */
type Pages = ReadonlyMap<string, number>;
const NO_PAGES: Pages = new Map();

/**
 * Measures a parsed document against the schema in one pass. Every field counts once per
 * item of each list above it: a list's size is its page argument (`first`; a variable
 * counts as its value in `variables`, or as the largest page without them), or the most it
 * declares (graphql/list-size.ts).
 * `__typename` and introspection fields count too. Each selection set is examined once, and
 * each fragment once per page context it is spread in (a handful: the page arguments of
 * the field above), however often it is spread, so the work is linear in the document.
 * A fragment spread inside its own definition (a cycle, refused by validation) counts as nothing.
 */
export function measureDocument(
  document: DocumentNode,
  schema: GraphQLSchema,
  variables?: Readonly<Record<string, unknown>>,
): DocumentMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const pageArguments = pageArgumentsOf(schema);
  const sizes = new Map<string, Size | "measuring">();
  let width = 0;
  let repeats = 0;
  let variablePages = false;
  let work = 0;
  const pagesOf = (field: FieldNode): Pages => {
    if (!field.arguments?.length) return NO_PAGES;
    const pages = new Map<string, number>();
    for (const { name, value } of field.arguments) {
      if (!pageArguments.has(name.value)) continue;
      let items: unknown = MAX_PAGE_SIZE;
      if (value.kind === Kind.INT) items = Number(value.value);
      else if (value.kind === Kind.VARIABLE) {
        variablePages = true;
        if (variables) items = variables[value.name.value] ?? undefined; // null or absent: the default page
      }
      if (items !== undefined)
        pages.set(name.value, Number.isInteger(items) ? Math.max(1, Math.min(items as number, MAX_PAGE_SIZE)) : MAX_PAGE_SIZE);
    }
    return pages.size > 0 ? pages : NO_PAGES;
  };

  const fragmentSize = (name: string, pages: Pages): Size => {
    const key = `${name}|${[...pages].join(";")}`;
    const known = sizes.get(key);
    if (known === "measuring") return NOTHING;
    if (known) return known;
    const fragment = fragments.get(name);
    if (!fragment) return NOTHING; // unknown: validation reports it
    sizes.set(key, "measuring");
    const size = setSize(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), pages);
    sizes.set(key, size);
    return size;
  };

  /** Depth, cost, width and repeated composites of a selection set of `parent`, inside a field given `pages`. */
  const setSize = (set: SelectionSetNode, parent: GraphQLNamedType | undefined, pages: Pages): Size => {
    let depth = 0;
    let cost = 0;
    let fields = 0;
    const composites = new Map<string, number>();
    const count = (name: string, times: number) => {
      if (composites.size < TRACKED_NAMES || composites.has(name)) composites.set(name, (composites.get(name) ?? 0) + times);
    };
    for (const selection of set.selections) {
      work++;
      if (selection.kind === Kind.FIELD) {
        const field = fieldOf(parent, selection.name.value);
        const own = pagesOf(selection);
        const items = listSize(field, parent, own, pages);
        const inner = selection.selectionSet ? setSize(selection.selectionSet, field && getNamedType(field.type), own) : NOTHING;
        depth = Math.max(depth, 1 + (INTROSPECTION_ROOTS.has(selection.name.value) ? 0 : inner.depth));
        // A field, and each item of its list: its selection, or the item itself for a list of leaves.
        cost += 1 + items * (selection.selectionSet ? inner.cost : isList(field) ? 1 : 0);
        fields++;
        if (selection.selectionSet) count(selection.alias?.value ?? selection.name.value, 1);
      } else {
        const inner =
          selection.kind === Kind.INLINE_FRAGMENT
            ? setSize(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent, pages)
            : fragmentSize(selection.name.value, pages);
        depth = Math.max(depth, inner.depth);
        cost += inner.cost;
        fields += inner.width;
        for (const [name, times] of inner.composites) count(name, times);
      }
    }
    width = Math.max(width, fields);
    for (const times of composites.values()) repeats = Math.max(repeats, times);
    return { depth, cost, width: fields, composites };
  };

  const operations: OperationMeasure[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const { depth, cost } = setSize(definition.selectionSet, schema.getRootType(definition.operation) ?? undefined, NO_PAGES);
    operations.push({ name: definition.name?.value ?? null, depth, cost });
  }
  // Fragments no operation spreads are still validated: their width matters as much.
  for (const name of fragments.keys()) fragmentSize(name, NO_PAGES);
  const { aliases, directives } = written(document);
  return { operations, width, repeats, variablePages, aliases, directives, work };
}

/** Aliases and directives as written in the document (each once, wherever it is spread). */
function written(document: DocumentNode): { aliases: number; directives: number } {
  let aliases = 0;
  let directives = 0;
  visit(document, {
    Field(field) {
      if (field.alias) aliases++;
    },
    Directive() {
      directives++;
    },
  });
  return { aliases, directives };
}

function fieldOf(parent: GraphQLNamedType | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
  if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  return parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
}

const isList = (field: GraphQLField<unknown, unknown> | undefined): boolean =>
  field !== undefined && isListType(getNullableType(field.type));

/** The most items a field's list holds (1 for a field that is no list). */
function listSize(
  field: GraphQLField<unknown, unknown> | undefined,
  parent: GraphQLNamedType | undefined,
  own: Pages,
  above: Pages,
): number {
  if (!isList(field)) return 1;
  if (parent?.name.startsWith("__")) return 1; // introspection: the schema bounds it
  const declared = field!.extensions.listSize as ListSize | undefined;
  if (declared?.page) {
    // The field's own page arguments, else those of the field it sits in (a connection's).
    const given = (pages: Pages) => Math.max(0, ...declared.page!.map((argument) => pages.get(argument) ?? 0)) || undefined;
    return given(own) ?? given(above) ?? declared.default ?? DEFAULT_PAGE_SIZE;
  }
  return declared?.max ?? UNDECLARED_LIST;
}

const pageArgumentsBySchema = new WeakMap<GraphQLSchema, ReadonlySet<string>>();

/** The argument names that size a list somewhere in the schema (`first`, `awaitingFirst`, …). */
function pageArgumentsOf(schema: GraphQLSchema): ReadonlySet<string> {
  let names = pageArgumentsBySchema.get(schema);
  if (!names) {
    const found = new Set<string>();
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        for (const page of (field.extensions.listSize as ListSize | undefined)?.page ?? []) found.add(page);
      }
    }
    names = found;
    pageArgumentsBySchema.set(schema, names);
  }
  return names;
}

/**
 * What a measured document breaks of `limits`, as client errors (none when it fits);
 * `cost: false` leaves the cost out (to be judged with the request's variables).
 */
export function limitErrors(measure: DocumentMeasure, limits: DocumentLimits, checks: { cost: boolean } = { cost: true }): GraphQLError[] {
  const errors: string[] = [];
  for (const { name, depth, cost } of measure.operations) {
    const operation = `operation${name ? ` ${name}` : ""}`;
    if (depth > limits.maxDepth) errors.push(`${operation} is nested ${depth} levels deep; the limit is ${limits.maxDepth}`);
    if (checks.cost && cost > limits.maxCost) {
      errors.push(
        `${operation} may resolve ${cost > 1e9 ? "over a billion" : cost} fields (each once per item of the lists above it); the limit is ${limits.maxCost}: ask for smaller pages or fewer fields`,
      );
    }
  }
  if (measure.repeats > limits.maxRepeats) {
    errors.push(
      `a selection set selects one field with a selection of its own ${measure.repeats} times (fragments expanded); the limit is ${limits.maxRepeats}`,
    );
  }
  if (measure.width > limits.maxWidth) {
    errors.push(
      `a selection set holds ${measure.width > 1e9 ? "over a billion" : measure.width} fields (fragments expanded); the limit is ${limits.maxWidth}`,
    );
  }
  if (measure.aliases > limits.maxAliases) errors.push(`the document has ${measure.aliases} aliases; the limit is ${limits.maxAliases}`);
  if (measure.directives > limits.maxDirectives)
    errors.push(`the document has ${measure.directives} directives; the limit is ${limits.maxDirectives}`);
  return errors.map((message) => new GraphQLError(message, { extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }));
}
