// JoseKey: SPKI/PKCS#8/PEM/CryptoKey inputs, handle caching (no re-import), thumbprints.
import { generateKeyPairSync } from 'node:crypto';
import * as jose from 'jose';
import { describe, expect, it } from 'vitest';
import { ErrorCode, Utf8 } from '../../sdk/src/main/ets/core/index';
import type { CryptoKeyHandle, Jwk, KeyAlgorithm, KeyFormat, SubtleLike } from '../../sdk/src/main/ets/platform/index';
import { SubtleCrypto } from '../../sdk/src/main/ets/platform/index';
import { compactSign, compactVerify, JoseKey, JwsAlgorithms, jwtVerify, Pem, signJwt } from '../../sdk/src/main/ets/auth/index';
import { clockAt, crypto, jwkPair, NOW } from './fixtures';

class CountingImports extends SubtleCrypto {
  imports = 0;
  override importJwk(jwk: Jwk, algorithm: KeyAlgorithm, extractable: boolean, usages: string[]): Promise<CryptoKeyHandle> {
    this.imports++;
    return super.importJwk(jwk, algorithm, extractable, usages);
  }
  override importKey(format: KeyFormat, data: Uint8Array, algorithm: KeyAlgorithm, extractable: boolean, usages: string[]): Promise<CryptoKeyHandle> {
    this.imports++;
    return super.importKey(format, data, algorithm, extractable, usages);
  }
}
const counting = (): CountingImports => new CountingImports(globalThis.crypto.subtle as unknown as SubtleLike);

describe('JoseKey inputs', () => {
  const cases: [string, 'rsa' | 'ec' | 'ed25519', object][] = [
    ['RS256', 'rsa', { modulusLength: 2048 }], ['PS384', 'rsa', { modulusLength: 3072 }],
    ['ES256', 'ec', { namedCurve: 'P-256' }], ['ES512', 'ec', { namedCurve: 'P-521' }], ['EdDSA', 'ed25519', {}],
  ];
  for (const [alg, type, params] of cases) {
    it(`${alg}: PEM SPKI verifies and PEM PKCS#8 signs`, async () => {
      const pair = generateKeyPairSync(type as 'rsa', params as { modulusLength: number });
      const spkiPem = pair.publicKey.export({ type: 'spki', format: 'pem' }) as string;
      const pkcs8Pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
      const pub = JoseKey.fromSpki(crypto, spkiPem, { kid: 'pem' });
      const priv = JoseKey.fromPkcs8(crypto, pkcs8Pem);
      expect(pub.canVerify && !pub.canSign).toBe(true);
      expect(priv.canSign).toBe(true);
      // Node's PKCS#8 embeds the public key for RSA and EC, not for Ed25519.
      expect(priv.canVerify).toBe(type !== 'ed25519');
      const token = await signJwt({ n: 1 }, priv, { alg, clock: clockAt(NOW) });
      expect((await jwtVerify(token, pub, { algorithms: [alg], clock: clockAt(NOW) })).payload.getNumber('n')).toBe(1);
      // DER input works the same, and jose agrees.
      const der = JoseKey.fromSpki(crypto, new Uint8Array(pair.publicKey.export({ type: 'spki', format: 'der' })));
      expect((await compactVerify(token, der, { algorithms: [alg] })).protectedHeader.alg).toBe(alg);
      const joseKey = await jose.importSPKI(spkiPem, alg);
      expect((await jose.jwtVerify(token, joseKey, { currentDate: new Date(NOW * 1000) })).payload).toMatchObject({ n: 1 });
      expect(pub.publicJwk()).toMatchObject({ kty: type === 'rsa' ? 'RSA' : type === 'ec' ? 'EC' : 'OKP', kid: 'pem' });
    }, 30000);
  }

  it('rejects malformed PEM and DER, and RSA keys under 2048 bits', () => {
    expect(() => JoseKey.fromSpki(crypto, 'not pem')).toThrow(expect.objectContaining({ code: ErrorCode.JWK_INVALID }));
    expect(() => JoseKey.fromSpki(crypto, '-----BEGIN PUBLIC KEY-----\n@@@\n-----END PUBLIC KEY-----')).toThrow(expect.objectContaining({ code: ErrorCode.JWK_INVALID }));
    expect(() => JoseKey.fromSpki(crypto, new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]))).toThrow(expect.objectContaining({ code: ErrorCode.JWK_INVALID }));
    expect(() => JoseKey.fromPkcs8(crypto, new Uint8Array(10))).toThrow(expect.objectContaining({ code: ErrorCode.JWK_INVALID }));
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => JoseKey.fromSpki(crypto, weak.publicKey.export({ type: 'spki', format: 'pem' }) as string)).toThrow(expect.objectContaining({ code: ErrorCode.JWK_INVALID }));
    expect(() => JoseKey.fromPkcs8(crypto, weak.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string)).toThrow(expect.objectContaining({ code: ErrorCode.JWK_INVALID }));
    const der = new Uint8Array([1, 2, 3, 250]);
    expect(Pem.decode(Pem.encode(der, 'PUBLIC KEY'), 'PUBLIC KEY')).toEqual(der);
  });

  it('wraps an imported CryptoKey bound to one alg', async () => {
    const { privateJwk, publicJwk } = await jwkPair('ES384');
    const handle = await crypto.importJwk(publicJwk, { name: 'ECDSA', namedCurve: 'P-384' }, false, ['verify']);
    const key = JoseKey.fromCryptoKey(crypto, handle, 'ES384');
    expect(key.canVerify && !key.canSign).toBe(true);
    const token = await signJwt({}, JoseKey.fromJwk(crypto, privateJwk), { alg: 'ES384', clock: clockAt(NOW) });
    expect((await jwtVerify(token, key, { algorithms: ['ES384'], clock: clockAt(NOW) })).key).toBe(key);
    expect(() => JoseKey.fromCryptoKey(crypto, handle, 'XS1')).toThrow(expect.objectContaining({ code: ErrorCode.JWK_INVALID }));
    const secretHandle = await crypto.importKey('raw' as KeyFormat, new Uint8Array(32).fill(4), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    const hs = JoseKey.fromCryptoKey(crypto, secretHandle, 'HS256');
    expect((await compactVerify(await compactSign(Utf8.encode('x'), hs, { alg: 'HS256' }), hs, { algorithms: ['HS256'] })).payload).toEqual(Utf8.encode('x'));
  });
});

