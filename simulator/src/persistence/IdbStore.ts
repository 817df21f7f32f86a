import { MemoryStore, WriteOp } from '../sdk';
import type { KeyValueEntry, KeyValueStore } from '../sdk';
import type { StoreBackend } from './StoreBackend';

/**
 * When a write becomes durable:
 * - `commit`: its promise resolves after IndexedDB has committed it (the port's contract for an
 *   app in a browser or Electron);
 * - `checkpoint`: its promise resolves at once, like the simulator's MemoryStore (deterministic
 *   under a VirtualClock), and it becomes durable at the next `checkpoint()` of its
 *   {@link DeviceStores} (or `flush()`), which commits every device's writes in one transaction.
 */
export type Durability = 'commit' | 'checkpoint';

export interface IdbStoreOptions {
  /** Default `commit`. */
  durability?: Durability;
}

export const DEFAULT_DURABILITY: Durability = 'commit';

/** Writes taken from a store's journal, with backend keys. */
export interface Journal {
  puts: Array<[string, string]>;
  deletes: string[];
}

/**
 * The SDK's KeyValueStore port on IndexedDB (through idb-keyval), for simulated devices and for
 * apps in a browser. Reads are served from an in-memory copy loaded when the store opens (a
 * MemoryStore, so key validation, ordering and batch atomicity are the SDK's own); writes go to
 * that copy and to a journal that is committed to the backend under `prefix`. A simulated device
 * restart keeps the store object; a page reload reopens it from IndexedDB.
 */
export class IdbStore implements KeyValueStore {
  readonly prefix: string;
  readonly durability: Durability;
  private readonly _backend: StoreBackend;
  private readonly _memory = new MemoryStore();
  private readonly _journal = new Map<string, string | undefined>();
  private _tail: Promise<void> = Promise.resolve();
  private _commits = 0;

  /** Use {@link IdbStore.open} (or {@link DeviceStores}); `initial` is the loaded contents. */
  constructor(backend: StoreBackend, prefix: string, initial: readonly KeyValueEntry[], options: IdbStoreOptions = {}) {
    this._backend = backend;
    this.prefix = prefix;
    this.durability = options.durability ?? DEFAULT_DURABILITY;
    if (initial.length > 0) {
      // MemoryStore applies a batch synchronously before its promise settles; the keys were
      // validated when they were first written, so this cannot fail.
      void this._memory.batch(initial.map((e) => WriteOp.set(e.key, e.value)));
    }
  }

  /** Opens the store of keys under `prefix` in `backend`, loading its current contents. */
  static async open(backend: StoreBackend, prefix: string, options: IdbStoreOptions = {}): Promise<IdbStore> {
    const rows = await backend.load(prefix);
    return new IdbStore(backend, prefix, rows.map(([k, v]) => ({ key: k.slice(prefix.length), value: v })), options);
  }

  get(key: string): Promise<string | undefined> {
    return this._memory.get(key);
  }

  async set(key: string, value: string): Promise<void> {
    await this._memory.set(key, value);
    this._journal.set(key, value);
    if (this.durability === 'commit') await this.flush();
  }

  async delete(key: string): Promise<boolean> {
    const existed = await this._memory.delete(key);
    if (existed) {
      this._journal.set(key, undefined);
      if (this.durability === 'commit') await this.flush();
    }
    return existed;
  }

  keys(prefix?: string): Promise<string[]> {
    return this._memory.keys(prefix);
  }

  entries(prefix?: string): Promise<KeyValueEntry[]> {
    return this._memory.entries(prefix);
  }

  async batch(ops: WriteOp[]): Promise<void> {
    await this._memory.batch(ops);
    for (const op of ops) this._journal.set(op.key, op.value);
    if (this.durability === 'commit') await this.flush();
  }

  /** Number of keys. */
  get size(): number {
    return this._memory.size;
  }

  /** Writes not yet committed to the backend. */
  get pendingWrites(): number {
    return this._journal.size;
  }

  /** Transactions this store committed by itself (checkpoints of a DeviceStores are not counted). */
  get commits(): number {
    return this._commits;
  }

  /** A synchronous copy of the contents (for the storage inspector). */
  dump(): KeyValueEntry[] {
    return this._memory.dump();
  }

  /** Commits the pending writes now (in order after earlier flushes); resolves when they are durable. */
  flush(): Promise<void> {
    const next = this._tail.then(async (): Promise<void> => {
      const journal = this.takeJournal();
      if (journal.puts.length === 0 && journal.deletes.length === 0) return;
      try {
        await this._backend.commit(journal.puts, journal.deletes);
        this._commits++;
      } catch (e) {
        this.restoreJournal(journal);
        throw e;
      }
    });
    this._tail = next.catch((): void => undefined);
    return next;
  }

  /** Moves the pending writes out (backend keys); the caller commits them. */
  takeJournal(): Journal {
    const puts: Array<[string, string]> = [];
    const deletes: string[] = [];
    for (const [k, v] of this._journal) {
      if (v === undefined) deletes.push(this.prefix + k);
      else puts.push([this.prefix + k, v]);
    }
    this._journal.clear();
    return { puts, deletes };
  }

  /** Puts back writes whose commit failed, unless newer writes to the same keys arrived since. */
  restoreJournal(journal: Journal): void {
    const n = this.prefix.length;
    for (const [k, v] of journal.puts) if (!this._journal.has(k.slice(n))) this._journal.set(k.slice(n), v);
    for (const k of journal.deletes) if (!this._journal.has(k.slice(n))) this._journal.set(k.slice(n), undefined);
  }
}
