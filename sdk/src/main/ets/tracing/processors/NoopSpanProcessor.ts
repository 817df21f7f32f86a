import { ReadableSpan } from '../api/ReadableSpan';
import { SpanContext } from '../api/SpanContext';
import { SpanProcessor } from './SpanProcessor';

/** Does nothing: the processor of a TracerProvider that has none. */
export class NoopSpanProcessor implements SpanProcessor {
  onStart(span: ReadableSpan, parent: SpanContext | undefined): void {}

  onEnd(span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
