/**
 * Typed errors of the write and read sides. Each carries the GraphQL `extensions.code`
 * a client sees; src/graphql/errors.ts maps them in one place. Anything that is not a
 * CatchupError is an internal error and is never shown to a client as is.
 */

import { isConnectionError } from "./database/errors.js";

export type ErrorCode =
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "INSUFFICIENT_FUNDS"
  | "INVALID_STATE"
  | "CONCURRENCY_CONFLICT"
  | "DUPLICATE"
  | "CONSISTENCY_TIMEOUT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "SERVICE_UNAVAILABLE"
  | "PROJECTION_FAILED";

export abstract class CatchupError extends Error {
  abstract readonly code: ErrorCode;
  /** Safe, structured details for the client (no internals). */
  readonly details: Record<string, unknown>;

  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

/** The input is malformed or violates a rule that needs no state to check. */
export class ValidationError extends CatchupError {
  readonly code = "BAD_USER_INPUT";
}

export class NotFoundError extends CatchupError {
  readonly code = "NOT_FOUND";
}

/** The command is not allowed in the aggregate's current state. */
export class InvalidStateError extends CatchupError {
  readonly code = "INVALID_STATE";
}

export class InsufficientFundsError extends CatchupError {
  readonly code = "INSUFFICIENT_FUNDS";
}

export class DuplicateError extends CatchupError {
  readonly code = "DUPLICATE";
}

/** The stream moved past the version the command was decided on. */
export class ConcurrencyError extends CatchupError {
  readonly code = "CONCURRENCY_CONFLICT";
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion?: number,
  ) {
    super(
      `stream ${streamId} is not at the expected version ${expectedVersion}` +
        (actualVersion === undefined ? "" : ` (it is at ${actualVersion})`),
      { streamId, expectedVersion, ...(actualVersion === undefined ? {} : { actualVersion }) },
    );
  }
}

/** A read model did not reach the requested position or version in time. */
export class ConsistencyTimeoutError extends CatchupError {
  readonly code = "CONSISTENCY_TIMEOUT";
}

/**
 * A read model the read waits on has failed (stopped at an event it could not apply): it
 * will not get there until it is fixed and rebuilt, so the read is answered at once.
 */
export class ProjectionFailedError extends CatchupError {
  readonly code = "PROJECTION_FAILED";
}

/** No valid credentials: the caller must present a token. */
export class UnauthenticatedError extends CatchupError {
  readonly code = "UNAUTHENTICATED";
}

/** The caller is known but may not do this (or see this). */
export class ForbiddenError extends CatchupError {
  readonly code = "FORBIDDEN";
}

/** Nothing here can do it right now (no instance runs the projection, say); a retry may succeed. */
export class ServiceUnavailableError extends CatchupError {
  readonly code = "SERVICE_UNAVAILABLE";
}

/**
 * The code an error goes by in metrics, logs and a client's `extensions.code`: a
 * CatchupError's own, SERVICE_UNAVAILABLE for a lost database (retryable), and
 * INTERNAL_SERVER_ERROR for anything else.
 */
export function codeOf(error: unknown): ErrorCode | "INTERNAL_SERVER_ERROR" {
  if (error instanceof CatchupError) return error.code;
  return isConnectionError(error) ? "SERVICE_UNAVAILABLE" : "INTERNAL_SERVER_ERROR";
}