describe('JoseKey handle cache', () => {
  it('imports once per algorithm, even for concurrent first uses', async () => {
    const port = counting();
    const { privateJwk, publicJwk } = await jwkPair('ES256');
    const key = JoseKey.fromJwk(port, publicJwk);
    const token = await signJwt({}, JoseKey.fromJwk(crypto, privateJwk), { alg: 'ES256', clock: clockAt(NOW) });
    const opts = { algorithms: ['ES256'], clock: clockAt(NOW) };
    await Promise.all([jwtVerify(token, key, opts), jwtVerify(token, key, opts), jwtVerify(token, key, opts)]);
    await jwtVerify(token, key, opts);
    expect(port.imports).toBe(1);
  });

  it('wraps raw secrets and JWKs passed to jwtVerify once per object', async () => {
    const port = counting();
    const secret = new Uint8Array(32).fill(8);
    const token = await signJwt({}, JoseKey.fromSecret(crypto, secret), { alg: 'HS256', clock: clockAt(NOW) });
    for (let i = 0; i < 3; i++) {
      await jwtVerify(token, secret, { algorithms: ['HS256'], crypto: port, clock: clockAt(NOW) });
    }
    expect(port.imports).toBe(1);
    const jwk: Jwk = { kty: 'oct', k: Buffer.from(secret).toString('base64url') };
    await jwtVerify(token, jwk, { algorithms: ['HS256'], crypto: port, clock: clockAt(NOW) });
    await jwtVerify(token, jwk, { algorithms: ['HS256'], crypto: port, clock: clockAt(NOW) });
    expect(port.imports).toBe(2);
    await expect(jwtVerify(token, secret, { algorithms: ['HS256'] })).resolves.toBeDefined(); // wrapped already
    await expect(jwtVerify(token, new Uint8Array(32).fill(8), { algorithms: ['HS256'] })).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
    await expect(jwtVerify(token, 'secret' as never, { algorithms: ['HS256'], crypto })).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
  });

  it('preloads verification handles and refuses algorithms that do not fit', async () => {
    const port = counting();
    const key = JoseKey.fromSecret(port, new Uint8Array(48).fill(2));
    await key.preload();
    expect(port.imports).toBe(2); // HS256 and HS384 fit a 48-byte secret; HS512 does not
    await expect(key.preload(['HS512'])).rejects.toMatchObject({ code: ErrorCode.JOSE_ALG_NOT_ALLOWED });
    await expect(key.preload(['ES256'])).rejects.toMatchObject({ code: ErrorCode.JOSE_ALG_NOT_ALLOWED });
    await expect(key.preload(['XX'])).rejects.toMatchObject({ code: ErrorCode.JOSE_ALG_NOT_ALLOWED });
  });
});

describe('JWK thumbprints (RFC 7638)', () => {
  it('matches the RFC 7638 section 3.1 example', async () => {
    const jwk: Jwk = {
      kty: 'RSA', e: 'AQAB', alg: 'RS256', kid: '2011-04-29',
      n: '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
    };
    expect(await JoseKey.fromJwk(crypto, jwk).thumbprint()).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
  });

  it('agrees with jose for every key type', async () => {
    for (const alg of ['ES256', 'ES521', 'EdDSA', 'PS256']) {
      const a = alg === 'ES521' ? 'ES512' : alg;
      const { publicJwk, privateJwk } = await jwkPair(a);
      const expected = await jose.calculateJwkThumbprint(publicJwk as jose.JWK);
      expect(await JoseKey.fromJwk(crypto, publicJwk).thumbprint()).toBe(expected);
      expect(await JoseKey.fromJwk(crypto, privateJwk).thumbprint()).toBe(expected);
    }
    const oct: Jwk = { kty: 'oct', k: Buffer.alloc(32, 7).toString('base64url') };
    expect(await JoseKey.fromJwk(crypto, oct).thumbprint()).toBe(await jose.calculateJwkThumbprint(oct as jose.JWK));
    expect(JwsAlgorithms.forKeyType(JoseKey.fromJwk(crypto, oct).keyType)).toEqual(['HS256', 'HS384', 'HS512']);
  });
});
