/**
 * The log's high-water mark: the highest position P such that every event at or below P
 * is final (committed, or rolled back and never to appear). Readers of the global log
 * read only up to it, which is what makes "caught up to P" exact while many connections
 * append at once: PostgreSQL hands out positions in insert order, not commit order.
 *
 * How (see catchup_log_head in the migrations): a sample reads the last drawn position
 * `head` and then takes a new xid, the `fence`. Appenders take their xid before drawing a
 * position, so every position <= head belongs to a transaction with an xid below the fence.
 * A sample settles a candidate when no transaction with an xid below its fence can still
 * commit a position: either the sample's xmin has passed the fence (every older
 * transaction ended), or none of the transactions it sees appending is older than the
 * fence (appenders mark themselves before they draw; other transactions — a projector's
 * batch, a report — do not hold the log back).
 *
 * That second test settles the sample's own head too, with no second round trip: the list
 * of appenders is read after the head, so an appender that drew a position at or below the
 * head had marked itself before the list was read, and is in it unless it has ended (its
 * xid leaves pg_stat_activity when its commit becomes visible, before its mark does). An
 * appender missing from the list either ended or draws after the head. Idle, or with only
 * younger appenders about, the head is therefore safe in the sample that read it.
 */

export interface HeadSample {
  /** Last drawn position. */
  head: bigint;
  /** An xid assigned after `head` was read. */
  fence: bigint;
  /** xmin of a snapshot taken before `head` was read. */
  xmin: bigint;
  /** 32-bit xids of the transactions appending when sampled; null when not known. */
  appending: readonly number[] | null;
}

/** Whether a 32-bit xid precedes the fence (xids wrap; live ones are within 2^31 of each other). */
function precedes(xid32: number, fence: bigint): boolean {
  return ((xid32 - Number(fence & 0xffffffffn)) | 0) < 0;
}

export class LogHead {
  private safe = 0n;
  /** Samples not yet known safe, in sampling order (head and fence both non-decreasing). */
  private pending: { head: bigint; fence: bigint }[] = [];
  /** The last run of samples, started or queued: every run starts after the one before ends. */
  private last: Promise<unknown> = Promise.resolve();
  /** A run queued behind the current one and not started yet, which new callers share. */
  private queued: Promise<bigint> | undefined;

  constructor(private readonly sample: () => Promise<HeadSample>) {}

  /** The last known safe position, without asking the database. */
  get position(): bigint {
    return this.safe;
  }

  /** True while drawn positions above the safe one wait for their transactions to end. */
  get unsettled(): boolean {
    return this.pending.some((candidate) => candidate.head > this.safe);
  }

  /**
   * Samples the database and returns the safe position. The sample is always taken after
   * the call, so a caller that has just committed an append gets a result that covers it
   * unless other appends are still in flight; callers that arrive while a sample runs
   * share the one queued right after it.
   *
   * Samples never overlap, and each is settled in the order taken: a sample may settle only
   * candidates taken before it (its list of appenders says nothing of an append that began
   * after it was read), so two at once could settle a head over an append in flight.
   */
  refresh(): Promise<bigint> {
    if (this.queued) return this.queued;
    const run = this.last
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.settleOnce();
      });
    this.queued = run;
    this.last = run;
    return run;
  }

  /**
   * One sample, and a second one right away if it left the head unsettled: without a list of
   * appenders (track_activities off) only a later xmin settles, and an append in flight may
   * have ended by then.
   */
  private async settleOnce(): Promise<bigint> {
    this.settle(await this.sample());
    if (this.unsettled) this.settle(await this.sample());
    return this.safe;
  }

  private settle({ head, fence, xmin, appending }: HeadSample): void {
    const last = this.pending.at(-1);
    // A candidate is only worth keeping while it could raise the safe position.
    if (head > this.safe && !(last && last.head >= head)) this.pending.push({ head, fence });
    const settles = (candidate: { fence: bigint }) =>
      candidate.fence <= xmin || (appending !== null && !appending.some((xid) => precedes(xid, candidate.fence)));
    while (this.pending.length > 0 && settles(this.pending[0]!)) {
      const settled = this.pending.shift()!;
      if (settled.head > this.safe) this.safe = settled.head;
    }
  }
}
