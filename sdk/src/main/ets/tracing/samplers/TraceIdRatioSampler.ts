import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { SpanAttributes } from '../api/SpanAttributes';
import { SpanContext } from '../api/SpanContext';
import { SpanKind } from '../api/SpanKind';
import { SpanLink } from '../api/SpanLink';
import { Sampler, SamplingResult } from './Sampler';

const TWO_POW_24 = 16777216;
const TWO_POW_32 = 4294967296;

/**
 * Samples a fixed fraction of traces, decided from the trace id alone, so every device that sees
 * the same trace makes the same decision. A trace is sampled when the value of its id's right-most
 * 56 bits, as a fraction of 2^56, is below `ratio` (OpenTelemetry's consistent probability
 * sampling). Use it as the root sampler of a ParentBasedSampler.
 */
export class TraceIdRatioSampler implements Sampler {
  readonly usesTraceId: boolean = true;
  private readonly _ratio: number;
  // The threshold ratio * 2^56 split at bit 32, so the 56-bit comparison is exact in doubles
  // (scaling by powers of two and taking a fraction part lose nothing).
  private readonly _thresholdHigh: number;
  private readonly _thresholdLow: number;

  /** @throws InvalidArgumentError (ERR_INVALID_ARGUMENT) when `ratio` is not in [0, 1]. */
  constructor(ratio: number) {
    if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
      throw new InvalidArgumentError('ratio', 'must be a number in [0, 1]');
    }
    this._ratio = ratio;
    const scaled = ratio * TWO_POW_24;
    this._thresholdHigh = Math.floor(scaled);
    this._thresholdLow = (scaled - this._thresholdHigh) * TWO_POW_32;
  }

  get ratio(): number {
    return this._ratio;
  }

  shouldSample(parent: SpanContext | undefined, traceId: string, name: string, kind: SpanKind,
    attributes: SpanAttributes | undefined, links: SpanLink[] | undefined): SamplingResult {
    if (this._ratio >= 1) {
      return SamplingResult.RECORD_AND_SAMPLE;
    }
    if (this._ratio <= 0) {
      return SamplingResult.DROP;
    }
    if (traceId.length !== 32) {
      return SamplingResult.DROP;
    }
    // The right-most 56 bits: 24 high bits and 32 low bits.
    const high = parseInt(traceId.substring(18, 24), 16);
    const low = parseInt(traceId.substring(24, 32), 16);
    const below = high < this._thresholdHigh || (high === this._thresholdHigh && low < this._thresholdLow);
    return below ? SamplingResult.RECORD_AND_SAMPLE : SamplingResult.DROP;
  }

  description(): string {
    return `TraceIdRatioSampler{${this._ratio}}`;
  }
}
