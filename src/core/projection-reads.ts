/**
 * What a projection reads next: the events of its types in the stretch of the log after its
 * checkpoint, and how far that stretch reaches (`to`: every event up to it is either in the
 * batch or of no interest to the projection).
 *
 * Near the head, runners share one read of everything new (they are usually at the same
 * checkpoint). Far behind it (catching up, rebuilding), a projection whose types fill much
 * of the log, or that finds the stretch already read by another runner, takes the log from
 * the reader's shared chunks; one whose types are rare reads only them, through the type
 * index, in a window of positions that widens over sparse stretches. (An unbounded range
 * would make the index return the whole rest of the log, to be sorted for every batch:
 * quadratic in the log.)
 */
import type { EventStore } from "./event-store.js";
import type { LoggedEvent } from "./events.js";
import type { LogReader } from "./log-watcher.js";

/** A projection reading at least 1 in DENSE events of the log shares the reader's chunks. */
const DENSE = 8n;
/**
 * The reader's chunks span this many batches of positions; far behind the head, one batch
 * may take up to a chunk's worth of events.
 */
export const CHUNK_BATCHES = 4;
/** The widest catch-up window, in batches. */
const MAX_WINDOW_BATCHES = 256n;

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);

export interface Batch {
  /** The projection's events in (position, to], in log order. */
  events: LoggedEvent[];
  to: bigint;
  /** Far behind the head: commits need not wait for the disk (see ProjectionRunner.step). */
  catchingUp: boolean;
}

export class ReadPlanner {
  private readonly types: ReadonlySet<string>;
  /** Whether at least 1 in DENSE events of the last stretch read was of the projection's types. */
  private dense = true;
  /** Positions a catch-up read of the projection's own types covers. */
  private window: bigint;

  constructor(
    private readonly store: EventStore,
    private readonly reader: LogReader,
    private readonly eventTypes: readonly string[],
    private readonly batchSize: number,
  ) {
    this.types = new Set(eventTypes);
    this.window = BigInt(batchSize) * 2n;
  }

  /**
   * The next batch after `position`, below the safe `head`. Far behind, batches take up to a
   * chunk of events: a rebuild commits a quarter as often and rewrites its aggregate rows
   * (per customer, per product, per day) a quarter as often. Near the head, batchSize keeps
   * each commit, and so the lag, short. `oneAtATime` (after a failed batch) finds the event
   * that fails.
   */
  async next(position: bigint, head: bigint, oneAtATime: boolean): Promise<Batch> {
    const { reader, batchSize } = this;
    const catchingUp = head - position > BigInt(batchSize);
    const limit = oneAtATime ? 1 : catchingUp ? batchSize * CHUNK_BATCHES : batchSize;
    let upTo: bigint;
    let events: LoggedEvent[];
    if (catchingUp && reader.chunkEnd(position) <= head && (this.dense || reader.cached(position))) {
      upTo = reader.chunkEnd(position);
      events = (await reader.chunk(position)).filter((event) => event.position > position && this.types.has(event.type));
    } else if (catchingUp) {
      upTo = min(head, position + this.window);
      events = await this.store.readAll(position, { upTo, limit, types: this.eventTypes });
      this.adaptWindow(events.length, limit);
    } else {
      const all = await reader.read(position, head, batchSize);
      // A full read may stop short of the head.
      upTo = all.length === batchSize ? all.at(-1)!.position : head;
      events = all.filter((event) => this.types.has(event.type));
    }
    // A full batch may stop short of its range; otherwise the whole range (position, upTo] is done.
    if (events.length > limit) events = events.slice(0, limit);
    const to = events.length === limit ? events.at(-1)!.position : upTo;
    if (catchingUp) this.dense = BigInt(events.length) * DENSE >= to - position;
    return { events, to, catchingUp };
  }

  /** Widens the catch-up window over sparse stretches of the log, narrows it over dense ones. */
  private adaptWindow(read: number, limit: number): void {
    const batch = BigInt(this.batchSize);
    if (read === limit) this.window = max(batch, this.window / 2n);
    else if (read < limit / 2) this.window = min(batch * MAX_WINDOW_BATCHES, this.window * 2n);
  }
}
