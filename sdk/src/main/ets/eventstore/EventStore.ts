import { ErrorCode } from '../core/errors/ErrorCode';
import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { MeshError } from '../core/errors/MeshError';
import { Disposable } from '../core/events/Disposable';
import { Listener } from '../core/events/EventEmitter';
import { IdGenerator } from '../core/ids/IdGenerator';
import { AppendOptions, AppendResult } from './AppendResult';
import { NewEvent } from './DomainEvent';
import { EventFilter, EventFilterOptions } from './EventFilter';
import { EventPublisher } from './publish/EventPublisher';
import { EventStoreAttachOptions, EventStoreOptions, ResolvedEventStoreOptions } from './EventStoreOptions';
import { MeshNode } from '../mesh/MeshNode';
import { ExpectedVersion } from './ExpectedVersion';
import { EventMetadataInit } from './EventMetadata';
import { RecordedEvent, SYSTEM_EVENT_PREFIX } from './RecordedEvent';
import {
  DEFAULT_READ_MAX_COUNT, LogSlice, ReadAllOptions, ReadByTypeOptions, ReadDirection, ReadStreamOptions, StreamInfo, StreamSlice
} from './ReadResults';
import { SnapshotInit, StreamSnapshot } from './StreamSnapshot';
import { AppendCommand } from './internal/AppendCommand';
import { CommitNotice } from './internal/CommitNotice';
import { DeleteStreamCommand } from './internal/DeleteStreamCommand';
import { EventReader } from './internal/EventReader';
import { PreparedEvent } from './internal/PreparedEvent';
import { PreparedSnapshot } from './internal/PreparedSnapshot';
import { SnapshotCommand } from './internal/SnapshotCommand';
import { StoreKeys } from './internal/StoreKeys';
import { StoreState } from './internal/StoreState';
import { StoreSubscriptionSource } from './internal/StoreSubscriptionSource';
import { TruncateCommand } from './internal/TruncateCommand';
import {
  jsonText, validateExpectedVersion, validateIndex, validateMetadata, validateName
} from './internal/validate';
import { WriteCommand } from './internal/WriteCommand';
import { Writer } from './internal/Writer';
import { CatchUpSubscription, SubscriptionState } from './subscription/CatchUpSubscription';
import { CheckpointStore, KeyValueCheckpointStore } from './subscription/CheckpointStore';
import { CatchUpSubscriptionOptions, RecordedEventHandler, ResolvedSubscriptionOptions } from './subscription/SubscriptionOptions';

/** Default name of the durable subscription behind `EventStore.publishTo`. */
export const DEFAULT_PUBLICATION_NAME = 'publication';

/** Options of `EventStore.deleteStream`. */
export interface DeleteStreamOptions {
  /** Hard delete: purge every event and tombstone the stream for good. Default false (soft). */
  hard?: boolean;
  /** What the stream must be at (as for `append`). Default `ExpectedVersion.ANY`. */
  expectedVersion?: number;
  /** Metadata of the `$streamDeleted` system event. */
  metadata?: EventMetadataInit;
}

/** Counters of an EventStore since it was created. */
export class EventStoreStats {
  /** Appends that succeeded (idempotent retries included). */
  appends: number = 0;
  /** Events written by those appends. */
  appendedEvents: number = 0;
  /** Appends that failed with ERR_CONCURRENCY_CONFLICT. */
  conflicts: number = 0;
  /** Appends recognised as retries of an earlier append (nothing written). */
  idempotentAppends: number = 0;
  /** Store batches written (group commit: several appends may share one). */
  batches: number = 0;
  /** Store batches that failed (their commands were rejected with ERR_STORE). */
  storeFailures: number = 0;
}

