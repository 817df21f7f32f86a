import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { Backoff } from '../resilience/backoff/Backoff';
import { ExponentialBackoff } from '../resilience/backoff/ExponentialBackoff';
import { checkGroupName } from './internal/names';

/** What a full topic does with one more message. */
export enum OverflowPolicy {
  /** `publish` rejects with QueueFullError (ERR_QUEUE_FULL). */
  REJECT = 'reject',
  /** The oldest held message is dead-lettered (reason `overflow`) in every group still holding it. */
  DEAD_LETTER_OLDEST = 'dead-letter-oldest'
}

/** Settings of one topic on the publishing node. Everything is optional. */
export interface TopicOptions {
  /** Most messages held for the topic (not yet acked by every group). Default {@link DEFAULT_MAX_QUEUE_LENGTH}. */
  maxLength?: number;
  /** Default REJECT. */
  overflow?: OverflowPolicy;
  /** Default time to live of a message, ms. Default Infinity. */
  ttlMs?: number;
  /** Deliveries of a message per group before it is dead-lettered (`max-attempts`). Default {@link DEFAULT_MAX_ATTEMPTS}. */
  maxAttempts?: number;
  /** Delay before each retry. Default exponential, 1 s doubling to 60 s (see {@link defaultQueueBackoff}). */
  backoff?: Backoff;
  /** Redeliver a delivery unacked for this long, ms (a subscription may ask for its own). Default {@link DEFAULT_VISIBILITY_TIMEOUT_MS}. */
  visibilityTimeoutMs?: number;
  /** How long a `messageId` is remembered for idempotent publishing, ms. Default {@link DEFAULT_DEDUP_WINDOW_MS}. */
  dedupWindowMs?: number;
  /** Groups every message targets even before a consumer of theirs is seen (declared, durable groups). Default none. */
  groups?: string[];
  /** Fraction of maxLength at which a `high` back-pressure event is emitted. Default 0.8. */
  highWatermark?: number;
  /** Fraction of maxLength at which a `low` (drained) event follows a `high` one. Default 0.5. */
  lowWatermark?: number;
}

/** Default most held messages per topic. */
export const DEFAULT_MAX_QUEUE_LENGTH = 10000;
/** Default deliveries per message and group. */
export const DEFAULT_MAX_ATTEMPTS = 5;
/** Default visibility timeout: 30 s. */
export const DEFAULT_VISIBILITY_TIMEOUT_MS = 30000;
/** Default dedup window: 10 min. */
export const DEFAULT_DEDUP_WINDOW_MS = 600000;
/** Default high watermark (fraction of maxLength). */
export const DEFAULT_HIGH_WATERMARK = 0.8;
/** Default low watermark (fraction of maxLength). */
export const DEFAULT_LOW_WATERMARK = 0.5;

/** The default retry back-off: 1 s, 2 s, 4 s, ... capped at 60 s, no jitter. */
export const defaultQueueBackoff = (): Backoff =>
  new ExponentialBackoff({ initialDelayMs: 1000, multiplier: 2, maxDelayMs: 60000 });

const positiveOr = (v: number | undefined, d: number, field: string, allowInfinity: boolean): number => {
  if (v === undefined) {
    return d;
  }
  if (typeof v !== 'number' || Number.isNaN(v) || v <= 0 || (!allowInfinity && !Number.isFinite(v))) {
    throw new InvalidArgumentError(field, allowInfinity ? 'must be a number > 0 (Infinity allowed)' : 'must be a finite number > 0');
  }
  return v;
};

/** A topic's settings with every default filled in (validated). */
export class ResolvedTopicOptions {
  readonly maxLength: number;
  readonly overflow: OverflowPolicy;
  readonly ttlMs: number;
  readonly maxAttempts: number;
  readonly backoff: Backoff;
  readonly visibilityTimeoutMs: number;
  readonly dedupWindowMs: number;
  readonly groups: ReadonlyArray<string>;
  readonly highWatermark: number;
  readonly lowWatermark: number;

  private constructor(o: TopicOptions, base: ResolvedTopicOptions | undefined, field: string) {
    this.maxLength = positiveOr(o.maxLength, base !== undefined ? base.maxLength : DEFAULT_MAX_QUEUE_LENGTH, `${field}.maxLength`, false);
    if (!Number.isInteger(this.maxLength)) {
      throw new InvalidArgumentError(`${field}.maxLength`, 'must be an integer >= 1');
    }
    const overflow = o.overflow ?? (base !== undefined ? base.overflow : OverflowPolicy.REJECT);
    if (overflow !== OverflowPolicy.REJECT && overflow !== OverflowPolicy.DEAD_LETTER_OLDEST) {
      throw new InvalidArgumentError(`${field}.overflow`, 'must be reject or dead-letter-oldest');
    }
    this.overflow = overflow;
    this.ttlMs = positiveOr(o.ttlMs, base !== undefined ? base.ttlMs : Infinity, `${field}.ttlMs`, true);
    this.maxAttempts = positiveOr(o.maxAttempts, base !== undefined ? base.maxAttempts : DEFAULT_MAX_ATTEMPTS, `${field}.maxAttempts`, true);
    if (Number.isFinite(this.maxAttempts) && !Number.isInteger(this.maxAttempts)) {
      throw new InvalidArgumentError(`${field}.maxAttempts`, 'must be an integer >= 1 or Infinity');
    }
    const backoff = o.backoff ?? (base !== undefined ? base.backoff : defaultQueueBackoff());
    if (typeof backoff.delayMs !== 'function') {
      throw new InvalidArgumentError(`${field}.backoff`, 'must be a Backoff');
    }
    this.backoff = backoff;
    this.visibilityTimeoutMs = positiveOr(o.visibilityTimeoutMs,
      base !== undefined ? base.visibilityTimeoutMs : DEFAULT_VISIBILITY_TIMEOUT_MS, `${field}.visibilityTimeoutMs`, false);
    this.dedupWindowMs = positiveOr(o.dedupWindowMs, base !== undefined ? base.dedupWindowMs : DEFAULT_DEDUP_WINDOW_MS,
      `${field}.dedupWindowMs`, true);
    const groups: string[] = [];
    const declared = o.groups ?? (base !== undefined ? base.groups.slice() : []);
    if (!Array.isArray(declared)) {
      throw new InvalidArgumentError(`${field}.groups`, 'must be an array of group names');
    }
    for (let i = 0; i < declared.length; i++) {
      const g = checkGroupName(declared[i], `${field}.groups[${i}]`);
      if (groups.indexOf(g) < 0) {
        groups.push(g);
      }
    }
    this.groups = groups;
    this.highWatermark = positiveOr(o.highWatermark, base !== undefined ? base.highWatermark : DEFAULT_HIGH_WATERMARK,
      `${field}.highWatermark`, false);
    this.lowWatermark = positiveOr(o.lowWatermark, base !== undefined ? base.lowWatermark : DEFAULT_LOW_WATERMARK,
      `${field}.lowWatermark`, false);
    if (this.highWatermark > 1 || this.lowWatermark >= this.highWatermark) {
      throw new InvalidArgumentError(`${field}.lowWatermark`, 'watermarks must satisfy 0 < low < high <= 1');
    }
  }

  /** Resolves `options` over `base` (the queue's defaults) field by field. Throws InvalidArgumentError naming the field. */
  static from(options: TopicOptions | undefined, base?: ResolvedTopicOptions, field?: string): ResolvedTopicOptions {
    return new ResolvedTopicOptions(options ?? {}, base, field ?? 'options');
  }
}
