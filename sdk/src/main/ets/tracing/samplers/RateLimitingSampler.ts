import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { Clock } from '../../platform/Clock';
import { SpanAttributes } from '../api/SpanAttributes';
import { SpanContext } from '../api/SpanContext';
import { SpanKind } from '../api/SpanKind';
import { SpanLink } from '../api/SpanLink';
import { Sampler, SamplingResult } from './Sampler';

/**
 * Samples at most `tracesPerSecond` spans per second of Clock time, with bursts of up to
 * `max(1, tracesPerSecond)` (a token bucket refilled continuously, like Jaeger's rate-limiting
 * sampler). Every span it is asked about takes a token, so use it as the `root` of a
 * ParentBasedSampler to limit traces rather than spans.
 */
export class RateLimitingSampler implements Sampler {
  readonly usesTraceId: boolean = false;
  private readonly _clock: Clock;
  // The balance is kept in thousandths of a token: with integer ms and rates the sums stay exact.
  private readonly _capacity: number;
  private readonly _tracesPerSecond: number;
  private _balance: number;
  private _last: number;

  /** @throws InvalidArgumentError (ERR_INVALID_ARGUMENT) when `tracesPerSecond` is negative or not finite. */
  constructor(tracesPerSecond: number, clock: Clock) {
    if (!Number.isFinite(tracesPerSecond) || tracesPerSecond < 0) {
      throw new InvalidArgumentError('tracesPerSecond', 'must be a finite number >= 0');
    }
    this._clock = clock;
    this._tracesPerSecond = tracesPerSecond;
    this._capacity = Math.max(1, tracesPerSecond) * 1000;
    this._balance = tracesPerSecond > 0 ? this._capacity : 0;
    this._last = clock.now();
  }

  shouldSample(parent: SpanContext | undefined, traceId: string, name: string, kind: SpanKind,
    attributes: SpanAttributes | undefined, links: SpanLink[] | undefined): SamplingResult {
    const now = this._clock.now();
    if (now > this._last) {
      this._balance = Math.min(this._capacity, this._balance + (now - this._last) * this._tracesPerSecond);
      this._last = now;
    }
    if (this._balance >= 1000) {
      this._balance -= 1000;
      return SamplingResult.RECORD_AND_SAMPLE;
    }
    return SamplingResult.DROP;
  }

  description(): string {
    return `RateLimitingSampler{${this._tracesPerSecond}}`;
  }
}