/**
 * An event store on the KeyValueStore port: durable per-stream event sequences with optimistic
 * concurrency, a global log in append order, reads by stream, by position and by type, snapshots,
 * retention, soft and hard deletes, and catch-up subscriptions.
 *
 * Every write goes through one writer queue and reaches the store as ONE atomic batch (the
 * events' stream and log copies, their type-index entries, the stream head, the global position),
 * and resolves only once that batch resolved: after a crash, an append is either all there or not
 * at all. Appends queued while a batch is being prepared share the next one (group commit).
 *
 * @example
 * const store = new EventStore({ store: new MemoryStore(), clock, random });
 * const r = await store.append('order-42', [{ type: 'OrderCreated', data: { 'customer': 'ann' } as Record<string, JsonValue> }],
 *   { expectedVersion: ExpectedVersion.NO_STREAM });
 * const slice = await store.readStream('order-42');
 */
export class EventStore {
  /** Where durable subscriptions keep their checkpoints by default (this store's KeyValueStore). */
  readonly checkpoints: CheckpointStore;
  private readonly _options: ResolvedEventStoreOptions;
  private readonly _state: StoreState;
  private readonly _writer: Writer;
  private readonly _reader: EventReader;
  private readonly _source: StoreSubscriptionSource;
  private readonly _subscriptions: Set<CatchUpSubscription> = new Set<CatchUpSubscription>();
  private readonly _stats: EventStoreStats = new EventStoreStats();
  private _closed: boolean = false;

  /** @throws InvalidArgumentError naming the first bad option. */
  constructor(options: EventStoreOptions) {
    const o = ResolvedEventStoreOptions.from(options);
    this._options = o;
    const keys = new StoreKeys(o.prefix);
    this._state = new StoreState(o.store, keys, o.clock, new IdGenerator(o.random), o.logger, o.headCacheSize);
    this._writer = new Writer(this._state, o.maxGroupCommands);
    this._reader = new EventReader(this._state);
    this._source = new StoreSubscriptionSource(this._state, this._reader);
    this.checkpoints = new KeyValueCheckpointStore(o.store, (name: string): string => keys.checkpoint(name));
  }

  /**
   * An event store in a mesh node's KeyValueStore, on its clock, random source and logger. The
   * store is durable across the node's crashes and restarts (attach again to the new node).
   *
   * @throws InvalidArgumentError naming the first bad option.
   */
  static attach(node: MeshNode, options?: EventStoreAttachOptions): EventStore {
    if (node === undefined || node === null) {
      throw new InvalidArgumentError('node', 'is required');
    }
    return new EventStore({
      store: node.store, clock: node.clock, random: node.random, logger: node.logger.child({ 'component': 'eventstore' }),
      prefix: options?.prefix, maxAppendEvents: options?.maxAppendEvents, maxGroupCommands: options?.maxGroupCommands,
      headCacheSize: options?.headCacheSize
    });
  }

  /** The last committed global position known (0 before the store was opened by a read or write). */
  get position(): number {
    return this._state.position;
  }

  /** Counters (batches and store failures are the writer's). */
  get stats(): EventStoreStats {
    this._stats.batches = this._writer.stats.batches;
    this._stats.storeFailures = this._writer.stats.storeFailures;
    return this._stats;
  }

  /** The key prefix inside the KeyValueStore. */
  get prefix(): string {
    return this._options.prefix;
  }

  /** Reads the stored position if needed and resolves with the last committed global position. */
  async headPosition(): Promise<number> {
    await this._state.ensureOpen();
    return this._state.position;
  }

