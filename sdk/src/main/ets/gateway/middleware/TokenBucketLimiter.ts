import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { LruMap } from '../internal/LruMap';
import { DEFAULT_RATE_LIMIT_MAX_KEYS, RateDecision, RateLimiter } from './RateLimiter';

/** Options of a {@link TokenBucketLimiter}. */
export interface TokenBucketOptions {
  /** Bucket size: the burst a key may send at once. Required, > 0. */
  capacity: number;
  /** Tokens added per second. Required, > 0. */
  refillPerSecond: number;
  /** Keys tracked at most. Default {@link DEFAULT_RATE_LIMIT_MAX_KEYS}. */
  maxKeys?: number;
}

class Bucket {
  tokens: number;
  updated: number;

  constructor(tokens: number, updated: number) {
    this.tokens = tokens;
    this.updated = updated;
  }
}

/**
 * Token bucket per key: a key may burst `capacity` requests, then `refillPerSecond` on average. A
 * full bucket is the same as no bucket, so idle keys cost nothing once refilled and evicted.
 */
export class TokenBucketLimiter implements RateLimiter {
  readonly capacity: number;
  readonly refillPerSecond: number;
  private readonly _buckets: LruMap<string, Bucket>;

  constructor(options: TokenBucketOptions) {
    if (options === undefined || !Number.isFinite(options.capacity) || options.capacity <= 0) {
      throw new InvalidArgumentError('options.capacity', 'must be a finite number > 0');
    }
    if (!Number.isFinite(options.refillPerSecond) || options.refillPerSecond <= 0) {
      throw new InvalidArgumentError('options.refillPerSecond', 'must be a finite number > 0');
    }
    const maxKeys = options.maxKeys ?? DEFAULT_RATE_LIMIT_MAX_KEYS;
    if (!Number.isInteger(maxKeys) || maxKeys < 1) {
      throw new InvalidArgumentError('options.maxKeys', 'must be an integer >= 1');
    }
    this.capacity = options.capacity;
    this.refillPerSecond = options.refillPerSecond;
    this._buckets = new LruMap<string, Bucket>(maxKeys);
  }

  get size(): number {
    return this._buckets.size;
  }

  /** Keys forgotten to stay within `maxKeys`. */
  get evictions(): number {
    return this._buckets.evictions;
  }

  tryAcquire(key: string, now: number): RateDecision {
    let b = this._buckets.get(key);
    if (b === undefined) {
      b = new Bucket(this.capacity, now);
      this._buckets.set(key, b);
    } else if (now > b.updated) {
      b.tokens = Math.min(this.capacity, b.tokens + (now - b.updated) * this.refillPerSecond / 1000);
      b.updated = now;
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return new RateDecision(true, Math.floor(b.tokens), 0, this.capacity);
    }
    const waitMs = Math.ceil((1 - b.tokens) * 1000 / this.refillPerSecond);
    return new RateDecision(false, 0, waitMs, this.capacity);
  }

  clear(): void {
    this._buckets.clear();
  }
}
