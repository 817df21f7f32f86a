// A desktop stand-in for user preferences (@kit.ArkData): each named instance has an in-memory map
// (what get/put/delete see) and a "file" (what flush wrote). Tests can make the next flush fail and
// can drop the cached instances, as a process restart would, to see exactly what was persisted.
import { FakeBusinessError } from './BusinessError';

type ValueType = string | number | boolean | Uint8Array | string[];

class FakePreferences {
  readonly memory = new Map<string, ValueType>();
  flushes = 0;
  private readonly _file: Map<string, ValueType>;

  constructor(file: Map<string, ValueType>) {
    this._file = file;
    for (const [k, v] of file) this.memory.set(k, v);
  }

  getSync(key: string, defValue: ValueType): ValueType {
    const v = this.memory.get(key);
    return v === undefined || typeof v !== typeof defValue ? defValue : v;
  }

  hasSync(key: string): boolean {
    return this.memory.has(key);
  }

  getAllSync(): Object {
    const all: Record<string, ValueType> = {};
    for (const [k, v] of this.memory) all[k] = v;
    return all;
  }

  putSync(key: string, value: ValueType): void {
    if (key.length === 0 || Buffer.byteLength(key) > preferences.MAX_KEY_LENGTH) throw new FakeBusinessError(401, 'bad key');
    this.memory.set(key, value);
  }

  deleteSync(key: string): void {
    this.memory.delete(key);
  }

  async flush(): Promise<void> {
    this.flushes++;
    await Promise.resolve();
    if (preferencesFake.failFlushes > 0) {
      preferencesFake.failFlushes--;
      throw new FakeBusinessError(15500000, 'Inner error (injected)');
    }
    this._file.clear();
    for (const [k, v] of this.memory) this._file.set(k, v);
  }
}

const files = new Map<string, Map<string, ValueType>>();
const cache = new Map<string, FakePreferences>();

/** Test controls: inject flush failures, simulate a restart, look at what was persisted. */
export const preferencesFake = {
  failFlushes: 0,
  /** Drops every cached instance, as a process restart does: only flushed data survives. */
  restart(): void {
    cache.clear();
  },
  /** What the named file holds (flushed state). */
  file(name: string): Map<string, ValueType> {
    return new Map(files.get(name) ?? []);
  },
  instance(name: string): FakePreferences | undefined {
    return cache.get(name);
  },
  reset(): void {
    files.clear();
    cache.clear();
    this.failFlushes = 0;
  },
};

export const preferences = {
  MAX_KEY_LENGTH: 1024,
  MAX_VALUE_LENGTH: 16 * 1024 * 1024,
  getPreferences: async (_context: object, options: { name: string }): Promise<FakePreferences> => {
    if (typeof options?.name !== 'string' || options.name.length === 0) throw new FakeBusinessError(401, 'name required');
    let p = cache.get(options.name);
    if (!p) {
      let file = files.get(options.name);
      if (!file) {
        file = new Map();
        files.set(options.name, file);
      }
      p = new FakePreferences(file);
      cache.set(options.name, p);
    }
    return p;
  },
  removePreferencesFromCache: async (_context: object, options: { name: string }): Promise<void> => {
    cache.delete(options.name);
  },
};
