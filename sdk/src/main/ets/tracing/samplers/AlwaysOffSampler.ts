import { SpanAttributes } from '../api/SpanAttributes';
import { SpanContext } from '../api/SpanContext';
import { SpanKind } from '../api/SpanKind';
import { SpanLink } from '../api/SpanLink';
import { Sampler, SamplingResult } from './Sampler';

/** Drops every span (contexts still propagate, unsampled). */
export class AlwaysOffSampler implements Sampler {
  readonly usesTraceId: boolean = false;

  shouldSample(parent: SpanContext | undefined, traceId: string, name: string, kind: SpanKind,
    attributes: SpanAttributes | undefined, links: SpanLink[] | undefined): SamplingResult {
    return SamplingResult.DROP;
  }

  description(): string {
    return 'AlwaysOffSampler';
  }
}
