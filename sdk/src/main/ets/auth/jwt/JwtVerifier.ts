import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { JsonObject } from '../../core/json/JsonValue';
import { Clock } from '../../platform/Clock';
import { SystemClock } from '../../platform/SystemClock';
import {
  JoseError, JwsInvalidError, JwsSignatureVerificationFailedError, JwtInvalidError, JwtReplayedError
} from '../errors/JoseErrors';
import { JwsAlgorithmEntry } from '../jwa/JwsAlgorithms';
import { CompactJws } from '../jws/CompactJws';
import { JwsHeader, JwsHeaderCache, parseJsonObject, SHARED_HEADER_CACHE } from '../jws/JwsHeader';
import {
  asMeshError, JwsVerification, signaturePlausible, VerifyKey, verifyWithCandidates, verifyWithKey
} from '../jws/JwsVerification';
import { DecodedText, decodeBase64UrlBytes, decodeBase64UrlText, TextDecodeFailure } from '../internal/base64UrlText';
import { takeBytes } from '../internal/ByteSlab';
import { JoseKey } from '../keys/JoseKey';
import { ReplayCache } from './JtiReplayCache';
import { JwtClaims } from './JwtClaims';
import { JwtClaimsPolicy } from './JwtClaimsPolicy';
import { DEFAULT_VERIFIER_HEADER_CACHE_SIZE, JwtVerifierCaching, JwtVerifyOptions } from './JwtVerifyOptions';
import { JwtVerifyResult } from './JwtVerifyResult';
import { VerifiedTokenCache } from './VerifiedTokenCache';

/** The clock verifications use when the options name none. */
export const SHARED_SYSTEM_CLOCK: Clock = new SystemClock();

/** What the claims check found while the signature was being verified. */
class ClaimsOutcome {
  readonly claims: JwtClaims | undefined;
  readonly problem: JoseError | undefined;
  readonly nowMs: number;

  constructor(claims: JwtClaims | undefined, problem: JoseError | undefined, nowMs: number) {
    this.claims = claims;
    this.problem = problem;
    this.nowMs = nowMs;
  }
}

/**
 * Verifies JWTs against one key source and one set of rules, resolved once: the fast way to verify
 * many tokens (a gateway, a device accepting envelopes). `verify` checks the JWS structure, the
 * `alg` allowlist, `crit`, the signature, then the claims, and rejects with a typed `JoseError`.
 *
 * Hot-path notes: headers are parsed once per distinct encoded header; keys are imported once;
 * while the Crypto port checks the signature, the claims are decoded and validated (their
 * verdict is only reported once the signature has verified, so a forged token always reports
 * `ERR_JWS_SIGNATURE_VERIFICATION_FAILED`); a verification costs one promise hop over the port.
 *
 * @example
 * const verifier = new JwtVerifier(jwks, { algorithms: ['ES256'], issuer: 'https://id.example', audience: 'media' },
 *   { cache: { maxEntries: 1000 } });
 * const { payload } = await verifier.verify(token);
 */
export class JwtVerifier {
  private readonly _jws: JwsVerification;
  private readonly _policy: JwtClaimsPolicy;
  private readonly _clock: Clock;
  private readonly _replay: ReplayCache | undefined;
  private readonly _headers: JwsHeaderCache;
  private readonly _cache: VerifiedTokenCache | undefined;

  /** Validates the options (InvalidArgumentError) and the key (JoseError). */
  constructor(key: VerifyKey, options: JwtVerifyOptions, caching?: JwtVerifierCaching) {
    this._jws = new JwsVerification(key, options);
    this._policy = new JwtClaimsPolicy(options);
    this._clock = options.clock ?? SHARED_SYSTEM_CLOCK;
    this._replay = options.replayCache;
    const headerCacheSize = caching?.headerCacheSize;
    if (headerCacheSize === undefined) {
      this._headers = caching === undefined ? SHARED_HEADER_CACHE : new JwsHeaderCache(DEFAULT_VERIFIER_HEADER_CACHE_SIZE);
    } else {
      if (!Number.isInteger(headerCacheSize) || headerCacheSize < 0) {
        throw new InvalidArgumentError('caching.headerCacheSize', 'must be an integer >= 0');
      }
      this._headers = new JwsHeaderCache(headerCacheSize);
    }
    const cacheOptions = caching?.cache;
    if (cacheOptions !== undefined) {
      if (options.replayCache !== undefined) {
        throw new InvalidArgumentError('caching.cache', 'cannot be combined with replayCache: every cached repeat would be a replay');
      }
      this._cache = new VerifiedTokenCache(cacheOptions);
    } else {
      this._cache = undefined;
    }
  }

  /** The verified-token cache, when enabled (for its statistics). */
  get cache(): VerifiedTokenCache | undefined {
    return this._cache;
  }

  /** Verifies `token`. Never throws: rejects with a JoseError (or a MeshError for internal failures). */
  verify(token: string): Promise<JwtVerifyResult> {
    try {
      const cache = this._cache;
      // The size limit applies before hashing: an oversized token must not cost a long hash.
      if (cache !== undefined && typeof token === 'string' && token.length <= this._jws.maxTokenLength) {
        const digest = cache.digest(token);
        if (digest !== undefined) {
          const hit = cache.get(digest, this._clock.now());
          if (hit !== undefined) {
            return Promise.resolve(hit);
          }
          return this.run(token, digest);
        }
      }
      return this.run(token, undefined);
    } catch (e) {
      return Promise.reject<JwtVerifyResult>(asMeshError(e as Error));
    }
  }

