import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { Random } from '../../platform/Random';
import { Backoff } from './Backoff';

/** Randomisation applied to an exponential delay `d` (AWS "Exponential Backoff and BackoffJitter"). */
export enum BackoffJitter {
  /** Exactly `d`. */
  NONE = 'none',
  /** Uniform in [0, d): spreads retries the most. */
  FULL = 'full',
  /** Uniform in [d/2, d): keeps at least half the delay. */
  EQUAL = 'equal'
}

/** Options of an {@link ExponentialBackoff}. */
export interface ExponentialBackoffOptions {
  /** Delay before the first retry, in ms. Default {@link DEFAULT_BACKOFF_INITIAL_DELAY_MS}. */
  initialDelayMs?: number;
  /** Growth factor per retry (>= 1). Default {@link DEFAULT_BACKOFF_MULTIPLIER}. */
  multiplier?: number;
  /** Cap of the delay, in ms. Default {@link DEFAULT_BACKOFF_MAX_DELAY_MS}. */
  maxDelayMs?: number;
  /** Default {@link BackoffJitter.NONE}; FULL and EQUAL need `random`. */
  jitter?: BackoffJitter;
  /** Randomness for jitter (a SeededRandom makes schedules reproducible). */
  random?: Random;
}

/** Default first retry delay: 100 ms. */
export const DEFAULT_BACKOFF_INITIAL_DELAY_MS = 100;
/** Default growth factor: 2. */
export const DEFAULT_BACKOFF_MULTIPLIER = 2;
/** Default delay cap: 10 s. */
export const DEFAULT_BACKOFF_MAX_DELAY_MS = 10000;

/**
 * `d = min(maxDelayMs, initialDelayMs * multiplier^(retry - 1))`, then jittered: NONE gives `d`,
 * FULL a uniform value in [0, d), EQUAL one in [d/2, d).
 */
export class ExponentialBackoff implements Backoff {
  readonly initialDelayMs: number;
  readonly multiplier: number;
  readonly maxDelayMs: number;
  readonly jitter: BackoffJitter;
  private readonly _random: Random | undefined;

  constructor(options?: ExponentialBackoffOptions) {
    this.initialDelayMs = options?.initialDelayMs ?? DEFAULT_BACKOFF_INITIAL_DELAY_MS;
    this.multiplier = options?.multiplier ?? DEFAULT_BACKOFF_MULTIPLIER;
    this.maxDelayMs = options?.maxDelayMs ?? Math.max(DEFAULT_BACKOFF_MAX_DELAY_MS, this.initialDelayMs);
    this.jitter = options?.jitter ?? BackoffJitter.NONE;
    this._random = options?.random;
    if (!Number.isFinite(this.initialDelayMs) || this.initialDelayMs < 0) {
      throw new InvalidArgumentError('options.initialDelayMs', 'must be a finite number >= 0');
    }
    if (!Number.isFinite(this.multiplier) || this.multiplier < 1) {
      throw new InvalidArgumentError('options.multiplier', 'must be a finite number >= 1');
    }
    if (!Number.isFinite(this.maxDelayMs) || this.maxDelayMs < this.initialDelayMs) {
      throw new InvalidArgumentError('options.maxDelayMs', 'must be a finite number >= initialDelayMs');
    }
    if (this.jitter !== BackoffJitter.NONE && this._random === undefined) {
      throw new InvalidArgumentError('options.random', `is required for ${this.jitter} jitter`);
    }
  }

  /** The un-jittered delay before retry `retry`. */
  baseDelayMs(retry: number): number {
    const n = retry < 1 ? 0 : retry - 1;
    const d = this.initialDelayMs * Math.pow(this.multiplier, n);
    return d < this.maxDelayMs ? d : this.maxDelayMs;
  }

  delayMs(retry: number, previousDelayMs: number): number {
    const d = this.baseDelayMs(retry);
    const random = this._random;
    if (random === undefined || this.jitter === BackoffJitter.NONE) {
      return d;
    }
    if (this.jitter === BackoffJitter.FULL) {
      return Math.floor(random.next() * d);
    }
    const half = d / 2;
    return Math.floor(half + random.next() * half);
  }
}
