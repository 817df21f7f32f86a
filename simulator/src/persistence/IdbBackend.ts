import { createStore, get, promisifyRequest } from 'idb-keyval';
import type { UseStore } from 'idb-keyval';
import { prefixEnd } from './StoreBackend';
import type { StoreBackend } from './StoreBackend';

/** The range of keys that start with `prefix`. */
const rangeOf = (prefix: string): IDBKeyRange | undefined => {
  if (prefix === '') return undefined;
  const end = prefixEnd(prefix);
  return end === undefined ? IDBKeyRange.lowerBound(prefix) : IDBKeyRange.bound(prefix, end, false, true);
};

/**
 * A StoreBackend on IndexedDB through idb-keyval: one database with one object store, string keys,
 * string values. Loads read keys and values in one transaction (a consistent snapshot); a commit is
 * one readwrite transaction that resolves when IndexedDB reports it complete (durable).
 */
export class IdbBackend implements StoreBackend {
  readonly kind = 'indexeddb';
  private readonly _store: UseStore;

  constructor(dbName: string, storeName = 'kv') {
    this._store = createStore(dbName, storeName);
  }

  /** True where IndexedDB exists (browsers, workers, Electron renderers). */
  static available(): boolean {
    return typeof indexedDB !== 'undefined';
  }

  async get(key: string): Promise<string | undefined> {
    const v = (await get(key, this._store)) as unknown;
    return typeof v === 'string' ? v : undefined;
  }

  load(prefix: string): Promise<Array<[string, string]>> {
    const range = rangeOf(prefix);
    return this._store('readonly', async (store: IDBObjectStore): Promise<Array<[string, string]>> => {
      const [keys, values] = await Promise.all([promisifyRequest(store.getAllKeys(range)), promisifyRequest(store.getAll(range))]);
      const out: Array<[string, string]> = [];
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i];
        const v = values[i] as unknown;
        if (typeof k === 'string' && typeof v === 'string') out.push([k, v]);
      }
      return out;
    });
  }

  commit(puts: ReadonlyArray<[string, string]>, deletes: readonly string[], clearPrefix?: string): Promise<void> {
    if (puts.length === 0 && deletes.length === 0 && clearPrefix === undefined) return Promise.resolve();
    return this._store('readwrite', (store: IDBObjectStore): Promise<void> => {
      if (clearPrefix !== undefined) {
        const range = rangeOf(clearPrefix);
        if (range === undefined) store.clear();
        else store.delete(range);
      }
      for (const k of deletes) store.delete(k);
      for (const [k, v] of puts) store.put(v, k);
      return promisifyRequest(store.transaction);
    });
  }

  clear(prefix: string): Promise<void> {
    const range = rangeOf(prefix);
    return this._store('readwrite', (store: IDBObjectStore): Promise<void> => {
      if (range === undefined) store.clear();
      else store.delete(range);
      return promisifyRequest(store.transaction);
    });
  }
}
