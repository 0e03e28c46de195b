/**
 * /readyz: whether this instance can serve. Ready when the database answers within a
 * second (its migrations were applied before the server started) and every projection that
 * runs is at most `maxLag` events behind the log head.
 *
 * A FAILED projection does not make an instance unready: it fails on every instance alike
 * (the same events, the same code), so taking instances out of a load balancer would stop
 * every read and write for one view's sake. It is reported here, in `projections`, in the
 * metrics and the logs, and reads that wait on it answer PROJECTION_FAILED at once. Read
 * replicas are listed with their state and replay lag; one out of rotation is a warning (reads
 * go to another replica or the primary).
 * The body carries states and short reasons, never an error's own text.
 */
import type { App } from "../app.js";
import type { ReplicaStatus } from "../core/replicas.js";

export interface Readiness {
  ready: boolean;
  database: "reachable" | "unreachable";
  projections: { name: string; state: string; behind: number }[];
  /** Each read replica: healthy (in rotation), lagging or down, and its replay lag. Reads fall back to the primary. */
  replicas?: ReplicaStatus[];
  /** What keeps the instance from being ready. */
  problems: string[];
  /** What is wrong but does not (a failed projection). */
  warnings: string[];
}

export async function readiness(app: App, maxLag: number): Promise<Readiness> {
  const problems: string[] = [];
  const warnings: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  const reachable = await Promise.race([
    app.db.sql.query("SELECT 1").then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 1000))),
  ]);
  clearTimeout(timer);
  if (!reachable) problems.push("the database does not answer");
  const projections = app.projector.status().map((status) => ({
    name: status.name,
    state: status.state,
    behind: Number(status.headPosition > status.position ? status.headPosition - status.position : 0n),
    lastError: status.lastError,
  }));
  for (const projection of projections) {
    if (projection.state === "FAILED") warnings.push(`${projection.name} is FAILED: ${projection.lastError ?? "see the server log"}`);
    else if (!["RUNNING", "REBUILDING", "STANDBY"].includes(projection.state)) problems.push(`${projection.name} is ${projection.state}`);
    else if (projection.lastError) problems.push(`${projection.name}: ${projection.lastError}`);
    else if (projection.behind > maxLag) problems.push(`${projection.name} is ${projection.behind} events behind (at most ${maxLag})`);
  }
  // Replicas out of rotation do not make the instance unready: it reads from the primary.
  const replicas = app.replicas?.status();
  for (const replica of replicas ?? []) {
    if (replica.state !== "healthy") warnings.push(`read replica ${replica.name} is out of rotation (${replica.state})`);
  }
  return {
    ready: problems.length === 0,
    database: reachable ? "reachable" : "unreachable",
    projections: projections.map(({ name, state, behind }) => ({ name, state, behind })),
    ...(replicas && { replicas }),
    problems,
    warnings,
  };
}
