// The verified-token cache, the jti replay cache, the header cache, and the two hand-written
// decoders they rely on (SHA-256 and the payload text decoder), checked against Node.
import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Base64Url, ErrorCode, Utf8 } from '../../sdk/src/main/ets/core/index';
import type { CryptoKeyHandle, SignAlgorithm, SubtleLike } from '../../sdk/src/main/ets/platform/index';
import { SubtleCrypto } from '../../sdk/src/main/ets/platform/index';
import { JoseKey, JtiReplayCache, JwsHeaderCache, JwtVerifier, signJwt } from '../../sdk/src/main/ets/auth/index';
import { Sha256 } from '../../sdk/src/main/ets/auth/internal/Sha256';
import { decodeBase64UrlBytes, decodeBase64UrlText, TextDecodeFailure } from '../../sdk/src/main/ets/auth/internal/base64UrlText';
import { clockAt, NOW } from './fixtures';

class CountingVerify extends SubtleCrypto {
  verifies = 0;
  override verify(a: SignAlgorithm, k: CryptoKeyHandle, s: Uint8Array, d: Uint8Array): Promise<boolean> {
    this.verifies++;
    return super.verify(a, k, s, d);
  }
}

const setup = () => {
  const port = new CountingVerify(globalThis.crypto.subtle as unknown as SubtleLike);
  const key = JoseKey.fromSecret(port, new Uint8Array(32).fill(6));
  const clock = clockAt(NOW);
  return { port, key, clock };
};

describe('verified-token cache', () => {
  it('answers repeats without the signature check until the token expires', async () => {
    const { port, key, clock } = setup();
    const verifier = new JwtVerifier(key, { algorithms: ['HS256'], audience: 'media', clock }, { cache: { maxEntries: 10 } });
    const token = await signJwt({}, key, { alg: 'HS256', audience: 'media', expiresInSeconds: 60, clock });
    const first = await verifier.verify(token);
    const second = await verifier.verify(token);
    expect(second).toBe(first);
    expect(port.verifies).toBe(1);
    expect(verifier.cache?.hits).toBe(1);
    await clock.advance(59000);
    expect(await verifier.verify(token)).toBe(first);
    await clock.advance(1000); // now == exp: the entry has expired, and so has the token
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: ErrorCode.JWT_EXPIRED });
    expect(port.verifies).toBe(2);
  });

  it('never serves a different token, is bounded (LRU), caps the TTL, and only keeps successes', async () => {
    const { port, key, clock } = setup();
    const verifier = new JwtVerifier(key, { algorithms: ['HS256'], clock }, { cache: { maxEntries: 2, maxTtlSeconds: 30 } });
    const tokens = await Promise.all([1, 2, 3].map((n) => signJwt({ n }, key, { alg: 'HS256', expiresInSeconds: 3600, clock })));
    const [h, p, s] = tokens[0].split('.');
    await verifier.verify(tokens[0]);
    const forged = `${h}.${p}.${s.slice(0, -2)}${s.endsWith('A') ? 'BA' : 'AA'}`;
    await expect(verifier.verify(forged)).rejects.toHaveProperty('code');
    await expect(verifier.verify(`${tokens[0]}é`)).rejects.toMatchObject({ code: ErrorCode.JWS_INVALID });
    await expect(verifier.verify('a'.repeat(20000))).rejects.toMatchObject({ code: ErrorCode.JWS_INVALID });
    await verifier.verify(tokens[1]);
    await verifier.verify(tokens[0]); // refreshes tokens[0]
    await verifier.verify(tokens[2]); // evicts tokens[1], the least recently used
    expect(verifier.cache?.size).toBe(2);
    const before = port.verifies;
    await verifier.verify(tokens[0]);
    await verifier.verify(tokens[2]);
    expect(port.verifies).toBe(before);
    await verifier.verify(tokens[1]);
    expect(port.verifies).toBe(before + 1);
    await clock.advance(30000); // TTL cap
    await verifier.verify(tokens[2]);
    expect(port.verifies).toBe(before + 2);
  });

  it('cannot be combined with replay detection, and validates its options', () => {
    const { key } = setup();
    expect(() => new JwtVerifier(key, { algorithms: ['HS256'], replayCache: new JtiReplayCache() }, { cache: {} }))
      .toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
    expect(() => new JwtVerifier(key, { algorithms: ['HS256'] }, { cache: { maxEntries: 0 } })).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
    expect(() => new JwtVerifier(key, { algorithms: ['HS256'] }, { cache: { maxTtlSeconds: -1 } })).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
    expect(() => new JwtVerifier(key, { algorithms: ['HS256'] }, { headerCacheSize: 1.5 })).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
  });
});

