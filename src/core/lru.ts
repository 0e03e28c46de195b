/**
 * A least-recently-used map, bounded by its number of entries and, when entries are weighed,
 * by their total weight: the one cache behind the write side's kept stream states and the
 * GraphQL gate's admitted documents. Reading an entry makes it the most recent; adding one
 * over a bound evicts the least recent until both hold. An entry heavier than the whole
 * weight budget is not kept at all.
 */
export interface LruOptions<V> {
  maxEntries: number;
  /** The most total weight kept (default: unbounded). */
  maxWeight?: number;
  /** An entry's weight (default: 0). */
  weigh?: (value: V) => number;
}

export class Lru<K, V> {
  private readonly entries = new Map<K, { value: V; weight: number }>();
  private totalWeight = 0;

  constructor(private readonly options: LruOptions<V>) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Keeps `value` as the most recent entry; returns whether it was kept. */
  set(key: K, value: V): boolean {
    const weight = this.options.weigh?.(value) ?? 0;
    this.delete(key);
    if (weight > (this.options.maxWeight ?? Infinity)) return false;
    this.entries.set(key, { value, weight });
    this.totalWeight += weight;
    while (this.entries.size > this.options.maxEntries || this.totalWeight > (this.options.maxWeight ?? Infinity))
      this.delete(this.entries.keys().next().value!);
    return true;
  }

  delete(key: K): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.totalWeight -= entry.weight;
    return true;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The total weight of the entries kept. */
  get weight(): number {
    return this.totalWeight;
  }
}
