/**
 * On start, projections catch up with what the log gained while the server was down (or
 * what `npm run seed` wrote in its own process). While that is long, the log says how far
 * they are, every few seconds: positions, events per second, the time left at that pace.
 */
import type { ProjectionStatus } from "./core/projector.js";
import type { Logger } from "./observability.js";

/** Shown only when the projections start at least this many positions behind the head. */
export const LONG_CATCH_UP = 5000;

export interface CatchUpLine {
  /** Positions applied of the positions to apply, over every running projection. */
  done: bigint;
  total: bigint;
  eventsPerSecond: number;
  /** Seconds left at the pace so far; null before there is a pace. */
  secondsLeft: number | null;
}

/** How far the projections behind at the start are, as one line. */
export function catchUpLine(start: ReadonlyMap<string, bigint>, statuses: readonly ProjectionStatus[], seconds: number): CatchUpLine {
  let done = 0n;
  let total = 0n;
  let events = 0;
  for (const status of statuses) {
    const from = start.get(status.name);
    if (from === undefined || status.state === "STANDBY") continue;
    done += status.position - from;
    total += (status.headPosition > status.position ? status.headPosition : status.position) - from;
    events += status.eventsApplied;
  }
  const eventsPerSecond = seconds > 0 ? Math.round(events / seconds) : 0;
  const pace = seconds > 0 ? Number(done) / seconds : 0;
  return { done, total, eventsPerSecond, secondsLeft: pace > 0 ? Math.round(Number(total - done) / pace) : null };
}

/**
 * Logs the catch-up every `everyMs` until every projection is at the head, when the
 * projections start `LONG_CATCH_UP` or more positions behind. Returns a stop.
 */
export function reportCatchUp(projections: () => ProjectionStatus[], head: bigint, log: Logger, everyMs = 2000): () => void {
  // The runners may not have sampled the head yet: the log's last position stands in for it.
  const headed = () =>
    projections()
      .filter((status) => status.state !== "STANDBY")
      .map((status) => ({ ...status, headPosition: status.headPosition > head ? status.headPosition : head }));
  const initial = headed();
  const behind = initial.reduce(
    (sum, status) => sum + (status.headPosition > status.position ? status.headPosition - status.position : 0n),
    0n,
  );
  if (behind < BigInt(LONG_CATCH_UP)) return () => {};
  const start = new Map(initial.map((status) => [status.name, status.position]));
  const started = Date.now();
  const say = (line: CatchUpLine, message: string) =>
    log.info(
      { done: String(line.done), total: String(line.total), eventsPerSecond: line.eventsPerSecond, secondsLeft: line.secondsLeft },
      message,
    );
  say(
    catchUpLine(start, initial, 0),
    `projections catching up: ${behind} positions behind the log (${initial.length} projections together)`,
  );
  const timer = setInterval(() => {
    const statuses = headed();
    const line = catchUpLine(start, statuses, (Date.now() - started) / 1000);
    const caughtUp = statuses.every(
      (status) => !start.has(status.name) || status.state !== "RUNNING" || status.position >= status.headPosition,
    );
    if (caughtUp) {
      clearInterval(timer);
      say(line, `projections caught up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return;
    }
    const percent = line.total > 0n ? Number((line.done * 1000n) / line.total) / 10 : 100;
    say(
      line,
      `projections catching up: ${percent}% (${line.eventsPerSecond} events/s${line.secondsLeft === null ? "" : `, about ${line.secondsLeft} s left`})`,
    );
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
