import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';
import { KeyValueStore } from '../../platform/store/KeyValueStore';

/**
 * Where a durable subscription keeps its checkpoint: the global position of the last event it
 * finished handling. An event store's own checkpoints live in its KeyValueStore
 * ({@link KeyValueCheckpointStore}); a projection whose read model lives elsewhere can keep its
 * checkpoint next to the model instead, by implementing this.
 */
export interface CheckpointStore {
  /** The stored checkpoint, or undefined when there is none. */
  load(name: string): Promise<number | undefined>;
  /** Stores the checkpoint; resolves once it is durable. */
  save(name: string, position: number): Promise<void>;
  /** Forgets the checkpoint (a rebuild starts from the beginning). */
  remove(name: string): Promise<void>;
}

/** A CheckpointStore over a KeyValueStore: one key per subscription name. */
export class KeyValueCheckpointStore implements CheckpointStore {
  private readonly _store: KeyValueStore;
  private readonly _keyOf: (name: string) => string;

  /** `keyOf` maps a subscription name to its key (an event store passes its own key layout). */
  constructor(store: KeyValueStore, keyOf: (name: string) => string) {
    this._store = store;
    this._keyOf = keyOf;
  }

  async load(name: string): Promise<number | undefined> {
    const key = this._keyOf(name);
    const text = await this._store.get(key);
    if (text === undefined) {
      return undefined;
    }
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new MeshError(ErrorCode.STORE, `corrupt checkpoint at '${key}'`);
    }
    return n;
  }

  save(name: string, position: number): Promise<void> {
    return this._store.set(this._keyOf(name), String(position));
  }

  async remove(name: string): Promise<void> {
    await this._store.delete(this._keyOf(name));
  }
}
