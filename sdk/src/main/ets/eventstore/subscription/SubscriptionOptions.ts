import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { EventFilter, EventFilterOptions } from '../EventFilter';
import { RecordedEvent } from '../RecordedEvent';
import { validateIndex, validateName } from '../internal/validate';
import { CheckpointStore } from './CheckpointStore';

/** Handles one event of a subscription. A rejection is retried, then fails the subscription. */
export type RecordedEventHandler = (event: RecordedEvent) => Promise<void>;

/** Options of a catch-up subscription (`EventStore.subscribe`). */
export interface CatchUpSubscriptionOptions {
  /**
   * Makes the subscription durable: its checkpoint is stored under this name (in `checkpoints`, by
   * default the event store's own) and a later subscription with the same name resumes after it.
   */
  name?: string;
  /** Where the checkpoint lives. Default: the event store's KeyValueStore. Needs `name`. */
  checkpoints?: CheckpointStore;
  /**
   * Start after this global position (0: from the beginning; `store.position`: new events only).
   * Default: after the stored checkpoint of `name`, or 0.
   */
  fromPosition?: number;
  /** Which events to deliver. Default: all. */
  filter?: EventFilterOptions;
  /** Events read per page while catching up. Default {@link DEFAULT_SUBSCRIPTION_BATCH_SIZE}. */
  batchSize?: number;
  /**
   * Write the checkpoint after this many handled events (and whenever the subscription is idle).
   * 1 (the default, {@link DEFAULT_CHECKPOINT_EVERY}) redelivers at most one event after a crash.
   */
  checkpointEvery?: number;
  /** Retries of a failing handler (or read) before the subscription fails. Default {@link DEFAULT_SUBSCRIPTION_MAX_RETRIES}. */
  maxRetries?: number;
  /** Delay before the first retry, doubled for each further one. Default {@link DEFAULT_SUBSCRIPTION_RETRY_DELAY_MS}. */
  retryDelayMs?: number;
}

/** Default page size while catching up: 256 events. */
export const DEFAULT_SUBSCRIPTION_BATCH_SIZE = 256;
/** Default checkpoint frequency: after every event. */
export const DEFAULT_CHECKPOINT_EVERY = 1;
/** Default retries of a failing handler: 3. */
export const DEFAULT_SUBSCRIPTION_MAX_RETRIES = 3;
/** Default first retry delay: 1000 ms (then 2000, 4000, ...). */
export const DEFAULT_SUBSCRIPTION_RETRY_DELAY_MS = 1000;

/** CatchUpSubscriptionOptions checked, with defaults filled in. */
export class ResolvedSubscriptionOptions {
  readonly name: string | undefined;
  readonly checkpoints: CheckpointStore | undefined;
  readonly fromPosition: number | undefined;
  readonly filter: EventFilter;
  readonly batchSize: number;
  readonly checkpointEvery: number;
  readonly maxRetries: number;
  readonly retryDelayMs: number;

  constructor(options: CatchUpSubscriptionOptions | undefined, defaultCheckpoints: CheckpointStore | undefined) {
    const o: CatchUpSubscriptionOptions = options ?? {};
    if (o.name !== undefined) {
      validateName(o.name, 'options.name');
    }
    if (o.checkpoints !== undefined && o.name === undefined) {
      throw new InvalidArgumentError('options.name', 'is required with options.checkpoints');
    }
    if (o.fromPosition !== undefined) {
      validateIndex(o.fromPosition, 'options.fromPosition', 0);
    }
    this.name = o.name;
    this.checkpoints = o.name !== undefined ? (o.checkpoints ?? defaultCheckpoints) : undefined;
    this.fromPosition = o.fromPosition;
    this.filter = EventFilter.from(o.filter, 'options.filter');
    this.batchSize = o.batchSize ?? DEFAULT_SUBSCRIPTION_BATCH_SIZE;
    this.checkpointEvery = o.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY;
    this.maxRetries = o.maxRetries ?? DEFAULT_SUBSCRIPTION_MAX_RETRIES;
    this.retryDelayMs = o.retryDelayMs ?? DEFAULT_SUBSCRIPTION_RETRY_DELAY_MS;
    validateIndex(this.batchSize, 'options.batchSize', 1);
    validateIndex(this.checkpointEvery, 'options.checkpointEvery', 1);
    validateIndex(this.maxRetries, 'options.maxRetries', 0);
    if (typeof this.retryDelayMs !== 'number' || !Number.isFinite(this.retryDelayMs) || this.retryDelayMs < 0) {
      throw new InvalidArgumentError('options.retryDelayMs', 'must be a finite number >= 0');
    }
  }
}
