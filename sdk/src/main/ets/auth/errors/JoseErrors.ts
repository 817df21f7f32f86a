import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';
import { JsonObject } from '../../core/json/JsonValue';

/**
 * The base of every error the auth module raises for a token, key or key set it rejects. Callers
 * switch on `code` (the jose-style `ERR_JWS_*`/`ERR_JWT_*`/`ERR_JWK*` strings of {@link ErrorCode})
 * or use `instanceof`. Misuse (a bad option) is an `InvalidArgumentError` instead.
 */
export class JoseError extends MeshError {
  constructor(code: string, message: string, cause?: Error) {
    super(code, message, cause);
    this.name = 'JoseError';
  }
}

/** A JWS is malformed: part count, base64url, header JSON, `crit`, `b64`, size (`ERR_JWS_INVALID`). */
export class JwsInvalidError extends JoseError {
  constructor(message: string, cause?: Error) {
    super(ErrorCode.JWS_INVALID, message, cause);
    this.name = 'JwsInvalidError';
  }
}

/** A JWS is well-formed but not a valid JWT: payload not a JSON object, unencoded payload (`ERR_JWT_INVALID`). */
export class JwtInvalidError extends JoseError {
  constructor(message: string, cause?: Error) {
    super(ErrorCode.JWT_INVALID, message, cause);
    this.name = 'JwtInvalidError';
  }
}

/** The signature does not verify with any candidate key (`ERR_JWS_SIGNATURE_VERIFICATION_FAILED`). */
export class JwsSignatureVerificationFailedError extends JoseError {
  constructor(message?: string, cause?: Error) {
    super(ErrorCode.JWS_SIGNATURE_VERIFICATION_FAILED, message ?? 'signature verification failed', cause);
    this.name = 'JwsSignatureVerificationFailedError';
  }
}

/**
 * The token's `alg` is not in the caller's allowlist, is `none`, or cannot be used with the key
 * (wrong key type or curve, secret shorter than the hash, key bound to another `alg`)
 * (`ERR_JOSE_ALG_NOT_ALLOWED`).
 */
export class JoseAlgNotAllowedError extends JoseError {
  readonly alg: string;

  constructor(alg: string, message?: string) {
    super(ErrorCode.JOSE_ALG_NOT_ALLOWED, message ?? `"alg" ${JSON.stringify(alg)} is not allowed`);
    this.name = 'JoseAlgNotAllowedError';
    this.alg = alg;
  }
}

/** A feature the token or key needs is not supported: unknown critical header parameter, key type (`ERR_JOSE_NOT_SUPPORTED`). */
export class JoseNotSupportedError extends JoseError {
  constructor(message: string, cause?: Error) {
    super(ErrorCode.JOSE_NOT_SUPPORTED, message, cause);
    this.name = 'JoseNotSupportedError';
  }
}

/** Why a claim was rejected. */
export enum JwtClaimFailure {
  /** A required claim is absent. */
  MISSING = 'missing',
  /** The claim is present and well-typed but its value is rejected (wrong issuer, expired, ...). */
  CHECK_FAILED = 'check_failed',
  /** The claim has the wrong JSON type (e.g. `exp` is a string). */
  INVALID = 'invalid'
}

/** Common base of the claim errors: names the `claim`, the `reason` and carries the (verified) payload. */
export class JwtClaimError extends JoseError {
  /** The claim (or header parameter, for `typ`) that failed: `exp`, `aud`, `iss`, ... */
  readonly claim: string;
  readonly reason: JwtClaimFailure;
  /** The claims set of the token, when it was parsed. */
  readonly payload: JsonObject | undefined;

  constructor(code: string, message: string, claim: string, reason: JwtClaimFailure, payload?: JsonObject) {
    super(code, message);
    this.name = 'JwtClaimError';
    this.claim = claim;
    this.reason = reason;
    this.payload = payload;
  }
}

