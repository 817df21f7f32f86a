import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { InvalidStateError } from '../../core/errors/InvalidStateError';
import { JsonValue } from '../../core/json/JsonValue';
import { Clock } from '../../platform/Clock';
import { Logger } from '../../platform/logging/Logger';
import { NoopLogger } from '../../platform/logging/NoopLogger';
import { SystemClock } from '../../platform/SystemClock';
import { ReadableSpan } from '../api/ReadableSpan';
import { HttpExportSender, HttpSenderSettings } from '../internal/HttpExportSender';
import { encodeOtlpJson } from './encodeOtlpJson';
import { SpanExporter, SpanExportResult, SpanExportResultCode } from './SpanExporter';
import { TraceHttpPoster, TraceHttpResponse } from './TraceHttpPoster';

/** Default OTLP/HTTP traces endpoint of a local OpenTelemetry Collector. */
export const DEFAULT_OTLP_TRACES_URL = 'http://localhost:4318/v1/traces';
/** Default time one POST may take. */
export const DEFAULT_EXPORT_HTTP_TIMEOUT_MS = 10000;
/** Default attempts per export (the first one plus retries). */
export const DEFAULT_EXPORT_HTTP_MAX_ATTEMPTS = 5;
/** Default first retry delay; doubled per retry. */
export const DEFAULT_EXPORT_HTTP_INITIAL_BACKOFF_MS = 1000;
/** Default longest retry delay. */
export const DEFAULT_EXPORT_HTTP_MAX_BACKOFF_MS = 5000;

/** Options shared by the HTTP exporters (OTLP and Zipkin). Only `poster` is required. */
export interface HttpSpanExporterOptions {
  /** Sends the POSTs (fetch, HarmonyOS http, a simulated network). */
  poster: TraceHttpPoster;
  /** Endpoint URL. Default: the exporter's standard local endpoint. */
  url?: string;
  /** Extra request headers (e.g. an API key). */
  headers?: Record<string, string>;
  /** Per-attempt timeout. Default {@link DEFAULT_EXPORT_HTTP_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** Attempts per export. Default {@link DEFAULT_EXPORT_HTTP_MAX_ATTEMPTS}. */
  maxAttempts?: number;
  /** First retry delay. Default {@link DEFAULT_EXPORT_HTTP_INITIAL_BACKOFF_MS}. */
  initialBackoffMs?: number;
  /** Longest retry delay. Default {@link DEFAULT_EXPORT_HTTP_MAX_BACKOFF_MS}. */
  maxBackoffMs?: number;
  /** Timers for timeouts and backoff. Default a new SystemClock. */
  clock?: Clock;
  /** Where retries and partial successes are reported. Default NoopLogger. */
  logger?: Logger;
}

/** Resolves HTTP exporter options into sender settings. */
export const resolveHttpSettings = (options: HttpSpanExporterOptions, defaultUrl: string): HttpSenderSettings => {
  const s = new HttpSenderSettings();
  s.url = options.url ?? defaultUrl;
  if (s.url.length === 0) {
    throw new InvalidArgumentError('options.url', 'must not be empty');
  }
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const extra = options.headers;
  if (extra !== undefined) {
    for (const k of Object.keys(extra)) {
      headers[k.toLowerCase()] = extra[k];
    }
  }
  s.headers = headers;
  s.timeoutMs = options.timeoutMs ?? DEFAULT_EXPORT_HTTP_TIMEOUT_MS;
  s.maxAttempts = options.maxAttempts ?? DEFAULT_EXPORT_HTTP_MAX_ATTEMPTS;
  s.initialBackoffMs = options.initialBackoffMs ?? DEFAULT_EXPORT_HTTP_INITIAL_BACKOFF_MS;
  s.maxBackoffMs = options.maxBackoffMs ?? DEFAULT_EXPORT_HTTP_MAX_BACKOFF_MS;
  if (!Number.isFinite(s.timeoutMs) || s.timeoutMs <= 0) {
    throw new InvalidArgumentError('options.timeoutMs', 'must be a finite number > 0');
  }
  if (!Number.isInteger(s.maxAttempts) || s.maxAttempts < 1) {
    throw new InvalidArgumentError('options.maxAttempts', 'must be an integer >= 1');
  }
  if (!Number.isFinite(s.initialBackoffMs) || s.initialBackoffMs < 0 || !Number.isFinite(s.maxBackoffMs) || s.maxBackoffMs < 0) {
    throw new InvalidArgumentError('options.initialBackoffMs', 'backoff delays must be finite numbers >= 0');
  }
  return s;
};

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
