import { InvalidStateError } from '../../core/errors/InvalidStateError';
import { Logger } from '../../platform/logging/Logger';
import { NoopLogger } from '../../platform/logging/NoopLogger';
import { SystemClock } from '../../platform/SystemClock';
import { ReadableSpan } from '../api/ReadableSpan';
import { HttpExportSender } from '../internal/HttpExportSender';
import { encodeZipkinJson } from './encodeZipkinJson';
import { HttpSpanExporterOptions, resolveHttpSettings } from './HttpSpanExporterOptions';
import { SpanExporter, SpanExportResult, SpanExportResultCode } from './SpanExporter';

/** Default Zipkin v2 spans endpoint. */
export const DEFAULT_ZIPKIN_URL = 'http://localhost:9411/api/v2/spans';

/** Exports to Zipkin (or a Zipkin-compatible receiver) as v2 JSON through a TraceHttpPoster. */
export class ZipkinSpanExporter implements SpanExporter {
  private readonly _sender: HttpExportSender;
  private readonly _logger: Logger;
  private _stopped: boolean = false;

  /** @throws InvalidArgumentError (ERR_INVALID_ARGUMENT) for bad options. */
  constructor(options: HttpSpanExporterOptions) {
    this._logger = options.logger ?? new NoopLogger();
    this._sender = new HttpExportSender(options.poster, options.clock ?? new SystemClock(), this._logger,
      resolveHttpSettings(options, DEFAULT_ZIPKIN_URL));
  }

  async export(spans: ReadableSpan[]): Promise<SpanExportResult> {
    if (this._stopped) {
      return SpanExportResult.failed(new InvalidStateError('ZipkinSpanExporter is shut down'));
    }
    if (spans.length === 0) {
      return SpanExportResult.SUCCESS;
    }
    const result = await this._sender.send(JSON.stringify(encodeZipkinJson(spans)));
    return result.response !== undefined ? SpanExportResult.SUCCESS : new SpanExportResult(SpanExportResultCode.FAILED, result.error);
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    this._stopped = true;
    return Promise.resolve();
  }
}
