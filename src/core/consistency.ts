/**
 * Waiting for the read side to reflect a write: the contract behind `consistency: STRONG`,
 * `minPosition` and `minVersion`. "Caught up to P" means every event at or below global
 * position P has been applied (checkpoints only ever advance to the log's safe head).
 */
import { ConsistencyTimeoutError } from "./errors.js";
import type { Notifier } from "./notifier.js";

export class Consistency {
  constructor(
    private readonly notifier: Notifier,
    /** Default wait, in ms. */
    readonly timeoutMs: number,
  ) {}

  /**
   * Whether every projection is caught up to `position` within the timeout. Never throws;
   * an aborted wait answers false at once. Nothing of the wait is left behind either way.
   */
  async caughtUp(projections: readonly string[], position: bigint, timeoutMs = this.timeoutMs, signal?: AbortSignal): Promise<boolean> {
    const waits = projections.map((projection) => this.notifier.waitForCheckpoint(projection, position));
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    const givenUp = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
      onAbort = () => resolve(false);
      if (signal?.aborted) resolve(false);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
    try {
      return await Promise.race([Promise.all(waits.map((wait) => wait.reached)).then(() => true as const), givenUp]);
    } finally {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener("abort", onAbort);
      for (const wait of waits) wait.cancel();
    }
  }

  /** The projections among `projections` whose checkpoint is below `position`. */
  behind(projections: readonly string[], position: bigint): string[] {
    return projections.filter((projection) => this.notifier.checkpoint(projection) < position);
  }

  /** Waits until each projection is caught up to `position`, or throws CONSISTENCY_TIMEOUT. */
  async requirePosition(projections: string | readonly string[], position: bigint | null | undefined): Promise<void> {
    if (position == null) return;
    const names = typeof projections === "string" ? [projections] : projections;
    const behind = names.filter((name) => this.notifier.checkpoint(name) < position);
    if (behind.length === 0 || (await this.caughtUp(behind, position))) return;
    const lagging = behind.find((name) => this.notifier.checkpoint(name) < position) ?? behind[0]!;
    throw new ConsistencyTimeoutError(`${lagging} did not reach position ${position} within ${this.timeoutMs} ms`, {
      projection: lagging,
      requiredPosition: String(position),
      currentPosition: String(this.notifier.checkpoint(lagging)),
    });
  }

  /**
   * Reads a row until it reflects at least `minVersion` of its stream, waiting on row-change
   * notifications between reads; throws CONSISTENCY_TIMEOUT when it does not in time.
   */
  async requireVersion<Row extends { version: number }>(
    projection: string,
    id: string,
    minVersion: number | null | undefined,
    read: () => Promise<Row | null>,
  ): Promise<Row | null> {
    if (minVersion == null) return read();
    const deadline = Date.now() + this.timeoutMs;
    let changed!: () => void;
    let signal = new Promise<void>((resolve) => (changed = resolve));
    // Listen before reading, so a change between the read and the wait is not missed. A
    // rebuild announces the rows it replays only as a whole, batch by batch: each is a cue
    // to read the row again.
    const stopRows = this.notifier.onRowChange(projection, id, (change) => {
      if (change.version >= minVersion) changed();
    });
    const stopReplays = this.notifier.onReplay(projection, () => changed());
    const stop = () => {
      stopRows();
      stopReplays();
    };
    try {
      let row = await read();
      while (!row || row.version < minVersion) {
        const remaining = deadline - Date.now();
        let timer: NodeJS.Timeout | undefined;
        const arrived = await Promise.race([
          signal.then(() => true),
          new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), Math.max(0, remaining)))),
        ]);
        clearTimeout(timer);
        if (!arrived) {
          throw new ConsistencyTimeoutError(`${projection} row ${id} did not reach version ${minVersion} within ${this.timeoutMs} ms`, {
            projection,
            id,
            requiredVersion: minVersion,
            currentVersion: row?.version ?? 0,
            currentPosition: String(this.notifier.checkpoint(projection)),
          });
        }
        signal = new Promise<void>((resolve) => (changed = resolve));
        row = await read();
      }
      return row;
    } finally {
      stop();
    }
  }
}
