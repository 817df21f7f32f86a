import { SpanAttributes } from './SpanAttributes';
import { SpanContext } from './SpanContext';
import { SpanEvent } from './SpanEvent';
import { SpanKind } from './SpanKind';
import { SpanLink } from './SpanLink';
import { SpanStatus } from './SpanStatus';
import { TraceResource } from './TraceResource';
import { TraceScope } from './TraceScope';

/**
 * A recorded span as processors and exporters see it. Times are epoch milliseconds from the
 * tracer's Clock (exporters convert them: OTLP to unix nanoseconds, Jaeger and Zipkin to
 * microseconds). Treat everything here as read-only.
 */
export interface ReadableSpan {
  readonly name: string;
  readonly kind: SpanKind;
  /** Span id of the parent; undefined for a root span. */
  readonly parentSpanId: string | undefined;
  /** True when the parent context came from another device (extracted from headers). */
  readonly parentIsRemote: boolean;
  readonly startTime: number;
  /** End time in epoch ms; -1 while the span is running. */
  readonly endTime: number;
  readonly attributes: SpanAttributes;
  readonly events: SpanEvent[];
  readonly links: SpanLink[];
  readonly status: SpanStatus;
  readonly droppedAttributesCount: number;
  readonly droppedEventsCount: number;
  readonly droppedLinksCount: number;
  readonly resource: TraceResource;
  readonly scope: TraceScope;
  /** Ids, flags and trace state of this span. */
  spanContext(): SpanContext;
  /** True once `end` has been called. */
  isEnded(): boolean;
  /** endTime - startTime in ms (0 while running). */
  duration(): number;
}
