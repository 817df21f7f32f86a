import { Span } from '../api/Span';
import { SpanAttributes } from '../api/SpanAttributes';
import { SpanContext } from '../api/SpanContext';
import { SpanKind } from '../api/SpanKind';
import { SpanLink } from '../api/SpanLink';
import { SpanOptions } from '../api/SpanOptions';
import { SpanStatusCode } from '../api/SpanStatus';
import { TraceFlags } from '../api/TraceFlags';
import { TraceScope } from '../api/TraceScope';
import { SamplingDecision, SamplingResult } from '../samplers/Sampler';
import { DeferredSpan } from './DeferredSpan';
import { RecordingSpan } from './RecordingSpan';
import { TracerCore } from './TracerCore';

/**
 * Starts spans. Get one from `TracerProvider.getTracer(name)`. Context is explicit: pass the
 * parent's `spanContext()` (or a context extracted from headers) as `options.parent`.
 *
 * @example
 * const span = tracer.startSpan('load playlist', { kind: SpanKind.CLIENT, parent: incoming });
 * try { ... } finally { span.end(); }
 */
export class Tracer {
  /** The instrumentation scope spans of this tracer report. */
  readonly scope: TraceScope;
  private readonly _core: TracerCore;

  constructor(core: TracerCore, scope: TraceScope) {
    this._core = core;
    this.scope = scope;
  }

  /**
   * Starts a span. Never throws: a failing sampler counts as DROP. A dropped span is a
   * NonRecordingSpan that still carries a valid context for propagation.
   */
  startSpan(name: string, options?: SpanOptions): Span {
    const core = this._core;
    let parent: SpanContext | undefined = undefined;
    let kind = SpanKind.INTERNAL;
    let attributes: SpanAttributes | undefined = undefined;
    let links: SpanLink[] | undefined = undefined;
    let startTime: number | undefined = undefined;
    if (options !== undefined) {
      if (options.root !== true && options.parent !== undefined && options.parent.isValid()) {
        parent = options.parent;
      }
      kind = options.kind ?? SpanKind.INTERNAL;
      attributes = options.attributes;
      links = options.links;
      startTime = options.startTime;
    }
    const sampler = core.sampler;
    let traceId = parent !== undefined ? parent.traceId : (sampler.usesTraceId ? core.ids.traceId() : '');
    let result: SamplingResult;
    try {
      result = sampler.shouldSample(parent, traceId, name, kind, attributes, links);
    } catch (e) {
      core.logger.error('sampler failed; dropping the span', { 'sampler': sampler.description(), 'error': String(e) });
      result = SamplingResult.DROP;
    }
    // Unknown flag bits are not propagated; the level-2 RANDOM bit describes the trace id, so it stays.
    const inherited = parent !== undefined ? (parent.traceFlags & TraceFlags.RANDOM) : 0;
    const traceState = result.traceState ?? (parent !== undefined ? parent.traceState : undefined);
    if (result.decision === SamplingDecision.DROP) {
      return new DeferredSpan(core.ids, traceId, inherited, traceState);
    }
    if (traceId.length === 0) {
      traceId = core.ids.traceId();
    }
    const flags = result.decision === SamplingDecision.RECORD_AND_SAMPLE ? (inherited | TraceFlags.SAMPLED) : inherited;
    const context = new SpanContext(traceId, core.ids.spanId(), flags, false, traceState);
    const span = new RecordingSpan(core, this.scope, context, name, kind, parent, startTime ?? core.clock.now());
    if (attributes !== undefined) {
      span.setAttributes(attributes);
    }
    if (result.attributes !== undefined) {
      span.setAttributes(result.attributes);
    }
    if (links !== undefined) {
      for (let i = 0; i < links.length; i++) {
        span.addLink(links[i]);
      }
    }
    try {
      core.processor.onStart(span, parent);
    } catch (e) {
      core.logger.error('span processor failed in onStart', { 'error': String(e) });
    }
    return span;
  }

  /**
   * Runs `fn` in a new span and ends the span when `fn` settles. If `fn` throws or rejects, the
   * span records the exception and gets status ERROR, and the error is rethrown unchanged.
   */
  async withSpan<T>(name: string, fn: (span: Span) => Promise<T>, options?: SpanOptions): Promise<T> {
    const span = this.startSpan(name, options);
    try {
      const result = await fn(span);
      span.end();
      return result;
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      span.recordException(error);
      span.setStatus(SpanStatusCode.ERROR, error.message);
      span.end();
      throw e as Error;
    }
  }
}