describe('jti replay cache', () => {
  it('rejects a second use of a jti per issuer until the token expires', async () => {
    const { key, clock } = setup();
    const replayCache = new JtiReplayCache({ maxEntries: 100 });
    const verifier = new JwtVerifier(key, { algorithms: ['HS256'], clock, replayCache, clockToleranceSeconds: 5 });
    const t1 = await signJwt({}, key, { alg: 'HS256', issuer: 'a', jti: 'j1', expiresInSeconds: 60, clock });
    const t1b = await signJwt({ other: true }, key, { alg: 'HS256', issuer: 'b', jti: 'j1', expiresInSeconds: 60, clock });
    await verifier.verify(t1);
    await expect(verifier.verify(t1)).rejects.toMatchObject({ code: ErrorCode.JWT_REPLAYED, claim: 'jti' });
    await verifier.verify(t1b); // same jti, other issuer
    const noJti = await signJwt({}, key, { alg: 'HS256', expiresInSeconds: 60, clock });
    await expect(verifier.verify(noJti)).rejects.toMatchObject({ code: ErrorCode.JWT_CLAIM_VALIDATION_FAILED, claim: 'jti', reason: 'missing' });
    expect(replayCache.size).toBe(2);
  });

  it('forgets ids after expiry and reports evictions of live ids when full', () => {
    const cache = new JtiReplayCache({ maxEntries: 2 });
    expect(cache.checkAndRemember('a', 1000, 0)).toBe(true);
    expect(cache.checkAndRemember('a', 1000, 999)).toBe(false);
    expect(cache.checkAndRemember('a', 2000, 1000)).toBe(true); // expired record replaced
    expect(cache.checkAndRemember('b', 5000, 1000)).toBe(true);
    expect(cache.checkAndRemember('c', 5000, 1500)).toBe(true); // full: 'a' (expires 2000) is live -> evicted
    expect(cache.evictedLive).toBe(1);
    expect(cache.checkAndRemember('d', 6000, 5000)).toBe(true); // 'b' and 'c' expired at 5000: purged
    expect(cache.size).toBe(1);
    expect(cache.evictedLive).toBe(1);
    expect(() => new JtiReplayCache({ maxEntries: 0 })).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
  });
});

describe('header cache', () => {
  it('parses each distinct header once and stays bounded', () => {
    const cache = new JwsHeaderCache(2);
    const enc = (alg: string): string => Buffer.from(JSON.stringify({ alg })).toString('base64url');
    const a = cache.get(enc('HS256'));
    expect(cache.get(enc('HS256'))).toBe(a);
    cache.get(enc('HS384'));
    cache.get(enc('HS512'));
    expect(cache.size).toBe(2);
    expect(cache.get(enc('HS256'))).not.toBe(a); // evicted and parsed again
    const token = `${enc('ES256')}.e30.sig`;
    const h = cache.getFor(token, token.indexOf('.'));
    expect(cache.getFor(token, token.indexOf('.'))).toBe(h);
    const other = `${enc('ES384')}.e30.sig`;
    expect(cache.getFor(other, other.indexOf('.')).alg).toBe('ES384');
    expect(() => cache.get('e30')).toThrow(expect.objectContaining({ code: ErrorCode.JWS_INVALID }));
  });
});

describe('hand-written decoders', () => {
  it('SHA-256 matches node:crypto for any ASCII text and any bytes', () => {
    fc.assert(fc.property(fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)), maxLength: 300 }), (s) => {
      const words = Sha256.hashAscii(s)!;
      const out = Buffer.alloc(32);
      for (let i = 0; i < 8; i++) out.writeInt32BE(words[i], 4 * i);
      expect(out.toString('hex')).toBe(createHash('sha256').update(s, 'latin1').digest('hex'));
    }), { numRuns: 300 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 100 }), (b, k) => {
      expect(Buffer.from(Sha256.digest(b)).toString('hex')).toBe(createHash('sha256').update(b).digest('hex'));
      expect(Buffer.from(Sha256.hmac(k, b)).toString('hex')).toBe(createHmac('sha256', k).update(b).digest('hex'));
    }), { numRuns: 200 });
    expect(Sha256.hashAscii('é')).toBeUndefined();
  });

  it('the payload text decoder agrees with core Base64Url + Utf8 on valid and invalid input', () => {
    const check = (text: string): void => {
      const bytes = Base64Url.tryDecode(text);
      const mirror = new Uint8Array(text.length + 2);
      const r = decodeBase64UrlText(`x${text}y`, 1, text.length + 1, mirror);
      const raw = decodeBase64UrlBytes(`x${text}y`, 1, text.length + 1);
      expect(raw === undefined ? undefined : Array.from(raw)).toEqual(bytes === undefined ? undefined : Array.from(bytes));
      if (bytes === undefined) {
        expect(r.failure).toBe(TextDecodeFailure.BASE64);
        return;
      }
      const expected = Utf8.tryDecode(bytes);
      if (expected === undefined) {
        expect(r.failure).toBe(TextDecodeFailure.UTF8);
      } else {
        expect(r.failure).toBe(TextDecodeFailure.NONE);
        expect(r.text).toBe(expected);
        for (let i = 0; i < text.length; i++) expect(mirror[i + 1]).toBe(text.charCodeAt(i));
      }
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 12000 }), (b) => check(Buffer.from(b).toString('base64url'))), { numRuns: 200 });
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => check(Buffer.from(s).toString('base64url'))), { numRuns: 300 });
    fc.assert(fc.property(fc.stringMatching(/^[A-Za-z0-9_\-+/= é]{0,40}$/), check), { numRuns: 500 });
  });
});
