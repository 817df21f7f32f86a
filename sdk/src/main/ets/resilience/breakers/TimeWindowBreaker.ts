import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { JsonArray, JsonObject, JsonValue } from '../../core/json/JsonValue';
import { TransitionReason } from '../CircuitState';
import { expectType, readArray, readInt } from '../internal/snapshotFields';
import { Breaker, BreakerWindow } from './Breaker';
import { DEFAULT_FAILURE_RATE_THRESHOLD, DEFAULT_MINIMUM_NUMBER_OF_CALLS, DEFAULT_SLOW_CALL_RATE_THRESHOLD } from './CountBreaker';
import { RateThresholds } from './RateThresholds';

const PREFIX = 'snapshot.window';

/** Options of a {@link TimeWindowBreaker}. */
export interface TimeWindowBreakerOptions {
  /** Length of the sliding window in ms. Default {@link DEFAULT_TIME_WINDOW_MS}. */
  windowMs?: number;
  /** Buckets the window is split into (its time resolution). Default {@link DEFAULT_TIME_WINDOW_BUCKETS}. */
  windowBuckets?: number;
  /** Calls the window must hold before rates count. Default {@link DEFAULT_MINIMUM_NUMBER_OF_CALLS}. */
  minimumNumberOfCalls?: number;
  /** Failure rate in (0, 1] that opens the circuit. Default {@link DEFAULT_FAILURE_RATE_THRESHOLD}. */
  failureRateThreshold?: number;
  /** Slow-call rate in (0, 1] that opens the circuit. Default {@link DEFAULT_SLOW_CALL_RATE_THRESHOLD}. */
  slowCallRateThreshold?: number;
}

/** Default length of a time window: 60 s. */
export const DEFAULT_TIME_WINDOW_MS = 60000;
/** Default buckets of a time window (6 s each by default). */
export const DEFAULT_TIME_WINDOW_BUCKETS = 10;

/**
 * Opens the circuit when, over the last `windowMs`, the failure rate or the slow-call rate reaches
 * its threshold, once the window holds `minimumNumberOfCalls` calls (resilience4j's TIME_BASED
 * window). Time is cut into `buckets` aligned buckets of `windowMs / buckets` ms: a call at time t
 * goes to bucket `floor(t / bucketMs)`, and the window is the current bucket plus the
 * `buckets - 1` before it. O(1) per call plus O(buckets) when a long quiet spell is skipped.
 */
export class TimeWindowBreaker implements Breaker {
  readonly usesTime: boolean = true;
  readonly windowMs: number;
  readonly bucketCount: number;
  readonly bucketMs: number;
  readonly thresholds: RateThresholds;
  private readonly _epochs: number[] = [];
  private readonly _calls: number[] = [];
  private readonly _failures: number[] = [];
  private readonly _slow: number[] = [];
  private _epoch: number = Number.NEGATIVE_INFINITY;
  private _totalCalls: number = 0;
  private _totalFailures: number = 0;
  private _totalSlow: number = 0;
  private _consecutive: number = 0;

  constructor(options?: TimeWindowBreakerOptions) {
    const windowMs = options?.windowMs ?? DEFAULT_TIME_WINDOW_MS;
    const buckets = options?.windowBuckets ?? DEFAULT_TIME_WINDOW_BUCKETS;
    if (!Number.isFinite(windowMs) || windowMs <= 0) {
      throw new InvalidArgumentError('options.windowMs', 'must be a finite number > 0');
    }
    if (!Number.isInteger(buckets) || buckets < 1 || buckets > 10000) {
      throw new InvalidArgumentError('options.windowBuckets', 'must be an integer in [1, 10000]');
    }
    this.windowMs = windowMs;
    this.bucketCount = buckets;
    this.bucketMs = windowMs / buckets;
    this.thresholds = RateThresholds.from(options?.minimumNumberOfCalls ?? DEFAULT_MINIMUM_NUMBER_OF_CALLS,
      options?.failureRateThreshold ?? DEFAULT_FAILURE_RATE_THRESHOLD,
      options?.slowCallRateThreshold ?? DEFAULT_SLOW_CALL_RATE_THRESHOLD);
    for (let i = 0; i < buckets; i++) {
      this._epochs.push(Number.NEGATIVE_INFINITY);
      this._calls.push(0);
      this._failures.push(0);
      this._slow.push(0);
    }
  }

  record(failed: boolean, slow: boolean, now: number): TransitionReason | undefined {
    const i = this.advance(now);
    this._calls[i]++;
    this._totalCalls++;
    if (slow) {
      this._slow[i]++;
      this._totalSlow++;
    }
    if (failed) {
      this._failures[i]++;
      this._totalFailures++;
      this._consecutive++;
    } else {
      this._consecutive = 0;
    }
    return this.thresholds.check(this._totalCalls, this._totalFailures, this._totalSlow);
  }

