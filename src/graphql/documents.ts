/**
 * How a GraphQL document is admitted, on HTTP and on graphql-ws alike: one gate, in this
 * order, each step bounded by what the previous one let through.
 *
 * 1. size: at most `maxBytes` of text (comments are not tokens: only this bounds them);
 * 2. parse: graphql-js's own `maxTokens` stops the lexer early;
 * 3. measure (`measureDocument`): depth, cost, width, aliases and directives, in one pass
 *    linear in the document whatever its shape (each fragment measured once);
 * 4. validate: graphql-js's rules (and NoIntrospection when introspection is off), only
 *    for documents that passed 1–3, so that none of its rules sees more than the limits
 *    allow (OverlappingFieldsCanBeMerged is quadratic in fields of one selection set: the
 *    width limit bounds it).
 *
 * Admitted documents are kept by the SHA-256 of their text (as Apollo keys its document
 * store, which is this cache too: see `apolloDocumentStore`), bounded by entries and by the
 * bytes of their texts. Refusals are GRAPHQL_PARSE_FAILED or GRAPHQL_VALIDATION_FAILED with
 * a message that says what to change.
 */
import { createHash } from "node:crypto";
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  parse,
  SchemaMetaFieldDef,
  specifiedRules,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  validate,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationRule,
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
const INTROSPECTION_ROOTS = new Set(["__schema", "__type"]);

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
export function measureDocument(document: DocumentNode, schema: GraphQLSchema, variables?: Readonly<Record<string, unknown>>): DocumentMeasure {
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
      if (items !== undefined) pages.set(name.value, Number.isInteger(items) ? Math.max(1, Math.min(items as number, MAX_PAGE_SIZE)) : MAX_PAGE_SIZE);
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

const isList = (field: GraphQLField<unknown, unknown> | undefined): boolean => field !== undefined && isListType(getNullableType(field.type));

/** The most items a field's list holds (1 for a field that is no list). */
function listSize(field: GraphQLField<unknown, unknown> | undefined, parent: GraphQLNamedType | undefined, own: Pages, above: Pages): number {
  if (!isList(field)) return 1;
  if (parent?.name.startsWith("__")) return 1; // introspection: the schema bounds it
  const declared = field!.extensions.listSize as ListSize | undefined;
  if (declared?.page) return own.get(declared.page) ?? above.get(declared.page) ?? declared.default ?? DEFAULT_PAGE_SIZE;
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
        const page = (field.extensions.listSize as ListSize | undefined)?.page;
        if (page) found.add(page);
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
    errors.push(`a selection set selects one field with a selection of its own ${measure.repeats} times (fragments expanded); the limit is ${limits.maxRepeats}`);
  }
  if (measure.width > limits.maxWidth) {
    errors.push(`a selection set holds ${measure.width > 1e9 ? "over a billion" : measure.width} fields (fragments expanded); the limit is ${limits.maxWidth}`);
  }
  if (measure.aliases > limits.maxAliases) errors.push(`the document has ${measure.aliases} aliases; the limit is ${limits.maxAliases}`);
  if (measure.directives > limits.maxDirectives) errors.push(`the document has ${measure.directives} directives; the limit is ${limits.maxDirectives}`);
  return errors.map((message) => new GraphQLError(message, { extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }));
}

export interface GateOptions {
  limits: DocumentLimits;
  /** Answer introspection (`__schema`, `__type`); `__typename` is always allowed. */
  introspection: boolean;
  /** Admitted documents kept: at most this many, whose texts total at most `cacheBytes`. */
  cacheEntries?: number;
  cacheBytes?: number;
  /** Told the work each measured document cost (a metric). */
  onMeasured?: (work: number) => void;
}

export type Admission = { document: DocumentNode; errors?: undefined } | { document?: undefined; errors: readonly GraphQLError[] };

/** The one way a query text becomes a document that may run (see the top of this file). */
export class DocumentGate {
  readonly cache: DocumentCache;
  private readonly rules: readonly ValidationRule[];
  /** Admitted documents whose cost depends on their page variables. */
  private readonly pricedPerRequest = new WeakSet<DocumentNode>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly options: GateOptions,
  ) {
    this.cache = new DocumentCache(options.cacheEntries, options.cacheBytes);
    this.rules = options.introspection ? specifiedRules : [...specifiedRules, noIntrospection];
  }

  /**
   * Admits `query` (cached once admitted). `variables` decide the cost of a document whose
   * page sizes are variables and that may exceed the cost limit at its largest pages.
   */
  admit(query: string, variables?: Readonly<Record<string, unknown>> | null): Admission {
    const { limits } = this.options;
    // Every UTF-16 unit is at least a byte: a text this long is too large, whatever it holds
    // (and is not worth hashing).
    if (query.length > limits.maxBytes) return tooLarge(Buffer.byteLength(query), limits.maxBytes);
    const key = queryHash(query);
    const known = this.cache.get(key);
    if (known) return this.priced(known, variables);
    const bytes = Buffer.byteLength(query);
    if (bytes > limits.maxBytes) return tooLarge(bytes, limits.maxBytes);
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: limits.maxTokens });
    } catch (error) {
      // A GraphQLError is a syntax error (or too many tokens); anything else is the parser's
      // own recursion giving out on absurd nesting.
      return refused(error instanceof GraphQLError ? error.message : "Syntax Error: the document nests too deeply", "GRAPHQL_PARSE_FAILED");
    }
    const measure = measureDocument(document, this.schema);
    this.options.onMeasured?.(measure.work);
    // Over the cost at its largest pages, a document with page variables may still fit the
    // pages a request asks for: its cost is judged per request (see priced).
    const perRequest = measure.variablePages && measure.operations.some((operation) => operation.cost > limits.maxCost);
    const overLimits = limitErrors(measure, limits, { cost: !perRequest });
    if (overLimits.length > 0) return { errors: overLimits };
    const errors = validate(this.schema, document, this.rules, { hideSuggestions: !this.options.introspection });
    if (errors.length > 0) return { errors: errors.map(validationError) };
    if (perRequest) this.pricedPerRequest.add(document);
    this.cache.add(key, document);
    return this.priced(document, variables);
  }

  /** The document, unless the pages this request asks for make it cost more than the limit. */
  private priced(document: DocumentNode, variables: Readonly<Record<string, unknown>> | null | undefined): Admission {
    if (!this.pricedPerRequest.has(document)) return { document };
    const measure = measureDocument(document, this.schema, variables ?? {});
    this.options.onMeasured?.(measure.work);
    const errors = limitErrors(measure, this.options.limits);
    return errors.length > 0 ? { errors } : { document };
  }
}

