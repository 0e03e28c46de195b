/** Relay-style cursor pagination: opaque cursors, bounded page sizes, PageInfo. */
import "reflect-metadata";
import { Field, ObjectType } from "type-graphql";
import { ValidationError } from "../core/errors.js";
import { MAX_STRING_LENGTH } from "./limits.js";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ObjectType({ description: "Relay page info. Pages go forward only (`first`/`after`)." })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: "Whether this page started after a cursor." })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "Pass as `after` for the next page." })
  endCursor!: string | null;
}

/** PageInfo of a forward page of edges. */
export function pageInfo(edges: readonly { cursor: string }[], hasNextPage: boolean, after: string | null | undefined): PageInfo {
  return { hasNextPage, hasPreviousPage: after != null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null };
}

export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new ValidationError(`first must be from 1 to ${MAX_PAGE_SIZE}`, { field: "first" });
  }
  return size;
}

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** What a cursor holds: text, or an instant (written as an ISO timestamp). */
export type CursorShape = Record<string, "text" | "instant">;
type Decoded<S extends CursorShape> = { [K in keyof S]: S[K] extends "instant" ? Date : string };

/** The instants a cursor may name: what PostgreSQL's timestamptz and an ISO string both hold. */
const EARLIEST = Date.parse("0001-01-01T00:00:00Z");
const LATEST = Date.parse("9999-12-31T23:59:59.999Z");

/**
 * Decodes a cursor made by encodeCursor into exactly `shape`: text that PostgreSQL can
 * hold (no NUL, whole UTF-16 pairs, at most 1,000 characters), instants within years 1 to
 * 9999. Anything else (a forged or mangled cursor) is BAD_USER_INPUT, never a database error.
 */
export function decodeCursor<S extends CursorShape>(cursor: string | null | undefined, shape: S): Decoded<S> | null {
  if (cursor == null) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    value = undefined;
  }
  const decoded =
    typeof value === "object" && value !== null && !Array.isArray(value) ? fit(value as Record<string, unknown>, shape) : null;
  if (!decoded) throw new ValidationError("after is not a cursor this field returned", { field: "after" });
  return decoded;
}

function fit<S extends CursorShape>(value: Record<string, unknown>, shape: S): Decoded<S> | null {
  if (Object.keys(value).length !== Object.keys(shape).length) return null;
  const decoded: Record<string, string | Date> = {};
  for (const [key, kind] of Object.entries(shape)) {
    const field = value[key];
    if (typeof field !== "string" || field.length > MAX_STRING_LENGTH || field.includes("\u0000") || !field.isWellFormed()) return null;
    if (kind === "text") {
      decoded[key] = field;
    } else {
      const time = Date.parse(field);
      if (!(time >= EARLIEST && time <= LATEST)) return null;
      decoded[key] = new Date(time);
    }
  }
  return decoded as Decoded<S>;
}
