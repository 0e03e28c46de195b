/**
 * Full-text search as read models do it: documents are `to_tsvector('simple', …)` of their
 * words with punctuation read as spaces (so an email, a SKU or a UUID is found by its
 * parts), and a user's text becomes a tsquery through `websearch_to_tsquery` ("quoted
 * phrases", `or`, `-word`), its last word also matched as a prefix for type-ahead. The
 * `simple` configuration neither stems nor drops stop words: names and codes match as typed,
 * case aside.
 */
import { sqlState } from "../database/database.js";
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

/** How a search reads its text, as a `search` argument's description says it. */
export const SEARCH_SYNTAX =
  'words (all must match), "a phrase", `or`, `-word`; a last word of 2 or more letters still being typed also matches as a ' +
  "prefix, and a last `or` waits for its alternative. Punctuation separates words.";

/** What a search refuses, as a `search` argument's description says it (BAD_USER_INPUT). */
export const REFUSED_SEARCHES = `more than ${MAX_SEARCH_WORDS} words, and a search with no word to find on one side of an \`or\` (only \`-words\`, such as \`-mug\` or \`mug or -red\`)`;

/**
 * The search `text` asks for. A text with no word matches nothing; one of more than
 * MAX_SEARCH_WORDS words is BAD_USER_INPUT, and so, when its statement runs (see
 * refuseUnindexed), is one that only leaves words out on a side of an `or`: no index serves
 * it, so it would read every row to find what it excludes.
 */
export function textSearch(text: string, options: { ids?: boolean } = {}): TextSearch {
  // With `ids` (documents that hold ids as "id" words), an id's start becomes that word; one
  // that ends the text is a prefix, also after a hyphen or a space: only a whole id is
  // complete. Elsewhere such a text is words like any other (a SKU 20261130-01).
  let idStartLast = false;
  let words = (
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
  // A last `or` after a word, outside a phrase, is an alternative still being typed: until it
  // is, the words before it are the search (PostgreSQL would read it as the word "or", and
  // while typing as the prefix of "order"). Alone, `or` is a word.
  if ((words.match(/"/g)?.length ?? 0) % 2 === 0) words = words.replace(/(?<=[\p{L}\p{N}"]\s+)or\s*$/iu, "");
  if (!WORD.test(words)) return "nothing";
  // Words as PostgreSQL reads them: quotes separate them too (`"a"or"b"` is `a | b`).
  const tokens = words.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (tokens.length > MAX_SEARCH_WORDS) {
    throw new ValidationError(`search takes at most ${MAX_SEARCH_WORDS} words; this one has ${tokens.length}`, { field: "search" });
  }
  // A text that ends inside a word is still being typed: its last word matches as a prefix,
  // when PostgreSQL reads it as a word of MIN_PREFIX or more characters (it drops some that
  // JavaScript counts as digits, such as ½).
  const last = /[\p{L}\p{N}]+$/u.exec(words)?.[0] ?? "";
  const typing = idStartLast || (/[\p{L}\p{N}]$/u.test(text) && [...last].length >= MIN_PREFIX);
  const query = (param: (value: unknown) => string) =>
    typing
      ? `catchup_searchable(regexp_replace(websearch_to_tsquery('simple', ${param(words)})::text, '(''[^'']{${MIN_PREFIX},})''$', '\\1'':*')::tsquery, ${MAX_SEARCH_WORDS})`
      : `catchup_searchable(websearch_to_tsquery('simple', ${param(words)}), ${MAX_SEARCH_WORDS})`;
  // OFFSET 0 keeps the planner from pulling the subquery up, and the tsquery back into every row.
  return { query, joined: (param) => `(SELECT ${query(param)} AS query OFFSET 0)` };
}

/**
 * Runs `read`, whose statements hold a search: the database's refusals (catchup_searchable)
 * become BAD_USER_INPUT: of a search no index serves (SQLSTATE CUSRC), and of one with more
 * than MAX_SEARCH_WORDS words as PostgreSQL reads them (CUSRW). The database decides, not a
 * second parser here: `½ or -mug` has a word only to JavaScript, `- mug` leaves `mug` out
 * only to PostgreSQL, and `a½b½c` is three words only to PostgreSQL.
 */
export async function refuseUnindexed<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const state = sqlState(error);
    if (state === "CUSRW") throw new ValidationError(`search takes at most ${MAX_SEARCH_WORDS} words`, { field: "search" });
    if (state !== "CUSRC") throw error;
    throw new ValidationError(
      "search needs a word to find on each side of an `or`, not only words to leave out (-word): no index serves it, so it would read every row",
      { field: "search" },
    );
  }
}
