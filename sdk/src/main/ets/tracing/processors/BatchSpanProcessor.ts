import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { MeshError } from '../../core/errors/MeshError';
import { TimeoutError } from '../../core/errors/TimeoutError';
import { Disposable } from '../../core/events/Disposable';
import { EventEmitter, Listener } from '../../core/events/EventEmitter';
import { Clock, TimerId } from '../../platform/Clock';
import { Logger } from '../../platform/logging/Logger';
import { NoopLogger } from '../../platform/logging/NoopLogger';
import { SystemClock } from '../../platform/SystemClock';
import { ReadableSpan } from '../api/ReadableSpan';
import { SpanContext } from '../api/SpanContext';
import { SpanExporter, SpanExportResult } from '../export/SpanExporter';
import { SpanQueue } from '../internal/SpanQueue';
import { SpanDropEvent, SpanDropReason } from './SpanDropEvent';
import { SpanProcessor } from './SpanProcessor';
import { SpanProcessorStats } from './SpanProcessorStats';

/** Default bound of the queue of ended spans waiting for export. */
export const DEFAULT_BATCH_MAX_QUEUE_SIZE = 2048;
/** Default most spans per export call. */
export const DEFAULT_BATCH_MAX_EXPORT_BATCH_SIZE = 512;
/** Default delay before a partial batch is exported. */
export const DEFAULT_BATCH_SCHEDULED_DELAY_MS = 5000;
/** Default time an export may take before it counts as failed. */
export const DEFAULT_BATCH_EXPORT_TIMEOUT_MS = 30000;

/** Options of a BatchSpanProcessor; every field is optional. */
export interface BatchSpanProcessorOptions {
  /** Timers for the scheduled delay and the export timeout. Default a new SystemClock. */
  clock?: Clock;
  /** Where drops and export failures are reported. Default NoopLogger. */
  logger?: Logger;
  /** Queue bound; spans ending while it is full are dropped and counted. Default {@link DEFAULT_BATCH_MAX_QUEUE_SIZE}. */
  maxQueueSize?: number;
  /** Most spans per export; a full batch is exported at once. Default {@link DEFAULT_BATCH_MAX_EXPORT_BATCH_SIZE}. */
  maxExportBatchSize?: number;
  /** A partial batch is exported this long after its first span was queued. Default {@link DEFAULT_BATCH_SCHEDULED_DELAY_MS}. */
  scheduledDelayMs?: number;
  /** An export still running after this long counts as failed. Default {@link DEFAULT_BATCH_EXPORT_TIMEOUT_MS}. */
  exportTimeoutMs?: number;
}

const positiveInt = (value: number | undefined, fallback: number, field: string): number => {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 1) {
    throw new InvalidArgumentError(`options.${field}`, 'must be an integer >= 1');
  }
  return v;
};

const nonNegative = (value: number | undefined, fallback: number, field: string): number => {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v < 0) {
    throw new InvalidArgumentError(`options.${field}`, 'must be a finite number >= 0');
  }
  return v;
};

/**
 * Queues sampled spans and exports them in batches: a full batch at once, a partial one after
 * `scheduledDelayMs` on the Clock, one export at a time. The queue is bounded; when spans end
 * faster than the exporter takes them, the excess is dropped, but never silently: every span is
 * accounted for (`stats()`: received = exported + failed + dropped + queued + inFlight), drops are
 * reported through `onDrop` and the logger. A full batch is handed to the exporter synchronously
 * from `onEnd`, so a producer that yields now and then (letting the export settle) loses nothing.
 */
export class BatchSpanProcessor implements SpanProcessor {
  private readonly _exporter: SpanExporter;
  private readonly _clock: Clock;
  private readonly _logger: Logger;
  private readonly _queue: SpanQueue;
  private readonly _batchSize: number;
  private readonly _delayMs: number;
  private readonly _timeoutMs: number;
  private readonly _dropEvents: EventEmitter<SpanDropEvent> = new EventEmitter<SpanDropEvent>();
  private _timer: TimerId | undefined = undefined;
  private _exporting: boolean = false;
  private _idle: Promise<void> = Promise.resolve();
  private _settleIdle: (() => void) | undefined = undefined;
  private _received: number = 0;
  private _exported: number = 0;
  private _failed: number = 0;
  private _dropped: number = 0;
  private _inFlight: number = 0;
  private _unreportedFull: number = 0;
  private _unreportedShutdown: number = 0;
  private _shuttingDown: boolean = false;
  private _shutdown: Promise<void> | undefined = undefined;

  /** @throws InvalidArgumentError (ERR_INVALID_ARGUMENT) for a bad size or delay. */
  constructor(exporter: SpanExporter, options?: BatchSpanProcessorOptions) {
    this._exporter = exporter;
    this._clock = options?.clock ?? new SystemClock();
    this._logger = options?.logger ?? new NoopLogger();
    const maxQueueSize = positiveInt(options?.maxQueueSize, DEFAULT_BATCH_MAX_QUEUE_SIZE, 'maxQueueSize');
    this._batchSize = positiveInt(options?.maxExportBatchSize, DEFAULT_BATCH_MAX_EXPORT_BATCH_SIZE, 'maxExportBatchSize');
    if (this._batchSize > maxQueueSize) {
      throw new InvalidArgumentError('options.maxExportBatchSize', 'must not exceed maxQueueSize');
    }
    this._delayMs = nonNegative(options?.scheduledDelayMs, DEFAULT_BATCH_SCHEDULED_DELAY_MS, 'scheduledDelayMs');
    this._timeoutMs = nonNegative(options?.exportTimeoutMs, DEFAULT_BATCH_EXPORT_TIMEOUT_MS, 'exportTimeoutMs');
    this._queue = new SpanQueue(maxQueueSize);
  }

