/** Relay-style cursor pagination: opaque cursors, bounded page sizes, PageInfo. */
import "reflect-metadata";
import { createHash } from "node:crypto";
import type { GraphQLResolveInfo } from "graphql";
import { ArgsType, Field, Int, ObjectType } from "type-graphql";
import { ValidationError } from "../core/errors.js";
import type { KeysetPage, KeysetRequest } from "../core/projection-helpers/keyset.js";
import { MAX_STRING_LENGTH } from "./limits.js";
import { PagedBy } from "./list-size.js";
import { selects } from "./selection.js";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** The page arguments of a connection: a `PagedBy` list under it is sized by whichever is given. */
export const PAGE_ARGUMENTS = ["first", "last"] as const;

/** Declares a connection's `edges` (or `nodes`): as many items as the page asks for. */
export const ConnectionList = () => PagedBy(PAGE_ARGUMENTS, DEFAULT_PAGE_SIZE);

@ObjectType({ description: "Where a page of a connection lies in the whole list (Relay's PageInfo)." })
export class PageInfo {
  @Field(() => Boolean, { description: "Whether rows follow this page: pass `endCursor` as `after` for them." })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: "Whether rows precede this page: pass `startCursor` as `before` for them." })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "The cursor of the page's first edge (null for an empty page)." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "The cursor of the page's last edge (null for an empty page)." })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `The first this many rows (after \`after\`): 1 to ${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} when neither first nor last is given.`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "The cursor of an edge: the page starts after it. Goes with `first`." })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `The last this many rows (before \`before\`): 1 to ${MAX_PAGE_SIZE}.` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: "The cursor of an edge: the page ends before it. Goes with `last`." })
  before?: string | null;
}

/** Whether a connection's `totalCount` is selected: counting every row is skipped when it is not. */
export function counts(info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">): boolean {
  return selects(info.fieldNodes, "totalCount", info.fragments);
}

/**
 * An instant argument as the database can hold it (years 1 to 9999, as cursors are checked);
 * BAD_USER_INPUT otherwise. Null stays null.
 */
export function storableInstant(value: Date | null | undefined, field: string): Date | null {
  if (value == null) return null;
  const time = value.getTime();
  if (!(time >= EARLIEST && time <= LATEST)) throw new ValidationError(`${field} must be within the years 1 to 9999`, { field });
  return value;
}

/** What a page request asks for: its size, its direction and its cursor, decoded into `shape`. */
export interface PageRequest<S extends CursorShape> {
  size: number;
  backward: boolean;
  cursor: Decoded<S> | null;
}

/**
 * Which list a cursor belongs to: the field's name and what narrows it (a customer, a filter,
 * a search). A cursor is valid only in the list that made it: a cursor of one search is no
 * cursor for another.
 */
export function listScope(field: string, ...narrowedBy: unknown[]): string {
  if (narrowedBy.length === 0) return field;
  return `${field}:${createHash("sha256").update(JSON.stringify(narrowedBy)).digest("base64url").slice(0, 16)}`;
}

/**
 * The page `args` ask for: `first`/`after` forward (the default, 20 rows), `last`/`before`
 * backward. Mixing the two directions, or a cursor this list (`scope`) did not make, is
 * BAD_USER_INPUT.
 */
export function pageRequest<S extends CursorShape>(args: PageArgs, shape: S, scope: string): PageRequest<S> {
  const backward = args.last != null || args.before != null;
  if (backward && (args.first != null || args.after != null)) {
    throw new ValidationError("give first/after or last/before, not both", { field: args.last != null ? "last" : "before" });
  }
  const size = backward ? sizeOf(args.last, "last") : sizeOf(args.first, "first");
  const cursor = backward ? decodeCursor(args.before, shape, scope, "before") : decodeCursor(args.after, shape, scope, "after");
  return { size, backward, cursor };
}

/**
 * The page request of a list whose order depends on what it finds (a search ranks few
 * matches, lists many newest first): a cursor carries its order as its shape, so a page
 * after it keeps the order of the page it came from. `shape` is the shape the cursor has,
 * null without a cursor (the list decides).
 */
export function pageRequestOf<S extends CursorShape>(
  args: PageArgs,
  shapes: readonly [S, ...S[]],
  scope: string,
): { page: PageRequest<S>; shape: S | null } {
  let refused: unknown;
  for (const shape of shapes) {
    try {
      const page = pageRequest(args, shape, scope);
      return { page, shape: page.cursor ? shape : null };
    } catch (error) {
      refused = error;
    }
  }
  throw refused;
}

