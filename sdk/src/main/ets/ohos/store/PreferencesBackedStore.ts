import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';
import { KeyValueEntry, KeyValueStore, WriteOp } from '../../platform/store/KeyValueStore';
import { OhosErrors } from '../OhosErrors';
import { PreferencesLimits } from './PreferencesLimits';

/**
 * The synchronous in-memory side of a HarmonyOS `preferences.Preferences` instance plus its
 * asynchronous `flush()`, as PreferencesBackedStore drives it. PreferencesStore adapts the real
 * instance; tests use an in-memory fake that can lose unflushed data and fail flushes.
 */
export interface PreferencesBackend {
  /** Every key whose value is a string (read once, when the store opens). */
  stringKeys(): string[];
  /** The string value of `key`, or undefined (missing or not a string). */
  get(key: string): string | undefined;
  put(key: string, value: string): void;
  remove(key: string): void;
  /** Persists the instance; the store resolves a write only after this resolves. */
  flush(): Promise<void>;
}

class Undo {
  readonly key: string;
  readonly previous: string | undefined;

  constructor(key: string, previous: string | undefined) {
    this.key = key;
    this.previous = previous;
  }
}

type WriteResolve = (existed: boolean[]) => void;
type WriteReject = (error: MeshError) => void;

class PendingWrite {
  readonly ops: WriteOp[];
  readonly resolve: WriteResolve;
  readonly reject: WriteReject;

  constructor(ops: WriteOp[], resolve: WriteResolve, reject: WriteReject) {
    this.ops = ops;
    this.resolve = resolve;
    this.reject = reject;
  }
}

/**
 * A durable KeyValueStore over a preferences instance.
 *
 * - A write (set, delete, batch) resolves only after `flush()` has persisted it.
 * - Writes that arrive while a flush is running wait, then go out together in the next flush (group
 *   commit): one flush per group, never two flushes at once, never a write applied under a running flush.
 * - A batch is applied to the instance in one synchronous step and persisted by one flush, so no
 *   other write or read interleaves with it. If the flush fails, every write of its group is rolled
 *   back in memory and rejects with `ERR_STORE`, so memory and file agree again.
 * - Reads answer from memory: they may see a write whose flush is still running.
 * - Listings come from a sorted index of the string-valued keys, kept in memory.
 */
export class PreferencesBackedStore implements KeyValueStore {
  private readonly _backend: PreferencesBackend;
  private readonly _limits: PreferencesLimits;
  private readonly _keys: Set<string> = new Set<string>();
  private _sorted: string[] | undefined = undefined;
  private _queue: PendingWrite[] = [];
  private _flushing: boolean = false;
  private _idle: Array<() => void> = [];

  constructor(backend: PreferencesBackend, limits: PreferencesLimits) {
    this._backend = backend;
    this._limits = limits;
    for (const key of backend.stringKeys()) {
      this._keys.add(key);
    }
  }

  get size(): number {
    return this._keys.size;
  }

  async get(key: string): Promise<string | undefined> {
    this._limits.checkKey(key, 'key');
    return this._backend.get(key);
  }

  async set(key: string, value: string): Promise<void> {
    this._limits.checkKey(key, 'key');
    this._limits.checkValue(value, 'value');
    await this.enqueue([WriteOp.set(key, value)]);
  }

  async delete(key: string): Promise<boolean> {
    this._limits.checkKey(key, 'key');
    const existed = await this.enqueue([WriteOp.delete(key)]);
    return existed[0];
  }

  async keys(prefix?: string): Promise<string[]> {
    return this.matching(prefix ?? '');
  }

  async entries(prefix?: string): Promise<KeyValueEntry[]> {
    const out: KeyValueEntry[] = [];
    for (const key of this.matching(prefix ?? '')) {
      const value = this._backend.get(key);
      if (value !== undefined) {
        out.push({ key: key, value: value });
      }
    }
    return out;
  }

