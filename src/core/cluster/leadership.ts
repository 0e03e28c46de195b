/**
 * One active runner per projection across all instances: a runner runs while its instance
 * holds the projection's PostgreSQL advisory lock, taken on a connection of its own.
 *
 * - Standbys try the locks they lack every `retryMs`; PostgreSQL frees a lock when its
 *   session ends, so a dead holder is replaced within about `retryMs`.
 * - The holder checks its lock connection every `retryMs` too (a query with a timeout of
 *   `retryMs`): when it fails, every lock is given up at once and the runners stop; the
 *   connection is ended, so PostgreSQL frees the locks for the others.
 * - The window where an old holder still finishes a batch while a new one starts is fenced
 *   by the checkpoint's compare-and-set (projector.ts): only one of them commits.
 */
import pg from "pg";

export interface LeadershipOptions {
  /** How often standbys try for locks and the holder checks its connection, in ms. */
  retryMs: number;
  onAcquire(name: string): void;
  onLose(name: string): void;
  onError?(error: unknown): void;
}

/** The lock's two int4 keys: a constant for Catchup, and the projection name's hash. */
const NAMESPACE = 0x43415443; // "CATC"

export function lockKey(name: string): number {
  let hash = 0x811c9dc5; // FNV-1a, 32 bits
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193);
  return hash | 0;
}

export class Leadership {
  private client: pg.Client | undefined;
  private readonly held = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private ticking: Promise<void> | undefined;

  constructor(
    private readonly url: string,
    private readonly names: readonly string[],
    private readonly options: LeadershipOptions,
  ) {}

  /** Projections this instance runs now. */
  get leading(): ReadonlySet<string> {
    return this.held;
  }

  async start(): Promise<void> {
    this.running = true;
    await this.tick();
  }

  private schedule(): void {
    if (this.running) this.timer = setTimeout(() => void (this.ticking = this.tick()), this.options.retryMs);
  }

  private async tick(): Promise<void> {
    try {
      const client = this.client ?? (await this.connect());
      if (this.held.size > 0) await this.check(client);
      for (const name of this.names) {
        if (this.held.has(name) || !this.running) continue;
        const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS ok", [NAMESPACE, lockKey(name)]);
        if (rows[0]!.ok) {
          this.held.add(name);
          this.options.onAcquire(name);
        }
      }
    } catch (error) {
      this.options.onError?.(error);
      this.loseAll();
    } finally {
      this.schedule();
    }
  }

  /** The lock connection answers within retryMs, or every lock counts as lost. */
  private async check(client: pg.Client): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        client.query("SELECT 1"),
        new Promise(
          (_, reject) => (timer = setTimeout(() => reject(new Error("the lock connection did not answer in time")), this.options.retryMs)),
        ),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.url, application_name: "catchup-leadership", keepAlive: true });
    client.on("error", () => {});
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    this.client = client;
    // The locks live and die with this connection.
    client.on("error", () => this.client === client && this.loseAll());
    client.on("end", () => this.client === client && this.loseAll());
    return client;
  }

  /** Stops every runner this instance leads and ends the lock connection (freeing the locks). */
  private loseAll(): void {
    const client = this.client;
    this.client = undefined;
    for (const name of [...this.held]) {
      this.held.delete(name);
      this.options.onLose(name);
    }
    void client?.end().catch(() => {});
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.ticking;
    this.loseAll();
  }
}
