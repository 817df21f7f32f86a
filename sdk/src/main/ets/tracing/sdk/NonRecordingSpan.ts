import { Span } from '../api/Span';
import { SpanAttributes, SpanAttributeValue } from '../api/SpanAttributes';
import { SpanContext } from '../api/SpanContext';
import { SpanLink } from '../api/SpanLink';
import { SpanStatusCode } from '../api/SpanStatus';

/**
 * A span that records nothing: what the tracer returns for spans its sampler drops, and a way to
 * treat an extracted context as a span (`new NonRecordingSpan(context)`). It still has a context,
 * so children and propagation keep the trace connected.
 */
export class NonRecordingSpan implements Span {
  private readonly _context: SpanContext;

  constructor(context: SpanContext) {
    this._context = context;
  }

  spanContext(): SpanContext {
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