  /**
   * Appends `events` to `streamId` atomically, if the stream is at `options.expectedVersion`.
   * Resolves once the batch is durable, with the recorded events (versions, positions).
   *
   * @throws ConcurrencyConflictError (ERR_CONCURRENCY_CONFLICT) when the stream is not at the
   *   expected version: nothing was written.
   * @throws StreamDeletedError (ERR_STREAM_DELETED) when the stream was hard-deleted.
   * @throws InvalidArgumentError for a bad stream id, event or option (nothing was queued).
   * @throws MeshError ERR_STORE when the store failed the batch; ERR_STOPPED after `close()`.
   */
  async append(streamId: string, events: NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    this.checkOpen();
    validateStreamId(streamId, 'streamId');
    if (!Array.isArray(events)) {
      throw new InvalidArgumentError('events', 'must be an array');
    }
    if (events.length > this._options.maxAppendEvents) {
      throw new InvalidArgumentError('events', `more than ${this._options.maxAppendEvents} events in one append`);
    }
    const prepared: PreparedEvent[] = [];
    for (let i = 0; i < events.length; i++) {
      prepared.push(prepareEvent(events[i], `events[${i}]`));
    }
    const expected = options?.expectedVersion ?? ExpectedVersion.ANY;
    validateExpectedVersion(expected, 'options.expectedVersion');
    validateMetadata(options?.metadata, 'options.metadata');
    const snapshot = options?.snapshot !== undefined ? prepareSnapshot(options.snapshot, 'options.snapshot') : undefined;
    const command = new AppendCommand(streamId, prepared, expected, options?.metadata, snapshot);
    try {
      const result = await this.run(command);
      this._stats.appends++;
      if (result.idempotent) {
        this._stats.idempotentAppends++;
      } else {
        this._stats.appendedEvents += result.events.length;
      }
      return result;
    } catch (e) {
      if (MeshError.hasCode(e as Error, ErrorCode.CONCURRENCY_CONFLICT)) {
        this._stats.conflicts++;
      }
      throw e as Error;
    }
  }

  /**
   * Reads a page of one stream, forwards (default, from its start) or backwards (from its end).
   * Never throws for a missing or deleted stream: `status` says NOT_FOUND or DELETED.
   */
  async readStream(streamId: string, options?: ReadStreamOptions): Promise<StreamSlice> {
    validateStreamId(streamId, 'streamId');
    const direction = readDirection(options?.direction);
    if (options?.fromVersion !== undefined) {
      validateIndex(options.fromVersion, 'options.fromVersion', 0);
    }
    return this._reader.readStream(streamId, direction, options?.fromVersion, maxCount(options?.maxCount));
  }

  /**
   * Reads a page of the global log (every stream, in append order), optionally filtered.
   * Continue with `fromPosition: slice.nextPosition` until `slice.isEnd`.
   */
  async readAll(options?: ReadAllOptions): Promise<LogSlice> {
    const direction = readDirection(options?.direction);
    if (options?.fromPosition !== undefined) {
      validateIndex(options.fromPosition, 'options.fromPosition', 0);
    }
    const filter = EventFilter.from(options?.filter, 'options.filter');
    return this._reader.readAll(direction, options?.fromPosition, maxCount(options?.maxCount), filter);
  }

  /** Reads a page of the events of one type, in global order (through the by-type index). */
  async readByType(type: string, options?: ReadByTypeOptions): Promise<LogSlice> {
    validateName(type, 'type');
    const direction = readDirection(options?.direction);
    if (options?.fromPosition !== undefined) {
      validateIndex(options.fromPosition, 'options.fromPosition', 0);
    }
    return this._reader.readByType(type, direction, options?.fromPosition, maxCount(options?.maxCount));
  }

  /** What is known about a stream (never throws for a missing one). */
  async streamInfo(streamId: string): Promise<StreamInfo> {
    validateStreamId(streamId, 'streamId');
    const h = await this._state.peekHead(streamId);
    return new StreamInfo(streamId, h.exists, h.version, h.truncateBefore, h.startVersion, h.softDeleted, h.hardDeleted);
  }

  /** The ids of every stream ever written (deleted ones included), sorted. Lists keys: not for hot paths. */
  async streamIds(): Promise<string[]> {
    const keys = this._state.keys;
    const listed = await this._options.store.keys(keys.headPrefix);
    const out: string[] = [];
    for (const k of listed) {
      out.push(keys.streamIdOfHead(k));
    }
    return out;
  }

