/**
 * The in-process source of read-side progress: projection checkpoints and changed rows.
 * Waiters and subscribers are resolved from here, never by polling the database.
 * Projectors publish after they commit; (later) a cross-instance transport publishes what
 * other instances' projectors committed.
 */

export interface CheckpointEvent {
  projection: string;
  position: bigint;
}

export interface RowChange {
  projection: string;
  id: string;
  version: number;
  position: bigint;
}

type Listener<T> = (event: T) => void;

interface Waiter {
  position: bigint;
  resolve: () => void;
}

export class Notifier {
  private readonly checkpoints = new Map<string, bigint>();
  /** Per projection, waiters sorted by position (ascending). */
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly checkpointListeners = new Set<Listener<CheckpointEvent>>();
  private readonly rowListeners = new Map<string, Set<Listener<RowChange>>>();
  private readonly replayListeners = new Map<string, Set<() => void>>();
  private readonly allRowListeners = new Set<Listener<readonly RowChange[]>>();
  private readonly allReplayListeners = new Set<Listener<string>>();
  private readonly resetListeners = new Set<Listener<string>>();
  /** Projections that stopped (FAILED), with the short reason given. */
  private readonly failures = new Map<string, string>();
  private readonly failureListeners = new Set<Listener<string>>();
  private readonly unavailableListeners = new Set<Listener<string>>();
  /** Why the database these checkpoints describe cannot be read now (a replica that stopped answering), or null. */
  private unavailableReason: string | null = null;

  /** The last published checkpoint of a projection (0 before any). */
  checkpoint(projection: string): bigint {
    return this.checkpoints.get(projection) ?? 0n;
  }

  /** Records a checkpoint; a position at or below the known one is ignored. */
  publishCheckpoint(projection: string, position: bigint): void {
    if (position <= this.checkpoint(projection)) return;
    this.checkpoints.set(projection, position);
    const queue = this.waiters.get(projection);
    if (queue) {
      let reached = 0;
      while (reached < queue.length && queue[reached]!.position <= position) reached++;
      for (const waiter of queue.splice(0, reached)) waiter.resolve();
      if (queue.length === 0) this.waiters.delete(projection);
    }
    for (const listener of this.checkpointListeners) listener({ projection, position });
  }

  /**
   * Forgets a projection's checkpoint, and any failure (a rebuild began); waiters stay and
   * are resolved again later.
   */
  resetCheckpoint(projection: string): void {
    this.checkpoints.delete(projection);
    this.failures.delete(projection);
    for (const listener of this.resetListeners) listener(projection);
  }

  /** Calls `listener` with the name of each projection whose rebuild begins (here or, through the bus, elsewhere). */
  onReset(listener: Listener<string>): () => void {
    this.resetListeners.add(listener);
    return () => this.resetListeners.delete(listener);
  }

  /** Why a projection stopped (FAILED); undefined while it runs. */
  failure(projection: string): string | undefined {
    return this.failures.get(projection);
  }

  /**
   * Records that a projection stopped, with a short reason (never an error's own text: it
   * reaches clients), or that it runs again (null). Failure listeners hear of each stop.
   */
  publishFailure(projection: string, reason: string | null): void {
    if (reason === null) {
      this.failures.delete(projection);
      return;
    }
    if (this.failures.get(projection) === reason) return;
    this.failures.set(projection, reason);
    for (const listener of this.failureListeners) listener(projection);
  }

  /** Calls `listener` with the name of each projection that stops (here or, through the bus, elsewhere). */
  onFailure(listener: Listener<string>): () => void {
    this.failureListeners.add(listener);
    return () => this.failureListeners.delete(listener);
  }

  get unavailable(): string | null {
    return this.unavailableReason;
  }

  /** Records that the database behind this notifier stopped answering (a reason), or answers again (null). */
  publishUnavailable(reason: string | null): void {
    this.unavailableReason = reason;
    if (reason !== null) for (const listener of this.unavailableListeners) listener(reason);
  }

