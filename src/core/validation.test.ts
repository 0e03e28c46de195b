import { describe, expect, it } from "vitest";
import { requireEmail } from "./validation.js";

describe("requireEmail", () => {
  it("trims, composes and lower-cases an address, in any script", () => {
    expect(requireEmail(" Ada@Example.COM ")).toBe("ada@example.com");
    // e + combining acute is é: one address, however it was typed.
    expect(requireEmail("Ren\u0065\u0301@example.fr")).toBe(requireEmail("Ren\u00e9@example.fr"));
    for (const email of [
      "имя@пример.рф",
      "δοκιμή@παράδειγμα.δοκιμή",
      "用户@例子.广告",
      "o'neil+tag@sub.example-1.co.uk",
      "иван+shop@mail.ru", // two words, one script each
      "α.smith@example.gr",
      "\u0645\u06cc\u200c\u0631\u0648\u0645@example.ir", // Persian: a zero-width non-joiner between letters
      "\u0dc1\u0dca\u200d\u0dbb\u0dd3@example.lk", // Sinhala: a zero-width joiner
    ]) {
      expect(requireEmail(email), email).toBe(email.toLowerCase());
    }
    // Full-width and mathematical letters are the letters they look like.
    expect(requireEmail("\uff58@example.com")).toBe("x@example.com");
    expect(requireEmail("\u{1d431}@example.com")).toBe("x@example.com");
  });

  it("refuses addresses that look like another: unseen characters, a trailing dot, mixed look-alike scripts", () => {
    for (const email of [
      "x\u200b@example.com", // zero-width space
      "x\u00ad@example.com", // soft hyphen
      "x\u202e@example.com", // right-to-left override
      "x\u200dy@example.com", // a joiner between Latin letters
      "x@example.com.", // trailing dot
      "x@example..com",
      "x@-example.com",
      "x@exampl\u0435.com", // Cyrillic е
      "\u0430dmin@example.com", // Cyrillic а
      "x@ex\u03bfmple.com", // Greek ο
      `${"a".repeat(65)}@example.com`,
      "not-an-email",
      "a@b",
    ]) {
      expect(() => requireEmail(email), JSON.stringify(email)).toThrow(/email is not a valid email address/);
    }
  });
});
