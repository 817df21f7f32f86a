import { ReadableSpan } from '../api/ReadableSpan';
import { SpanContext } from '../api/SpanContext';

/**
 * Receives every recording span when it starts and when it ends. Processors hand sampled spans to
 * an exporter (SimpleSpanProcessor, BatchSpanProcessor). `onStart` and `onEnd` run inside
 * business code, so they must be fast and must never throw.
 */
export interface SpanProcessor {
  /** A recording span started (`parent` is its explicit parent, if any). */
  onStart(span: ReadableSpan, parent: SpanContext | undefined): void;
  /** A recording span ended. */
  onEnd(span: ReadableSpan): void;
  /** Exports everything received so far; resolves when done (never rejects). */
  forceFlush(): Promise<void>;
  /** Flushes, then shuts the exporter down. Idempotent: later calls return the same promise. */
  shutdown(): Promise<void>;
}
