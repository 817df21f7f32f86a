import { ErrorCode } from '../../core/errors/ErrorCode';
import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { MeshError } from '../../core/errors/MeshError';
import { AppendResult } from '../AppendResult';
import { StreamDeletedError } from '../errors/StreamDeletedError';
import { StreamNotFoundError } from '../errors/StreamNotFoundError';
import { EventMetadataInit } from '../EventMetadata';
import { EventStore } from '../EventStore';
import { ExpectedVersion } from '../ExpectedVersion';
import { DEFAULT_READ_MAX_COUNT, StreamReadStatus } from '../ReadResults';
import { SnapshotInit } from '../StreamSnapshot';
import { validateIndex, validateName } from '../internal/validate';
import { Aggregate } from './Aggregate';

/** Options of an {@link AggregateRepository}. */
export interface AggregateRepositoryOptions<T extends Aggregate> {
  /** The category: an aggregate's stream is `<category>-<id>` (e.g. `order-42`). Required. */
  category: string;
  /** Makes an empty aggregate with the given id. Required. */
  create: (id: string) => T;
  /** Take a snapshot (written with the save) once this many events were folded since the last one; 0 = never. Default {@link DEFAULT_SNAPSHOT_EVERY}. */
  snapshotEvery?: number;
  /** After each snapshot, purge the events it covers (retention). Default false. */
  truncateOnSnapshot?: boolean;
  /** Events read per page while loading. Default {@link DEFAULT_READ_MAX_COUNT}. */
  pageSize?: number;
}

/** Options of `AggregateRepository.save` and `update`. */
export interface AggregateSaveOptions {
  /** Metadata for every event saved (correlation/causation ids, trace context, headers). */
  metadata?: EventMetadataInit;
  /** `update` only: attempts (load, change, save) before a conflict is given up on. Default {@link DEFAULT_UPDATE_ATTEMPTS}. */
  maxAttempts?: number;
}

/** Default snapshot frequency: every 100 events. */
export const DEFAULT_SNAPSHOT_EVERY = 100;
/** Default attempts of `update` under contention: 3. */
export const DEFAULT_UPDATE_ATTEMPTS = 3;

/**
 * Loads and saves aggregates of one category. Loading reads the latest snapshot (if its schema
 * version is the aggregate's `stateVersion`) and then only the events after it; saving appends the
 * pending events with the version the aggregate was loaded at as `expectedVersion`, so a
 * concurrent change of the same aggregate fails with ERR_CONCURRENCY_CONFLICT instead of being
 * overwritten, and writes a snapshot in the same atomic batch every `snapshotEvery` events.
 */
export class AggregateRepository<T extends Aggregate> {
  readonly store: EventStore;
  readonly category: string;
  readonly snapshotEvery: number;
  readonly truncateOnSnapshot: boolean;
  private readonly _create: (id: string) => T;
  private readonly _pageSize: number;

  /** @throws InvalidArgumentError naming the first bad option. */
  constructor(store: EventStore, options: AggregateRepositoryOptions<T>) {
    if (store === undefined || store === null) {
      throw new InvalidArgumentError('store', 'is required');
    }
    if (options === undefined || options === null) {
      throw new InvalidArgumentError('options', 'is required');
    }
    validateName(options.category, 'options.category');
    if (options.category.startsWith('$')) {
      throw new InvalidArgumentError('options.category', "must not start with '$' (reserved)");
    }
    if (typeof options.create !== 'function') {
      throw new InvalidArgumentError('options.create', 'must be a function');
    }
    this.store = store;
    this.category = options.category;
    this._create = options.create;
    this.snapshotEvery = options.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY;
    this.truncateOnSnapshot = options.truncateOnSnapshot ?? false;
    this._pageSize = options.pageSize ?? DEFAULT_READ_MAX_COUNT;
    validateIndex(this.snapshotEvery, 'options.snapshotEvery', 0);
    validateIndex(this._pageSize, 'options.pageSize', 1);
    if (this.truncateOnSnapshot && this.snapshotEvery === 0) {
      throw new InvalidArgumentError('options.truncateOnSnapshot', 'needs snapshots (options.snapshotEvery > 0)');
    }
  }

  /** The stream id of an aggregate: `<category>-<id>`. */
  streamId(id: string): string {
    return `${this.category}-${id}`;
  }