  /** Subscribes to drop reports (sent after an export settles, on flush and on shutdown). */
  onDrop(listener: Listener<SpanDropEvent>): Disposable {
    return this._dropEvents.on(listener);
  }

  /** The span accounting so far. */
  stats(): SpanProcessorStats {
    return new SpanProcessorStats(this._received, this._exported, this._failed, this._dropped, this._queue.size, this._inFlight);
  }

  onStart(span: ReadableSpan, parent: SpanContext | undefined): void {}

  onEnd(span: ReadableSpan): void {
    if (!span.spanContext().isSampled) {
      return;
    }
    this._received++;
    if (this._shuttingDown) {
      this._dropped++;
      this._unreportedShutdown++;
      return;
    }
    const queue = this._queue;
    if (!queue.push(span)) {
      this._dropped++;
      this._unreportedFull++;
      return;
    }
    if (this._exporting) {
      return;
    }
    if (queue.size >= this._batchSize) {
      this.exportBatch();
    } else if (this._timer === undefined) {
      this._timer = this._clock.setTimer(this._delayMs, (): void => this.onTimer());
    }
  }

  /**
   * Exports every span received before the call, batch after batch, then flushes the exporter.
   * Never rejects; failures are counted in `stats().failed`.
   */
  async forceFlush(): Promise<void> {
    const target = this._received - this._dropped;
    while (this._exported + this._failed < target) {
      if (this._exporting) {
        await this._idle;
      } else if (this._queue.size > 0) {
        this.exportBatch();
      } else {
        break;
      }
    }
    try {
      await this._exporter.forceFlush();
    } catch (e) {
      this._logger.error('span exporter failed to flush', { 'error': String(e) });
    }
    this.reportDrops();
  }

  /** Stops accepting spans (later ones count as dropped), flushes, shuts the exporter down. Idempotent. */
  shutdown(): Promise<void> {
    if (this._shutdown === undefined) {
      this._shuttingDown = true;
      this._shutdown = this.doShutdown();
    }
    return this._shutdown;
  }

  private async doShutdown(): Promise<void> {
    await this.forceFlush();
    this.clearTimer();
    try {
      await this._exporter.shutdown();
    } catch (e) {
      this._logger.error('span exporter failed to shut down', { 'error': String(e) });
    }
    this.reportDrops();
  }

  private onTimer(): void {
    this._timer = undefined;
    if (!this._exporting) {
      this.exportBatch();
    }
  }

  private clearTimer(): void {
    if (this._timer !== undefined) {
      this._clock.clearTimer(this._timer);
      this._timer = undefined;
    }
  }

  /** Hands the oldest batch to the exporter; the next batch goes when this one settles. */
  private exportBatch(): void {
    const batch = this._queue.take(this._batchSize);
    if (batch.length === 0) {
      return;
    }
    this.clearTimer();
    this._exporting = true;
    this._inFlight = batch.length;
    this._idle = new Promise<void>((resolve: () => void): void => {
      this._settleIdle = resolve;
    });
    let settled = false;
    let timeout: TimerId | undefined = undefined;
    const finish = (result: SpanExportResult): void => {
      if (settled) {
        return;
      }
      settled = true;
      if (timeout !== undefined) {
        this._clock.clearTimer(timeout);
      }
      this.onExported(batch.length, result);
    };
    if (this._timeoutMs > 0) {
      timeout = this._clock.setTimer(this._timeoutMs, (): void => {
        finish(SpanExportResult.failed(new TimeoutError(`span export timed out after ${this._timeoutMs} ms`, this._timeoutMs)));
      });
    }
    let pending: Promise<SpanExportResult>;
    try {
      pending = this._exporter.export(batch);
    } catch (e) {
      pending = Promise.resolve(SpanExportResult.failed(MeshError.from(e as Error)));
    }
    pending.then(finish, (e: Error): void => finish(SpanExportResult.failed(MeshError.from(e))));
  }

  private onExported(count: number, result: SpanExportResult): void {
    if (result.ok) {
      this._exported += count;
    } else {
      this._failed += count;
      const error = result.error;
      this._logger.error('span export failed', {
        'spans': count, 'code': error !== undefined ? error.code : '', 'error': error !== undefined ? error.message : ''
      });
    }
    this._inFlight = 0;
    this._exporting = false;
    const settle = this._settleIdle;
    this._settleIdle = undefined;
    this.reportDrops();
    if (this._queue.size >= this._batchSize) {
      this.exportBatch();
    } else if (this._queue.size > 0 && this._timer === undefined && !this._shuttingDown) {
      this._timer = this._clock.setTimer(this._delayMs, (): void => this.onTimer());
    }
    if (settle !== undefined) {
      settle();
    }
  }

  private reportDrops(): void {
    if (this._unreportedFull > 0) {
      const count = this._unreportedFull;
      this._unreportedFull = 0;
      this.emitDrop(SpanDropReason.QUEUE_FULL, count);
    }
    if (this._unreportedShutdown > 0) {
      const count = this._unreportedShutdown;
      this._unreportedShutdown = 0;
      this.emitDrop(SpanDropReason.SHUTDOWN, count);
    }
  }

  private emitDrop(reason: SpanDropReason, count: number): void {
    this._logger.warn('spans dropped', { 'reason': reason, 'count': count, 'totalDropped': this._dropped });
    this._dropEvents.emit(new SpanDropEvent(reason, count, this._dropped));
  }
}
