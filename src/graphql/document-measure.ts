/**
 * What a GraphQL document asks for, measured against the schema before anything else looks
 * at it (the document gate, ./documents.ts): depth, cost, width, repeats, aliases and
 * directives, in one pass linear in the document, and the limits each may break.
 */
import {
  __Directive,
  __EnumValue,
  __Field,
  __InputValue,
  __Schema,
  __Type,
  defaultFieldResolver,
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
  valueFromASTUntyped,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
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
  /**
   * Whether the cost depends on variables: a page argument (without its value, counted as
   * the largest page) or the name of an introspected type (without it, every type) is one.
   */
  variablePages: boolean;
  aliases: number;
  directives: number;
  /**
   * Selections examined: about the document's selections and fragment spreads (see
   * measureDocument), and the steps of walking the schema for introspection (at most the budget).
   */
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
 * seven levels deep in every client's introspection query (graphql-js's
 * MaxIntrospectionDepthRule bounds its nesting). Its cost is exact: the fields it resolves,
 * counted by walking the schema (see introspectionCounter), since aliases multiply its lists
 * as they do any other (8 aliases at each of three levels answered 40 MB).
 */
export const INTROSPECTION_ROOTS: ReadonlySet<string> = new Set(["__schema", "__type"]);

/** The page arguments given to a field (argument name → items), for the lists it holds. */
type Pages = ReadonlyMap<string, number>;
const NO_PAGES: Pages = new Map();

/**
 * Measures a parsed document against the schema in one pass. Every field counts once per
 * item of each list above it: a list's size is its page argument (`first`; a variable
 * counts as its value in `variables`, its declared default when they leave it out, or as
 * the largest page without them), or the most it declares (graphql/list-size.ts).
 * `__typename` and introspection fields count too, introspection exactly. Each selection
 * set is examined once, and each fragment once per page context it is spread in (a
 * handful: the page arguments of the field above), however often it is spread, so the work
 * is linear in the document, plus at most `introspection.budget` steps of introspection.
 * A fragment spread inside its own definition (a cycle, refused by validation) counts as nothing.
 */
export function measureDocument(
  document: DocumentNode,
  schema: GraphQLSchema,
  variables?: Readonly<Record<string, unknown>>,
  /**
   * Introspection counted up to `budget` steps of work (past it, its cost is Infinity), or
   * "refused" (introspection is off: validation refuses it, so it is not walked).
   */
  introspection: { budget: number } | "refused" = { budget: INTROSPECTION_STEPS },
): DocumentMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  // What each operation declares a variable's default to be (undefined: none).
  const declared = new Map<string, unknown[]>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const { variable, defaultValue } of definition.variableDefinitions ?? []) {
      const values = declared.get(variable.name.value) ?? [];
      values.push(defaultValue && valueFromASTUntyped(defaultValue));
      declared.set(variable.name.value, values);
    }
  }
  /**
   * A variable's value as the request gives it: left out, its declared default (null or none:
   * the field's own default); UNKNOWN without the request's variables, or where the document's
   * operations declare it with different defaults (the one that runs is not known here).
   */
  const valueOf = (name: string): unknown => {
    if (!variables) return UNKNOWN;
    if (name in variables) return variables[name];
    const defaults = declared.get(name) ?? [undefined];
    return defaults.every((value) => value === defaults[0]) ? defaults[0] : UNKNOWN;
  };
  const counter = introspection === "refused" ? null : introspectionCounter(schema, fragments, introspection.budget);
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
        items = valueOf(value.name.value) ?? undefined; // null, or left out without a default: the default page
        if (items === UNKNOWN) items = MAX_PAGE_SIZE;
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
        const items = listSize(field, own, pages);
        const inner = selection.selectionSet ? setSize(selection.selectionSet, field && getNamedType(field.type), own) : NOTHING;
        if (INTROSPECTION_ROOTS.has(selection.name.value)) {
          // Not walked when introspection is off: validation refuses it.
          const answer = counter?.count(selection, valueOf) ?? { cost: 0, variable: false };
          variablePages ||= answer.variable;
          depth = Math.max(depth, 1);
          cost += 1 + answer.cost;
        } else {
          depth = Math.max(depth, 1 + inner.depth);
          // A field, and each item of its list: its selection, or the item itself for a list of leaves.
          cost += 1 + items * (selection.selectionSet ? inner.cost : isList(field) ? 1 : 0);
        }
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
  return { operations, width, repeats, variablePages, aliases, directives, work: work + (counter?.steps() ?? 0) };
}

/**
 * The most steps of work introspection is counted with (the document gate passes the cost
 * limit when it is lower): the playground's whole introspection takes about 7,100; each
 * step takes about half a microsecond, so no document makes the gate work more than ~25 ms.
 */
export const INTROSPECTION_STEPS = 50_000;

/** A variable whose value is not known where it is measured (see measureDocument). */
const UNKNOWN = Symbol("unknown");

const INTROSPECTION_TYPES: ReadonlyMap<string, GraphQLObjectType> = new Map(
  [__Schema, __Type, __Field, __InputValue, __EnumValue, __Directive].map((type) => [type.name, type]),
);

