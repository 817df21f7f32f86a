import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';
import { EventEmitter } from '../../core/events/EventEmitter';
import { IdGenerator } from '../../core/ids/IdGenerator';
import { JsonObject, JsonValue } from '../../core/json/JsonValue';
import { Clock } from '../../platform/Clock';
import { Logger } from '../../platform/logging/Logger';
import { KeyValueStore, WriteOp } from '../../platform/store/KeyValueStore';
import { RecordedEvent } from '../RecordedEvent';
import { CommitNotice } from './CommitNotice';
import { RecordCodec } from './RecordCodec';
import { StoreKeys } from './StoreKeys';
import { StreamHead } from './StreamHead';

/** The stored format version of the store's meta record. */
export const META_FORMAT = 1;

/**
 * What an event store knows between writes: the last committed global position and a bounded
 * cache of stream heads. Only the writer changes it (after a batch resolved), so the cache always
 * equals what the store holds. After a failed batch, everything is reloaded from the store, which
 * is the truth (the batch may or may not have been applied).
 */
export class StoreState {
  readonly store: KeyValueStore;
  readonly keys: StoreKeys;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
  readonly committed: EventEmitter<CommitNotice>;
  private readonly _headCacheSize: number;
  private readonly _heads: Map<string, StreamHead> = new Map<string, StreamHead>();
  private _position: number = 0;
  private _opening: Promise<void> | undefined = undefined;
  private _open: boolean = false;

  constructor(store: KeyValueStore, keys: StoreKeys, clock: Clock, ids: IdGenerator, logger: Logger, headCacheSize: number) {
    this.store = store;
    this.keys = keys;
    this.clock = clock;
    this.ids = ids;
    this.logger = logger;
    this._headCacheSize = headCacheSize;
    this.committed = new EventEmitter<CommitNotice>((error: Error): void => {
      logger.error('event store commit listener failed', { 'error': error.message });
    });
  }

  /** The last committed global position (0 before the first event). */
  get position(): number {
    return this._position;
  }

  get isOpen(): boolean {
    return this._open;
  }

  /** Loads the meta record once (again after `invalidate`). */
  ensureOpen(): Promise<void> {
    if (this._open) {
      return Promise.resolve();
    }
    let opening = this._opening;
    if (opening === undefined) {
      opening = this.open();
      this._opening = opening;
    }
    return opening;
  }

  /** The head of a stream for the writer: cached, or loaded and cached. */
  async loadHead(streamId: string): Promise<StreamHead> {
    const cached = this._heads.get(streamId);
    if (cached !== undefined) {
      return cached;
    }
    const head = await this.readHead(streamId);
    this.cacheHead(streamId, head);
    return head;
  }

  /** The head of a stream for a reader: cached, or read without caching. */
  peekHead(streamId: string): Promise<StreamHead> {
    const cached = this._heads.get(streamId);
    return cached !== undefined ? Promise.resolve(cached) : this.readHead(streamId);
  }

  /** One stored record; undefined when missing or purged. */
  async readRecord(key: string): Promise<RecordedEvent | undefined> {
    const text = await this.store.get(key);
    return text === undefined ? undefined : RecordCodec.decode(text, key);
  }

  /** The meta record's write, for every batch that allocates positions. */
  metaOp(position: number): WriteOp {
    return WriteOp.set(this.keys.meta, '{"f":' + String(META_FORMAT) + ',"p":' + String(position) + '}');
  }

  /** Adopts a durable batch: new heads, new position; then tells listeners. */
  commit(heads: Map<string, StreamHead>, position: number, events: RecordedEvent[]): void {
    heads.forEach((head: StreamHead, streamId: string): void => {
      this.cacheHead(streamId, head);
    });
    const previous = this._position;
    if (position > previous) {
      this._position = position;
    }
    if (events.length > 0 && this.committed.size > 0) {
      this.committed.emit(new CommitNotice(previous, this._position, events));
    }
  }

  /** Forgets everything cached: the next write reloads from the store. */
  invalidate(): void {
    this._heads.clear();
    this._open = false;
    this._opening = undefined;
  }

  private async open(): Promise<void> {
    try {
      const text = await this.store.get(this.keys.meta);
      let position = 0;
      if (text !== undefined) {
        let parsed: JsonValue = null;
        try {
          parsed = JSON.parse(text) as JsonValue;
        } catch (e) {
          parsed = null;
        }
        const p = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as JsonObject)['p'] : undefined;
        if (typeof p !== 'number' || !Number.isSafeInteger(p) || p < 0) {
          throw new MeshError(ErrorCode.STORE, `corrupt event store meta record at '${this.keys.meta}'`);
        }
        position = p;
      }
      // Never move backwards: readers may already have seen positions up to the cached one.
      const previous = this._position;
      this._open = true;
      if (position > previous) {
        // A batch that failed (as far as we knew) was applied after all: wake the readers.
        this._position = position;
        if (previous > 0 && this.committed.size > 0) {
          this.committed.emit(new CommitNotice(previous, position, []));
        }
      }
    } catch (e) {
      this._opening = undefined;
      throw MeshError.from(e as Error, ErrorCode.STORE);
    }
  }

  private async readHead(streamId: string): Promise<StreamHead> {
    const key = this.keys.head(streamId);
    const text = await this.store.get(key);
    if (text === undefined) {
      return StreamHead.NONE;
    }
    const head = StreamHead.decode(text);
    if (head === undefined) {
      throw new MeshError(ErrorCode.STORE, `corrupt stream head at '${key}'`);
    }
    return head;
  }

  private cacheHead(streamId: string, head: StreamHead): void {
    // Most recently used last: re-insert on every update, evict from the front.
    this._heads.delete(streamId);
    this._heads.set(streamId, head);
    if (this._heads.size > this._headCacheSize) {
      const oldest = this._heads.keys().next();
      if (!oldest.done) {
        this._heads.delete(oldest.value);
      }
    }
  }
}
