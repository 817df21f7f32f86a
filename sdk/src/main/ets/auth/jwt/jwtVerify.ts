import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';
import { Clock } from '../../platform/Clock';
import { Crypto } from '../../platform/crypto/Crypto';
import { asMeshError, VerifyKey } from '../jws/JwsVerification';
import { ReplayCache } from './JtiReplayCache';
import { JwtVerifier } from './JwtVerifier';
import { JwtVerifyOptions } from './JwtVerifyOptions';
import { JwtVerifyResult } from './JwtVerifyResult';

const sameList = (a: string[] | undefined, b: string[] | undefined): boolean => {
  if (a === undefined || b === undefined) {
    return a === b;
  }
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
};

const listOf = (v: string | string[] | undefined): string[] | undefined => {
  if (v === undefined) {
    return undefined;
  }
  return typeof v === 'string' ? [v as string] : (Array.isArray(v) ? (v as string[]).slice() : undefined);
};

/**
 * A verifier built for one (key, options object), with a copy of every option it was built
 * from: callers typically pass the same options object on every call, and comparing a dozen
 * fields is far cheaper than resolving the options again. Any change rebuilds the verifier.
 */
class CachedVerifier {
  readonly key: VerifyKey;
  readonly verifier: JwtVerifier;
  private readonly _algorithms: string[] | undefined;
  private readonly _crit: string[] | undefined;
  private readonly _maxTokenLength: number | undefined;
  private readonly _crypto: Crypto | undefined;
  private readonly _issuer: string[] | undefined;
  private readonly _audience: string[] | undefined;
  private readonly _subject: string | undefined;
  private readonly _typ: string | undefined;
  private readonly _maxAge: number | undefined;
  private readonly _tolerance: number | undefined;
  private readonly _required: string[] | undefined;
  private readonly _clock: Clock | undefined;
  private readonly _replay: ReplayCache | undefined;

  constructor(key: VerifyKey, options: JwtVerifyOptions, verifier: JwtVerifier) {
    this.key = key;
    this.verifier = verifier;
    this._algorithms = listOf(options.algorithms);
    this._crit = listOf(options.crit);
    this._maxTokenLength = options.maxTokenLength;
    this._crypto = options.crypto;
    this._issuer = listOf(options.issuer);
    this._audience = listOf(options.audience);
    this._subject = options.subject;
    this._typ = options.typ;
    this._maxAge = options.maxTokenAgeSeconds;
    this._tolerance = options.clockToleranceSeconds;
    this._required = listOf(options.requiredClaims);
    this._clock = options.clock;
    this._replay = options.replayCache;
  }

  matches(key: VerifyKey, o: JwtVerifyOptions): boolean {
    return key === this.key && o.maxTokenLength === this._maxTokenLength && o.crypto === this._crypto &&
      o.subject === this._subject && o.typ === this._typ && o.maxTokenAgeSeconds === this._maxAge &&
      o.clockToleranceSeconds === this._tolerance && o.clock === this._clock && o.replayCache === this._replay &&
      sameList(o.algorithms, this._algorithms) && sameList(o.crit, this._crit) &&
      sameList(listOrSelf(o.issuer), this._issuer) && sameList(listOrSelf(o.audience), this._audience) &&
      sameList(o.requiredClaims, this._required);
  }
}

// A string option compares as a one-element list without allocating one per call.
const ONE: string[] = [''];
const listOrSelf = (v: string | string[] | undefined): string[] | undefined => {
  if (typeof v === 'string') {
    ONE[0] = v as string;
    return ONE;
  }
  return v as string[] | undefined;
};

const VERIFIERS: WeakMap<Object, CachedVerifier> = new WeakMap<Object, CachedVerifier>();

/**
 * Verifies a JWT (a compact JWS whose payload is a JSON claims set, RFC 7519) and validates its
 * claims. `key` is a {@link KeySource} (a JoseKey, `createLocalJWKSet`, `createRemoteJWKSet`, your
 * own resolver) or raw key material (a `Uint8Array` HMAC secret or a `Jwk`, with `options.crypto`).
 * `options.algorithms` is required. Passing the same options object again reuses the resolved
 * verifier (any change to the options is detected); a {@link JwtVerifier} does the same explicitly
 * and adds the optional verified-token cache.
 *
 * Never throws: the promise rejects with a `JoseError`: `ERR_JWS_INVALID`, `ERR_JWT_INVALID`,
 * `ERR_JOSE_ALG_NOT_ALLOWED`, `ERR_JOSE_NOT_SUPPORTED`, `ERR_JWS_SIGNATURE_VERIFICATION_FAILED`,
 * `ERR_JWT_EXPIRED`, `ERR_JWT_NOT_YET_VALID`, `ERR_JWT_CLAIM_VALIDATION_FAILED` (with `claim`),
 * `ERR_JWT_REPLAYED`, `ERR_JWK_INVALID`, `ERR_JWKS_*`; or `ERR_INVALID_ARGUMENT` for bad options.
 *
 * @example
 * const { payload } = await jwtVerify(token, jwks, { algorithms: ['RS256'], issuer: 'https://id.example', audience: 'media' });
 * console.log(payload.sub, payload.getStringList('scope'));
 */
export const jwtVerify = (token: string, key: VerifyKey, options: JwtVerifyOptions): Promise<JwtVerifyResult> => {
  let verifier: JwtVerifier;
  try {
    const cacheable = options !== null && typeof options === 'object';
    const known = cacheable ? VERIFIERS.get(options) : undefined;
    if (known !== undefined && known.matches(key, options)) {
      verifier = known.verifier;
    } else {
      verifier = new JwtVerifier(key, options);
      if (cacheable) {
        VERIFIERS.set(options, new CachedVerifier(key, options, verifier));
      }
    }
  } catch (e) {
    return Promise.reject<JwtVerifyResult>(asMeshError(e as Error));
  }
  return verifier.verify(token);
};

const TOKEN_REJECTIONS: Set<string> = new Set<string>([
  ErrorCode.JWS_INVALID, ErrorCode.JWT_INVALID, ErrorCode.JWS_SIGNATURE_VERIFICATION_FAILED, ErrorCode.JOSE_ALG_NOT_ALLOWED,
  ErrorCode.JOSE_NOT_SUPPORTED, ErrorCode.JWT_EXPIRED, ErrorCode.JWT_NOT_YET_VALID, ErrorCode.JWT_CLAIM_VALIDATION_FAILED,
  ErrorCode.JWT_REPLAYED, ErrorCode.JWKS_NO_MATCHING_KEY, ErrorCode.JWKS_MULTIPLE_MATCHING_KEYS
]);

/**
 * True when `error` says the token is bad (malformed, forged, expired, wrong claims, no key for
 * it): answer 401. False for misuse (`ERR_INVALID_ARGUMENT`), key and key-set problems on the
 * verifier's side (`ERR_JWK_INVALID`, `ERR_JWKS_TIMEOUT`, ...) and internal errors.
 */
export const isTokenRejection = (error: Object | null | undefined): boolean => {
  return error instanceof MeshError && TOKEN_REJECTIONS.has(error.code);
};
