/**
 * Descriptions of the arguments many fields share (minPosition, minVersion, consistent,
 * first): written once, so that each field says the same true thing, naming its own
 * read models and page sizes. A schema test holds that every argument has one.
 */
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./pagination.js";

/** "A", "A and B", "A, B and C". */
function names(projections: readonly string[]): string {
  return projections.length <= 1 ? projections.join("") : `${projections.slice(0, -1).join(", ")} and ${projections.at(-1)}`;
}

/** A read's `minPosition`: the read waits until these projections have applied it. */
export function minPositionDescription(...projections: string[]): string {
  return (
    `Read only once ${names(projections)} ${projections.length > 1 ? "have" : "has"} applied every event up to this position ` +
    "(a mutation's `position`). CONSISTENCY_TIMEOUT (with currentPosition in extensions) after the server's consistency timeout " +
    "(5 s by default); PROJECTION_FAILED at once if the projection failed short of it; BAD_USER_INPUT at once for a position " +
    "beyond the log's head (no write has reached it)."
  );
}

/** A by-id read's `minVersion`: the read waits until its row reflects that stream version. */
export function minVersionDescription(stream: string): string {
  return (
    `Read only once the row reflects at least this version of the ${stream} stream (a mutation's \`version\`). ` +
    "CONSISTENCY_TIMEOUT when it does not in time, as for a missing row or one the caller may not read; " +
    "PROJECTION_FAILED at once if the projection has failed."
  );
}

/** A by-id read's `consistent`: fold the event stream instead of reading the projection. */
export function consistentDescription(stream: string): string {
  return (
    `true: read the ${stream}'s event stream now instead of the projection, so the answer includes every committed write; ` +
    "minPosition and minVersion are then ignored. Slower for a long stream. Default false."
  );
}

/** A page's `first`, with the default of its field. */
export function firstDescription(defaultSize: number = DEFAULT_PAGE_SIZE): string {
  return `How many items to return: 1 to ${MAX_PAGE_SIZE}, default ${defaultSize}. BAD_USER_INPUT outside that range.`;
}
