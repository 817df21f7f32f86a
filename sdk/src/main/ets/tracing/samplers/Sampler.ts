import { SpanAttributes } from '../api/SpanAttributes';
import { SpanContext } from '../api/SpanContext';
import { SpanKind } from '../api/SpanKind';
import { SpanLink } from '../api/SpanLink';
import { TraceState } from '../propagation/TraceState';

/** What a sampler decided for a new span. */
export enum SamplingDecision {
  /** Not recorded, not exported: the span is a cheap no-op that still propagates its context. */
  DROP = 0,
  /** Recorded (processors see it) but not sampled: exporters skip it and children see it unsampled. */
  RECORD_ONLY = 1,
  /** Recorded and sampled: exported, and the SAMPLED flag travels to other devices. */
  RECORD_AND_SAMPLE = 2
}

/** A sampler's answer: the decision, plus optional attributes for the span and a new trace state. */
export class SamplingResult {
  readonly decision: SamplingDecision;
  readonly attributes: SpanAttributes | undefined;
  readonly traceState: TraceState | undefined;

  constructor(decision: SamplingDecision, attributes?: SpanAttributes, traceState?: TraceState) {
    this.decision = decision;
    this.attributes = attributes;
    this.traceState = traceState;
  }

  /** Shared results without attributes (no allocation on the hot path). */
  static readonly DROP: SamplingResult = new SamplingResult(SamplingDecision.DROP);
  static readonly RECORD_ONLY: SamplingResult = new SamplingResult(SamplingDecision.RECORD_ONLY);
  static readonly RECORD_AND_SAMPLE: SamplingResult = new SamplingResult(SamplingDecision.RECORD_AND_SAMPLE);
}

/**
 * Decides whether a new span is recorded and exported. Implementations must be fast and must not
 * throw (the tracer treats a throwing sampler as DROP).
 */
export interface Sampler {
  /**
   * False when decisions never depend on `traceId`: for such samplers the tracer does not draw a
   * trace id for root spans it drops (it passes `''`), which keeps dropped spans nearly free.
   */
  readonly usesTraceId: boolean;
  /**
   * Decides for a span about to start. `parent` is the explicit parent (undefined for a root),
   * `traceId` the trace id the span will have.
   */
  shouldSample(parent: SpanContext | undefined, traceId: string, name: string, kind: SpanKind,
    attributes: SpanAttributes | undefined, links: SpanLink[] | undefined): SamplingResult;
  /** A short description, e.g. `TraceIdRatioSampler{0.25}`. */
  description(): string;
}
