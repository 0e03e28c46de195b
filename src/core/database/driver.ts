/** What both drivers share below the Sql contract: the COPY statement and parameter values as drivers take them. */

/** The COPY statement that reads rows of `columns` into `table` from `source`. */
export function copyStatement(table: string, columns: readonly string[], source: string): string {
  return `COPY "${table}" (${columns.map((column) => `"${column}"`).join(", ")}) FROM ${source}`;
}

/** Drivers take 64-bit integers as decimal strings. */
export const driverValue = (value: unknown) => (typeof value === "bigint" ? value.toString() : value);
