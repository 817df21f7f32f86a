import { Headers } from '../../core/headers/Headers';
import { LogFields, LogLevel } from '../../platform/logging/Logger';
import { GatewayContext } from '../GatewayContext';
import { GatewayMiddleware, GatewayNext } from '../GatewayMiddleware';

/** Headers whose values an access log never shows. */
export const DEFAULT_REDACTED_HEADERS: string[] = [
  'authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'x-auth-token', 'x-mesh-token'
];
/** What a redacted value is replaced with. */
export const REDACTED = '[REDACTED]';

/** Options of an {@link AccessLogMiddleware}. */
export interface AccessLogOptions {
  /** Level of successful exchanges. Default INFO (5xx log at WARN). */
  level?: LogLevel;
  /** Also log request and response headers (as `req.<name>` / `res.<name>` fields). Default false. */
  includeHeaders?: boolean;
  /** Header names (any case) whose values are replaced by `[REDACTED]`. Default {@link DEFAULT_REDACTED_HEADERS}. */
  redact?: string[];
  /** The log message. Default `gateway request`. */
  message?: string;
}

/**
 * Logs one structured record per request through the gateway's Logger once the response is known:
 * method, path, route, target service, status, error code, duration (Clock ms), attempts, request
 * id, client and device. Sensitive header values are redacted; bodies are never logged.
 */
export class AccessLogMiddleware implements GatewayMiddleware {
  readonly name: string = 'access-log';
  private readonly _level: LogLevel;
  private readonly _headers: boolean;
  private readonly _redact: Set<string> = new Set<string>();
  private readonly _message: string;

  constructor(options?: AccessLogOptions) {
    this._level = options?.level ?? LogLevel.INFO;
    this._headers = options?.includeHeaders ?? false;
    for (const h of options?.redact ?? DEFAULT_REDACTED_HEADERS) {
      this._redact.add(h.toLowerCase());
    }
    this._message = options?.message ?? 'gateway request';
  }

  async handle(ctx: GatewayContext, next: GatewayNext): Promise<void> {
    await next();
    const res = ctx.response;
    const status = res !== undefined ? res.status : 0;
    const level = status >= 500 && this._level < LogLevel.WARN ? LogLevel.WARN : this._level;
    if (!ctx.logger.isEnabled(level)) {
      return;
    }
    const f: LogFields = {
      'method': ctx.request.method,
      'path': ctx.request.path,
      'route': ctx.routeId,
      'service': ctx.target.service.length > 0 ? ctx.target.service : undefined,
      'version': ctx.target.version,
      'status': status,
      'error': ctx.error !== undefined ? ctx.error.code : undefined,
      'durationMs': ctx.now() - ctx.startTime,
      'attempts': ctx.attempt,
      'requestId': ctx.requestId,
      'client': ctx.clientKey,
      'device': ctx.deviceId
    };
    if (this._headers) {
      this.addHeaders(f, 'req.', ctx.request.headers);
      if (res !== undefined) {
        this.addHeaders(f, 'res.', res.headers);
      }
    }
    ctx.logger.log(level, this._message, f);
  }

  /** The value an access log shows for a header. */
  redacted(name: string, value: string): string {
    return this._redact.has(name.toLowerCase()) ? REDACTED : value;
  }

  private addHeaders(f: LogFields, prefix: string, headers: Headers): void {
    for (const name of headers.names()) {
      f[prefix + name] = this.redacted(name, headers.get(name) ?? '');
    }
  }
}