/** The keyset request of a page request: the cursor's values in the order of `shape`'s keys. */
export function keysetRequest<S extends CursorShape>(page: PageRequest<S>, shape: S): KeysetRequest {
  return { size: page.size, backward: page.backward, cursor: page.cursor && Object.keys(shape).map((key) => page.cursor![key]) };
}

/**
 * A connection's edges and PageInfo, from a keyset page of list `scope` and each row's node
 * and cursor values. A row without a node (one its view has not reached yet) leaves no edge,
 * but the page's cursors are its rows', so paging goes on past it.
 */
export function connectionOf<Row, Node, S extends CursorShape>(
  page: KeysetPage<Row>,
  shape: S,
  scope: string,
  cursorOf: (row: Row) => Decoded<S>,
  nodeOf: (row: Row) => Node | null,
): { edges: { cursor: string; node: Node }[]; pageInfo: PageInfo; totalCount: number } {
  const cursors = page.rows.map((row) => encodeCursor(scope, cursorOf(row), shape));
  const edges = page.rows.flatMap((row, index) => {
    const node = nodeOf(row);
    return node === null ? [] : [{ cursor: cursors[index]!, node }];
  });
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: cursors[0] ?? null,
      endCursor: cursors.at(-1) ?? null,
    },
    totalCount: page.totalCount,
  };
}

function sizeOf(value: number | null | undefined, field: "first" | "last"): number {
  const size = value ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new ValidationError(`${field} must be from 1 to ${MAX_PAGE_SIZE}`, { field });
  }
  return size;
}

export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new ValidationError(`first must be from 1 to ${MAX_PAGE_SIZE}`, { field: "first" });
  }
  return size;
}

/** A cursor: the list it belongs to and the row's key values (instants as ISO text), opaque to clients. */
export function encodeCursor<S extends CursorShape>(scope: string, values: Decoded<S>, shape: S): string {
  const written: Record<string, string> = { [SCOPE]: scope };
  for (const key of Object.keys(shape)) {
    const value = values[key] as string | Date;
    written[key] = value instanceof Date ? value.toISOString() : value;
  }
  return Buffer.from(JSON.stringify(written)).toString("base64url");
}

/** The key of a cursor's list, beside its values. */
const SCOPE = "@";

/** What a cursor holds: text, an instant (written as an ISO timestamp), a real number or a non-negative int (as decimal text). */
export type CursorShape = Record<string, "text" | "instant" | "real" | "int">;
export type Decoded<S extends CursorShape> = { [K in keyof S]: S[K] extends "instant" ? Date : string };

/** A real as PostgreSQL prints one (a float4 rank): what a cursor may carry back to it. */
const REAL = /^-?\d{1,20}(\.\d{1,20})?(e[-+]?\d{1,2})?$/i;

/** The instants a cursor may name: what PostgreSQL's timestamptz and an ISO string both hold. */
const EARLIEST = Date.parse("0001-01-01T00:00:00Z");
const LATEST = Date.parse("9999-12-31T23:59:59.999Z");

/**
 * Decodes a cursor made by encodeCursor for list `scope` into exactly `shape`: text that
 * PostgreSQL can hold (no NUL, whole UTF-16 pairs, at most 1,000 characters), instants within
 * years 1 to 9999. Anything else (another list's cursor, a forged or mangled one) is
 * BAD_USER_INPUT, never a database error.
 */
export function decodeCursor<S extends CursorShape>(
  cursor: string | null | undefined,
  shape: S,
  scope: string,
  field: "after" | "before" = "after",
): Decoded<S> | null {
  if (cursor == null) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    value = undefined;
  }
  let decoded: Decoded<S> | null = null;
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const { [SCOPE]: from, ...values } = value as Record<string, unknown>;
    decoded = from === scope ? fit(values, shape) : null;
  }
  if (!decoded) throw new ValidationError(`${field} is not a cursor this field returned`, { field });
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
    } else if (kind === "int") {
      if (!/^\d{1,10}$/.test(field) || Number(field) > 2 ** 31 - 1) return null;
      decoded[key] = field;
    } else if (kind === "real") {
      // What a float4 holds: finite, at most 3.4e38, and not so small that it rounds to zero.
      const real = Number(field);
      if (!REAL.test(field) || !Number.isFinite(real) || Math.abs(real) > 3.4e38 || (real !== 0 && Math.fround(real) === 0)) return null;
      decoded[key] = field;
    } else {
      const time = Date.parse(field);
      if (!(time >= EARLIEST && time <= LATEST)) return null;
      decoded[key] = new Date(time);
    }
  }
  return decoded as Decoded<S>;
}
