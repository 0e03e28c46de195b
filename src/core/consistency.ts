/**
 * Waiting for the read side to reflect a write: the contract behind `consistency: STRONG`,
 * `minPosition` and `minVersion`. "Caught up to P" means every event at or below global
 * position P has been applied (checkpoints only ever advance to the log's safe head).
 * A projection that has failed will not get there: a wait on it ends at once.
 */
import { ConsistencyTimeoutError, ProjectionFailedError, ServiceUnavailableError } from "./errors.js";
import type { Notifier } from "./notifier.js";

export class Consistency {
  constructor(
    private readonly notifier: Notifier,
    /** Default wait, in ms. */
    readonly timeoutMs: number,
  ) {}

  /**
   * Whether every projection is caught up to `position` within the timeout. Never throws;
   * an aborted wait, or one on a projection that has failed short of `position`, answers
   * false at once. Nothing of the wait is left behind either way.
   */
  async caughtUp(projections: readonly string[], position: bigint, timeoutMs = this.timeoutMs, signal?: AbortSignal): Promise<boolean> {
    if (this.failedShortOf(projections, position) || this.notifier.unavailable !== null) return false;
    const waits = projections.map((projection) => this.notifier.waitForCheckpoint(projection, position));
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    let stopFailures: (() => void) | undefined;
    let stopUnavailable: (() => void) | undefined;
    const givenUp = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
      onAbort = () => resolve(false);
      if (signal?.aborted) resolve(false);
      signal?.addEventListener("abort", onAbort, { once: true });
      stopFailures = this.notifier.onFailure(() => {
        if (this.failedShortOf(projections, position)) resolve(false);
      });
      stopUnavailable = this.notifier.onUnavailable(() => resolve(false));
    });
    try {
      return await Promise.race([Promise.all(waits.map((wait) => wait.reached)).then(() => true as const), givenUp]);
    } finally {
      clearTimeout(timer);
      stopFailures?.();
      stopUnavailable?.();
      if (onAbort) signal?.removeEventListener("abort", onAbort);
      for (const wait of waits) wait.cancel();
    }
  }

  /** The projections among `projections` whose checkpoint is below `position`. */
  behind(projections: readonly string[], position: bigint): string[] {
    return projections.filter((projection) => this.notifier.checkpoint(projection) < position);
  }

  /**
   * Waits until each projection is caught up to `position`; throws PROJECTION_FAILED at
   * once for one that has failed short of it, CONSISTENCY_TIMEOUT when the wait times out.
   */
  async requirePosition(projections: string | readonly string[], position: bigint | null | undefined): Promise<void> {
    if (position == null) return;
    const names = typeof projections === "string" ? [projections] : projections;
    const behind = this.behind(names, position);
    if (behind.length === 0 || (await this.caughtUp(behind, position))) return;
    this.throwIfFailed(behind, position);
    this.throwIfUnavailable();
    const still = this.behind(behind, position);
    const lagging = still[0] ?? behind[0]!;
    throw new ConsistencyTimeoutError(
      `${(still.length > 0 ? still : [lagging]).join(", ")} did not reach position ${position} within ${this.timeoutMs} ms`,
      {
        projection: lagging,
        // Every projection of the read still short of the position.
        projections: still.length > 0 ? still : [lagging],
        requiredPosition: String(position),
        currentPosition: String(this.notifier.checkpoint(lagging)),
      },
    );
  }

  /**
   * Reads a row until it reflects at least `minVersion` of its stream, waiting on row-change
   * notifications between reads; throws CONSISTENCY_TIMEOUT when it does not in time, and
   * PROJECTION_FAILED as soon as the projection has failed with the row short of it.
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
    // to read the row again. A failure is a cue to stop.
    const stops = [
      this.notifier.onRowChange(projection, id, (change) => {
        if (change.version >= minVersion) changed();
      }),
      this.notifier.onReplay(projection, () => changed()),
      this.notifier.onFailure((failed) => {
        if (failed === projection) changed();
      }),
      this.notifier.onUnavailable(() => changed()),
    ];
    try {
      let row = await read();
      while (!row || row.version < minVersion) {
        this.throwIfFailed([projection]);
        this.throwIfUnavailable();
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
      for (const stop of stops) stop();
    }
  }

  /** Whether one of `projections` has failed below `position` (at any position when none is given). */
  private failedShortOf(projections: readonly string[], position?: bigint): string | undefined {
    return projections.find(
      (name) => this.notifier.failure(name) !== undefined && (position === undefined || this.notifier.checkpoint(name) < position),
    );
  }

  /** A wait on a database that stopped answering (a replica out of rotation) ends at once: the client retries, and is served elsewhere. */
  private throwIfUnavailable(): void {
    const reason = this.notifier.unavailable;
    if (reason !== null) throw new ServiceUnavailableError(`${reason}: retry`);
  }

  private throwIfFailed(projections: readonly string[], position?: bigint): void {
    const failed = this.failedShortOf(projections, position);
    if (failed === undefined) return;
    throw new ProjectionFailedError(
      `${failed} has failed at position ${this.notifier.checkpoint(failed)} (${this.notifier.failure(failed)}); it answers no wait until it is repaired and rebuilt`,
      { projection: failed, currentPosition: String(this.notifier.checkpoint(failed)) },
    );
  }
}
