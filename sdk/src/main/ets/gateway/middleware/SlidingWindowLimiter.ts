import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { LruMap } from '../internal/LruMap';
import { DEFAULT_RATE_LIMIT_MAX_KEYS, RateDecision, RateLimiter } from './RateLimiter';

/** Options of a {@link SlidingWindowLimiter}. */
export interface SlidingWindowOptions {
  /** Requests allowed per window. Required, integer > 0. */
  limit: number;
  /** Window length in ms. Required, > 0. */
  windowMs: number;
  /** Keys tracked at most. Default {@link DEFAULT_RATE_LIMIT_MAX_KEYS}. */
  maxKeys?: number;
}

class Window {
  start: number;
  previous: number;
  current: number;

  constructor(start: number) {
    this.start = start;
    this.previous = 0;
    this.current = 0;
  }
}

/**
 * Sliding window counter per key (the two-window estimate Cloudflare and Envoy use): the count in
 * the last `windowMs` is estimated as `previous * (1 - elapsed / windowMs) + current`, where
 * `previous` and `current` count the requests of the fixed windows before and at `now`. Two numbers
 * per key, no request log. It never lets more than `limit` through in any fixed window, smooths the
 * burst at window edges that a fixed window allows, and under sustained overload admits a little
 * under `limit` per window (the estimate errs on the safe side).
 */
export class SlidingWindowLimiter implements RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  private readonly _windows: LruMap<string, Window>;

  constructor(options: SlidingWindowOptions) {
    if (options === undefined || !Number.isInteger(options.limit) || options.limit < 1) {
      throw new InvalidArgumentError('options.limit', 'must be an integer >= 1');
    }
    if (!Number.isFinite(options.windowMs) || options.windowMs <= 0) {
      throw new InvalidArgumentError('options.windowMs', 'must be a finite number > 0');
    }
    const maxKeys = options.maxKeys ?? DEFAULT_RATE_LIMIT_MAX_KEYS;
    if (!Number.isInteger(maxKeys) || maxKeys < 1) {
      throw new InvalidArgumentError('options.maxKeys', 'must be an integer >= 1');
    }
    this.limit = options.limit;
    this.windowMs = options.windowMs;
    this._windows = new LruMap<string, Window>(maxKeys);
  }

  get size(): number {
    return this._windows.size;
  }

  get evictions(): number {
    return this._windows.evictions;
  }

  tryAcquire(key: string, now: number): RateDecision {
    const W = this.windowMs;
    const start = Math.floor(now / W) * W;
    let w = this._windows.get(key);
    if (w === undefined) {
      w = new Window(start);
      this._windows.set(key, w);
    } else if (start !== w.start) {
      // Moved on: one window later the current count becomes the previous one, later still both reset.
      w.previous = start - w.start === W ? w.current : 0;
      w.current = 0;
      w.start = start;
    }
    const elapsed = now - start;
    const estimate = w.previous * (W - elapsed) / W + w.current;
    if (estimate + 1 <= this.limit) {
      w.current++;
      return new RateDecision(true, Math.max(0, Math.floor(this.limit - estimate - 1)), 0, this.limit);
    }
    return new RateDecision(false, 0, this.retryAfter(w, elapsed), this.limit);
  }

  clear(): void {
    this._windows.clear();
  }

  // Time until the estimate leaves room for one more request.
  private retryAfter(w: Window, elapsed: number): number {
    const W = this.windowMs;
    const L = this.limit;
    if (w.current + 1 <= L && w.previous > 0) {
      // Still in this window: wait for the previous window's weight to decay enough.
      const at = W - (L - w.current - 1) * W / w.previous;
      return Math.max(1, Math.ceil(at - elapsed));
    }
    // Next window: the current count becomes the decaying previous one.
    const at = w.current > 0 ? Math.max(0, W - (L - 1) * W / w.current) : 0;
    return Math.max(1, Math.ceil(W - elapsed + at));
  }
}
