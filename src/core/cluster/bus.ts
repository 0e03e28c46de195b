/**
 * The messages instances of one deployment exchange, and the transports that carry them:
 * PostgreSQL LISTEN/NOTIFY (one listening connection per instance) or Redis pub/sub.
 * A message is small JSON; a transport delivers it to every instance, the sender included
 * (receivers ignore their own).
 */
import pg from "pg";

export interface ClusterMessage {
  /** The sending instance. */
  from: string;
  /** The log's last position the sender appended (wakes the projectors elsewhere). */
  head?: string;
  /** Checkpoints the sender's projectors reached, by projection. */
  checkpoints?: Record<string, string>;
  /** Rows the sender's projectors changed: [projection, id, version, position]. */
  rows?: [string, string, number, string][];
  /** Projections whose rebuild rewrote rows not listed one by one (see Notifier.publishReplay). */
  replayed?: string[];
  /** Projections whose checkpoint went back to 0 (a rebuild began). */
  reset?: string[];
  /** Projections that stopped (a short reason) or run again (null). */
  failed?: Record<string, string | null>;
  /** Projections to rebuild: asked of whichever instance runs them. */
  rebuild?: string[];
}

export interface Bus {
  readonly kind: "postgres" | "redis";
  start(receive: (message: ClusterMessage) => void): Promise<void>;
  publish(message: ClusterMessage): Promise<void>;
  /** How many other instances listen now; null when it cannot tell. */
  peers(): Promise<number | null>;
  close(): Promise<void>;
}

/** NOTIFY payloads must stay under 8,000 bytes; messages are split below this. */
export const MAX_MESSAGE_BYTES = 7_000;

const CHANNEL = "catchup_cluster";

/**
 * LISTEN/NOTIFY on the event store's own database: one connection listens (and reconnects
 * with backoff when it drops); another publishes. A NOTIFY commits a transaction of its
 * own; the publisher's session does not wait for the disk on commit (synchronous_commit
 * off), since a notification lost in a crash costs a wait of one poll, not data.
 */
export class PostgresBus implements Bus {
  readonly kind = "postgres";
  private client: pg.Client | undefined;
  private readonly publisher: pg.Pool;
  private closed = false;
  private receive: ((message: ClusterMessage) => void) | undefined;

  constructor(
    private readonly url: string,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    this.publisher = new pg.Pool({
      connectionString: url,
      max: 1,
      idleTimeoutMillis: 0,
      application_name: "catchup-bus-publisher",
      options: "-c synchronous_commit=off",
    });
    this.publisher.on("error", () => {});
    this.publisher.on("connect", (client) => client.on("error", () => {}));
  }

  async start(receive: (message: ClusterMessage) => void): Promise<void> {
    this.receive = receive;
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: "catchup-bus", keepAlive: true });
    client.on("notification", (notification) => {
      if (notification.channel !== CHANNEL || !notification.payload) return;
      try {
        this.receive?.(JSON.parse(notification.payload) as ClusterMessage);
      } catch (error) {
        this.onError(error);
      }
    });
    client.on("error", () => {});
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    this.client = client;
    // Only a connection that was up schedules a reconnect when it ends (a failed attempt
    // is retried by the loop that made it: one loop at a time, never one per failure).
    client.on("end", () => {
      if (this.client !== client) return;
      this.client = undefined;
      if (!this.closed) void this.reconnect();
    });
  }

  private reconnecting = false;

  private async reconnect(): Promise<void> {
    if (this.reconnecting) return;
    this.reconnecting = true;
    try {
      for (let attempt = 0; !this.closed; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 2000)));
        try {
          await this.connect();
          return;
        } catch (error) {
          this.onError(error);
        }
      }
    } finally {
      this.reconnecting = false;
    }
  }

  async publish(message: ClusterMessage): Promise<void> {
    await this.publisher.query("SELECT pg_notify($1, $2)", [CHANNEL, JSON.stringify(message)]);
  }

  /** Listening connections of other instances on this database (they name themselves catchup-bus). */
  async peers(): Promise<number | null> {
    const own = (this.client as (pg.Client & { processID?: number }) | undefined)?.processID;
    if (own === undefined || own === null) return null;
    try {
      const { rows } = await this.publisher.query<{ peers: number }>(
        "SELECT count(*)::int AS peers FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'catchup-bus' AND pid <> $1",
        [own],
      );
      return rows[0]!.peers;
    } catch {
      return null;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client?.end().catch(() => {});
    await this.publisher.end().catch(() => {});
  }
}

/** Redis pub/sub (CATCHUP_BUS=redis): one subscriber connection and one publisher. */
export class RedisBus implements Bus {
  readonly kind = "redis";
  private subscriber: import("redis").RedisClientType | undefined;
  private publisher: import("redis").RedisClientType | undefined;

  constructor(
    private readonly url: string,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  async start(receive: (message: ClusterMessage) => void): Promise<void> {
    const { createClient } = await import("redis");
    const options = { url: this.url, socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000) } };
    this.publisher = createClient(options) as import("redis").RedisClientType;
    this.subscriber = this.publisher.duplicate();
    for (const client of [this.publisher, this.subscriber]) client.on("error", this.onError);
    await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
    await this.subscriber.subscribe(CHANNEL, (payload) => {
      try {
        receive(JSON.parse(payload) as ClusterMessage);
      } catch (error) {
        this.onError(error);
      }
    });
  }

  async publish(message: ClusterMessage): Promise<void> {
    await this.publisher?.publish(CHANNEL, JSON.stringify(message));
  }

  async peers(): Promise<number | null> {
    try {
      const counts = await this.publisher?.pubSubNumSub(CHANNEL);
      const subscribers = counts?.[CHANNEL];
      return subscribers === undefined ? null : Math.max(0, Number(subscribers) - 1);
    } catch {
      return null;
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.subscriber?.quit().catch(() => {}), this.publisher?.quit().catch(() => {})]);
  }
}
