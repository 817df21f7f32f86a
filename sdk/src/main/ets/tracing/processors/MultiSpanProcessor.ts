import { Logger } from '../../platform/logging/Logger';
import { ReadableSpan } from '../api/ReadableSpan';
import { SpanContext } from '../api/SpanContext';
import { SpanProcessor } from './SpanProcessor';

/** Fans spans out to several processors; one failing processor never stops the others. */
export class MultiSpanProcessor implements SpanProcessor {
  private readonly _processors: SpanProcessor[];
  private readonly _logger: Logger;

  constructor(processors: SpanProcessor[], logger: Logger) {
    this._processors = processors.slice();
    this._logger = logger;
  }

  onStart(span: ReadableSpan, parent: SpanContext | undefined): void {
    for (let i = 0; i < this._processors.length; i++) {
      try {
        this._processors[i].onStart(span, parent);
      } catch (e) {
        this._logger.error('span processor failed in onStart', { 'error': String(e) });
      }
    }
  }

  onEnd(span: ReadableSpan): void {
    for (let i = 0; i < this._processors.length; i++) {
      try {
        this._processors[i].onEnd(span);
      } catch (e) {
        this._logger.error('span processor failed in onEnd', { 'error': String(e) });
      }
    }
  }

  async forceFlush(): Promise<void> {
    await Promise.all(this._processors.map((p: SpanProcessor): Promise<void> => p.forceFlush()));
  }

  async shutdown(): Promise<void> {
    await Promise.all(this._processors.map((p: SpanProcessor): Promise<void> => p.shutdown()));
  }
}
