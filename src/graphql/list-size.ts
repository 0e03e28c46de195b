/**
 * How many items a list field returns at most, declared on the field (a GraphQL extension
 * type-graphql carries into the schema): the document limits count a field under a list
 * once per item (graphql/documents.ts). Every list field declares one; a schema test holds it.
 */
import { Extensions } from "type-graphql";

export interface ListSize {
  /** At most this many items. */
  max?: number;
  /**
   * Sized by these arguments, of the field itself or of the field it sits in (a connection's
   * `edges` by the connection's `first` or `last`); `default` when none is given.
   */
  page?: readonly string[];
  default?: number;
}

/** A list of at most `max` items. */
export const ListOf = (max: number) => Extensions({ listSize: { max } satisfies ListSize });

/** A list sized by a page argument (`first`, `last`, …), `defaultSize` when the client gives none. */
export const PagedBy = (argument: string | readonly string[], defaultSize: number) =>
  Extensions({ listSize: { page: typeof argument === "string" ? [argument] : argument, default: defaultSize } satisfies ListSize });
