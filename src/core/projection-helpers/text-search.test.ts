import { describe, expect, it } from "vitest";
import { MAX_SEARCH_WORDS, textSearch } from "./text-search.js";

/** The words and the tsquery SQL a search becomes. */
function sqlOf(text: string, ids = true): { sql: string; words: unknown[] } | "nothing" {
  const search = textSearch(text, { ids });
  if (search === "nothing") return search;
  const words: unknown[] = [];
  return { sql: search.query((value) => `$${words.push(value)}`), words };
}

describe("textSearch", () => {
  it("reads punctuation as spaces, keeps websearch syntax, and types the last word as a prefix", () => {
    expect(sqlOf("ada.lovelace@example.com")).toEqual({
      words: ["ada lovelace example com"],
      sql: "catchup_searchable(regexp_replace(websearch_to_tsquery('simple', $1)::text, '(''[^'']{2,})''$', '\\1'':*')::tsquery, 32)",
    });
    expect(sqlOf('"blue mug" or kettle -red ')).toEqual({
      words: ['"blue mug" or kettle -red '],
      sql: "catchup_searchable(websearch_to_tsquery('simple', $1), 32)",
    });
    expect(sqlOf("WID-001")).toMatchObject({ words: ["WID 001"] });
  });

  it("matches a one-letter last word exactly, not as a prefix of half the table", () => {
    expect(sqlOf("grace h")).toMatchObject({ sql: "catchup_searchable(websearch_to_tsquery('simple', $1), 32)" });
    expect(sqlOf("grace ho")).toMatchObject({ sql: expect.stringContaining(":*") });
  });

  it("turns the start of a UUID into the id word documents hold", () => {
    expect(sqlOf("0193E8A4-b5c6")).toMatchObject({ words: ["id0193e8a4b5c6"] });
    // An id's start is a prefix to the end, also after a hyphen or a space; a whole id is not.
    for (const text of ["0193e8a4-", "0193e8a4-b5c6-", "0193e8a4-b5c6 ", "ada 0193e8a4-b5"]) {
      expect(sqlOf(text), text).toMatchObject({ sql: expect.stringContaining(":*") });
    }
    expect(sqlOf("0193e8a4-b5c6-7d8e-9f01-23456789abcd ")).toMatchObject({
      sql: "catchup_searchable(websearch_to_tsquery('simple', $1), 32)",
    });
    expect(sqlOf("0193e8a4-b5 ada ")).toMatchObject({ sql: "catchup_searchable(websearch_to_tsquery('simple', $1), 32)" });
    // Where documents hold no ids (products), such a text is words like any other: a SKU.
    expect(sqlOf("20261130-01", false)).toMatchObject({ words: ["20261130 01"] });
    expect(sqlOf("0193e8a4-b5c6-7d8e-9f01-23456789abcd")).toMatchObject({ words: ["id0193e8a4b5c67d8e9f0123456789abcd"] });
    expect(sqlOf("order 0193e8a4-")).toMatchObject({ words: ["order id0193e8a4"] });
  });

  it("finds nothing without a word", () => {
    for (const text of ["", "  ", "!!", "' \\ ;", '""', "-"]) expect(sqlOf(text)).toBe("nothing");
  });

  it("leaves a search that only leaves words out to the database, which knows what it can index", () => {
    // The refusal is catchup_searchable's (test/api/read-side.db.test.ts): the query asks for it.
    for (const text of ["-zzz", "teapot or -kettle", "- kettle", "½ or -kettle"]) {
      expect(sqlOf(text), text).toMatchObject({ sql: expect.stringMatching(/^catchup_searchable\(/) });
    }
  });

  it("reads a last `or` after a word as an alternative still being typed, and `or` alone as a word", () => {
    for (const text of ["teapot or", "teapot OR ", '"blue mug" or']) {
      expect(sqlOf(text), text).toMatchObject({ sql: expect.not.stringContaining(":*"), words: [expect.not.stringMatching(/or/i)] });
    }
    expect(sqlOf("or")).toMatchObject({ words: ["or"] });
    expect(sqlOf("teapot color")).toMatchObject({ words: ["teapot color"], sql: expect.stringContaining(":*") });
    expect(sqlOf("teapot or mug")).toMatchObject({ words: ["teapot or mug"] });
    // Inside an open phrase it is a word of the phrase.
    expect(sqlOf('"teapot or')).toMatchObject({ words: ['"teapot or'] });
  });

  it(`takes at most ${MAX_SEARCH_WORDS} words, operators and left-out words counted`, () => {
    const words = (count: number, word: (i: number) => string) => Array.from({ length: count }, (_, i) => word(i)).join(" ");
    expect(sqlOf(words(MAX_SEARCH_WORDS, (i) => `w${i}`))).not.toBe("nothing");
    for (const text of [
      words(MAX_SEARCH_WORDS + 1, (i) => `w${i}`),
      words(MAX_SEARCH_WORDS + 1, (i) => (i % 2 ? "or" : `w${i}`)),
      `grace ${words(MAX_SEARCH_WORDS, (i) => `-w${i}`)}`,
      words(500, () => "a"),
      // Quotes separate words without a space: `"a"or"b"` is `a | b` to PostgreSQL.
      Array.from({ length: 20 }, (_, i) => `"qz${i}"`).join("or"),
    ]) {
      expect(() => textSearch(text)).toThrow(new RegExp(`at most ${MAX_SEARCH_WORDS} words; this one has \\d+`));
    }
    // Punctuation is not a word: a long id or email stays within the bound.
    expect(sqlOf("0193e8a4-b5c6-7d8e-9f01-23456789abcd ada.lovelace@example.com")).not.toBe("nothing");
  });
});