  /**
   * Deletes a stream, soft (default: it reads as missing, may be recreated, its events stay in the
   * global log) or hard (`options.hard`: every event purged, the stream tombstoned for good).
   * Resolves with the `$streamDeleted` event written to the global log.
   *
   * @throws StreamNotFoundError when the stream does not exist; StreamDeletedError when it was
   *   hard-deleted; ConcurrencyConflictError when it is not at `options.expectedVersion`.
   */
  async deleteStream(streamId: string, options?: DeleteStreamOptions): Promise<RecordedEvent> {
    this.checkOpen();
    validateStreamId(streamId, 'streamId');
    const expected = options?.expectedVersion ?? ExpectedVersion.ANY;
    validateExpectedVersion(expected, 'options.expectedVersion');
    validateMetadata(options?.metadata, 'options.metadata');
    return this.run(new DeleteStreamCommand(streamId, options?.hard === true, expected, options?.metadata));
  }

  /**
   * Retention: purges the stream's events before version `before` (from the stream, the global log
   * and the type index) and makes `before` its first readable version. Typically called with the
   * version after a snapshot. Resolves with the number of events purged.
   *
   * @throws InvalidArgumentError when `before` is beyond the stream's version + 1;
   *   StreamNotFoundError / StreamDeletedError as for `deleteStream`.
   */
  async truncateBefore(streamId: string, before: number): Promise<number> {
    this.checkOpen();
    validateStreamId(streamId, 'streamId');
    validateIndex(before, 'before', 0);
    return this.run(new TruncateCommand(streamId, before));
  }

  /** Stores a snapshot of the stream's state after the event at `version` (replacing the previous one). */
  async saveSnapshot(streamId: string, version: number, snapshot: SnapshotInit): Promise<StreamSnapshot> {
    this.checkOpen();
    validateStreamId(streamId, 'streamId');
    validateIndex(version, 'version', 0);
    return this.run(new SnapshotCommand(streamId, version, prepareSnapshot(snapshot, 'snapshot')));
  }

  /** The stream's latest snapshot; undefined when there is none or it is in a format this version does not read. */
  async loadSnapshot(streamId: string): Promise<StreamSnapshot | undefined> {
    validateStreamId(streamId, 'streamId');
    const key = this._state.keys.snapshot(streamId);
    const text = await this._options.store.get(key);
    if (text === undefined) {
      return undefined;
    }
    const s = StreamSnapshot.decode(text);
    if (s === undefined) {
      this._state.logger.warn('ignoring unreadable snapshot', { 'key': key });
    }
    return s;
  }

  /**
   * Starts a catch-up subscription to the global log: stored events after the checkpoint first,
   * then new ones as they are committed, one at a time, at least once.
   *
   * @throws InvalidArgumentError for bad options; MeshError ERR_STOPPED after `close()`.
   */
  subscribe(handler: RecordedEventHandler, options?: CatchUpSubscriptionOptions): CatchUpSubscription {
    this.checkOpen();
    if (typeof handler !== 'function') {
      throw new InvalidArgumentError('handler', 'must be a function');
    }
    const sub = new CatchUpSubscription(this._source, handler, new ResolvedSubscriptionOptions(options, this.checkpoints));
    this._subscriptions.add(sub);
    sub.onStateChange((): void => {
      if (sub.state === SubscriptionState.STOPPED || sub.state === SubscriptionState.FAILED) {
        this._subscriptions.delete(sub);
      }
    });
    sub.start();
    return sub;
  }