/** A claim is missing, mistyped or has a rejected value (`ERR_JWT_CLAIM_VALIDATION_FAILED`). */
export class JwtClaimValidationFailedError extends JwtClaimError {
  constructor(message: string, claim: string, reason: JwtClaimFailure, payload?: JsonObject) {
    super(ErrorCode.JWT_CLAIM_VALIDATION_FAILED, message, claim, reason, payload);
    this.name = 'JwtClaimValidationFailedError';
  }
}

/** `exp` has passed, or the token is older than `maxTokenAgeSeconds` (claim `iat`) (`ERR_JWT_EXPIRED`). */
export class JwtExpiredError extends JwtClaimError {
  constructor(message: string, claim: string, payload?: JsonObject) {
    super(ErrorCode.JWT_EXPIRED, message, claim, JwtClaimFailure.CHECK_FAILED, payload);
    this.name = 'JwtExpiredError';
  }
}

/** `nbf` is still in the future (`ERR_JWT_NOT_YET_VALID`). */
export class JwtNotYetValidError extends JwtClaimError {
  constructor(message: string, payload?: JsonObject) {
    super(ErrorCode.JWT_NOT_YET_VALID, message, 'nbf', JwtClaimFailure.CHECK_FAILED, payload);
    this.name = 'JwtNotYetValidError';
  }
}

/** The token's `jti` was already accepted by this replay cache (`ERR_JWT_REPLAYED`). */
export class JwtReplayedError extends JwtClaimError {
  constructor(message: string, payload?: JsonObject) {
    super(ErrorCode.JWT_REPLAYED, message, 'jti', JwtClaimFailure.CHECK_FAILED, payload);
    this.name = 'JwtReplayedError';
  }
}

/** A JWK (or SPKI/PKCS#8/secret key) is malformed, too weak, or unusable (`ERR_JWK_INVALID`). */
export class JwkInvalidError extends JoseError {
  constructor(message: string, cause?: Error) {
    super(ErrorCode.JWK_INVALID, message, cause);
    this.name = 'JwkInvalidError';
  }
}

/** A JSON Web Key Set is malformed (`ERR_JWKS_INVALID`). */
export class JwksInvalidError extends JoseError {
  constructor(message: string, cause?: Error) {
    super(ErrorCode.JWKS_INVALID, message, cause);
    this.name = 'JwksInvalidError';
  }
}

/** No key of the set matches the token's `alg`/`kid` (`ERR_JWKS_NO_MATCHING_KEY`). */
export class JwksNoMatchingKeyError extends JoseError {
  constructor(message?: string) {
    super(ErrorCode.JWKS_NO_MATCHING_KEY, message ?? 'no applicable key found in the JSON Web Key Set');
    this.name = 'JwksNoMatchingKeyError';
  }
}

/** More than one key matches where exactly one was asked for (`ERR_JWKS_MULTIPLE_MATCHING_KEYS`). */
export class JwksMultipleMatchingKeysError extends JoseError {
  readonly count: number;

  constructor(count: number) {
    super(ErrorCode.JWKS_MULTIPLE_MATCHING_KEYS, `${count} keys of the JSON Web Key Set match`);
    this.name = 'JwksMultipleMatchingKeysError';
    this.count = count;
  }
}

/** Fetching a remote JWKS took longer than its timeout (`ERR_JWKS_TIMEOUT`). */
export class JwksTimeoutError extends JoseError {
  readonly timeoutMs: number;

  constructor(url: string, timeoutMs: number) {
    super(ErrorCode.JWKS_TIMEOUT, `fetching the JWKS at ${url} timed out after ${timeoutMs} ms`);
    this.name = 'JwksTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** The JWKS fetcher failed (network, HTTP status) (`ERR_JWKS_FETCH_FAILED`); `cause` keeps its error. */
export class JwksFetchFailedError extends JoseError {
  constructor(url: string, cause?: Error) {
    super(ErrorCode.JWKS_FETCH_FAILED, `fetching the JWKS at ${url} failed${cause !== undefined ? `: ${cause.message}` : ''}`, cause);
    this.name = 'JwksFetchFailedError';
  }
}
