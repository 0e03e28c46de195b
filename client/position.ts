/**
 * The highest log position a client has seen in any response (`extensions.catchup.position`):
 * what it sends on every later operation so that its reads include its own writes. Per
 * client by default; with `shared`, every tracker of the same name in the same browser
 * (tabs, workers) sees the highest position any of them saw.
 */
export interface PositionTrackerOptions {
  /** Share the position across tabs: a BroadcastChannel of this name, and localStorage for tabs opened later. */
  shared?: string;
}

/** What this file needs of a browser (typed here, so that it needs no DOM typings). */
interface Channel {
  postMessage(data: unknown): void;
  close(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
}
interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}
const browser = globalThis as unknown as { BroadcastChannel?: new (name: string) => Channel; localStorage?: KeyValueStorage };

const isPosition = (value: unknown): value is string => typeof value === "string" && /^\d{1,19}$/.test(value);

export class PositionTracker {
  private highest: bigint | null = null;
  private readonly channel: Channel | undefined;
  private readonly storageKey: string | undefined;

  constructor(options: PositionTrackerOptions = {}) {
    if (options.shared !== undefined) {
      this.storageKey = `catchup-position:${options.shared}`;
      const stored = browser.localStorage?.getItem(this.storageKey);
      if (isPosition(stored)) this.highest = BigInt(stored);
      if (browser.BroadcastChannel) {
        this.channel = new browser.BroadcastChannel(this.storageKey);
        this.channel.onmessage = (message) => {
          if (isPosition(message.data)) this.raise(BigInt(message.data));
        };
      }
    }
  }

  /** The position to send (a decimal string), or null before any write was seen. */
  get current(): string | null {
    return this.highest === null ? null : String(this.highest);
  }

  /** Takes a position from a response: kept when it is the highest seen, and told to the other trackers of a shared scope. */
  seen(position: unknown): void {
    if (!isPosition(position) || !this.raise(BigInt(position))) return;
    if (this.storageKey) browser.localStorage?.setItem(this.storageKey, position);
    this.channel?.postMessage(position);
  }

  /** Stops listening to the shared scope. */
  close(): void {
    this.channel?.close();
  }

  private raise(position: bigint): boolean {
    if (this.highest !== null && position <= this.highest) return false;
    this.highest = position;
    return true;
  }
}

/** The position a GraphQL response carries, if any. */
export function positionOf(result: { extensions?: Record<string, unknown> | null } | null | undefined): unknown {
  return (result?.extensions?.catchup as { position?: unknown } | undefined)?.position;
}
