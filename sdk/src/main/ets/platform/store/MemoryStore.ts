import { KeyValueEntry, KeyValueStore, WriteOp } from './KeyValueStore';
import { validateKey, validateValue } from './validateKey';

/** Counters a MemoryStore keeps, for tests and the simulator's storage view. */
export interface MemoryStoreStats {
  reads: number;
  writes: number;
  deletes: number;
  batches: number;
}

/**
 * An in-memory KeyValueStore. In the simulator each device's store is a MemoryStore that
 * outlives the device's crash, which is what "durable" means there. Operations resolve on a
 * microtask, like a real asynchronous store, so callers cannot rely on synchronous completion.
 */
export class MemoryStore implements KeyValueStore {
  private readonly _data: Map<string, string> = new Map<string, string>();
  private _sorted: string[] | undefined = undefined;
  private readonly _stats: MemoryStoreStats = { reads: 0, writes: 0, deletes: 0, batches: 0 };

  get size(): number {
    return this._data.size;
  }

  get stats(): MemoryStoreStats {
    return this._stats;
  }

  async get(key: string): Promise<string | undefined> {
    validateKey(key, 'key');
    this._stats.reads++;
    return this._data.get(key);
  }

  async set(key: string, value: string): Promise<void> {
    validateKey(key, 'key');
    validateValue(value, 'value');
    this.write(key, value);
  }

  async delete(key: string): Promise<boolean> {
    validateKey(key, 'key');
    return this.remove(key);
  }

  async keys(prefix?: string): Promise<string[]> {
    this._stats.reads++;
    return this.matching(prefix ?? '');
  }

  async entries(prefix?: string): Promise<KeyValueEntry[]> {
    this._stats.reads++;
    const out: KeyValueEntry[] = [];
    for (const key of this.matching(prefix ?? '')) {
      out.push({ key: key, value: this._data.get(key) as string });
    }
    return out;
  }

  async batch(ops: WriteOp[]): Promise<void> {
    // Validate everything first: a batch applies completely or not at all.
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i];
      validateKey(op.key, `ops[${i}].key`);
      if (op.value !== undefined) {
        validateValue(op.value, `ops[${i}].value`);
      }
    }
    this._stats.batches++;
    for (const op of ops) {
      if (op.value === undefined) {
        this.remove(op.key);
      } else {
        this.write(op.key, op.value);
      }
    }
  }

  /** Removes everything (a factory reset, not a crash). */
  clear(): void {
    this._data.clear();
    this._sorted = undefined;
  }

  /** A synchronous copy of the contents, for snapshots and debugging. */
  dump(): KeyValueEntry[] {
    const out: KeyValueEntry[] = [];
    for (const key of this.sortedKeys()) {
      out.push({ key: key, value: this._data.get(key) as string });
    }
    return out;
  }

  private write(key: string, value: string): void {
    if (!this._data.has(key)) {
      this._sorted = undefined;
    }
    this._data.set(key, value);
    this._stats.writes++;
  }

  private remove(key: string): boolean {
    const existed = this._data.delete(key);
    if (existed) {
      this._sorted = undefined;
      this._stats.deletes++;
    }
    return existed;
  }

  private sortedKeys(): string[] {
    let sorted = this._sorted;
    if (sorted === undefined) {
      sorted = Array.from(this._data.keys()).sort();
      this._sorted = sorted;
    }
    return sorted;
  }

  private matching(prefix: string): string[] {
    const sorted = this.sortedKeys();
    if (prefix.length === 0) {
      return sorted.slice();
    }
    // Binary search for the first key >= prefix, then take the run that shares the prefix.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < prefix) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    const out: string[] = [];
    for (let i = lo; i < sorted.length && sorted[i].startsWith(prefix); i++) {
      out.push(sorted[i]);
    }
    return out;
  }
}
