/**
 * Read-your-writes without plumbing: what one operation wrote and what it must read.
 *
 * - Out: every position a command of the operation wrote raises `written`; the response
 *   carries the highest as `extensions.catchup.position` (HTTP and graphql-ws alike).
 * - In: a client sends the highest position it has seen as the `catchup-position` header
 *   (graphql-ws: `extensions.catchup.position` in the subscribe payload). Every read of the
 *   operation then waits until each projection it reads has applied it, as `minPosition`
 *   does (a field's own `minPosition` applies when it is higher).
 */
import { getArgumentValues, GraphQLError, Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";
import type { EventStore } from "../core/event-store.js";
import { toPosition } from "./scalars.js";

/** The request header that carries a client's position. */
export const POSITION_HEADER = "catchup-position";

export class Session {
  /** The highest log position the operation wrote; null while it wrote nothing. */
  written: bigint | null = null;

  constructor(
    /** The position every read of the operation waits for; null: none. */
    readonly readPosition: bigint | null = null,
  ) {}

  /** The minPosition of each root field (by response key), as its nested fields look it up. */
  private readonly rootPositions = new Map<string, bigint | null>();

  /**
   * The `minPosition` argument of the root field a nested field sits under (null when it
   * has none, or for a root field itself, which passes its own).
   */
  rootMinPosition(info: GraphQLResolveInfo): bigint | null {
    let path = info.path;
    while (path.prev) path = path.prev;
    if (path === info.path || typeof path.key !== "string") return null;
    const key = path.key;
    if (!this.rootPositions.has(key)) {
      const node = rootField(info.operation.selectionSet, key, info);
      const root = node && info.schema.getRootType(info.operation.operation)?.getFields()[node.name.value];
      const value = node && root ? getArgumentValues(root, node, info.variableValues).minPosition : undefined;
      this.rootPositions.set(key, typeof value === "bigint" ? value : null);
    }
    return this.rootPositions.get(key)!;
  }

  wrote(position: bigint): void {
    if (this.written === null || position > this.written) this.written = position;
  }

  /** What the response carries in its `extensions` (nothing when the operation wrote nothing). */
  extensions(): { catchup: { position: string } } | undefined {
    return this.written === null ? undefined : { catchup: { position: String(this.written) } };
  }
}

/** The root field answered under response key `key`, through fragments too. */
function rootField(set: SelectionSetNode, key: string, info: GraphQLResolveInfo): FieldNode | undefined {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if ((selection.alias ?? selection.name).value === key) return selection;
    } else {
      const inner = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : info.fragments[selection.name.value]?.selectionSet;
      const found = inner && rootField(inner, key, info);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The position a client sent (the header's value, or the subscribe payload's), checked:
 * a well-formed Position, not beyond the log's head (one that no write has reached yet would
 * only time out). Throws BAD_USER_INPUT otherwise.
 */
export async function readPositionOf(
  raw: unknown,
  store: Pick<EventStore, "head" | "lastPosition">,
  source: string,
): Promise<bigint | null> {
  if (raw === undefined || raw === null) return null;
  let position: bigint;
  try {
    position = toPosition(raw);
  } catch {
    throw new GraphQLError(
      `${source} must be a Position: a non-negative 64-bit integer as a decimal string, got ${JSON.stringify(raw).slice(0, 40)}`,
      {
        extensions: { code: "BAD_USER_INPUT" },
      },
    );
  }
  await requireWritten(position, store, source);
  return position;
}

/**
 * Throws BAD_USER_INPUT when no write has reached `position` yet: a read waiting for it would
 * only time out. The safe head known here answers almost always; past it, the log itself (a
 * write just made, or made on another instance).
 */
export async function requireWritten(position: bigint, store: Pick<EventStore, "head" | "lastPosition">, source: string): Promise<void> {
  if (position <= store.head.position) return;
  const last = await store.lastPosition();
  if (position > last) {
    throw new GraphQLError(`${source} ${position} is beyond the log's head (${last}): no write has reached it`, {
      extensions: { code: "BAD_USER_INPUT", headPosition: String(last) },
    });
  }
}
