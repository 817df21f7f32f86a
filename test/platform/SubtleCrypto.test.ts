import { describe, expect, it } from 'vitest';
import { ErrorCode, MeshError, Utf8 } from '../../sdk/src/main/ets/core/index';
import { HashName, KeyFormat, SubtleCrypto } from '../../sdk/src/main/ets/platform/index';
import type { SubtleLike } from '../../sdk/src/main/ets/platform/index';

const subtle = globalThis.crypto.subtle as unknown as SubtleLike;
const port = new SubtleCrypto(subtle);
const data = Utf8.encode('the quick brown fox');

describe('SubtleCrypto port', () => {
  it('digests like node:crypto', async () => {
    const { createHash } = await import('node:crypto');
    for (const [h, n] of [[HashName.SHA_256, 'sha256'], [HashName.SHA_384, 'sha384'], [HashName.SHA_512, 'sha512']] as const) {
      const mine = await port.digest(h, data);
      expect(Buffer.from(mine).toString('hex')).toBe(createHash(n).update(data).digest('hex'));
    }
  });

  it('signs and verifies HMAC with a raw key', async () => {
    const key = await port.importKey(KeyFormat.RAW, new Uint8Array(32).fill(7), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    const sig = await port.sign({ name: 'HMAC' }, key, data);
    expect(sig.length).toBe(32);
    expect(await port.verify({ name: 'HMAC' }, key, sig, data)).toBe(true);
    sig[0] ^= 1;
    expect(await port.verify({ name: 'HMAC' }, key, sig, data)).toBe(false);
  });

  it('signs and verifies with generated ECDSA, RSA-PSS, RSASSA and Ed25519 pairs, and round-trips JWKs', async () => {
    const cases = [
      { gen: { name: 'ECDSA', namedCurve: 'P-256' }, sign: { name: 'ECDSA', hash: 'SHA-256' }, imp: { name: 'ECDSA', namedCurve: 'P-256' } },
      { gen: { name: 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, sign: { name: 'RSA-PSS', saltLength: 32 }, imp: { name: 'RSA-PSS', hash: 'SHA-256' } },
      { gen: { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, sign: { name: 'RSASSA-PKCS1-v1_5' }, imp: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } },
      { gen: { name: 'Ed25519' }, sign: { name: 'Ed25519' }, imp: { name: 'Ed25519' } },
    ];
    for (const c of cases) {
      const pair = await port.generateKeyPair(c.gen, true, ['sign', 'verify']);
      const sig = await port.sign(c.sign, pair.privateKey, data);
      const jwk = await port.exportJwk(pair.publicKey);
      expect(typeof jwk.kty).toBe('string');
      const pub = await port.importJwk(jwk, c.imp, false, ['verify']);
      expect(await port.verify(c.sign, pub, sig, data)).toBe(true);
      expect(await port.verify(c.sign, pub, sig, Utf8.encode('other'))).toBe(false);
    }
  }, 60000);

  it('generates HMAC secrets', async () => {
    const key = await port.generateSecret({ name: 'HMAC', hash: 'SHA-512' }, true, ['sign']);
    const jwk = await port.exportJwk(key);
    expect(jwk.kty).toBe('oct');
    expect(jwk.k?.length).toBeGreaterThan(80);
  });

  it('turns provider failures into MeshErrors with ERR_CRYPTO or ERR_UNSUPPORTED', async () => {
    const bad = port.importKey(KeyFormat.SPKI, new Uint8Array([1, 2, 3]), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    await expect(bad).rejects.toBeInstanceOf(MeshError);
    await expect(bad).rejects.toMatchObject({ code: ErrorCode.CRYPTO });
    await expect(port.digest('MD5', data)).rejects.toMatchObject({ code: expect.stringMatching(/ERR_(UNSUPPORTED|CRYPTO)/) });
    const throwingSubtle = { ...subtle, digest: () => { throw new TypeError('sync failure'); } } as unknown as SubtleLike;
    await expect(new SubtleCrypto(throwingSubtle).digest('SHA-256', data)).rejects.toMatchObject({ code: ErrorCode.CRYPTO });
  });
});
