/**
 * Limits on what one request may ask for, checked before anything runs:
 *
 * - depth: how deeply selections nest (fragments followed);
 * - cost: every field costs 1, times the page it is asked on — a field under `first: 50`
 *   counts 50 times (a page size given by a variable counts as the largest page, 100);
 * - inputs: strings (length, no NUL), ids and lists in arguments (`inputLimits`, a resolver
 *   middleware on the root fields, where variable values are known).
 *
 * Refusals are GRAPHQL_VALIDATION_FAILED (depth, cost) or BAD_USER_INPUT (inputs) with a
 * message that says what to change.
 */
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from "graphql";
import type { MiddlewareFn } from "type-graphql";
import type { QueryLimits } from "../config.js";
import { ValidationError } from "../core/errors.js";
import { MAX_PAGE_SIZE } from "./pagination.js";

/** Arguments that size a page: the cost of what is under them is multiplied by their value. */
const PAGE_ARGUMENTS = new Set(["first", "awaitingFirst"]);

export const MAX_STRING_LENGTH = 1000;
export const MAX_ID_LENGTH = 128;
export const MAX_LIST_LENGTH = 100;

function refuse(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
}

/** A validation rule enforcing `limits` on each operation of a document. */
export function queryLimitsRule(limits: QueryLimits) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }

    /** Depth and cost of a selection set, each field counted `multiplier` times. */
    const measure = (set: SelectionSetNode, multiplier: number, seen: ReadonlySet<string>): { depth: number; cost: number } => {
      let depth = 0;
      let cost = 0;
      for (const selection of set.selections) {
        let inner: { depth: number; cost: number };
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value.startsWith("__")) continue; // introspection: answered from the schema, bounded by it
          const sub = selection.selectionSet ? measure(selection.selectionSet, multiplier * pageOf(selection), seen) : { depth: 0, cost: 0 };
          inner = { depth: 1 + sub.depth, cost: multiplier + sub.cost };
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          inner = measure(selection.selectionSet, multiplier, seen);
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          if (!fragment || seen.has(name)) continue; // unknown or cyclic: other rules report it
          inner = measure(fragment.selectionSet, multiplier, new Set([...seen, name]));
        }
        depth = Math.max(depth, inner.depth);
        cost += inner.cost;
        if (cost > limits.maxCost) return { depth, cost }; // no need to count further
      }
      return { depth, cost };
    };

    return {
      OperationDefinition(operation: OperationDefinitionNode) {
        const { depth, cost } = measure(operation.selectionSet, 1, new Set());
        const name = operation.name ? ` ${operation.name.value}` : "";
        if (depth > limits.maxDepth) {
          context.reportError(refuse(`operation${name} is nested ${depth} levels deep; the limit is ${limits.maxDepth}`));
        }
        if (cost > limits.maxCost) {
          context.reportError(
            refuse(`operation${name} may select ${cost > 1e9 ? "over a billion" : cost} fields (page sizes multiplied); the limit is ${limits.maxCost}: ask for smaller pages or fewer fields`),
          );
        }
      },
    };
  };
}

/** The page a field asks for: its literal `first`, the largest page for a variable, else 1. */
function pageOf(field: FieldNode): number {
  const argument = field.arguments?.find((candidate) => PAGE_ARGUMENTS.has(candidate.name.value));
  if (!argument) return 1;
  if (argument.value.kind === Kind.INT) return Math.max(1, Math.min(Number(argument.value.value), MAX_PAGE_SIZE));
  return MAX_PAGE_SIZE;
}

/**
 * Resolver middleware for the root resolver classes (`@UseMiddleware(inputLimits)`): bounds
 * the strings, ids and lists in their arguments. (GraphQL's own coercion has already refused
 * wrong types and out-of-range Ints.) Not a global middleware: type-graphql would then wrap
 * every scalar field of every result in it (customerOrders(first: 50) fell from 417 to 304
 * requests/s that way).
 */
export const inputLimits: MiddlewareFn = ({ args }, next) => {
  check(args, "");
  return next();
};

function check(value: unknown, path: string): void {
  if (typeof value === "string") {
    const field = path.split(".").at(-1)!.replace(/\[\d+\]$/, "");
    const isId = field === "id" || field.endsWith("Id");
    const max = isId ? MAX_ID_LENGTH : MAX_STRING_LENGTH;
    if (value.length > max) throw new ValidationError(`${path} must be at most ${max} characters`, { field: path });
    // PostgreSQL text and jsonb cannot hold NUL: refuse it here rather than fail in the database.
    if (value.includes("\u0000")) throw new ValidationError(`${path} must not contain NUL characters`, { field: path });
  } else if (Array.isArray(value)) {
    if (value.length > MAX_LIST_LENGTH) throw new ValidationError(`${path} must have at most ${MAX_LIST_LENGTH} entries`, { field: path });
    value.forEach((item, index) => check(item, `${path}[${index}]`));
  } else if (typeof value === "object" && value !== null && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) check(item, path ? `${path}.${key}` : key);
  }
}
