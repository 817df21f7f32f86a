import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { Random } from '../../platform/Random';
import { Backoff } from './Backoff';
import { DEFAULT_BACKOFF_INITIAL_DELAY_MS, DEFAULT_BACKOFF_MAX_DELAY_MS } from './ExponentialBackoff';

/** Options of a {@link DecorrelatedJitterBackoff}. */
export interface DecorrelatedJitterBackoffOptions {
  /** Smallest delay, in ms. Default {@link DEFAULT_BACKOFF_INITIAL_DELAY_MS}. */
  baseDelayMs?: number;
  /** Cap of the delay, in ms. Default {@link DEFAULT_BACKOFF_MAX_DELAY_MS}. */
  maxDelayMs?: number;
  /** Randomness (required; a SeededRandom makes schedules reproducible). */
  random: Random;
}

/**
 * Decorrelated jitter (AWS): `delay = min(maxDelayMs, uniform(baseDelayMs, 3 * previous))`, with
 * `previous = baseDelayMs` before the first retry. Grows about exponentially on average while
 * successive delays stay decorrelated, which spreads retry storms better than plain jitter.
 */
export class DecorrelatedJitterBackoff implements Backoff {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  private readonly _random: Random;

  constructor(options: DecorrelatedJitterBackoffOptions) {
    this.baseDelayMs = options.baseDelayMs ?? DEFAULT_BACKOFF_INITIAL_DELAY_MS;
    this.maxDelayMs = options.maxDelayMs ?? Math.max(DEFAULT_BACKOFF_MAX_DELAY_MS, this.baseDelayMs);
    if (!Number.isFinite(this.baseDelayMs) || this.baseDelayMs < 0) {
      throw new InvalidArgumentError('options.baseDelayMs', 'must be a finite number >= 0');
    }
    if (!Number.isFinite(this.maxDelayMs) || this.maxDelayMs < this.baseDelayMs) {
      throw new InvalidArgumentError('options.maxDelayMs', 'must be a finite number >= baseDelayMs');
    }
    if (options.random === undefined || options.random === null) {
      throw new InvalidArgumentError('options.random', 'is required');
    }
    this._random = options.random;
  }

  delayMs(retry: number, previousDelayMs: number): number {
    const previous = previousDelayMs > this.baseDelayMs ? previousDelayMs : this.baseDelayMs;
    const upper = previous * 3;
    const d = Math.floor(this.baseDelayMs + this._random.next() * (upper - this.baseDelayMs));
    return d < this.maxDelayMs ? d : this.maxDelayMs;
  }
}