/** Introspection turned off: `__schema` and `__type` are refused (`__typename` is not introspection). */
const noIntrospection: ValidationRule = (context) => ({
  Field(field) {
    if (INTROSPECTION_ROOTS.has(field.name.value)) {
      context.reportError(new GraphQLError(`introspection is turned off on this server (CATCHUP_INTROSPECTION): ${field.name.value} is not answered`, { nodes: field }));
    }
  },
});

function tooLarge(bytes: number, maxBytes: number): Admission {
  return refused(`the document is ${bytes} bytes; the limit is ${maxBytes}`, "GRAPHQL_VALIDATION_FAILED");
}

function refused(message: string, code: string): Admission {
  return { errors: [new GraphQLError(message, { extensions: { code } })] };
}

/** A validation error as a client sees it: coded, and graphql-js's work budget running out said plainly. */
function validationError(error: GraphQLError): GraphQLError {
  if (error.message === "Validation aborted.") {
    return new GraphQLError("the document is too complex to validate: use fewer fragments and fewer repeated fields", { extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
  }
  return withCode(error, "GRAPHQL_VALIDATION_FAILED");
}

/** The error with an extensions.code (graphql-js leaves parse and validation errors uncoded). */
export function withCode(error: GraphQLError, code: string): GraphQLError {
  if (error.extensions?.code) return error;
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, extensions: { ...error.extensions, code } });
}

/** The key of a query text: its SHA-256, in hex, as Apollo computes it. */
export function queryHash(query: string): string {
  return createHash("sha256").update(query).digest("hex");
}

/**
 * Admitted documents by key, least recently used first out, bounded by the number of
 * entries and by the bytes of their texts (a parsed document takes tens of times its text
 * on the heap: the byte bound is what keeps a few large documents from pinning memory).
 */
export class DocumentCache {
  private readonly documents = new Map<string, { document: DocumentNode; bytes: number }>();
  private totalBytes = 0;

  constructor(
    private readonly maxEntries = 1000,
    private readonly maxBytes = 1024 * 1024,
  ) {}

  get(key: string): DocumentNode | undefined {
    const entry = this.documents.get(key);
    if (!entry) return undefined;
    this.documents.delete(key);
    this.documents.set(key, entry);
    return entry.document;
  }

  /** Keeps a document that passed validation (one larger than the whole budget is not kept). */
  add(key: string, document: DocumentNode): void {
    const bytes = document.loc?.source.body.length ?? 0;
    this.delete(key);
    if (bytes > this.maxBytes) return;
    this.documents.set(key, { document, bytes });
    this.totalBytes += bytes;
    while (this.documents.size > this.maxEntries || this.totalBytes > this.maxBytes) this.delete(this.documents.keys().next().value!);
  }

  delete(key: string): boolean {
    const entry = this.documents.get(key);
    if (!entry) return false;
    this.documents.delete(key);
    this.totalBytes -= entry.bytes;
    return true;
  }

  get size(): number {
    return this.documents.size;
  }

  /** Characters of the texts kept. */
  get bytes(): number {
    return this.totalBytes;
  }
}

/**
 * The cache as Apollo's `documentStore`, so that HTTP requests the gate admitted are
 * neither parsed nor validated again, and one bounded cache holds every document. Apollo's
 * keys are `<schema hash>:<query hash>`; a key of another shape misses, and Apollo then
 * parses and validates as it would without a store.
 */
export function apolloDocumentStore(cache: DocumentCache) {
  const hashOf = (key: string) => key.slice(key.lastIndexOf(":") + 1);
  return {
    async get(key: string): Promise<DocumentNode | undefined> {
      return cache.get(hashOf(key));
    },
    async set(key: string, document: DocumentNode): Promise<void> {
      cache.add(hashOf(key), document);
    },
    async delete(key: string): Promise<boolean> {
      return cache.delete(hashOf(key));
    },
  };
}
