/** Small input checks shared by deciders. Each throws ValidationError naming the field. */
import { ValidationError } from "./errors.js";

/** Trimmed text of 1..max characters. */
export function requireText(value: string, field: string, max: number): string {
  const text = value.trim();
  if (text.length === 0) throw new ValidationError(`${field} must not be empty`, { field });
  if (text.length > max) throw new ValidationError(`${field} must be at most ${max} characters`, { field });
  return text;
}

/** An integer from min to max. */
export function requireInteger(value: number, field: string, min: number, max: number): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ValidationError(`${field} must be an integer from ${min} to ${max}`, { field });
  }
  return value;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * What no address shows: controls, format characters (a zero-width space, a soft hyphen, a
 * direction mark), separators, private use and unassigned code points. With one of them, two
 * addresses that look the same are two customers.
 */
const UNSEEN = /[\p{C}\p{Z}]/u;

/**
 * The zero-width (non-)joiner between two letters of a script that needs it (Persian, the
 * Indic scripts): seen there, in how the letters join. Between Latin, Cyrillic or Greek
 * letters, or anywhere else, it is unseen.
 */
const JOINER =
  /(?<![\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}])(?<=[\p{L}\p{M}])(?:\u200c|\u200d)(?=[\p{L}\p{M}])(?![\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}])/gu;

/** A domain label: letters and digits (any script), marks after a letter, inner hyphens. */
const LABEL = /^[\p{L}\p{N}](?:(?:[\p{L}\p{N}\p{M}-]|\u200c|\u200d)*[\p{L}\p{N}\p{M}])?$/u;

/** Scripts whose letters look alike: one word written in two of them is a look-alike. */
const LOOKALIKES = [/\p{Script=Latin}/u, /\p{Script=Cyrillic}/u, /\p{Script=Greek}/u];

/**
 * A plausible email address, trimmed, in Unicode's compatibility-composed form (NFKC: a
 * full-width or mathematical ｘ is x) and lower-cased (emails are compared case-insensitively):
 * a local part of at most 64 characters, a domain of dot-separated labels (no trailing dot),
 * nothing unseen, and no word that mixes Latin, Cyrillic or Greek letters (`exаmple.com` with
 * a Cyrillic а is not `example.com`; `иван+shop` is two words).
 */
export function requireEmail(value: string, field = "email"): string {
  const email = value.trim().normalize("NFKC").toLowerCase();
  const invalid = (why = "") => new ValidationError(`${field} is not a valid email address${why}`, { field });
  if (email.length > 254 || !EMAIL.test(email)) throw invalid();
  if (UNSEEN.test(email.replace(JOINER, ""))) {
    throw invalid(": it holds a character that does not show (a control, format or space character)");
  }
  const at = email.lastIndexOf("@");
  if (
    at > 64 ||
    !email
      .slice(at + 1)
      .split(".")
      .every((label) => LABEL.test(label))
  )
    throw invalid();
  for (const word of email.match(/[\p{L}\p{M}]+/gu) ?? []) {
    if (LOOKALIKES.filter((script) => script.test(word)).length > 1) {
      throw invalid(": a word mixes Latin, Cyrillic or Greek letters, as a look-alike of another address does");
    }
  }
  return email;
}

const PHONE = /^\+?[0-9][0-9 ()-]{3,28}[0-9]$/;

export function requirePhone(value: string, field = "phone"): string {
  const phone = value.trim();
  if (!PHONE.test(phone)) throw new ValidationError(`${field} is not a valid phone number`, { field });
  return phone;
}
