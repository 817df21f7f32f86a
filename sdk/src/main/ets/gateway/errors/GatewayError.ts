import { MeshError } from '../../core/errors/MeshError';

/**
 * A MeshError that also says how the gateway should answer: an optional status overriding the
 * {@link ErrorStatusTable} entry for its code, and headers to add (`Retry-After`, `Allow`,
 * `WWW-Authenticate`). Middleware may throw one; the gateway turns it into the response.
 */
export class GatewayError extends MeshError {
  /** Status to answer with instead of the table's status for `code`; undefined uses the table. */
  readonly status: number | undefined;
  /** Response headers to add (lower-case names). */
  readonly headers: Record<string, string>;

  constructor(code: string, message: string, status?: number, headers?: Record<string, string>, cause?: Error) {
    super(code, message, cause);
    this.name = 'GatewayError';
    this.status = status;
    this.headers = headers ?? {};
  }
}
