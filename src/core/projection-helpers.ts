/** Helpers for projection code. */
import type { ChangedRow } from "./projection.js";

/** The UTC calendar day of a moment, as a Date at 00:00 UTC (for DATE columns). */
export function utcDay(moment: Date | string): Date {
  const date = new Date(moment);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** Collects the rows a batch changed; a row changed twice is reported once, as it ended. */
export class ChangeLog {
  private readonly rows = new Map<string, ChangedRow>();

  add(id: string, version: number, position: bigint): void {
    this.rows.set(id, { id, version, position });
  }

  get changes(): ChangedRow[] {
    return [...this.rows.values()];
  }
}
