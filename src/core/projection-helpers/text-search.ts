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

/** What textSearch refuses, as a `search` argument's description says it (BAD_USER_INPUT). */
export const REFUSED_SEARCHES = `only \`-words\`, more than ${MAX_SEARCH_WORDS} words, or an \`or\` with only \`-words\` on one side`;

/**
 * The search `text` asks for. A text with no word matches nothing; one whose every word is
 * left out (`-word`) is BAD_USER_INPUT: it would read every row to find what it excludes;
 * so is one that `or`s only left-out words, and one of more than MAX_SEARCH_WORDS words.
 */
export function textSearch(text: string, options: { ids?: boolean } = {}): TextSearch {
  // With `ids` (documents that hold ids as "id" words), an id's start becomes that word; one
  // that ends the text is a prefix, also after a hyphen or a space: only a whole id is
  // complete. Elsewhere such a text is words like any other (a SKU 20261130-01).
  let idStartLast = false;
  const words = (
    options.ids
      ? text.replace(UUID_START, (id: string, _group: string, offset: number) => {
          const hex = id.replaceAll("-", "").toLowerCase();
          idStartLast = hex.length < 32 && text.slice(offset + id.length).trim() === "";
          return `id${hex}`;
        })
      : text
  )
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
  // `x or -y` matches every order without y: no index serves an `or` one side of which only
  // leaves words out, so every row would be read (`x -y or z` is fine: `and` binds first).
  const sides: string[][] = [[]];
  for (const unit of words.match(/-?"[^"]*"?|\S+/g) ?? []) {
    if (unit.toLowerCase() === "or") sides.push([]);
    else if (WORD.test(unit)) sides.at(-1)!.push(unit);
  }
  if (sides.length > 1 && sides.some((side) => side.length > 0 && side.every((unit) => unit.startsWith("-")))) {
    throw new ValidationError("search cannot `or` only left-out words (-word): that would read every order", { field: "search" });
  }
  // A text that ends inside a word is still being typed: its last word matches as a prefix,
  // when PostgreSQL reads it as a word of MIN_PREFIX or more characters (it drops some that
  // JavaScript counts as digits, such as ½).
  const last = /[\p{L}\p{N}]+$/u.exec(words)?.[0] ?? "";
  const typing = idStartLast || (/[\p{L}\p{N}]$/u.test(text) && [...last].length >= MIN_PREFIX);
  const query = (param: (value: unknown) => string) =>
    typing
      ? `regexp_replace(websearch_to_tsquery('simple', ${param(words)})::text, '(''[^'']{${MIN_PREFIX},})''$', '\\1'':*')::tsquery`
      : `websearch_to_tsquery('simple', ${param(words)})`;
  // OFFSET 0 keeps the planner from pulling the subquery up, and the tsquery back into every row.
  return { query, joined: (param) => `(SELECT ${query(param)} AS query OFFSET 0)` };
}
