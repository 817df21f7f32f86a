import { ErrorCode } from '../core/errors/ErrorCode';
import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { MeshError } from '../core/errors/MeshError';
import { JsonValue } from '../core/json/JsonValue';
import { BreakerOpenError } from '../resilience/errors/BreakerOpenError';
import { MeshResponse } from '../transport/MeshResponse';
import { GatewayError } from './errors/GatewayError';

/** Response header naming the error code of a gateway error response. */
export const ERROR_CODE_RESPONSE_HEADER = 'x-mesh-error';
/** Status for codes the table does not list. */
export const DEFAULT_ERROR_STATUS = 500;

const UNAUTHORIZED_CODES: string[] = [
  ErrorCode.UNAUTHORIZED, ErrorCode.JWS_INVALID, ErrorCode.JWT_INVALID, ErrorCode.JWS_SIGNATURE_VERIFICATION_FAILED,
  ErrorCode.JOSE_ALG_NOT_ALLOWED, ErrorCode.JOSE_NOT_SUPPORTED, ErrorCode.JWT_EXPIRED, ErrorCode.JWT_NOT_YET_VALID,
  ErrorCode.JWT_CLAIM_VALIDATION_FAILED, ErrorCode.JWT_REPLAYED, ErrorCode.JWKS_NO_MATCHING_KEY,
  ErrorCode.JWKS_MULTIPLE_MATCHING_KEYS, ErrorCode.DEVICE_IDENTITY
];
const UNAVAILABLE_CODES: string[] = [
  ErrorCode.NO_HEALTHY_INSTANCE, ErrorCode.BREAKER_OPEN, ErrorCode.BULKHEAD_FULL, ErrorCode.QUEUE_FULL,
  ErrorCode.SERVICE_NOT_FOUND, ErrorCode.UNREACHABLE, ErrorCode.TRANSPORT_CLOSED, ErrorCode.STOPPED,
  ErrorCode.NOT_STARTED, ErrorCode.RETRY_BUDGET_EXHAUSTED, ErrorCode.JWKS_TIMEOUT, ErrorCode.BROKER_UNAVAILABLE
];

/**
 * The one place where error codes become HTTP statuses. Defaults: 400 ERR_BAD_REQUEST and
 * ERR_INVALID_ARGUMENT; 401 ERR_UNAUTHORIZED and token failures (with `WWW-Authenticate: Bearer`);
 * 403 ERR_FORBIDDEN; 404 ERR_NO_ROUTE; 405 ERR_METHOD_NOT_ALLOWED; 413 ERR_PAYLOAD_TOO_LARGE;
 * 429 ERR_RATE_LIMITED; 499 ERR_CANCELLED; 501 ERR_UNSUPPORTED; 502 ERR_UPSTREAM and
 * ERR_ENVELOPE_INVALID; 503 ERR_NO_HEALTHY_INSTANCE, ERR_BREAKER_OPEN (with `Retry-After`),
 * ERR_BULKHEAD_FULL, ERR_UNREACHABLE and other "no one can serve this now" codes; 504 ERR_TIMEOUT;
 * anything else 500. A {@link GatewayError} may override the status and add headers.
 */
export class ErrorStatusTable {
  private readonly _statuses: Map<string, number> = new Map<string, number>();

  constructor(overrides?: Record<string, number>) {
    const set = (codes: string[], status: number): void => {
      for (const c of codes) {
        this._statuses.set(c, status);
      }
    };
    set([ErrorCode.BAD_REQUEST, ErrorCode.INVALID_ARGUMENT], 400);
    set(UNAUTHORIZED_CODES, 401);
    set([ErrorCode.FORBIDDEN], 403);
    set([ErrorCode.NO_ROUTE], 404);
    set([ErrorCode.METHOD_NOT_ALLOWED], 405);
    set([ErrorCode.PAYLOAD_TOO_LARGE], 413);
    set([ErrorCode.RATE_LIMITED], 429);
    set([ErrorCode.CANCELLED], 499);
    set([ErrorCode.UNSUPPORTED], 501);
    set([ErrorCode.UPSTREAM, ErrorCode.ENVELOPE_INVALID], 502);
    set(UNAVAILABLE_CODES, 503);
    set([ErrorCode.TIMEOUT], 504);
    if (overrides !== undefined) {
      for (const code of Object.keys(overrides)) {
        this.set(code, overrides[code]);
      }
    }
  }

  /** Maps `code` to `status` (an integer in 400..599). */
  set(code: string, status: number): void {
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new InvalidArgumentError(`statuses.${code}`, 'must be an integer status in 400..599');
    }
    this._statuses.set(code, status);
  }

  /** The status for a code (500 when unlisted). */
  statusForCode(code: string): number {
    return this._statuses.get(code) ?? DEFAULT_ERROR_STATUS;
  }

  /** The status for an error: a GatewayError's own status, else the table's. */
  statusFor(error: MeshError): number {
    if (error instanceof GatewayError && error.status !== undefined) {
      return error.status;
    }
    return this.statusForCode(error.code);
  }

  /**
   * The response for an error: its status, `x-mesh-error: <code>`, the error's own headers, and a
   * JSON body `{ code, message, requestId? }`. `now` (Clock time) turns a breaker's retry time
   * into `Retry-After`.
   */
  toResponse(error: MeshError, requestId: string | undefined, now: number): MeshResponse {
    const status = this.statusFor(error);
    const body: Record<string, JsonValue> = { 'code': error.code, 'message': error.message };
    if (requestId !== undefined) {
      body['requestId'] = requestId;
    }
    const res = new MeshResponse({ status: status, body: body as Record<string, JsonValue> });
    res.headers.set(ERROR_CODE_RESPONSE_HEADER, error.code);
    if (error instanceof GatewayError) {
      for (const name of Object.keys(error.headers)) {
        res.headers.set(name, error.headers[name]);
      }
    }
    if (status === 401 && !res.headers.has('www-authenticate')) {
      res.headers.set('www-authenticate', error.code === ErrorCode.UNAUTHORIZED ? 'Bearer' : 'Bearer error="invalid_token"');
    }
    if (error instanceof BreakerOpenError && Number.isFinite(error.retryAt) && !res.headers.has('retry-after')) {
      res.headers.set('retry-after', String(Math.max(1, Math.ceil((error.retryAt - now) / 1000))));
    }
    return res;
  }
}
