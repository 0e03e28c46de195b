/**
 * Connects one instance's read-side progress to the other instances' through a Bus:
 *
 * - out: what this instance's projectors announce (checkpoints, changed rows, resets, failures) and
 *   what it appended (the head), gathered while the previous message was on its way (one
 *   event-loop turn when idle; up to a second while no other instance listens) and sent as
 *   one message (split when large);
 * - in: the others' messages become local announcements, so that STRONG mutations,
 *   minPosition/minVersion reads and subscriptions here resolve for work done elsewhere,
 *   and this instance's projectors wake up for events appended elsewhere.
 */
import { randomUUID } from "node:crypto";
import type { Notifier, RowChange } from "../notifier.js";
import type { Announcer } from "../projector.js";
import { MAX_MESSAGE_BYTES, type Bus, type ClusterMessage } from "./bus.js";

/** While no other instance listens, the longest a message waits to be sent. */
const ALONE_DELAY_MS = 1000;

export interface LinkHandlers {
  /** Another instance appended up to this position. */
  appended(position: bigint): void;
  /** Someone asked for these projections to be rebuilt. */
  rebuild(names: string[]): void;
}

export class ClusterLink {
  readonly id = randomUUID();
  private head: bigint | undefined;
  private checkpoints = new Map<string, bigint>();
  private rows: RowChange[] = [];
  private resets = new Set<string>();
  private replays = new Set<string>();
  private failures = new Map<string, string | null>();
  private scheduled = false;
  /** A send loop is running (see send). */
  private busy = false;
  /** No other instance listens (as last counted): what is pending leaves at most ALONE_DELAY_MS later. */
  private alone = false;
  private aloneTimer: NodeJS.Timeout | undefined;
  private sending: Promise<void> = Promise.resolve();

  /** What projectors of this instance announce through: locally, then to the others. */
  readonly announcer: Announcer;

  constructor(
    private readonly bus: Bus,
    private readonly notifier: Notifier,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    this.announcer = {
      checkpoint: (projection) => notifier.checkpoint(projection),
      publishCheckpoint: (projection, position) => {
        notifier.publishCheckpoint(projection, position);
        if (position > (this.checkpoints.get(projection) ?? -1n)) this.checkpoints.set(projection, position);
        this.flushSoon();
      },
      publishRowChanges: (changes) => {
        notifier.publishRowChanges(changes);
        this.rows.push(...changes);
        this.flushSoon();
      },
      publishReplay: (projection) => {
        notifier.publishReplay(projection);
        this.replays.add(projection);
        this.flushSoon();
      },
      resetCheckpoint: (projection) => {
        notifier.resetCheckpoint(projection);
        this.checkpoints.delete(projection);
        this.resets.add(projection);
        this.flushSoon();
      },
      failure: (projection) => notifier.failure(projection),
      publishFailure: (projection, reason) => {
        notifier.publishFailure(projection, reason);
        this.failures.set(projection, reason);
        this.flushSoon();
      },
    };
  }

  async start(handlers: LinkHandlers): Promise<void> {
    await this.bus.start((message) => this.receive(message, handlers));
    // Tell the instances already listening that one more does: they send at once from now on.
    await this.bus.publish({ from: this.id }).catch(this.onError);
    await this.countPeers();
  }

  /**
   * Counts the other instances listening (the app does every second). Alone, messages are
   * gathered for up to a second instead of leaving every event-loop turn: nobody reads them
   * yet, and one that starts listening says so with its first message (and is counted by
   * the next check), so it waits at most that second for what it missed — no longer than
   * its own reading of the stored checkpoints takes.
   */
  async countPeers(): Promise<void> {
    this.setAlone((await this.bus.peers()) === 0);
  }

  private setAlone(alone: boolean): void {
    if (this.alone === alone) return;
    this.alone = alone;
    if (!alone && this.stopWaiting()) this.flushSoon();
  }

  /** Cancels a send that waits out ALONE_DELAY_MS; whether there was one. */
  private stopWaiting(): boolean {
    if (!this.aloneTimer) return false;
    clearTimeout(this.aloneTimer);
    this.aloneTimer = undefined;
    this.scheduled = false;
    return true;
  }

