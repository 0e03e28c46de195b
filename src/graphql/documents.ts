/**
 * How a GraphQL document is admitted, on HTTP and on graphql-ws alike: one gate, in this
 * order, each step bounded by what the previous one let through.
 *
 * 1. size: at most `maxBytes` of text (comments are not tokens: only this bounds them);
 * 2. parse: graphql-js's own `maxTokens` stops the lexer early;
 * 3. measure (./document-measure.ts): depth, cost, width, repeats, aliases and directives,
 *    in one pass linear in the document whatever its shape (each fragment measured once);
 * 4. validate: graphql-js's rules (and NoIntrospection when introspection is off), only
 *    for documents that passed 1–3, so that none of its rules sees more than the limits
 *    allow (OverlappingFieldsCanBeMerged compares each pair of same-named fields in a
 *    selection set: the width and repeats limits bound it).
 *
 * Admitted documents are kept by the SHA-256 of their text (as Apollo keys its document
 * store, which is this cache too: see `apolloDocumentStore`), bounded by entries and by the
 * bytes of their texts. Refusals are GRAPHQL_PARSE_FAILED or GRAPHQL_VALIDATION_FAILED with
 * a message that says what to change.
 */
import { createHash } from "node:crypto";
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from "graphql";
import type { DocumentLimits } from "../config.js";
import { INTROSPECTION_ROOTS, INTROSPECTION_STEPS, limitErrors, measureDocument } from "./document-measure.js";
import { Lru } from "../core/lru.js";

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
  /** How the measure counts introspection (see measureDocument). */
  private readonly introspection: { budget: number } | "refused";
  /** Admitted documents whose cost depends on their page variables. */
  private readonly pricedPerRequest = new WeakSet<DocumentNode>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly options: GateOptions,
  ) {
    this.cache = new DocumentCache(options.cacheEntries, options.cacheBytes);
    this.rules = options.introspection ? specifiedRules : [...specifiedRules, noIntrospection];
    this.introspection = options.introspection ? { budget: Math.min(options.limits.maxCost, INTROSPECTION_STEPS) } : "refused";
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
    const measure = measureDocument(document, this.schema, undefined, this.introspection);
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
    const measure = measureDocument(document, this.schema, variables ?? {}, this.introspection);
    this.options.onMeasured?.(measure.work);
    const errors = limitErrors(measure, this.options.limits);
    return errors.length > 0 ? { errors } : { document };
  }
}

/** Introspection turned off: `__schema` and `__type` are refused (`__typename` is not introspection). */
const noIntrospection: ValidationRule = (context) => ({
  Field(field) {
    if (INTROSPECTION_ROOTS.has(field.name.value)) {
      context.reportError(
        new GraphQLError(`introspection is turned off on this server (CATCHUP_INTROSPECTION): ${field.name.value} is not answered`, {
          nodes: field,
        }),
      );
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
    return new GraphQLError("the document is too complex to validate: use fewer fragments and fewer repeated fields", {
      extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
    });
  }
  return withCode(error, "GRAPHQL_VALIDATION_FAILED");
}

/** The error with an extensions.code (graphql-js leaves parse and validation errors uncoded). */
export function withCode(error: GraphQLError, code: string): GraphQLError {
  if (error.extensions?.code) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: { ...error.extensions, code },
  });
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
  private readonly documents: Lru<string, DocumentNode>;

  constructor(maxEntries = 1000, maxBytes = 1024 * 1024) {
    this.documents = new Lru({ maxEntries, maxWeight: maxBytes, weigh: (document) => document.loc?.source.body.length ?? 0 });
  }

  get(key: string): DocumentNode | undefined {
    return this.documents.get(key);
  }

  /** Keeps a document that passed validation (one larger than the whole budget is not kept). */
  add(key: string, document: DocumentNode): void {
    this.documents.set(key, document);
  }

  delete(key: string): boolean {
    return this.documents.delete(key);
  }

  get size(): number {
    return this.documents.size;
  }

  /** Characters of the texts kept. */
  get bytes(): number {
    return this.documents.weight;
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
