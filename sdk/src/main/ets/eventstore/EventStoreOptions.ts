import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { Clock } from '../platform/Clock';
import { Logger } from '../platform/logging/Logger';
import { NoopLogger } from '../platform/logging/NoopLogger';
import { Random } from '../platform/Random';
import { KeyValueStore } from '../platform/store/KeyValueStore';

/** Options of an {@link EventStore}. */
export interface EventStoreOptions {
  /** Where events live. Required. One EventStore per store and prefix: it caches what it wrote. */
  store: KeyValueStore;
  /** Timestamps of recorded events and snapshots, retry delays of subscriptions. Required. */
  clock: Clock;
  /** Source of event ids (random UUIDs) when events bring none. Required. */
  random: Random;
  /** Where the store reports failed batches and listeners. Default: a NoopLogger. */
  logger?: Logger;
  /** Key prefix inside the store. Default {@link DEFAULT_EVENT_STORE_PREFIX}. */
  prefix?: string;
  /** Most events one append may carry. Default {@link DEFAULT_MAX_APPEND_EVENTS}. */
  maxAppendEvents?: number;
  /** Most commands written in one store batch (group commit). Default {@link DEFAULT_MAX_GROUP_COMMANDS}. */
  maxGroupCommands?: number;
  /** Stream heads kept in memory. Default {@link DEFAULT_HEAD_CACHE_SIZE}. */
  headCacheSize?: number;
}

/** Options of `EventStore.attach(node, options)`: the node gives the store, clock, random and logger. */
export interface EventStoreAttachOptions {
  /** Default {@link DEFAULT_EVENT_STORE_PREFIX}. */
  prefix?: string;
  /** Default {@link DEFAULT_MAX_APPEND_EVENTS}. */
  maxAppendEvents?: number;
  /** Default {@link DEFAULT_MAX_GROUP_COMMANDS}. */
  maxGroupCommands?: number;
  /** Default {@link DEFAULT_HEAD_CACHE_SIZE}. */
  headCacheSize?: number;
}

/** Default key prefix: `arkmesh/es/`. */
export const DEFAULT_EVENT_STORE_PREFIX = 'arkmesh/es/';
/** Default cap on events per append: 1000. */
export const DEFAULT_MAX_APPEND_EVENTS = 1000;
/** Default cap on appends grouped into one store batch: 64. */
export const DEFAULT_MAX_GROUP_COMMANDS = 64;
/** Default number of cached stream heads: 1024. */
export const DEFAULT_HEAD_CACHE_SIZE = 1024;
/** Longest stream id, event type, event id and subscription name accepted. */
export const MAX_EVENT_STORE_NAME_LENGTH = 256;
/** Longest key prefix accepted (so that every key fits the KeyValueStore's limit). */
export const MAX_EVENT_STORE_PREFIX_LENGTH = 128;

/** EventStoreOptions with every default filled in and every value checked. */
export class ResolvedEventStoreOptions {
  readonly store: KeyValueStore;
  readonly clock: Clock;
  readonly random: Random;
  readonly logger: Logger;
  readonly prefix: string;
  readonly maxAppendEvents: number;
  readonly maxGroupCommands: number;
  readonly headCacheSize: number;

  private constructor(options: EventStoreOptions) {
    this.store = options.store;
    this.clock = options.clock;
    this.random = options.random;
    this.logger = options.logger ?? new NoopLogger();
    this.prefix = options.prefix ?? DEFAULT_EVENT_STORE_PREFIX;
    this.maxAppendEvents = options.maxAppendEvents ?? DEFAULT_MAX_APPEND_EVENTS;
    this.maxGroupCommands = options.maxGroupCommands ?? DEFAULT_MAX_GROUP_COMMANDS;
    this.headCacheSize = options.headCacheSize ?? DEFAULT_HEAD_CACHE_SIZE;
  }

  /** Fills defaults; throws InvalidArgumentError naming the first bad field. */
  static from(options: EventStoreOptions): ResolvedEventStoreOptions {
    if (options === undefined || options === null) {
      throw new InvalidArgumentError('options', 'is required');
    }
    if (options.store === undefined || options.store === null) {
      throw new InvalidArgumentError('options.store', 'is required');
    }
    if (options.clock === undefined || options.clock === null) {
      throw new InvalidArgumentError('options.clock', 'is required');
    }
    if (options.random === undefined || options.random === null) {
      throw new InvalidArgumentError('options.random', 'is required');
    }
    const r = new ResolvedEventStoreOptions(options);
    if (typeof r.prefix !== 'string' || r.prefix.length > MAX_EVENT_STORE_PREFIX_LENGTH) {
      throw new InvalidArgumentError('options.prefix', `must be a string of at most ${MAX_EVENT_STORE_PREFIX_LENGTH} characters`);
    }
    positiveInteger(r.maxAppendEvents, 'options.maxAppendEvents');
    positiveInteger(r.maxGroupCommands, 'options.maxGroupCommands');
    positiveInteger(r.headCacheSize, 'options.headCacheSize');
    return r;
  }
}

const positiveInteger = (value: number, field: string): void => {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new InvalidArgumentError(field, 'must be an integer >= 1');
  }
};
