import { IdGenerator } from '../../core/ids/IdGenerator';
import { Span } from '../api/Span';
import { SpanAttributes, SpanAttributeValue } from '../api/SpanAttributes';
import { SpanContext } from '../api/SpanContext';
import { SpanLink } from '../api/SpanLink';
import { SpanStatusCode } from '../api/SpanStatus';
import { TraceState } from '../propagation/TraceState';

/**
 * A span that records nothing: what the tracer returns for spans its sampler drops, and a way to
 * treat an extracted context as a span (`new NonRecordingSpan(context)`). It still has a context,
 * so children and propagation keep the trace connected. For dropped spans the ids are drawn only
 * when the context is first asked for, which keeps an unsampled span nearly free.
 */
export class NonRecordingSpan implements Span {
  private _context: SpanContext;
  private _ids: IdGenerator | undefined;

  /**
   * Wraps `context`. With `deferredIds`, `context` is a template whose empty ids are drawn from
   * the generator when `spanContext()` is first called (the tracer's dropped spans).
   */
  constructor(context: SpanContext, deferredIds?: IdGenerator) {
    this._context = context;
    this._ids = deferredIds;
  }

  /**
   * A dropped span whose ids are drawn on first use: a new span id, and a new trace id when
   * `traceId` is empty (a dropped root span).
   */
  static deferred(ids: IdGenerator, traceId: string, traceFlags: number, traceState: TraceState | undefined): NonRecordingSpan {
    return new NonRecordingSpan(new SpanContext(traceId, '', traceFlags, false, traceState), ids);
  }

  spanContext(): SpanContext {
    const ids = this._ids;
    if (ids !== undefined) {
      const t = this._context;
      this._context = new SpanContext(t.traceId.length > 0 ? t.traceId : ids.traceId(), ids.spanId(), t.traceFlags, false, t.traceState);
      this._ids = undefined;
    }
    return this._context;
  }

  isRecording(): boolean {
    return false;
  }

  setAttribute(key: string, value: SpanAttributeValue): Span {
    return this;
  }

  setAttributes(attributes: SpanAttributes): Span {
    return this;
  }

  addEvent(name: string, attributes?: SpanAttributes, time?: number): Span {
    return this;
  }

  addLink(link: SpanLink): Span {
    return this;
  }

  setStatus(code: SpanStatusCode, message?: string): Span {
    return this;
  }

  updateName(name: string): Span {
    return this;
  }

  recordException(error: Error, time?: number): Span {
    return this;
  }

  end(endTime?: number): void {}
}
