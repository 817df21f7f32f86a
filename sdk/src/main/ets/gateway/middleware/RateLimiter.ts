/** The outcome of one {@link RateLimiter.tryAcquire}. */
export class RateDecision {
  readonly allowed: boolean;
  /** Requests still allowed right now for this key (after this one). */
  readonly remaining: number;
  /** When denied: ms until a request would be allowed; 0 when allowed. */
  readonly retryAfterMs: number;
  /** The limit the limiter enforces (bucket capacity or requests per window). */
  readonly limit: number;

  constructor(allowed: boolean, remaining: number, retryAfterMs: number, limit: number) {
    this.allowed = allowed;
    this.remaining = remaining;
    this.retryAfterMs = retryAfterMs;
    this.limit = limit;
  }
}

/**
 * A keyed rate limiter with bounded memory: it tracks at most `maxKeys` keys, forgetting the least
 * recently used one beyond that (a forgotten key starts afresh, so under a flood of distinct keys
 * the limiter fails open for old keys rather than growing without bound). Time comes from the caller.
 */
export interface RateLimiter {
  /** Admits or denies one request for `key` at Clock time `now`. */
  tryAcquire(key: string, now: number): RateDecision;
  /** Keys currently tracked. */
  readonly size: number;
  /** Forgets every key. */
  clear(): void;
}

/** Default cap on the keys a limiter tracks. */
export const DEFAULT_RATE_LIMIT_MAX_KEYS = 10000;
