import { Clock } from '../../platform/Clock';
import { Crypto } from '../../platform/crypto/Crypto';
import { ReplayCache } from './JtiReplayCache';

/** Options of a compact JWS verification (`compactVerify`), and the base of the JWT options. */
export interface JwsVerifyOptions {
  /**
   * Required allowlist of `alg` values (e.g. `['ES256']`). A token whose `alg` is not listed is
   * rejected with `ERR_JOSE_ALG_NOT_ALLOWED` before any key is touched; `none` can never be listed.
   */
  algorithms: string[];
  /**
   * Extension header parameters this caller understands, which tokens may therefore mark as
   * critical (`crit`). `b64` (RFC 7797) is always understood. Default none.
   */
  crit?: string[];
  /** Longest token accepted, in characters. Default {@link DEFAULT_MAX_TOKEN_LENGTH} (16384). */
  maxTokenLength?: number;
  /** The Crypto port, needed when the key is given as a `Uint8Array` secret or a `Jwk`. */
  crypto?: Crypto;
}

/** Options of JWT verification (`jwtVerify`, `JwtVerifier`). Every claim check is off unless asked for. */
export interface JwtVerifyOptions extends JwsVerifyOptions {
  /** Accepted `iss` value(s); makes `iss` required. */
  issuer?: string | string[];
  /** Accepted audience(s): the token's `aud` (string or array) must contain one; makes `aud` required. */
  audience?: string | string[];
  /** Required `sub` value; makes `sub` required. */
  subject?: string;
  /**
   * Required `typ` header value, compared case-insensitively and without an `application/` prefix
   * (`'at+jwt'` accepts `application/at+JWT`). Default: not checked.
   */
  typ?: string;
  /** Largest accepted age (now - `iat`) in seconds; makes `iat` required. Default: not checked. */
  maxTokenAgeSeconds?: number;
  /** Allowed clock skew for `exp`, `nbf` and `iat`, in seconds. Default {@link DEFAULT_CLOCK_TOLERANCE_SECONDS} (0). */
  clockToleranceSeconds?: number;
  /** Claims that must be present (e.g. `['exp', 'jti']`). Default none. */
  requiredClaims?: string[];
  /** Source of the current time. Default: a shared SystemClock. Tests and the simulator pass a VirtualClock. */
  clock?: Clock;
  /**
   * Rejects a second use of a token's `jti` (per issuer) with `ERR_JWT_REPLAYED` until the token
   * expires; makes `jti` required. Default: no replay detection.
   */
  replayCache?: ReplayCache;
}

/** Options of the opt-in cache of verified tokens of a {@link JwtVerifier}. */
export interface VerifiedTokenCacheOptions {
  /** Most tokens kept; the least recently used is dropped first. Default {@link DEFAULT_VERIFIED_CACHE_SIZE} (1000). */
  maxEntries?: number;
  /** Longest time a result stays cached, in seconds (never past the token's `exp`). Default {@link DEFAULT_VERIFIED_CACHE_TTL_SECONDS} (600). */
  maxTtlSeconds?: number;
}

/** The caches of a {@link JwtVerifier} (its third constructor argument). */
export interface JwtVerifierCaching {
  /**
   * Opt-in cache of verified tokens, keyed by a SHA-256 hash of the token: a cached token skips
   * parsing and the signature check until it expires. Not combinable with `replayCache` (every
   * repeat would be a replay). Default: off.
   */
  cache?: VerifiedTokenCacheOptions;
  /**
   * Parsed protected headers kept by this verifier. Default: without a `caching` argument the
   * verifier shares the module-wide header cache ({@link DEFAULT_HEADER_CACHE_SIZE} entries), with
   * one it keeps its own of {@link DEFAULT_VERIFIER_HEADER_CACHE_SIZE} (64).
   */
  headerCacheSize?: number;
}

/** Default `clockToleranceSeconds`: no skew allowed. */
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 0;
/** Default `cache.maxEntries`. */
export const DEFAULT_VERIFIED_CACHE_SIZE = 1000;
/** Default `cache.maxTtlSeconds`. */
export const DEFAULT_VERIFIED_CACHE_TTL_SECONDS = 600;
/** Default `headerCacheSize` of a JwtVerifier. */
export const DEFAULT_VERIFIER_HEADER_CACHE_SIZE = 64;
