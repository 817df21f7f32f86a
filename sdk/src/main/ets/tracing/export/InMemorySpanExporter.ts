import { InvalidStateError } from '../../core/errors/InvalidStateError';
import { ReadableSpan } from '../api/ReadableSpan';
import { SpanExporter, SpanExportResult } from './SpanExporter';

/**
 * Keeps exported spans in memory, in export order: for tests, the simulator's trace view and
 * "upload JSON" files (`encodeJaegerJson(exporter.getFinishedSpans())`). After `shutdown`,
 * exports fail with ERR_INVALID_STATE.
 */
export class InMemorySpanExporter implements SpanExporter {
  private _spans: ReadableSpan[] = [];
  private _exportedCount: number = 0;
  private _stopped: boolean = false;

  export(spans: ReadableSpan[]): Promise<SpanExportResult> {
    if (this._stopped) {
      return Promise.resolve(SpanExportResult.failed(new InvalidStateError('InMemorySpanExporter is shut down')));
    }
    for (let i = 0; i < spans.length; i++) {
      this._spans.push(spans[i]);
    }
    this._exportedCount += spans.length;
    return Promise.resolve(SpanExportResult.SUCCESS);
  }

  /** The spans exported since the last `reset`, oldest first (a copy). */
  getFinishedSpans(): ReadableSpan[] {
    return this._spans.slice();
  }

  /** Spans exported since creation (not cleared by `reset`). */
  get exportedCount(): number {
    return this._exportedCount;
  }

  /** Forgets the stored spans. */
  reset(): void {
    this._spans = [];
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    this._stopped = true;
    return Promise.resolve();
  }
}
