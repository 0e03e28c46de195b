/**
 * Full-text search as read models do it: documents are `to_tsvector('simple', …)` of their
 * words with punctuation read as spaces (so an email, a SKU or a UUID is found by its
 * parts), and a user's text becomes a tsquery through `websearch_to_tsquery` ("quoted
 * phrases", `or`, `-word`), its last word also matched as a prefix for type-ahead. The
 * `simple` configuration neither stems nor drops stop words: names and codes match as typed,
 * case aside.
 */
import { ValidationError } from "../errors.js";

/**
 * A search: the SQL of its tsquery, given a function that names a parameter; and `joined`, a
 * one-row subquery holding it as `query`, to join (`FROM view, <joined> AS search`) so that
 * the tsquery is made once per statement, not once for every row ranked (9x faster on 13k
 * matches). Or a search that can match nothing.
 */
export type TextSearch =
  { query(param: (value: unknown) => string): string; joined(param: (value: unknown) => string): string } | "nothing";

const WORD = /[\p{L}\p{N}]/u;

/**
 * The start of a UUID as typed (8 hex digits, a hyphen, more): documents hold ids also whole,
 * without hyphens, behind "id" (one word the parser keeps), so such a text becomes that word.
 */
const UUID_START = /(?<![\p{L}\p{N}-])([0-9a-f]{8}(?:-[0-9a-f]{0,12}){1,4})(?![\p{L}\p{N}])/giu;

/** The shortest last word matched as a prefix: one letter would match most of a table. */
const MIN_PREFIX = 2;

/**
 * The most words a search takes (`or` and `-words` count). Every word is an index lookup,
 * and a term checked on every row the planner walks: on 50,000 orders, a page of a
 * 1,000-character search of two-letter words `or`ed together took 280 ms of the
 * database's time; of 32 words, at most 14 ms.
 */
export const MAX_SEARCH_WORDS = 32;

/**
 * The search `text` asks for. A text with no word matches nothing; one whose every word is
 * left out (`-word`) is BAD_USER_INPUT: it would read every row to find what it excludes;
 * so is one of more than MAX_SEARCH_WORDS words.
 */
export function textSearch(text: string): TextSearch {
  const words = text
    .replace(UUID_START, (id: string) => `id${id.replaceAll("-", "").toLowerCase()}`)
    // Keep what websearch_to_tsquery reads as syntax: quotes, and a minus that starts a word.
    .replace(/[^\p{L}\p{N}\s"-]+/gu, " ")
    .replace(/(?<=\S)-+/g, " ");
  if (!WORD.test(words)) return "nothing";
  const tokens = words.split(/\s+/).filter((word) => WORD.test(word));
  if (tokens.length > MAX_SEARCH_WORDS) {
    throw new ValidationError(`search takes at most ${MAX_SEARCH_WORDS} words; this one has ${tokens.length}`, { field: "search" });
  }
  const found = tokens.some((word) => !word.startsWith("-"));
  if (!found) throw new ValidationError("search needs a word to find, not only words to leave out", { field: "search" });
  // A text that ends inside a word is still being typed: its last word matches as a prefix.
  const last = /[\p{L}\p{N}]+$/u.exec(words)?.[0] ?? "";
  const typing = /[\p{L}\p{N}]$/u.test(text) && [...last].length >= MIN_PREFIX;
  const query = (param: (value: unknown) => string) =>
    typing
      ? `regexp_replace(websearch_to_tsquery('simple', ${param(words)})::text, '''$', ''':*')::tsquery`
      : `websearch_to_tsquery('simple', ${param(words)})`;
  // OFFSET 0 keeps the planner from pulling the subquery up, and the tsquery back into every row.
  return { query, joined: (param) => `(SELECT ${query(param)} AS query OFFSET 0)` };
}
