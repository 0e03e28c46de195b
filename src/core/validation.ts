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

/** A plausible email address, trimmed and lower-cased (emails are compared case-insensitively). */
export function requireEmail(value: string, field = "email"): string {
  const email = value.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) throw new ValidationError(`${field} is not a valid email address`, { field });
  return email;
}

const PHONE = /^\+?[0-9][0-9 ()-]{3,28}[0-9]$/;

export function requirePhone(value: string, field = "phone"): string {
  const phone = value.trim();
  if (!PHONE.test(phone)) throw new ValidationError(`${field} is not a valid phone number`, { field });
  return phone;
}
