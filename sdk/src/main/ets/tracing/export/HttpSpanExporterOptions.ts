import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { Clock } from '../../platform/Clock';
import { Logger } from '../../platform/logging/Logger';
import { HttpSenderSettings } from '../internal/HttpExportSender';
import { TraceHttpPoster } from './TraceHttpPoster';

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

