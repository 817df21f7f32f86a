import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { SpanAttributes } from '../api/SpanAttributes';
import { SpanContext } from '../api/SpanContext';
import { SpanKind } from '../api/SpanKind';
import { SpanLink } from '../api/SpanLink';
import { Sampler, SamplingResult } from './Sampler';

const TWO_POW_24 = 16777216;
const TWO_POW_56 = 72057594037927936;

/**
 * The random part of a trace id as a number in [0, 1): its right-most 56 bits (the bits W3C Trace
 * Context level 2 requires to be random), read as a fraction.
 */
export const traceIdRandomness = (traceId: string): number => {
  if (traceId.length !== 32) {
    return 0;
  }
  const high = parseInt(traceId.substring(18, 24), 16);
  const low = parseInt(traceId.substring(24, 32), 16);
  if (Number.isNaN(high) || Number.isNaN(low)) {
    return 0;
  }
  return high / TWO_POW_24 + low / TWO_POW_56;
};

/**
 * Samples a fixed fraction of traces, decided from the trace id alone, so every device that sees
 * the same trace makes the same decision. A trace is sampled when the value of its id's right-most
 * 56 bits, as a fraction of 2^56, is below `ratio` (OpenTelemetry's consistent probability
 * sampling). Use it as the root sampler of a ParentBasedSampler.
 */
export class TraceIdRatioSampler implements Sampler {
  readonly usesTraceId: boolean = true;
  private readonly _ratio: number;

  /** @throws InvalidArgumentError (ERR_INVALID_ARGUMENT) when `ratio` is not in [0, 1]. */
  constructor(ratio: number) {
    if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
      throw new InvalidArgumentError('ratio', 'must be a number in [0, 1]');
    }
    this._ratio = ratio;
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
    return traceIdRandomness(traceId) < this._ratio ? SamplingResult.RECORD_AND_SAMPLE : SamplingResult.DROP;
  }

  description(): string {
    return `TraceIdRatioSampler{${this._ratio}}`;
  }
}