  onUnavailable(listener: Listener<string>): () => void {
    this.unavailableListeners.add(listener);
    return () => this.unavailableListeners.delete(listener);
  }

  publishRowChanges(changes: readonly RowChange[]): void {
    for (const listener of this.allRowListeners) listener(changes);
    for (const change of changes) {
      const listeners = this.rowListeners.get(rowKey(change.projection, change.id));
      if (listeners) for (const listener of listeners) listener(change);
    }
  }

  /**
   * A rebuild of `projection` rewrote rows it does not announce one by one (changes already
   * announced before it, see ProjectionRunner.replayedUpTo): whoever waits for one of its
   * rows to reach a version reads it again.
   */
  publishReplay(projection: string): void {
    for (const listener of this.allReplayListeners) listener(projection);
    for (const listener of this.replayListeners.get(projection) ?? []) listener();
  }

  /**
   * Resolves when `projection` has published a checkpoint >= `position`. Returns the
   * promise and a `cancel` that removes the waiter (it then never resolves).
   */
  waitForCheckpoint(projection: string, position: bigint): { reached: Promise<void>; cancel: () => void } {
    if (this.checkpoint(projection) >= position) return { reached: Promise.resolve(), cancel: () => {} };
    let waiter!: Waiter;
    const reached = new Promise<void>((resolve) => {
      waiter = { position, resolve };
    });
    const queue = this.waiters.get(projection) ?? [];
    this.waiters.set(projection, queue);
    // Waiters mostly ask for recent positions: search from the end.
    let index = queue.length;
    while (index > 0 && queue[index - 1]!.position > position) index--;
    queue.splice(index, 0, waiter);
    const cancel = () => {
      const current = this.waiters.get(projection);
      const at = current?.indexOf(waiter) ?? -1;
      if (at >= 0) current!.splice(at, 1);
      if (current?.length === 0) this.waiters.delete(projection);
    };
    return { reached, cancel };
  }

  onCheckpoint(listener: Listener<CheckpointEvent>): () => void {
    this.checkpointListeners.add(listener);
    return () => this.checkpointListeners.delete(listener);
  }

  onRowChange(projection: string, id: string, listener: Listener<RowChange>): () => void {
    return listen(this.rowListeners, rowKey(projection, id), listener);
  }

  onReplay(projection: string, listener: () => void): () => void {
    return listen(this.replayListeners, projection, listener);
  }

  /** Every batch of row changes, of every projection (a replica's follower mirrors them: ./replicas.ts). */
  onRowChanges(listener: Listener<readonly RowChange[]>): () => void {
    this.allRowListeners.add(listener);
    return () => this.allRowListeners.delete(listener);
  }

  /** Every replay announcement, with its projection's name. */
  onReplays(listener: Listener<string>): () => void {
    this.allReplayListeners.add(listener);
    return () => this.allReplayListeners.delete(listener);
  }

  /** Registered waiters and listeners, for leak checks. */
  get stats(): {
    waiters: number;
    checkpointListeners: number;
    rowListeners: number;
    replayListeners: number;
    resetListeners: number;
    failureListeners: number;
  } {
    let waiters = 0;
    for (const queue of this.waiters.values()) waiters += queue.length;
    return {
      waiters,
      checkpointListeners: this.checkpointListeners.size,
      rowListeners: count(this.rowListeners),
      replayListeners: count(this.replayListeners),
      resetListeners: this.resetListeners.size,
      failureListeners: this.failureListeners.size,
    };
  }
}

const rowKey = (projection: string, id: string) => `${projection}\u0000${id}`;

/** Adds `listener` to the set under `key`; the returned function removes it (and the set, once empty). */
function listen<L>(sets: Map<string, Set<L>>, key: string, listener: L): () => void {
  const listeners = sets.get(key) ?? new Set();
  listeners.add(listener);
  sets.set(key, listeners);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && sets.get(key) === listeners) sets.delete(key);
  };
}

/** Listeners in all the sets of a map. */
function count(sets: Map<string, Set<unknown>>): number {
  let total = 0;
  for (const listeners of sets.values()) total += listeners.size;
  return total;
}