  /**
   * The aggregate as of its latest event: the snapshot plus the events after it. A stream that does
   * not exist (or was soft-deleted) gives a new, empty aggregate at version -1.
   *
   * @throws StreamDeletedError when the stream was hard-deleted; MeshError ERR_INVALID_STATE when
   *   events were truncated and no usable snapshot covers them.
   */
  async load(id: string): Promise<T> {
    validateName(id, 'id');
    const sid = this.streamId(id);
    const info = await this.store.streamInfo(sid);
    if (info.hardDeleted) {
      throw new StreamDeletedError(sid);
    }
    const aggregate = this._create(id);
    if (!info.exists) {
      return aggregate;
    }
    let from = info.startVersion;
    const snapshot = await this.store.loadSnapshot(sid);
    if (snapshot !== undefined && snapshot.schemaVersion === aggregate.stateVersion && snapshot.version >= from - 1 &&
      snapshot.version <= info.lastVersion) {
      aggregate.restoreSnapshot(snapshot);
      from = snapshot.version + 1;
    }
    if (from < info.truncateBefore) {
      throw new MeshError(ErrorCode.INVALID_STATE, `cannot rebuild '${sid}': events before version ` +
        `${info.truncateBefore} were truncated and no usable snapshot covers them`);
    }
    for (;;) {
      const slice = await this.store.readStream(sid, { fromVersion: from, maxCount: this._pageSize });
      if (slice.status === StreamReadStatus.DELETED) {
        throw new StreamDeletedError(sid);
      }
      if (slice.status === StreamReadStatus.NOT_FOUND) {
        // Deleted while we were reading: what is left is a new aggregate.
        return this._create(id);
      }
      for (const e of slice.events) {
        if (e.version !== from) {
          throw new MeshError(ErrorCode.INVALID_STATE, `cannot rebuild '${sid}': expected version ${from}, read ${e.version}`);
        }
        aggregate.replay(e);
        from++;
      }
      if (slice.isEnd || slice.events.length === 0) {
        return aggregate;
      }
    }
  }

  /**
   * Like `load`, for an aggregate that must exist.
   *
   * @throws StreamNotFoundError when it has no events.
   */
  async loadExisting(id: string): Promise<T> {
    const aggregate = await this.load(id);
    if (aggregate.version < 0) {
      throw new StreamNotFoundError(this.streamId(id));
    }
    return aggregate;
  }

  /**
   * Appends the aggregate's pending events, expecting the stream at the version it was loaded at,
   * with a snapshot in the same batch when one is due. Resolves with the append's result (no events
   * and nothing written when there was nothing pending).
   *
   * @throws ConcurrencyConflictError when the aggregate changed since it was loaded (the aggregate
   *   keeps its pending events); the errors of `EventStore.append`.
   */
  async save(aggregate: T, options?: AggregateSaveOptions): Promise<AppendResult> {
    const sid = this.streamId(aggregate.id);
    const pending = aggregate.pendingEvents;
    if (pending.length === 0) {
      return new AppendResult(sid, aggregate.version, this.store.position, [], false);
    }
    let snapshot: SnapshotInit | undefined = undefined;
    if (this.snapshotEvery > 0 && aggregate.eventsSinceSnapshot >= this.snapshotEvery) {
      snapshot = { state: aggregate.snapshotState(), schemaVersion: aggregate.stateVersion };
    }
    const expected = aggregate.version < 0 ? ExpectedVersion.NO_STREAM : aggregate.version;
    const result = await this.store.append(sid, pending, {
      expectedVersion: expected, metadata: options?.metadata, snapshot: snapshot
    });
    aggregate.markSaved(result.version, snapshot !== undefined && !result.idempotent);
    if (snapshot !== undefined && this.truncateOnSnapshot && !result.idempotent) {
      try {
        await this.store.truncateBefore(sid, result.version + 1);
      } catch (e) {
        // Not the save's failure: the events it would have purged stay until the next snapshot's truncation.
      }
    }
    return result;
  }

  /**
   * Load, change, save; on a concurrency conflict, load again and re-apply `change` (up to
   * `options.maxAttempts`). `change` runs the aggregate's commands; what it throws is rethrown.
   *
   * @throws ConcurrencyConflictError when every attempt conflicted; the errors of `load` and `save`.
   */
  async update(id: string, change: (aggregate: T) => void, options?: AggregateSaveOptions): Promise<T> {
    const attempts = options?.maxAttempts ?? DEFAULT_UPDATE_ATTEMPTS;
    validateIndex(attempts, 'options.maxAttempts', 1);
    for (let attempt = 1; ; attempt++) {
      const aggregate = await this.load(id);
      change(aggregate);
      if (!aggregate.hasChanges) {
        return aggregate;
      }
      try {
        await this.save(aggregate, options);
        return aggregate;
      } catch (e) {
        if (attempt >= attempts || !MeshError.hasCode(e as Error, ErrorCode.CONCURRENCY_CONFLICT)) {
          throw e as Error;
        }
      }
    }
  }
}
