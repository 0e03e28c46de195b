/** What a projection batch touched: the streams it continues from earlier batches, and the rows it changed. */
import type { LoggedEvent } from "../events.js";
import type { ChangedRow } from "../projection.js";

/**
 * The streams a batch has events of but did not start (no `startType` event of theirs in it):
 * their rows come from earlier batches and need loading; the rows of the others, the batch
 * creates.
 */
export function continuedStreams(events: readonly LoggedEvent[], startType: string): string[] {
  const started = new Set<string>();
  const continued = new Set<string>();
  for (const event of events) {
    if (event.type === startType) started.add(event.streamId);
    else if (!started.has(event.streamId)) continued.add(event.streamId);
  }
  return [...continued];
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
