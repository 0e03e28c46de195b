/** Single values in COPY's text format, by column type: escapes, array literals, dates and timestamps. */
import { dayKey, isoTimestamp } from "./dates.js";

/** Writes one non-null value of a column in COPY's text format. */
export type Encoder = (value: unknown) => string;

/** The encoder for a column of this SQL type. */
export function encoderOf(type: string): Encoder {
  if (type === "jsonb" || type === "json") return (value) => copyEscape(JSON.stringify(value));
  if (type.endsWith("[]")) return (value) => copyEscape(arrayLiteral(value as readonly unknown[]));
  if (type === "timestamptz") return (value) => (value instanceof Date ? isoTimestamp(value) : copyEscape(String(value)));
  if (type === "date") return (value) => (value instanceof Date ? dayKey(value) : copyEscape(String(value)));
  if (type === "integer" || type === "bigint") return (value) => String(value);
  if (type === "boolean") return (value) => (value ? "t" : "f");
  return (value) => copyEscape(typeof value === "string" ? value : String(value));
}

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIALS = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const copyEscape = (text: string): string => (COPY_SPECIAL.test(text) ? text.replace(COPY_SPECIALS, (c) => COPY_ESCAPES[c]!) : text);

/** A PostgreSQL array literal: every element quoted (NULL for null), quotes and backslashes escaped. */
function arrayLiteral(values: readonly unknown[]): string {
  let literal = "{";
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) literal += ",";
    literal += value === null || value === undefined ? "NULL" : `"${String(value).replace(/[\\"]/g, "\\$&")}"`;
  }
  return literal + "}";
}