  reset(now: number): void {
    for (let i = 0; i < this.bucketCount; i++) {
      this.clearBucket(i);
      this._epochs[i] = Number.NEGATIVE_INFINITY;
    }
    this._epoch = Number.NEGATIVE_INFINITY;
    this._totalCalls = 0;
    this._totalFailures = 0;
    this._totalSlow = 0;
    this._consecutive = 0;
  }

  window(now: number): BreakerWindow {
    this.advance(now);
    const w: BreakerWindow = {
      calls: this._totalCalls, failures: this._totalFailures, slowCalls: this._totalSlow,
      consecutiveFailures: this._consecutive
    };
    return w;
  }

  snapshot(): JsonObject {
    const buckets: JsonArray = [];
    for (let i = 0; i < this.bucketCount; i++) {
      if (this._calls[i] > 0) {
        const b: JsonArray = [this._epochs[i], this._calls[i], this._failures[i], this._slow[i]];
        buckets.push(b);
      }
    }
    const out: Record<string, JsonValue> = {
      'type': 'time', 'bucketMs': this.bucketMs, 'buckets': buckets, 'consecutive': this._consecutive
    };
    return out as JsonObject;
  }

  restore(snapshot: JsonObject, now: number): void {
    expectType(snapshot, PREFIX, 'time');
    if (snapshot['bucketMs'] !== this.bucketMs) {
      // Another resolution: the recorded buckets cannot be mapped, so the window starts empty.
      this.reset(now);
      return;
    }
    const buckets = readArray(snapshot, PREFIX, 'buckets');
    const consecutive = readInt(snapshot, PREFIX, 'consecutive', Number.MAX_SAFE_INTEGER);
    const parsed: number[][] = [];
    for (let k = 0; k < buckets.length; k++) {
      const b = buckets[k];
      const field = `${PREFIX}.buckets[${k}]`;
      if (!Array.isArray(b) || b.length !== 4) {
        throw new InvalidArgumentError(field, 'must be [epoch, calls, failures, slowCalls]');
      }
      const row: number[] = [];
      for (let j = 0; j < 4; j++) {
        const v = (b as JsonArray)[j];
        if (typeof v !== 'number' || !Number.isInteger(v) || (j > 0 && v < 0)) {
          throw new InvalidArgumentError(field, 'must hold integers (counts >= 0)');
        }
        row.push(v);
      }
      if (row[2] > row[1] || row[3] > row[1]) {
        throw new InvalidArgumentError(field, 'failures and slow calls must not exceed calls');
      }
      parsed.push(row);
    }
    this.reset(now);
    const current = Math.floor(now / this.bucketMs);
    for (const row of parsed) {
      const epoch = row[0];
      if (epoch > current - this.bucketCount && epoch <= current) {
        const i = this.slot(epoch);
        this.clearBucket(i);
        this._epochs[i] = epoch;
        this._calls[i] = row[1];
        this._failures[i] = row[2];
        this._slow[i] = row[3];
        this._totalCalls += row[1];
        this._totalFailures += row[2];
        this._totalSlow += row[3];
      }
    }
    this._epoch = current;
    // The current bucket is either restored above or empty; it must carry its epoch either way.
    this._epochs[this.slot(current)] = current;
    this._consecutive = consecutive;
  }

  /** Drops buckets that left the window at `now`; returns the index of the current bucket. */
  private advance(now: number): number {
    const epoch = Math.floor(now / this.bucketMs);
    const last = this._epoch;
    if (epoch <= last) {
      // Same bucket, or a clock that went backwards: count the call in the newest bucket.
      return this.slot(last);
    }
    const steps = last === Number.NEGATIVE_INFINITY || epoch - last >= this.bucketCount ? this.bucketCount : epoch - last;
    for (let k = 0; k < steps; k++) {
      const e = epoch - k;
      const i = this.slot(e);
      this.clearBucket(i);
      this._epochs[i] = e;
    }
    this._epoch = epoch;
    return this.slot(epoch);
  }

  private slot(epoch: number): number {
    const m = epoch % this.bucketCount;
    return m < 0 ? m + this.bucketCount : m;
  }

  private clearBucket(i: number): void {
    this._totalCalls -= this._calls[i];
    this._totalFailures -= this._failures[i];
    this._totalSlow -= this._slow[i];
    this._calls[i] = 0;
    this._failures[i] = 0;
    this._slow[i] = 0;
  }
}
