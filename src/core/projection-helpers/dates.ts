/**
 * Dates in the text forms the views store and COPY takes: UTC days (YYYY-MM-DD) and ISO
 * timestamps, cached for the few days and minutes a batch shares.
 */

/** The UTC calendar day of a moment, as a Date at 00:00 UTC (for DATE columns). */
export function utcDay(moment: Date | string): Date {
  const date = new Date(moment);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** A day as YYYY-MM-DD (the form DATE columns and the GraphQL Date scalar take). */
export function dayKey(day: Date): string {
  return day.toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;
/** YYYY-MM-DD of recent days by day number (projections ask for the same few days again and again). */
const dayKeys = new Map<number, string>();

/** The UTC calendar day of a moment as YYYY-MM-DD: dayKey(utcDay(moment)), without the Dates. */
export function utcDayKey(moment: Date | string): string {
  const day = Math.floor((typeof moment === "string" ? Date.parse(moment) : moment.getTime()) / DAY_MS);
  let key = dayKeys.get(day);
  if (key === undefined) {
    if (Number.isNaN(day)) return dayKey(new Date(moment)); // throws RangeError, as dayKey(utcDay(…)) does
    key = dayKey(new Date(day * DAY_MS));
    if (dayKeys.size >= 4096) dayKeys.clear();
    dayKeys.set(day, key);
  }
  return key;
}

const MINUTE_MS = 60_000;
/** "YYYY-MM-DDTHH:MM:" of recent minutes by minute number (a batch's timestamps share a few). */
const minutePrefixes = new Map<number, string>();

/** date.toISOString() (YYYY-MM-DDTHH:MM:SS.mmmZ), without its cost for every timestamp of a bulk load. */
export function isoTimestamp(date: Date): string {
  const ms = date.getTime();
  const minute = Math.floor(ms / MINUTE_MS);
  let prefix = minutePrefixes.get(minute);
  if (prefix === undefined) {
    if (Number.isNaN(minute)) return date.toISOString(); // throws RangeError, as toISOString does
    prefix = new Date(minute * MINUTE_MS).toISOString().slice(0, 17);
    if (minutePrefixes.size >= 4096) minutePrefixes.clear();
    minutePrefixes.set(minute, prefix);
  }
  const rest = ms - minute * MINUTE_MS; // 0 … 59,999
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  return `${prefix}${seconds < 10 ? "0" : ""}${seconds}.${millis < 10 ? "00" : millis < 100 ? "0" : ""}${millis}Z`;
}
