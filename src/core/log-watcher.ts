/**
 * The log as projectors see it: one LogWatcher per process samples the safe head (woken by
 * local appends, with a slow poll as fallback) and tells the runners when it moves; one
 * LogReader serves their reads, so runners at the same checkpoint (the usual case) share
 * one query per head advance instead of one each.
 */
import type { RecordedEvent } from "./events.js";
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

/** Reads (after, upTo] of the whole log; concurrent and repeated identical reads share one query. */
export class LogReader {
  private last: { key: string; events: Promise<RecordedEvent[]> } | undefined;

  constructor(private readonly store: EventStore) {}

  read(after: bigint, upTo: bigint, limit: number): Promise<RecordedEvent[]> {
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
}