  /**
   * Forwards every recorded event to `publisher` (for the mesh: an {@link EventBusPublisher} on the
   * node's EventBus) through a durable catch-up subscription named `options.name` (default
   * {@link DEFAULT_PUBLICATION_NAME}): in global order, at least once, resuming after a restart
   * where it left off. System events are left out unless `options.filter` says otherwise.
   *
   * @throws InvalidArgumentError for a bad publisher or options; MeshError ERR_STOPPED after `close()`.
   */
  publishTo(publisher: EventPublisher, options?: CatchUpSubscriptionOptions): CatchUpSubscription {
    if (publisher === undefined || publisher === null || typeof publisher.publish !== 'function') {
      throw new InvalidArgumentError('publisher', 'must be an EventPublisher');
    }
    const o: CatchUpSubscriptionOptions = options ?? {};
    const filter: EventFilterOptions = o.filter ?? { excludeSystemEvents: true };
    return this.subscribe((event: RecordedEvent): Promise<void> => publisher.publish(event), {
      name: o.name ?? DEFAULT_PUBLICATION_NAME, checkpoints: o.checkpoints, fromPosition: o.fromPosition, filter: filter,
      batchSize: o.batchSize, checkpointEvery: o.checkpointEvery, maxRetries: o.maxRetries, retryDelayMs: o.retryDelayMs
    });
  }

  /** Called with the events of every durable write (appends and system events), in position order. */
  onAppended(listener: Listener<RecordedEvent[]>): Disposable {
    return this._state.committed.on((notice: CommitNotice): void => {
      if (notice.events.length > 0) {
        listener(notice.events);
      }
    });
  }

  /** Waits for queued writes, stops every subscription; later writes reject with ERR_STOPPED. */
  async close(): Promise<void> {
    this._closed = true;
    await this._writer.drained();
    const subs = Array.from(this._subscriptions);
    for (const s of subs) {
      await s.stop();
    }
  }

  private run<T>(command: WriteCommand<T>): Promise<T> {
    this._writer.enqueue(command);
    return command.promise;
  }

  private checkOpen(): void {
    if (this._closed) {
      throw new MeshError(ErrorCode.STOPPED, 'event store is closed');
    }
  }
}

const validateStreamId = (streamId: string, field: string): void => {
  validateName(streamId, field);
  if (streamId.startsWith(SYSTEM_EVENT_PREFIX)) {
    throw new InvalidArgumentError(field, `must not start with '${SYSTEM_EVENT_PREFIX}' (reserved)`);
  }
};

const prepareEvent = (event: NewEvent, field: string): PreparedEvent => {
  if (event === undefined || event === null || typeof event !== 'object') {
    throw new InvalidArgumentError(field, 'must be an event object');
  }
  validateName(event.type, `${field}.type`);
  if (event.type.startsWith(SYSTEM_EVENT_PREFIX)) {
    throw new InvalidArgumentError(`${field}.type`, `must not start with '${SYSTEM_EVENT_PREFIX}' (reserved)`);
  }
  if (event.id !== undefined) {
    validateName(event.id, `${field}.id`);
  }
  validateMetadata(event.metadata, `${field}.metadata`);
  return new PreparedEvent(event.id, event.type, jsonText(event.data, `${field}.data`), event.metadata);
};

const prepareSnapshot = (snapshot: SnapshotInit, field: string): PreparedSnapshot => {
  if (snapshot === undefined || snapshot === null || typeof snapshot !== 'object') {
    throw new InvalidArgumentError(field, 'must be an object');
  }
  const schemaVersion = snapshot.schemaVersion ?? 1;
  validateIndex(schemaVersion, `${field}.schemaVersion`, 0);
  return new PreparedSnapshot(jsonText(snapshot.state, `${field}.state`), schemaVersion);
};

const readDirection = (direction: ReadDirection | undefined): ReadDirection => {
  if (direction === undefined) {
    return ReadDirection.FORWARDS;
  }
  if (direction !== ReadDirection.FORWARDS && direction !== ReadDirection.BACKWARDS) {
    throw new InvalidArgumentError('options.direction', "must be 'forwards' or 'backwards'");
  }
  return direction;
};

const maxCount = (value: number | undefined): number => {
  const n = value ?? DEFAULT_READ_MAX_COUNT;
  validateIndex(n, 'options.maxCount', 1);
  return n;
};
