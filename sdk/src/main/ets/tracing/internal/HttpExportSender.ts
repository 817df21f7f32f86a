import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';
import { TimeoutError } from '../../core/errors/TimeoutError';
import { Clock, TimerId } from '../../platform/Clock';
import { Logger } from '../../platform/logging/Logger';
import { TraceHttpPoster, TraceHttpRequest, TraceHttpResponse } from '../export/TraceHttpPoster';

/** Outcome of sending one export body: the 2xx response, or why it failed for good. */
export class HttpSendResult {
  readonly response: TraceHttpResponse | undefined;
  readonly error: MeshError | undefined;

  constructor(response: TraceHttpResponse | undefined, error: MeshError | undefined) {
    this.response = response;
    this.error = error;
  }
}

/** Settings of an HttpExportSender (resolved by the exporter from its options). */
export class HttpSenderSettings {
  url: string = '';
  headers: Record<string, string> = {};
  timeoutMs: number = 10000;
  maxAttempts: number = 5;
  initialBackoffMs: number = 1000;
  maxBackoffMs: number = 5000;
}

// Statuses OTLP/HTTP (and Zipkin behind a proxy) say to retry: throttled or temporarily unavailable.
const isRetryable = (status: number): boolean => status === 429 || status === 502 || status === 503 || status === 504;

const retryAfterMs = (response: TraceHttpResponse): number | undefined => {
  const headers = response.headers;
  const value = headers !== undefined ? headers['retry-after'] : undefined;
  // Only the delay-seconds form is understood; an HTTP-date falls back to the backoff.
  if (value === undefined || value.trim().length === 0) {
    return undefined;
  }
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
};

/**
 * POSTs export bodies through a TraceHttpPoster with a per-attempt timeout and retries with
 * exponential backoff on the Clock (network errors, timeouts, 429/502/503/504; `Retry-After` is
 * honoured up to the backoff cap). Never rejects.
 */
export class HttpExportSender {
  private readonly _poster: TraceHttpPoster;
  private readonly _clock: Clock;
  private readonly _logger: Logger;
  private readonly _settings: HttpSenderSettings;

  constructor(poster: TraceHttpPoster, clock: Clock, logger: Logger, settings: HttpSenderSettings) {
    this._poster = poster;
    this._clock = clock;
    this._logger = logger;
    this._settings = settings;
  }

  async send(body: string): Promise<HttpSendResult> {
    const s = this._settings;
    let backoff = s.initialBackoffMs;
    let lastError: MeshError = new MeshError(ErrorCode.UPSTREAM, 'no attempt made');
    for (let attempt = 1; attempt <= s.maxAttempts; attempt++) {
      const request: TraceHttpRequest = { url: s.url, headers: s.headers, body: body };
      let wait = backoff;
      const outcome = await this.postWithTimeout(request);
      if (outcome instanceof MeshError) {
        lastError = outcome;
      } else {
        const response = outcome as TraceHttpResponse;
        if (response.status >= 200 && response.status < 300) {
          return new HttpSendResult(response, undefined);
        }
        lastError = new MeshError(ErrorCode.UPSTREAM, `${s.url} answered HTTP ${response.status}`);
        if (!isRetryable(response.status)) {
          return new HttpSendResult(undefined, lastError);
        }
        const after = retryAfterMs(response);
        if (after !== undefined) {
          wait = Math.min(after, s.maxBackoffMs);
        }
      }
      if (attempt < s.maxAttempts) {
        this._logger.debug('span export attempt failed; retrying', { 'url': s.url, 'attempt': attempt, 'code': lastError.code, 'retryInMs': wait });
        await this.sleep(wait);
        backoff = Math.min(backoff * 2, s.maxBackoffMs);
      }
    }
    return new HttpSendResult(undefined, lastError);
  }

  /** The response, or the MeshError that ended the attempt (timeout, network failure). */
  private postWithTimeout(request: TraceHttpRequest): Promise<TraceHttpResponse | MeshError> {
    const timeoutMs = this._settings.timeoutMs;
    return new Promise<TraceHttpResponse | MeshError>((resolve: (r: TraceHttpResponse | MeshError) => void): void => {
      let done = false;
      const settle = (outcome: TraceHttpResponse | MeshError): void => {
        if (!done) {
          done = true;
          this._clock.clearTimer(timer);
          resolve(outcome);
        }
      };
      const timer: TimerId = this._clock.setTimer(timeoutMs, (): void => {
        settle(new TimeoutError(`${request.url}: no response within ${timeoutMs} ms`, timeoutMs));
      });
      const unreachable = (e: Object | null | undefined): MeshError =>
        new MeshError(ErrorCode.UNREACHABLE, `${request.url}: ${e instanceof Error ? e.message : String(e)}`, e instanceof Error ? e : undefined);
      try {
        this._poster.post(request).then((r: TraceHttpResponse): void => settle(r), (e: Error): void => settle(unreachable(e)));
      } catch (e) {
        settle(unreachable(e as Error));
      }
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve: () => void): void => {
      this._clock.setTimer(ms, resolve);
    });
  }
}
