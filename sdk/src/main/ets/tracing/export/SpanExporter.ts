import { MeshError } from '../../core/errors/MeshError';
import { ReadableSpan } from '../api/ReadableSpan';

/** Whether an export reached its destination. */
export enum SpanExportResultCode {
  SUCCESS = 0,
  FAILED = 1
}

/** The outcome of one `SpanExporter.export` call. */
export class SpanExportResult {
  readonly code: SpanExportResultCode;
  /** Why it failed (ERR_TIMEOUT, ERR_UPSTREAM, ERR_STOPPED, ...). */
  readonly error: MeshError | undefined;
  /** Spans the receiver accepted the request for but rejected (OTLP partial success). */
  readonly rejectedSpans: number;

  constructor(code: SpanExportResultCode, error?: MeshError, rejectedSpans?: number) {
    this.code = code;
    this.error = error;
    this.rejectedSpans = rejectedSpans ?? 0;
  }

  get ok(): boolean {
    return this.code === SpanExportResultCode.SUCCESS;
  }

  static readonly SUCCESS: SpanExportResult = new SpanExportResult(SpanExportResultCode.SUCCESS);

  static failed(error: MeshError): SpanExportResult {
    return new SpanExportResult(SpanExportResultCode.FAILED, error);
  }
}

/**
 * Sends finished spans somewhere: memory, a log, an OpenTelemetry Collector, Zipkin, a Jaeger
 * file. `export` reports failure through its result and should not reject (a rejection is treated
 * as a failed export). Processors never call `export` again before the previous call settled.
 */
export interface SpanExporter {
  export(spans: ReadableSpan[]): Promise<SpanExportResult>;
  /** Sends anything the exporter buffers itself. */
  forceFlush(): Promise<void>;
  /** Releases resources; later exports fail with ERR_STOPPED. */
  shutdown(): Promise<void>;
}
