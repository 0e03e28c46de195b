/** The clients a Database hands out (Prisma and plain SQL), built the same way over either driver. */
import { PrismaClient } from "../../generated/prisma/client.js";
import { copyStatement } from "./driver.js";
import type { Database, Sql } from "./types.js";

export type PrismaAdapter = ConstructorParameters<typeof PrismaClient>[0] extends infer O
  ? O extends { adapter?: infer A }
    ? NonNullable<A>
    : never
  : never;

/**
 * The Prisma client and the plain-SQL executor over one driver, with statement listeners
 * (for both) when asked for.
 */
export function clients(adapter: PrismaAdapter, raw: Sql, observe: boolean): Pick<Database, "prisma" | "sql" | "onQuery"> {
  if (!observe) {
    return {
      prisma: new PrismaClient({ adapter }),
      sql: raw,
      onQuery: () => {
        throw new Error("open the database with observeQueries: true to listen to queries");
      },
    };
  }
  const listeners = new Set<(sql: string) => void>();
  const observed =
    (query: Sql["query"]): Sql["query"] =>
    (text, params, options) => {
      for (const listener of listeners) listener(text);
      return query(text, params, options);
    };
  const prisma = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  prisma.$on("query", (event) => {
    for (const listener of listeners) listener(event.query);
  });
  return {
    prisma: prisma as unknown as PrismaClient,
    sql: {
      query: observed(raw.query),
      transaction: (work, options) =>
        raw.transaction(
          (tx) =>
            work({
              query: observed(tx.query),
              copyFrom(table, columns, data) {
                for (const listener of listeners) listener(copyStatement(table, columns, "STDIN"));
                return tx.copyFrom(table, columns, data);
              },
            }),
          options,
        ),
    },
    onQuery(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
