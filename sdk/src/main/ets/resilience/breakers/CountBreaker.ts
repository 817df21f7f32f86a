import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { JsonArray, JsonObject, JsonValue } from '../../core/json/JsonValue';
import { TransitionReason } from '../CircuitState';
import { expectType, readArray, readInt } from '../internal/snapshotFields';
import { Breaker, BreakerWindow } from './Breaker';
import { RateThresholds } from './RateThresholds';

const FAILED = 1;
const SLOW = 2;
const PREFIX = 'snapshot.window';

/** Options of a {@link CountBreaker}. */
export interface CountBreakerOptions {
  /** Calls in the sliding window (integer >= 1). Default {@link DEFAULT_COUNT_WINDOW_SIZE}. */
  windowSize?: number;
  /** Calls the window must hold before rates count (1..windowSize). Default min(windowSize, DEFAULT_MINIMUM_NUMBER_OF_CALLS). */
  minimumNumberOfCalls?: number;
  /** Failure rate in (0, 1] that opens the circuit. Default {@link DEFAULT_FAILURE_RATE_THRESHOLD}. */
  failureRateThreshold?: number;
  /** Slow-call rate in (0, 1] that opens the circuit. Default {@link DEFAULT_SLOW_CALL_RATE_THRESHOLD}. */
  slowCallRateThreshold?: number;
}

/** Default calls in a count window. */
export const DEFAULT_COUNT_WINDOW_SIZE = 100;
/** Default calls a rate window needs before its rates count. */
export const DEFAULT_MINIMUM_NUMBER_OF_CALLS = 10;
/** Default failure rate that opens a rate window (50%). */
export const DEFAULT_FAILURE_RATE_THRESHOLD = 0.5;
/** Default slow-call rate that opens a rate window (100%: only when every call is slow). */
export const DEFAULT_SLOW_CALL_RATE_THRESHOLD = 1;

/**
 * Opens the circuit when, over the last `size` calls, the failure rate or the slow-call rate
 * reaches its threshold, once at least `minimumNumberOfCalls` calls are in the window (resilience4j's
 * COUNT_BASED window). O(1) per call: a ring of outcome bits plus running totals.
 */
export class CountBreaker implements Breaker {
  readonly usesTime: boolean = false;
  readonly size: number;
  readonly thresholds: RateThresholds;
  private readonly _ring: Uint8Array;
  private _next: number = 0;
  private _count: number = 0;
  private _failures: number = 0;
  private _slow: number = 0;
  private _consecutive: number = 0;

  constructor(options?: CountBreakerOptions) {
    const size = options?.windowSize ?? DEFAULT_COUNT_WINDOW_SIZE;
    if (!Number.isInteger(size) || size < 1 || size > 1000000) {
      throw new InvalidArgumentError('options.windowSize', 'must be an integer in [1, 1000000]');
    }
    this.size = size;
    this.thresholds = RateThresholds.from(options?.minimumNumberOfCalls ?? Math.min(size, DEFAULT_MINIMUM_NUMBER_OF_CALLS),
      options?.failureRateThreshold ?? DEFAULT_FAILURE_RATE_THRESHOLD,
      options?.slowCallRateThreshold ?? DEFAULT_SLOW_CALL_RATE_THRESHOLD);
    if (this.thresholds.minimumNumberOfCalls > size) {
      throw new InvalidArgumentError('options.minimumNumberOfCalls', `must not exceed the window size ${size}`);
    }
    this._ring = new Uint8Array(size);
  }

  record(failed: boolean, slow: boolean, now: number): TransitionReason | undefined {
    const ring = this._ring;
    const i = this._next;
    if (this._count === this.size) {
      const old = ring[i];
      if ((old & FAILED) !== 0) {
        this._failures--;
      }
      if ((old & SLOW) !== 0) {
        this._slow--;
      }
    } else {
      this._count++;
    }
    ring[i] = (failed ? FAILED : 0) | (slow ? SLOW : 0);
    this._next = i + 1 === this.size ? 0 : i + 1;
    if (slow) {
      this._slow++;
    }
    if (failed) {
      this._failures++;
      this._consecutive++;
    } else {
      this._consecutive = 0;
    }
    return this.thresholds.check(this._count, this._failures, this._slow);
  }

  reset(now: number): void {
    this._ring.fill(0);
    this._next = 0;
    this._count = 0;
    this._failures = 0;
    this._slow = 0;
    this._consecutive = 0;
  }

  window(now: number): BreakerWindow {
    const w: BreakerWindow = {
      calls: this._count, failures: this._failures, slowCalls: this._slow, consecutiveFailures: this._consecutive
    };
    return w;
  }

  snapshot(): JsonObject {
    // Oldest first, so a restore into a breaker of the same size replays the same window.
    const outcomes: JsonArray = [];
    const start = this._count === this.size ? this._next : 0;
    for (let k = 0; k < this._count; k++) {
      outcomes.push(this._ring[(start + k) % this.size]);
    }
    const out: Record<string, JsonValue> = {
      'type': 'count', 'size': this.size, 'outcomes': outcomes, 'consecutive': this._consecutive
    };
    return out as JsonObject;
  }

  restore(snapshot: JsonObject, now: number): void {
    expectType(snapshot, PREFIX, 'count');
    const outcomes = readArray(snapshot, PREFIX, 'outcomes');
    const values: number[] = [];
    for (let k = 0; k < outcomes.length; k++) {
      const v = outcomes[k];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > (FAILED | SLOW)) {
        throw new InvalidArgumentError(`${PREFIX}.outcomes[${k}]`, 'must be an integer in [0, 3]');
      }
      values.push(v);
    }
    const consecutive = readInt(snapshot, PREFIX, 'consecutive', Number.MAX_SAFE_INTEGER);
    this.reset(now);
    // A window of another size keeps the most recent calls that fit.
    const from = values.length > this.size ? values.length - this.size : 0;
    for (let k = from; k < values.length; k++) {
      this.record((values[k] & FAILED) !== 0, (values[k] & SLOW) !== 0, now);
    }
    this._consecutive = consecutive;
  }
}