/** Every list of deprecated things counted with them: the most a client can ask for. */
const ALL = { includeDeprecated: true };

interface Scoped {
  set: SelectionSetNode;
  /** The fragments spread on the way to it: spread again inside, a cycle (validation refuses it). */
  open: ReadonlySet<string>;
}

/**
 * The fields an introspection field (`__schema`, `__type`) resolves, counted by walking the
 * schema with graphql-js's own introspection resolvers (its answer depends on the schema
 * alone), fields merged by response name and each fragment collected once per selection as
 * execution does. The walk and the collecting share one `budget` of steps per document: past
 * it the cost is Infinity, so no document makes the gate work more than the limit it checks.
 * `__type` with a variable name that the request does not give counts every type (`variable`).
 */
function introspectionCounter(schema: GraphQLSchema, fragments: ReadonlyMap<string, FragmentDefinitionNode>, budget: number) {
  const info = { schema } as GraphQLResolveInfo;
  let steps = 0;
  type Groups = Map<string, { name: string; inner: Scoped[] }>;
  const collected = new WeakMap<readonly Scoped[], Groups>();
  const collect = (sets: readonly Scoped[], type: GraphQLObjectType): Groups => {
    const known = collected.get(sets);
    if (known) return known;
    const groups: Groups = new Map();
    const spread = new Set<string>();
    const add = (set: SelectionSetNode, open: ReadonlySet<string>) => {
      for (const selection of set.selections) {
        if (++steps > budget) throw OVER;
        if (selection.kind === Kind.FIELD) {
          const key = selection.alias?.value ?? selection.name.value;
          let group = groups.get(key);
          if (!group) groups.set(key, (group = { name: selection.name.value, inner: [] }));
          if (selection.selectionSet) group.inner.push({ set: selection.selectionSet, open });
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          if (!selection.typeCondition || selection.typeCondition.name.value === type.name) add(selection.selectionSet, open);
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          if (!fragment || spread.has(name) || open.has(name) || fragment.typeCondition.name.value !== type.name) continue;
          spread.add(name);
          add(fragment.selectionSet, new Set([...open, name]));
        }
      }
    };
    for (const { set, open } of sets) add(set, open);
    collected.set(sets, groups);
    return groups;
  };
  // The schema's types, fields and arguments are the same objects wherever they are reached
  // (a type is the type of many fields): each selection counts each of them once.
  const counted = new WeakMap<readonly Scoped[], Map<unknown, number>>();
  /** Fields resolved under `value` of introspection `type` for `sets`. */
  const walk = (sets: readonly Scoped[], type: GraphQLObjectType, value: unknown): number => {
    let known = counted.get(sets);
    if (!known) counted.set(sets, (known = new Map()));
    const before = known.get(value);
    if (before !== undefined) return before;
    let count = 0;
    for (const { name, inner } of collect(sets, type).values()) {
      count++;
      if (++steps > budget) throw OVER;
      const field = type.getFields()[name];
      if (!field) continue; // __typename, or unknown (validation reports it)
      const answer: unknown = (field.resolve ?? defaultFieldResolver)(value, ALL, undefined, info);
      const items = Array.isArray(answer) ? answer : answer == null ? [] : [answer];
      const named = INTROSPECTION_TYPES.get(getNamedType(field.type).name);
      if (!named || inner.length === 0) {
        if (Array.isArray(answer)) count += answer.length;
        continue;
      }
      for (const item of items) count += walk(inner, named, item);
    }
    known.set(value, count);
    return count;
  };
  const count = (field: FieldNode, valueOf: (variable: string) => unknown): { cost: number; variable: boolean } => {
    if (!field.selectionSet) return { cost: 0, variable: false };
    const sets = [{ set: field.selectionSet, open: new Set<string>() }];
    let values: readonly unknown[] = [schema];
    let variable = false;
    if (field.name.value === TypeMetaFieldDef.name) {
      const argument = field.arguments?.find((candidate) => candidate.name.value === "name")?.value;
      let name: unknown = argument?.kind === Kind.STRING ? argument.value : undefined;
      if (argument?.kind === Kind.VARIABLE) {
        variable = true;
        name = valueOf(argument.name.value);
      }
      // A name not known here (UNKNOWN, or not a string: validation refuses that) counts every type.
      const named = typeof name === "string" ? schema.getType(name) : undefined;
      values = typeof name === "string" ? (named ? [named] : []) : Object.values(schema.getTypeMap());
    }
    const type = field.name.value === TypeMetaFieldDef.name ? __Type : __Schema;
    try {
      return { cost: values.reduce<number>((sum, value) => sum + walk(sets, type, value), 0), variable };
    } catch (error) {
      if (error === OVER) return { cost: Infinity, variable };
      throw error;
    }
  };
  return { count, steps: () => steps };
}

const OVER = Symbol("over the budget");

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
function listSize(field: GraphQLField<unknown, unknown> | undefined, own: Pages, above: Pages): number {
  if (!isList(field)) return 1;
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
        `${operation} may resolve ${cost === Infinity ? "too many" : cost > 1e9 ? "over a billion" : cost} fields (each once per item of the lists above it); the limit is ${limits.maxCost}: ask for smaller pages or fewer fields`,
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
