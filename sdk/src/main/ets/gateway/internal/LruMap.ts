/**
 * A Map that remembers use order and holds at most `capacity` entries, evicting the least recently
 * used one (Map iteration order is insertion order, so a touch is a delete and a re-insert).
 */
export class LruMap<K, V> {
  readonly capacity: number;
  private readonly _map: Map<K, V> = new Map<K, V>();
  private _evictions: number = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  get size(): number {
    return this._map.size;
  }

  /** Entries evicted to stay within capacity so far. */
  get evictions(): number {
    return this._evictions;
  }

  /** The value, marking it most recently used. */
  get(key: K): V | undefined {
    const v = this._map.get(key);
    if (v !== undefined) {
      this._map.delete(key);
      this._map.set(key, v);
    }
    return v;
  }

  /** The value without touching its recency. */
  peek(key: K): V | undefined {
    return this._map.get(key);
  }

  /** Inserts or replaces as most recently used; returns the evicted entry's key, if any. */
  set(key: K, value: V): K | undefined {
    this._map.delete(key);
    this._map.set(key, value);
    if (this._map.size > this.capacity) {
      return this.evictOldest();
    }
    return undefined;
  }

  delete(key: K): boolean {
    return this._map.delete(key);
  }

  clear(): void {
    this._map.clear();
  }

  keys(): K[] {
    return Array.from(this._map.keys());
  }

  /** The least recently used key (undefined when empty). */
  oldestKey(): K | undefined {
    const it = this._map.keys().next();
    return it.done === true ? undefined : it.value as K;
  }

  /** Removes the least recently used entry; returns its key (undefined when empty). */
  evictOldest(): K | undefined {
    const it = this._map.keys().next();
    if (it.done === true) {
      return undefined;
    }
    const key = it.value as K;
    this._map.delete(key);
    this._evictions++;
    return key;
  }
}
