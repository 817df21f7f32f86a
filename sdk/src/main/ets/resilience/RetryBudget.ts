import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { Clock } from '../platform/Clock';

/** Options of a {@link RetryBudget}. */
export interface RetryBudgetOptions {
  /** The time source. Required. */
  clock: Clock;
  /** Retries allowed as a share of requests in the window (>= 0). Default {@link DEFAULT_RETRY_RATIO}. */
  retryRatio?: number;
  /** Retries always allowed per second, however few the requests. Default {@link DEFAULT_MIN_RETRIES_PER_SECOND}. */
  minRetriesPerSecond?: number;
  /** Window over which requests and retries are counted, in ms. Default {@link DEFAULT_RETRY_BUDGET_TTL_MS}. */
  ttlMs?: number;
}

/** Default retry ratio (Linkerd): retries may add 20% to the load. */
export const DEFAULT_RETRY_RATIO = 0.2;
/** Default floor: 10 retries per second. */
export const DEFAULT_MIN_RETRIES_PER_SECOND = 10;
/** Default window: 10 s. */
export const DEFAULT_RETRY_BUDGET_TTL_MS = 10000;

const BUCKETS = 10;

/**
 * A cap on retries as a share of requests (Linkerd/Finagle retry budgets), shared by every retry
 * loop that uses it, so that retries cannot multiply the load on a struggling upstream. Over the
 * last `ttlMs`, retries are allowed while
 * `retries < minRetriesPerSecond * ttlMs / 1000 + retryRatio * requests`.
 * Each original request calls `deposit()`, each retry `tryWithdraw()`.
 */
export class RetryBudget {
  readonly retryRatio: number;
  readonly minRetriesPerSecond: number;
  readonly ttlMs: number;
  private readonly _clock: Clock;
  private readonly _bucketMs: number;
  private readonly _requests: number[] = [];
  private readonly _retries: number[] = [];
  private _epoch: number = Number.NEGATIVE_INFINITY;
  private _totalRequests: number = 0;
  private _totalRetries: number = 0;

  constructor(options: RetryBudgetOptions) {
    if (options.clock === undefined || options.clock === null) {
      throw new InvalidArgumentError('options.clock', 'is required');
    }
    this._clock = options.clock;
    this.retryRatio = options.retryRatio ?? DEFAULT_RETRY_RATIO;
    this.minRetriesPerSecond = options.minRetriesPerSecond ?? DEFAULT_MIN_RETRIES_PER_SECOND;
    this.ttlMs = options.ttlMs ?? DEFAULT_RETRY_BUDGET_TTL_MS;
    if (!Number.isFinite(this.retryRatio) || this.retryRatio < 0) {
      throw new InvalidArgumentError('options.retryRatio', 'must be a finite number >= 0');
    }
    if (!Number.isFinite(this.minRetriesPerSecond) || this.minRetriesPerSecond < 0) {
      throw new InvalidArgumentError('options.minRetriesPerSecond', 'must be a finite number >= 0');
    }
    if (!Number.isFinite(this.ttlMs) || this.ttlMs <= 0) {
      throw new InvalidArgumentError('options.ttlMs', 'must be a finite number > 0');
    }
    this._bucketMs = this.ttlMs / BUCKETS;
    for (let i = 0; i < BUCKETS; i++) {
      this._requests.push(0);
      this._retries.push(0);
    }
  }

  /** Counts one original request (it earns `retryRatio` retries). */
  deposit(): void {
    const i = this.advance();
    this._requests[i]++;
    this._totalRequests++;
  }

  /** Takes one retry from the budget; false (nothing taken) when it is exhausted. */
  tryWithdraw(): boolean {
    const i = this.advance();
    if (this._totalRetries >= this.allowance()) {
      return false;
    }
    this._retries[i]++;
    this._totalRetries++;
    return true;
  }

  /** Retries still available in the current window. */
  get available(): number {
    this.advance();
    const left = Math.floor(this.allowance() - this._totalRetries);
    return left > 0 ? left : 0;
  }

  /** Requests counted in the current window. */
  get requests(): number {
    this.advance();
    return this._totalRequests;
  }

  /** Retries taken in the current window. */
  get retries(): number {
    this.advance();
    return this._totalRetries;
  }

  private allowance(): number {
    return this.minRetriesPerSecond * this.ttlMs / 1000 + this.retryRatio * this._totalRequests;
  }

  private advance(): number {
    const epoch = Math.floor(this._clock.now() / this._bucketMs);
    const last = this._epoch;
    if (epoch > last) {
      const steps = last === Number.NEGATIVE_INFINITY || epoch - last >= BUCKETS ? BUCKETS : epoch - last;
      for (let k = 0; k < steps; k++) {
        const i = this.slot(epoch - k);
        this._totalRequests -= this._requests[i];
        this._totalRetries -= this._retries[i];
        this._requests[i] = 0;
        this._retries[i] = 0;
      }
      this._epoch = epoch;
    }
    return this.slot(this._epoch);
  }

  private slot(epoch: number): number {
    const m = epoch % BUCKETS;
    return m < 0 ? m + BUCKETS : m;
  }
}
