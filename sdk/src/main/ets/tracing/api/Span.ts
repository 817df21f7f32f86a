import { SpanAttributes, SpanAttributeValue } from './SpanAttributes';
import { SpanContext } from './SpanContext';
import { SpanLink } from './SpanLink';
import { SpanStatusCode } from './SpanStatus';

/**
 * One timed operation in a trace: OpenTelemetry's span API. Every method is safe to call at any
 * time: on a span that is not recording (not sampled) or has already ended they do nothing, and
 * none of them ever throws into business code. Setters return the span for chaining.
 */
export interface Span {
  /** The ids and flags to propagate and to pass as `parent` to children. */
  spanContext(): SpanContext;
  /** True while the span records data (sampled or record-only, and not ended). */
  isRecording(): boolean;
  /** Sets one attribute (sensitive keys are redacted, long strings truncated, see SpanLimits). */
  setAttribute(key: string, value: SpanAttributeValue): Span;
  /** Sets several attributes. */
  setAttributes(attributes: SpanAttributes): Span;
  /** Adds an event at `time` (epoch ms; default now on the tracer's Clock). */
  addEvent(name: string, attributes?: SpanAttributes, time?: number): Span;
  /** Adds a link to another span. */
  addLink(link: SpanLink): Span;
  /** Sets the status. OK is final; UNSET is ignored; the message is kept for ERROR only. */
  setStatus(code: SpanStatusCode, message?: string): Span;
  /** Renames the span. */
  updateName(name: string): Span;
  /**
   * Records an `exception` event (type, message, stack; a MeshError's code as `error.type`).
   * It does not change the status: call `setStatus(SpanStatusCode.ERROR, ...)` for that.
   */
  recordException(error: Error, time?: number): Span;
  /** Ends the span at `endTime` (epoch ms; default now). Later calls are ignored. */
  end(endTime?: number): void;
}
