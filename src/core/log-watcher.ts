/**
 * The log as projectors see it: one LogWatcher per process samples the safe head (woken by
 * local appends, with a slow poll as fallback) and tells the runners when it moves; one
 * LogReader serves their reads, so runners at the same checkpoint (the usual case) share
 * one query per head advance instead of one each.
 */
import type { LoggedEvent } from "./events.js";
import type { EventStore } from "./event-store.js";

/** Watches the log's safe head and tells listeners when it moves. */
export class LogWatcher {
  private readonly listeners = new Set<(head: bigint) => void>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private sampling = false;
  private resample = false;

  constructor(
    private readonly store: EventStore,
    private readonly options: { idlePollMs: number; settlePollMs: number },
  ) {}

  get head(): bigint {
    return this.store.head.position;
  }

  start(): void {
    this.running = true;
    this.poke();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
  }

  onAdvance(listener: (head: bigint) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Something was appended: sample now (coalesced with a sample already running). */
  poke(): void {
    if (!this.running) return;
    if (this.sampling) {
      this.resample = true;
      return;
    }
    clearTimeout(this.timer);
    void this.sample();
  }

  private async sample(): Promise<void> {
    this.sampling = true;
    const before = this.store.head.position;
    try {
      const head = await this.store.head.refresh();
      if (head > before) for (const listener of this.listeners) listener(head);
    } catch {
      // The database is unreachable for now; the next poll tries again.
    } finally {
      this.sampling = false;
    }
    if (!this.running) return;
    if (this.resample) {
      this.resample = false;
      void this.sample();
      return;
    }
    const delay = this.store.head.unsettled ? this.options.settlePollMs : this.options.idlePollMs;
    this.timer = setTimeout(() => void this.sample(), delay);
  }
}

/**
 * Reads of the whole log shared by the runners. Near the head, runners at the same checkpoint
 * ask for the same range: identical concurrent reads share one query. Catching up (a rebuild
 * of several projections), they read the log in aligned chunks that stay cached a while, so
 * projections moving through the same stretch read and decode each event once, not once each.
 */
export class LogReader {
  private last: { key: string; events: Promise<LoggedEvent[]> } | undefined;
  private readonly chunks = new Map<bigint, Promise<LoggedEvent[]>>();

  constructor(
    private readonly store: EventStore,
    /** Positions per chunk. */
    readonly chunkSize = 2000n,
    /** Chunks kept; the oldest read is dropped first. */
    private readonly chunksKept = 8,
  ) {}

  read(after: bigint, upTo: bigint, limit: number): Promise<LoggedEvent[]> {
    const key = `${after}:${upTo}:${limit}`;
    if (this.last?.key !== key) {
      const events = this.store.readAll(after, { upTo, limit });
      events.catch(() => {
        if (this.last?.events === events) this.last = undefined;
      });
      this.last = { key, events };
    }
    return this.last.events;
  }

  /** The first position after the chunk holding position `after + 1`. */
  chunkEnd(after: bigint): bigint {
    return (after / this.chunkSize + 1n) * this.chunkSize;
  }

  /** Whether the chunk holding `after + 1` is cached. */
  cached(after: bigint): boolean {
    return this.chunks.has(after / this.chunkSize);
  }

  /**
   * Every event of the chunk holding position `after + 1`. The chunk must lie wholly at or
   * below the safe head (`chunkEnd(after) <= head`): only then is its content final.
   */
  chunk(after: bigint): Promise<LoggedEvent[]> {
    const index = after / this.chunkSize;
    let events = this.chunks.get(index);
    if (!events) {
      const from = index * this.chunkSize;
      events = this.store.readAll(from, { upTo: from + this.chunkSize, limit: Number(this.chunkSize) });
      const read = events;
      read.catch(() => {
        if (this.chunks.get(index) === read) this.chunks.delete(index);
      });
      this.chunks.set(index, read);
      if (this.chunks.size > this.chunksKept) this.chunks.delete(this.chunks.keys().next().value!);
    }
    return events;
  }
}
