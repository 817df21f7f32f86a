import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { Sha256 } from '../internal/Sha256';
import { JwtVerifyResult } from './JwtVerifyResult';
import {
  DEFAULT_VERIFIED_CACHE_SIZE, DEFAULT_VERIFIED_CACHE_TTL_SECONDS, VerifiedTokenCacheOptions
} from './JwtVerifyOptions';

class CachedToken {
  readonly digest: Int32Array;
  readonly result: JwtVerifyResult;
  readonly expiresAt: number;

  constructor(digest: Int32Array, result: JwtVerifyResult, expiresAt: number) {
    this.digest = digest;
    this.result = result;
    this.expiresAt = expiresAt;
  }
}

const sameDigest = (a: Int32Array, b: Int32Array): boolean => {
  for (let i = 0; i < 8; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
};

/**
 * The opt-in cache of verified tokens of a JwtVerifier. Keys are the SHA-256 of the token (the
 * cache never holds the bearer tokens themselves), looked up by their first 53 bits and confirmed
 * on all 256; values are the verification results. Bounded (least recently used first out), and
 * an entry expires at the token's `exp` or after `maxTtlSeconds`, whichever comes first.
 */
export class VerifiedTokenCache {
  private readonly _entries: Map<number, CachedToken> = new Map<number, CachedToken>();
  private readonly _max: number;
  private readonly _ttlMs: number;
  private _hits: number = 0;
  private _misses: number = 0;

  constructor(options: VerifiedTokenCacheOptions) {
    const max = options.maxEntries ?? DEFAULT_VERIFIED_CACHE_SIZE;
    if (!Number.isInteger(max) || max < 1) {
      throw new InvalidArgumentError('caching.cache.maxEntries', 'must be an integer >= 1');
    }
    const ttl = options.maxTtlSeconds ?? DEFAULT_VERIFIED_CACHE_TTL_SECONDS;
    if (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl <= 0) {
      throw new InvalidArgumentError('caching.cache.maxTtlSeconds', 'must be a finite number > 0');
    }
    this._max = max;
    this._ttlMs = ttl * 1000;
  }

  /** The digest to look `token` up by, or undefined for non-ASCII text (never a valid compact JWS). */
  digest(token: string): Int32Array | undefined {
    return Sha256.hashAscii(token);
  }

  /** The cached result for a token digest, if present and not expired at `nowMs`. */
  get(digest: Int32Array, nowMs: number): JwtVerifyResult | undefined {
    const slot = VerifiedTokenCache.slot(digest);
    const entry = this._entries.get(slot);
    if (entry === undefined || !sameDigest(entry.digest, digest)) {
      this._misses++;
      return undefined;
    }
    this._entries.delete(slot);
    if (entry.expiresAt <= nowMs) {
      this._misses++;
      return undefined;
    }
    this._entries.set(slot, entry); // most recently used goes last
    this._hits++;
    return entry.result;
  }

  /** Caches a verified result until `notAfterMs` (the token's expiry), capped by the TTL. */
  set(digest: Int32Array, result: JwtVerifyResult, notAfterMs: number, nowMs: number): void {
    const expiresAt = Math.min(notAfterMs, nowMs + this._ttlMs);
    if (!(expiresAt > nowMs)) {
      return;
    }
    const slot = VerifiedTokenCache.slot(digest);
    this._entries.delete(slot);
    if (this._entries.size >= this._max) {
      const oldest = this._entries.keys().next();
      if (!oldest.done) {
        this._entries.delete(oldest.value);
      }
    }
    this._entries.set(slot, new CachedToken(digest, result, expiresAt));
  }

  get size(): number {
    return this._entries.size;
  }

  get hits(): number {
    return this._hits;
  }

  get misses(): number {
    return this._misses;
  }

  clear(): void {
    this._entries.clear();
  }

  // 32 bits of the first word and 21 of the second: an exact integer key for the Map.
  private static slot(digest: Int32Array): number {
    return (digest[0] >>> 0) * 2097152 + (digest[1] >>> 11);
  }
}
