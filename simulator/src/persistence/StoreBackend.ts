/**
 * Where durable key/value data physically lives: IndexedDB in the app ({@link IdbBackend}), a plain
 * Map in tests and where IndexedDB is unavailable ({@link MapBackend}). Keys and values are strings;
 * a commit applies all of its writes or none of them.
 */
export interface StoreBackend {
  /** Human-readable name of the medium ("indexeddb", "memory"). */
  readonly kind: string;
  /** The value of `key`, or undefined. */
  get(key: string): Promise<string | undefined>;
  /** Every entry whose key starts with `prefix`, in ascending key order. */
  load(prefix: string): Promise<Array<[string, string]>>;
  /**
   * Applies, atomically in one transaction: first deleting every key under `clearPrefix` (when
   * given), then the deletes, then the puts.
   */
  commit(puts: ReadonlyArray<[string, string]>, deletes: readonly string[], clearPrefix?: string): Promise<void>;
  /** Deletes every key starting with `prefix`. */
  clear(prefix: string): Promise<void>;
}

/** The smallest string greater than every string that starts with `prefix` (undefined when there is none). */
export const prefixEnd = (prefix: string): string | undefined => {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const c = prefix.charCodeAt(i);
    if (c < 0xffff) return prefix.slice(0, i) + String.fromCharCode(c + 1);
  }
  return undefined;
};

/** A StoreBackend in a Map: for tests, and the fallback when IndexedDB cannot be opened. */
export class MapBackend implements StoreBackend {
  readonly kind = 'memory';
  readonly data = new Map<string, string>();
  /** Commits so far (tests count transactions). */
  commits = 0;

  async get(key: string): Promise<string | undefined> {
    return this.data.get(key);
  }

  async load(prefix: string): Promise<Array<[string, string]>> {
    return [...this.data.entries()].filter(([k]) => k.startsWith(prefix)).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  /** When set, the next commit fails with it (tests of failure handling). */
  failNext: Error | undefined;

  async commit(puts: ReadonlyArray<[string, string]>, deletes: readonly string[], clearPrefix?: string): Promise<void> {
    const failure = this.failNext;
    if (failure !== undefined) {
      this.failNext = undefined;
      throw failure;
    }
    this.commits++;
    if (clearPrefix !== undefined) await this.clear(clearPrefix);
    for (const k of deletes) this.data.delete(k);
    for (const [k, v] of puts) this.data.set(k, v);
  }

  async clear(prefix: string): Promise<void> {
    for (const k of [...this.data.keys()]) if (k.startsWith(prefix)) this.data.delete(k);
  }
}