  private run(token: string, digest: Int32Array | undefined): Promise<JwtVerifyResult> {
    const parts = CompactJws.split(token, this._jws.maxTokenLength);
    const headerEnd = parts.headerEnd;
    const payloadEnd = parts.payloadEnd;
    const header = this._headers.getFor(token, headerEnd);
    const entry = this._jws.check(header);
    if (!header.b64) {
      throw new JwtInvalidError('JWTs must not use an unencoded payload ("b64": false)');
    }
    const signature = decodeBase64UrlBytes(token, payloadEnd + 1, token.length);
    if (signature === undefined) {
      throw new JwsInvalidError('the JWS signature is not canonical base64url');
    }
    // The signing input is the token's first two parts: the cached header bytes, then the payload
    // characters, which the decoder copies while it reads them.
    const data = takeBytes(payloadEnd);
    data.set(header.signingPrefix, 0);
    const payload = decodeBase64UrlText(token, headerEnd + 1, payloadEnd, data);
    if (payload.failure === TextDecodeFailure.BASE64) {
      throw new JwsInvalidError('the JWS payload is not canonical base64url');
    }
    const keys = this._jws.source.resolveKeys(header);
    if (keys instanceof Promise) {
      return keys.then((resolved: JoseKey[]): Promise<JwtVerifyResult> =>
        this.check(resolved, header, entry, signature, data, payload, digest)).catch((e: Error): never => {
        throw asMeshError(e);
      });
    }
    return this.check(keys, header, entry, signature, data, payload, digest);
  }

  private check(keys: JoseKey[], header: JwsHeader, entry: JwsAlgorithmEntry, signature: Uint8Array,
    data: Uint8Array, payload: DecodedText, digest: Int32Array | undefined): Promise<JwtVerifyResult> {
    const key = keys[0];
    let found: Promise<JoseKey | undefined>;
    if (keys.length === 1) {
      const handle = key.verifyKey(entry);
      if (!(handle instanceof Promise)) {
        // Fast path: one key, already imported. Start the signature check, then do the claims.
        if (!signaturePlausible(entry, key, signature)) {
          return Promise.reject<JwtVerifyResult>(new JwsSignatureVerificationFailedError());
        }
        const verified = key.crypto.verify(entry.signAlgorithm, handle, signature, data);
        const outcome = this.claims(payload, header);
        return verified.then((ok: boolean): JwtVerifyResult => this.finish(ok ? key : undefined, header, outcome, digest),
          (e: Error): never => {
            throw new JwsSignatureVerificationFailedError('the signature could not be verified', e);
          });
      }
      found = verifyWithKey(key, entry, signature, data, handle)
        .then((ok: boolean): JoseKey | undefined => ok ? key : undefined);
    } else {
      found = verifyWithCandidates(keys, entry, signature, data);
    }
    const outcome = this.claims(payload, header);
    return found.then((k: JoseKey | undefined): JwtVerifyResult => this.finish(k, header, outcome, digest));
  }

  private claims(payload: DecodedText, header: JwsHeader): ClaimsOutcome {
    const nowMs = this._clock.now();
    const raw: JsonObject | undefined = payload.failure === TextDecodeFailure.NONE ? parseJsonObject(payload.text) : undefined;
    if (raw === undefined) {
      return new ClaimsOutcome(undefined, new JwtInvalidError('the JWT claims set must be a UTF-8 JSON object'), nowMs);
    }
    let problem: JoseError | undefined;
    try {
      problem = this._policy.validate(raw, header, Math.floor(nowMs / 1000));
    } catch (e) {
      // Never leave the signature promise unobserved because of a bug here: report it instead.
      problem = new JwtInvalidError(`the claims could not be checked: ${(e as Error).message}`, e as Error);
    }
    return new ClaimsOutcome(new JwtClaims(raw), problem, nowMs);
  }

  private finish(key: JoseKey | undefined, header: JwsHeader, outcome: ClaimsOutcome, digest: Int32Array | undefined): JwtVerifyResult {
    if (key === undefined) {
      throw new JwsSignatureVerificationFailedError();
    }
    const problem = outcome.problem;
    if (problem !== undefined) {
      throw problem;
    }
    const claims = outcome.claims as JwtClaims;
    const nowMs = outcome.nowMs;
    const notAfter = this.notAfterMs(claims, nowMs);
    const replay = this._replay;
    if (replay !== undefined) {
      const id = `${claims.iss ?? ''}\n${claims.jti as string}`;
      if (!replay.checkAndRemember(id, notAfter, nowMs)) {
        throw new JwtReplayedError('the token\'s "jti" has already been used', claims.raw);
      }
    }
    const result = new JwtVerifyResult(claims, header, key);
    const cache = this._cache;
    if (cache !== undefined && digest !== undefined) {
      cache.set(digest, result, notAfter, nowMs);
    }
    return result;
  }

  // Until when this token stays acceptable: its exp (plus tolerance for replay records), else the
  // end of its maximum age; tokens without either are remembered for the cache TTL / a day.
  private notAfterMs(claims: JwtClaims, nowMs: number): number {
    const exp = claims.exp;
    const tolerance = this._replay !== undefined ? this._policy.toleranceSeconds : 0;
    let limit = exp !== undefined ? (exp + tolerance) * 1000 : Number.POSITIVE_INFINITY;
    const maxAge = this._policy.maxTokenAgeSeconds;
    const iat = claims.iat;
    if (maxAge !== undefined && iat !== undefined) {
      limit = Math.min(limit, (iat + maxAge + tolerance) * 1000);
    }
    return Number.isFinite(limit) ? limit : (this._cache !== undefined ? limit : nowMs + 86400000);
  }
}
