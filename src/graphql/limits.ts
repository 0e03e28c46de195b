/**
 * Limits on argument values, checked where variable values are known: strings (length, no
 * NUL, well-formed Unicode), ids and lists. (GraphQL's own coercion has already refused
 * wrong types and out-of-range Ints; what a whole document may ask for is bounded before
 * it runs, in ./documents.ts.) Refusals are BAD_USER_INPUT with a message that says what
 * to change.
 */
import type { MiddlewareFn } from "type-graphql";
import { ValidationError } from "../core/errors.js";

export const MAX_STRING_LENGTH = 1000;
export const MAX_ID_LENGTH = 128;
export const MAX_LIST_LENGTH = 100;

/**
 * Resolver middleware for the root resolver classes (`@UseMiddleware(inputLimits)`): bounds
 * the strings, ids and lists in their arguments. Not a global middleware: type-graphql would then wrap
 * every scalar field of every result in it (customerOrders(first: 50) fell from 417 to 304
 * requests/s that way).
 */
export const inputLimits: MiddlewareFn = ({ args }, next) => {
  checkArguments(args);
  return next();
};

/**
 * The same checks, for a subscription's `subscribe` (which resolver middleware does not
 * reach): throws BAD_USER_INPUT naming the argument.
 */
export function checkArguments(args: Record<string, unknown>): void {
  check(args, "");
}

function check(value: unknown, path: string): void {
  if (typeof value === "string") {
    const field = path
      .split(".")
      .at(-1)!
      .replace(/\[\d+\]$/, "");
    const isId = field === "id" || field.endsWith("Id");
    const max = isId ? MAX_ID_LENGTH : MAX_STRING_LENGTH;
    if (value.length > max) throw new ValidationError(`${path} must be at most ${max} characters`, { field: path });
    // PostgreSQL text and jsonb hold neither NUL nor half a UTF-16 surrogate pair: refuse
    // them here rather than fail in the database.
    if (value.includes("\u0000")) throw new ValidationError(`${path} must not contain NUL characters`, { field: path });
    if (!value.isWellFormed())
      throw new ValidationError(`${path} must be valid Unicode (it holds a lone UTF-16 surrogate)`, { field: path });
  } else if (Array.isArray(value)) {
    if (value.length > MAX_LIST_LENGTH) throw new ValidationError(`${path} must have at most ${MAX_LIST_LENGTH} entries`, { field: path });
    value.forEach((item, index) => check(item, `${path}[${index}]`));
  } else if (typeof value === "object" && value !== null && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) check(item, path ? `${path}.${key}` : key);
  }
}
