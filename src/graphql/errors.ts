/**
 * Every error a client sees passes through here. Catchup's typed errors keep their message
 * and get their `extensions.code`; GraphQL's own request errors (syntax, validation, bad
 * variables) pass as Apollo or the document gate coded them; a lost database connection is SERVICE_UNAVAILABLE
 * (retryable); anything else is INTERNAL_SERVER_ERROR with a
 * generic message, unless CATCHUP_DEBUG_ERRORS=1. No stack trace or SQL ever leaves.
 */
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { CatchupError, codeOf } from "../core/errors.js";

/** Codes of request errors that are safe to show as they are. */
const CLIENT_ERROR_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "TOO_MANY_SUBSCRIPTIONS",
]);

/**
 * What a client is told about an error: its code, and the error it came from. `given` is the
 * code the error already carries (Apollo's, for request errors). The formatter and the
 * request log both go by this.
 */
function classify(error: unknown, given: unknown): { code: string; original: unknown } {
  const original = unwrapResolverError(error);
  const known = codeOf(original);
  if (known !== "INTERNAL_SERVER_ERROR") return { code: known, original };
  // graphql-js's own refusal of a request before anything runs (a variable of the wrong
  // type, too many such, no operation to run): no path, no code of its own, and nothing but
  // graphql-js's errors underneath. Apollo codes most of these BAD_USER_INPUT on HTTP (and
  // the rest INTERNAL_SERVER_ERROR); over graphql-ws they arrive uncoded.
  if (
    error instanceof GraphQLError &&
    error.extensions?.code === undefined &&
    !error.path &&
    (!error.originalError || error.originalError instanceof GraphQLError)
  ) {
    return { code: "BAD_USER_INPUT", original };
  }
  const isRequestError =
    typeof given === "string" && CLIENT_ERROR_CODES.has(given) && (original === error || original instanceof GraphQLError);
  return { code: isRequestError ? given : "INTERNAL_SERVER_ERROR", original };
}

/** graphql-js's "Did you mean …?" hints name fields, types and values of the schema. */
const SUGGESTION = / ?Did you mean(.+?)\?$/;

/**
 * `hideSuggestions` (introspection off): client errors lose graphql-js's hints, which
 * would reveal the schema piece by piece.
 */
export function createErrorFormatter(options: { debug: boolean; log: (error: unknown) => void; hideSuggestions?: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const { code, original } = classify(error, formatted.extensions?.code);
    const { locations, path } = formatted;
    if (original instanceof CatchupError) {
      return { message: original.message, locations, path, extensions: { ...original.details, code } };
    }
    if (code === "SERVICE_UNAVAILABLE") {
      options.log(original);
      return {
        message: "the database is unavailable right now; retry shortly (a mutation with the same commandId is applied at most once)",
        locations,
        path,
        extensions: { code },
      };
    }
    if (code !== "INTERNAL_SERVER_ERROR") {
      const message = options.hideSuggestions ? formatted.message.replace(SUGGESTION, "") : formatted.message;
      return { message: cut(message), locations, path, extensions: { code } };
    }
    options.log(original);
    return {
      message: options.debug && original instanceof Error ? original.message : "Internal server error",
      locations,
      path,
      extensions: { code },
    };
  };
}

/** The extensions.code a client sees for an error (as the formatter above decides it). */
export function errorCode(error: unknown): string {
  return classify(error, error instanceof GraphQLError ? error.extensions?.code : undefined).code;
}

/**
 * The longest message a client is sent for graphql-js's own errors: they quote what the
 * client sent (a variable's invalid value whole: 900 KB in, 1.8 MB back). Past it, the
 * middle is cut.
 */
export const MAX_MESSAGE_LENGTH = 1000;

function cut(message: string): string {
  if (message.length <= MAX_MESSAGE_LENGTH) return message;
  const half = MAX_MESSAGE_LENGTH / 2;
  return `${message.slice(0, half)}… (${message.length - MAX_MESSAGE_LENGTH} characters cut) …${message.slice(-half)}`;
}
