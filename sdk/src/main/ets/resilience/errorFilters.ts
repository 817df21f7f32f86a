import { ErrorCode } from '../core/errors/ErrorCode';
import { MeshError } from '../core/errors/MeshError';
import { ErrorPredicate } from './CircuitBreakerOptions';

/**
 * Codes that say "this will fail again": bad input, refused authorisation, missing routes, the
 * caller's own cancellation, a full local bulkhead. Retrying them only adds load.
 */
export const NON_TRANSIENT_CODES: string[] = [
  ErrorCode.INVALID_ARGUMENT, ErrorCode.INVALID_STATE, ErrorCode.CANCELLED, ErrorCode.UNSUPPORTED,
  ErrorCode.NOT_STARTED, ErrorCode.STOPPED, ErrorCode.BULKHEAD_FULL, ErrorCode.NO_ROUTE,
  ErrorCode.METHOD_NOT_ALLOWED, ErrorCode.BAD_REQUEST, ErrorCode.PAYLOAD_TOO_LARGE, ErrorCode.SERVICE_NOT_FOUND,
  ErrorCode.UNAUTHORIZED, ErrorCode.FORBIDDEN, ErrorCode.JWT_INVALID, ErrorCode.JWT_EXPIRED,
  ErrorCode.JWT_NOT_YET_VALID, ErrorCode.JWT_CLAIM_VALIDATION_FAILED, ErrorCode.JWS_INVALID,
  ErrorCode.JWS_SIGNATURE_VERIFICATION_FAILED, ErrorCode.JOSE_ALG_NOT_ALLOWED, ErrorCode.RATE_LIMITED,
  ErrorCode.RETRY_BUDGET_EXHAUSTED
];

const nonTransient: Set<string> = new Set<string>(NON_TRANSIENT_CODES);

/**
 * The default retry predicate: every error except a MeshError whose code is in
 * {@link NON_TRANSIENT_CODES}. Plain errors (from user code) are retried.
 */
export const isTransientError: ErrorPredicate = (error: Error): boolean =>
  !(error instanceof MeshError && nonTransient.has(error.code));

/** A predicate matching MeshErrors with one of `codes`. */
export function errorCodeIn(codes: string[]): ErrorPredicate {
  const set = new Set<string>(codes);
  return (error: Error): boolean => error instanceof MeshError && set.has(error.code);
}

/** A predicate matching every error except MeshErrors with one of `codes`. */
export function errorCodeNotIn(codes: string[]): ErrorPredicate {
  const set = new Set<string>(codes);
  return (error: Error): boolean => !(error instanceof MeshError && set.has(error.code));
}