  /** This instance appended up to `position`. */
  appended(position: bigint): void {
    if (this.head === undefined || position > this.head) this.head = position;
    this.flushSoon();
  }

  /** Asks whichever instance runs these projections to rebuild them. */
  async requestRebuild(names: string[]): Promise<void> {
    await this.bus.publish({ from: this.id, rebuild: names });
  }

  private receive(message: ClusterMessage, handlers: LinkHandlers): void {
    if (message.from === this.id) return;
    this.setAlone(false);
    if (message.rebuild) handlers.rebuild(message.rebuild);
    for (const projection of message.reset ?? []) this.notifier.resetCheckpoint(projection);
    if (message.rows) {
      this.notifier.publishRowChanges(
        message.rows.map(([projection, id, version, position]) => ({ projection, id, version, position: BigInt(position) })),
      );
    }
    for (const projection of message.replayed ?? []) this.notifier.publishReplay(projection);
    for (const [projection, reason] of Object.entries(message.failed ?? {})) this.notifier.publishFailure(projection, reason);
    for (const [projection, position] of Object.entries(message.checkpoints ?? {}))
      this.notifier.publishCheckpoint(projection, BigInt(position));
    if (message.head) handlers.appended(BigInt(message.head));
  }

  /**
   * Sends what is pending after this event-loop turn; while a send is in flight, what
   * arrives waits for it and goes in the next one. Idle, a change leaves at once; busy,
   * a message carries everything one round trip gathered, not one turn.
   */
  private flushSoon(): void {
    if (this.scheduled || this.busy) return;
    this.scheduled = true;
    const go = () => {
      this.scheduled = false;
      this.aloneTimer = undefined;
      this.sending = this.send();
    };
    if (this.alone) this.aloneTimer = setTimeout(go, ALONE_DELAY_MS);
    else setImmediate(go);
  }

  /** One send at a time, in order: a checkpoint must never overtake the rows it covers. */
  private async send(): Promise<void> {
    this.busy = true;
    try {
      while (this.pending) {
        for (const message of this.take()) await this.bus.publish(message).catch(this.onError);
      }
    } finally {
      this.busy = false;
    }
  }

  private get pending(): boolean {
    return (
      this.rows.length > 0 ||
      this.resets.size > 0 ||
      this.replays.size > 0 ||
      this.failures.size > 0 ||
      this.checkpoints.size > 0 ||
      this.head !== undefined
    );
  }

  /** What is pending, as messages under the size limit (rows first, checkpoints in the last). */
  private take(): ClusterMessage[] {
    const messages: ClusterMessage[] = [];
    let rows: ClusterMessage["rows"] = [];
    let size = 0;
    for (const change of this.rows) {
      const row: [string, string, number, string] = [change.projection, change.id, change.version, change.position.toString()];
      const bytes = JSON.stringify(row).length + 1;
      if (size + bytes > MAX_MESSAGE_BYTES && rows.length > 0) {
        messages.push({ from: this.id, rows });
        rows = [];
        size = 0;
      }
      rows.push(row);
      size += bytes;
    }
    const last: ClusterMessage = { from: this.id };
    if (rows.length > 0) last.rows = rows;
    if (this.resets.size > 0) last.reset = [...this.resets];
    if (this.replays.size > 0) last.replayed = [...this.replays];
    if (this.failures.size > 0) last.failed = Object.fromEntries(this.failures);
    if (this.checkpoints.size > 0)
      last.checkpoints = Object.fromEntries([...this.checkpoints].map(([name, position]) => [name, position.toString()]));
    if (this.head !== undefined) last.head = this.head.toString();
    messages.push(last);
    this.rows = [];
    this.resets.clear();
    this.replays.clear();
    this.failures.clear();
    this.checkpoints.clear();
    this.head = undefined;
    return messages;
  }

  async close(): Promise<void> {
    if (this.stopWaiting()) this.sending = this.send();
    await this.sending;
    await this.bus.close();
  }
}
