import { InvalidStateError } from '../../core/errors/InvalidStateError';
import { JsonValue } from '../../core/json/JsonValue';
import { Logger } from '../../platform/logging/Logger';
import { NoopLogger } from '../../platform/logging/NoopLogger';
import { SystemClock } from '../../platform/SystemClock';
import { ReadableSpan } from '../api/ReadableSpan';
import { HttpExportSender } from '../internal/HttpExportSender';
import { HttpSpanExporterOptions, resolveHttpSettings } from './HttpSpanExporterOptions';
import { encodeOtlpJson } from './encodeOtlpJson';
import { SpanExporter, SpanExportResult, SpanExportResultCode } from './SpanExporter';
import { TraceHttpResponse } from './TraceHttpPoster';

/** Default OTLP/HTTP traces endpoint of a local OpenTelemetry Collector. */
export const DEFAULT_OTLP_TRACES_URL = 'http://localhost:4318/v1/traces';
/** The shape of an OTLP partial-success response body. */
interface OtlpPartialSuccess {
  rejectedSpans?: string | number;
  errorMessage?: string;
}

interface OtlpExportResponse {
  partialSuccess?: OtlpPartialSuccess;
}

const rejectedSpans = (response: TraceHttpResponse): OtlpPartialSuccess | undefined => {
  const body = response.body;
  if (body === undefined || body.length === 0 || body.charAt(0) !== '{') {
    return undefined;
  }
  try {
    const parsed = JSON.parse(body) as OtlpExportResponse;
    return parsed.partialSuccess;
  } catch (e) {
    return undefined;
  }
};

/**
 * Exports to an OpenTelemetry Collector (or any OTLP/HTTP receiver: Jaeger, Tempo, ...) as OTLP
 * JSON: `POST <url>` with `content-type: application/json`, retrying throttling and unavailable
 * responses with backoff. A partial success is a success whose `rejectedSpans` is logged and
 * reported in the result.
 */
export class OtlpHttpSpanExporter implements SpanExporter {
  private readonly _sender: HttpExportSender;
  private readonly _logger: Logger;
  private _stopped: boolean = false;

  /** @throws InvalidArgumentError (ERR_INVALID_ARGUMENT) for bad options. */
  constructor(options: HttpSpanExporterOptions) {
    this._logger = options.logger ?? new NoopLogger();
    this._sender = new HttpExportSender(options.poster, options.clock ?? new SystemClock(), this._logger,
      resolveHttpSettings(options, DEFAULT_OTLP_TRACES_URL));
  }

  async export(spans: ReadableSpan[]): Promise<SpanExportResult> {
    if (this._stopped) {
      return SpanExportResult.failed(new InvalidStateError('OtlpHttpSpanExporter is shut down'));
    }
    if (spans.length === 0) {
      return SpanExportResult.SUCCESS;
    }
    const result = await this._sender.send(JSON.stringify(encodeOtlpJson(spans) as JsonValue));
    if (result.response === undefined) {
      return new SpanExportResult(SpanExportResultCode.FAILED, result.error);
    }
    const partial = rejectedSpans(result.response);
    if (partial !== undefined) {
      const rejected = Number(partial.rejectedSpans ?? 0);
      if (rejected > 0 || (partial.errorMessage ?? '').length > 0) {
        this._logger.warn('OTLP receiver rejected spans', { 'rejectedSpans': rejected, 'message': partial.errorMessage ?? '' });
        return new SpanExportResult(SpanExportResultCode.SUCCESS, undefined, Number.isFinite(rejected) ? rejected : 0);
      }
    }
    return SpanExportResult.SUCCESS;
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    this._stopped = true;
    return Promise.resolve();
  }
}
