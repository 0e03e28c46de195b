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
  GraphQLError,
  Kind,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationRule,
} from "graphql";
import type { DocumentLimits } from "../config.js";
import { MAX_PAGE_SIZE } from "./pagination.js";

/** Arguments that size a page: the cost of what is under them is multiplied by their value. */
const PAGE_ARGUMENTS = new Set(["first", "last", "awaitingFirst"]);

export interface OperationMeasure {
  name: string | null;
  /** Deepest nesting of fields. */
  depth: number;
  /** Fields selected, page sizes multiplied (may be Infinity for absurd documents). */
  cost: number;
}

export interface DocumentMeasure {
  operations: OperationMeasure[];
  /** Most fields in one selection set, fragments expanded (over every selection set of the document). */
  width: number;
  aliases: number;
  directives: number;
  /** Selections examined: at most the document's selections plus its fragment spreads. */
  work: number;
}

interface Size {
  depth: number;
  cost: number;
  width: number;
}

const NOTHING: Size = { depth: 0, cost: 0, width: 0 };

/**
 * Introspection's own nesting does not count towards depth: a type reference nests `ofType`
 * seven levels deep in every client's introspection query. It still counts towards cost,
 * and graphql-js's MaxIntrospectionDepthRule bounds its nesting of fields and types.
 */
const INTROSPECTION_ROOTS = new Set(["__schema", "__type"]);

/**
 * Measures a parsed document in one pass: every selection set is examined once, and each
 * fragment once however often it is spread (its size is remembered), so the work is linear
 * in the document. Every field counts towards cost, `__typename` and introspection fields
 * included (see INTROSPECTION_ROOTS for depth). A fragment spread inside its own definition
 * (a cycle, refused by validation) counts as nothing.
 */
export function measureDocument(document: DocumentNode): DocumentMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const sizes = new Map<string, Size | "measuring">();
  let width = 0;
  let aliases = 0;
  let directives = 0;
  let work = 0;

  const fragmentSize = (name: string): Size => {
    const known = sizes.get(name);
    if (known === "measuring") return NOTHING;
    if (known) return known;
    const fragment = fragments.get(name);
    if (!fragment) return NOTHING; // unknown: validation reports it
    sizes.set(name, "measuring");
    directives += fragment.directives?.length ?? 0;
    const size = setSize(fragment.selectionSet);
    sizes.set(name, size);
    return size;
  };

  /** Depth, cost (at one item per page) and width of a selection set. */
  const setSize = (set: SelectionSetNode): Size => {
    let depth = 0;
    let cost = 0;
    let fields = 0;
    for (const selection of set.selections) {
      work++;
      directives += selection.directives?.length ?? 0;
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases++;
        const inner = selection.selectionSet ? setSize(selection.selectionSet) : NOTHING;
        depth = Math.max(depth, 1 + (INTROSPECTION_ROOTS.has(selection.name.value) ? 0 : inner.depth));
        cost += 1 + pageOf(selection) * inner.cost;
        fields++;
      } else {
        const inner = selection.kind === Kind.INLINE_FRAGMENT ? setSize(selection.selectionSet) : fragmentSize(selection.name.value);
        depth = Math.max(depth, inner.depth);
        cost += inner.cost;
        fields += inner.width;
      }
    }
    width = Math.max(width, fields);
    return { depth, cost, width: fields };
  };

  const operations: OperationMeasure[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    directives += definition.directives?.length ?? 0;
    for (const variable of definition.variableDefinitions ?? []) directives += variable.directives?.length ?? 0;
    const { depth, cost } = setSize(definition.selectionSet);
    operations.push({ name: definition.name?.value ?? null, depth, cost });
  }
  // Fragments no operation spreads are still validated: their width matters as much.
  for (const name of fragments.keys()) fragmentSize(name);
  return { operations, width, aliases, directives, work };
}

/** The page a field asks for: its literal page argument, the largest page for a variable, else 1. */
function pageOf(field: FieldNode): number {
  const argument = field.arguments?.find((candidate) => PAGE_ARGUMENTS.has(candidate.name.value));
  if (!argument) return 1;
  if (argument.value.kind === Kind.INT) return Math.max(1, Math.min(Number(argument.value.value), MAX_PAGE_SIZE));
  return MAX_PAGE_SIZE;
}

/** What a measured document breaks of `limits`, as client errors (none when it fits). */
export function limitErrors(measure: DocumentMeasure, limits: DocumentLimits): GraphQLError[] {
  const errors: string[] = [];
  for (const { name, depth, cost } of measure.operations) {
    const operation = `operation${name ? ` ${name}` : ""}`;
    if (depth > limits.maxDepth) errors.push(`${operation} is nested ${depth} levels deep; the limit is ${limits.maxDepth}`);
    if (cost > limits.maxCost) {
      errors.push(`${operation} may select ${cost > 1e9 ? "over a billion" : cost} fields (page sizes multiplied); the limit is ${limits.maxCost}: ask for smaller pages or fewer fields`);
    }
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

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly options: GateOptions,
  ) {
    this.cache = new DocumentCache(options.cacheEntries, options.cacheBytes);
    this.rules = options.introspection ? specifiedRules : [...specifiedRules, noIntrospection];
  }

  admit(query: string): Admission {
    const { limits } = this.options;
    // Every UTF-16 unit is at least a byte: a text this long is too large, whatever it holds
    // (and is not worth hashing).
    if (query.length > limits.maxBytes) return tooLarge(Buffer.byteLength(query), limits.maxBytes);
    const key = queryHash(query);
    const known = this.cache.get(key);
    if (known) return { document: known };
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
    const measure = measureDocument(document);
    this.options.onMeasured?.(measure.work);
    const overLimits = limitErrors(measure, limits);
    if (overLimits.length > 0) return { errors: overLimits };
    const errors = validate(this.schema, document, this.rules, { hideSuggestions: !this.options.introspection });
    if (errors.length > 0) return { errors: errors.map(validationError) };
    this.cache.add(key, document);
    return { document };
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
