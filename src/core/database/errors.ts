/**
 * Database errors: the error for a database that cannot be opened, and which errors mean a
 * lost or refused connection rather than a failed statement.
 */

export class DatabaseError extends Error {
  override name = "DatabaseError";
}

/** SQLSTATEs of a lost or refused connection: 08xxx, admin/crash shutdown, cannot connect now, too many connections. */
const CONNECTION_STATES = /^(08...|57P01|57P02|57P03|53300)$/;
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "P1001",
  "P1002",
  "P1017",
]);
const CONNECTION_MESSAGES =
  /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect|terminating connection|server closed the connection|Can't reach database server|the database system is (starting up|shutting down|in recovery)/i;

/**
 * Whether an error means the database could not be reached (a lost or refused connection,
 * a server restarting), rather than that the statement itself failed. Such errors are
 * transient: the work may be retried once the database is back. Looks through the causes
 * that drivers and Prisma wrap errors in.
 */
export function isConnectionError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 6; depth++) {
    if (current instanceof AggregateError && current.errors.some(isConnectionError)) return true;
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown; originalCode?: unknown };
    for (const code of [candidate.code, candidate.originalCode]) {
      if (typeof code === "string" && (CONNECTION_STATES.test(code) || CONNECTION_CODES.has(code))) return true;
    }
    if (typeof candidate.message === "string" && CONNECTION_MESSAGES.test(candidate.message)) return true;
    current = candidate.cause;
  }
  return false;
}

/** An error as a short text (its code when it has one), for the message of a DatabaseError. */
export function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.message;
  return String(error);
}

/**
 * The SQLSTATE of a database error: a driver's error carries it as `code`; Prisma wraps
 * driver adapter errors as `meta.driverAdapterError.cause = { kind: "postgres", code }`.
 */
export function sqlState(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const record = current as {
      kind?: unknown;
      code?: unknown;
      severity?: unknown;
      meta?: { driverAdapterError?: unknown };
      cause?: unknown;
    };
    if (record.kind === "postgres" && typeof record.code === "string") return record.code;
    // A driver's own error (pg, PGlite), from statements sent past Prisma.
    if (typeof record.severity === "string" && typeof record.code === "string") return record.code;
    current = record.meta?.driverAdapterError ?? record.cause;
  }
  return undefined;
}