  async batch(ops: WriteOp[]): Promise<void> {
    // Validate everything first: a rejected batch writes nothing.
    for (let i = 0; i < ops.length; i++) {
      this._limits.checkKey(ops[i].key, `ops[${i}].key`);
      const value = ops[i].value;
      if (value !== undefined) {
        this._limits.checkValue(value, `ops[${i}].value`);
      }
    }
    if (ops.length > 0) {
      await this.enqueue(ops.slice());
    }
  }

  /** Resolves once every write issued so far has settled (flushed or rolled back). */
  whenIdle(): Promise<void> {
    if (!this._flushing && this._queue.length === 0) {
      return Promise.resolve();
    }
    return new Promise<void>((resolve: () => void): void => {
      this._idle.push(resolve);
    });
  }

  private enqueue(ops: WriteOp[]): Promise<boolean[]> {
    return new Promise<boolean[]>((resolve: WriteResolve, reject: WriteReject): void => {
      this._queue.push(new PendingWrite(ops, resolve, reject));
      this.pump();
    });
  }

  private pump(): void {
    if (this._flushing) {
      return;
    }
    if (this._queue.length === 0) {
      const waiting = this._idle;
      this._idle = [];
      for (const resolve of waiting) {
        resolve();
      }
      return;
    }
    const group = this._queue;
    this._queue = [];
    this._flushing = true;
    const undo: Undo[] = [];
    const results: boolean[][] = [];
    try {
      for (const w of group) {
        const existed: boolean[] = [];
        for (const op of w.ops) {
          existed.push(this.apply(op, undo));
        }
        results.push(existed);
      }
    } catch (e) {
      this.fail(group, undo, e as Error);
      return;
    }
    let flushing: Promise<void>;
    try {
      flushing = this._backend.flush();
    } catch (e) {
      this.fail(group, undo, e as Error);
      return;
    }
    flushing.then((): void => {
      for (let i = 0; i < group.length; i++) {
        group[i].resolve(results[i]);
      }
      this._flushing = false;
      this.pump();
    }, (e: Error): void => {
      this.fail(group, undo, e);
    });
  }

  private fail(group: PendingWrite[], undo: Undo[], cause: Error): void {
    // Restore in reverse order so a key written twice in the group gets its original value back.
    for (let i = undo.length - 1; i >= 0; i--) {
      this.restore(undo[i]);
    }
    const error = OhosErrors.wrap(cause, ErrorCode.STORE, 'preferences write');
    for (const w of group) {
      w.reject(error);
    }
    this._flushing = false;
    this.pump();
  }

  private apply(op: WriteOp, undo: Undo[]): boolean {
    const previous = this._backend.get(op.key);
    undo.push(new Undo(op.key, previous));
    if (op.value === undefined) {
      if (previous !== undefined) {
        this._backend.remove(op.key);
        this.unindex(op.key);
      }
      return previous !== undefined;
    }
    this._backend.put(op.key, op.value);
    this.index(op.key);
    return previous !== undefined;
  }

  private restore(u: Undo): void {
    try {
      if (u.previous === undefined) {
        this._backend.remove(u.key);
        this.unindex(u.key);
      } else {
        this._backend.put(u.key, u.previous);
        this.index(u.key);
      }
    } catch (e) {
      // Best effort: the next successful open rebuilds the index from what the file holds.
    }
  }

  private index(key: string): void {
    if (!this._keys.has(key)) {
      this._keys.add(key);
      this._sorted = undefined;
    }
  }

  private unindex(key: string): void {
    if (this._keys.delete(key)) {
      this._sorted = undefined;
    }
  }

  private matching(prefix: string): string[] {
    let sorted = this._sorted;
    if (sorted === undefined) {
      sorted = Array.from(this._keys).sort();
      this._sorted = sorted;
    }
    if (prefix.length === 0) {
      return sorted.slice();
    }
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
