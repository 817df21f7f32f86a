import { MeshError } from '../../core/errors/MeshError';
import { Logger } from '../../platform/logging/Logger';
import { NoopLogger } from '../../platform/logging/NoopLogger';
import { ReadableSpan } from '../api/ReadableSpan';
import { SpanContext } from '../api/SpanContext';
import { SpanExporter, SpanExportResult } from '../export/SpanExporter';
import { SpanProcessor } from './SpanProcessor';
import { SpanProcessorStats } from './SpanProcessorStats';

/**
 * Exports each sampled span as it ends. Exports never overlap: spans that end while one runs are
 * sent together right after it, in order. Meant for tests, the simulator and debugging; use the
 * BatchSpanProcessor in production (this one does not bound its backlog).
 */
export class SimpleSpanProcessor implements SpanProcessor {
  private readonly _exporter: SpanExporter;
  private readonly _logger: Logger;
  private _pending: ReadableSpan[] = [];
  private _exporting: boolean = false;
  private _idle: Promise<void> = Promise.resolve();
  private _settleIdle: (() => void) | undefined = undefined;
  private _received: number = 0;
  private _exported: number = 0;
  private _failed: number = 0;
  private _dropped: number = 0;
  private _inFlight: number = 0;
  private _shuttingDown: boolean = false;
  private _shutdown: Promise<void> | undefined = undefined;

  constructor(exporter: SpanExporter, logger?: Logger) {
    this._exporter = exporter;
    this._logger = logger ?? new NoopLogger();
  }

  /** The span accounting so far (`dropped` counts spans that ended after shutdown). */
  stats(): SpanProcessorStats {
    return new SpanProcessorStats(this._received, this._exported, this._failed, this._dropped, this._pending.length, this._inFlight);
  }

  onStart(span: ReadableSpan, parent: SpanContext | undefined): void {}

  onEnd(span: ReadableSpan): void {
    if (!span.spanContext().isSampled) {
      return;
    }
    this._received++;
    if (this._shuttingDown) {
      this._dropped++;
      return;
    }
    this._pending.push(span);
    if (!this._exporting) {
      this.exportPending();
    }
  }

  async forceFlush(): Promise<void> {
    while (this._exporting) {
      await this._idle;
    }
    try {
      await this._exporter.forceFlush();
    } catch (e) {
      this._logger.error('span exporter failed to flush', { 'error': String(e) });
    }
  }

  shutdown(): Promise<void> {
    if (this._shutdown === undefined) {
      this._shuttingDown = true;
      this._shutdown = this.doShutdown();
    }
    return this._shutdown;
  }

  private async doShutdown(): Promise<void> {
    await this.forceFlush();
    try {
      await this._exporter.shutdown();
    } catch (e) {
      this._logger.error('span exporter failed to shut down', { 'error': String(e) });
    }
  }

  private exportPending(): void {
    const batch = this._pending;
    this._pending = [];
    this._exporting = true;
    this._inFlight = batch.length;
    this._idle = new Promise<void>((resolve: () => void): void => {
      this._settleIdle = resolve;
    });
    let pending: Promise<SpanExportResult>;
    try {
      pending = this._exporter.export(batch);
    } catch (e) {
      pending = Promise.resolve(SpanExportResult.failed(MeshError.from(e as Error)));
    }
    pending.then((r: SpanExportResult): void => this.onExported(batch.length, r),
      (e: Error): void => this.onExported(batch.length, SpanExportResult.failed(MeshError.from(e))));
  }

  private onExported(count: number, result: SpanExportResult): void {
    if (result.ok) {
      this._exported += count;
    } else {
      this._failed += count;
      const error = result.error;
      this._logger.error('span export failed', { 'spans': count, 'code': error !== undefined ? error.code : '' });
    }
    this._inFlight = 0;
    this._exporting = false;
    const settle = this._settleIdle;
    this._settleIdle = undefined;
    if (this._pending.length > 0) {
      this.exportPending();
    }
    if (settle !== undefined) {
      settle();
    }
  }
}
