/**
 * Full-text search as read models do it: documents are `to_tsvector('simple', …)` of their
 * words with punctuation read as spaces (so an email, a SKU or a UUID is found by its
 * parts), and a user's text becomes a tsquery through `websearch_to_tsquery` ("quoted
 * phrases", `or`, `-word`), its last word also matched as a prefix for type-ahead. The
 * `simple` configuration neither stems nor drops stop words: names and codes match as typed,
 * case aside.
 */

/** A search: the SQL of its tsquery, given a function that names a parameter. Or one that can match nothing. */
export type TextSearch = { query(param: (value: unknown) => string): string } | "nothing";

const WORD = /[\p{L}\p{N}]/u;

export function textSearch(text: string): TextSearch {
  // Keep what websearch_to_tsquery reads as syntax: quotes, and a minus that starts a word.
  const words = text.replace(/[^\p{L}\p{N}\s"-]+/gu, " ").replace(/(?<=\S)-+/g, " ");
  if (!WORD.test(words)) return "nothing";
  // A text that ends inside a word is still being typed: its last word matches as a prefix.
  const typing = /[\p{L}\p{N}]$/u.test(text);
  return {
    query: (param) =>
      typing
        ? `regexp_replace(websearch_to_tsquery('simple', ${param(words)})::text, '''$', ''':*')::tsquery`
        : `websearch_to_tsquery('simple', ${param(words)})`,
  };
}
